"""Run a background job for a view: its events arrive as a signal on the GUI thread.

Every heavy job of the app (training, landscapes, model files, data sets) goes through a
:class:`JobHandle`. A plain Python thread hands the job to a runner
(``ce_desktop.backend``: a worker process, or this process as the fallback) and passes each
event on; the handle re-emits it on the GUI thread unless the job was cancelled, so a
stale result can never reach a view. Nothing here waits on the GUI thread while a job runs,
and a handle is an ordinary QObject, deleted when its owner lets it go.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

from ce_desktop.backend import Runner, default_runner
from ce_desktop.core.jobs import Failed, Flags, Job

log = logging.getLogger(__name__)

#: After killing a job's process, how long its thread may take to notice (seconds).
KILLED_WAIT_S = 10.0
#: What the job's thread does with each event before it is emitted: store it, turn it into
#: what the view needs (returned), or drop it (None). Runs in the job's thread, and sees
#: every event, also those of a cancelled job.
Relay = Callable[[object], object | None]


class JobHandle(QObject):
    """One job: start, pause, resume, stop or cancel it, and receive its events."""

    # Not named "event": that would shadow QObject.event(), and PySide then leaks a
    # reference to the handle with every event delivered to it (the handle lived forever).
    job_event = Signal(object)
    """Each event of the job, on the GUI thread, in the order the job emitted them."""
    finished = Signal()
    """The job is over (emitted last, also after a cancel)."""
    _arrived = Signal(object)
    _ended = Signal()

    def __init__(self, job: Job, runner: Runner | None = None, relay: Relay | None = None,
                 name: str = "job", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self._runner = runner if runner is not None else default_runner()
        self._relay = relay
        self._flags = Flags()
        self._cancelled = False
        self._running = False
        # Queued: the job's thread emits, this object (on the GUI thread) receives.
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._ended.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._thread = threading.Thread(target=self._work, name=name, daemon=True)

    # --- control, from the GUI thread -----------------------------------------------------

    def start(self) -> None:
        self._running = True
        self._thread.start()

    def is_running(self) -> bool:
        """True from start until :attr:`finished` has been emitted."""
        return self._running

    def pause(self) -> None:
        self._flags.pause()

    def resume(self) -> None:
        self._flags.resume()

    def is_paused(self) -> bool:
        return self._flags.is_paused()

    def stop(self) -> None:
        """Ask the job to stop at its next check; its last events still arrive."""
        # Stop first, then clear the pause: resuming first could let one more step run.
        self._flags.stop()
        self._flags.resume()

    def cancel(self) -> None:
        """Stop the job and drop every event it has not delivered yet."""
        self._cancelled = True
        self.stop()

    def wait(self, seconds: float) -> bool:
        """Block until the job's thread has ended; True if it did within ``seconds``."""
        if self._thread.ident is None:
            return True
        self._thread.join(seconds)
        return not self._thread.is_alive()

    def shutdown(self, seconds: float = 2.0) -> bool:
        """Cancel the job and end it for good (the window is closing): past ``seconds`` its
        process is killed. True if nothing is left running."""
        self.cancel()
        if self.wait(seconds):
            return True
        self._runner.kill()
        # Killed for certain; its thread notices at its next look at the pipe.
        return self.wait(max(seconds, KILLED_WAIT_S))

    # --- the job's thread ------------------------------------------------------------------

    def _work(self) -> None:
        try:
            self._runner.run(self.job, self._flags, self._pass_on)
        finally:
            self._ended.emit()

    def _pass_on(self, event: object) -> None:
        # The relay sees every event, cancelled or not: what it stores must not be lost.
        if self._relay is not None:
            event = self._relay(event)
        if event is not None and not self._cancelled:
            self._arrived.emit(event)

    # --- back on the GUI thread ------------------------------------------------------------

    def _deliver(self, event: object) -> None:
        if isinstance(event, Failed) and event.internal:
            # The one place an internal error of a job is logged (its view shows the text).
            log.error("%s failed:\n%s", type(self.job).__name__, event.detail)
        if not self._cancelled:
            self.job_event.emit(event)

    def _finish(self) -> None:
        self._running = False
        self.finished.emit()
