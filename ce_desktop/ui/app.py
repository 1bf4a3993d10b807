"""Creating the QApplication and running the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

from ce_desktop import APP_NAME, __version__
from ce_desktop.ui import style
from ce_desktop.ui.main_window import MainWindow

__all__ = ["MainWindow", "create_application", "run_gui"]


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The one QApplication, named so QSettings and window titles agree."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName("ce-desktop")
    style.configure_pyqtgraph()
    return app


def run_gui(exit_after_shown: bool = False) -> int:
    """Open the main window and run the event loop until it closes."""
    app = create_application()
    window = MainWindow()
    window.show()
    if exit_after_shown:
        # Used by the start-up benchmark: report the moment the window is up, then leave.
        from PySide6.QtCore import QTimer

        def report() -> None:
            print("window-shown", flush=True)
            window.close()

        QTimer.singleShot(0, report)
    return app.exec()
