"""What training will do to each column of a table, said in words, and what the label's
class balance alone is worth: what an import dialog shows before anything is trained.

numpy only: the texts follow :mod:`preprocessing` (median + missing indicator +
standardisation for numbers; most frequent level + one-hot with rare levels grouped for
categories) without fitting anything.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ce_desktop.core.data.columns import (
    ColumnSummary,
    LabelSummary,
    Table,
    TableSummary,
    is_missing,
)
from ce_desktop.core.data.preprocessing import MIN_LEVEL_ROWS
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Message

Action = Literal["label", "standardised", "one-hot", "ignored"]
#: Why a column is left out, as the treatment names it.
IgnoredAs = Literal["identifier", "free text", "date", "constant", "chosen"]
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class Treatment:
    """One column: what will be done to it, in words (``message``) and as data."""

    column: str
    action: Action
    message: Message
    gaps: int
    """Missing cells that will be filled (0 for the label and ignored columns)."""
    levels: int = 0
    """One-hot: levels with a column of their own."""
    rare: int = 0
    """One-hot: levels grouped into one column because they are rare."""
    ignored_as: IgnoredAs | None = None
    warning: Message | None = None
    """Training can go ahead, but the user should know (a category of rare levels only)."""


@dataclass(frozen=True)
class Baseline:
    """The no-information baseline of a class balance: predicting the class frequencies for
    every row, whatever its features."""

    nats: float
    bits: float
    accuracy: float
    """Of always guessing the largest class."""


def baseline(label: LabelSummary) -> Baseline:
    """The label's baseline cross-entropy (nats and bits) and accuracy."""
    nats = label.baseline_loss
    return Baseline(nats, nats / math.log(2), label.baseline_accuracy)


def is_identifier(cells: Sequence[str]) -> bool:
    """Every cell filled, each value once and no value with a space: an identifier (a
    passenger id, a code), not free text (a name, a comment)."""
    present = [c for c in cells if not is_missing(c)]
    return (len(present) == len(cells) > 1 and len(set(present)) == len(present)
            and not any(_SPACE.search(c) for c in present))


def treatments(table: Table, summary: TableSummary, *, val_fraction: float = 0.2,
               test_fraction: float = 0.2) -> tuple[Treatment, ...]:
    """What will be done to each column of ``summary`` (in the table's order).

    A level is counted as rare when it has fewer rows than scikit-learn's
    ``min_frequency`` (:data:`MIN_LEVEL_ROWS`) would expect in the training part
    (``1 - val_fraction - test_fraction`` of the rows); the split itself decides at
    training time, so the count can be off by a level at the edge."""
    train_share = max(1.0 - val_fraction - test_fraction, 1e-9)
    index = {name: j for j, name in enumerate(table.header)}
    return tuple(_treatment(column, table.column(index[column.name]), train_share, summary)
                 for column in summary.columns)


