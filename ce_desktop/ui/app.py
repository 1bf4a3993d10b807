"""Creating the QApplication and running the main window."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ce_desktop import APP_NAME, __version__
from ce_desktop.ui.common.language import install as install_language
from ce_desktop.ui.common.language import startup_language
from ce_desktop.ui.main_window import MainWindow

__all__ = ["MainWindow", "create_application", "run_gui"]

WARM_UP_DELAY_MS = 500


def resources_folder() -> Path | None:
    """resources/ beside the package (a source checkout) or inside a frozen build."""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = [Path(frozen) / "resources"] if frozen else []
    candidates.append(Path(__file__).resolve().parents[2] / "resources")
    return next((path for path in candidates if path.is_dir()), None)


def create_application(
    argv: Sequence[str] | None = None, language: str | None = None
) -> QApplication:
    """The one QApplication, named so QSettings and window titles agree.

    The interface language is set when the application is created: ``language`` ("en",
    "zh_CN"), or else the one chosen in View → Language, or else the system's. With an
    application already running (tests) only an explicit ``language`` changes it.
    """
    app = QApplication.instance()
    created = app is None
    if created:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    if language is not None or created:
        install_language(language or startup_language(), app)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    folder = resources_folder()
    if folder is not None and (folder / "icons" / "ce-desktop-256.png").is_file():
        from PySide6.QtGui import QIcon

        icon = QIcon()
        for size in (16, 32, 48, 64, 128, 256):
            icon.addFile(str(folder / "icons" / f"ce-desktop-{size}.png"))
        app.setWindowIcon(icon)
    return app


def run_gui(exit_after_shown: bool = False) -> int:
    """Show the window at once, build the tab on screen on the first turn of the event
    loop and the others on the turns after it, run."""
    app = create_application()
    window = MainWindow(build_tabs=False, remember_session=not exit_after_shown)
    window.show()
    app.processEvents()  # paint the shell before the tabs' imports take the thread
    if exit_after_shown:
        # For the start-up benchmark: report each milestone, then leave.
        print("window-shown", flush=True)
        window.content_ready.connect(lambda: print("content-ready", flush=True))

        def report_built() -> None:
            print("tabs-built", flush=True)
            window.close()

        window.tabs_built.connect(report_built)
    else:
        # Once every tab is built, prepare the pages behind the one on screen, and start a
        # worker process that loads torch and scikit-learn, so the first training click
        # does not wait.
        window.tabs_built.connect(window.prepare_pages)
        window.tabs_built.connect(lambda: QTimer.singleShot(WARM_UP_DELAY_MS, _start_warm_up))
    window.content_ready.connect(lambda: collect_garbage_in_gui_thread(window))
    close_on_terminate(window)
    # The tab on screen first; the others on the turns of the event loop after it.
    QTimer.singleShot(0, lambda: window.build_tabs(defer_hidden=True))
    code = app.exec()
    leave(window, code)
    return code  # only if ``leave`` was told not to end the process


def leave(window: MainWindow, code: int, exit_process: Callable[[int], object] = os._exit,
          ) -> None:
    """End the process once the event loop has returned, without tearing down every Python
    and Qt object one by one.

    That teardown (the interpreter's finalisation: every module, widget, plot item and
    array freed in turn) took 0.3–0.4 s after the window had gone, for nothing the user
    keeps. What must be kept is done here first: the window's close (its settings saved
    and synced to disk, its jobs ended, the run store's SQLite file closed) if the loop
    ended without closing it; every worker process killed at once and reaped; the log
    handlers flushed and closed, and stdout and stderr flushed. Then ``exit_process``
    (``os._exit``) ends the process with ``code``. Tests pass another ``exit_process``.
    """
    if window.isVisible():
        window.close()  # its closeEvent saves the session, ends the jobs, closes the store
    from ce_desktop.backend import process

    process.end_all()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    exit_process(code)


def close_on_terminate(window: QWidget) -> bool:
    """Close ``window`` as Ctrl+Q does when the process is asked to end (SIGTERM: a plain
    ``kill``, a logout, a service manager): the session saved, the jobs and worker processes
    ended. Left to the default, the process ended at once and its workers' semaphores
    leaked. False where there is no such signal (Windows).

    Python runs a signal's handler only between bytecodes, and an idle Qt event loop runs
    none: the signal's wake-up byte, written to a socket Qt watches, brings the loop back to
    Python, and the handler then closes the window from the event loop."""
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    if not hasattr(signal, "SIGTERM") or sys.platform == "win32":
        return False
    receive, send = socket.socketpair()
    for end in (receive, send):
        end.setblocking(False)
    signal.set_wakeup_fd(send.fileno())
    notifier = QSocketNotifier(receive.fileno(), QSocketNotifier.Type.Read, window)

    def drain() -> None:
        with contextlib.suppress(OSError):
            receive.recv(64)

    notifier.activated.connect(drain)
    window._terminate_wake_up = (receive, send, notifier)  # type: ignore[attr-defined]
    signal.signal(signal.SIGTERM, lambda _signum, _frame: QTimer.singleShot(0, window.close))
    return True


GARBAGE_INTERVAL_S = 1.0


def collect_garbage_in_gui_thread(window: QWidget, interval_s: float = GARBAGE_INTERVAL_S,
                                  ) -> object:
    """Turn Python's automatic collection off and collect on a timer of the GUI thread
    (pyqtgraph's ``GarbageCollector``), kept by ``window``.

    Left automatic, the collector runs in whichever thread allocates when a threshold is
    crossed, such as a job's relay thread; a widget tree in a cycle is then destroyed off
    the GUI thread, and that deadlocked against the GUI thread destroying its parent (seen
    in the test suite, a QMenu under the Samples table)."""
    from pyqtgraph.util.garbage_collector import GarbageCollector

    collector = GarbageCollector(interval=interval_s)
    window._garbage_collector = collector  # type: ignore[attr-defined]  # lives as it lives
    return collector


def _start_warm_up() -> None:
    import threading

    from ce_desktop.backend import process

    # Starting a process takes tens of milliseconds: not on the GUI thread.
    threading.Thread(target=process.prestart, name="prestart", daemon=True).start()
