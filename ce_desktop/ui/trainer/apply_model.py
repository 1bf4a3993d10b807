"""Apply model to data…: a trained or loaded model predicts a table, in the worker process,
and the trainer says what was written or why not."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from ce_desktop.core.jobs import Failed, Stopped
from ce_desktop.core.training.apply_job import (
    ApplyFinished,
    ApplyModel,
    ApplyProgress,
    ApplyStopped,
    ApplyTableChecked,
    CheckApplyTable,
)
from ce_desktop.ui.common.file_dialogs import (
    choose_file_to_open,
    choose_file_to_save,
    table_filters,
)
from ce_desktop.ui.common.jobs import JobHandle
from ce_desktop.ui.common.language import translated


@dataclass(frozen=True)
class TableModel:
    """A model that was trained on a table of the user's own: what predicting needs."""

    config: dict[str, Any]
    state: dict[str, np.ndarray]
    preprocessing: dict[str, object]
    name: str
    """Its file's name, or its run's."""


@dataclass(frozen=True)
class _Checking:
    """A table being checked in the worker, and what asking where to save then needs."""

    parent: QWidget
    data_path: str
    model: TableModel


class ModelApplier(QObject):
    """Asks for a table, checks it (:class:`CheckApplyTable`), asks where to write, runs
    :class:`ApplyModel`, reports the outcome."""

    message = Signal(str, bool)
    """What happened, and whether it is an error."""
    progress = Signal(str, int, int)
    """The job's stage ("reading", "writing"), done and total."""
    busy_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job: JobHandle | None = None
        self._checking: _Checking | None = None
        self._checked = False

    def is_running(self) -> bool:
        return self.job is not None

    def choose_and_start(self, parent: QWidget, model: TableModel) -> bool:
        """Ask for the input table (the same kinds of file as File → Open data…) and check
        it in the worker; only a table the model can predict leads to asking where to save,
        then to the prediction. False if cancelled or busy."""
        if self.job is not None:
            return False
        data = choose_file_to_open(parent, self.tr("Apply {0} to a table").format(model.name),
                                   table_filters())
        if not data:
            return False
        self._checking, self._checked = _Checking(parent, data, model), False
        self._start_job(CheckApplyTable(data, model.preprocessing, model.name), "check table")
        self.message.emit(self.tr("Reading {0}…").format(Path(data).name), False)
        return True

    def _ask_where_and_start(self, checking: _Checking) -> None:
        out = choose_file_to_save(checking.parent, self.tr("Save the predictions"),
                                  f"{Path(checking.data_path).stem}-predictions.csv",
                                  self.tr("CSV files (*.csv)"))
        if not out or not self.start(checking.data_path, out, checking.model):
            self.message.emit(self.tr("No predictions were written."), False)

    def start(self, data_path: str, out_path: str, model: TableModel) -> bool:
        """Predict ``data_path`` with ``model`` into ``out_path`` (in the worker process);
        False if a prediction is already running."""
        if self.job is not None:
            return False
        self._start_job(ApplyModel(data_path, out_path, model.config, model.state,
                                   model.preprocessing, model.name), "apply model")
        self.message.emit(self.tr("Predicting {0} with {1}…").format(Path(data_path).name,
                                                                       model.name), False)
        return True

    def _start_job(self, job: CheckApplyTable | ApplyModel, name: str) -> None:
        self.job = JobHandle(job, name=name)
        self.job.job_event.connect(self._on_event)
        self.job.finished.connect(self._on_finished)
        self.job.start()
        self.busy_changed.emit()

    def stop(self) -> None:
        if self.job is not None:
            self.job.stop()

    def shutdown(self) -> bool:
        return self.job is None or self.job.shutdown()

    def _on_event(self, event: object) -> None:
        if isinstance(event, ApplyProgress):
            self.progress.emit(event.stage, event.done, event.total)
        elif isinstance(event, ApplyTableChecked):
            self._checked = True
            self.message.emit(self.tr("{0} has the model's columns ({1} rows): choose where to "
                                      "save the predictions").format(Path(event.path).name,
                                                                      event.rows), False)
        elif isinstance(event, ApplyFinished):
            self.message.emit(self.finished_text(event), False)
        elif isinstance(event, (ApplyStopped, Stopped)):
            self.message.emit(self.tr("Stopped; no predictions were written."), False)
        elif isinstance(event, Failed):
            self.message.emit(self.tr("Could not apply the model: {0}").format(
                translated(event)), True)

    def finished_text(self, event: ApplyFinished) -> str:
        """"Wrote 891 predictions to …; mean cross-entropy 0.43 nats", in the interface
        language."""
        text = self.tr("Wrote {0} predictions to {1}").format(event.rows, event.path)
        if event.mean_loss is None:
            return text + self.tr(" (the table has no label column, so no loss)")
        if event.unit:
            unit = QCoreApplication.translate("Units", event.unit)
            text += self.tr("; mean cross-entropy {0:.2f} {1}").format(event.mean_loss, unit)
            if event.test_loss is not None:
                text += self.tr(" ({0:.2f} {1} on the run's test rows)").format(
                    event.test_loss, unit)
            return text
        return text + self.tr("; mean squared error {0:.3f}").format(event.mean_loss)

    def _on_finished(self) -> None:
        self.job = None
        checking, checked = self._checking, self._checked
        self._checking, self._checked = None, False
        if checking is not None and checked:
            # Checked: now, and only now, ask where to save (start() says it is busy again).
            self._ask_where_and_start(checking)
        if self.job is None:
            self.busy_changed.emit()
