"""What a table holds, column by column: each column's kind, its gaps and its proposed role,
the label's classes, and every problem of the file at once, with its line and column.

numpy only (no scikit-learn): an import dialog can show this summary before anything is
trained, and :mod:`ce_desktop.core.data.own_table` builds the trainer's data set from it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from ce_desktop.core.data.csv_table import (
    MAX_MAGNITUDE,
    DataError,
    header_problems,
    short_classes,
)
from ce_desktop.core.data.fast_read import Table, missing_mask, numbers_of
from ce_desktop.core.data.fast_read import is_missing as is_missing  # used by callers
from ce_desktop.core.data.fast_read import read_table as _read_any
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Listing, Message

ColumnKind = Literal["numeric", "categorical", "text", "date", "constant"]
#: Each kind, in the order a dialog lists them; "text" is free text or an identifier.
KINDS: tuple[ColumnKind, ...] = ("numeric", "categorical", "text", "date", "constant")
Role = Literal["numeric", "categorical", "ignore", "label"]
#: The roles a column other than the label can be given (``TrainConfig.csv_roles``): a
#: feature read as numbers, a feature read as categories, or left out.
FEATURE_ROLES: tuple[Role, ...] = ("numeric", "categorical", "ignore")
#: A text column with more distinct values than this is free text, not categories.
MAX_LEVELS = 50
#: A column whose non-missing cells are at least this share numbers is numeric, and its
#: other cells are typing errors to name rather than categories.
NUMERIC_SHARE = 0.9
#: Rows kept for a preview.
PREVIEW_ROWS = 20
#: Problems a refusal lists before summarising the rest.
MAX_LISTED_PROBLEMS = 20
_DATE = re.compile(
    r"\s*(\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?Z?"
    r"|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\s*$")
#: The words of a column name: "PassengerId" → passenger, id; "user_id" → user, id.
_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


@dataclass(frozen=True)
class Problem:
    """One thing that stops the table from training, and where it is (when it is a cell,
    a row or a column)."""

    message: Message
    line: int | None = None
    column: str | None = None


@dataclass(frozen=True)
class ColumnSummary:
    """One column: what it looks like and what will be done with it."""

    name: str
    kind: ColumnKind
    missing: int
    distinct: int
    """Distinct non-missing values."""
    role: Role


@dataclass(frozen=True)
class LabelSummary:
    """The label column's classes (in the order the trainer numbers them) and their rows."""

    column: str
    class_names: tuple[str, ...]
    counts: tuple[int, ...]

    @property
    def baseline_accuracy(self) -> float:
        """Accuracy of always guessing the largest class."""
        return max(self.counts) / sum(self.counts)

    @property
    def baseline_loss(self) -> float:
        """Cross-entropy (nats) of predicting the class frequencies for every row: the loss
        of a model that learned nothing from the features."""
        p = np.asarray(self.counts, dtype=np.float64) / sum(self.counts)
        return float(-(p * np.log(p)).sum())


@dataclass(frozen=True)
class TableSummary:
    """A table as read: preview, columns, label, and all its problems (empty when it
    trains)."""

    name: str
    header: tuple[str, ...]
    preview: tuple[tuple[str, ...], ...]
    n_rows: int
    columns: tuple[ColumnSummary, ...]
    label: LabelSummary | None
    problems: tuple[Problem, ...]

    def role_of(self, column: str) -> Role:
        return next(c.role for c in self.columns if c.name == column)

    def check(self) -> None:
        """Raise a :class:`TableRefused` listing the problems, if there are any."""
        if self.problems:
            raise TableRefused(self.problems)


