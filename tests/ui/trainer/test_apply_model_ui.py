"""Apply model to data… driven through the trainer's button and the File menu, the file
dialogs answered as a user would: the written CSV holds the model's predictions."""

from __future__ import annotations

import csv
import time

import numpy as np
import pytest
from titanic_like import write_titanic_like

from ce_desktop.core.training.config import TrainConfig

#: Starts a process of its own: the app's worker.
pytestmark = pytest.mark.process

RUN_TIMEOUT_MS = 120_000


@pytest.fixture
def trainer_tab(qtbot):
    from ce_desktop.ui.common import style
    from ce_desktop.ui.trainer.tab import TrainerTab

    style.configure_pyqtgraph()
    tab = TrainerTab(None)
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    yield tab
    assert tab.shutdown()


def answer_dialogs(monkeypatch, table, out, filters: list[str] | None = None) -> list[str]:
    """The next open dialog answers ``table``, the next save dialog ``out``; returns the
    titles they were shown with (and puts the open dialog's filters in ``filters``)."""
    titles: list[str] = []

    def opened(_parent, title, shown_filters):
        titles.append(title)
        if filters is not None:
            filters.append(shown_filters)
        return str(table)

    def saved(_parent, title, name, _filters):
        titles.append(f"{title} [{name}]")
        return str(out)

    monkeypatch.setattr("ce_desktop.ui.trainer.apply_model.choose_file_to_open", opened)
    monkeypatch.setattr("ce_desktop.ui.trainer.apply_model.choose_file_to_save", saved)
    return titles


def train_on(qtbot, tab, table):
    tab.set_config_dict(tab.config_dict() | {
        "dataset": "csv", "csv_path": str(table), "csv_target": "Survived", "loss": "ce",
        "hidden": [8], "epochs": 3})
    with qtbot.waitSignal(tab.run_completed, timeout=RUN_TIMEOUT_MS) as completed:
        assert tab.start()
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=10_000)
    return completed.args[0]


def read_csv(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def network_outputs(result, table) -> tuple[np.ndarray, np.ndarray]:
    """(softmax probabilities, each row's cross-entropy) of the run's network on the table,
    its features by scikit-learn's transformer fitted on the run's training rows."""
    import torch
    import torch.nn.functional as F

    from ce_desktop.core.data.columns import label_classes, read_table
    from ce_desktop.core.data.datasets import split_indices
    from ce_desktop.core.data.own_table import columns_for
    from ce_desktop.core.data.preprocessing import Preprocessing, as_matrix, fitted_transformer
    from ce_desktop.core.training.models import build_mlp

    prep = Preprocessing.from_dict(result.preprocessing)
    data = read_table(table)
    y, _ = label_classes(data.column(data.header.index("Survived")))
    train, _, _ = split_indices(y, 0.2, 0.2, 0)
    columns = columns_for(data, prep)
    numeric, categorical = list(prep.numeric), list(prep.categorical)
    X = fitted_transformer(columns, numeric, categorical, train).transform(
        as_matrix(columns, numeric, categorical))
    model = build_mlp(X.shape[1], 2, (8,), "relu", "ce")
    model.load_state_dict({k: torch.as_tensor(v) for k, v in result.state.items()})
    with torch.no_grad():
        logits = model(torch.as_tensor(X, dtype=torch.float32))
    return (torch.softmax(logits, 1).numpy(),
            F.cross_entropy(logits, torch.as_tensor(y), reduction="none").numpy())


def test_without_a_model_trained_on_a_table_the_action_says_why(qtbot, trainer_tab,
                                                               monkeypatch):
    titles = answer_dialogs(monkeypatch, "unused.csv", "unused-out.csv")
    button = trainer_tab.apply_model_button
    assert not button.isEnabled()
    assert "needs a model trained on a table of your own" in button.toolTip()
    assert not trainer_tab.apply_model_to_data()  # as the File menu calls it
    assert "needs a model trained on a table of your own" in trainer_tab.message_label.text()
    assert titles == []  # no dialog was opened
    # A model of generated data has no table to predict.
    trainer_tab.set_config_dict(trainer_tab.config_dict() | {
        "dataset": "moons", "n_samples": 200, "loss": "bce_logits", "epochs": 1})
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS):
        assert trainer_tab.start()
    qtbot.waitUntil(lambda: not trainer_tab.is_running(), timeout=10_000)
    assert trainer_tab.last_result.status == "finished"
    assert not button.isEnabled()
    assert "needs a model trained on a table of your own" in button.toolTip()


