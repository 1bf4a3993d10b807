"""A table's summary: column kinds, missing counts, roles, the label's classes, and every
problem of a file at once with its line and column."""

from __future__ import annotations

import csv
from collections import Counter

import numpy as np
import pytest
from scipy.stats import entropy
from sklearn.preprocessing import LabelEncoder
from titanic_like import write_titanic_like

from ce_desktop.core.data import DataError
from ce_desktop.core.data.columns import (
    TableRefused,
    label_classes,
    read_table,
    summarise,
)


@pytest.fixture
def titanic(tmp_path):
    return write_titanic_like(tmp_path / "titanic.csv")


def summary_of(path, target=None, roles=None):
    return summarise(read_table(path), target, roles)


def test_a_titanic_style_table_gets_kinds_gaps_and_roles(titanic):
    summary = summary_of(titanic, "Survived")
    with open(titanic, encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    kinds = {c.name: (c.kind, c.role) for c in summary.columns}
    assert kinds == {
        "PassengerId": ("text", "ignore"), "Survived": ("numeric", "label"),
        "Pclass": ("numeric", "numeric"), "Name": ("text", "ignore"),
        "Sex": ("categorical", "categorical"), "Age": ("numeric", "numeric"),
        "SibSp": ("numeric", "numeric"), "Parch": ("numeric", "numeric"),
        "Ticket": ("text", "ignore"), "Fare": ("numeric", "numeric"),
        "Cabin": ("text", "ignore"), "Embarked": ("categorical", "categorical")}
    for column in summary.columns:  # the csv module's reading is the oracle
        assert column.missing == sum(r[column.name] == "" for r in records), column.name
        assert column.distinct == len({r[column.name] for r in records} - {""}), column.name
    counts = Counter(r["Survived"] for r in records)
    assert summary.label.class_names == ("0", "1")
    assert summary.label.counts == (counts["0"], counts["1"])
    assert summary.label.baseline_accuracy == max(counts.values()) / len(records)
    assert summary.label.baseline_loss == pytest.approx(entropy(list(counts.values())))
    assert summary.n_rows == len(records) == 900
    assert summary.problems == ()
    assert summary.preview[7][3] == records[7]["Name"]  # a line break inside quotes


def test_the_label_is_the_last_column_unless_named(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("x,y,kind\n" + "1,2,a\n3,4,b\n" * 10, encoding="utf-8")
    summary = summary_of(path)
    assert summary.label.column == "kind" and summary.label.counts == (10, 10)
    assert summary_of(path, "x").role_of("x") == "label"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32",
                                      "gbk"])
def test_every_encoding_reads_to_the_same_summary(tmp_path, encoding):
    text = "城市,温度,标签\n" + "".join(f"北京,{i % 7},{'是' if i % 2 else '否'}\n"
                                      f"上海,,{'否' if i % 2 else '是'}\n" for i in range(10))
    reference, path = tmp_path / "ref.csv", tmp_path / "t.csv"
    reference.write_text(text, encoding="utf-8")
    path.write_bytes(text.encode(encoding))
    assert summary_of(path).columns == summary_of(reference).columns
    assert summary_of(path).columns[1].missing == 10


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_decimal_commas_in_semicolon_and_tab_files_are_numbers(tmp_path, delimiter):
    path = tmp_path / "t.csv"
    rows = [f'"{i},5"{delimiter}{"rot" if i % 2 else "grün"}{delimiter}{i % 2}'
            for i in range(20)]
    path.write_text(f"Länge{delimiter}Farbe{delimiter}Klasse\n" + "\n".join(rows),
                    encoding="cp1252")
    columns = summary_of(path).columns
    assert [(c.kind, c.role) for c in columns] == [
        ("numeric", "numeric"), ("categorical", "categorical"), ("numeric", "label")]


def test_dates_constants_and_identifiers_are_left_out(tmp_path):
    path = tmp_path / "t.csv"
    lines = ["id,when,same,note,x,label"] + [
        f"{i + 100},2024-03-{i % 28 + 1:02d},1,note number {i},{i % 5},{i % 2}"
        for i in range(60)]
    path.write_text("\n".join(lines), encoding="utf-8")
    kinds = {c.name: (c.kind, c.role) for c in summary_of(path).columns}
    assert kinds == {"id": ("text", "ignore"), "when": ("date", "ignore"),
                     "same": ("constant", "ignore"), "note": ("text", "ignore"),
                     "x": ("numeric", "numeric"), "label": ("numeric", "label")}


