"""Experiment files: the entropy explorer's state and the trainer's settings as JSON."""

import json
import math

import pytest

from ce_desktop.core.experiment import (
    FORMAT,
    ExperimentError,
    check_entropy_state,
    load_experiment,
    save_experiment,
)
from ce_desktop.core.training.config import TrainConfig

STATE = {"p": [0.7, 0.2, 0.1], "q": [0.2, 0.5, 0.3], "logits": [1.0, 0.0, -1.0],
         "q_source": "logits", "temperature": 2.0, "epsilon": 0.05, "unit": "NATS"}


def test_round_trip(tmp_path):
    config = TrainConfig(dataset="moons", lr=0.05, hidden=(7, 3)).to_dict()
    path = save_experiment(tmp_path / "e.json", check_entropy_state(STATE), config)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == FORMAT
    state, loaded = load_experiment(path)
    assert state.to_dict() == STATE
    assert loaded == config


@pytest.mark.parametrize(
    ("change", "message"),
    [({"p": [0.5, 0.6, -0.1]}, r"entropy\.p"),
     ({"q": [0.5, 0.5]}, "3 classes but entropy.q has 2"),
     ({"q_source": "magic"}, "q_source"),
     ({"temperature": 0.0}, "temperature"),
     ({"unit": "furlongs"}, "unit"),
     ({"unit": ["BITS"]}, "unit must be one of"),
     ({"temperature": True}, "temperature"),
     ({"p": [float("inf"), 0.0, 0.0]}, r"entropy\.p"),
     ({"logits": [1e300 * 1e300, 0.0, 0.0]}, "logits"),
     ({"logits": [1.0, float("nan"), 0.0]}, "logits"),
     ({"p": [1 / 13] * 13, "q": [1 / 13] * 13, "logits": [0.0] * 13},
      "2 to 12 classes; entropy.p has 13"),
     ({"p": [1.0], "q": [1.0], "logits": [0.0]}, "2 to 12 classes; entropy.p has 1")],
)
def test_bad_entropy_states_are_named(change, message):
    with pytest.raises(ExperimentError, match=message):
        check_entropy_state(STATE | change)


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "is not valid JSON"),
     ('{"format": "something else"}', "not a ce-desktop experiment file"),
     (json.dumps({"format": FORMAT, "entropy": STATE, "trainer": {"lr": -1}}),
      "trainer: lr must lie between"),
     (json.dumps({"format": FORMAT, "entropy": STATE, "trainer": {"optimiser": "adam"}}),
      "unknown setting"),
     (json.dumps({"format": FORMAT, "entropy": [1, 2], "trainer": {}}),
      "entropy section must be a JSON object"),
     (json.dumps({"format": FORMAT, "entropy": STATE, "trainer": {"seed": 3_000_000_000}}),
      "trainer: seed must lie between"),
     (json.dumps({"format": FORMAT, "entropy": STATE, "trainer": {"epochs": 1e10}}),
      "trainer: epochs must lie between"),
     (json.dumps({"format": FORMAT, "entropy": STATE, "trainer": {"csv_path": 5}}),
      "trainer: setting 'csv_path' cannot be 5"),
     (json.dumps({"format": FORMAT, "entropy": STATE, "trainer": {"lr": 10**400}}),
      "trainer: setting 'lr' cannot be"),
     (json.dumps({"format": FORMAT, "entropy": STATE, "trainer": {"lr": math.inf}}),
      "trainer: lr must lie between"),
     ("[" * 100_000 + "]" * 100_000, "nested too deeply")],
)
def test_bad_files_are_refused_with_the_reason(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExperimentError, match=message):
        load_experiment(path)


def test_a_pipe_a_folder_or_a_huge_file_is_refused_without_reading_it(tmp_path):
    import os

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)  # reading it would block forever
    with pytest.raises(ExperimentError, match=r"cannot read pipe\.json: not a regular file"):
        load_experiment(fifo)
    with pytest.raises(ExperimentError, match="not a regular file"):
        load_experiment(tmp_path)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:
        file.truncate(50_000_000)  # sparse: no disk used
    with pytest.raises(ExperimentError, match="larger than 1 MB"):
        load_experiment(huge)


def test_missing_file(tmp_path):
    with pytest.raises(ExperimentError, match="does not exist"):
        load_experiment(tmp_path / "nowhere.json")
