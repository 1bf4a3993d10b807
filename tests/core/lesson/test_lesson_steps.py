"""The lesson's steps file: the shipped one is complete, and a bad one is refused with a
message naming the step and the field."""

import copy
import json
import math

import pytest
from scipy.stats import entropy as scipy_entropy

from ce_desktop.core.entropy.explorer import compare
from ce_desktop.core.lesson import predicates
from ce_desktop.core.lesson.predicates import CurvesFacts, LessonState, RunFacts, holds
from ce_desktop.core.lesson.steps import (
    STEPS_FILE,
    Call,
    LessonFileError,
    load_steps,
    parse_steps,
)
from ce_desktop.core.lesson.vocabulary import ACTIONS, PREDICATES
from ce_desktop.core.training.config import PRESETS

SHIPPED = json.loads(STEPS_FILE.read_text(encoding="utf-8"))
#: What the issue asks the lesson to cover, by step id, in the tutorial's order.
REQUIRED = ["fair-coin", "sure-outcome", "k-classes", "cross-entropy", "kl-asymmetry", "q-zero",
            "bce-one-sample", "not-bounded", "softmax", "bce-vs-mse", "pytorch-run", "divergence",
            "keras-run", "label-smoothing", "one-sample", "landscape"]


def with_change(change):
    data = copy.deepcopy(SHIPPED)
    change(data["steps"])
    return json.dumps(data)


def refused(text) -> str:
    with pytest.raises(LessonFileError) as caught:
        parse_steps(text)
    return str(caught.value)


def test_the_shipped_steps_cover_the_tutorial_in_order():
    steps = load_steps()
    assert [s.id for s in steps] == REQUIRED
    for step in steps:
        assert step.action.name in ACTIONS and step.done.name in PREDICATES
        assert all(text.strip() for text in step.texts())


def test_an_unknown_action_is_refused_naming_the_step():
    def change(steps):
        steps[2]["action"]["name"] = "fly"
    message = refused(with_change(change))
    assert "step 3 (k-classes)" in message and "unknown action 'fly'" in message
    assert "coin" in message  # the known ones are listed


def test_an_unknown_predicate_is_refused_naming_the_step():
    def change(steps):
        steps[0]["done"]["name"] = "is_happy"
    message = refused(with_change(change))
    assert "step 1 (fair-coin)" in message and "unknown predicate 'is_happy'" in message


@pytest.mark.parametrize("field", ["title", "text", "look_at", "task"])
def test_a_missing_text_is_refused_naming_the_field(field):
    def change(steps):
        del steps[4][field]
    message = refused(with_change(change))
    assert "step 5 (kl-asymmetry)" in message and f'"{field}"' in message


@pytest.mark.parametrize("field", ["action", "done"])
def test_a_missing_action_or_predicate_is_refused(field):
    def change(steps):
        del steps[1][field]
    message = refused(with_change(change))
    assert "step 2 (sure-outcome)" in message and f'"{field}"' in message


def test_the_pane_side_is_left_right_or_absent_and_nothing_else():
    steps = {step.id: step for step in load_steps()}
    assert steps["fair-coin"].pane == "left" and steps["k-classes"].pane == "right"

    def middle(steps):
        steps[3]["pane"] = "middle"
    message = refused(with_change(middle))
    assert "step 4 (cross-entropy)" in message and '"pane" must be one of right, left' in message


def test_bad_arguments_are_refused():
    def unknown(steps):
        steps[0]["action"]["args"]["q"] = 0.5
    assert "coin takes no argument 'q'" in refused(with_change(unknown))

    def wrong_kind(steps):
        steps[0]["action"]["args"]["p"] = "half"
    assert "'p' must be number" in refused(with_change(wrong_kind))

    def missing(steps):
        steps[0]["action"]["args"] = {}
    assert "coin needs the argument(s) p" in refused(with_change(missing))

    def impossible(steps):  # not a distribution: refused when read, not when clicked
        steps[2]["action"]["args"]["p"] = [0.5, 0.6]
    assert "explorer cannot show" in refused(with_change(impossible))


def test_duplicate_ids_missing_ids_and_bad_json_are_refused():
    def duplicate(steps):
        steps[1]["id"] = "fair-coin"
    assert "used by an earlier step" in refused(with_change(duplicate))

    def no_id(steps):
        del steps[0]["id"]
    assert 'step 1: the field "id"' in refused(with_change(no_id))
    assert "not valid JSON" in refused("{")
    assert "non-empty list" in refused('{"steps": []}')


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(LessonFileError, match="cannot read the lesson"):
        load_steps(tmp_path / "none.json")


