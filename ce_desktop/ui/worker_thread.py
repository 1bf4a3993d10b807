"""Own a worker QObject and the QThread it runs in: start, stop, and a clean join."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread


class WorkerThread(QObject):
    """Runs ``worker.run`` in a thread of its own.

    The worker needs a ``run`` slot, a ``done`` signal emitted last whatever happened, and a
    thread-safe ``request_stop()``.
    """

    def __init__(self, worker: QObject, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName(name)
        self.worker = worker
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.run)
        # Direct: quit() is thread-safe, and a queued call would wait for the GUI thread's
        # event loop, deadlocking anyone who joins the thread from the GUI thread.
        worker.done.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)

    def start(self) -> None:
        self.thread.start()

    def is_running(self) -> bool:
        return self.thread.isRunning()

    def stop(self, wait_ms: int = 2000) -> bool:
        """Ask the worker to stop and join its thread; True if it ended in time."""
        self.worker.request_stop()
        # quit() is queued behind the running slot and takes effect when run() returns.
        self.thread.quit()
        return self.thread.wait(wait_ms)

    def shutdown(self, wait_ms: int = 2000, grace_ms: int = 60_000) -> bool:
        """Stop for good (the window is closing): never leave a running thread behind.

        A worker checks its stop flag between steps, but one step may not be interruptible
        (importing torch, building a data set on a cold start). Destroying a running
        QThread aborts the process, so past ``wait_ms`` this waits for that step to end.
        """
        if self.stop(wait_ms):
            return True
        if self.thread.wait(grace_ms):
            return True
        # Still running: keep this object alive for the rest of the process rather than
        # let it be destroyed with its parent while the thread runs.
        self.setParent(None)
        _UNFINISHED.append(self)
        return False


#: Threads that outlived a shutdown; referenced so that nothing destroys them.
_UNFINISHED: list[WorkerThread] = []
