"""The user's own table as a data set: its columns summarised, problems refused all at once,
features preprocessed by scikit-learn fitted on the training rows only."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import replace

from ce_desktop.core.data.columns import (
    Table,
    TableSummary,
    is_missing,
    label_classes,
    read_table,
    summarise,
)
from ce_desktop.core.data.csv_table import check_fractions
from ce_desktop.core.data.datasets import Dataset, split_indices
from ce_desktop.core.data.preprocessing import Columns, Preprocessing, fit


def load_table(
    path: str | os.PathLike[str],
    target: str | None = None,
    roles: Mapping[str, str] | None = None,
    *,
    seed: int = 0,
    fractions: tuple[float, float] = (0.2, 0.2),
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Dataset:
    """A CSV table with numeric and categorical columns and gaps, as a data set.

    The label is ``target`` (else the last column); ``roles`` overrides the roles
    :func:`summarise` proposes. Rows are split (stratified) into train/val/test by the
    ``fractions`` of validation and test rows, and the
    features are made by a transform fitted on the training rows (:mod:`preprocessing`),
    which the data set keeps as plain data. Every problem of the table is raised at once
    (:class:`TableRefused`).
    """
    val_fraction, test_fraction = fractions
    check_fractions(val_fraction, test_fraction)
    table = read_table(path, progress, should_stop)
    summary = summarise(table, target, roles, val_fraction=val_fraction,
                        test_fraction=test_fraction)
    summary.check()
    columns = feature_columns(table, summary)
    assert summary.label is not None  # a table without problems has a label
    y, class_names = label_classes(table.column(summary.header.index(summary.label.column)))
    train, val, test = split_indices(y, val_fraction, test_fraction, seed)
    numeric = [c.name for c in summary.columns if c.role == "numeric"]
    categorical = [c.name for c in summary.columns if c.role == "categorical"]
    prep = replace(fit(columns, numeric, categorical, train), label=summary.label.column,
                   class_names=class_names)
    X = prep.apply(columns)
    return Dataset(
        name=table.name,
        X_train=X[train], y_train=y[train],
        X_val=X[val], y_val=y[val],
        X_test=X[test], y_test=y[test],
        feature_names=prep.output_names,
        class_names=class_names,
        preprocessing=prep.to_dict(),
    )


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
    """The columns a stored preprocessing needs, from a table that has them all."""
    index = {name: j for j, name in enumerate(table.header)}
    columns: dict = {}
    for name in prep.numeric:
        columns[name] = table.numbers(index[name])[0]
    for name in prep.categorical:
        columns[name] = [None if is_missing(c) else c for c in table.column(index[name])]
    return columns

