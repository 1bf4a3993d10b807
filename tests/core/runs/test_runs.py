"""The SQLite run store: round trips, exports, bad files, threads and a killed writer."""

import csv
import json
import math
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import numpy as np
import platformdirs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ce_desktop.core.runs import store as runs
from ce_desktop.core.runs.store import EPOCH_FIELDS, RunStore, RunSummary, StoreError

REPO = Path(__file__).resolve().parents[3]

CONFIG = {
    "name": "教程复现",
    "dataset": "tutorial",
    "csv_path": "/home/学生/数据/样本.csv",
    "hidden": [20, 10, 10],
    "lr": 0.001,
    "epochs": 20,
}


def record(epoch: int, **overrides: float) -> dict:
    values = {
        "epoch": epoch,
        "train_loss": 0.7 / (epoch + 1),
        "val_loss": 0.8 / (epoch + 1),
        "train_acc": 0.5 + epoch / 100,
        "val_acc": 0.45 + epoch / 100,
        "seconds": 0.25 * (epoch + 1),
    }
    values.update(overrides)
    return values


def params_for(epoch: int, size: int = 7) -> np.ndarray:
    return np.linspace(-1.0, 1.0, size, dtype=np.float32) * (epoch + 1) + np.float32(0.1)


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "runs.sqlite"


@pytest.fixture
def store(store_path):
    with RunStore(store_path) as opened:
        yield opened


def assert_epochs_equal(actual: list[dict], expected: list[dict]) -> None:
    """Equal field by field, NaN equal to NaN."""
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected, strict=True):
        assert list(got) == list(EPOCH_FIELDS)
        assert got["epoch"] == want["epoch"]
        for field in EPOCH_FIELDS[1:]:
            if math.isnan(want[field]):
                assert math.isnan(got[field]), field
            else:
                assert got[field] == want[field], field


# Round trips ----------------------------------------------------------------------------


def test_run_epochs_and_parameters_round_trip(store_path):
    expected = [record(epoch) for epoch in range(1, 6)]
    with RunStore(store_path) as store:
        run_id = store.start_run(CONFIG, name="第一次 run")
        for rec in expected:
            store.add_epoch(run_id, rec, params=params_for(rec["epoch"]))
        store.finish_run(run_id, "finished",
                         test_metrics={"test_loss": 0.31, "test_acc": 0.875, "test_auc": 0.93})

    # A fresh store on the same file sees everything the first one wrote.
    with RunStore(store_path) as store:
        summary = store.run(run_id)
        assert summary.id == run_id
        assert summary.name == "第一次 run"
        assert summary.config == CONFIG
        assert summary.status == "finished"
        assert summary.message is None
        assert summary.test_metrics == {"test_loss": 0.31, "test_acc": 0.875, "test_auc": 0.93}
        assert summary.epochs == 5
        assert summary.finished_at is not None
        assert summary.finished_at >= summary.started_at
        assert summary.started_at.endswith("+00:00")
        assert_epochs_equal(store.epochs(run_id), expected)
        stored = store.parameters(run_id)
        assert stored.dtype == np.float32
        np.testing.assert_array_equal(stored, np.stack([params_for(e) for e in range(1, 6)]))
        assert store.runs() == [summary]


def test_started_run_has_defaults(store):
    run_id = store.start_run({"lr": 0.01})
    summary = store.run(run_id)
    assert summary.name == f"run {run_id}"
    assert summary.status == "running"
    assert summary.finished_at is None
    assert summary.message is None
    assert summary.test_metrics is None
    assert summary.epochs == 0
    assert store.epochs(run_id) == []
    assert store.parameters(run_id).shape == (0, 0)
    assert store.parameters(run_id).dtype == np.float32


def test_stopped_and_failed_runs_keep_their_message(store):
    stopped = store.start_run({})
    failed = store.start_run({})
    store.finish_run(stopped, "stopped", message="stopped by the user")
    store.finish_run(failed, "failed", message="loss became NaN at epoch 3, batch 17")
    assert (store.run(stopped).status, store.run(stopped).message) == (
        "stopped", "stopped by the user")
    assert (store.run(failed).status, store.run(failed).message) == (
        "failed", "loss became NaN at epoch 3, batch 17")
    assert store.run(failed).test_metrics is None


def test_parameters_only_for_epochs_that_stored_them(store):
    run_id = store.start_run({})
    store.add_epoch(run_id, record(1), params=params_for(1))
    store.add_epoch(run_id, record(2))
    store.add_epoch(run_id, record(3), params=params_for(3).astype(np.float64))
    np.testing.assert_array_equal(store.parameters(run_id), np.stack([params_for(1),
                                                                      params_for(3)]))
    assert store.run(run_id).epochs == 3


