"""Reading a file the user named without blocking or filling memory: only regular files
(a FIFO or a device would block or never end), and only up to a size stated by the caller."""

from __future__ import annotations

import stat
from pathlib import Path

from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained


class FileRefused(Explained, OSError):
    """A path that names no regular file, or a file too large for what it should hold."""


def regular_file(path: Path) -> Path:
    """``path`` if it is a regular file (symbolic links followed); FileRefused otherwise.
    FileNotFoundError if nothing is there."""
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        raise FileRefused(QT_TRANSLATE_NOOP(
            "core", "not a regular file (a folder, device or pipe)"))
    return path


def read_small_text(path: Path, max_bytes: int, encoding: str = "utf-8-sig") -> str:
    """The text of a regular file of at most ``max_bytes`` bytes."""
    with regular_file(path).open("rb") as file:
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileRefused(QT_TRANSLATE_NOOP(
            "core", "larger than {limit} MB, too large for what it should hold"),
            limit=f"{max_bytes / 1e6:g}")
    return data.decode(encoding)
