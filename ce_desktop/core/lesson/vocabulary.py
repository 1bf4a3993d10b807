"""The fixed vocabularies a steps file may use: the Show-me actions and the state
predicates, each with the arguments it takes.

An argument is a number, a list of numbers, a text or a flag, and every one is optional
unless marked required; a file that names anything else is refused (``steps.load_steps``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ArgKind = Literal["number", "numbers", "text", "flag"]


@dataclass(frozen=True)
class Arg:
    """One argument an action or a predicate takes."""

    kind: ArgKind
    required: bool = False


#: What a step's Show-me button can do, by name: the arguments each takes.
ACTIONS: dict[str, dict[str, Arg]] = {
    # The entropy explorer's coin: P(heads).
    "coin": {"p": Arg("number", required=True)},
    # The entropy explorer's state, from its default with these fields replaced.
    "explorer": {"p": Arg("numbers"), "q": Arg("numbers"), "logits": Arg("numbers"),
                 "q_source": Arg("text"), "temperature": Arg("number"),
                 "epsilon": Arg("number"), "unit": Arg("text")},
    # Loss surfaces → per-sample losses: label y, smoothing ε, K, and where to read them.
    "loss_curves": {"label": Arg("number"), "smoothing": Arg("number"),
                    "classes": Arg("number"), "readout_p": Arg("number")},
    # Loss surfaces → BCE vs MSE: choose w and run gradient descent from it to the end.
    "logistic_descent": {"w1": Arg("number", required=True),
                         "w2": Arg("number", required=True), "steps": Arg("number")},
    # The trainer: a preset (with label smoothing ε, learning rate and epochs replaced),
    # run; beside a run of another preset.
    "train": {"preset": Arg("text", required=True), "label_smoothing": Arg("number"),
              "lr": Arg("number"), "epochs": Arg("number"), "compare_with": Arg("text")},
    # The trainer's Samples page, after a tutorial run if there is no finished run.
    "show_samples": {},
    # The landscape of the last run (a tutorial run first if there is none).
    "landscape": {"size": Arg("number")},
}

#: What a step's task can check, by name: the arguments each takes.
PREDICATES: dict[str, dict[str, Arg]] = {
    "coin_entropy_bits": {"equals": Arg("number", required=True)},
    "entropy_is_log_k": {"min_classes": Arg("number")},
    "cross_entropy_equals_entropy": {},
    "kl_asymmetric": {"min_gap_bits": Arg("number", required=True)},
    "cross_entropy_infinite": {},
    "cross_entropy_above_nats": {"value": Arg("number", required=True)},
    "softmax_temperature_below": {"temperature": Arg("number", required=True)},
    "curves_readout": {"label": Arg("number", required=True),
                       "max_p": Arg("number", required=True)},
    "logistic_descended": {},
    "run_finished": {"preset": Arg("text", required=True), "below_baseline": Arg("flag"),
                     "min_label_smoothing": Arg("number")},
    "run_diverged": {},
    "runs_compared": {"preset": Arg("text", required=True),
                      "with_preset": Arg("text", required=True)},
    "samples_shown": {},
    "landscape_ready": {},
}

#: Where a step's pane floats when it cannot dock beside the tabs: the side of the window
#: that the step's "look at" leaves free. A step without "pane" floats on the right.
PANE_SIDES = ("right", "left")