def test_epochs_come_back_ordered_and_extra_keys_are_ignored(store):
    run_id = store.start_run({})
    for epoch in (3, 1, 2):
        store.add_epoch(run_id, {**record(epoch), "params": [1, 2], "note": "x"},
                        params=params_for(epoch))
    assert [rec["epoch"] for rec in store.epochs(run_id)] == [1, 2, 3]
    assert set(store.epochs(run_id)[0]) == set(EPOCH_FIELDS)
    np.testing.assert_array_equal(store.parameters(run_id)[:, -1],
                                  [params_for(e)[-1] for e in (1, 2, 3)])


def test_numpy_scalars_are_accepted(store):
    run_id = store.start_run({"lr": np.float32(0.5), "hidden": np.array([4, 2])})
    store.add_epoch(run_id, {field: np.float32(1.5) for field in EPOCH_FIELDS}
                    | {"epoch": np.int64(1)})
    store.finish_run(run_id, "finished", test_metrics={"test_acc": np.float32(0.75)})
    summary = store.run(run_id)
    assert summary.config == {"lr": 0.5, "hidden": [4, 2]}
    assert summary.test_metrics == {"test_acc": 0.75}
    assert store.epochs(run_id)[0] == {"epoch": 1, "train_loss": 1.5, "val_loss": 1.5,
                                       "train_acc": 1.5, "val_acc": 1.5, "seconds": 1.5}


def test_runs_are_listed_newest_first(store):
    ids = [store.start_run({"i": i}, name=f"r{i}") for i in range(4)]
    assert [summary.id for summary in store.runs()] == ids[::-1]
    assert [summary.name for summary in store.runs()] == ["r3", "r2", "r1", "r0"]
    assert all(isinstance(summary, RunSummary) for summary in store.runs())


def test_rename(store):
    run_id = store.start_run(CONFIG)
    store.rename_run(run_id, "学习率 0.001 · Adam")
    assert store.run(run_id).name == "学习率 0.001 · Adam"
    with pytest.raises(ValueError, match="empty"):
        store.rename_run(run_id, "  ")
    with pytest.raises(ValueError, match="at most 1000 characters"):
        store.rename_run(run_id, "x" * 100_000_000)


def test_delete_cascades_to_epochs(store, store_path):
    keep = store.start_run({})
    gone = store.start_run({})
    for epoch in range(1, 4):
        store.add_epoch(keep, record(epoch), params=params_for(epoch))
        store.add_epoch(gone, record(epoch), params=params_for(epoch))
    store.delete_run(gone)

    assert [summary.id for summary in store.runs()] == [keep]
    with pytest.raises(KeyError):
        store.run(gone)
    with sqlite3.connect(store_path) as raw:
        counts = dict(raw.execute("SELECT run_id, count(*) FROM epochs GROUP BY run_id"))
    assert counts == {keep: 3}
    assert store.run(keep).epochs == 3


def test_deleted_ids_are_not_reused(store):
    first = store.start_run({})
    second = store.start_run({})
    store.delete_run(second)
    third = store.start_run({})
    assert third not in (first, second)


# Non-finite values ----------------------------------------------------------------------


def test_inf_and_nan_round_trip(store):
    run_id = store.start_run({})
    expected = [
        record(1, train_loss=math.inf, val_loss=math.nan),
        record(2, train_loss=math.nan, val_loss=-math.inf, train_acc=math.nan),
    ]
    for rec in expected:
        store.add_epoch(run_id, rec, params=np.array([np.inf, np.nan, -0.0], np.float32))
    got = store.epochs(run_id)
    assert_epochs_equal(got, expected)
    assert got[0]["train_loss"] == math.inf
    assert got[1]["val_loss"] == -math.inf
    params = store.parameters(run_id)
    assert params[0, 0] == np.inf and np.isnan(params[0, 1])


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=5, max_size=5))
def test_any_float_metric_round_trips(values):
    with RunStore(":memory:") as store:
        run_id = store.start_run({})
        rec = dict(zip(EPOCH_FIELDS, [7, *values], strict=True))
        store.add_epoch(run_id, rec)
        assert_epochs_equal(store.epochs(run_id), [rec])


