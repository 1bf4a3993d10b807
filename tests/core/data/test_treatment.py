"""What the import dialog says will be done to each column, checked against what the fitted
preprocessing then does, and the label's baseline against scikit-learn's prior model."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest
from scipy.stats import entropy
from sklearn.dummy import DummyClassifier
from sklearn.metrics import log_loss
from titanic_like import write_titanic_like

from ce_desktop.core.data.columns import read_table, summarise
from ce_desktop.core.data.own_table import load_table
from ce_desktop.core.data.treatment import baseline, is_identifier, treatments


@pytest.fixture(scope="module")
def titanic(tmp_path_factory):
    return write_titanic_like(tmp_path_factory.mktemp("titanic") / "titanic.csv")


def by_column(path, target="Survived", roles=None):
    table = read_table(path)
    summary = summarise(table, target, roles)
    return {t.column: t for t in treatments(table, summary)}, summary


def csv_column(path, name) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [row[name].strip() for row in csv.DictReader(handle)]


def test_each_column_of_a_messy_table_is_described(titanic):
    plan, _ = by_column(titanic)
    gaps = sum(1 for cell in csv_column(titanic, "Age") if cell == "")
    assert gaps > 0
    assert plan["Age"].action == "standardised" and plan["Age"].gaps == gaps
    assert str(plan["Age"].message) == (
        f"standardised; {gaps} gaps filled with the median + a missing-indicator column")
    assert str(plan["Fare"].message) == "standardised"
    assert str(plan["Sex"].message) == "one-hot, 2 levels"
    assert str(plan["Embarked"].message) == (
        "one-hot, 3 levels; 2 gaps filled with the most frequent level")
    assert str(plan["Survived"].message) == "label: 2 classes"
    assert plan["PassengerId"].ignored_as == "identifier"
    assert str(plan["PassengerId"].message) == "ignored: identifier (each value once)"
    names = len(set(csv_column(titanic, "Name")))
    assert plan["Name"].ignored_as == "free text"
    assert str(plan["Name"].message) == f"ignored: free text ({names} distinct values)"


def test_a_numeric_column_left_out_by_choice_says_so(titanic):
    plan, _ = by_column(titanic, roles={"Fare": "ignore"})
    assert plan["Fare"].ignored_as == "chosen"
    assert str(plan["Fare"].message) == "ignored (your choice)"


def test_rare_levels_are_counted_as_the_fitted_encoder_groups_them(tmp_path):
    # Levels of 60, 40, 30 rows (frequent in any split) and 3 of 2 rows (rare in any).
    rng = np.random.default_rng(0)
    levels = ["a"] * 60 + ["b"] * 40 + ["c"] * 30 + ["x", "x", "y", "y", "z", "z"]
    rng.shuffle(levels)
    path = tmp_path / "rare.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["level", "value", "label"])
        for i, level in enumerate(levels):
            writer.writerow([level, f"{rng.normal():.3f}", i % 2])
    plan, _ = by_column(path, "label")
    assert (plan["level"].levels, plan["level"].rare) == (3, 3)
    assert str(plan["level"].message) == "one-hot, 3 levels + 1 column for 3 rare levels (grouped)"
    prep = load_table(path, "label").preprocessing
    assert len(prep["levels"][0]) == plan["level"].levels
    assert len(prep["grouped"][0]) == plan["level"].rare


def test_constant_and_date_columns_are_ignored_with_their_reason(tmp_path):
    path = tmp_path / "kinds.csv"
    rows = [f"2024-01-{1 + i % 28:02d},k,{i % 7},{i % 2}" for i in range(40)]
    path.write_text("when,same,x,y\n" + "\n".join(rows) + "\n", encoding="utf-8")
    plan, _ = by_column(path, "y")
    assert str(plan["when"].message) == "ignored: date"
    assert str(plan["same"].message) == "ignored: constant (one value)"


def test_identifiers_are_unique_filled_and_without_spaces():
    assert is_identifier(["A-1", "A-2", "A-3"])
    assert not is_identifier(["A-1", "A-1", "A-3"])
    assert not is_identifier(["A-1", "", "A-3"])
    assert not is_identifier(["Smith, John", "Brown, Mary"])


def test_the_baseline_is_the_prior_models_log_loss(titanic):
    _, summary = by_column(titanic)
    y = csv_column(titanic, "Survived")
    X = np.zeros((len(y), 1))
    prior = DummyClassifier(strategy="prior").fit(X, y)
    base = baseline(summary.label)
    assert base.nats == pytest.approx(log_loss(y, prior.predict_proba(X)), rel=1e-12)
    assert base.bits == pytest.approx(entropy(summary.label.counts, base=2), rel=1e-12)
    assert base.bits == pytest.approx(base.nats / math.log(2))
    assert base.accuracy == pytest.approx(prior.score(X, y))


def test_the_baseline_of_three_unbalanced_classes(titanic):
    _, summary = by_column(titanic, target="Embarked")
    y = [c for c in csv_column(titanic, "Embarked") if c]
    X = np.zeros((len(y), 1))
    prior = DummyClassifier(strategy="prior").fit(X, y)
    base = baseline(summary.label)
    assert base.nats == pytest.approx(log_loss(y, prior.predict_proba(X)), rel=1e-12)
    assert base.accuracy == pytest.approx(prior.score(X, y))


def test_question_marks_in_a_column_of_numbers_are_gaps_to_fill(tmp_path):
    """"?" is the missing marker of many public data sets (UCI's adult): a gap as "n/a" is,
    not a cell that is "not a number"."""
    rng = np.random.default_rng(1)
    cells = [f"{v:.2f}" for v in rng.normal(20, 5, 60)]
    marked = [3, 17, 29, 41]
    for i in marked:
        cells[i] = "?" if i != 17 else " ? "
    cells[50] = "n/a"
    path = tmp_path / "marks.csv"
    path.write_text("temp;label\n" + "".join(f"{c};{i % 2}\n" for i, c in enumerate(cells)),
                    encoding="utf-8")
    plan, summary = by_column(path, "label")
    temp = next(c for c in summary.columns if c.name == "temp")
    assert (temp.kind, temp.missing) == ("numeric", 5)
    assert summary.problems == ()
    assert str(plan["temp"].message) == (
        "standardised; 5 gaps filled with the median + a missing-indicator column")
    loaded = load_table(path, "label")  # trains: the gaps get the indicator column
    assert loaded.feature_names == ("temp", "temp (missing)")
    assert np.isfinite(loaded.X_train).all()


def write_rows(path, header: str, rows: list[str]):
    path.write_text(header + "\n" + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_counts_of_one_are_said_in_the_singular(tmp_path):
    # 100 rows: level "a" 97 times (frequent), "x" and "y" once each (rare), one gap.
    levels = ["a"] * 96 + ["x", "y", ""] + ["a"]
    rows = [f"{level},{i % 7}.5,{i % 2}" for i, level in enumerate(levels)]
    rows[5] = "a,,1"  # one gap in the numbers too
    plan, _ = by_column(write_rows(tmp_path / "one.csv", "level,value,label", rows), "label")
    assert (plan["level"].levels, plan["level"].rare, plan["level"].gaps) == (1, 2, 1)
    assert str(plan["level"].message) == (
        "one-hot, 1 level + 1 column for 2 rare levels (grouped); "
        "1 gap filled with the most frequent level")
    assert str(plan["value"].message) == (
        "standardised; 1 gap filled with the median + a missing-indicator column")
    assert plan["level"].warning is None  # 2 rare rows of 99


def test_a_category_of_rare_levels_only_is_accepted_with_a_warning(tmp_path):
    measured = [f"{20 + 0.37 * ((i * 13) % 80):.2f}" for i in range(80)]  # each once
    measured[7] = "?"
    mostly = [("a" if i < 20 else f"r{i % 30}") for i in range(80)]  # 60 rows in rare levels
    rows = [f"{m},{r},{i % 2}" for i, (m, r) in enumerate(zip(measured, mostly, strict=True))]
    path = write_rows(tmp_path / "rare.csv", "temp,code,label", rows)
    plan, summary = by_column(path, "label", {"temp": "categorical"})
    assert summary.problems == ()  # not blocking
    assert plan["temp"].action == "one-hot"
    distinct = len(set(measured) - {"?"})
    assert distinct == 79
    assert str(plan["temp"].warning) == (
        "column 'temp' has a different value in each of its 79 rows (an identifier or a "
        "measured number): as categories it teaches the model nothing; make it numeric or "
        "ignore it")
    rare_rows = sum(n for n in np.unique(mostly, return_counts=True)[1] if n < 5 / 0.6)
    assert rare_rows == 60
    assert str(plan["code"].warning) == (
        "column 'code': 60 of its 80 rows have a rare level, grouped into one column: as "
        "categories it teaches the model little; ignore it")
    plan, _ = by_column(path, "label")
    assert plan["temp"].action == "standardised" and plan["temp"].warning is None
    # Measured twice each: no level of its own, but not each value once either.
    twice = write_rows(tmp_path / "twice.csv", "temp,label",
                       [f"{20 + (i // 2) * 0.5:.1f},{i % 2}" for i in range(40)])
    plan, _ = by_column(twice, "label", {"temp": "categorical"})
    assert str(plan["temp"].message) == "one-hot, 1 column for 20 rare levels (grouped)"
    assert str(plan["temp"].warning) == (
        "column 'temp': each of its 40 rows has a rare level, all grouped into one column: "
        "as categories it teaches the model nothing; make it numeric or ignore it")
