"""A QObject adapter that runs the core training loop in a QThread and reports by signals."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from ce_desktop.ui.language import translated
from ce_desktop.ui.worker_thread import WorkerThread

#: Progress is reported at most this often; one signal per batch would flood the GUI.
PROGRESS_INTERVAL_S = 0.1
DECISION_RESOLUTION = 80


@dataclass(frozen=True)
class RunStarted:
    """What the plots need before the first epoch arrives."""

    run_id: int | None
    name: str
    epochs: int
    batches_per_epoch: int
    baseline_loss: float
    """Loss of a model that ignores its inputs (entropy of the class prior, nats)."""
    class_names: tuple[str, ...]
    X_train: Any
    y_train: Any
    is_2d: bool


@dataclass(frozen=True)
class EpochUpdate:
    record: Any  # core.training.EpochRecord
    decision: Any | None = None  # core.decision.DecisionGrid for two-feature data


@dataclass(frozen=True)
class RunResult:
    run_id: int | None
    status: str  # finished, stopped or failed
    message: str | None
    report: Any | None  # core.training.TestReport
    class_names: tuple[str, ...]
    model: Any | None
    config: Any


class TrainingWorker(QObject):
    """Trains one config; lives in its own thread; stop/pause are safe from any thread."""

    run_started = Signal(object)
    epoch_finished = Signal(object)
    progress = Signal(int, int)
    run_finished = Signal(object)
    run_failed = Signal(str)
    loading = Signal(int, int)
    """Lines of a CSV file read so far, and lines in the file."""
    done = Signal()
    """Emitted last, whatever happened: the thread may quit."""

    def __init__(self, config, store=None) -> None:
        super().__init__()
        self.config = config
        self.store = store
        self._stop = threading.Event()
        self._paused = threading.Event()
        self._batches = 0
        self._total_batches = 0
        self._last_progress = 0.0

    def request_stop(self) -> None:
        self._stop.set()

    def pause(self) -> None:
        self._paused.set()

    def resume(self) -> None:
        self._paused.clear()

    def is_paused(self) -> bool:
        return self._paused.is_set()

    def _should_stop(self) -> bool:
        self._batches += 1
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_INTERVAL_S:
            self._last_progress = now
            self.progress.emit(self._batches, self._total_batches)
        while self._paused.is_set() and not self._stop.is_set():
            self._stop.wait(0.05)
        return self._stop.is_set()

    @Slot()
    def run(self) -> None:
        try:
            self._run()
        except Exception as error:
            self.run_failed.emit(f"{type(error).__name__}: {error}")
        finally:
            self.done.emit()

    def _run(self) -> None:
        from ce_desktop.core.data import DataError, LoadCancelled
        from ce_desktop.core.training import Trainer, load_dataset, prior_entropy

        try:
            self.config.validate()
            dataset = load_dataset(self.config, self.loading.emit, self._stop.is_set)
            trainer = Trainer(self.config, dataset)
        except LoadCancelled:
            self.run_failed.emit(QCoreApplication.translate(
                "TrainingWorker", "Stopped while reading the data; nothing was trained."))
            return
        except (ValueError, DataError) as error:
            self.run_failed.emit(translated(error))
            return
        ds = trainer.dataset
        per_epoch = math.ceil(len(ds.y_train) / self.config.batch_size)
        self._total_batches = self.config.epochs * per_epoch
        run_id = None
        if self.store is not None:
            run_id = self.store.start_run(self.config.to_dict(), self.config.name or None)
        grid_of = self._decision_function(trainer)
        self.run_started.emit(RunStarted(
            run_id=run_id, name=self.config.name or (f"run {run_id}" if run_id else "run"),
            epochs=self.config.epochs,
            batches_per_epoch=per_epoch,
            baseline_loss=prior_entropy(ds), class_names=tuple(ds.class_names),
            X_train=ds.X_train, y_train=ds.y_train, is_2d=ds.is_2d,
        ))
        for record in trainer.epochs(self._should_stop):
            if self.store is not None:
                self.store.add_epoch(run_id, record.as_dict(), record.params)
            self.epoch_finished.emit(EpochUpdate(record, grid_of() if grid_of else None))
        self.progress.emit(self._batches, self._total_batches)
        report = None
        if trainer.status != "failed" and trainer.history:
            report = trainer.test_report()
        if self.store is not None:
            self.store.finish_run(run_id, trainer.status,
                                  report.metrics() if report else None, trainer.message)
        self.run_finished.emit(RunResult(
            run_id=run_id, status=trainer.status, message=trainer.message, report=report,
            class_names=tuple(ds.class_names), model=trainer.model, config=self.config,
        ))

    def _decision_function(self, trainer):
        """A callable giving the decision grid after each epoch, for two-feature data."""
        if not trainer.dataset.is_2d:
            return None
        from ce_desktop.core.decision import decision_grid, grid_bounds

        bounds = grid_bounds(trainer.dataset.X_train)
        loss = self.config.loss
        return lambda: decision_grid(trainer.model, loss, bounds, DECISION_RESOLUTION)


class TrainingRun(WorkerThread):
    """Owns one training worker and its thread: start, pause/resume, stop, clean shutdown."""

    def __init__(self, config, store=None, parent: QObject | None = None) -> None:
        super().__init__(TrainingWorker(config, store), "training", parent)

    def stop(self, wait_ms: int = 2000) -> bool:
        # Stop first, then clear the pause: resuming first could let one more batch run.
        self.worker.request_stop()
        self.worker.resume()
        return super().stop(wait_ms)
