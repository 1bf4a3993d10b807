"""A model trained on a table, applied to a table: the features are the stored
preprocessing's (checked against scikit-learn's transformer), the losses
torch.nn.functional's, and on the run's own table a `split` column whose test rows average
to the test loss the run reported."""

from __future__ import annotations

import csv
import shutil

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from titanic_like import write_titanic_like

from ce_desktop.core.data.columns import TableRefused, label_classes, read_table
from ce_desktop.core.data.datasets import split_indices
from ce_desktop.core.data.own_table import columns_for
from ce_desktop.core.data.preprocessing import Preprocessing, as_matrix, fitted_transformer
from ce_desktop.core.jobs import Failed, Flags, run_job
from ce_desktop.core.training.apply_job import (
    ApplyFinished,
    ApplyModel,
    ApplyProgress,
    ApplyStopped,
    ApplyTableChecked,
    CheckApplyTable,
)
from ce_desktop.core.training.config import TrainConfig
from ce_desktop.core.training.model_files import ModelEvaluated, ModelFileRead, ReadModelFile
from ce_desktop.core.training.models import load_model_file, save_state
from ce_desktop.core.training.predictions import predict_table, write_predictions
from ce_desktop.core.training.run import Ended, TrainingJob


def events_of(job, flags: Flags | None = None) -> list:
    events: list = []
    run_job(job, flags or Flags(), events.append)
    return events


def train_and_save(table, folder, **settings) -> tuple[Ended, dict, object]:
    config = TrainConfig.from_dict({"dataset": "csv", "csv_path": str(table),
                                    "csv_target": "Survived", "loss": "ce", "epochs": 4,
                                    **settings}).to_dict()  # whole, as the app saves it
    ended = events_of(TrainingJob(config))[-1]
    assert isinstance(ended, Ended) and ended.status == "finished", ended
    model = save_state(ended.state, config, folder / "m.pt",
                       preprocessing=ended.preprocessing)
    return ended, config, model


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("apply")
    table = write_titanic_like(folder / "titanic.csv")
    ended, config, model = train_and_save(table, folder)
    return table, ended, config, model


def table_file(folder, text: str):
    path = folder / "table.csv"
    path.write_text(text, encoding="utf-8")
    return path


def oracle_features(table_path, prep: Preprocessing, fitted_on=None) -> np.ndarray:
    """The features by scikit-learn's own ColumnTransformer on the columns ``prep`` names,
    fitted on the training rows of ``fitted_on`` (default: the table itself) as the run
    split them."""
    source = read_table(fitted_on or table_path)
    y, _ = label_classes(source.column(source.header.index("Survived")))
    train, _, _ = split_indices(y, 0.2, 0.2, 0)
    numeric, categorical = list(prep.numeric), list(prep.categorical)
    transformer = fitted_transformer(columns_for(source, prep), numeric, categorical, train)
    target = read_table(table_path)
    return transformer.transform(as_matrix(columns_for(target, prep), numeric, categorical))


