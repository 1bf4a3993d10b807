"""The import dialog driven through pytest-qt on a messy Titanic-style table: preview, kinds,
roles, the label's baseline, problems in place, and OK filling the trainer's settings."""

import csv
import math
import threading
import time

import pytest
from PySide6.QtCore import Qt
from titanic_like import write_titanic_like

from ce_desktop.backend import InProcessRunner
from ce_desktop.core.data.table_job import forget_table

TIMEOUT_MS = 30_000


@pytest.fixture
def titanic(tmp_path):
    forget_table()
    yield write_titanic_like(tmp_path / "titanic.csv")
    forget_table()


def open_dialog(qtbot, path, target=None, roles=None):
    from ce_desktop.ui.trainer.import_dialog import ImportDialog

    dialog = ImportDialog(str(path), target, roles, runner=InProcessRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, dialog)
    return dialog


def wait_idle(qtbot, dialog):
    qtbot.waitUntil(lambda: not dialog.is_busy()
                    and (dialog.result_event is not None or bool(dialog.failure)),
                    timeout=TIMEOUT_MS)


def choose(qtbot, dialog, column, role):
    """Pick ``role`` in the column's combo, as a user does."""
    combo = dialog._combos[column]
    combo.setCurrentIndex(combo.findData(role))
    combo.activated.emit(combo.currentIndex())
    wait_idle(qtbot, dialog)


def test_the_preview_kinds_and_proposed_roles(qtbot, titanic):
    dialog = open_dialog(qtbot, titanic, "Survived")
    model = dialog.preview_model
    assert model.columnCount() == 12 and model.rowCount() == 20
    assert model.headerData(0, Qt.Orientation.Horizontal) == "PassengerId"
    assert model.headerData(0, Qt.Orientation.Vertical) == "2"  # the file's line
    assert model.data(model.index(0, 0)) == "1"
    # The line break inside a quoted name stays in one preview row.
    assert "⏎" in model.data(model.index(7, 3))
    columns = {c.name: c for c in dialog.result_event.summary.columns}
    assert columns["PassengerId"].kind == "text" and columns["PassengerId"].role == "ignore"
    assert columns["Sex"].role == "categorical" and columns["Age"].role == "numeric"
    assert columns["Age"].missing > 100
    rows = {dialog.columns_model.data(dialog.columns_model.index(i, 0)): i
            for i in range(dialog.columns_model.rowCount())}
    age = dialog.columns_model.data(dialog.columns_model.index(rows["Age"], 4))
    assert age == (f"standardised; {columns['Age'].missing} gaps filled with the median + a "
                   "missing-indicator column")
    assert dialog.columns_model.data(dialog.columns_model.index(rows["PassengerId"], 4)) == \
        "ignored: identifier (each value once)"
    assert dialog._combos["Survived"].currentData() == "label"
    assert dialog.ok_button.isEnabled() and dialog.problems_list.count() == 0


def test_the_label_panel_shows_classes_and_the_baseline(qtbot, titanic):
    from sklearn.dummy import DummyClassifier
    from sklearn.metrics import log_loss

    dialog = open_dialog(qtbot, titanic, "Survived")
    label = dialog.result_event.summary.label
    assert label.class_names == ("0", "1")
    with open(titanic, encoding="utf-8", newline="") as handle:
        y = [row["Survived"] for row in csv.DictReader(handle)]
    assert label.counts == (y.count("0"), y.count("1"))
    dummy = DummyClassifier(strategy="prior").fit([[0]] * len(y), y)
    nats = log_loss(y, dummy.predict_proba([[0]] * len(y)))
    base = dialog.result_event.baseline
    assert base.nats == pytest.approx(nats)
    assert base.bits == pytest.approx(nats / math.log(2))
    assert base.accuracy == pytest.approx(dummy.score([[0]] * len(y), y))
    text = dialog.baseline_label.text()
    assert f"{base.bits:.4f} bits" in text and f"{base.nats:.4f} nats" in text
    assert str(label.counts[0]) in dialog.classes_label.text()


