"""An experiment file: the entropy explorer's state and the trainer's settings, as JSON,
so an experiment can be shared and reproduced."""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ce_desktop.core.bounded_reads import read_small_text
from ce_desktop.core.entropy.distributions import MAX_CLASSES, MIN_CLASSES
from ce_desktop.core.entropy.explorer import Q_SOURCES, ExplorerState
from ce_desktop.core.info import Unit, entropy
from ce_desktop.core.jobs import Control, Emit
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained
from ce_desktop.core.training.config import TrainConfig

FORMAT = "ce-desktop-experiment/1"
#: An experiment file is a few kilobytes; anything this large is not one.
MAX_BYTES = 1_000_000


class ExperimentError(Explained, ValueError):
    """A file that is not a usable experiment, with the reason."""


ONE_OF = QT_TRANSLATE_NOOP("core", "entropy.{key} must be one of {choices}")


def check_entropy_state(state: Any) -> ExplorerState:
    """The entropy explorer's state read from its JSON form, every field checked;
    ExperimentError otherwise."""
    if not isinstance(state, dict):
        raise ExperimentError(QT_TRANSLATE_NOOP("core",
                                                "the entropy section must be a JSON object"))
    out: dict[str, Any] = {}
    for key in ("p", "q"):
        values = state.get(key)
        if not isinstance(values, list) or not values:
            raise ExperimentError(QT_TRANSLATE_NOOP(
                "core", "entropy.{key} must be a list of probabilities"), key=key)
        try:
            entropy(values)  # raises for negatives, NaN, or a sum other than 1
        except (ValueError, TypeError) as error:
            raise ExperimentError(QT_TRANSLATE_NOOP("core", "entropy.{key}: {reason}"),
                                  key=key, reason=error) from None
        out[key] = [float(v) for v in values]
    if len(out["p"]) != len(out["q"]):
        raise ExperimentError(QT_TRANSLATE_NOOP(
            "core", "entropy.p has {p} classes but entropy.q has {q}"),
            p=len(out["p"]), q=len(out["q"]))
    k = len(out["p"])
    if not MIN_CLASSES <= k <= MAX_CLASSES:
        raise ExperimentError(QT_TRANSLATE_NOOP(
            "core", "the explorer shows {low} to {high} classes; entropy.p has {k}"),
            low=MIN_CLASSES, high=MAX_CLASSES, k=k)
    logits = state.get("logits", [0.0] * len(out["p"]))
    if (not isinstance(logits, list) or len(logits) != len(out["p"])
            or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in logits)):
        raise ExperimentError(QT_TRANSLATE_NOOP(
            "core", "entropy.logits must be one finite number per class"))
    out["logits"] = [float(v) for v in logits]
    source = state.get("q_source", "direct")
    if source not in Q_SOURCES:
        raise ExperimentError(ONE_OF, key="q_source", choices=", ".join(Q_SOURCES))
    out["q_source"] = source
    for key, low, high, default in (("temperature", 0.05, 10.0, 1.0),
                                    ("epsilon", 0.0, 1.0, 0.1)):
        value = state.get(key, default)
        if not (isinstance(value, (int, float)) and not isinstance(value, bool)
                and low <= value <= high):
            raise ExperimentError(QT_TRANSLATE_NOOP(
                "core", "entropy.{key} must be a number from {low} to {high}"),
                key=key, low=low, high=high)
        out[key] = float(value)
    unit = state.get("unit", Unit.BITS.name)
    if not isinstance(unit, str) or unit not in Unit.__members__:
        raise ExperimentError(ONE_OF, key="unit", choices=", ".join(Unit.__members__))
    return ExplorerState(
        p=tuple(out["p"]), q=tuple(out["q"]), logits=tuple(out["logits"]),
        q_source=out["q_source"], temperature=out["temperature"], epsilon=out["epsilon"],
        unit=Unit[unit])


def save_experiment(path: str | os.PathLike, entropy_state: ExplorerState,
                    trainer_config: dict[str, Any]) -> Path:
    """Write both parts (checked first) as JSON and return the path."""
    config = TrainConfig.from_dict(trainer_config)
    config.validate()
    document = {"format": FORMAT,
                "entropy": check_entropy_state(entropy_state.to_dict()).to_dict(),
                "trainer": config.to_dict()}
    path = Path(path)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path


def load_experiment(path: str | os.PathLike) -> tuple[ExplorerState, dict[str, Any]]:
    """(entropy state, trainer config dict), both checked; ExperimentError naming the
    problem otherwise. Nothing is applied here, so a bad file changes nothing."""
    path = Path(path)
    try:
        text = read_small_text(path, MAX_BYTES)
    except FileNotFoundError:
        raise ExperimentError(QT_TRANSLATE_NOOP("core", "{path} does not exist"),
                              path=path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ExperimentError(QT_TRANSLATE_NOOP("core", "cannot read {path}: {reason}"),
                              path=path.name, reason=error) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExperimentError(QT_TRANSLATE_NOOP("core", "{name} is not valid JSON: {reason}"),
                              name=path.name, reason=error) from None
    except RecursionError:
        raise ExperimentError(QT_TRANSLATE_NOOP(
            "core", "{name} is nested too deeply to be an experiment"), name=path.name) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExperimentError(QT_TRANSLATE_NOOP(
            "core", "{name} is not a ce-desktop experiment file"), name=path.name)
    state = check_entropy_state(document.get("entropy"))
    trainer = document.get("trainer")
    if not isinstance(trainer, dict):
        raise ExperimentError(QT_TRANSLATE_NOOP("core",
                                                "the trainer section must be a JSON object"))
    try:
        config = TrainConfig.from_dict(trainer)
        config.validate()
    except (ValueError, TypeError) as error:
        raise ExperimentError(QT_TRANSLATE_NOOP("core", "trainer: {reason}"),
                              reason=error) from None
    return state, config.to_dict()


@dataclass(frozen=True)
class ExperimentRead:
    """An experiment file's contents, checked whole: ready to be applied whole."""

    path: str
    state: ExplorerState
    config: dict[str, object]
    """The trainer's settings, as ``TrainConfig.to_dict()`` gives them."""


@dataclass(frozen=True)
class ReadExperiment:
    """Reading an experiment file as a job, so that a slow disk never holds up the window:
    one :class:`ExperimentRead`, or a ``Failed`` event with the reason."""

    path: str

    def run(self, control: Control, emit: Emit) -> None:
        if control.should_stop():
            return
        state, config = load_experiment(self.path)
        emit(ExperimentRead(self.path, state, config))
