"""`ce-desktop train` as a user runs it: JSON lines, the run store, bad input, SIGKILL."""

import json
import os
import signal
import subprocess
import sys

import pytest

from ce_desktop.core.runs.store import RunStore

#: Starts a process of its own: the app's worker or command line, or an external tool.
pytestmark = pytest.mark.process


def train(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ce_desktop", "train", *args],
        capture_output=True, text=True, timeout=timeout,
    )


def test_json_lines_and_the_store(tmp_path):
    store_path = tmp_path / "runs.sqlite"
    result = train("--preset", "tutorial", "--epochs", "2", "--seed", "3", "--json",
                   "--store", str(store_path))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["epoch"] for line in lines[:2]] == [1, 2]
    for line in lines[:2]:
        assert set(line) == {"epoch", "train_loss", "val_loss", "train_acc", "val_acc",
                             "seconds"}
    final = lines[2]
    assert {"test_loss", "test_acc", "test_auc"} <= set(final) and final["status"] == "finished"
    with RunStore(store_path) as store:
        run = store.run(final["run_id"])
        assert run.status == "finished" and run.config["seed"] == 3 and run.config["epochs"] == 2
        assert run.test_metrics["test_acc"] == pytest.approx(final["test_acc"])
        stored = store.epochs(run.id)
        assert [e["val_loss"] for e in stored] == pytest.approx([e["val_loss"] for e in lines[:2]])
        assert store.parameters(run.id).shape == (2, 331)


def test_config_file_overrides_the_preset(tmp_path):
    config = tmp_path / "moons.json"
    config.write_text(json.dumps({"dataset": "moons", "n_samples": 400, "hidden": [6],
                                  "loss": "bce_logits", "lr": 0.05, "epochs": 2}))
    result = train("--config", str(config), "--json", "--store", str(tmp_path / "s.sqlite"))
    assert result.returncode == 0, result.stderr
    with RunStore(tmp_path / "s.sqlite") as store:
        (run,) = store.runs()
        assert run.config["dataset"] == "moons" and run.config["hidden"] == [6]
        assert store.parameters(run.id).shape == (2, 2 * 6 + 6 + 6 + 1)


def test_digits_trains_from_a_config_with_ce(tmp_path):
    config = tmp_path / "digits.json"
    config.write_text(json.dumps({"dataset": "digits", "loss": "ce", "hidden": [16],
                                  "epochs": 2}))
    result = train("--config", str(config), "--json", "--store", str(tmp_path / "s.sqlite"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1])["status"] == "finished"
    with RunStore(tmp_path / "s.sqlite") as store:
        (run,) = store.runs()
        # 64 pixels in, 16 hidden, 10 classes out.
        assert store.parameters(run.id).shape == (2, 64 * 16 + 16 + 16 * 10 + 10)


@pytest.mark.parametrize(
    ("settings", "message"),
    [({"lr": -1}, "lr must lie between 1e-06 and 100000, not -1"),
     ({"epochs": 20.7}, "setting 'epochs' cannot be 20.7"),
     ({"optimiser": "adam"}, "unknown setting(s): optimiser"),
     ({"dataset": "blobs", "loss": "bce"}, "needs two classes"),
     ({"dataset": "digits", "loss": "bce_logits"}, "the data has 10; use 'ce'")],
)
def test_bad_settings_exit_2_with_the_reason(tmp_path, settings, message):
    config = tmp_path / "bad.json"
    config.write_text(json.dumps(settings))
    result = train("--config", str(config), "--store", str(tmp_path / "s.sqlite"))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_invalid_json_exits_2_and_nothing_is_stored(tmp_path):
    config = tmp_path / "broken.json"
    config.write_text('{"lr": 0.1,', encoding="utf-8")
    result = train("--config", str(config), "--store", str(tmp_path / "s.sqlite"))
    assert result.returncode == 2
    assert "the configuration is not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr
    with RunStore(tmp_path / "s.sqlite") as store:
        assert store.runs() == []


