"""A QObject adapter that computes a landscape in a QThread and reports by signals."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Signal, Slot

from ce_desktop.ui.language import translated
from ce_desktop.ui.worker_thread import WorkerThread

#: Grid updates within a level are forwarded at most this often; finished levels always.
UPDATE_INTERVAL_S = 0.1


class LandscapeWorker(QObject):
    """Prepares a run (unless given one) and streams its landscape; stop from any thread."""

    subject_ready = Signal(object)
    """The rebuilt run (core.landscape_job.Subject), to reuse for the next computation."""
    plane_ready = Signal(object)
    grid_updated = Signal(object)
    interpolation_ready = Signal(object)
    progress = Signal(int, int)
    failed = Signal(str)
    finished = Signal(bool)
    """True when every point was computed, False when stopped."""
    done = Signal()
    """Emitted last, whatever happened: the thread may quit."""

    def __init__(self, settings, subject=None, run=None) -> None:
        """``subject`` is a prepared run; otherwise ``run`` is (config, epoch params, label)."""
        super().__init__()
        self.settings = settings
        self.subject = subject
        self.run_source = run
        self._stop = threading.Event()

    def request_stop(self) -> None:
        self._stop.set()

    @Slot()
    def run(self) -> None:
        try:
            self._run()
        except Exception as error:  # the message reaches the UI; the app stays up
            # The core's ValueErrors are written for people; anything else names its type.
            plain = isinstance(error, ValueError)
            self.failed.emit(translated(error) if plain else f"{type(error).__name__}: {error}")
        finally:
            self.done.emit()

    def _run(self) -> None:
        from ce_desktop.core.landscape import GridUpdate
        from ce_desktop.core.landscape_job import (
            Interpolation,
            PlaneReady,
            landscape_events,
            prepare_subject,
        )
        from ce_desktop.core.training import configure_threads

        configure_threads()
        if self.subject is None:
            config, params, label = self.run_source
            self.subject = prepare_subject(config, params, label)
            self.subject_ready.emit(self.subject)
            if self._stop.is_set():
                self.finished.emit(False)
                return
        last_sent = 0.0
        completed = False
        for event in landscape_events(self.subject, self.settings, self._stop.is_set):
            if isinstance(event, PlaneReady):
                self.plane_ready.emit(event)
            elif isinstance(event, GridUpdate):
                completed = event.done == event.total
                now = time.monotonic()
                # Progress goes with the picture, not with every chunk (~200 per 51 × 51
                # grid, each a repaint); the largest GUI gap moved 86-89 -> 80-89 ms.
                if event.complete or now - last_sent >= UPDATE_INTERVAL_S:
                    last_sent = now
                    self.grid_updated.emit(event)
                    self.progress.emit(event.done, event.total)
            elif isinstance(event, Interpolation):
                self.interpolation_ready.emit(event)
        self.finished.emit(completed and not self._stop.is_set())


class LandscapeRun(WorkerThread):
    """Owns one landscape worker and its thread."""

    def __init__(self, settings, subject=None, run=None, parent: QObject | None = None) -> None:
        super().__init__(LandscapeWorker(settings, subject, run), "landscape", parent)
