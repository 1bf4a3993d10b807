"""The runs panel shows the store's runs exactly and changes the store only as asked."""

import csv
import json
import math
import time
from datetime import datetime, timedelta

import pytest
from conftest import show_widget
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QLineEdit, QTableWidget

from ce_desktop.core.runs.store import RunStore
from ce_desktop.ui.common import style
from ce_desktop.ui.trainer import runs_panel as runs_panel_module
from ce_desktop.ui.trainer.runs_panel import (
    COMPARE,
    EPOCHS,
    NAME,
    STARTED,
    STATUS,
    TEST_ACC,
    VAL_LOSS,
    ComparedRun,
    RunsPanel,
)

# POSIX spelling of UTC+05:30 (the sign is inverted): needs no time zone database, and the
# half hour shows whether minutes are converted too.
TZ_PLUS_0530 = "XYZ-05:30"
FAILURE = "the loss diverged at epoch 2 (learning rate 10 is too high)"
TUTORIAL_TRAIN = [0.61, 0.35, 0.2222]
TUTORIAL_VAL = [0.6, 0.3, 0.1234]
FAILED_TRAIN = [0.9, 5.5]
FAILED_VAL = [1.1, 2.71828]


def record(epoch: int, train_loss: float, val_loss: float) -> dict:
    return {"epoch": epoch, "train_loss": train_loss, "val_loss": val_loss,
            "train_acc": 0.5 + epoch / 10, "val_acc": 0.45 + epoch / 10, "seconds": 0.25}


def add_epochs(store: RunStore, run_id: int, train: list[float], val: list[float]) -> None:
    for epoch, (t, v) in enumerate(zip(train, val, strict=True), start=1):
        store.add_epoch(run_id, record(epoch, t, v))


@pytest.fixture
def local_time_zone(monkeypatch):
    """Local time is UTC+05:30 during the test, and whatever it was afterwards."""
    monkeypatch.setenv("TZ", TZ_PLUS_0530)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(autouse=True)
def no_real_dialogs(monkeypatch):
    """A real modal dialog would hang the test run: fail loudly instead."""

    def refuse(*args, **kwargs):
        raise AssertionError("a modal dialog was opened in a test")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", refuse)
    monkeypatch.setattr(runs_panel_module.QMessageBox, "question", refuse)


@pytest.fixture
def store(tmp_path):
    """Three runs: finished with test metrics, failed with a message, running with no epochs."""
    with RunStore(tmp_path / "runs.sqlite") as run_store:
        tutorial = run_store.start_run({"dataset": "tutorial"}, "tutorial")
        add_epochs(run_store, tutorial, TUTORIAL_TRAIN, TUTORIAL_VAL)
        run_store.finish_run(tutorial, "finished",
                             {"test_loss": 0.2, "test_acc": 0.925, "test_auc": 0.97})
        failed = run_store.start_run({"dataset": "moons", "lr": 10.0}, "too fast")
        add_epochs(run_store, failed, FAILED_TRAIN, FAILED_VAL)
        run_store.finish_run(failed, "failed", message=FAILURE)
        run_store.start_run({"dataset": "xor"}, "empty")
        yield run_store


@pytest.fixture
def ids(store):
    """Run ids by name."""
    return {run.name: run.id for run in store.runs()}


@pytest.fixture
def panel(qtbot, store, local_time_zone):
    return show_widget(qtbot, RunsPanel(store), 900, 320)


@pytest.fixture
def emitted(panel):
    """Every list comparison_changed sends, in order."""
    lists: list[list[ComparedRun]] = []
    panel.comparison_changed.connect(lists.append)
    return lists


def column(panel: RunsPanel, col: int) -> list[str]:
    return [panel.table.item(row, col).text() for row in range(panel.table.rowCount())]


def row_of(panel: RunsPanel, name: str) -> int:
    return column(panel, NAME).index(name)


def compared(run_id: int, name: str, train: list[float], val: list[float]) -> ComparedRun:
    return ComparedRun(run_id=run_id, name=name, epochs=list(range(1, len(train) + 1)),
                       train_loss=train, val_loss=val)


def expected_started(store: RunStore, run_id: int) -> str:
    """The store's UTC start time moved by +05:30 by hand, to the minute."""
    utc = datetime.strptime(store.run(run_id).started_at[:16], "%Y-%m-%dT%H:%M")
    return (utc + timedelta(hours=5, minutes=30)).strftime("%Y-%m-%d %H:%M")


# --- what the table shows -----------------------------------------------------------------