def test_text_read_as_numbers_marks_every_cell_until_changed_back(qtbot, titanic):
    dialog = open_dialog(qtbot, titanic, "Survived")
    # No problems, no empty list: its room goes to the preview and the columns.
    assert dialog.problems_list.isHidden()
    assert dialog.problems_pane.maximumHeight() == dialog.problems_title.sizeHint().height()
    choose(qtbot, dialog, "Sex", "numeric")
    assert not dialog.problems_list.isHidden()
    assert dialog.problems_pane.maximumHeight() > 1000
    problems = [dialog.problems_list.item(i).text() for i in range(dialog.problems_list.count())]
    assert len(problems) == 900
    assert problems[0].startswith("line 2, column 'Sex': ")
    assert not dialog.ok_button.isEnabled() and not dialog.train_button.isEnabled()
    j = dialog.result_event.summary.header.index("Sex")
    assert (0, j) in dialog.preview_model.cell_problems
    assert dialog.preview_model.data(dialog.preview_model.index(0, j),
                                     Qt.ItemDataRole.BackgroundRole) is not None
    choose(qtbot, dialog, "Sex", "categorical")
    assert dialog.problems_list.count() == 0 and dialog.ok_button.isEnabled()
    assert dialog.problems_list.isHidden()


def test_a_label_with_one_class_is_refused_in_place_until_changed_back(qtbot, tmp_path):
    forget_table()
    path = tmp_path / "one_class.csv"
    path.write_text("".join(["x,const,y\n"] + [f"{i * 7 % 5},k,{i % 2}\n" for i in range(20)]),
                    encoding="utf-8")
    dialog = open_dialog(qtbot, path, "y")
    assert dialog.ok_button.isEnabled()
    choose(qtbot, dialog, "const", "label")
    texts = [dialog.problems_list.item(i).text() for i in range(dialog.problems_list.count())]
    assert any("only one class" in t for t in texts)
    assert not dialog.ok_button.isEnabled()
    assert dialog.columns_model.problem_columns == {"const"}
    assert dialog._combos["y"].currentData() != "label"
    choose(qtbot, dialog, "y", "label")
    assert dialog.problems_list.count() == 0 and dialog.ok_button.isEnabled()


@pytest.fixture
def trainer_tab(qtbot, tmp_path):
    from ce_desktop.ui.trainer.tab import TrainerTab

    tab = TrainerTab(None)
    tab.import_runner = InProcessRunner()
    qtbot.addWidget(tab)
    tab.show()
    yield tab
    assert tab.shutdown()


def test_ok_makes_the_table_the_trainers_data_set(qtbot, titanic, trainer_tab):
    from PySide6.QtWidgets import QDialogButtonBox

    from ce_desktop.core.training.config import TrainConfig

    assert trainer_tab.open_data(str(titanic))
    dialog = trainer_tab.import_dialog
    wait_idle(qtbot, dialog)
    # The label by its name, not the last column (Embarked, a feature with gaps).
    assert dialog.result_event.summary.label.column == "Survived"
    assert dialog._combos["Survived"].currentData() == "label"
    assert dialog._combos["Embarked"].currentData() == "categorical"
    choose(qtbot, dialog, "Cabin", "categorical")
    assert dialog.ok_button.isEnabled()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: trainer_tab.import_dialog is None, timeout=5000)
    config = TrainConfig.from_dict(trainer_tab.config_dict())
    assert config.dataset == "csv" and config.csv_path == str(titanic)
    assert config.csv_target == "Survived"
    assert config.csv_roles["Cabin"] == "categorical"
    assert config.csv_roles["PassengerId"] == "ignore" and "Survived" not in config.csv_roles
    assert trainer_tab.csv_summary_label.text() == \
        "titanic.csv: 900 rows, 8 features, label Survived (2 classes)"
    # Columns… opens it again on the same file, with the roles chosen.
    trainer_tab.columns_button.click()
    dialog = trainer_tab.import_dialog
    wait_idle(qtbot, dialog)
    assert dialog._combos["Cabin"].currentData() == "categorical"
    assert dialog._combos["Survived"].currentData() == "label"
    dialog.reject()
    qtbot.waitUntil(lambda: trainer_tab.import_dialog is None, timeout=5000)
    assert trainer_tab.config_dict()["csv_roles"]["Cabin"] == "categorical"


