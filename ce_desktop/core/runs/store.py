"""The run store: every training run's config, per-epoch history and parameters, in SQLite.

One file in the user data directory holds all runs. A Qt worker thread writes epochs while
the GUI thread reads, so one connection is shared behind a lock; each epoch is committed on
its own, so a crash or a kill loses at most the epoch being written.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import math
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import platformdirs

from ce_desktop.core.files import move_aside
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained, InvalidInput
from ce_desktop.core.training.config import MAX_TEXT
from ce_desktop.core.training.results import EPOCH_FIELDS, STATUSES, RunStatus

SCHEMA_VERSION = 1

_METRIC_FIELDS = EPOCH_FIELDS[1:]
# Fixed byte order, so a store copied between machines reads back the same numbers.
_PARAM_DTYPE = np.dtype("<f4")

_SCHEMA = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    config_json TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    message TEXT,
    test_metrics_json TEXT
);
CREATE TABLE epochs (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    epoch INTEGER NOT NULL,
    train_loss REAL,
    val_loss REAL,
    train_acc REAL,
    val_acc REAL,
    seconds REAL,
    params BLOB,
    PRIMARY KEY (run_id, epoch)
);
"""


class StoreError(Explained, RuntimeError):
    """The file cannot be used as a run store (not one, or written by a newer version)."""


class NotAStoreError(StoreError):
    """The file is not a ce-desktop run store at all: damaged, or another program's."""


CANNOT_OPEN = QT_TRANSLATE_NOOP("core", "cannot open run store {path}: {reason}")


def default_store_path() -> Path:
    """``runs.sqlite`` in the user data directory, whose parent is created if missing."""
    path = platformdirs.user_data_path("ce-desktop", appauthor=False) / "runs.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class RunSummary:
    """One run as the run list shows it: everything but its epochs."""

    id: int
    name: str
    config: dict
    started_at: str
    finished_at: str | None
    status: RunStatus
    message: str | None
    test_metrics: dict | None
    epochs: int


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _json_default(value: Any) -> Any:
    # numpy scalars and arrays (float32 metrics are not float subclasses), paths in configs.
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _to_real(value: Any) -> float | None:
    # SQLite cannot store NaN (it would become NULL anyway); NULL reads back as NaN.
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _from_real(value: float | None) -> float:
    return math.nan if value is None else float(value)


