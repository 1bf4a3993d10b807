"""What a run means: each verdict on loss curves made to show it, and none on a good run."""

import math

import pytest

from ce_desktop.core.messages import Message
from ce_desktop.core.training.verdict import run_verdict

BASELINE = math.log(2)


def test_a_good_run_gets_no_verdict():
    train = [0.6, 0.4, 0.3, 0.25, 0.22, 0.21, 0.205]
    val = [0.6, 0.42, 0.33, 0.29, 0.28, 0.279, 0.2785]
    assert run_verdict(train, val, BASELINE, test_loss=0.29) is None


@pytest.mark.parametrize("last", [63.0, math.nan, math.inf])
def test_a_loss_far_above_the_baseline_or_not_a_number_has_diverged(last):
    verdict = run_verdict([1.0, 50.0], [1.0, last], BASELINE)
    assert verdict.kind == "diverged" and isinstance(verdict.message, Message)
    assert "Lower the learning rate" in verdict.message


def test_validation_loss_rising_while_training_loss_falls_is_overfitting():
    train = [0.6, 0.4, 0.3, 0.2, 0.1, 0.05, 0.02]
    val = [0.6, 0.45, 0.40, 0.42, 0.47, 0.55, 0.70]
    verdict = run_verdict(train, val, BASELINE)
    assert verdict.kind == "overfitting"
    assert verdict.message.values == {"epochs": 4, "best_loss": 0.40, "best": 3}


def test_a_run_that_kept_an_earlier_epoch_is_judged_as_it_stood_then():
    train = [0.6, 0.4, 0.3, 0.2, 0.1, 0.05, 0.02]
    val = [0.6, 0.45, 0.40, 0.42, 0.47, 0.55, 0.70]
    assert run_verdict(train, val, BASELINE, kept_epoch=3) is None
    assert run_verdict(train, val, BASELINE, kept_epoch=3, test_loss=1.5).kind == "test_gap"
    # Still falling at the kept epoch, but the epochs after it found nothing better.
    falling = [0.68, 0.66, 0.64, 0.60, 0.55, 0.50, 0.52, 0.53, 0.54]
    assert run_verdict(falling, falling, BASELINE, kept_epoch=6) is None
    assert run_verdict(falling[:6], falling[:6], BASELINE).kind == "not_finished"


def test_a_loss_still_falling_at_the_end_is_not_finished():
    val = [0.68, 0.66, 0.64, 0.60, 0.55, 0.50]
    verdict = run_verdict(val, val, BASELINE)
    assert verdict.kind == "not_finished"
    assert verdict.message.values["drop"] == pytest.approx((0.64 - 0.50) / 0.64)


def test_a_loss_at_the_baseline_is_no_better_than_it():
    val = [0.70, 0.695, 0.694, 0.693, 0.6931]
    assert run_verdict(val, val, BASELINE).kind == "no_better"


def test_a_test_loss_far_from_the_validation_loss_is_said():
    val = [0.3, 0.1, 0.05, 0.0222, 0.0221, 0.022, 0.0219]
    verdict = run_verdict(val, val, BASELINE, test_loss=1.196)
    assert verdict.kind == "test_gap"
    assert verdict.message.values == {"test": 1.196, "val": 0.0219}
    assert run_verdict(val, val, BASELINE, test_loss=0.025) is None


def test_a_loss_falling_slowly_but_every_epoch_at_the_end_is_not_finished():
    # The spiral at the tutorial's settings (ce-desktop train --preset tutorial with
    # {"dataset": "spiral"}): 58 % test accuracy, a nearly straight boundary, and the
    # validation loss still lower at every epoch, if only by 1.2 % over the last three.
    train = [0.6953, 0.682, 0.6713, 0.662, 0.6532, 0.6452, 0.6378, 0.6316, 0.626, 0.6212,
             0.6174, 0.6139, 0.6112, 0.6089, 0.6071, 0.6046, 0.6025, 0.6004, 0.5982, 0.5954]
    val = [0.6811, 0.6663, 0.6544, 0.6426, 0.6318, 0.6213, 0.6121, 0.6025, 0.5953, 0.5881,
           0.5817, 0.5776, 0.5736, 0.571, 0.5677, 0.5651, 0.5627, 0.5616, 0.559, 0.5562]
    verdict = run_verdict(train, val, BASELINE, test_loss=0.6472)
    assert verdict.kind == "not_finished"
    assert verdict.message.values["drop"] == pytest.approx((0.5627 - 0.5562) / 0.5627)
    # A loss that has flattened out (0.07 % over the last three epochs) is left alone.
    assert run_verdict([*train[:-3], 0.5954, 0.5954, 0.5954], [*val[:-3], 0.5625, 0.5624, 0.5623],
                       BASELINE) is None


def test_a_run_with_epochs_to_go_is_told_only_alarms():
    """Still falling or still near the baseline is how a run looks before its last epoch:
    said only once it ended; divergence and overfitting are said at once."""
    falling = [0.68, 0.66, 0.64, 0.60, 0.55, 0.50]
    assert run_verdict(falling, falling, BASELINE, running=True) is None
    ended = run_verdict(falling, falling, BASELINE)
    assert ended.kind == "not_finished" and ended.message.startswith("Not converged:")
    near = [0.70, 0.695, 0.694, 0.693, 0.6931]
    assert run_verdict(near, near, BASELINE, running=True) is None
    assert run_verdict(near, near, BASELINE).kind == "no_better"
    assert run_verdict([1.0, 50.0], [1.0, 63.0], BASELINE, running=True).kind == "diverged"
    train = [0.6, 0.4, 0.3, 0.2, 0.1, 0.05, 0.02]
    val = [0.6, 0.45, 0.40, 0.42, 0.47, 0.55, 0.70]
    assert run_verdict(train, val, BASELINE, running=True).kind == "overfitting"


def test_the_verdict_of_a_weighted_run_is_judged_against_the_weighted_baseline():
    """Tutorial-like balanced data with positive weight 3: the weighted baseline is 1.125
    nats, so a weighted loss levelling off at 0.805 learned something, though it is above
    the unweighted ln 2; and 1.10 is no better than the weighted baseline."""
    import numpy as np

    from ce_desktop.core.training.baseline import constant_baseline

    weighted = constant_baseline("bce_logits", np.array([3150, 3150]), 3.0)
    val = [1.0, 0.85, 0.81, 0.805, 0.8049, 0.8049]
    assert run_verdict(val, val, weighted) is None
    assert run_verdict(val, val, BASELINE).kind == "no_better"
    val = [1.13, 1.12, 1.11, 1.105, 1.10]
    assert run_verdict(val, val, weighted).kind == "no_better"
