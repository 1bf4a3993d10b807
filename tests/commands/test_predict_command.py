"""`ce-desktop predict`: a table's predictions through the model file's stored
preprocessing, equal to the model's outputs, and its test rows' losses average to the run's
test loss."""

import csv
import json
import subprocess
import sys

import numpy as np
import pytest
import torch
from titanic_like import write_titanic_like

from ce_desktop.core.data.columns import label_classes, read_table
from ce_desktop.core.data.datasets import split_indices
from ce_desktop.core.data.own_table import load_table
from ce_desktop.core.training.models import load_model_file

pytestmark = pytest.mark.process


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ce_desktop", *args], capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("predict")
    data = write_titanic_like(folder / "titanic.csv")
    config = folder / "c.json"
    config.write_text(json.dumps({"dataset": "csv", "csv_path": str(data),
                                  "csv_target": "Survived", "epochs": 5}))
    model = folder / "m.pt"
    result = cli("train", "--config", str(config), "--json", "--store",
                 str(folder / "s.sqlite"), "--save-model", str(model))
    assert result.returncode == 0, result.stderr
    return data, model, json.loads(result.stdout.splitlines()[-1])


def test_predictions_equal_the_models_outputs_and_the_test_rows_give_the_test_loss(
        trained, tmp_path):
    data, model_path, final = trained
    out = tmp_path / "pred.csv"
    result = cli("predict", "--model", str(model_path), str(data), "--out", str(out))
    assert result.returncode == 0, result.stderr
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(data, encoding="utf-8", newline="") as handle:
        inputs = list(csv.DictReader(handle))
    assert [{k: r[k] for k in inputs[0]} for r in rows] == inputs  # the input columns
    # The oracle: the data set the run trained on, through the network.
    dataset = load_table(data, "Survived")
    model, _, _ = load_model_file(model_path)
    y, _ = label_classes([r["Survived"] for r in inputs])
    _, _, test = split_indices(y, 0.2, 0.2, 0)
    with torch.no_grad():
        p1 = model(torch.as_tensor(dataset.X_test))[:, 0].numpy()
    written = np.array([float(rows[i]["p(1)"]) for i in test])
    np.testing.assert_allclose(written, p1, rtol=1e-6)
    assert [rows[i]["predicted"] for i in test] == ["1" if p >= 0.5 else "0" for p in p1]
    losses = np.array([float(rows[i]["cross_entropy"]) for i in test])
    assert losses.mean() == pytest.approx(final["test_loss"], rel=1e-5)
    # The run's own table: each row says which part of the run's split it was in.
    assert [i for i, r in enumerate(rows) if r["split"] == "test"] == sorted(test)
    marked = np.array([float(r["cross_entropy"]) for r in rows if r["split"] == "test"])
    assert marked.mean() == pytest.approx(final["test_loss"], abs=1e-6)
    everything = np.array([float(r["cross_entropy"]) for r in rows]).mean()
    assert result.stdout == (f"900 rows predicted: {out}; mean cross-entropy "
                             f"{everything:.4f} nats\n")
    np.testing.assert_allclose(losses, -np.log(np.where(y[test] == 1, p1, 1 - p1)), rtol=1e-5)


def test_bits_are_the_nats_divided_by_ln_2_in_their_own_column(trained, tmp_path):
    data, model_path, final = trained
    written = {}
    for unit in ("nats", "bits"):
        out = tmp_path / f"{unit}.csv"
        result = cli("predict", "--model", str(model_path), str(data), "--out", str(out),
                     "--unit", unit)
        assert result.returncode == 0, result.stderr
        with open(out, encoding="utf-8", newline="") as handle:
            written[unit] = list(csv.DictReader(handle))
    nats = np.array([float(r["cross_entropy"]) for r in written["nats"]])
    bits = np.array([float(r["cross_entropy_bits"]) for r in written["bits"]])
    assert "cross_entropy" not in written["bits"][0]
    np.testing.assert_allclose(bits, nats / np.log(2), rtol=1e-12)
    test_bits = np.array([float(r["cross_entropy_bits"]) for r in written["bits"]
                          if r["split"] == "test"])
    assert test_bits.mean() == pytest.approx(final["test_loss"] / np.log(2), abs=1e-6)
    assert result.stdout.endswith(f"mean cross-entropy {bits.mean():.4f} bits\n")


def test_a_table_without_a_column_the_model_needs_exits_2_naming_it(trained, tmp_path):
    data, model_path, _ = trained
    table = read_table(data)
    drop = table.header.index("Age")
    lacking = tmp_path / "no_age.csv"
    with open(lacking, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([h for j, h in enumerate(table.header) if j != drop])
        writer.writerows([c for j, c in enumerate(cells) if j != drop] for _, cells in table.rows)
    result = cli("predict", "--model", str(model_path), str(lacking), "--out",
                 str(tmp_path / "p.csv"))
    assert result.returncode == 2
    assert "no_age.csv lacks the column(s) the model needs: 'Age'" in result.stderr
    assert not (tmp_path / "p.csv").exists()


def test_a_model_not_trained_on_a_table_exits_2(trained, tmp_path):
    data, _, _ = trained
    config = tmp_path / "moons.json"
    config.write_text(json.dumps({"dataset": "moons", "epochs": 1}))
    model = tmp_path / "moons.pt"
    assert cli("train", "--config", str(config), "--store", str(tmp_path / "s.sqlite"),
               "--save-model", str(model)).returncode == 0
    result = cli("predict", "--model", str(model), str(data), "--out", str(tmp_path / "p.csv"))
    assert result.returncode == 2
    assert "was not trained on a table of your own" in result.stderr


def test_a_cell_that_is_not_a_number_exits_2_naming_its_line_and_column(trained, tmp_path):
    data, model_path, _ = trained
    table = read_table(data)
    age = table.header.index("Age")
    typo = tmp_path / "typo.csv"
    with open(typo, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.header)
        for number, (_, cells) in enumerate(table.rows):
            cells = list(cells)
            if number == 4:
                cells[age] = "forty"
            elif number == 5:
                cells[age] = ""  # a gap is fine: imputed
            writer.writerow(cells)
    out = tmp_path / "p.csv"
    result = cli("predict", "--model", str(model_path), str(typo), "--out", str(out))
    assert result.returncode == 2
    assert result.stderr == ("ce-desktop predict: line 6, column 'Age': 'forty' is not a "
                             "number\n")
    assert not out.exists()
