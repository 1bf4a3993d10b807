"""Reading and summarising a table as a job: its events pickle, a stop is honoured, and the
worker's cache spares a second read when only a role changed."""

from __future__ import annotations

import pickle

import pytest
from titanic_like import write_titanic_like

from ce_desktop.core.data import table_job
from ce_desktop.core.data.columns import read_table, summarise
from ce_desktop.core.data.table_job import SummariseTable, TableSummarised, forget_table
from ce_desktop.core.jobs import Failed, Flags, run_job
from ce_desktop.core.training.run import Loading


@pytest.fixture
def titanic(tmp_path):
    forget_table()
    yield write_titanic_like(tmp_path / "titanic.csv")
    forget_table()


@pytest.fixture
def reads(monkeypatch):
    """How many times the job read a file."""
    count = []

    def counting(*args, **kwargs):
        count.append(args[0])
        return read_table(*args, **kwargs)

    monkeypatch.setattr(table_job, "read_table", counting)
    return count


def run(job) -> list:
    events: list = []
    run_job(job, Flags(), events.append)
    return events


def test_the_job_summarises_and_its_event_pickles(titanic):
    job = SummariseTable.of(str(titanic), "Survived", {"Cabin": "categorical"})
    (event,) = run(pickle.loads(pickle.dumps(job)))
    assert isinstance(event, TableSummarised)
    expected = summarise(read_table(titanic), "Survived", {"Cabin": "categorical"})
    assert event.summary == expected
    assert [t.column for t in event.treatments] == list(expected.header)
    assert event.preview_lines[:3] == (2, 3, 4)
    # The 8th row's name holds a line break: its line number (where the row ends, as the
    # problems count them) is two past the 7th row's.
    assert event.preview_lines[7] == event.preview_lines[6] + 2
    assert event.baseline.nats == pytest.approx(expected.label.baseline_loss)
    assert pickle.loads(pickle.dumps(event)) == event


def test_a_role_change_summarises_the_cached_table_without_reading_again(titanic, reads):
    first = run(SummariseTable.of(str(titanic), "Survived"))[-1]
    second = run(SummariseTable.of(str(titanic), "Survived", {"Sex": "ignore"}))[-1]
    assert len(reads) == 1
    assert first.summary.role_of("Sex") == "categorical"
    assert second.summary.role_of("Sex") == "ignore"
    # A changed file is read again.
    titanic.write_text(titanic.read_text(encoding="utf-8") + "901,1,1,\"X, Mr. Y\",male,30,0,"
                       "0,1,10,,S\n", encoding="utf-8")
    third = run(SummariseTable.of(str(titanic), "Survived"))[-1]
    assert len(reads) == 2 and third.summary.n_rows == first.summary.n_rows + 1


def test_a_large_file_reports_its_progress_and_stops_when_asked(tmp_path):
    forget_table()
    path = tmp_path / "large.csv"
    path.write_text("a,b,label\n" + "".join(f"{i % 97},{i % 13},{i % 2}\n"
                                             for i in range(120_000)), encoding="utf-8")
    events = run(SummariseTable.of(str(path)))
    loading = [e for e in events if isinstance(e, Loading)]
    assert loading and all(e.total == 120_002 for e in loading)
    assert [e.lines for e in loading] == sorted(e.lines for e in loading)
    assert isinstance(events[-1], TableSummarised) and events[-1].summary.n_rows == 120_000
    forget_table()
    flags = Flags()
    flags.stop()
    events = []
    run_job(SummariseTable.of(str(path)), flags, events.append)
    assert isinstance(events[-1], Failed) and not events[-1].internal
    assert str(events[-1].message) == "reading large.csv was stopped"
    forget_table()


def test_a_file_that_cannot_be_read_fails_with_its_reason(tmp_path):
    forget_table()
    path = tmp_path / "binary.csv"
    path.write_bytes(bytes(range(256)) * 20)
    (event,) = run(SummariseTable.of(str(path)))
    assert isinstance(event, Failed) and not event.internal
    (event,) = run(SummariseTable.of(str(tmp_path / "missing.csv")))
    assert isinstance(event, Failed) and "file not found" in str(event.message)


@pytest.mark.process
def test_the_job_runs_in_the_worker_process(titanic):
    from ce_desktop.backend import ProcessRunner

    events: list = []
    ProcessRunner().run(SummariseTable.of(str(titanic), "Survived"), Flags(), events.append)
    assert isinstance(events[-1], TableSummarised)
    assert events[-1].summary.label.counts == summarise(read_table(titanic),
                                                        "Survived").label.counts


def test_the_label_is_proposed_by_its_name_else_the_last_column():
    from ce_desktop.core.data.columns import likely_label

    assert likely_label(["PassengerId", "Survived", "Pclass", "Embarked"]) == "Survived"
    assert likely_label(["x1", "x2", " Class "]) == " Class "
    assert likely_label(["target", "label"]) == "label"  # the list's order decides
    assert likely_label(["a", "b", "kind"]) is None  # summarise() then takes the last
