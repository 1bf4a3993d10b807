"""The list of stored runs: rename, export, delete, and tick runs to compare their losses."""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.core.runs.store import RunStore, RunSummary, StoreError
from ce_desktop.ui.common import style
from ce_desktop.ui.common.file_dialogs import choose_file_to_save
from ce_desktop.ui.common.formatting import format_number
from ce_desktop.ui.common.language import translated
from ce_desktop.ui.common.widgets import button_row, push_button, show_message

EM_DASH = "—"
COMPARE, NAME, STATUS, EPOCHS, VAL_LOSS, TEST_ACC, STARTED = range(7)
RUN_ID_ROLE = Qt.ItemDataRole.UserRole
# The name as last stored, so a refused edit can be put back.
STORED_NAME_ROLE = Qt.ItemDataRole.UserRole + 1
# Everything but letters, digits, dot, dash and underscore becomes "_" in a suggested file
# name: run names are free text, file systems are not.
_UNSAFE_FILE_CHARACTERS = re.compile(r"[^\w.-]+")
# Errors a store operation can end with while the app goes on: a missing or unwritable
# target, a run another process deleted, a closed or broken store.
_STORE_ERRORS = (OSError, KeyError, StoreError, sqlite3.Error)


@dataclass(frozen=True)
class ComparedRun:
    """One ticked run's loss history, as a comparison plot needs it."""

    run_id: int
    name: str
    epochs: list[int]
    train_loss: list[float]
    val_loss: list[float]
    loss: str = ""
    """The loss it trained on (a key of core.config.LOSS_UNITS), "" if unknown."""