# --- predicates, against scipy ---------------------------------------------------------------

def comparison_state(p, q):
    return LessonState(comparison=compare(p, q))


def test_explorer_predicates_agree_with_scipy():
    p, q = [0.99, 0.01], [0.5, 0.5]
    gap = abs(scipy_entropy(p, q, base=2) - scipy_entropy(q, p, base=2))
    assert gap == pytest.approx(1.41, abs=0.01)
    kl = Call("kl_asymmetric", (("min_gap_bits", 1.0),))
    assert holds(kl, comparison_state(p, q))
    assert not holds(kl, comparison_state([0.5, 0.5], [0.4, 0.6]))
    same = Call("cross_entropy_equals_entropy")
    assert holds(same, comparison_state(p, p)) and not holds(same, comparison_state(p, q))
    log_k = Call("entropy_is_log_k", (("min_classes", 6.0),))
    assert holds(log_k, comparison_state([1 / 6] * 6, [0.5] + [0.1] * 5))
    assert not holds(log_k, comparison_state([0.25] * 4, [0.25] * 4))  # K too small
    infinite = Call("cross_entropy_infinite")
    assert holds(infinite, comparison_state([0.5, 0.5], [1.0, 0.0]))
    above = Call("cross_entropy_above_nats", (("value", 1.0),))
    # −ln 0.01 = 4.6 nats, in whatever unit the explorer shows.
    assert -math.log(0.01) > 1
    assert holds(above, comparison_state([1.0, 0.0], [0.01, 0.99]))
    assert not holds(above, comparison_state([1.0, 0.0], [0.5, 0.5]))  # ln 2 < 1
    assert not holds(above, comparison_state([1.0, 0.0], [0.0, 1.0]))  # infinite


def test_coin_and_curve_predicates():
    fair = Call("coin_entropy_bits", (("equals", 1.0),))
    assert holds(fair, LessonState(coin_p=0.5)) and not holds(fair, LessonState(coin_p=0.4))
    assert not holds(fair, LessonState())  # the tab is not built
    readout = Call("curves_readout", (("label", 1.0), ("max_p", 0.05)))
    assert holds(readout, LessonState(curves=CurvesFacts(1.0, 0.0, 0.02)))
    assert not holds(readout, LessonState(curves=CurvesFacts(0.0, 0.0, 0.02)))
    assert not holds(readout, LessonState(curves=CurvesFacts(1.0, 0.0, 0.1)))


def test_run_predicates_read_the_last_run_and_the_baseline():
    def run(run_id, preset, test_loss=0.2, smoothing=0.0, status="finished"):
        return RunFacts(run_id, status, preset, smoothing, test_loss, math.log(2))

    below = Call("run_finished", (("preset", "tutorial"), ("below_baseline", True)))
    assert holds(below, LessonState(runs=(run(1, "tutorial"),)))
    assert not holds(below, LessonState(runs=(run(1, "tutorial", test_loss=0.8),)))
    assert not holds(below, LessonState(runs=(run(1, "tutorial", status="stopped"),)))
    assert not holds(below, LessonState(runs=(run(1, "tutorial"), run(2, "keras"))))
    compared = Call("runs_compared", (("preset", "keras"), ("with_preset", "tutorial")))
    runs = (run(1, "tutorial"), run(2, "keras"))
    assert holds(compared, LessonState(runs=runs, compared_run_ids=(1,)))
    assert not holds(compared, LessonState(runs=runs, compared_run_ids=()))
    smoothed = Call("run_finished", (("preset", "tutorial"), ("min_label_smoothing", 0.05)))
    assert holds(smoothed, LessonState(runs=(run(3, "tutorial", smoothing=0.1),)))
    assert not holds(smoothed, LessonState(runs=(run(3, "tutorial"),)))


def test_presets_are_recognised_whatever_the_name_and_smoothing():
    assert predicates.preset_of(PRESETS["keras"].to_dict()) == "keras"
    smoothed = {**PRESETS["tutorial"].to_dict(), "name": "", "label_smoothing": 0.1}
    assert predicates.preset_of(smoothed) == "tutorial"
    assert predicates.preset_of({**PRESETS["tutorial"].to_dict(), "lr": 0.1}) is None


def test_the_no_information_loss_is_the_entropy_of_the_class_frequencies():
    labels = [0] * 30 + [1] * 70
    assert predicates.no_information_loss(labels) == pytest.approx(scipy_entropy([0.3, 0.7]))
    assert predicates.no_information_loss([0, 1] * 50) == pytest.approx(math.log(2))
