"""A messy Titanic-style table trains with no settings beyond its path and label, and the
choices that reproduce it live in the config."""

from __future__ import annotations

import json

import numpy as np
import pytest
from titanic_like import write_titanic_like

from ce_desktop.core.jobs import Flags, run_job
from ce_desktop.core.messages import InvalidInput
from ce_desktop.core.training.config import TrainConfig
from ce_desktop.core.training.run import Ended, Refused, Started, TrainingJob


def train(config: dict) -> list:
    events: list = []
    run_job(TrainingJob(config), Flags(), events.append)
    return events


@pytest.fixture(scope="module")
def titanic(tmp_path_factory):
    return write_titanic_like(tmp_path_factory.mktemp("titanic") / "titanic.csv")


def test_a_titanic_style_table_trains_with_its_path_and_label_only(titanic):
    events = train({"dataset": "csv", "csv_path": str(titanic), "csv_target": "Survived"})
    assert not [e for e in events if isinstance(e, Refused)]
    started = next(e for e in events if isinstance(e, Started))
    ended = events[-1]
    assert isinstance(ended, Ended) and ended.status == "finished"
    report = ended.report
    majority = np.bincount(report.samples.true_class).max() / len(report.samples.true_class)
    assert report.test_acc > majority + 0.05
    assert report.test_loss < started.baseline_loss
    # The per-sample losses still average to the reported test loss.
    assert report.samples.loss.mean() == pytest.approx(report.test_loss, rel=1e-6)
    assert ended.preprocessing["categorical"] == ["Sex", "Embarked"]
    json.dumps(ended.preprocessing)  # plain data


def test_roles_in_the_config_change_the_features(titanic):
    events = train({"dataset": "csv", "csv_path": str(titanic), "csv_target": "Survived",
                    "csv_roles": {"Pclass": "categorical", "Embarked": "ignore"},
                    "epochs": 1})
    prep = events[-1].preprocessing
    assert prep["categorical"] == ["Pclass", "Sex"]
    assert "Embarked" not in prep["numeric"] + prep["categorical"]


def test_every_problem_of_the_table_is_refused_at_once(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b,label\n" + "1,2,x\n3,4,y\n" * 10 + "5,6\n7,oops,x\n8,9,\n",
                    encoding="utf-8")
    (refused,) = [e for e in train({"dataset": "csv", "csv_path": str(path)})
                  if isinstance(e, Refused)]
    assert str(refused.message) == (
        "3 problems: line 22 has 2 cells, the header has 3, line 23, column 'b': 'oops' is "
        "not a number, line 24, column 'label': missing value")


def test_column_roles_round_trip_and_old_configs_load():
    config = TrainConfig(dataset="csv", csv_path="t.csv", csv_roles={"Age": "categorical"})
    assert TrainConfig.from_json(config.to_json()) == config
    assert TrainConfig.from_dict({"dataset": "csv", "csv_path": "t.csv"}).csv_roles == {}
    with pytest.raises(InvalidInput, match="setting 'csv_roles' cannot be"):
        TrainConfig.from_dict({"csv_roles": {"Age": 3}})
    with pytest.raises(InvalidInput, match="csv_roles must be one of numeric, categorical"):
        TrainConfig.from_dict({"csv_roles": {"Age": "label"}}).validate()