def test_the_table_shows_every_run_newest_first_with_exact_texts(panel, store, ids):
    assert panel.table.isVisible()
    assert column(panel, NAME) == ["empty", "too fast", "tutorial"]
    assert column(panel, STATUS) == ["running", "failed", "finished"]
    assert column(panel, EPOCHS) == ["0", "2", "3"]
    assert column(panel, VAL_LOSS) == ["—", "2.7183", "0.1234"]
    assert column(panel, TEST_ACC) == ["—", "—", "92.5 %"]
    assert column(panel, STARTED) == [
        expected_started(store, ids[name]) for name in ("empty", "too fast", "tutorial")
    ]
    checks = [panel.table.item(row, COMPARE).checkState() for row in range(3)]
    assert checks == [Qt.CheckState.Unchecked] * 3
    headers = [panel.table.horizontalHeaderItem(c).text() for c in range(7)]
    assert headers == ["Compare", "Name", "Status", "Epochs", "Final val loss",
                       "Test accuracy", "Started"]


def test_a_failed_run_shows_its_status_in_the_warning_colour_with_its_message(panel):
    failed = panel.table.item(row_of(panel, "too fast"), STATUS)
    assert failed.foreground().color() == QColor(style.WARNING)
    assert failed.toolTip() == FAILURE
    finished = panel.table.item(row_of(panel, "tutorial"), STATUS)
    assert finished.foreground().color() != QColor(style.WARNING)
    assert finished.toolTip() == ""


def test_an_infinite_final_loss_reads_as_infinity(qtbot, store, local_time_zone):
    run_id = store.start_run({}, "diverged")
    store.add_epoch(run_id, record(1, math.inf, math.inf))
    panel = show_widget(qtbot, RunsPanel(store), 900, 320)
    assert panel.table.item(row_of(panel, "diverged"), VAL_LOSS).text() == "∞"


def test_only_names_are_editable_and_every_header_and_button_has_a_tooltip(panel):
    editable = [
        col for col in range(7)
        if panel.table.item(0, col).flags() & Qt.ItemFlag.ItemIsEditable
    ]
    assert editable == [NAME]
    assert all(panel.table.horizontalHeaderItem(c).toolTip() for c in range(7))
    buttons = (panel.export_csv_button, panel.export_json_button, panel.delete_button,
               panel.refresh_button)
    assert all(button.toolTip() for button in buttons)


def test_buttons_act_only_on_a_selection(panel, ids):
    actions = (panel.export_csv_button, panel.export_json_button, panel.delete_button)
    assert panel.selected_run_id() is None
    assert [button.isEnabled() for button in actions] == [False, False, False]
    assert panel.refresh_button.isEnabled()
    panel.table.selectRow(row_of(panel, "tutorial"))
    assert panel.selected_run_id() == ids["tutorial"]
    assert [button.isEnabled() for button in actions] == [True, True, True]
    panel.table.clearSelection()
    assert [button.isEnabled() for button in actions] == [False, False, False]


# --- comparison ---------------------------------------------------------------------------


def test_ticking_two_runs_sends_both_loss_histories_and_unticking_the_reduced_list(
    panel, ids, emitted
):
    tutorial = compared(ids["tutorial"], "tutorial", TUTORIAL_TRAIN, TUTORIAL_VAL)
    failed = compared(ids["too fast"], "too fast", FAILED_TRAIN, FAILED_VAL)

    panel.set_checked(ids["tutorial"], True)
    panel.set_checked(ids["too fast"], True)
    assert emitted == [[tutorial], [tutorial, failed]]
    assert panel.checked_run_ids() == [ids["tutorial"], ids["too fast"]]

    panel.set_checked(ids["tutorial"], False)
    assert emitted[-1] == [failed]
    assert panel.checked_run_ids() == [ids["too fast"]]
    assert panel.table.item(row_of(panel, "tutorial"), COMPARE).checkState() == (
        Qt.CheckState.Unchecked
    )
    # Ticking what is already ticked changes nothing, so nothing is sent.
    panel.set_checked(ids["too fast"], True)
    assert len(emitted) == 3


def test_the_space_key_on_the_compare_cell_ticks_the_run(panel, qtbot, ids, emitted):
    panel.table.setFocus()
    panel.table.setCurrentCell(row_of(panel, "tutorial"), COMPARE)
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    assert panel.checked_run_ids() == [ids["tutorial"]]
    assert emitted == [[compared(ids["tutorial"], "tutorial", TUTORIAL_TRAIN, TUTORIAL_VAL)]]