def _finite_or_none(value: Any) -> Any:
    """``value`` with every NaN/±inf float replaced by None, so the result is strict JSON."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {key: _finite_or_none(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite_or_none(item) for item in value]
    return value


def open_or_replace(path: str | os.PathLike | None = None) -> tuple[RunStore, Path | None]:
    """The run store at ``path``; a damaged file is renamed aside (with its WAL and shared
    memory files) and a fresh store opened in its place.

    Returns the store and where the damaged file went (None if nothing was moved). A store
    written by a newer ce-desktop is not touched: StoreError, as from RunStore.
    """
    try:
        return RunStore(path), None
    except NotAStoreError:
        target = Path(path) if path is not None else default_store_path()
        aside = move_aside(target, companions=("-wal", "-shm"))
        return RunStore(target), aside


class RunStore:
    """All training runs in one SQLite file; safe to share between threads."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        if path is None:
            path = default_store_path()
        self.path: Path | None = None if os.fspath(path) == ":memory:" else Path(path)
        self._lock = threading.Lock()
        self._closed = False
        target = ":memory:" if self.path is None else str(self.path)
        try:
            if self.path is not None:
                # `--store new/folder/runs.sqlite` should work like the default location does.
                self.path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: transactions are opened explicitly in _write.
            self._conn = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(CANNOT_OPEN, path=target, reason=exc) from exc
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            not_a_database = (getattr(exc, "sqlite_errorname", None) in ("SQLITE_NOTADB",
                                                                         "SQLITE_CORRUPT")
                              or "not a database" in str(exc) or "malformed" in str(exc))
            if not_a_database:
                raise NotAStoreError(QT_TRANSLATE_NOOP(
                    "core", "{path} is not a ce-desktop run store ({reason})"),
                    path=target, reason=exc) from exc
            raise StoreError(CANNOT_OPEN, path=target, reason=exc) from exc
        except BaseException:
            self._conn.close()
            raise

    def _open(self) -> None:
        conn = self._conn
        self._check_version(conn.execute("PRAGMA user_version").fetchone()[0])
        # A file with damaged pages opens, then fails every later write: find out now, when
        # it can still be moved aside (quick_check reads every page once: 20 ms for 50 MB).
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise NotAStoreError(QT_TRANSLATE_NOOP("core", "{path} is damaged ({reason})"),
                                 path=self._label(), reason="; ".join(problems))
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have created the schema
            # since the first look.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            self._check_version(version)
            if version == 0:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _check_version(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise StoreError(QT_TRANSLATE_NOOP(
                "core", "{path} was written by a newer ce-desktop (run store schema version "
                "{version}; this version reads up to {supported})"),
                path=self._label(), version=version, supported=SCHEMA_VERSION)
        if version == 0:
            tables = self._conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
            if tables:
                raise NotAStoreError(QT_TRANSLATE_NOOP(
                    "core", "{path} is not a ce-desktop run store (a SQLite database with "
                    "other tables)"), path=self._label())

    def _label(self) -> str:
        return ":memory:" if self.path is None else str(self.path)

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._closed:
                raise StoreError(QT_TRANSLATE_NOOP("core", "run store {path} is closed"),
                                 path=self._label())
            yield self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A locked, committed-on-success transaction; a write SQLite refuses (a full disk,
        a read-only or damaged file) raises StoreError with its reason."""
        with self._read() as conn:
            try:
                # IMMEDIATE takes the write lock up front, so a second process waits instead
                # of failing halfway through.
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    # SQLite has already rolled back after some errors (SQLITE_FULL).
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise StoreError(QT_TRANSLATE_NOOP(
                    "core", "could not write to the run store {path}: {reason}"),
                    path=self._label(), reason=exc) from exc

    @staticmethod
    def _require_run(conn: sqlite3.Connection, run_id: int) -> None:
        if conn.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone() is None:
            raise KeyError(f"no run with id {run_id} in the run store")

    # Writing --------------------------------------------------------------------------

    def start_run(self, config: Mapping, name: str | None = None) -> int:
        """Record a new run with status "running" and return its id."""
        config_json = _dumps(dict(config))
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO runs (name, config_json, started_at, status) "
                "VALUES ('', ?, ?, 'running')",
                (config_json, _now()),
            )
            run_id = int(cursor.lastrowid)
            if name is None or not name.strip():
                name = f"run {run_id}"
            conn.execute("UPDATE runs SET name = ? WHERE id = ?", (name, run_id))
        return run_id

    def add_epoch(self, run_id: int, record: Mapping, params: np.ndarray | None = None) -> None:
        """Store one epoch's metrics (and optionally the flat parameter vector), committed."""
        missing = [field for field in EPOCH_FIELDS if field not in record]
        if missing:
            raise ValueError(f"epoch record lacks {', '.join(missing)}")
        values = [int(record["epoch"])] + [_to_real(record[field]) for field in _METRIC_FIELDS]
        blob = None
        if params is not None:
            blob = np.ascontiguousarray(np.asarray(params).reshape(-1), dtype=_PARAM_DTYPE)
            blob = blob.tobytes()
        with self._write() as conn:
            self._require_run(conn, run_id)
            try:
                conn.execute(
                    "INSERT INTO epochs (run_id, epoch, train_loss, val_loss, train_acc, "
                    "val_acc, seconds, params) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (run_id, *values, blob),
                )
            except sqlite3.IntegrityError as exc:
                raise ValueError(f"run {run_id} already has epoch {values[0]}") from exc

    def finish_run(
        self,
        run_id: int,
        status: RunStatus,
        test_metrics: Mapping | None = None,
        message: str | None = None,
    ) -> None:
        """Mark a run "finished", "stopped" or "failed", with its test metrics if any."""
        if status not in STATUSES or status == "running":
            raise ValueError(f"a run cannot finish with status {status!r}; use one of "
                             "'finished', 'stopped', 'failed'")
        metrics_json = None if test_metrics is None else _dumps(dict(test_metrics))
        with self._write() as conn:
            self._require_run(conn, run_id)
            conn.execute(
                "UPDATE runs SET status = ?, finished_at = ?, test_metrics_json = ?, "
                "message = ? WHERE id = ?",
                (status, _now(), metrics_json, message, run_id),
            )

    def rename_run(self, run_id: int, name: str) -> None:
        if not name.strip():
            raise ValueError("a run name cannot be empty")
        if len(name) > MAX_TEXT:  # a huge name slowed every later start of the window
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "core", "a run name is at most {n} characters"), n=MAX_TEXT)
        with self._write() as conn:
            self._require_run(conn, run_id)
            conn.execute("UPDATE runs SET name = ? WHERE id = ?", (name, run_id))

    def delete_run(self, run_id: int) -> None:
        """Delete a run and, by cascade, its epochs."""
        with self._write() as conn:
            self._require_run(conn, run_id)
            conn.execute("DELETE FROM runs WHERE id = ?", (run_id,))

    # Reading --------------------------------------------------------------------------

    _SUMMARY_SQL = (
        "SELECT r.id, r.name, r.config_json, r.started_at, r.finished_at, r.status, "
        "r.message, r.test_metrics_json, "
        "(SELECT count(*) FROM epochs e WHERE e.run_id = r.id) FROM runs r"
    )

    @staticmethod
    def _summary(row: tuple) -> RunSummary:
        run_id, name, config, started, finished, status, message, metrics, n_epochs = row
        return RunSummary(
            id=run_id,
            name=name,
            config=json.loads(config),
            started_at=started,
            finished_at=finished,
            status=status,
            message=message,
            test_metrics=None if metrics is None else json.loads(metrics),
            epochs=n_epochs,
        )

    def runs(self) -> list[RunSummary]:
        """All runs, newest first."""
        # Ids only grow (AUTOINCREMENT), so they order runs by creation even if the clock jumps.
        with self._read() as conn:
            rows = conn.execute(self._SUMMARY_SQL + " ORDER BY r.id DESC").fetchall()
        return [self._summary(row) for row in rows]

    def run(self, run_id: int) -> RunSummary:
        with self._read() as conn:
            row = conn.execute(self._SUMMARY_SQL + " WHERE r.id = ?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(f"no run with id {run_id} in the run store")
        return self._summary(row)

    def _rows_of_run(self, run_id: int, sql: str) -> list[tuple]:
        """The rows ``sql`` selects for the run (its one ``?``); KeyError if there is none."""
        with self._read() as conn:
            self._require_run(conn, run_id)
            return conn.execute(sql, (run_id,)).fetchall()

    def epochs(self, run_id: int) -> list[dict]:
        """The run's epoch records (keys ``EPOCH_FIELDS``), ordered by epoch."""
        rows = self._rows_of_run(
            run_id,
            "SELECT epoch, train_loss, val_loss, train_acc, val_acc, seconds FROM epochs "
            "WHERE run_id = ? ORDER BY epoch",
        )
        return [
            {"epoch": row[0],
             **{f: _from_real(v) for f, v in zip(_METRIC_FIELDS, row[1:], strict=True)}}
            for row in rows
        ]

    def parameters(self, run_id: int) -> np.ndarray:
        """Stored parameter vectors, one row per epoch that has them; ``(0, 0)`` if none."""
        rows = self._rows_of_run(
            run_id,
            "SELECT epoch, params FROM epochs WHERE run_id = ? AND params IS NOT NULL "
            "ORDER BY epoch",
        )
        if not rows:
            return np.empty((0, 0), dtype=np.float32)
        vectors = [np.frombuffer(blob, dtype=_PARAM_DTYPE) for _, blob in rows]
        sizes = {vector.size for vector in vectors}
        if len(sizes) > 1:
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "core", "run {run} stores parameter vectors of different lengths {sizes}"),
                run=run_id, sizes=sorted(sizes))
        return np.stack(vectors).astype(np.float32)

    # Export ---------------------------------------------------------------------------

    def export_csv(self, run_id: int, path: str | os.PathLike) -> Path:
        """Write the run's epochs as CSV (header ``EPOCH_FIELDS``) and return the path."""
        path = Path(path)
        records = self.epochs(run_id)
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=EPOCH_FIELDS)
            writer.writeheader()
            writer.writerows(records)
        return path

    def export_json(self, run_id: int, path: str | os.PathLike) -> Path:
        """Write the run's summary and epochs as JSON and return the path.

        NaN and ±inf become ``null``: the file is strict JSON, which other tools can read.
        """
        path = Path(path)
        summary = self.run(run_id)
        records = self.epochs(run_id)
        document = _finite_or_none({"run": dataclasses.asdict(summary), "epochs": records})
        text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
        path.write_text(text + "\n", encoding="utf-8")
        return path

    # Lifetime -------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._conn.close()

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