def test_the_button_writes_the_run_models_predictions(qtbot, trainer_tab, tmp_path,
                                                      monkeypatch):
    table = write_titanic_like(tmp_path / "titanic.csv")
    result = train_on(qtbot, trainer_tab, table)
    assert result.status == "finished"
    button = trainer_tab.apply_model_button
    assert button.isEnabled() and "Predict a table" in button.toolTip()
    out = tmp_path / "predictions.csv"
    titles = answer_dialogs(monkeypatch, table, out)
    button.click()
    assert not trainer_tab.start_button.isEnabled()  # busy while predicting
    qtbot.waitUntil(lambda: not trainer_tab.applier.is_running(), timeout=RUN_TIMEOUT_MS)
    assert titles[1] == "Save the predictions [titanic-predictions.csv]"

    rows = read_csv(out)
    assert len(rows) == 900
    q, losses = network_outputs(result, table)
    np.testing.assert_allclose([float(r["p(1)"]) for r in rows], q[:, 1], atol=1e-6)
    np.testing.assert_allclose([float(r["cross_entropy"]) for r in rows], losses,
                               rtol=1e-5, atol=1e-7)
    test = [float(r["cross_entropy"]) for r in rows if r["split"] == "test"]
    assert len(test) == 180
    assert np.mean(test) == pytest.approx(result.report.test_loss, abs=1e-6)
    mean = np.mean([float(r["cross_entropy"]) for r in rows])
    assert trainer_tab.message_label.text() == (
        f"Wrote 900 predictions to {out}; mean cross-entropy {mean:.2f} nats "
        f"({result.report.test_loss:.2f} nats on the run's test rows)")
    assert button.isEnabled() and trainer_tab.start_button.isEnabled()


def test_stop_ends_a_prediction_and_nothing_is_written(qtbot, trainer_tab, tmp_path,
                                                        monkeypatch):
    """The job runs in this process here, and its table is read until Stop is pressed: a
    prediction that is over before Stop arrives would say nothing about Stop."""
    from ce_desktop.backend import InProcessRunner
    from ce_desktop.core.data import LoadCancelled

    table = write_titanic_like(tmp_path / "titanic.csv")
    model = saved_table_model(table, tmp_path)
    monkeypatch.setattr("ce_desktop.ui.common.jobs.default_runner", InProcessRunner)
    assert trainer_tab.load_model(str(model))
    qtbot.waitUntil(lambda: "test accuracy" in trainer_tab.message_label.text(),
                    timeout=RUN_TIMEOUT_MS)

    def read_until_stopped(_path, _progress=None, should_stop=None):
        while not should_stop():
            time.sleep(0.01)
        raise LoadCancelled("stopped")

    # The table is read (and checked) before anyone is asked where to save.
    monkeypatch.setattr("ce_desktop.core.data.table_job.read_table", read_until_stopped)
    out = tmp_path / "out.csv"
    titles = answer_dialogs(monkeypatch, table, out)
    button = trainer_tab.apply_model_button
    button.click()
    assert trainer_tab.stop_button.isEnabled() and not button.isEnabled()
    assert not trainer_tab.start_button.isEnabled()
    trainer_tab.stop_button.click()
    qtbot.waitUntil(lambda: not trainer_tab.applier.is_running(), timeout=RUN_TIMEOUT_MS)
    assert trainer_tab.message_label.text() == "Stopped; no predictions were written."
    assert titles == ["Apply titanic.pt to a table"]  # never asked where to save
    assert not out.exists() and not list(tmp_path.glob(".*partial"))
    assert not trainer_tab.stop_button.isEnabled() and button.isEnabled()


def saved_table_model(table, folder):
    """A model trained on ``table`` (two epochs, in this process), saved as a file."""
    from ce_desktop.core.jobs import Flags, run_job
    from ce_desktop.core.training.models import save_state
    from ce_desktop.core.training.run import TrainingJob

    config = TrainConfig(dataset="csv", csv_path=str(table), csv_target="Survived",
                         loss="ce", hidden=(8,), epochs=2).to_dict()
    events: list = []
    run_job(TrainingJob(config), Flags(), events.append)
    ended = events[-1]
    return save_state(ended.state, config, folder / "titanic.pt",
                      preprocessing=ended.preprocessing)