def test_a_run_without_epochs_compares_as_empty_lists(panel, ids, emitted):
    panel.set_checked(ids["empty"], True)
    assert emitted == [[ComparedRun(ids["empty"], "empty", [], [], [])]]


def test_ticking_an_unknown_run_is_a_key_error(panel):
    with pytest.raises(KeyError):
        panel.set_checked(9999, True)


# --- renaming -----------------------------------------------------------------------------


def test_renaming_in_the_table_renames_the_run_in_the_store(panel, store, ids):
    messages = []
    panel.status_message.connect(messages.append)
    panel.table.item(row_of(panel, "tutorial"), NAME).setText("  baseline  ")
    assert store.run(ids["tutorial"]).name == "baseline"
    assert column(panel, NAME) == ["empty", "too fast", "baseline"]
    tip = panel.table.item(row_of(panel, "baseline"), NAME).toolTip()
    assert tip == "baseline\nDouble-click to rename"
    assert messages == ["Renamed “tutorial” to “baseline”."]


def test_renaming_through_the_cell_editor_renames_the_run(panel, qtbot, store, ids):
    item = panel.table.item(row_of(panel, "too fast"), NAME)
    panel.table.editItem(item)
    editor = panel.table.findChild(QLineEdit)
    assert editor is not None and editor.text() == "too fast"
    editor.setText("lr 10")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits the editor's text from a queued call.
    qtbot.waitUntil(lambda: store.run(ids["too fast"]).name == "lr 10")
    assert item.text() == "lr 10"


def test_an_empty_name_is_refused_and_the_old_name_comes_back(panel, store, ids):
    panel.table.item(row_of(panel, "tutorial"), NAME).setText("   ")
    assert store.run(ids["tutorial"]).name == "tutorial"
    assert column(panel, NAME) == ["empty", "too fast", "tutorial"]
    assert panel.message_label.text() == "A run name cannot be empty; kept “tutorial”."
    assert style.WARNING in panel.message_label.styleSheet()


def test_renaming_a_ticked_run_sends_the_new_name(panel, ids, emitted):
    panel.set_checked(ids["tutorial"], True)
    panel.table.item(row_of(panel, "tutorial"), NAME).setText("baseline")
    assert emitted[-1] == [compared(ids["tutorial"], "baseline", TUTORIAL_TRAIN, TUTORIAL_VAL)]


# --- export -------------------------------------------------------------------------------


def ask_for(monkeypatch, panel: RunsPanel, path) -> list[tuple[str, str]]:
    """Make the save dialog answer ``path``; returns the (default name, filter) it was asked."""
    asked: list[tuple[str, str]] = []

    def answer(default_name: str, file_filter: str) -> str | None:
        asked.append((default_name, file_filter))
        return None if path is None else str(path)

    monkeypatch.setattr(panel, "_ask_save_path", answer)
    return asked


def test_export_csv_writes_the_selected_runs_epochs(panel, monkeypatch, tmp_path, ids):
    target = tmp_path / "tutorial.csv"
    asked = ask_for(monkeypatch, panel, target)
    messages = []
    panel.status_message.connect(messages.append)
    panel.table.selectRow(row_of(panel, "tutorial"))
    panel.export_csv_button.click()

    assert asked == [("tutorial.csv", "CSV files (*.csv)")]
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(row["epoch"]) for row in rows] == [1, 2, 3]
    assert [float(row["train_loss"]) for row in rows] == TUTORIAL_TRAIN
    assert [float(row["val_loss"]) for row in rows] == TUTORIAL_VAL
    assert panel.message_label.text() == f"Exported “tutorial” to {target}"
    assert messages == [f"Exported “tutorial” to {target}"]


def test_export_json_writes_the_selected_run(panel, monkeypatch, tmp_path, ids):
    target = tmp_path / "failed.json"
    asked = ask_for(monkeypatch, panel, target)
    panel.table.selectRow(row_of(panel, "too fast"))
    panel.export_json_button.click()

    assert asked == [("too_fast.json", "JSON files (*.json)")]
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["run"]["id"] == ids["too fast"]
    assert document["run"]["name"] == "too fast"
    assert document["run"]["status"] == "failed"
    assert document["run"]["message"] == FAILURE
    assert [e["train_loss"] for e in document["epochs"]] == FAILED_TRAIN
    assert [e["val_loss"] for e in document["epochs"]] == FAILED_VAL


