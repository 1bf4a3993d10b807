"""Garbage is collected in the GUI thread, on a timer, never by a job's thread."""

import gc
import threading
import weakref

import pytest
from PySide6.QtWidgets import QWidget

from ce_desktop.ui.app import collect_garbage_in_gui_thread

pytestmark = pytest.mark.gui


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


@pytest.fixture
def collector(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    collector = collect_garbage_in_gui_thread(window, interval_s=0.02)
    yield collector
    collector.timer.stop()
    gc.enable()


def test_cycles_are_collected_by_the_gui_threads_timer_not_by_other_threads(collector, qtbot):
    assert not gc.isenabled()
    collected_in = []
    gc.callbacks.append(lambda phase, _info: phase == "stop" and collected_in.append(
        threading.current_thread().name))
    try:
        cycle = Node()
        dead = weakref.ref(cycle)
        del cycle
        # Allocations in another thread cross the collector's threshold; automatic
        # collection would run the collector there.
        worker = threading.Thread(target=lambda: [Node() for _ in range(5000)], name="job")
        worker.start()
        worker.join()
        assert dead() is not None  # nobody collected in the job's thread
        qtbot.waitUntil(lambda: dead() is None, timeout=5000)
    finally:
        gc.callbacks.pop()
    assert collected_in and set(collected_in) == {threading.main_thread().name}
