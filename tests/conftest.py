"""Shared fixtures: every in-process GUI test runs on Qt's offscreen platform."""

import contextlib
import json
import os
import tempfile
from pathlib import Path

# Before any Qt import: without a platform (and with no DISPLAY) Qt aborts the interpreter.
# The offscreen screen is a 1920 × 1080 desktop (Qt's own default is 800 × 800, smaller than
# the window's minimum size), so that windows are placed and restored as on a real one.
_SCREEN = os.path.join(tempfile.mkdtemp(prefix="ce-desktop-screen-"), "offscreen.json")
with open(_SCREEN, "w", encoding="utf-8") as _file:
    json.dump({"screens": [{"name": "desktop", "x": 0, "y": 0, "width": 1920,
                            "height": 1080, "logicalDpi": 96, "dpr": 1}]}, _file)
# A bare QT_QPA_PLATFORM=offscreen from the shell gets the same screen: without it, Qt's
# 800 × 800 default makes the window-size tests fail for reasons of the machine, not the code.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
# The run store (platformdirs' user data dir) goes to a scratch folder, never the user's.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="ce-desktop-tests-")
# So do remembered settings (QSettings), for this process and the app processes it starts.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="ce-desktop-tests-config-")
# And the log file the command line and the window write (core/log_file.py).
os.environ["CE_DESKTOP_LOG_DIR"] = tempfile.mkdtemp(prefix="ce-desktop-tests-log-")

import pytest  # noqa: E402  (after the environment above: Qt reads it when imported)
from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402


@pytest.fixture(autouse=True)
def _collect_gui_garbage(request):
    """After a GUI test, collect its garbage in the GUI thread. Otherwise a later test's job
    thread may run the collector, destroy an old widget tree off the GUI thread and deadlock
    with it (seen: a QMenu destroyed by a table-reading thread while the GUI thread deleted
    its parent)."""
    yield
    if {"qtbot", "qapp"} & set(request.fixturenames):
        import gc

        gc.collect()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that builds Qt widgets ``gui``: ``pytest -m "not gui"`` runs the rest."""
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def main_window(qtbot):
    from ce_desktop.ui.app import MainWindow, create_application

    create_application()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def entropy_tab(main_window):
    return main_window.entropy_tab


def show_widget(qtbot, widget, width: int, height: int):
    """Register, size and show a widget, and wait until it is on screen."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def end_run(tab, result, timeout_s: float = 10.0) -> None:
    """Hand a trainer tab a run's end as its job does, and wait until the tab has drawn the
    report (a turn of the event loop later) and announced the run."""
    from PySide6.QtCore import QDeadlineTimer
    from PySide6.QtWidgets import QApplication

    announced = []
    tab.run_completed.connect(announced.append)
    tab._on_run_event(result)
    deadline = QDeadlineTimer(int(timeout_s * 1000))
    while not announced and not deadline.hasExpired():
        QApplication.processEvents()
    tab.run_completed.disconnect(announced.append)
    assert announced == [result]


def worker_pids(pid: int) -> set[int]:
    """Process ids of the worker processes ``pid`` started (Linux's /proc; empty elsewhere):
    multiprocessing's spawned children, not its resource tracker, which leaves on its own
    once the processes that share it have gone."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if not children.exists():
        return set()
    workers = set()
    for child in children.read_text().split():
        with contextlib.suppress(OSError):  # gone meanwhile
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                workers.add(int(child))
    return workers


class PaintCounter(QObject):
    """Keeps the size of every paint (``paints``) and resize (``resizes``) a widget gets."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.paints: list[tuple[int, int]] = []
        self.resizes: list[tuple[int, int]] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints.append(event.rect().size().toTuple())
        elif event.type() == QEvent.Type.Resize:
            self.resizes.append(event.size().toTuple())
        return False


def live_job_handles() -> set[int]:
    """Ids of every JobHandle still alive (after a garbage collection)."""
    import gc

    from ce_desktop.ui.common.jobs import JobHandle

    gc.collect()
    return {id(obj) for obj in gc.get_objects() if type(obj) is JobHandle}
