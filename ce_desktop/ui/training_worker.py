"""A QObject adapter that runs a training run in the training process and reports by signals.

The run itself happens in a child process (``core/training_process.py``); this worker's
thread only relays its events: it writes each epoch to the run store and emits one signal per
event. If no process can be started, the run happens in this thread instead.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from ce_desktop.core import training_run as ev
from ce_desktop.core.messages import Explained
from ce_desktop.ui.language import translated
from ce_desktop.ui.worker_thread import WorkerThread

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunStarted(ev.Started):
    """The core Started event (what the plots need before epoch 1), with the run's id in
    the store and the name it is shown by."""

    run_id: int | None = None
    name: str = "run"


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
    """A core.training_run.Epoch: the record, and the decision grid for two-feature data."""
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
        self._process = None
        self._run_id: int | None = None
        self._class_names: tuple[str, ...] = ()

    def request_stop(self) -> None:
        self._stop.set()

    def pause(self) -> None:
        self._paused.set()

    def resume(self) -> None:
        self._paused.clear()

    def is_paused(self) -> bool:
        return self._paused.is_set()

    def kill(self) -> None:
        """End the training process at once: for a run that does not stop when asked."""
        process = self._process
        if process is not None:
            process.kill()

    @Slot()
    def run(self) -> None:
        try:
            self._run()
        except Exception as error:
            self.run_failed.emit(translated(error) if isinstance(error, Explained)
                                 else f"{type(error).__name__}: {error}")
        finally:
            self.done.emit()

    def _run(self) -> None:
        from ce_desktop.core import training_process

        try:
            process = training_process.acquire()
        except OSError as error:
            log.warning("no training process (%s); training in a thread instead", error)
            from ce_desktop.core.training_run import run_training

            run_training(self.config, self._relay, self._stop.is_set, self._paused.is_set)
            return
        self._process = process
        clean = False
        try:
            process.train(self.config.to_dict(), self._relay, self._stop.is_set,
                          self._paused.is_set)
            clean = True
        except training_process.ProcessFailed as error:
            if self.store is not None and self._run_id is not None:
                self.store.finish_run(self._run_id, "failed", None, str(error))
            raise
        finally:
            self._process = None
            if clean:
                training_process.release(process)
            else:
                process.kill()

    def _relay(self, event: object) -> None:
        """Store and signal one event of the run (in this worker's thread)."""
        if isinstance(event, ev.Progress):
            self.progress.emit(event.batches_done, event.batches_total)
        elif isinstance(event, ev.Epoch):
            if self.store is not None:
                self.store.add_epoch(self._run_id, event.record.as_dict(), event.record.params)
            self.epoch_finished.emit(event)
        elif isinstance(event, ev.Loading):
            self.loading.emit(event.lines, event.total)
        elif isinstance(event, ev.Started):
            self._started(event)
        elif isinstance(event, ev.Ended):
            self._ended(event)
        elif isinstance(event, ev.Refused):
            self.run_failed.emit(translated(event.message))

    def _started(self, event) -> None:
        if self.store is not None:
            self._run_id = self.store.start_run(self.config.to_dict(), self.config.name or None)
        run_id = self._run_id
        self._class_names = tuple(event.class_names)
        self.run_started.emit(RunStarted(
            **vars(event), run_id=run_id,
            name=self.config.name or (f"run {run_id}" if run_id else "run")))

    def _ended(self, event) -> None:
        report = event.report
        if self.store is not None and self._run_id is not None:  # None: stopped before
            self.store.finish_run(self._run_id, event.status,
                                  report.metrics() if report else None, event.message)
        self.run_finished.emit(RunResult(
            run_id=self._run_id, status=event.status, message=event.message, report=report,
            class_names=self._class_names, model=event.model, config=self.config,
        ))


class TrainingRun(WorkerThread):
    """Owns one training worker and its thread: start, pause/resume, stop, clean shutdown."""

    def __init__(self, config, store=None, parent: QObject | None = None) -> None:
        super().__init__(TrainingWorker(config, store), "training", parent)

    def stop(self, wait_ms: int = 2000) -> bool:
        # Stop first, then clear the pause: resuming first could let one more batch run.
        self.worker.request_stop()
        self.worker.resume()
        if super().stop(wait_ms):
            return True
        # Stuck in one step (reading a huge file, importing torch): the process can be
        # killed, which a thread could not; the epochs it completed are already stored.
        self.worker.kill()
        return self.thread.wait(wait_ms)
