"""One training run as a job: its events are what the interface draws and the store keeps.

:func:`run_training` loads the data, trains and tests, and hands each event to ``emit``.
:class:`TrainingJob` runs it wherever a backend puts it (``ce_desktop.backend``): in a worker
process, which sends every event down a pipe, or in the calling thread. Every event is plain
Python and numpy and pickles, so whoever receives them never imports torch.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ce_desktop.core.jobs import Control, Emit, wait_while_paused
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained, Message
from ce_desktop.core.training.baseline import is_weighted, run_baseline
from ce_desktop.core.training.config import TrainConfig
from ce_desktop.core.training.decision import DecisionGrid
from ce_desktop.core.training.results import EpochRecord, RunStatus, SampleTrace, TestReport

if TYPE_CHECKING:
    from ce_desktop.core.training.trainer import Trainer

#: Progress is reported at most this often; one event per batch would flood the receiver.
PROGRESS_INTERVAL_S = 0.1
DECISION_RESOLUTION = 80


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
    """Loss of the best constant prediction under the run's criterion (nats): the entropy
    of the class prior, or of the prior reweighted and smoothed as the criterion is."""
    class_names: tuple[str, ...]
    is_2d: bool
    baseline_weighted: bool = False
    """The criterion weighs the classes (positive weight ≠ 1): the losses and the baseline
    are weighted means, not bits per sample."""
    X_train: np.ndarray | None = None
    """Training features and labels, sent only for two-feature data (the decision view)."""
    y_train: np.ndarray | None = None


@dataclass(frozen=True)
class Progress:
    """Mini-batches done so far and in the whole run: sent at most every
    PROGRESS_INTERVAL_S, and once more when training ends."""

    batches_done: int
    batches_total: int


@dataclass(frozen=True)
class Epoch:
    """One finished epoch: its losses and accuracies, and what the decision view draws."""

    record: EpochRecord
    decision: DecisionGrid | None = None
    """The decision regions after this epoch, for two-feature data."""
    samples: SampleTrace | None = None
    """Each test sample's q(true class) and loss after this epoch."""


@dataclass(frozen=True)
class Ended:
    """The run is over: finished, stopped or failed after it started."""

    status: RunStatus
    message: str | None
    report: TestReport | None
    """Absent for a failed run."""
    state: dict[str, np.ndarray] | None
    """The trained network's weights (its state_dict as arrays), to save as a model file."""
    restored_epoch: int | None = None
    """The epoch whose weights ``state`` holds when early stopping went back to it."""
    preprocessing: dict[str, object] | None = None
    """For a table of the user's own: the fitted transform from its columns to the network's
    inputs, as plain data (``Preprocessing.to_dict()``), to save with the weights."""


@dataclass(frozen=True)
class Refused:
    """The run could not start: bad settings, unreadable data, or stopped while loading."""

    message: str


def run_training(config: TrainConfig, control: Control, emit: Emit) -> None:
    """Train ``config``, emitting Loading*, Started, Progress*/Epoch*, then Ended, or a
    Refused instead of Started. Errors the user can act on arrive as messages; an
    unexpected exception propagates."""
    from ce_desktop.core.data import LoadCancelled
    from ce_desktop.core.training.trainer import Trainer, load_dataset

    try:
        config.validate()
        dataset = load_dataset(config, lambda lines, total: emit(Loading(lines, total)),
                               control.should_stop)
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
    progress = _ProgressReport(emit, config.epochs * per_epoch, control)
    emit(Started(
        epochs=config.epochs, batches_per_epoch=per_epoch,
        baseline_loss=run_baseline(config, dataset),
        baseline_weighted=is_weighted(config.loss, dataset.n_classes, config.pos_weight),
        class_names=tuple(dataset.class_names),
        is_2d=dataset.is_2d,
        X_train=dataset.X_train if dataset.is_2d else None,
        y_train=dataset.y_train if dataset.is_2d else None,
    ))
    grid_of = decision_function(trainer)
    for record in trainer.epochs(progress.should_stop):
        emit(Epoch(record, grid_of() if grid_of else None, trainer.sample_trace()))
    progress.report()
    report = None
    if trainer.status != "failed" and trainer.history:
        report = trainer.test_report()
    state = {name: tensor.detach().cpu().numpy().copy()
             for name, tensor in trainer.model.state_dict().items()}
    emit(Ended(trainer.status, trainer.message, report, state, trainer.restored_epoch,
               dataset.preprocessing))


class _ProgressReport:
    """The trainer's per-batch stop check: counts batches, reports them, waits while paused."""

    def __init__(self, emit: Emit, total: int, control: Control) -> None:
        self._emit = emit
        self._total = total
        self._control = control
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
        return wait_while_paused(self._control)


def decision_function(trainer: Trainer) -> Callable[[], DecisionGrid] | None:
    """A callable giving the trainer's model's decision grid, for two-feature data."""
    if not trainer.dataset.is_2d:
        return None
    from ce_desktop.core.training.decision import decision_grid, grid_bounds

    bounds = grid_bounds(trainer.dataset.X_train)
    loss = trainer.config.loss
    return lambda: decision_grid(trainer.model, loss, bounds, DECISION_RESOLUTION)


@dataclass(frozen=True)
class TrainingJob:
    """Train one configuration (a ``TrainConfig.to_dict()``): see :func:`run_training`."""

    config: dict

    def run(self, control: Control, emit: Emit) -> None:
        run_training(TrainConfig.from_dict(self.config), control, emit)


def ended_from_outside(began: bool, epochs: int) -> Ended:
    """How a run ends that its runner stopped (``jobs.Stopped``): before it began, or by
    ending its process, keeping the ``epochs`` it completed."""
    if not began:
        return Ended("stopped", Message(QT_TRANSLATE_NOOP(
            "core", "Stopped while PyTorch was loading; nothing was trained.")), None, None)
    return Ended("stopped", Message(QT_TRANSLATE_NOOP(
        "core", "Stopped by ending the training process, which did not stop in time; the "
        "{kept} completed epoch(s) are kept."), kept=epochs), None, None)

