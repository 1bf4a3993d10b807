"""When is a step's task done? State predicates over a snapshot of what the app shows.

The interface fills a :class:`LessonState` from its models (the explorer's state and
comparison, the coin, the loss curves, the runs) and asks :func:`holds`; every predicate of
:data:`~ce_desktop.core.lesson.vocabulary.PREDICATES` is a plain function of that snapshot
and its arguments, so each is tested here without a window.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from ce_desktop.core import info
from ce_desktop.core.entropy.explorer import Comparison, ExplorerState, coin
from ce_desktop.core.lesson.steps import ArgValue, Call
from ce_desktop.core.lesson.vocabulary import PREDICATES
from ce_desktop.core.training.config import PRESETS
from ce_desktop.core.training.verdict import run_verdict

#: Two numbers the explorer shows are equal when they differ by less than this (bits).
TOLERANCE_BITS = 1e-3


@dataclass(frozen=True)
class RunFacts:
    """What the lesson needs to know of one completed training run."""

    run_id: int | None
    status: str
    preset: str | None
    """The preset the run's settings are, label smoothing aside (None: custom)."""
    label_smoothing: float
    test_loss: float | None
    baseline: float | None
    """The no-information loss on the same test set: the entropy of its class frequencies."""
    train_losses: tuple[float, ...] = ()
    val_losses: tuple[float, ...] = ()
    """The per-epoch losses (nats) the run's verdict is judged from."""
    training_baseline: float | None = None
    """The trainer's no-information loss (of its training classes), the verdict's yardstick."""
    kept_epoch: int | None = None
    failed_diverged: bool = False
    """The trainer stopped the run because its loss stopped being a finite number."""

    @property
    def diverged(self) -> bool:
        """Whether the run failed as diverged, or its verdict (core.training.verdict) says so."""
        if self.failed_diverged:
            return True
        if self.training_baseline is None or not self.val_losses:
            return False
        verdict = run_verdict(self.train_losses, self.val_losses, self.training_baseline,
                              self.test_loss, self.kept_epoch)
        return verdict is not None and verdict.kind == "diverged"


@dataclass(frozen=True)
class CurvesFacts:
    """The per-sample loss curves' label, smoothing and the prediction read out."""

    label: float
    smoothing: float
    readout_p: float


@dataclass(frozen=True)
class LessonState:
    """A snapshot of what the app shows, as far as the lesson's predicates look.

    A part whose tab has not been built is None (or empty): no predicate on it holds."""

    explorer: ExplorerState | None = None
    comparison: Comparison | None = None
    coin_p: float | None = None
    curves: CurvesFacts | None = None
    logistic_descended: bool = False
    runs: tuple[RunFacts, ...] = ()
    """The runs that ended: the trainer's last one when the lesson opened, then every one
    completed while it watched, oldest first."""
    compared_run_ids: tuple[int, ...] = field(default=())
    samples_shown: bool = False
    landscape_ready: bool = False


def preset_of(config: dict[str, object]) -> str | None:
    """The preset whose settings ``config`` (a TrainConfig dict) has, its name and label
    smoothing aside; None for custom settings."""
    ignored = ("name", "label_smoothing")
    mine = {key: value for key, value in config.items() if key not in ignored}
    for key, preset in PRESETS.items():
        theirs = {k: v for k, v in preset.to_dict().items() if k not in ignored}
        if mine == theirs:
            return key
    return None


def no_information_loss(true_class: ArrayLike) -> float:
    """The mean cross-entropy (nats) of always answering the class frequencies of
    ``true_class``: their entropy, the loss a model that learned nothing scores."""
    labels = np.asarray(true_class).astype(int).ravel()
    if labels.size == 0:
        return math.nan
    frequencies = np.bincount(labels) / labels.size
    return float(info.entropy(frequencies, math.e))


def _bits(value: float, comparison: Comparison) -> float:
    return value * math.log2(comparison.unit.base)


def _coin_entropy_bits(s: LessonState, equals: float) -> bool:
    return s.coin_p is not None and abs(coin(s.coin_p).entropy - equals) < TOLERANCE_BITS


