"""The user's own table as a data set: its columns summarised, problems refused all at once,
features preprocessed by scikit-learn fitted on the training rows only."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ce_desktop.core.data.columns import (
    Problem,
    Table,
    TableRefused,
    TableSummary,
    is_missing,
    label_classes,
    numeric_problems,
    read_table,
    summarise,
)
from ce_desktop.core.data.csv_table import DataError, check_fractions
from ce_desktop.core.data.datasets import Dataset, split_indices
from ce_desktop.core.data.preprocessing import Columns, Preprocessing, fit
from ce_desktop.core.messages import QT_TRANSLATE_NOOP


def load_table(
    path: str | os.PathLike[str],
    target: str | None = None,
    roles: Mapping[str, str] | None = None,
    *,
    seed: int = 0,
    fractions: tuple[float, float] = (0.2, 0.2),
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    preprocessing: Preprocessing | None = None,
) -> Dataset:
    """A CSV table with numeric and categorical columns and gaps, as a data set.

    The label is ``target`` (else the last column); ``roles`` overrides the roles
    :func:`summarise` proposes. Rows are split (stratified) into train/val/test by the
    ``fractions`` of validation and test rows, and the
    features are made by a transform fitted on the training rows (:mod:`preprocessing`),
    which the data set keeps as plain data. Every problem of the table is raised at once
    (:class:`TableRefused`). A given ``preprocessing`` (a saved model's) is applied instead
    of the one fitted, and the classes are numbered as it names them.
    """
    table = read_table(path, progress, should_stop)
    split = split_table(table, target, roles, seed=seed, fractions=fractions)
    if preprocessing is None:
        prep, y, class_names = split.preprocessing, split.y, split.class_names
        X = prep.apply(split.columns)
    else:  # the classes in the order the model has them, not the table's
        prep = preprocessing
        X = prep.apply(columns_for(table, prep))
        y, class_names = class_codes(split.labels, prep.class_names), prep.class_names
        unknown = sorted({label for label, code in zip(split.labels, y, strict=True)
                          if code < 0})
        if unknown:
            raise DataError(QT_TRANSLATE_NOOP(
                "core", "column {column!r} has classes the model does not know: {classes}"),
                column=prep.label, classes=", ".join(repr(c) for c in unknown[:10]))
    train, val, test = split.train, split.val, split.test
    return Dataset(
        name=table.name,
        X_train=X[train], y_train=y[train],
        X_val=X[val], y_val=y[val],
        X_test=X[test], y_test=y[test],
        feature_names=prep.output_names,
        class_names=class_names,
        preprocessing=prep.to_dict(),
    )


@dataclass(frozen=True)
class TableSplit:
    """A table read with a run's settings: its label, the rows of each part, and the
    preprocessing fitted on the training rows."""

    columns: Columns
    """The feature columns, as the preprocessing takes them."""
    labels: list[str]
    y: np.ndarray
    class_names: tuple[str, ...]
    train: np.ndarray
    val: np.ndarray
    test: np.ndarray
    preprocessing: Preprocessing


def split_table(table: Table, target: str | None = None,
                roles: Mapping[str, str] | None = None, *, seed: int = 0,
                fractions: tuple[float, float] = (0.2, 0.2)) -> TableSplit:
    """Split the table's rows as a run does and fit the preprocessing on the training
    rows; :class:`TableRefused` lists every problem."""
    val_fraction, test_fraction = fractions
    check_fractions(val_fraction, test_fraction)
    summary = summarise(table, target, roles, val_fraction=val_fraction,
                        test_fraction=test_fraction)
    summary.check()
    columns = feature_columns(table, summary)
    assert summary.label is not None  # a table without problems has a label
    labels = table.column(summary.header.index(summary.label.column))
    y, class_names = label_classes(labels)
    train, val, test = split_indices(y, val_fraction, test_fraction, seed)
    numeric = [c.name for c in summary.columns if c.role == "numeric"]
    categorical = [c.name for c in summary.columns if c.role == "categorical"]
    prep = replace(fit(columns, numeric, categorical, train), label=summary.label.column,
                   class_names=class_names)
    return TableSplit(columns, labels, y, class_names, train, val, test, prep)


def class_codes(labels: Sequence[str], class_names: Sequence[str]) -> np.ndarray:
    """Each label's class index, -1 where it is missing or not one of the classes (numbers
    match by value: "1.0" is class "1")."""
    index = {name: k for k, name in enumerate(class_names)}
    by_value = {}
    for name, k in index.items():
        with contextlib.suppress(ValueError):
            by_value[float(name)] = k
    codes = np.full(len(labels), -1, dtype=np.int64)
    for i, label in enumerate(labels):
        if is_missing(label):
            continue
        if label in index:
            codes[i] = index[label]
            continue
        with contextlib.suppress(ValueError):
            codes[i] = by_value.get(float(label), -1)
    return codes


def feature_columns(table: Table, summary: TableSummary) -> Columns:
    """The feature columns as the preprocessing takes them: numbers with NaN for a gap,
    categories as text with None for a gap."""
    columns: dict = {}
    for j, column in enumerate(summary.columns):
        if column.role == "numeric":
            columns[column.name] = table.numbers(j)[0]
        elif column.role == "categorical":
            columns[column.name] = [None if is_missing(c) else c for c in table.column(j)]
    return columns


def columns_for(table: Table, prep: Preprocessing) -> Columns:
    """The columns a stored preprocessing needs. A column the table lacks is refused
    (DataError), and so is every cell of a numeric column that is not a finite number
    (TableRefused, each with its line and column); a gap is fine: it is imputed."""
    index = {name: j for j, name in enumerate(table.header)}
    lacking = [name for name in prep.inputs if name not in index]
    if lacking:
        raise DataError(QT_TRANSLATE_NOOP(
            "core", "{name} lacks the column(s) the model needs: {columns}"),
            name=table.name, columns=", ".join(repr(c) for c in lacking))
    lines = table.lines
    problems: list[tuple[int, int, Problem]] = []
    columns: dict = {}
    for name in prep.numeric:
        problems += [(line, index[name], problem)
                     for line, problem in numeric_problems(table, index[name], lines)]
        columns[name] = table.numbers(index[name])[0]
    if problems:
        problems.sort(key=lambda item: item[:2])
        raise TableRefused([problem for _, _, problem in problems])
    for name in prep.categorical:
        columns[name] = [None if is_missing(c) else c for c in table.column(index[name])]
    return columns
