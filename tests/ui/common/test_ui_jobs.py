"""The one way the window runs a job: events on the GUI thread, in order; a cancelled job
delivers nothing more; a job that ignores its stop is ended with its process; finished
handles are deleted like any QObject."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import pytest
from conftest import live_job_handles
from PySide6.QtCore import QThread

from ce_desktop.backend import InProcessRunner, ProcessRunner
from ce_desktop.core.jobs import Failed, wait_while_paused
from ce_desktop.ui.common.jobs import JobHandle
from ce_desktop.ui.common.language import translated

#: Starts a process of its own: the app's worker or command line, or an external tool.
pytestmark = pytest.mark.process


@dataclass(frozen=True)
class Count:
    """Emits 0, 1, … n − 1, checking its control before each."""

    n: int
    delay: float = 0.0

    def run(self, control, emit) -> None:
        for i in range(self.n):
            if wait_while_paused(control):
                return
            time.sleep(self.delay)
            emit(i)


@dataclass(frozen=True)
class Deaf:
    """A step that ignores the stop flag for ``seconds`` (as reading a blocked file would)."""

    seconds: float

    def run(self, control, emit) -> None:
        emit("started")
        time.sleep(self.seconds)
        emit("woke up")


def collect(handle: JobHandle) -> list:
    seen: list = []
    handle.job_event.connect(lambda event: seen.append((event, QThread.currentThread())))
    return seen


def test_events_arrive_in_order_on_the_gui_thread(qtbot):
    handle = JobHandle(Count(50), InProcessRunner())
    seen = collect(handle)
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        handle.start()
    assert [event for event, _ in seen] == list(range(50))
    gui = QThread.currentThread()
    assert all(thread is gui for _, thread in seen)
    assert not handle.is_running()


def test_the_relay_runs_in_the_jobs_thread_and_may_change_or_drop_events(qtbot):
    threads = set()

    def relay(event):
        threads.add(threading.current_thread().name)
        return None if event % 2 else event * 10

    handle = JobHandle(Count(6), InProcessRunner(), relay=relay, name="relay-test")
    seen = collect(handle)
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        handle.start()
    assert [event for event, _ in seen] == [0, 20, 40]
    assert threads == {"relay-test"}


def test_a_cancelled_job_delivers_nothing_more(qtbot):
    handle = JobHandle(Count(10_000, delay=0.001), InProcessRunner())
    seen = collect(handle)
    handle.start()
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=10_000)
    handle.cancel()
    count = len(seen)
    qtbot.waitUntil(lambda: not handle.is_running(), timeout=10_000)
    qtbot.wait(50)
    assert len(seen) == count < 10_000


def test_a_paused_job_waits_until_it_is_resumed(qtbot):
    handle = JobHandle(Count(5), InProcessRunner())
    seen = collect(handle)
    handle.pause()
    handle.start()
    qtbot.wait(300)
    assert seen == [] and handle.is_running() and handle.is_paused()
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        handle.resume()
    assert [event for event, _ in seen] == list(range(5))


def test_shutdown_kills_the_process_of_a_job_that_ignores_its_stop(qtbot):
    handle = JobHandle(Deaf(60.0), ProcessRunner())
    seen = collect(handle)
    handle.start()
    qtbot.waitUntil(lambda: bool(seen), timeout=120_000)
    started = time.monotonic()
    assert handle.shutdown(seconds=0.5) is True
    assert time.monotonic() - started < 30  # not the job's 60 s: its process was killed
    qtbot.waitUntil(lambda: not handle.is_running(), timeout=10_000)
    assert [event for event, _ in seen] == ["started"]


def test_a_job_that_raises_arrives_as_a_failed_event(qtbot, caplog):
    handle = JobHandle(Count(-1), InProcessRunner())  # range(-1): nothing, then ends
    seen = collect(handle)
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        handle.start()
    assert seen == []

    class Raises:
        def run(self, control, emit):
            raise RuntimeError("boom")

    handle = JobHandle(Raises(), InProcessRunner())
    seen = collect(handle)
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(handle.finished, timeout=10_000):
        handle.start()
    ((failed, _),) = seen
    assert isinstance(failed, Failed) and failed.internal and "boom" in failed.message
    # Logged with its traceback, once, where it arrives; the view shows it as internal.
    (record,) = [r for r in caplog.records if "Raises failed" in r.getMessage()]
    assert 'raise RuntimeError("boom")' in record.getMessage()
    assert translated(failed) == ("internal error (please report it; the details are in the "
                                  "log): RuntimeError: boom")


def test_finished_handles_are_deleted_and_the_event_loop_goes_on(qtbot):
    # Owners of finished jobs used to be kept alive for the whole session, because deleting
    # one crashed the next turn of the event loop.
    before = live_job_handles()
    for _ in range(20):
        handle = JobHandle(Count(3), InProcessRunner())
        with qtbot.waitSignal(handle.finished, timeout=10_000):
            handle.start()
        handle.deleteLater()
        del handle
        qtbot.wait(1)
    qtbot.wait(50)
    assert live_job_handles() - before == set()