def test_export_to_a_missing_folder_reports_the_error_and_raises_nothing(
    panel, monkeypatch, tmp_path
):
    target = tmp_path / "no such folder" / "run.csv"
    ask_for(monkeypatch, panel, target)
    messages = []
    panel.status_message.connect(messages.append)
    panel.table.selectRow(row_of(panel, "tutorial"))

    assert panel.export_csv() is False
    assert not target.parent.exists()
    text = panel.message_label.text()
    assert text.startswith("Could not export “tutorial”: ")
    assert "no such folder" in text
    assert style.WARNING in panel.message_label.styleSheet()
    assert messages == [text]


def test_a_cancelled_save_dialog_writes_nothing(panel, monkeypatch, tmp_path):
    ask_for(monkeypatch, panel, None)
    panel.table.selectRow(row_of(panel, "tutorial"))
    assert panel.export_json() is False
    assert list(tmp_path.glob("*.json")) == []
    assert panel.message_label.text() == ""


# --- delete -------------------------------------------------------------------------------


def test_a_confirmed_delete_removes_the_run_from_store_table_and_comparison(
    panel, monkeypatch, store, ids, emitted
):
    asked = []
    monkeypatch.setattr(panel, "_confirm_delete", lambda name: asked.append(name) or True)
    panel.set_checked(ids["too fast"], True)
    panel.set_checked(ids["tutorial"], True)
    panel.table.selectRow(row_of(panel, "too fast"))
    panel.delete_button.click()

    assert asked == ["too fast"]
    assert [run.name for run in store.runs()] == ["empty", "tutorial"]
    assert column(panel, NAME) == ["empty", "tutorial"]
    assert panel.checked_run_ids() == [ids["tutorial"]]
    assert emitted[-1] == [compared(ids["tutorial"], "tutorial", TUTORIAL_TRAIN, TUTORIAL_VAL)]
    assert panel.message_label.text() == "Deleted “too fast”."
    assert panel.selected_run_id() is None
    assert not panel.delete_button.isEnabled()


def test_a_declined_delete_keeps_the_run(panel, monkeypatch, store, ids):
    monkeypatch.setattr(panel, "_confirm_delete", lambda name: False)
    panel.table.selectRow(row_of(panel, "tutorial"))
    assert panel.delete_selected() is False
    assert [run.name for run in store.runs()] == ["empty", "too fast", "tutorial"]
    assert column(panel, NAME) == ["empty", "too fast", "tutorial"]
    assert panel.selected_run_id() == ids["tutorial"]


# --- refresh ------------------------------------------------------------------------------


def test_refresh_keeps_ticks_and_selection_and_shows_new_runs(panel, store, ids, emitted):
    panel.set_checked(ids["tutorial"], True)
    panel.set_checked(ids["empty"], True)
    panel.table.selectRow(row_of(panel, "too fast"))
    sent = len(emitted)
    store.start_run({}, "newer")
    panel.refresh_button.click()

    assert column(panel, NAME) == ["newer", "empty", "too fast", "tutorial"]
    assert panel.checked_run_ids() == [ids["tutorial"], ids["empty"]]
    checks = [panel.table.item(row, COMPARE).checkState() == Qt.CheckState.Checked
              for row in range(4)]
    assert checks == [False, True, False, True]
    assert panel.selected_run_id() == ids["too fast"]
    # Nothing the comparison shows changed.
    assert len(emitted) == sent


def test_refresh_sends_new_epochs_of_a_ticked_run(panel, store, ids, emitted):
    panel.set_checked(ids["empty"], True)
    store.add_epoch(ids["empty"], record(1, 0.5, 0.4))
    panel.refresh()
    assert emitted[-1] == [compared(ids["empty"], "empty", [0.5], [0.4])]
    assert panel.table.item(row_of(panel, "empty"), VAL_LOSS).text() == "0.4000"


def test_refresh_drops_a_ticked_run_deleted_elsewhere(panel, store, ids, emitted):
    panel.set_checked(ids["tutorial"], True)
    panel.set_checked(ids["empty"], True)
    store.delete_run(ids["tutorial"])
    panel.refresh()
    assert panel.checked_run_ids() == [ids["empty"]]
    assert emitted[-1] == [ComparedRun(ids["empty"], "empty", [], [], [])]


# --- no store -----------------------------------------------------------------------------


def test_without_a_store_the_panel_says_runs_are_not_saved(qtbot):
    panel = show_widget(qtbot, RunsPanel(None), 600, 300)
    assert panel.disabled_label.isVisible()
    assert panel.disabled_label.text() == (
        "Runs are not being saved: the run store could not be opened."
    )
    assert panel.table is None
    assert panel.findChildren(QTableWidget) == []
    panel.refresh()
    assert panel.checked_run_ids() == []
    assert panel.compared_runs() == []
