"""A model trained on a table, applied to a table: each row's class probabilities, its
predicted class, when the label is there its loss in the run's unit, and when the table is
the run's own the part of the split each row was in."""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ce_desktop.core.data.columns import Table
from ce_desktop.core.data.csv_table import DataError
from ce_desktop.core.data.own_table import class_codes, columns_for, split_table
from ce_desktop.core.data.preprocessing import Columns, Preprocessing
from ce_desktop.core.info import Unit
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained
from ce_desktop.core.training.config import LOSS_UNITS, TrainConfig

if TYPE_CHECKING:
    from torch import nn

# The parts of a run's split, as the ``split`` column names them.
SPLIT_PARTS = ("train", "validation", "test")
# Rows written between two looks at the stop flag and two progress reports.
WRITE_CHUNK = 2000


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
    loss_name: str = "cross_entropy"
    """What ``loss`` is: "cross_entropy", or "squared_error" for a model trained on MSE."""
    unit: str = "nats"
    """The unit of ``loss``: "nats", or "" for a squared error."""
    split: np.ndarray | None = None
    """(n,) "train", "validation" or "test": the part of the run's split each row was in,
    when the table is the run's own (:func:`run_split`); else None."""

    @property
    def loss_column(self) -> str:
        """The loss column's name: ``cross_entropy`` (nats), ``cross_entropy_bits``, …"""
        return self.loss_name if self.unit in ("", "nats") else f"{self.loss_name}_{self.unit}"

    def in_unit(self, unit: Unit) -> Predictions:
        """The same predictions with each row's cross-entropy in ``unit`` (a squared error
        has no unit and stays as it is)."""
        if self.loss is None or not self.unit or unit.plural == self.unit:
            return self
        nats = self.loss if self.unit == "nats" else self.loss * math.log(
            Unit[self.unit.upper()].base)
        return replace(self, loss=nats / math.log(unit.base), unit=unit.plural)

    def mean_loss(self, part: str | None = None) -> float | None:
        """The mean loss over the rows with a known label (of one part of the split, when
        given); None when there is none."""
        if self.loss is None or (part is not None and self.split is None):
            return None
        rows = self.loss if part is None else self.loss[self.split == part]
        rows = rows[~np.isnan(rows)]
        return float(rows.mean()) if rows.size else None


def predict_table(model_path: str | os.PathLike[str], data_path: str | os.PathLike[str],
                  progress: Callable[[int, int], None] | None = None,
                  should_stop: Callable[[], bool] | None = None) -> Predictions:
    """Apply the model file to the CSV table through the preprocessing stored with it."""
    from ce_desktop.core.training.models import load_model_file

    model, config, prep = load_model_file(model_path)
    return predict(model, config, prep, data_path, Path(model_path).name, progress,
                   should_stop)


def table_to_predict(prep: Preprocessing | None, data_path: str | os.PathLike[str],
                     source: str, progress: Callable[[int, int], None] | None = None,
                     should_stop: Callable[[], bool] | None = None) -> tuple[Table, Columns]:
    """The table at ``data_path`` and the columns ``prep`` needs from it, or the refusal
    (a model not trained on a table, a ragged row, a lacking column, a cell that is not a
    number). Reads no more than :func:`cached_table` does: a table checked before asking
    where to save is not read again to predict it."""
    from ce_desktop.core.data.table_job import cached_table

    if prep is None or not prep.class_names:
        raise PredictionRefused(QT_TRANSLATE_NOOP(
            "core", "{name} was not trained on a table of your own, so it cannot predict one"),
            name=source)
    table = cached_table(data_path, progress, should_stop)
    width = len(table.header)
    ragged = next(((line, cells) for line, cells in table.rows if len(cells) != width), None)
    if ragged is not None:
        raise PredictionRefused(QT_TRANSLATE_NOOP(
            "core", "line {line} has {cells} cells, the header has {columns}"),
            line=ragged[0], cells=len(ragged[1]), columns=width)
    return table, columns_for(table, prep)