def test_every_problem_of_a_file_at_once_with_its_line_and_column(tmp_path):
    path = tmp_path / "t.csv"
    good = "1,a,x\n2,b,y\n" * 10
    path.write_text("n,c,label\n" + good + "3,a\n4,b,\nabc,a,x\ninf,b,y\n" + good,
                    encoding="utf-8")
    summary = summary_of(path, roles={"gone": "numeric", "c": "weird"})
    where = [(p.line, p.column) for p in summary.problems]
    assert where == [(22, None), (23, "label"), (24, "n"), (25, "n"), (None, "gone"),
                     (None, "c")]
    texts = [str(p.message) for p in summary.problems]
    assert texts[:4] == ["line 22 has 2 cells, the header has 3",
                         "line 23, column 'label': missing value",
                         "line 24, column 'n': 'abc' is not a number",
                         "line 25, column 'n': 'inf' is an infinite value"]
    with pytest.raises(TableRefused) as caught:
        summary.check()
    assert str(caught.value).startswith("6 problems: line 22 has 2 cells")
    assert len(caught.value.problems) == 6


def test_a_single_problem_reads_as_the_old_reader_said_it(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b,label\n1,2,x\n3,abc,y\n" + "5,6,x\n5,6,y\n" * 10, encoding="utf-8")
    with pytest.raises(DataError, match=r"^line 3, column 'b': 'abc' is not a number$"):
        summary_of(path).check()


def test_header_problems_are_listed_together(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,,a,b\n1,2,3,4\n", encoding="utf-8")
    assert [str(p.message) for p in summary_of(path).problems] == [
        "line 1: column 2 of the header has no name", "line 1: the header names column 'a' twice"]


def test_one_class_and_short_classes_are_problems(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,label\n" + "1,same\n" * 10, encoding="utf-8")
    assert "has only one class ('same')" in str(summary_of(path).problems[0].message)
    path.write_text("a,label\n" + "1,x\n" * 10 + "2,y\n", encoding="utf-8")
    assert "class 'y' has 1 row" in str(summary_of(path).problems[0].message)


def test_a_table_with_nothing_to_learn_from_is_a_problem(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,label\n" + "".join(f"{i},{i % 2}\n" for i in range(20)),
                    encoding="utf-8")
    assert "no feature columns" in str(summary_of(path).problems[0].message)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"), (b",,,\n,,\n", "is empty"), (b"a,b\n", "header but no data rows"),
    (b"\x00\x01\x02binary" * 50, "binary file")])
def test_a_file_with_nothing_to_summarise_is_refused(tmp_path, content, message):
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    with pytest.raises(DataError, match=message):
        read_table(path)


def test_roles_override_the_proposed_ones(titanic):
    summary = summary_of(titanic, "Survived", {"Pclass": "categorical", "Sex": "ignore",
                                               "Ticket": "numeric"})
    assert summary.role_of("Pclass") == "categorical" and summary.role_of("Sex") == "ignore"
    # Ticket as numbers: each ticket that is text is named.
    with open(titanic, encoding="utf-8", newline="") as handle:
        texts = [r["Ticket"] for r in csv.DictReader(handle) if not r["Ticket"].isdigit()]
    assert len(summary.problems) == len(texts) > 0
    assert all(p.column == "Ticket" for p in summary.problems)


@pytest.mark.parametrize("labels", [["10", "2", "3", "2", "2.0"], ["b", "a", "B", "a"],
                                    ["-1", "1", "0.5"]])
def test_classes_are_numbered_as_label_encoder_numbers_them(labels):
    y, names = label_classes(labels)
    numeric = all(s.lstrip("-").replace(".", "", 1).isdigit() for s in labels)
    expected = LabelEncoder().fit_transform([float(s) for s in labels] if numeric else labels)
    np.testing.assert_array_equal(y, expected)
    assert len(names) == len(set(expected))