def _treatment(column: ColumnSummary, cells: list[str], train_share: float,
               summary: TableSummary) -> Treatment:
    name, gaps = column.name, column.missing
    if column.role == "label":
        classes = len(summary.label.class_names) if summary.label is not None else 0
        return Treatment(name, "label", Message(QT_TRANSLATE_NOOP(
            "core", "label: {classes}"), classes=_classes(classes)), 0)
    if column.role == "numeric":
        if gaps:
            text = Message(QT_TRANSLATE_NOOP(
                "core", "standardised; {gaps} filled with the median + a "
                "missing-indicator column"), gaps=_gaps(gaps))
        else:
            text = Message(QT_TRANSLATE_NOOP("core", "standardised"))
        return Treatment(name, "standardised", text, gaps)
    if column.role == "categorical":
        counts = Counter(c for c in cells if not is_missing(c))
        # As many rows as the fitted encoder needs in the training part, over all rows.
        needed = MIN_LEVEL_ROWS / train_share
        rare = sum(1 for n in counts.values() if n < needed)
        frequent = len(counts) - rare
        if rare and not frequent:
            text = Message(QT_TRANSLATE_NOOP(
                "core", "one-hot, 1 column for {rare} (grouped)"), rare=_rare_levels(rare))
        elif rare:
            text = Message(QT_TRANSLATE_NOOP(
                "core", "one-hot, {levels} + 1 column for {rare} (grouped)"),
                levels=_levels(frequent), rare=_rare_levels(rare))
        else:
            text = Message(QT_TRANSLATE_NOOP("core", "one-hot, {levels}"),
                           levels=_levels(frequent))
        if gaps:
            text = Message(QT_TRANSLATE_NOOP(
                "core", "{treatment}; {gaps} filled with the most frequent level"),
                treatment=text, gaps=_gaps(gaps))
        rare_rows = sum(n for n in counts.values() if n < needed)
        return Treatment(name, "one-hot", text, gaps, frequent, rare,
                         warning=_mostly_rare(column, counts, rare_rows))
    why: IgnoredAs
    if column.kind == "constant":
        why, text = "constant", Message(QT_TRANSLATE_NOOP(
            "core", "ignored: constant (one value)"))
    elif column.kind == "date":
        why, text = "date", Message(QT_TRANSLATE_NOOP("core", "ignored: date"))
    elif column.kind == "text" and is_identifier(cells):
        why, text = "identifier", Message(QT_TRANSLATE_NOOP(
            "core", "ignored: identifier (each value once)"))
    elif column.kind == "text":
        why, text = "free text", Message(QT_TRANSLATE_NOOP(
            "core", "ignored: free text ({distinct} distinct values)"),
            distinct=column.distinct)
    else:
        why, text = "chosen", Message(QT_TRANSLATE_NOOP("core", "ignored (your choice)"))
    return Treatment(name, "ignored", text, 0, ignored_as=why)


def _mostly_rare(column: ColumnSummary, counts: Counter[str], rare_rows: int) -> Message | None:
    """A warning when a category column is (nearly) all rare levels: a different value in
    each row (an identifier, a measured number), or most rows in the one grouped column.
    Such a column adds a column per level and teaches the model little."""
    present = sum(counts.values())
    if present < 2:
        return None
    advice = (Message(QT_TRANSLATE_NOOP("core", "make it numeric or ignore it"))
              if column.kind == "numeric"
              else Message(QT_TRANSLATE_NOOP("core", "ignore it")))
    if len(counts) == present:
        return Message(QT_TRANSLATE_NOOP(
            "core", "column {name!r} has a different value in each of its {rows} rows (an "
            "identifier or a measured number): as categories it teaches the model nothing; "
            "{advice}"), name=column.name, rows=present, advice=advice)
    if rare_rows == present:
        return Message(QT_TRANSLATE_NOOP(
            "core", "column {name!r}: each of its {rows} rows has a rare level, all grouped "
            "into one column: as categories it teaches the model nothing; {advice}"),
            name=column.name, rows=present, advice=advice)
    if 2 * rare_rows > present:
        return Message(QT_TRANSLATE_NOOP(
            "core", "column {name!r}: {rare} of its {rows} rows have a rare level, grouped "
            "into one column: as categories it teaches the model little; {advice}"),
            name=column.name, rare=rare_rows, rows=present, advice=advice)
    return None


def _count(n: int, one: str, many: str) -> Message:
    """``n`` with its noun: ``one`` for a single one, else ``many`` (with ``{n}``). One
    template each, so that a translation can say either its own way."""
    return Message(one) if n == 1 else Message(many, n=n)


def _levels(n: int) -> Message:
    return _count(n, QT_TRANSLATE_NOOP("core", "1 level"),
                  QT_TRANSLATE_NOOP("core", "{n} levels"))


def _rare_levels(n: int) -> Message:
    return _count(n, QT_TRANSLATE_NOOP("core", "1 rare level"),
                  QT_TRANSLATE_NOOP("core", "{n} rare levels"))


def _gaps(n: int) -> Message:
    return _count(n, QT_TRANSLATE_NOOP("core", "1 gap"), QT_TRANSLATE_NOOP("core", "{n} gaps"))


def _classes(n: int) -> Message:
    return _count(n, QT_TRANSLATE_NOOP("core", "1 class"),
                  QT_TRANSLATE_NOOP("core", "{n} classes"))
