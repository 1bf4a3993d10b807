"""An exception that no code caught, on the GUI thread or another: logged with its traceback,
and shown to the user once as an internal error in their language, never as a traceback."""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from ce_desktop.core.jobs import Failed
from ce_desktop.ui.common.language import translated

log = logging.getLogger(__name__)
_showing = False


def report_internal_error(kind: type[BaseException], error: BaseException,
                          trace: TracebackType | None) -> None:
    """Log ``error`` with its traceback; on the GUI thread, say so in a dialog."""
    global _showing
    log.error("internal error", exc_info=(kind, error, trace))
    app = QApplication.instance()
    on_gui_thread = app is not None and threading.current_thread() is threading.main_thread()
    if not on_gui_thread or _showing:
        return  # a dialog from another thread would crash Qt; one dialog at a time
    _showing = True
    try:
        text = translated(Failed(message=f"{kind.__name__}: {error}", internal=True))
        QMessageBox.critical(app.activeWindow(), QApplication.applicationName(), text)
    finally:
        _showing = False


def install() -> None:
    """Route uncaught exceptions of this process (GUI thread and threads) here."""
    sys.excepthook = report_internal_error
    threading.excepthook = lambda args: report_internal_error(
        args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)
