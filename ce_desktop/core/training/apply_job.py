"""Applying a trained or loaded model to a table, as a job: it needs torch, so it runs in
the worker process, and the window receives how far it got and what it wrote."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from ce_desktop.core.jobs import Control, Emit
from ce_desktop.core.messages import QT_TRANSLATE_NOOP

ApplyStage = Literal["reading", "writing"]


@dataclass(frozen=True)
class ApplyProgress:
    """Lines of the table read, or rows of predictions written, so far and in all."""

    stage: ApplyStage
    done: int
    total: int


@dataclass(frozen=True)
class ApplyFinished:
    """The predictions are written."""

    path: str
    rows: int
    loss_name: str
    """"cross_entropy", or "squared_error" for a model trained on MSE."""
    unit: str
    """"nats", or "" for a squared error."""
    mean_loss: float | None
    """Over the rows with a known label; None when the table has no label column."""
    test_loss: float | None
    """Over the rows of the run's test part, when the table is the run's own."""


@dataclass(frozen=True)
class ApplyStopped:
    """Stopped on request; no file was written."""


@dataclass(frozen=True)
class ApplyTableChecked:
    """The table can be predicted: it has every column the model needs, each number cell a
    number, and no ragged row."""

    path: str
    rows: int


@dataclass(frozen=True)
class CheckApplyTable:
    """Read the table at ``data_path`` and check it against a model's preprocessing before
    anyone is asked where to save its predictions: a refusal is raised as an ``Explained``
    error (the runner reports it as ``Failed``), else :class:`ApplyTableChecked` is emitted.
    The worker keeps the table it read (``table_job.cached_table``), so :class:`ApplyModel`
    does not read it again."""

    data_path: str
    preprocessing: dict[str, object] | None
    source: str

    def run(self, control: Control, emit: Emit) -> None:
        from ce_desktop.core.data import LoadCancelled
        from ce_desktop.core.data.preprocessing import Preprocessing
        from ce_desktop.core.training.predictions import table_to_predict

        prep = None if self.preprocessing is None else Preprocessing.from_dict(
            self.preprocessing)
        try:
            table, _ = table_to_predict(
                prep, self.data_path, self.source,
                lambda done, total: emit(ApplyProgress("reading", done, total)),
                control.should_stop)
        except LoadCancelled:
            emit(ApplyStopped())
            return
        emit(ApplyTableChecked(self.data_path, len(table.line_array())))


@dataclass(frozen=True)
class ApplyModel:
    """Predict the table at ``data_path`` with a model (its config, weights and the
    preprocessing of the table it was trained on) and write the predictions as a CSV at
    ``out_path`` (:func:`predictions.write_predictions`). A refusal is raised as an
    ``Explained`` error, which the runner reports as ``Failed`` with its message."""

    data_path: str
    out_path: str
    config: dict[str, Any]
    state: dict[str, np.ndarray]
    preprocessing: dict[str, object] | None
    source: str
    """The model's name in a refusal: its file's name or its run's."""

    def run(self, control: Control, emit: Emit) -> None:
        from ce_desktop.core.data import LoadCancelled
        from ce_desktop.core.data.preprocessing import Preprocessing
        from ce_desktop.core.training.models import rebuild_model
        from ce_desktop.core.training.predictions import (
            PredictionRefused,
            check_output,
            predict,
            write_predictions,
        )

        check_output(self.data_path, self.out_path)

        # Checked when the run ended or the file was read: plain data from this app.
        prep = None if self.preprocessing is None else Preprocessing.from_dict(
            self.preprocessing)
        model = rebuild_model(self.config, self.state, prep, self.source)
        try:
            predictions = predict(
                model, self.config, prep, self.data_path, self.source,
                lambda done, total: emit(ApplyProgress("reading", done, total)),
                control.should_stop)
        except LoadCancelled:
            emit(ApplyStopped())
            return
        try:
            written = write_predictions(
                predictions, self.out_path,
                lambda done, total: emit(ApplyProgress("writing", done, total)),
                control.should_stop)
        except OSError as error:
            raise PredictionRefused(QT_TRANSLATE_NOOP("core", "cannot write {path}: {reason}"),
                                    path=self.out_path,
                                    reason=error.strerror or str(error)) from None
        if written is None:
            emit(ApplyStopped())
            return
        emit(ApplyFinished(str(written), len(predictions.predicted), predictions.loss_name,
                           predictions.unit, predictions.mean_loss(),
                           predictions.mean_loss("test")))