def test_the_file_menu_applies_a_loaded_model_and_a_bad_cell_is_refused(
        qtbot, main_window, tmp_path, monkeypatch):
    table = write_titanic_like(tmp_path / "titanic.csv")
    model = saved_table_model(table, tmp_path)
    trainer = main_window.trainer_tab
    assert trainer.load_model(str(model))
    qtbot.waitUntil(lambda: "test accuracy" in trainer.message_label.text(),
                    timeout=RUN_TIMEOUT_MS)
    assert trainer.apply_model_button.isEnabled()

    new = tmp_path / "passengers.csv"  # no label: predictions only
    new.write_text("Pclass,Sex,Age,Fare,SibSp,Parch,Embarked\n1,female,29,80,0,0,S\n"
                   "3,male,,7.25,1,0,Q\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    answer_dialogs(monkeypatch, new, out)
    main_window.show_tab("entropy")
    main_window.apply_model_action.trigger()
    assert main_window.tabs.currentWidget() is trainer
    qtbot.waitUntil(lambda: not trainer.applier.is_running(), timeout=RUN_TIMEOUT_MS)
    rows = read_csv(out)
    assert [r["Age"] for r in rows] == ["29", ""]
    assert [r["predicted"] for r in rows] == ["1", "0"]
    assert "cross_entropy" not in rows[0] and "split" not in rows[0]
    assert trainer.message_label.text() == (
        f"Wrote 2 predictions to {out} (the table has no label column, so no loss)")

    new.write_text("Pclass,Sex,Age,Fare,SibSp,Parch,Embarked\n1,female,twenty,80,0,0,S\n",
                   encoding="utf-8")
    refused = tmp_path / "refused.csv"
    titles = answer_dialogs(monkeypatch, new, refused)
    main_window.apply_model_action.trigger()
    qtbot.waitUntil(lambda: not trainer.applier.is_running(), timeout=RUN_TIMEOUT_MS)
    assert trainer.message_label.text() == (
        "Could not apply the model: line 2, column 'Age': 'twenty' is not a number")
    assert titles == ["Apply titanic.pt to a table"]  # refused before asking where to save
    assert not refused.exists()


def test_a_workbook_is_offered_and_a_table_without_the_columns_is_refused_before_saving(
        qtbot, trainer_tab, tmp_path, monkeypatch):
    """The open dialog offers what File → Open data… offers (workbooks too), and a table
    the model cannot predict is refused before the save dialog is shown."""
    import pandas as pd

    from ce_desktop.ui.common.file_dialogs import table_filters

    table = write_titanic_like(tmp_path / "titanic.csv")
    model = saved_table_model(table, tmp_path)
    assert trainer_tab.load_model(str(model))
    qtbot.waitUntil(lambda: "test accuracy" in trainer_tab.message_label.text(),
                    timeout=RUN_TIMEOUT_MS)

    lacking = tmp_path / "lacking.csv"
    lacking.write_text("Pclass,Sex,Age\n1,female,29\n3,male,?\n", encoding="utf-8")
    filters: list[str] = []
    titles = answer_dialogs(monkeypatch, lacking, tmp_path / "never.csv", filters)
    assert trainer_tab.apply_model_to_data()
    qtbot.waitUntil(lambda: not trainer_tab.applier.is_running(), timeout=RUN_TIMEOUT_MS)
    assert filters == [table_filters()] and "*.xlsx" in filters[0]
    assert titles == ["Apply titanic.pt to a table"]
    assert trainer_tab.message_label.text() == (
        "Could not apply the model: lacking.csv lacks the column(s) the model needs: "
        "'SibSp', 'Parch', 'Fare', 'Embarked'")
    assert not (tmp_path / "never.csv").exists()

    book = tmp_path / "passengers.xlsx"  # "?" is a gap, filled as the run filled gaps
    pd.DataFrame({"Pclass": [1, 3], "Sex": ["female", "male"], "Age": [29, "?"],
                  "Fare": [80, 7.25], "SibSp": [0, 1], "Parch": [0, 0],
                  "Embarked": ["S", "Q"]}).to_excel(book, index=False)
    titles = answer_dialogs(monkeypatch, book, "")  # the save dialog cancelled
    assert trainer_tab.apply_model_to_data()
    qtbot.waitUntil(lambda: not trainer_tab.applier.is_running(), timeout=RUN_TIMEOUT_MS)
    assert len(titles) == 2 and trainer_tab.message_label.text() == (
        "No predictions were written.")
    assert trainer_tab.apply_model_button.isEnabled()
    out = tmp_path / "book-out.csv"
    titles = answer_dialogs(monkeypatch, book, out)
    assert trainer_tab.apply_model_to_data()
    qtbot.waitUntil(lambda: out.exists() and not trainer_tab.applier.is_running(),
                    timeout=RUN_TIMEOUT_MS)
    assert titles == ["Apply titanic.pt to a table",
                      "Save the predictions [passengers-predictions.csv]"]
    rows = read_csv(out)
    assert [r["Age"] for r in rows] == ["29", "?"] and len(rows[0]["predicted"]) == 1
    assert trainer_tab.message_label.text() == (
        f"Wrote 2 predictions to {out} (the table has no label column, so no loss)")


@pytest.fixture
def chinese(qapp):
    from ce_desktop.ui.common import language

    assert language.install("zh_CN", qapp)
    yield
    language.remove(qapp)


def test_the_outcome_and_the_reason_are_said_in_chinese(qtbot, chinese, trainer_tab):
    from ce_desktop.core.training.apply_job import ApplyFinished

    assert not trainer_tab.apply_model_to_data()
    assert trainer_tab.message_label.text().startswith(
        "“将模型应用于数据…”需要一个在你自己的表格上训练的模型")
    finished = ApplyFinished("/tmp/p.csv", 891, "cross_entropy", "nats", 0.4321, 0.45)
    assert trainer_tab.applier.finished_text(finished) == (
        "已将 891 条预测写入 /tmp/p.csv；平均交叉熵 0.43 奈特（在该次训练的测试行上为 0.45 奈特）")