class RunsPanel(QWidget):
    """The stored runs in a table: keep, rename, export, delete and compare them."""

    comparison_changed = Signal(object)
    """Emitted with a list of ComparedRun, in the order the runs were ticked."""
    status_message = Signal(str)

    def __init__(self, store: RunStore | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.table: QTableWidget | None = None
        # Ticked run ids in the order they were ticked: a comparison plot that colours runs
        # by position then keeps each run's colour when another is ticked.
        self._checked: list[int] = []
        self._comparison_key: tuple = ()
        self._populating = False

        layout = QVBoxLayout(self)
        if store is None:
            self.disabled_label = QLabel(
                self.tr("Runs are not being saved: the run store could not be opened.")
            )
            self.disabled_label.setWordWrap(True)
            self.disabled_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.disabled_label.setStyleSheet(f"color: {style.WARNING}")
            self.disabled_label.setToolTip(self.tr(
                "Training still works, but no run or epoch is kept after the window closes"))
            layout.addWidget(self.disabled_label, 1)
            return

        self.hint_label = QLabel(self.tr(
            "Tick runs to compare their loss curves; double-click a name to rename it."))
        self.hint_label.setStyleSheet(f"color: {style.MUTED}")
        self.table = self._build_table()
        layout.addWidget(self.hint_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_buttons())
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message_label)
        self.refresh()

    # --- construction --------------------------------------------------------------------

    def _build_table(self) -> QTableWidget:
        headers = {
            COMPARE: (self.tr("Compare"), self.tr("Tick to draw this run's loss curves in the "
                                                  "comparison")),
            NAME: (self.tr("Name"), self.tr("The run's name; double-click to rename it")),
            STATUS: (self.tr("Status"), self.tr(
                "running, finished, stopped (by you; completed epochs are kept) or failed "
                "(hover for the reason)")),
            EPOCHS: (self.tr("Epochs"), self.tr("Number of completed epochs stored")),
            VAL_LOSS: (self.tr("Final val loss"), self.tr(
                "Validation loss (nats) after the last stored epoch")),
            TEST_ACC: (self.tr("Test accuracy"), self.tr(
                "Share of held-out test samples classified correctly, once the run ended")),
            STARTED: (self.tr("Started"), self.tr("When the run started (local time)")),
        }
        table = QTableWidget(0, len(headers))
        for column, (text, tip) in headers.items():
            item = QTableWidgetItem(text)
            item.setToolTip(tip)
            table.setHorizontalHeaderItem(column, item)
        table.setToolTip(self.tr(
            "Every stored run, newest first. Select a run to export or delete it."))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        table.itemChanged.connect(self._on_item_changed)
        table.itemSelectionChanged.connect(self._update_buttons)
        return table

    def _build_buttons(self) -> QHBoxLayout:
        self.export_csv_button = push_button(self.tr("Export CSV…"), self.tr(
            "Save the selected run's epochs (losses, accuracies, seconds) as a CSV file"),
            self.export_csv)
        self.export_json_button = push_button(self.tr("Export JSON…"), self.tr(
            "Save the selected run's settings, test results and epochs as a JSON file"),
            self.export_json)
        self.delete_button = push_button(self.tr("Delete"), self.tr(
            "Delete the selected run and its epochs from the run store (asks first)"),
            self.delete_selected)
        self.refresh_button = push_button(
            self.tr("Refresh"), self.tr("Read the run store again"), self.refresh)
        return button_row(self.export_csv_button, self.export_json_button, self.delete_button,
                          None, self.refresh_button)

    # --- public API ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the runs from the store, keeping the selection and the ticks of those left."""
        if self.store is None or self.table is None:
            return
        selected = self.selected_run_id()
        try:
            runs = self.store.runs()
            last_epochs = {run.id: self._last_epoch(run) for run in runs}
        except _STORE_ERRORS as exc:
            self._show_message(
                self.tr("Could not read the run store: {0}").format(translated(exc)), True)
            return
        present = {run.id for run in runs}
        self._checked = [run_id for run_id in self._checked if run_id in present]

        self._populating = True
        try:
            self.table.clearSelection()
            self.table.setRowCount(len(runs))
            for row, run in enumerate(runs):
                self._fill_row(row, run, last_epochs[run.id])
        finally:
            self._populating = False
        if selected is not None and selected in present:
            self.table.selectRow(self._row_of(selected))
        self._update_buttons()
        self._emit_comparison_if_changed(runs)

    def checked_run_ids(self) -> list[int]:
        """Ids of the ticked runs, in the order they were ticked."""
        return list(self._checked)

    def set_checked(self, run_id: int, checked: bool) -> None:
        """Tick or untick a run shown in the table; KeyError if it is not there."""
        if self.table is None:
            raise KeyError(f"no run with id {run_id} in the runs panel (no run store)")
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        # itemChanged then updates the ticked list and emits comparison_changed.
        self.table.item(self._row_of(run_id), COMPARE).setCheckState(state)

    def selected_run_id(self) -> int | None:
        """The id of the selected run, or None."""
        if self.table is None:
            return None
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self._run_id_at(rows[0].row())

    def select_run(self, run_id: int) -> None:
        """Select a run shown in the table; KeyError if it is not there."""
        if self.table is None:
            raise KeyError(f"no run with id {run_id} in the runs panel (no run store)")
        self.table.selectRow(self._row_of(run_id))

    def compared_runs(self) -> list[ComparedRun]:
        """The ticked runs' loss histories, read from the store."""
        if self.store is None or self.table is None:
            return []
        compared = []
        for run_id in self._checked:
            try:
                records = self.store.epochs(run_id)
                loss = str(self.store.run(run_id).config.get("loss", ""))
            except _STORE_ERRORS:
                # Deleted behind our back: the next refresh drops it from the list.
                continue
            compared.append(ComparedRun(
                run_id=run_id,
                name=self._stored_name(self._row_of(run_id)),
                epochs=[int(r["epoch"]) for r in records],
                train_loss=[float(r["train_loss"]) for r in records],
                val_loss=[float(r["val_loss"]) for r in records],
                loss=loss,
            ))
        return compared

    def export_csv(self) -> bool:
        """Export the selected run's epochs as CSV to a path the user picks; True if written."""
        return self._export("csv", self.tr("CSV files (*.csv)"))

    def export_json(self) -> bool:
        """Export the selected run as JSON to a path the user picks; True if written."""
        return self._export("json", self.tr("JSON files (*.json)"))

    def delete_selected(self) -> bool:
        """Delete the selected run once the user confirms; True if it was deleted."""
        run_id = self.selected_run_id()
        if self.store is None or self.table is None or run_id is None:
            return False
        name = self._stored_name(self._row_of(run_id))
        if not self._confirm_delete(name):
            return False
        try:
            self.store.delete_run(run_id)
        except _STORE_ERRORS as exc:
            self._show_message(
                self.tr("Could not delete “{0}”: {1}").format(name, translated(exc)), True)
            return False
        if run_id in self._checked:
            self._checked.remove(run_id)
        self.refresh()
        self._show_message(self.tr("Deleted “{0}”.").format(name))
        return True

    # --- dialogs (tests replace these) ---------------------------------------------------

    def _ask_save_path(self, default_name: str, file_filter: str) -> str | None:
        """The path the user chose in a save dialog, or None if cancelled."""
        return choose_file_to_save(self, self.tr("Export run"), default_name, file_filter)

    def _confirm_delete(self, name: str) -> bool:
        """Whether the user confirms deleting the run called ``name``."""
        answer = QMessageBox.question(
            self,
            self.tr("Delete run"),
            self.tr("Delete the run “{0}” and all its epochs? This cannot be undone.")
            .format(name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- rows ----------------------------------------------------------------------------

    def _last_epoch(self, run: RunSummary) -> dict | None:
        if run.epochs == 0:
            return None
        return self.store.epochs(run.id)[-1]

    def _fill_row(self, row: int, run: RunSummary, last_epoch: dict | None) -> None:
        read_only = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

        compare = QTableWidgetItem()
        compare.setFlags(read_only | Qt.ItemFlag.ItemIsUserCheckable)
        compare.setCheckState(
            Qt.CheckState.Checked if run.id in self._checked else Qt.CheckState.Unchecked
        )
        compare.setToolTip(self.tr("Tick to compare this run's loss curves with others"))
        compare.setData(RUN_ID_ROLE, run.id)

        name = QTableWidgetItem(run.name)
        name.setFlags(read_only | Qt.ItemFlag.ItemIsEditable)
        name.setData(STORED_NAME_ROLE, run.name)
        name.setToolTip(self._name_tip(run.name))

        status = QTableWidgetItem(self._status_text(run.status))
        if run.status == "failed":
            status.setForeground(QColor(style.WARNING))
        if run.message:
            status.setToolTip(run.message)

        val_loss = QTableWidgetItem(self._loss_text(last_epoch))
        accuracy = QTableWidgetItem(self._accuracy_text(run.test_metrics))
        epochs = QTableWidgetItem(str(run.epochs))
        started = QTableWidgetItem(_local_minutes(run.started_at))
        started.setToolTip(run.started_at)

        for column, item in ((STATUS, status), (EPOCHS, epochs), (VAL_LOSS, val_loss),
                             (TEST_ACC, accuracy), (STARTED, started)):
            item.setFlags(read_only)
            self.table.setItem(row, column, item)
        for item in (epochs, val_loss, accuracy):
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, COMPARE, compare)
        self.table.setItem(row, NAME, name)

    def _name_tip(self, name: str) -> str:
        # The whole name: a narrow panel elides long ones.
        return self.tr("{0}\nDouble-click to rename").format(name)

    def _status_text(self, status: str) -> str:
        texts = {
            "running": self.tr("running"),
            "finished": self.tr("finished"),
            "stopped": self.tr("stopped"),
            "failed": self.tr("failed"),
        }
        return texts.get(status, status)

    @staticmethod
    def _loss_text(last_epoch: dict | None) -> str:
        if last_epoch is None:
            return EM_DASH
        loss = float(last_epoch["val_loss"])
        # The store reads a missing value back as NaN; a diverged loss can be infinite.
        if math.isnan(loss):
            return EM_DASH
        return f"{loss:.4f}" if math.isfinite(loss) else format_number(loss)

    @staticmethod
    def _accuracy_text(metrics: dict | None) -> str:
        accuracy = None if metrics is None else metrics.get("test_acc")
        if accuracy is None or not math.isfinite(float(accuracy)):
            return EM_DASH
        return f"{100.0 * float(accuracy):.1f} %"

    def _run_id_at(self, row: int) -> int:
        return int(self.table.item(row, COMPARE).data(RUN_ID_ROLE))

    def _row_of(self, run_id: int) -> int:
        for row in range(self.table.rowCount()):
            if self._run_id_at(row) == run_id:
                return row
        raise KeyError(f"no run with id {run_id} in the runs panel")

    def _stored_name(self, row: int) -> str:
        return str(self.table.item(row, NAME).data(STORED_NAME_ROLE))

    # --- reactions -----------------------------------------------------------------------

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._populating:
            return
        if item.column() == COMPARE:
            self._on_tick(item)
        elif item.column() == NAME:
            self._on_rename(item)

    def _on_tick(self, item: QTableWidgetItem) -> None:
        run_id = int(item.data(RUN_ID_ROLE))
        checked = item.checkState() == Qt.CheckState.Checked
        if checked and run_id not in self._checked:
            self._checked.append(run_id)
        elif not checked and run_id in self._checked:
            self._checked.remove(run_id)
        self._emit_comparison_if_changed()

    def _on_rename(self, item: QTableWidgetItem) -> None:
        row = item.row()
        run_id = self._run_id_at(row)
        old_name = self._stored_name(row)
        # Stray spaces around a typed name are almost always accidental.
        new_name = item.text().strip()
        if new_name == old_name:
            self._set_name(item, old_name)
            return
        if not new_name:
            self._set_name(item, old_name)
            self._show_message(self.tr("A run name cannot be empty; kept “{0}”.")
                               .format(old_name), True)
            return
        try:
            self.store.rename_run(run_id, new_name)
        except (ValueError, *_STORE_ERRORS) as exc:
            self._set_name(item, old_name)
            self._show_message(
                self.tr("Could not rename “{0}”: {1}").format(old_name, translated(exc)), True)
            return
        self._set_name(item, new_name)
        self._show_message(self.tr("Renamed “{0}” to “{1}”.").format(old_name, new_name))
        if run_id in self._checked:
            # The comparison's legend shows names.
            self._emit_comparison_if_changed()

    def _set_name(self, item: QTableWidgetItem, name: str) -> None:
        self._populating = True
        try:
            item.setText(name)
            item.setData(STORED_NAME_ROLE, name)
            item.setToolTip(self._name_tip(name))
        finally:
            self._populating = False

    def _update_buttons(self) -> None:
        selected = self.selected_run_id() is not None
        for button in (self.export_csv_button, self.export_json_button, self.delete_button):
            button.setEnabled(selected)

    def _emit_comparison_if_changed(self, runs: list[RunSummary] | None = None) -> None:
        """Emit comparison_changed if the ticked runs, their names or their epochs changed."""
        if runs is None:
            counts = {self._run_id_at(row): self.table.item(row, EPOCHS).text()
                      for row in range(self.table.rowCount())}
        else:
            counts = {run.id: str(run.epochs) for run in runs}
        # Epoch counts are in the key so a refresh during a run sends the new epochs along.
        key = tuple((run_id, self._stored_name(self._row_of(run_id)), counts[run_id])
                    for run_id in self._checked)
        if key == self._comparison_key:
            return
        self._comparison_key = key
        self.comparison_changed.emit(self.compared_runs())

    def _export(self, kind: str, file_filter: str) -> bool:
        run_id = self.selected_run_id()
        if self.store is None or self.table is None or run_id is None:
            return False
        name = self._stored_name(self._row_of(run_id))
        stem = _UNSAFE_FILE_CHARACTERS.sub("_", name).strip("._") or f"run-{run_id}"
        path = self._ask_save_path(f"{stem}.{kind}", file_filter)
        if not path:
            return False
        write = self.store.export_csv if kind == "csv" else self.store.export_json
        try:
            written = write(run_id, path)
        except _STORE_ERRORS as exc:
            self._show_message(
                self.tr("Could not export “{0}”: {1}").format(name, translated(exc)), True)
            return False
        self._show_message(self.tr("Exported “{0}” to {1}").format(name, written))
        return True

    def _show_message(self, text: str, error: bool = False) -> None:
        show_message(self.message_label, text, error)
        if text:
            self.status_message.emit(text)


def _local_minutes(iso_time: str) -> str:
    """An ISO timestamp as local time to the minute, e.g. "2024-05-01 14:03"."""
    try:
        moment = datetime.fromisoformat(iso_time)
    except ValueError:
        return iso_time
    # A naive time is taken as local already; the store writes UTC with its offset.
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")