class TableRefused(DataError):
    """A table with problems: the message lists them all (the first
    MAX_LISTED_PROBLEMS of them, then how many more)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        if len(problems) == 1:  # as the first-problem-only reader said it
            super().__init__(problems[0].message.template, **problems[0].message.values)
            return
        listed: str = Listing([p.message for p in problems[:MAX_LISTED_PROBLEMS]])
        if len(problems) > MAX_LISTED_PROBLEMS:
            listed = Message(QT_TRANSLATE_NOOP("core", "{problems} and {count} more"),
                             problems=listed, count=len(problems) - MAX_LISTED_PROBLEMS)
        super().__init__(QT_TRANSLATE_NOOP("core", "{count} problems: {problems}"),
                         count=len(problems), problems=listed)


#: Column names that usually hold the label, as data sets name it (compared case-blind);
#: the import dialog proposes the first such column, else the last one.
LABEL_NAMES = ("label", "labels", "target", "class", "y", "outcome", "survived", "species",
               "diagnosis", "churn", "income")


def likely_label(header: Sequence[str]) -> str | None:
    """The column whose name says it is the label, if one does."""
    names = {name.strip().casefold(): name for name in reversed(header)}
    return next((names[n] for n in LABEL_NAMES if n in names), None)


def read_table(path: str | os.PathLike[str],
               progress: Callable[[int, int], None] | None = None,
               should_stop: Callable[[], bool] | None = None) -> Table:
    """The table in a CSV file (or an Excel workbook's first sheet), decoded and split as
    :func:`load_csv` reads it; a problem that leaves nothing to look at (no file, empty,
    binary, undecodable) is raised."""
    return _read_any(Path(path), progress, should_stop)


#: The cells as floats (NaN where missing or not a number) and the indices of the cells that
#: are neither a number nor missing.
_numbers = numbers_of


def _looks_like_identifier(name: str, values: np.ndarray) -> bool:
    """Whole numbers, each once, in a column named like an id or counting up row by row."""
    if len(values) < 2 or not np.all(values == np.round(values)):
        return False
    if len(np.unique(values)) != len(values):
        return False
    words = [w.lower() for w in _WORDS.findall(name)]
    return (bool(words) and words[-1] in ("id", "index", "no", "number")) or bool(
        np.all(np.diff(values) == 1))


def column_kind(name: str, cells: Sequence[str]) -> tuple[ColumnKind, int, int]:
    """The kind of a column, its missing cells and its distinct non-missing values."""
    cells = np.asarray(cells, dtype=object)
    present = cells[~missing_mask(cells)].tolist()
    missing = len(cells) - len(present)
    distinct = len(set(present))
    if distinct == 0 or (distinct == 1 and missing == 0):
        return "constant", missing, distinct
    allowed = int((1 - NUMERIC_SHARE) * len(present))
    values, bad = _numbers(present, give_up_after=allowed)
    if len(bad) <= allowed:
        finite = values[~np.isnan(values)]
        if missing == 0 and _looks_like_identifier(name, finite):
            return "text", missing, distinct
        return "numeric", missing, distinct
    if sum(1 for c in present if _DATE.match(c)) >= NUMERIC_SHARE * len(present):
        return "date", missing, distinct
    if distinct <= MAX_LEVELS and distinct <= max(2, len(present) // 2):
        return "categorical", missing, distinct
    return "text", missing, distinct


def default_role(kind: ColumnKind) -> Role:
    """Numbers and categories are features; free text, identifiers, dates and constants
    are left out."""
    return kind if kind in ("numeric", "categorical") else "ignore"


def label_classes(labels: Sequence[str]) -> tuple[np.ndarray, tuple[str, ...]]:
    """Labels → 0..K-1 and the class names, numbered as ``LabelEncoder`` numbers them:
    labels that are all numbers sort as numbers (2 before 10), each class named by the text
    of its first row; others sort as text."""
    try:
        numbers = np.array([float(label) for label in labels])
        numeric = bool(np.isfinite(numbers).all())
    except ValueError:
        numeric = False
    if not numeric:
        names, y = np.unique(np.asarray(labels, dtype=str), return_inverse=True)
        return y.astype(np.int64), tuple(str(n) for n in names)
    _, y = np.unique(numbers, return_inverse=True)
    first: dict[int, str] = {}
    for label, code in zip(labels, y, strict=True):
        first.setdefault(int(code), label)
    return y.astype(np.int64), tuple(first[c] for c in range(len(first)))


def _cell(line: int, column: str) -> Message:
    return Message(QT_TRANSLATE_NOOP("core", "line {line}, column {column!r}"),
                   line=line, column=column)


def summarise(
    table: Table,
    target: str | None = None,
    roles: Mapping[str, str] | None = None,
    *,
    val_fraction: float = 0.2,
    test_fraction: float = 0.2,
) -> TableSummary:
    """The table's columns with their kinds and roles (``roles`` overrides the defaults of
    the columns it names), its label, and every problem that stops it from training."""
    header, roles = table.header, dict(roles or {})
    header_line = table.header_line
    problems = [Problem(m, header_line) for m in header_problems(header, header_line)]
    if problems:  # without named, distinct columns nothing else can be said
        return TableSummary(table.name, header, (), table.n_rows, (), None, tuple(problems))
    width = len(header)
    row_problems = [
        (line, -1, Problem(Message(QT_TRANSLATE_NOOP(
            "core", "line {line} has {cells} cells, the header has {columns}"),
            line=line, cells=len(cells), columns=width), line))
        for line, cells in table.ragged]
    column_problems: list[Problem] = []

    if target is None:
        target = header[-1]
    elif target not in header:
        column_problems.append(Problem(Message(QT_TRANSLATE_NOOP(
            "core", "no column named {target!r}; the columns are {columns}"), target=target,
            columns=", ".join(repr(h) for h in header))))
        target = None
    for name, role in roles.items():
        if name not in header:
            column_problems.append(Problem(Message(QT_TRANSLATE_NOOP(
                "core", "a role is given to {column!r}, which the table does not have"),
                column=name), column=name))
        elif role not in FEATURE_ROLES:
            column_problems.append(Problem(Message(QT_TRANSLATE_NOOP(
                "core", "column {column!r}: the role {role!r} is not one of {roles}"),
                column=name, role=role, roles=", ".join(FEATURE_ROLES)), column=name))

    lines = table.lines
    columns = []
    label = None
    for j, name in enumerate(header):
        values = table.values(j)
        if values is not None:  # every cell a finite number: no text to look at
            kind, missing, distinct = _kind_of_numbers(name, values)
        else:
            kind, missing, distinct = column_kind(name, table.cells(j))
        if name == target:
            role: Role = "label"
        else:
            given = roles.get(name)
            role = given if given in FEATURE_ROLES else default_role(kind)  # type: ignore[assignment]
        columns.append(ColumnSummary(name, kind, missing, distinct, role))
        if role == "numeric":
            row_problems.extend((line, j, problem) for line, problem
                                in numeric_problems(table, j, lines))
        elif role == "label":
            cells = table.cells(j)
            gone = missing_mask(cells)
            gaps = [lines[i] for i in np.flatnonzero(gone)]
            row_problems.extend((line, j, Problem(Message(QT_TRANSLATE_NOOP(
                "core", "{where}: missing value"), where=_cell(line, name)), line, name))
                for line in gaps)
            labels = cells[~gone].tolist()
            if labels:
                y, class_names = label_classes(labels)
                counts = np.bincount(y, minlength=len(class_names))
                label = LabelSummary(name, class_names, tuple(int(n) for n in counts))
                column_problems.extend(_class_problems(name, y, class_names, val_fraction,
                                                       test_fraction))
    if not any(c.role in ("numeric", "categorical") for c in columns):
        column_problems.append(Problem(Message(QT_TRANSLATE_NOOP(
            "core", "no feature columns: every column besides the label is left out (free "
            "text, identifiers, dates and constant columns are left out unless given a "
            "role)"))))
    if not table.n_rows:
        column_problems.append(Problem(Message(QT_TRANSLATE_NOOP(
            "core", "{name} has a header but no data rows"), name=table.name)))
    row_problems.sort(key=lambda item: (item[0], item[1]))
    preview = tuple(table.preview(PREVIEW_ROWS))
    return TableSummary(table.name, header, preview, table.n_rows, tuple(columns), label,
                        tuple(p for _, _, p in row_problems) + tuple(column_problems))


def numeric_problems(table: Table, j: int, lines: list[int]) -> list[tuple[int, Problem]]:
    """The cells of column ``j``, a numeric feature, that are not numbers, infinite or too
    large; a column read whole as finite numbers is not read again as text."""
    name = table.header[j]
    values = table.values(j)
    if values is not None:
        return [(lines[i], _too_large(name, lines[i], float(values[i])))
                for i in np.flatnonzero(np.abs(values) > MAX_MAGNITUDE)]
    return _numeric_problems(name, table.column(j), lines)


def _numeric_problems(name: str, cells: list[str],
                      lines: list[int]) -> list[tuple[int, Problem]]:
    """The cells of a numeric feature that are not numbers, infinite or too large."""
    values, bad = _numbers(cells)
    found = [(lines[i], Problem(Message(QT_TRANSLATE_NOOP(
        "core", "{where}: {cell!r} is not a number"), where=_cell(lines[i], name),
        cell=cells[i]), lines[i], name)) for i in bad]
    with np.errstate(invalid="ignore"):
        infinite = np.flatnonzero(np.isinf(values))
        too_large = np.flatnonzero(np.isfinite(values) & (np.abs(values) > MAX_MAGNITUDE))
    found += [(lines[i], Problem(Message(QT_TRANSLATE_NOOP(
        "core", "{where}: {cell!r} is an infinite value"), where=_cell(lines[i], name),
        cell=cells[i]), lines[i], name)) for i in infinite]
    found += [(lines[i], _too_large(name, lines[i], float(values[i]))) for i in too_large]
    return found


def _too_large(name: str, line: int, value: float) -> Problem:
    return Problem(Message(QT_TRANSLATE_NOOP(
        "core", "{where}: {value:g} is too large to compute with (at most {limit:g}); "
        "rescale the column"), where=_cell(line, name), value=value, limit=MAX_MAGNITUDE),
        line, name)


def _kind_of_numbers(name: str, values: np.ndarray) -> tuple[ColumnKind, int, int]:
    """:func:`column_kind` of a column whose every cell is a finite number (distinct
    values counted as numbers: "1" and "1.0" are one)."""
    distinct = len(np.unique(values))
    if distinct == 1:
        return "constant", 0, distinct
    if _looks_like_identifier(name, values):
        return "text", 0, distinct
    return "numeric", 0, distinct


def _class_problems(name: str, y: np.ndarray, class_names: tuple[str, ...],
                    val_fraction: float, test_fraction: float) -> list[Problem]:
    if len(class_names) < 2:
        return [Problem(Message(QT_TRANSLATE_NOOP(
            "core", "column {column!r} has only one class ({name!r}); a classifier needs at "
            "least two"), column=name, name=class_names[0]), column=name)]
    short = short_classes(y, class_names, val_fraction, test_fraction)
    return [] if short is None else [Problem(short, column=name)]

