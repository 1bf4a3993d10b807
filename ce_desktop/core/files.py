"""Keeping a damaged file: renamed aside with a timestamp, never deleted."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path


def move_aside(path: Path, companions: Sequence[str] = ()) -> Path:
    """Rename ``path`` to ``<name>.damaged-<time>`` (and each existing ``<name><suffix>``
    companion, such as SQLite's ``-wal``, alongside it); return the new path.

    Raises OSError if the file cannot be renamed.
    """
    aside = path.with_name(f"{path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
    path.replace(aside)
    for suffix in companions:
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.replace(aside.with_name(aside.name + suffix))
    return aside