def test_nan_test_metric_round_trips(store):
    run_id = store.start_run({})
    store.finish_run(run_id, "finished", test_metrics={"test_auc": math.nan, "test_loss": 0.5})
    metrics = store.run(run_id).test_metrics
    assert math.isnan(metrics["test_auc"]) and metrics["test_loss"] == 0.5


# Exports --------------------------------------------------------------------------------


def test_csv_export_parses_back_to_the_epochs(store, tmp_path):
    run_id = store.start_run(CONFIG)
    for epoch in range(1, 4):
        store.add_epoch(run_id, record(epoch, val_loss=math.inf if epoch == 2 else 0.1 / 3))
    store.add_epoch(run_id, record(4, train_loss=math.nan))

    out = store.export_csv(run_id, tmp_path / "历史.csv")
    assert out == tmp_path / "历史.csv"
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(EPOCH_FIELDS)
    parsed = [{"epoch": int(row[0]), **{f: float(v) for f, v in
                                         zip(EPOCH_FIELDS[1:], row[1:], strict=True)}}
              for row in rows[1:]]
    assert_epochs_equal(parsed, store.epochs(run_id))


def test_json_export_parses_back(store, tmp_path):
    run_id = store.start_run(CONFIG, name="导出")
    store.add_epoch(run_id, record(1))
    store.add_epoch(run_id, record(2, val_loss=math.inf, train_loss=math.nan))
    store.finish_run(run_id, "stopped", test_metrics={"test_loss": 0.4}, message="停止")

    out = store.export_json(run_id, str(tmp_path / "run.json"))
    assert out == tmp_path / "run.json"
    text = out.read_text(encoding="utf-8")
    assert "导出" in text  # written as UTF-8, not \u escapes
    assert text.startswith('{\n  "run": {')  # indent 2
    document = json.loads(text)
    summary = store.run(run_id)
    assert document["run"] == {
        "id": run_id, "name": "导出", "config": CONFIG, "started_at": summary.started_at,
        "finished_at": summary.finished_at, "status": "stopped", "message": "停止",
        "test_metrics": {"test_loss": 0.4}, "epochs": 2,
    }
    assert document["epochs"][0] == record(1)
    # Strict JSON: non-finite numbers are written as null.
    assert document["epochs"][1] == record(2, val_loss=None, train_loss=None)


# Errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("call", [
    lambda store: store.run(999),
    lambda store: store.epochs(999),
    lambda store: store.parameters(999),
    lambda store: store.add_epoch(999, record(1)),
    lambda store: store.finish_run(999, "finished"),
    lambda store: store.rename_run(999, "x"),
    lambda store: store.delete_run(999),
    lambda store: store.export_csv(999, os.devnull),
])
def test_unknown_run_raises_key_error(store, call):
    store.start_run({})
    with pytest.raises(KeyError, match="no run with id 999"):
        call(store)


def test_bad_epoch_records_and_statuses_raise_value_error(store):
    run_id = store.start_run({})
    store.add_epoch(run_id, record(1))
    with pytest.raises(ValueError, match="already has epoch 1"):
        store.add_epoch(run_id, record(1))
    with pytest.raises(ValueError, match="val_acc, seconds"):
        store.add_epoch(run_id, {"epoch": 2, "train_loss": 1, "val_loss": 1, "train_acc": 0})
    with pytest.raises(ValueError, match="status 'done'"):
        store.finish_run(run_id, "done")
    with pytest.raises(ValueError, match="status 'running'"):
        store.finish_run(run_id, "running")
    assert store.epochs(run_id) == [record(1)]
    assert store.run(run_id).status == "running"


def test_random_bytes_are_not_a_run_store(tmp_path):
    path = tmp_path / "garbage.sqlite"
    path.write_bytes(random.Random(0).randbytes(8192))
    with pytest.raises(StoreError, match="is not a ce-desktop run store") as info:
        RunStore(path)
    assert str(path) in str(info.value)


