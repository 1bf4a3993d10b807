"""What a run means, in one line: diverged, overfitting, not converged, no better than the
baseline, or a test loss far from the validation loss — with its numbers and what to try.

Judged from the per-epoch losses and the no-information baseline (all in nats); the
thresholds are rules of thumb, chosen so that each message is plainly true when it shows.
While a run is going only the alarms are said (diverged, overfitting): a loss still falling
or still near the baseline is what a run looks like before its last epoch.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Message

VerdictKind = Literal["diverged", "overfitting", "not_finished", "no_better", "test_gap"]
#: The kinds said while a run is still going: the others describe where a run ended.
LIVE_KINDS: frozenset[VerdictKind] = frozenset({"diverged", "overfitting"})
#: A final validation loss this many times the baseline has diverged (it is far worse than
#: answering the class frequencies).
DIVERGED_FACTOR = 3.0
#: Validation loss rising for this many epochs in a row while the training loss falls.
OVERFITTING_EPOCHS = 3
#: Not converged: the validation loss fell by more than this share over the last epochs,
#: or it fell steadily: lower at each of them, not levelling off, and by more than
#: STEADY_SHARE of the baseline in all (the spiral at the tutorial's settings: 1.2 %).
STILL_FALLING_SHARE = 0.05
STILL_FALLING_EPOCHS = 3
STEADY_SHARE = 0.005
#: No better than the baseline: within this share of it.
NO_BETTER_SHARE = 0.03
#: Test and validation losses this far apart (relative to the larger, and in nats).
TEST_GAP_SHARE = 0.5
TEST_GAP_NATS = 0.1
@dataclass(frozen=True)
class Verdict:
    kind: VerdictKind
    message: Message


def run_verdict(train_losses: Sequence[float], val_losses: Sequence[float], baseline: float,
                test_loss: float | None = None, kept_epoch: int | None = None,
                running: bool = False) -> Verdict | None:
    """The one thing most worth saying about a run so far, or None when nothing is.

    ``kept_epoch`` is the epoch whose weights the run kept (early stopping with the best
    weights restored): the run is judged as it stood then, except that it is finished, since
    the epochs after it found nothing better. ``running``: the run has epochs to go, and
    only an alarm (LIVE_KINDS) is said."""
    verdict = _verdict(train_losses, val_losses, baseline, test_loss, kept_epoch)
    if running and verdict is not None and verdict.kind not in LIVE_KINDS:
        return None
    return verdict


def _verdict(train_losses: Sequence[float], val_losses: Sequence[float], baseline: float,
             test_loss: float | None, kept_epoch: int | None) -> Verdict | None:
    """run_verdict of a run that ended."""
    if kept_epoch is not None:
        train_losses, val_losses = train_losses[:kept_epoch], val_losses[:kept_epoch]
    if not val_losses:
        return None
    last = val_losses[-1]
    if not math.isfinite(last) or last > DIVERGED_FACTOR * baseline:
        return Verdict("diverged", Message(QT_TRANSLATE_NOOP(
            "core", "Diverged: the validation loss ended at {loss:.3g} nats, {times:.0f}× the "
            "no-information baseline of {baseline:.3f}. Lower the learning rate."),
            loss=last, times=last / baseline if math.isfinite(last) else math.inf,
            baseline=baseline))
    best = min(range(len(val_losses)), key=val_losses.__getitem__)
    rising = _rising_run(val_losses)
    if rising >= OVERFITTING_EPOCHS and train_losses[-1] < train_losses[-1 - rising]:
        return Verdict("overfitting", Message(QT_TRANSLATE_NOOP(
            "core", "Overfitting: the validation loss has risen for {epochs} epochs while the "
            "training loss fell; it was lowest, {best_loss:.4f} nats, at epoch {best}. Stop "
            "there: turn on early stopping, or add weight decay or label smoothing."),
            epochs=rising, best_loss=val_losses[best], best=best + 1))
    if last >= (1 - NO_BETTER_SHARE) * baseline:
        return Verdict("no_better", Message(QT_TRANSLATE_NOOP(
            "core", "No better than the baseline: a validation loss of {loss:.4f} nats against "
            "{baseline:.4f} for answering the class frequencies. The model learned nothing "
            "from the features: train longer, raise the learning rate or check the data."),
            loss=last, baseline=baseline))
    if kept_epoch is None and len(val_losses) > STILL_FALLING_EPOCHS:
        earlier = val_losses[-1 - STILL_FALLING_EPOCHS]
        if ((earlier - last > STILL_FALLING_SHARE * earlier and _falling(val_losses))
                or _falling_steadily(val_losses[-1 - STILL_FALLING_EPOCHS:], baseline)):
            return Verdict("not_finished", Message(QT_TRANSLATE_NOOP(
                "core", "Not converged: the validation loss fell {drop:.1%} over the last "
                "{epochs} epochs and is still falling — train longer or raise the learning "
                "rate."), drop=(earlier - last) / earlier, epochs=STILL_FALLING_EPOCHS))
    if test_loss is not None and math.isfinite(test_loss):
        gap = abs(test_loss - last)
        if gap > TEST_GAP_NATS and gap > TEST_GAP_SHARE * max(test_loss, last):
            return Verdict("test_gap", Message(QT_TRANSLATE_NOOP(
                "core", "The test loss ({test:.4f} nats) is far from the validation loss "
                "({val:.4f}): the held-out sets are small or differ; trust neither figure "
                "alone."), test=test_loss, val=last))
    return None


def _rising_run(values: Sequence[float]) -> int:
    """How many of the last epochs each raised the value."""
    count = 0
    for before, after in zip(reversed(values[:-1]), reversed(values[1:]), strict=True):
        if after <= before:
            break
        count += 1
    return count


def _falling_steadily(values: Sequence[float], baseline: float) -> bool:
    """True if each value is lower than the one before, the last step is at least half the
    mean step (the fall is not levelling off), and the fall is more than STEADY_SHARE of the
    baseline."""
    steps = [before - after for before, after in itertools.pairwise(values)]
    return (bool(steps) and min(steps) > 0 and steps[-1] >= 0.5 * sum(steps) / len(steps)
            and sum(steps) > STEADY_SHARE * baseline)


def _falling(values: Sequence[float]) -> bool:
    """True if the last epoch still lowered the value."""
    return len(values) >= 2 and values[-1] < values[-2]


#: How the trainer says it stopped a run whose loss stopped being a finite number.
TRAINING_DIVERGED = QT_TRANSLATE_NOOP(
    "core", "Training diverged: the loss became {value} at {where}. The learning rate "
    "({lr:g}) is probably too high for the {optimizer} optimiser. The {kept} completed "
    "epoch(s) are kept.")


def failed_as_diverged(message: object) -> bool:
    """Whether a run's end ``message`` (a core Message) is the trainer's divergence."""
    return getattr(message, "template", None) == TRAINING_DIVERGED
