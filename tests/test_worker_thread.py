"""The worker-thread owner: a shutdown never leaves a running QThread to be destroyed."""

import threading
import time

from PySide6.QtCore import QObject, Signal, Slot

from ce_desktop.ui.worker_thread import WorkerThread


class UninterruptibleWorker(QObject):
    """Spends ``seconds`` in one step that ignores the stop flag, as an import would."""

    done = Signal()

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.stop_requested = threading.Event()
        self.started = threading.Event()

    def request_stop(self) -> None:
        self.stop_requested.set()

    @Slot()
    def run(self) -> None:
        self.started.set()
        time.sleep(self.seconds)
        self.done.emit()


def test_stop_gives_up_after_its_timeout_but_shutdown_waits_for_the_step(qtbot):
    job = WorkerThread(UninterruptibleWorker(1.0), "test")
    job.start()
    assert job.worker.started.wait(5)
    assert job.stop(wait_ms=50) is False
    assert job.is_running()
    assert job.shutdown(wait_ms=50, grace_ms=10_000) is True
    assert job.thread.isFinished()
    assert job.worker.stop_requested.is_set()


def test_shutdown_of_a_finished_worker_returns_at_once(qtbot):
    job = WorkerThread(UninterruptibleWorker(0.0), "test")
    with qtbot.waitSignal(job.thread.finished, timeout=5000):
        job.start()
    assert job.shutdown() is True
