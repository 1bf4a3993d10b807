"""The app's log file: where an internal error leaves its traceback, so that the user is
shown one line and a report can still say what happened."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

#: Overrides the platform's user log folder (tests, and a user who wants the log elsewhere).
LOG_DIR_VARIABLE = "CE_DESKTOP_LOG_DIR"
LOG_NAME = "ce-desktop.log"
#: The log is rotated at this size, with two older files kept: it never grows without bound.
MAX_LOG_BYTES = 1_000_000
_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


def log_folder() -> Path:
    """``$CE_DESKTOP_LOG_DIR``, else the platform's user log folder for the app."""
    folder = os.environ.get(LOG_DIR_VARIABLE)
    if not folder:
        import platformdirs

        from ce_desktop import APP_NAME

        folder = platformdirs.user_log_dir(APP_NAME, appauthor=False)
    return Path(folder)


def start_log_file(path: Path | None = None) -> Path | None:
    """Send this process's warnings and errors, tracebacks included, to the log file instead
    of stderr; the file's path, or None (logging unchanged) when it cannot be written."""
    path = path if path is not None else log_folder() / LOG_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "baseFilename", None) == str(path.absolute()):
            return path  # already started
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_LOG_BYTES, backupCount=2, encoding="utf-8")
    except OSError:
        return None
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
    return path