def test_the_keyboard_chooses_a_role_and_enter_means_ok(qtbot, titanic):
    from PySide6.QtTest import QTest

    dialog = open_dialog(qtbot, titanic, "Survived")
    dialog.columns_view.setFocus()
    sex = dialog.result_event.summary.header.index("Sex")
    dialog.columns_view.setCurrentIndex(dialog.columns_model.index(sex, 0))
    QTest.keyClick(dialog.columns_view, Qt.Key.Key_Space)
    combo = dialog._combos["Sex"]
    qtbot.waitUntil(combo.view().isVisible, timeout=5000)
    QTest.keyClick(combo.view(), Qt.Key.Key_Down)  # feature (categorical) → label
    QTest.keyClick(combo.view(), Qt.Key.Key_Down)  # → ignore
    QTest.keyClick(combo.view(), Qt.Key.Key_Return)
    wait_idle(qtbot, dialog)
    assert dialog.result_event.summary.role_of("Sex") == "ignore"
    assert dialog.columns_view.currentIndex().row() == sex  # still where the user was
    QTest.keyClick(dialog.columns_view, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.choice().roles["Sex"] == "ignore"


def test_a_file_that_cannot_be_read_is_said_in_place(qtbot, tmp_path):
    forget_table()
    path = tmp_path / "picture.csv"
    path.write_bytes(bytes(range(256)) * 40)
    dialog = open_dialog(qtbot, path)
    assert dialog.failure and dialog.problems_list.count() == 1
    assert dialog.problems_list.item(0).text() == dialog.failure
    assert not dialog.ok_button.isEnabled() and dialog.choice() is None


def test_stop_ends_a_long_read_and_cancel_leaves_the_trainer_as_it_was(
        qtbot, tmp_path, trainer_tab, monkeypatch):
    forget_table()
    path = tmp_path / "large.csv"
    path.write_text("a,b,label\n" + "".join(f"{i % 97},{i % 13},{i % 2}\n"
                                             for i in range(300_000)), encoding="utf-8")
    # The reader asks whether to stop every 50 000 lines: hold it at its first question
    # until the user has pressed Stop, so the test does not race the read.
    from ce_desktop.core.data import table_job

    asked = threading.Event()
    real = table_job.read_table

    def slow(path, progress, should_stop):
        def held() -> bool:
            asked.set()
            deadline = time.monotonic() + 10
            while not should_stop() and time.monotonic() < deadline:
                time.sleep(0.01)
            return should_stop()
        return real(path, progress, held)

    monkeypatch.setattr(table_job, "read_table", slow)
    before = trainer_tab.config_dict()
    assert trainer_tab.open_data(str(path))
    dialog = trainer_tab.import_dialog
    qtbot.waitUntil(asked.is_set, timeout=TIMEOUT_MS)
    assert dialog.is_busy() and dialog.stop_button.isVisible()
    assert not dialog.ok_button.isEnabled()
    dialog.stop_button.click()
    wait_idle(qtbot, dialog)
    assert dialog.failure == "reading large.csv was stopped"
    assert not dialog.stop_button.isVisible() and not dialog.ok_button.isEnabled()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: trainer_tab.import_dialog is None, timeout=5000)
    assert trainer_tab.config_dict() == before


def test_train_uses_the_table_and_starts_the_run(qtbot, titanic, trainer_tab, monkeypatch):
    started = []
    monkeypatch.setattr(trainer_tab, "start", lambda: started.append(
        trainer_tab.config_dict()) or True)
    assert trainer_tab.open_data(str(titanic))
    dialog = trainer_tab.import_dialog
    wait_idle(qtbot, dialog)
    choose(qtbot, dialog, "Survived", "label")
    dialog.train_button.click()
    assert len(started) == 1
    assert (started[0]["dataset"], started[0]["csv_target"]) == ("csv", "Survived")