def test_text_file_is_not_a_run_store(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("这不是数据库\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError, match="is not a ce-desktop run store") as info:
        RunStore(path)
    assert str(path) in str(info.value)
    assert path.read_text(encoding="utf-8") == "这不是数据库\n" * 200


def test_another_programs_database_is_not_a_run_store(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE runs (x)")
    raw.close()
    with pytest.raises(StoreError, match="is not a ce-desktop run store") as info:
        RunStore(path)
    assert str(path) in str(info.value)


def test_newer_schema_version_is_refused(store_path):
    RunStore(store_path).close()
    raw = sqlite3.connect(store_path)
    raw.execute(f"PRAGMA user_version = {runs.SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(StoreError, match="newer ce-desktop") as info:
        RunStore(store_path)
    assert str(store_path) in str(info.value)
    assert isinstance(info.value, RuntimeError)


def test_a_damaged_store_is_moved_aside_and_a_fresh_one_opened(tmp_path):
    path = tmp_path / "runs.sqlite"
    garbage = random.Random(1).randbytes(8192)
    path.write_bytes(garbage)
    store, moved = runs.open_or_replace(path)
    try:
        assert moved is not None and moved.name.startswith("runs.sqlite.damaged-")
        assert moved.read_bytes() == garbage
        run_id = store.start_run({"epochs": 1})
        assert [run.id for run in store.runs()] == [run_id]
    finally:
        store.close()
    # The next start finds a healthy store and moves nothing.
    again, moved_again = runs.open_or_replace(path)
    again.close()
    assert moved_again is None


def _record(epoch):
    return {"epoch": epoch, "train_loss": 1.0, "val_loss": 1.0, "train_acc": 0.5,
            "val_acc": 0.5, "seconds": 0.1}


def _fill_store(path, runs_count=40):
    with RunStore(path) as store:
        for i in range(runs_count):
            run_id = store.start_run({"epochs": i})
            store.add_epoch(run_id, _record(1), np.zeros(2000, np.float32))


def test_a_store_with_damaged_pages_is_found_at_open_and_moved_aside(tmp_path):
    path = tmp_path / "runs.sqlite"
    _fill_store(path)
    data = bytearray(path.read_bytes())
    noise = random.Random(2)
    for page in range(2, len(data) // 4096):  # the header page stays intact: it opens
        data[page * 4096 + 100:page * 4096 + 400] = noise.randbytes(300)
    path.write_bytes(bytes(data))
    with pytest.raises(runs.NotAStoreError, match="is damaged"):
        RunStore(path)
    store, moved = runs.open_or_replace(path)
    try:
        assert moved is not None and moved.read_bytes() == bytes(data)
        run_id = store.start_run({"epochs": 1})
        store.add_epoch(run_id, _record(1), np.zeros(2000, np.float32))
        assert [run.epochs for run in store.runs()] == [1]
    finally:
        store.close()


def _full_after_this(store):
    """Let the store's file grow no further (as on a full disk)."""
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_gives_the_reason_and_keeps_what_was_written(store_path):
    with RunStore(store_path) as store:
        run_id = store.start_run({"epochs": 3})
        store.add_epoch(run_id, _record(1), np.zeros(4000, np.float32))
        _full_after_this(store)
        with pytest.raises(StoreError, match=r"could not write to the run store .*full"):
            store.add_epoch(run_id, _record(2), np.zeros(4000, np.float32))
        assert [e["epoch"] for e in store.epochs(run_id)] == [1]


def test_a_failing_write_ends_the_recording_not_the_run(store_path):
    from ce_desktop.core.runs.recorder import RunRecorder, RunResult
    from ce_desktop.core.training.config import TrainConfig
    from ce_desktop.core.training.results import EpochRecord
    from ce_desktop.core.training.run import Ended, Epoch, Started

    def epoch(n):
        return Epoch(EpochRecord(n, 1.0, 1.0, 0.5, 0.5, 0.1, np.zeros(4000, np.float32)))

    with RunStore(store_path) as store:
        recorder = RunRecorder(TrainConfig(), store)
        recorder.record(Started(3, 10, 0.69, ("a", "b"), False))
        recorder.record(epoch(1))
        # The file may not grow, but an update in place still fits: the run is marked.
        _full_after_this(store)
        for n in (2, 3):
            assert isinstance(recorder.record(epoch(n)), Epoch)  # the run goes on
        result = recorder.record(Ended("finished", None, None, None))
        assert isinstance(result, RunResult) and result.status == "finished"
        assert "not saved beyond epoch 1" in result.store_problem
        assert "full" in result.store_problem
        (run,) = store.runs()
        assert run.status == "failed" and run.epochs == 1
        assert "not saved beyond epoch 1" in run.message


def test_a_store_from_a_newer_version_is_not_moved(store_path):
    RunStore(store_path).close()
    raw = sqlite3.connect(store_path)
    raw.execute(f"PRAGMA user_version = {runs.SCHEMA_VERSION + 1}")
    raw.close()
    before = sorted(p.name for p in store_path.parent.iterdir())
    with pytest.raises(StoreError, match="newer ce-desktop"):
        runs.open_or_replace(store_path)
    assert sorted(p.name for p in store_path.parent.iterdir()) == before


def test_store_settings(store, store_path):
    with sqlite3.connect(store_path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == runs.SCHEMA_VERSION
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_closed_store_refuses_work(store_path):
    with RunStore(store_path) as store:
        run_id = store.start_run({})
    store.close()  # closing twice is harmless
    with pytest.raises(StoreError, match="closed"):
        store.run(run_id)
    with RunStore(store_path) as reopened:
        assert reopened.run(run_id).status == "running"


# Threads and processes ------------------------------------------------------------------


def test_writer_thread_and_gui_thread(store):
    run_id = store.start_run({})
    n_epochs = 150
    errors: list[BaseException] = []
    done = threading.Event()
    seen_counts: list[int] = []

    def writer() -> None:
        try:
            for epoch in range(n_epochs):
                store.add_epoch(run_id, record(epoch), params=params_for(epoch))
        except BaseException as exc:
            errors.append(exc)
        finally:
            done.set()

    def reader() -> None:
        try:
            while True:
                finished = done.is_set()
                records = store.epochs(run_id)
                assert [rec["epoch"] for rec in records] == list(range(len(records)))
                params = store.parameters(run_id)
                assert params.shape[0] >= len(records)
                assert store.runs()[0].epochs >= len(records)
                # The GUI thread also writes now and then (a rename) while epochs arrive.
                store.rename_run(run_id, f"seen {len(records)}")
                seen_counts.append(len(records))
                if finished:
                    return
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert seen_counts == sorted(seen_counts)
    assert seen_counts[-1] == n_epochs
    assert store.run(run_id).epochs == n_epochs
    assert store.parameters(run_id).shape == (n_epochs, 7)
    assert store.run(run_id).name == f"seen {n_epochs}"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL does not exist on Windows")
@pytest.mark.process
def test_epochs_survive_sigkill(store_path):
    child = textwrap.dedent("""
        import sys, time
        import numpy as np
        from ce_desktop.core.runs.store import RunStore

        store = RunStore(sys.argv[1])
        run_id = store.start_run({"lr": 0.001}, name="被杀")
        for epoch in (1, 2, 3):
            store.add_epoch(run_id, {"epoch": epoch, "train_loss": 1 / epoch,
                                     "val_loss": 2 / epoch, "train_acc": 0.5, "val_acc": 0.5,
                                     "seconds": 0.1}, params=np.full(4, epoch, np.float32))
        print("ready", run_id, flush=True)
        time.sleep(600)
    """)
    process = subprocess.Popen(
        [sys.executable, "-c", child, str(store_path)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = process.stdout.readline()
    finally:
        process.send_signal(signal.SIGKILL)
        _, stderr = process.communicate()
    assert line.startswith("ready"), stderr
    assert process.returncode == -signal.SIGKILL
    run_id = int(line.split()[1])

    with RunStore(store_path) as store:
        summary = store.run(run_id)
        assert summary.status == "running"
        assert summary.name == "被杀"
        assert summary.epochs == 3
        records = store.epochs(run_id)
        assert [rec["epoch"] for rec in records] == [1, 2, 3]
        assert [rec["val_loss"] for rec in records] == [2.0, 1.0, 2 / 3]
        np.testing.assert_array_equal(store.parameters(run_id),
                                      np.repeat([[1], [2], [3]], 4, axis=1).astype(np.float32))


# Location -------------------------------------------------------------------------------


def test_default_store_path_comes_from_platformdirs(tmp_path, monkeypatch):
    calls = []

    def fake_user_data_path(appname, appauthor=None, **kwargs):
        calls.append((appname, appauthor))
        return tmp_path / "data" / appname

    monkeypatch.setattr(platformdirs, "user_data_path", fake_user_data_path)
    path = runs.default_store_path()
    assert path == tmp_path / "data" / "ce-desktop" / "runs.sqlite"
    assert path.parent.is_dir()
    assert calls == [("ce-desktop", False)]

    with RunStore() as store:
        store.start_run({})
        assert store.path == path
    assert path.is_file()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_DATA_HOME is Linux's")
@pytest.mark.process
def test_default_store_path_honours_xdg_data_home(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"))
    out = subprocess.run(
        [sys.executable, "-c",
         "from ce_desktop.core.runs.store import default_store_path; print(default_store_path())"],
        cwd=REPO, env=env, capture_output=True, text=True, check=True,
    ).stdout
    assert Path(out.strip()) == tmp_path / "xdg" / "ce-desktop" / "runs.sqlite"
    assert (tmp_path / "xdg" / "ce-desktop").is_dir()
