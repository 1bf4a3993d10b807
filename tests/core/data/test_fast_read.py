"""Tables read by pandas, column by column, hold what the csv-module reader read (the oracle:
the same file through ``_read_table``), report their progress in chunks and stop; an Excel
workbook reads as the same table saved as CSV does."""

from __future__ import annotations

import csv
import os
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from titanic_like import HEADER, rows, write_titanic_like

from ce_desktop.core.data import csv_table
from ce_desktop.core.data.columns import read_table, summarise
from ce_desktop.core.data.csv_table import DataError, LoadCancelled, _read_table
from ce_desktop.core.data.fast_read import Table, read_columns
from ce_desktop.core.data.own_table import load_table


def by_csv_module(path) -> Table:
    header, found = _read_table(path, strict=False)
    return Table(path.name, header, found)


def assert_same_table(table: Table, oracle: Table) -> None:
    assert table.header == oracle.header
    assert table.lines == oracle.lines
    assert table.ragged == oracle.ragged
    for j in range(len(table.header)):
        assert table.column(j) == oracle.column(j), table.header[j]
        values, bad = table.numbers(j)
        expected, expected_bad = oracle.numbers(j)
        np.testing.assert_array_equal(values, expected)
        assert bad == expected_bad


CASES = {
    "plain": "a,b,label\n" + "".join(f"{i},{i / 4},{'xy'[i % 2]}\n" for i in range(30)),
    "blank lines and empty rows": "\n\na,b,label\n1,2,x\n\n3,4,y\n,,\n  \n5,6,x\n,,\n",
    "gaps and missing tokens": "a,b,label\n1,,x\nNA,2,y\n n/a ,3,x\n4,null,y\n5, 6 ,x\n",
    "quoted cells with separators and line breaks": (
        'name,"size, cm",label\n"Smith, John",1.5,x\n"two\nlines",2,"y"\n"say ""hi""",3,x\n'),
    "CRLF": "a,b,label\r\n1,2,x\r\n3,4,y\r\n\r\n5,6,x\r\n",
    "no newline at the end": "a,b,label\n1,2,x\n3,4,y",
    "decimal commas": "a;b;label\n0,5;1;x\n-1,25;2.5;y\n3;1,5e3;yes, sure\n",
    "tabs": "a\tb\tlabel\n1\t2\tx\n3\t4\ty\n",
    "bad cells": "a,b,label\n1,abc,x\ninf,2,y\n1e999,3,x\n-1e308,4,y\n1_000,5,x\n",
    "true and false, huge integers": (
        "a,b,label\nTrue,99999999999999999999999,x\nfalse,2,y\nTRUE,3,x\n"),
    "numbers as labels": "a,b,label\n1,2,10\n3,4,2\n5,6,2.0\n7,8,1\n",
}


def summaries(table: Table, oracle: Table) -> tuple:
    """Both tables' summaries; a column of numbers counts its distinct values as numbers
    ("2" and "2.0" are one, as they are one class), the csv-module reader as text."""
    ours, theirs = summarise(table), summarise(oracle)
    distinct = {c.name: c.distinct for c in ours.columns}
    return ours, replace(theirs, columns=tuple(replace(c, distinct=distinct[c.name])
                                                for c in theirs.columns))


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_pandas_reads_what_the_csv_module_reads(tmp_path, text):
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8", newline="")
    table = read_columns(path, path.read_bytes())
    assert table is not None  # read by pandas, not handed back to the csv-module reader
    assert_same_table(table, by_csv_module(path))
    ours, theirs = summaries(table, by_csv_module(path))
    assert ours == theirs
    if text == CASES["numbers as labels"]:
        assert [c.distinct for c in ours.columns][-1] == len(ours.label.class_names) == 3


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "utf-16", "utf-16-le", "cp1252"])
def test_every_encoding_is_read_by_pandas_as_the_csv_module_reads_it(tmp_path, encoding):
    labels = ["猫", "狗"] if encoding in ("gbk", "utf-16", "utf-16-le", "utf-8-sig") else ["é", "ü"]
    text = "特征,标签\n" if encoding != "cp1252" else "Größe,label\n"
    text += "".join(f"{i / 3:.3f},{labels[i % 2]}\n" for i in range(40))
    path = tmp_path / "data.csv"
    path.write_bytes(text.encode(encoding))
    table = read_columns(path, path.read_bytes())
    assert table is not None
    assert table.values(0) is not None  # a column of numbers is held as values
    assert_same_table(table, by_csv_module(path))


@pytest.mark.parametrize("text", [
    "a,b,label\n1,2,x\n3,4\n5,6,y\n",        # a short row
    "a,b,label\n1,2,x\n3,4,y,z\n5,6,y\n",    # a long one
    "a,a,label\n1,2,x\n",                    # a repeated column
    'a,b,label\n1,2,x\n3,"4,y\n5,6,x\n',       # a quote that never ends
])
def test_a_file_with_a_problem_is_left_to_the_csv_module_reader(tmp_path, text):
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    assert read_columns(path, path.read_bytes()) is None
    assert summarise(read_table(path)) == summarise(by_csv_module(path))