def test_three_classes_switch_a_binary_loss_to_ce(qtbot, titanic, trainer_tab):
    trainer_tab.apply_preset("tutorial")
    assert trainer_tab.config_dict()["loss"] == "bce"
    assert trainer_tab.open_data(str(titanic))
    dialog = trainer_tab.import_dialog
    wait_idle(qtbot, dialog)
    choose(qtbot, dialog, "Embarked", "ignore")  # its gaps are a label's problem
    choose(qtbot, dialog, "Pclass", "label")
    assert dialog.result_event.summary.label.class_names == ("1", "2", "3")
    dialog.ok_button.click()
    assert trainer_tab.config_dict()["loss"] == "ce"
    assert "3 classes" in trainer_tab.csv_summary_label.text()


@pytest.mark.process  # the window starts its worker
def test_file_open_data_opens_the_dialog_on_the_trainer(qtbot, main_window, titanic,
                                                        monkeypatch):
    monkeypatch.setattr("ce_desktop.ui.trainer.tab.choose_file_to_open",
                        lambda *args: str(titanic))
    main_window.trainer_tab.import_runner = InProcessRunner()
    assert main_window.open_data_action.shortcut().toString() == "Ctrl+Shift+O"
    main_window.open_data_action.trigger()
    assert main_window.tabs.currentWidget() is main_window.trainer_tab
    dialog = main_window.trainer_tab.import_dialog
    assert dialog is not None and dialog.path == str(titanic)
    wait_idle(qtbot, dialog)
    dialog.reject()


def test_question_marks_are_gaps_and_a_category_of_rare_levels_is_a_warning(qtbot, tmp_path):
    """A messy semicolon file: "?" and "n/a" are gaps of a column of numbers; made
    categorical, the column gets a warning (training still allowed) and its treatment says
    "1 level", not "1 levels"."""
    forget_table()
    lines = ["Temperatur;Zustand;Klasse"]
    for i in range(60):
        temp = "?" if i % 10 == 3 else "n/a" if i == 8 else f"{20 + 0.25 * i:.2f}".replace(
            ".", ",")
        lines.append(f"{temp};{'gut' if i % 3 else 'schlecht'};{'ja' if i % 2 else 'nein'}")
    path = tmp_path / "messy.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = open_dialog(qtbot, path, "Klasse")
    summary = dialog.result_event.summary
    temp = next(c for c in summary.columns if c.name == "Temperatur")
    assert (temp.kind, temp.missing, summary.problems) == ("numeric", 7, ())
    row = summary.header.index("Temperatur")
    model = dialog.columns_model
    assert model.data(model.index(row, 4)) == (
        "standardised; 7 gaps filled with the median + a missing-indicator column")
    assert dialog.problems_list.isHidden() and dialog.ok_button.isEnabled()

    choose(qtbot, dialog, "Temperatur", "categorical")
    assert dialog.ok_button.isEnabled()  # a warning does not block
    assert dialog.problems_title.text() == "Ready to train, but look at the warning below:"
    assert [dialog.problems_list.item(i).text()
            for i in range(dialog.problems_list.count())] == [
        "Warning: column 'Temperatur' has a different value in each of its 53 rows (an "
        "identifier or a measured number): as categories it teaches the model nothing; "
        "make it numeric or ignore it"]
    assert not dialog.problems_list.isHidden()
    assert model.data(model.index(row, 4)) == (
        "one-hot, 1 column for 53 rare levels (grouped); 7 gaps filled with the most "
        "frequent level")
    dialog.problems_list.setCurrentRow(0)  # leads to the column
    assert dialog.columns_view.currentIndex().row() == row

    choose(qtbot, dialog, "Temperatur", "numeric")
    assert dialog.problems_list.count() == 0 and dialog.problems_list.isHidden()
    assert dialog.problems_title.text() == "No problems: ready to train."
