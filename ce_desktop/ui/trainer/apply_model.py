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
)
from ce_desktop.ui.common.file_dialogs import choose_file_to_open, choose_file_to_save
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


class ModelApplier(QObject):
    """Asks for a table and where to write, runs :class:`ApplyModel`, reports the outcome."""

    message = Signal(str, bool)
    """What happened, and whether it is an error."""
    progress = Signal(str, int, int)
    """The job's stage ("reading", "writing"), done and total."""
    busy_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job: JobHandle | None = None

    def is_running(self) -> bool:
        return self.job is not None

    def choose_and_start(self, parent: QWidget, model: TableModel) -> bool:
        """Ask for the input table and the output CSV, then start; False if cancelled."""
        data = choose_file_to_open(parent, self.tr("Apply {0} to a table").format(model.name),
                                   self.tr("CSV files (*.csv);;All files (*)"))
        if not data:
            return False
        out = choose_file_to_save(parent, self.tr("Save the predictions"),
                                  f"{Path(data).stem}-predictions.csv",
                                  self.tr("CSV files (*.csv)"))
        return bool(out) and self.start(data, out, model)

    def start(self, data_path: str, out_path: str, model: TableModel) -> bool:
        """Predict ``data_path`` with ``model`` into ``out_path`` (in the worker process);
        False if a prediction is already running."""
        if self.job is not None:
            return False
        self.job = JobHandle(ApplyModel(data_path, out_path, model.config, model.state,
                                        model.preprocessing, model.name), name="apply model")
        self.job.job_event.connect(self._on_event)
        self.job.finished.connect(self._on_finished)
        self.job.start()
        self.busy_changed.emit()
        self.message.emit(self.tr("Predicting {0} with {1}…").format(Path(data_path).name,
                                                                       model.name), False)
        return True

    def stop(self) -> None:
        if self.job is not None:
            self.job.stop()

    def shutdown(self) -> bool:
        return self.job is None or self.job.shutdown()

    def _on_event(self, event: object) -> None:
        if isinstance(event, ApplyProgress):
            self.progress.emit(event.stage, event.done, event.total)
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
        self.busy_changed.emit()
