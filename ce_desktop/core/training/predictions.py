"""A model trained on a table, applied to a table: each row's class probabilities, its
predicted class and, when the label is there, its loss in the run's unit."""

from __future__ import annotations

import contextlib
import csv
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ce_desktop.core.data.columns import Table, is_missing, read_table
from ce_desktop.core.data.own_table import columns_for
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained


class PredictionRefused(Explained, ValueError):
    """A table or a model that predictions cannot be made for, and why."""


@dataclass(frozen=True)
class Predictions:
    """One row per row of the table."""

    table: Table
    class_names: tuple[str, ...]
    q: np.ndarray
    """(n, K) class probabilities."""
    predicted: np.ndarray
    """(n,) the index of the predicted class."""
    loss: np.ndarray | None
    """(n,) each row's loss in the run's unit (NaN where the label is missing or a class the
    model does not know); None when the table has no label column."""


def predict_table(model_path: str | os.PathLike[str],
                  data_path: str | os.PathLike[str]) -> Predictions:
    """Apply the model file to the CSV table through the preprocessing stored with it."""
    import torch

    from ce_desktop.core.training.config import TrainConfig
    from ce_desktop.core.training.models import load_model_file
    from ce_desktop.core.training.trainer import (
        per_sample_losses,
        predict_labels,
        predict_proba,
    )

    model, config, prep = load_model_file(model_path)
    if prep is None or not prep.class_names:
        raise PredictionRefused(QT_TRANSLATE_NOOP(
            "core", "{name} was not trained on a table of your own, so it cannot predict one"),
            name=Path(model_path).name)
    table = read_table(data_path)
    lacking = [name for name in prep.inputs if name not in table.header]
    if lacking:
        raise PredictionRefused(QT_TRANSLATE_NOOP(
            "core", "{name} lacks the column(s) the model needs: {columns}"),
            name=table.name, columns=", ".join(repr(c) for c in lacking))
    width = len(table.header)
    ragged = next((line for line, cells in table.rows if len(cells) != width), None)
    if ragged is not None:
        raise PredictionRefused(QT_TRANSLATE_NOOP(
            "core", "line {line} has {cells} cells, the header has {columns}"), line=ragged,
            cells=len(next(c for line, c in table.rows if line == ragged)), columns=width)
    X = torch.as_tensor(prep.apply(columns_for(table, prep)), dtype=torch.float32)
    settings = TrainConfig.from_dict(config)
    with torch.no_grad():
        output = model(X)
        q = predict_proba(output, settings.loss).numpy().astype(np.float64)
        predicted = predict_labels(output, settings.loss).numpy()
    loss = None
    if prep.label in table.header:
        codes = _class_codes(table.column(table.header.index(prep.label)), prep.class_names)
        known = codes >= 0
        loss = np.full(len(codes), np.nan)
        if known.any():
            with torch.no_grad():
                rows, _, _ = per_sample_losses(settings, len(prep.class_names),
                                               output[torch.as_tensor(known)],
                                               torch.as_tensor(codes[known]))
            loss[known] = rows
    return Predictions(table, prep.class_names, q, predicted, loss)


def _class_codes(labels: list[str], class_names: tuple[str, ...]) -> np.ndarray:
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


def write_predictions(predictions: Predictions, path: str | os.PathLike[str]) -> Path:
    """A CSV (UTF-8) of the input columns, ``predicted``, ``p(<class>)`` for each class and,
    when the label is there, ``cross_entropy`` (blank where the label is missing)."""
    path = Path(path)
    header = [*predictions.table.header, "predicted",
              *(f"p({name})" for name in predictions.class_names)]
    if predictions.loss is not None:
        header.append("cross_entropy")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i, (_, cells) in enumerate(predictions.table.rows):
            row = [*cells, predictions.class_names[predictions.predicted[i]],
                   *(repr(float(p)) for p in predictions.q[i])]
            if predictions.loss is not None:
                value = predictions.loss[i]
                row.append("" if np.isnan(value) else repr(float(value)))
            writer.writerow(row)
    return path