def predict(model: nn.Module, config: Mapping[str, Any], prep: Preprocessing | None,
            data_path: str | os.PathLike[str], source: str,
            progress: Callable[[int, int], None] | None = None,
            should_stop: Callable[[], bool] | None = None) -> Predictions:
    """Apply ``model`` (trained with ``config`` on a table transformed by ``prep``) to the
    CSV table; ``source`` names the model in a refusal."""
    import torch

    from ce_desktop.core.training.trainer import (
        per_sample_losses,
        predict_labels,
        predict_proba,
    )

    table, columns = table_to_predict(prep, data_path, source, progress, should_stop)
    assert prep is not None  # table_to_predict refused a model without one
    X = torch.as_tensor(prep.apply(columns), dtype=torch.float32)
    settings = TrainConfig.from_dict(config)
    with torch.no_grad():
        output = model(X)
        q = predict_proba(output, settings.loss).numpy().astype(np.float64)
        predicted = predict_labels(output, settings.loss).numpy()
    loss = None
    if prep.label in table.header:
        codes = class_codes(table.column(table.header.index(prep.label)), prep.class_names)
        known = codes >= 0
        loss = np.full(len(codes), np.nan)
        if known.any():
            with torch.no_grad():
                rows, _, _ = per_sample_losses(settings, len(prep.class_names),
                                               output[torch.as_tensor(known)],
                                               torch.as_tensor(codes[known]))
            loss[known] = rows
    unit = LOSS_UNITS.get(settings.loss, "")
    return Predictions(table, prep.class_names, q, predicted, loss,
                       "cross_entropy" if unit else "squared_error", unit,
                       run_split(table, settings, prep))


def run_split(table: Table, config: TrainConfig, prep: Preprocessing) -> np.ndarray | None:
    """Each row's part of the run's split ("train", "validation", "test") when the table
    is the run's own; else None.

    The table is the run's own when, read with the run's settings (label, roles, data
    seed), its training rows give the very preprocessing stored with the model: the same
    medians, means, scales and levels, to the last bit. This looks at the content, not the
    path: a copy of the table elsewhere is recognised, while an edited, extended or
    reordered table at the recorded path is not (its training rows, and with them the
    fitted numbers, change).
    """
    if config.dataset != "csv":
        return None
    try:
        split = split_table(table, config.csv_target, config.csv_roles, seed=config.data_seed)
    except (DataError, ValueError):  # it does not even train as the run's table did
        return None
    if split.preprocessing != prep:
        return None
    parts = np.empty(len(split.y), dtype=object)
    for name, rows in zip(SPLIT_PARTS, (split.train, split.val, split.test), strict=True):
        parts[rows] = name
    return parts


def check_output(data_path: str | os.PathLike[str], out_path: str | os.PathLike[str]) -> None:
    """Refuse to write the predictions over the table they are made from."""
    if Path(out_path).resolve() == Path(data_path).resolve():
        raise PredictionRefused(QT_TRANSLATE_NOOP(
            "core", "the predictions would overwrite the table they are made from, {name}; "
            "choose another file"), name=Path(data_path).name)


def write_predictions(predictions: Predictions, path: str | os.PathLike[str],
                      progress: Callable[[int, int], None] | None = None,
                      should_stop: Callable[[], bool] | None = None) -> Path | None:
    """A CSV (UTF-8) of the input columns, ``split`` when the table is the run's own,
    ``predicted``, ``p(<class>)`` for each class and, when the label is there, the loss
    (``cross_entropy``, blank where the label is missing). Written beside ``path`` and
    renamed over it, so a failure or a stop leaves no half-written file; None if stopped."""
    path = Path(path)
    header = [*predictions.table.header]
    if predictions.split is not None:
        header.append("split")
    header += ["predicted", *(f"p({name})" for name in predictions.class_names)]
    if predictions.loss is not None:
        header.append(predictions.loss_column)
    partial = path.with_name(f".{path.name}.partial")
    total = len(predictions.table.rows)
    try:
        with open(partial, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for i, (_, cells) in enumerate(predictions.table.rows):
                if i % WRITE_CHUNK == 0:
                    if should_stop is not None and should_stop():
                        return None
                    if progress is not None:
                        progress(i, total)
                row = [*cells]
                if predictions.split is not None:
                    row.append(predictions.split[i])
                row += [predictions.class_names[predictions.predicted[i]],
                        *(repr(float(p)) for p in predictions.q[i])]
                if predictions.loss is not None:
                    value = predictions.loss[i]
                    row.append("" if np.isnan(value) else repr(float(value)))
                writer.writerow(row)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    if progress is not None:
        progress(total, total)
    return path