def test_on_the_runs_own_table_the_test_rows_average_to_the_reported_test_loss(run, tmp_path):
    table, ended, _, model_path = run
    predictions = predict_table(model_path, table)
    y, _ = label_classes(read_table(table).column(1))
    train, val, test = split_indices(y, 0.2, 0.2, 0)
    assert predictions.split is not None
    assert set(np.flatnonzero(predictions.split == "test")) == set(test)
    assert set(np.flatnonzero(predictions.split == "validation")) == set(val)
    assert set(np.flatnonzero(predictions.split == "train")) == set(train)
    assert predictions.mean_loss("test") == pytest.approx(ended.report.test_loss, abs=1e-6)
    assert predictions.unit == "nats" and predictions.loss_name == "cross_entropy"

    # Each row's loss is torch's cross-entropy of the network's outputs on scikit-learn's
    # features, and the probabilities are their softmax.
    model, _, prep = load_model_file(model_path)
    with torch.no_grad():
        logits = model(torch.as_tensor(oracle_features(table, prep), dtype=torch.float32))
    codes = torch.as_tensor(y)  # the table's first class is the network's class 0
    expected = F.cross_entropy(logits, codes, reduction="none").numpy()
    np.testing.assert_allclose(predictions.loss, expected, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(predictions.q, torch.softmax(logits, 1).numpy(), atol=1e-6)

    written = write_predictions(predictions, tmp_path / "p.csv")
    with open(written, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [rows[i]["split"] for i in test] == ["test"] * len(test)
    losses = np.array([float(rows[i]["cross_entropy"]) for i in test])
    assert losses.mean() == pytest.approx(ended.report.test_loss, abs=1e-6)
    assert list(rows[0])[-5:] == ["split", "predicted", "p(0)", "p(1)", "cross_entropy"]


def test_a_copy_elsewhere_is_the_runs_own_and_an_edited_table_is_not(run, tmp_path):
    table, _, _, model_path = run
    copy = shutil.copy(table, tmp_path / "moved.csv")
    assert predict_table(model_path, copy).split is not None
    table_read = read_table(table)
    y, _ = label_classes(table_read.column(1))
    train, _, _ = split_indices(y, 0.2, 0.2, 0)
    # A training row's fare changed: the run's preprocessing no longer fits this table.
    changed_line, changed = table_read.rows[train[0]]
    changed = [*changed[:9], "999", *changed[10:]]
    with open(tmp_path / "edited.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(table_read.header)
        writer.writerows(changed if line == changed_line else cells
                         for line, cells in table_read.rows)
    edited = predict_table(model_path, tmp_path / "edited.csv")
    assert edited.split is None and edited.loss is not None
    written = write_predictions(edited, tmp_path / "p.csv")
    with open(written, encoding="utf-8", newline="") as handle:
        assert "split" not in next(csv.reader(handle))


def test_a_table_without_the_label_has_no_loss_and_unseen_levels_predict(run, tmp_path):
    predictions = predict_table(run[3], table_file(
        tmp_path, "Pclass,Sex,Age,SibSp,Parch,Fare,Embarked,Name\n"
        "1,female,30,0,0,80,S,A\n3,male,,1,0,7.25,Z,B\n2,unknown,5,0,2,20,,C\n"))
    assert predictions.loss is None and predictions.split is None
    assert predictions.mean_loss() is None
    np.testing.assert_allclose(predictions.q.sum(1), 1, rtol=1e-6)
    assert predictions.q[0, 1] > predictions.q[1, 1]  # first class, female: survives more


def test_a_cell_that_is_not_a_number_is_refused_with_its_line_and_column(run, tmp_path):
    with pytest.raises(TableRefused) as refused:
        predict_table(run[3], table_file(
            tmp_path, "Pclass,Sex,Age,SibSp,Parch,Fare,Embarked\n"
            "1,female,30,0,0,80,S\n3,male,thirty,1,0,7.25,S\n2,male,,0,x,inf,C\n"))
    assert str(refused.value) == (
        "3 problems: line 3, column 'Age': 'thirty' is not a number, "
        "line 4, column 'Parch': 'x' is not a number, "
        "line 4, column 'Fare': 'inf' is an infinite value")


def test_the_apply_job_reports_progress_and_writes_the_file(run, tmp_path):
    table, ended, config, model_path = run
    out = tmp_path / "out.csv"
    job = ApplyModel(str(table), str(out), config, ended.state, ended.preprocessing,
                     "m.pt")
    events = events_of(job)
    finished = events[-1]
    assert isinstance(finished, ApplyFinished), events[-1]
    writing = [e for e in events if isinstance(e, ApplyProgress) and e.stage == "writing"]
    assert writing[-1] == ApplyProgress("writing", 900, 900)  # reading reports large files
    assert finished.rows == 900 and finished.unit == "nats"
    assert finished.test_loss == pytest.approx(ended.report.test_loss, abs=1e-6)
    expected = predict_table(model_path, table)
    assert finished.mean_loss == pytest.approx(float(expected.loss.mean()), rel=1e-9)
    with open(out, encoding="utf-8", newline="") as handle:
        assert sum(1 for _ in csv.DictReader(handle)) == 900


def test_a_stopped_or_refused_apply_job_writes_nothing(run, tmp_path):
    table, ended, config, _ = run
    out = tmp_path / "out.csv"
    flags = Flags()
    flags.stop()
    job = ApplyModel(str(table), str(out), config, ended.state, ended.preprocessing, "m.pt")
    assert isinstance(events_of(job, flags)[-1], ApplyStopped)
    missing = ApplyModel(str(tmp_path / "none.csv"), str(out), config, ended.state,
                         ended.preprocessing, "m.pt")
    (failed,) = events_of(missing)
    assert isinstance(failed, Failed) and not failed.internal
    assert str(failed.message) == f"file not found: {tmp_path / 'none.csv'}"
    not_a_table = ApplyModel(str(table), str(out), {**config, "dataset": "moons"},
                             ended.state, None, "tutorial.pt")
    (failed,) = events_of(not_a_table)
    assert str(failed.message) == ("tutorial.pt was not trained on a table of your own, so "
                                   "it cannot predict one")
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_the_check_job_reads_the_table_once_and_refuses_before_any_file_is_chosen(
        run, tmp_path, monkeypatch):
    """Checked first (before the app asks where to save), the table is then predicted from
    the worker's copy, not read again."""
    from ce_desktop.core.data import table_job

    table, ended, config, _ = run
    table_job.forget_table()
    reads: list[str] = []
    read = table_job.read_table
    monkeypatch.setattr(table_job, "read_table",
                        lambda path, *args: reads.append(str(path)) or read(path, *args))
    events = events_of(CheckApplyTable(str(table), ended.preprocessing, "m.pt"))
    assert events[-1] == ApplyTableChecked(str(table), 900)
    out = tmp_path / "out.csv"
    job = ApplyModel(str(table), str(out), config, ended.state, ended.preprocessing, "m.pt")
    assert isinstance(events_of(job)[-1], ApplyFinished)
    assert reads == [str(table)]
    lacking = table_file(tmp_path, "Pclass,Sex\n1,male\n")
    (failed,) = events_of(CheckApplyTable(str(lacking), ended.preprocessing, "m.pt"))
    assert isinstance(failed, Failed) and str(failed.message).startswith(
        "table.csv lacks the column(s) the model needs: ")
    table_job.forget_table()


def test_loading_a_model_tests_it_through_its_own_preprocessing(tmp_path):
    """Its table changed since the run (rows added): the loaded model is tested on the
    changed table's test rows made features by the preprocessing it was trained with, not
    by one refitted on the changed table."""
    table = write_titanic_like(tmp_path / "titanic.csv")
    ended, _, model_path = train_and_save(table, tmp_path, epochs=2)
    read, evaluated = events_of(ReadModelFile(str(model_path)))
    assert isinstance(read, ModelFileRead) and read.preprocessing == ended.preprocessing
    assert isinstance(evaluated, ModelEvaluated)
    assert evaluated.report.test_loss == pytest.approx(ended.report.test_loss, abs=1e-6)

    original = tmp_path / "original.csv"
    shutil.copy(table, original)
    write_titanic_like(table, n=1200, seed=5)  # the file at the run's path changed
    _, evaluated = events_of(ReadModelFile(str(model_path)))
    assert isinstance(evaluated, ModelEvaluated)
    changed = read_table(table)
    y, _ = label_classes(changed.column(1))
    _, _, test = split_indices(y, 0.2, 0.2, 0)
    model, _, prep = load_model_file(model_path)
    X = oracle_features(table, prep, fitted_on=original)[test]
    with torch.no_grad():
        expected = F.cross_entropy(model(torch.as_tensor(X, dtype=torch.float32)),
                                   torch.as_tensor(y[test]))
    assert evaluated.report.test_loss == pytest.approx(float(expected), abs=1e-6)