def test_a_diverging_run_exits_1_and_is_recorded_as_failed(tmp_path):
    config = tmp_path / "wild.json"
    config.write_text(json.dumps({"optimizer": "sgd", "lr": 1e4, "loss": "bce_logits",
                                  "epochs": 3}))
    result = train("--config", str(config), "--store", str(tmp_path / "s.sqlite"))
    assert result.returncode == 1
    assert "diverged" in result.stderr
    with RunStore(tmp_path / "s.sqlite") as store:
        (run,) = store.runs()
        assert run.status == "failed" and "diverged" in run.message


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_keeps_every_completed_epoch(tmp_path):
    store_path = tmp_path / "runs.sqlite"
    process = subprocess.Popen(
        [sys.executable, "-m", "ce_desktop", "train", "--epochs", "500", "--json",
         "--store", str(store_path)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    printed = []
    try:
        while len(printed) < 3:
            line = process.stdout.readline()
            assert line, "the trainer exited early"
            printed.append(json.loads(line))
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    with RunStore(store_path) as store:
        (run,) = store.runs()
        assert run.status == "running"
        stored = store.epochs(run.id)
        # Every epoch printed was committed first; one more may have landed before the kill.
        assert len(stored) >= 3
        assert [e["train_loss"] for e in stored[:3]] == pytest.approx(
            [p["train_loss"] for p in printed])


def test_a_run_that_ends_far_above_the_baseline_exits_1_and_says_it_diverged(tmp_path):
    # SGD at lr 1000 keeps its loss finite (the sigmoid's output is clipped) and "finished"
    # at about 60 nats, far worse than answering the class frequencies (0.69).
    config = tmp_path / "wild.json"
    config.write_text(json.dumps({"optimizer": "sgd", "lr": 1000, "epochs": 3}))
    result = train("--config", str(config), "--store", str(tmp_path / "s.sqlite"))
    assert result.returncode == 1, result.stderr
    assert "Diverged: the validation loss ended at" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_good_run_has_no_verdict_in_its_final_line(tmp_path):
    result = train("--preset", "tutorial", "--epochs", "20", "--json",
                   "--store", str(tmp_path / "s.sqlite"))
    assert result.returncode == 0, result.stderr
    final = json.loads(result.stdout.splitlines()[-1])
    assert final["verdict"] is None and final["status"] == "finished"


def test_a_model_path_that_cannot_be_written_exits_2_before_training(tmp_path):
    store_path = tmp_path / "runs.sqlite"
    result = train("--preset", "tutorial", "--epochs", "1", "--store", str(store_path),
                   "--save-model", str(tmp_path / "missing" / "m.pt"))
    assert result.returncode == 2
    assert "its folder does not exist" in result.stderr and "Traceback" not in result.stderr
    assert "epoch" not in result.stdout  # nothing was trained
    if store_path.exists():
        with RunStore(store_path) as store:
            assert store.runs() == []


def test_a_messy_titanic_style_table_trains_with_no_further_settings(tmp_path):
    import csv

    import torch
    from titanic_like import write_titanic_like

    data = write_titanic_like(tmp_path / "titanic.csv")
    config = tmp_path / "titanic.json"
    config.write_text(json.dumps({"dataset": "csv", "csv_path": str(data),
                                  "csv_target": "Survived"}))
    model = tmp_path / "titanic.pt"
    result = train("--config", str(config), "--json", "--store", str(tmp_path / "s.sqlite"),
                   "--save-model", str(model))
    assert result.returncode == 0, result.stderr
    final = json.loads(result.stdout.splitlines()[-1])
    with open(data, encoding="utf-8", newline="") as handle:
        survived = [row["Survived"] for row in csv.DictReader(handle)]
    majority = max(survived.count("0"), survived.count("1")) / len(survived)
    assert final["status"] == "finished" and final["test_acc"] > majority + 0.05
    payload = torch.load(model, weights_only=True)
    assert json.loads(payload["preprocessing"])["categorical"] == ["Sex", "Embarked"]