def _entropy_is_log_k(s: LessonState, min_classes: float = 2) -> bool:
    c = s.comparison
    return (c is not None and len(c.p) >= min_classes
            and abs(_bits(c.entropy_p - c.log_k, c)) < TOLERANCE_BITS)


def _cross_entropy_equals_entropy(s: LessonState) -> bool:
    c = s.comparison
    return (c is not None and math.isfinite(c.cross_entropy)
            and abs(_bits(c.cross_entropy - c.entropy_p, c)) < TOLERANCE_BITS)


def _kl_asymmetric(s: LessonState, min_gap_bits: float) -> bool:
    c = s.comparison
    return (c is not None and math.isfinite(c.kl_pq) and math.isfinite(c.kl_qp)
            and abs(_bits(c.kl_pq - c.kl_qp, c)) >= min_gap_bits)


def _cross_entropy_infinite(s: LessonState) -> bool:
    c = s.comparison
    return c is not None and math.isinf(c.cross_entropy) and bool(c.infinite_classes)


def _cross_entropy_above_nats(s: LessonState, value: float) -> bool:
    c = s.comparison
    if c is None or not math.isfinite(c.cross_entropy):
        return False
    return c.cross_entropy * math.log(c.unit.base) > value


def _softmax_temperature_below(s: LessonState, temperature: float) -> bool:
    e = s.explorer
    return e is not None and e.q_source == "logits" and e.temperature <= temperature


def _curves_readout(s: LessonState, label: float, max_p: float) -> bool:
    c = s.curves
    return c is not None and c.label == label and c.readout_p <= max_p


def _logistic_descended(s: LessonState) -> bool:
    return s.logistic_descended


def _finished(s: LessonState, preset: str) -> RunFacts | None:
    """The last run, if it finished with the settings of ``preset``."""
    if not s.runs:
        return None
    last = s.runs[-1]
    return last if last.status == "finished" and last.preset == preset else None


def _run_finished(s: LessonState, preset: str, below_baseline: bool = False,
                  min_label_smoothing: float = 0.0) -> bool:
    run = _finished(s, preset)
    if run is None or run.label_smoothing < min_label_smoothing:
        return False
    if not below_baseline:
        return True
    return (run.test_loss is not None and run.baseline is not None
            and run.test_loss < run.baseline)


def _run_diverged(s: LessonState) -> bool:
    """The last run ended (finished, stopped or failed) diverged, whatever its settings."""
    return bool(s.runs) and s.runs[-1].diverged


def _runs_compared(s: LessonState, preset: str, with_preset: str) -> bool:
    if _finished(s, preset) is None:
        return False
    others = {run.run_id for run in s.runs[:-1]
              if run.status == "finished" and run.preset == with_preset
              and run.label_smoothing == 0 and run.run_id is not None}
    return bool(others & set(s.compared_run_ids))


def _samples_shown(s: LessonState) -> bool:
    return s.samples_shown


def _landscape_ready(s: LessonState) -> bool:
    return s.landscape_ready


CHECKS: dict[str, Callable[..., bool]] = {
    "coin_entropy_bits": _coin_entropy_bits,
    "entropy_is_log_k": _entropy_is_log_k,
    "cross_entropy_equals_entropy": _cross_entropy_equals_entropy,
    "kl_asymmetric": _kl_asymmetric,
    "cross_entropy_infinite": _cross_entropy_infinite,
    "cross_entropy_above_nats": _cross_entropy_above_nats,
    "softmax_temperature_below": _softmax_temperature_below,
    "curves_readout": _curves_readout,
    "logistic_descended": _logistic_descended,
    "run_finished": _run_finished,
    "run_diverged": _run_diverged,
    "runs_compared": _runs_compared,
    "samples_shown": _samples_shown,
    "landscape_ready": _landscape_ready,
}
assert set(CHECKS) == set(PREDICATES), "every predicate of the vocabulary has its check"


def holds(done: Call, state: LessonState) -> bool:
    """Whether the predicate ``done`` (checked by steps.load_steps) holds in ``state``."""
    arguments: dict[str, ArgValue] = done.args
    return bool(CHECKS[done.name](state, **arguments))
