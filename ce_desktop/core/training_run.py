"""One training run as a stream of events: what the interface draws and the store keeps.

:func:`run_training` loads the data, trains and tests, and hands each event to ``emit``. It
runs wherever the caller puts it: in the training process (``training_process.py``), which
sends every event down a pipe, or in a thread when no process can be started. Every event
pickles, so the two places look the same to whoever receives them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ce_desktop.core.config import TrainConfig
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained, Message

#: Progress is reported at most this often; one event per batch would flood the receiver.
PROGRESS_INTERVAL_S = 0.1
DECISION_RESOLUTION = 80
#: While paused, the stop flag is checked this often.
PAUSE_POLL_S = 0.05


@dataclass(frozen=True)
class Loading:
    """Lines of a CSV file read so far, and lines in the file."""

    lines: int
    total: int


@dataclass(frozen=True)
class Started:
    """The data are loaded and the model is built: what the plots need before epoch 1."""

    epochs: int
    batches_per_epoch: int
    baseline_loss: float
    """Loss of a model that ignores its inputs (entropy of the class prior, nats)."""
    class_names: tuple[str, ...]
    is_2d: bool
    X_train: Any = None
    """Training features and labels, sent only for two-feature data (the decision view)."""
    y_train: Any = None


@dataclass(frozen=True)
class Progress:
    batches_done: int
    batches_total: int


@dataclass(frozen=True)
class Epoch:
    record: Any  # training.EpochRecord
    decision: Any | None = None  # decision.DecisionGrid for two-feature data


@dataclass(frozen=True)
class Ended:
    """The run is over: finished, stopped or failed after it started."""

    status: str
    message: str | None
    report: Any | None  # training.TestReport, absent for a failed run
    model: Any | None  # the trained torch module


@dataclass(frozen=True)
class Refused:
    """The run could not start: bad settings, unreadable data, or stopped while loading."""

    message: str


def run_training(
    config: TrainConfig,
    emit: Callable[[object], None],
    should_stop: Callable[[], bool],
    is_paused: Callable[[], bool] = lambda: False,
) -> None:
    """Train ``config``, emitting Loading*, Started, Progress*/Epoch*, then Ended, or a
    Refused instead of Started. Errors the user can act on arrive as messages; an
    unexpected exception propagates."""
    from ce_desktop.core.data import LoadCancelled
    from ce_desktop.core.training import Trainer, load_dataset, prior_entropy

    try:
        config.validate()
        dataset = load_dataset(config, lambda lines, total: emit(Loading(lines, total)),
                               should_stop)
        trainer = Trainer(config, dataset)
    except LoadCancelled:
        emit(Refused(Message(QT_TRANSLATE_NOOP(
            "core", "Stopped while reading the data; nothing was trained."))))
        return
    except Explained as error:
        emit(Refused(error.message))
        return
    except ValueError as error:
        emit(Refused(str(error)))
        return
    per_epoch = math.ceil(len(dataset.y_train) / config.batch_size)
    progress = _ProgressReport(emit, config.epochs * per_epoch, should_stop, is_paused)
    emit(Started(
        epochs=config.epochs, batches_per_epoch=per_epoch,
        baseline_loss=prior_entropy(dataset), class_names=tuple(dataset.class_names),
        is_2d=dataset.is_2d,
        X_train=dataset.X_train if dataset.is_2d else None,
        y_train=dataset.y_train if dataset.is_2d else None,
    ))
    grid_of = _decision_function(trainer)
    for record in trainer.epochs(progress.should_stop):
        emit(Epoch(record, grid_of() if grid_of else None))
    progress.report()
    report = None
    if trainer.status != "failed" and trainer.history:
        report = trainer.test_report()
    emit(Ended(trainer.status, trainer.message, report, trainer.model))


class _ProgressReport:
    """The trainer's per-batch stop check: counts batches, reports them, waits while paused."""

    def __init__(self, emit, total: int, should_stop, is_paused) -> None:
        self._emit = emit
        self._total = total
        self._stop = should_stop
        self._paused = is_paused
        self._done = 0
        self._last = 0.0

    def report(self) -> None:
        self._emit(Progress(self._done, self._total))

    def should_stop(self) -> bool:
        self._done += 1
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL_S:
            self._last = now
            self.report()
        while self._paused() and not self._stop():
            time.sleep(PAUSE_POLL_S)
        return self._stop()


def _decision_function(trainer):
    """A callable giving the decision grid after each epoch, for two-feature data."""
    if not trainer.dataset.is_2d:
        return None
    from ce_desktop.core.decision import decision_grid, grid_bounds

    bounds = grid_bounds(trainer.dataset.X_train)
    loss = trainer.config.loss
    return lambda: decision_grid(trainer.model, loss, bounds, DECISION_RESOLUTION)