def test_a_chunked_read_reports_progress_and_stops(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_table, "_PROGRESS_LINES", 10)
    path = tmp_path / "data.csv"
    path.write_text("a,b,label\n" + "".join(f"{i},{i * i},{i % 2}\n" for i in range(95)),
                    encoding="utf-8")
    seen: list[tuple[int, int]] = []
    table = read_table(path, progress=lambda done, total: seen.append((done, total)))
    assert table.values(0) is not None  # read by pandas, in chunks of 10 rows
    assert seen == [(n, 97) for n in range(10, 100, 10)]
    asked: list[int] = []
    with pytest.raises(LoadCancelled, match=r"reading data\.csv was stopped"):
        read_table(path, should_stop=lambda: len(asked.append(1) or asked) >= 4)
    assert len(asked) == 4  # stopped after the fourth chunk, not read to the end first


def write_workbook(path, header, table_rows) -> None:
    """The rows in a workbook's first sheet: numbers as numbers, blanks as empty cells."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for cells in table_rows:
        sheet.append([_value(cell) for cell in cells])
    book.create_sheet("other").append(["not", "read"])
    book.save(path)


def _value(cell: str) -> object:
    if cell == "":
        return None
    for kind in (int, float):
        try:
            return kind(cell)
        except ValueError:
            pass
    return cell


def test_a_workbook_with_gaps_and_categories_summarises_and_trains_as_its_csv(tmp_path):
    csv_path = write_titanic_like(tmp_path / "titanic.csv", n=300)
    book = tmp_path / "titanic.xlsx"
    write_workbook(book, HEADER, rows(300))
    from_csv, from_book = (summarise(read_table(p), "Survived") for p in (csv_path, book))
    assert from_book.columns == from_csv.columns
    assert from_book.label == from_csv.label
    assert from_book.problems == from_csv.problems == ()
    assert [c.kind for c in from_book.columns if c.name in ("Sex", "Embarked", "Age")] == [
        "categorical", "numeric", "categorical"]
    a, b = (load_table(p, "Survived", seed=3) for p in (csv_path, book))
    for part in ("X_train", "y_train", "X_val", "y_val", "X_test", "y_test"):
        np.testing.assert_array_equal(getattr(a, part), getattr(b, part))
    assert a.feature_names == b.feature_names and a.class_names == b.class_names


def test_a_workbook_names_the_row_of_a_problem(tmp_path):
    book = tmp_path / "bad.xlsx"
    write_workbook(book, ["a", "b", "label"],
                   [[str(i), "oops" if i == 4 else str(i), "xy"[i % 2]] for i in range(20)])
    summary = summarise(read_table(book))
    assert [str(p.message) for p in summary.problems] == [
        "line 6, column 'b': 'oops' is not a number"]  # the header is row 1: row 6 is i = 4


def test_a_file_named_xlsx_that_is_no_workbook_is_refused(tmp_path):
    book = tmp_path / "fake.xlsx"
    book.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"cannot read fake\.xlsx as an Excel workbook"):
        read_table(book)


def test_a_doubled_bom_and_a_first_name_that_starts_like_one(tmp_path):
    # "ｅ" (U+FF45) is 0xef 0xbd 0x85 in UTF-8: it starts as a BOM does, and is no BOM.
    path = tmp_path / "data.csv"
    rows_text = "".join(f"{i},{'xy'[i % 2]}\n" for i in range(20))
    path.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + ("ｅ,label\n" + rows_text).encode())
    table = read_columns(path, path.read_bytes())
    assert table is not None and table.header == ("ｅ", "label")
    assert_same_table(table, by_csv_module(path))


CELLS = st.one_of(
    st.sampled_from(["", " ", "NA", "nan", "null", "1", "-2.5", " 3 ", "1e5", "inf", "1,5",
                     "0,25", "x", "a b", "True", '"', "a\nb", "é", "猫", "1_0", "+7"]),
    st.text(alphabet=st.sampled_from('ab1.,;\t" -\n'), max_size=5),
)


@settings(max_examples=int(os.environ.get("FAST_READ_EXAMPLES", 60)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.integers(2, 4).flatmap(lambda width: st.lists(
    st.lists(CELLS, min_size=width, max_size=width), min_size=1, max_size=12)),
    st.sampled_from([",", ";", "\t"]), st.booleans())
def test_generated_tables_read_the_same_by_pandas_and_by_the_csv_module(
        tmp_path, table_rows, delimiter, quote_all):
    path = tmp_path / "data.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter,
                            quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
        writer.writerow([f"c{j}" for j in range(len(table_rows[0]))])
        writer.writerows(table_rows)
    try:
        oracle = by_csv_module(path)
    except DataError as refused:
        with pytest.raises(DataError) as ours:
            read_table(path)
        assert str(ours.value) == str(refused)
        return
    assert_same_table(read_table(path), oracle)
