"""Reading and summarising a table as a job, off the interface's thread: what the import
dialog shows, recomputed whenever a role changes.

The worker process keeps the last table it read (:func:`cached_table`), so a changed role
summarises again without reading the file again; a file changed on disk is read anew.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ce_desktop.core.data.columns import (
    Table,
    TableSummary,
    likely_label,
    read_table,
    summarise,
)
from ce_desktop.core.data.treatment import Baseline, Treatment, baseline, treatments
from ce_desktop.core.jobs import Control, Emit
from ce_desktop.core.training.run import Loading

#: The last table read in this process: (path, modification time, size) and the table.
_cache: tuple[tuple[str, int, int], Table] | None = None


@dataclass(frozen=True)
class TableSummarised:
    """A table summarised with the roles asked for: the summary, what will be done to each
    column, the label's baseline, and the file's line number of each preview row."""

    path: str
    summary: TableSummary
    treatments: tuple[Treatment, ...]
    baseline: Baseline | None
    preview_lines: tuple[int, ...]
    target: str | None
    """The label asked for (None: the summary's default)."""
    roles: tuple[tuple[str, str], ...]
    """The roles asked for, as the job had them."""


@dataclass(frozen=True)
class SummariseTable:
    """Read the CSV file at ``path`` (or take it from the cache) and summarise it with the
    label ``target`` (None: the default) and the ``roles`` given to other columns.

    Emits :class:`~ce_desktop.core.training.run.Loading` while reading, then one
    :class:`TableSummarised`; a file that cannot be read at all raises its ``DataError``
    (the runner reports it as ``Failed``), and a stop while reading raises
    ``LoadCancelled``."""

    path: str
    target: str | None = None
    roles: tuple[tuple[str, str], ...] = ()
    val_fraction: float = 0.2
    test_fraction: float = 0.2

    @classmethod
    def of(cls, path: str, target: str | None = None,
           roles: Mapping[str, str] | None = None) -> SummariseTable:
        """The job for ``roles`` given as a mapping."""
        return cls(str(path), target, tuple(sorted((roles or {}).items())))

    def run(self, control: Control, emit: Emit) -> None:
        table = cached_table(self.path, lambda lines, total: emit(Loading(lines, total)),
                             control.should_stop)
        # The dialog proposes a label by its name before falling back on the last column.
        target = self.target if self.target is not None else likely_label(table.header)
        summary = summarise(table, target, dict(self.roles),
                            val_fraction=self.val_fraction, test_fraction=self.test_fraction)
        plan = treatments(table, summary, val_fraction=self.val_fraction,
                          test_fraction=self.test_fraction)
        lines = tuple(line for line, _ in table.rows[:len(summary.preview)])
        emit(TableSummarised(self.path, summary, plan,
                             None if summary.label is None else baseline(summary.label),
                             lines, self.target, self.roles))


def cached_table(path: str | os.PathLike[str],
                 progress: Callable[[int, int], None] | None = None,
                 should_stop: Callable[[], bool] | None = None) -> Table:
    """The table at ``path``: the one read last if the file has not changed since, else
    read now (and kept)."""
    global _cache
    resolved = Path(path).resolve()
    try:
        stat = resolved.stat()
        key: tuple[str, int, int] | None = (str(resolved), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None  # read_table says what is wrong with it
    if key is not None and _cache is not None and _cache[0] == key:
        return _cache[1]
    table = read_table(path, progress, should_stop)
    if key is not None:
        _cache = (key, table)
    return table


def forget_table() -> None:
    """Drop the cached table (tests, and memory)."""
    global _cache
    _cache = None
