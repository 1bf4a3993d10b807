"""Reading a large table: the app's CSV readers against pandas' and pyarrow's readers.

A CSV of about ``--mb`` MB (default 200) is written once: ``--columns`` numeric feature
columns with six significant digits, and a class column of three labels. Each reader then
runs in a fresh process of its own, and reports

- **time to ready**: from the call to the moment the features are a float64 array and the
  labels integer codes (the app's readers also split and standardise: that is part of their
  "ready"). ``app`` is ``load_csv`` (numbers only); ``app-table`` is ``load_table``, what the
  trainer runs: the table summarised column by column, and scikit-learn's preprocessing
  fitted and applied;
- **peak memory**: the process's peak resident set (``VmHWM``) minus its resident set just
  before the call, so that the imports are not counted.

Baseline, measured in the same run: a process that reads the file's bytes into memory
(``Path.read_bytes``). Printed: each reader's time and peak against the baseline's and the
peak against the file's size. Readers whose library is missing are skipped and say so
(pyarrow is not among the app's requirements: install it into a folder of its own and put
it on ``PYTHONPATH`` to measure it).

    python benchmarks/table_read.py [--mb N] [--columns N] [--repeat N] [--readers A,B] [--json]

Linux only (``/proc/self/status``). Exit code 0 when measured, 2 when a reader fails.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
READERS = ("bytes", "app", "app-table", "pandas", "pandas-pyarrow", "pyarrow")


def _kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} missing from /proc/self/status")


def _reset_peak() -> None:
    """Make VmHWM start from the current resident set (Linux ≥ 4.0)."""
    Path("/proc/self/clear_refs").write_text("5")


def _read(reader: str, path: Path) -> dict[str, float]:
    """Run one reader in this process; its time and peak (MiB above the start)."""
    import numpy as np

    if reader.startswith("app"):
        # What the readers import on first use, imported now: imports are not counted.
        import pandas  # noqa: F401
        import sklearn.compose
        import sklearn.impute
        import sklearn.model_selection
        import sklearn.pipeline
        import sklearn.preprocessing  # noqa: F401
    if reader == "app":
        from ce_desktop.core.data import load_csv

        def read() -> None:
            load_csv(path)
    elif reader == "app-table":
        from ce_desktop.core.data.own_table import load_table

        def read() -> None:
            load_table(path)
    elif reader in ("pandas", "pandas-pyarrow"):
        import pandas as pd

        def read() -> None:
            frame = pd.read_csv(path, engine="pyarrow" if reader == "pandas-pyarrow" else "c")
            frame.iloc[:, :-1].to_numpy(dtype=np.float64)
            pd.factorize(frame.iloc[:, -1])
    elif reader == "pyarrow":
        import pyarrow.compute as pc
        from pyarrow import csv

        def read() -> None:
            table = csv.read_csv(path)
            np.column_stack([table.column(i).to_numpy() for i in range(table.num_columns - 1)])
            pc.dictionary_encode(table.column(table.num_columns - 1))
    else:
        def read() -> None:
            path.read_bytes()
    _reset_peak()
    before = _kib("VmRSS")
    start = time.perf_counter()
    read()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mib": (_kib("VmHWM") - before) / 1024}


def write_table(path: Path, megabytes: float, columns: int) -> None:
    """A CSV of about ``megabytes`` MB: ``columns`` numbers and a class per row."""
    import numpy as np

    rng = np.random.default_rng(0)
    header = ",".join([f"x{i}" for i in range(columns)] + ["label"]) + "\n"
    labels = np.array(["red", "green", "blue"])
    target = megabytes * 1e6
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        written = len(header)
        while written < target:
            block = rng.normal(size=(20_000, columns))
            names = labels[rng.integers(0, 3, 20_000)]
            lines = [",".join(f"{v:.6g}" for v in row) + "," + name + "\n"
                     for row, name in zip(block, names, strict=True)]
            text = "".join(lines)
            out.write(text)
            written += len(text.encode())


def _measure(reader: str, path: Path) -> dict[str, float] | str:
    """One reader in a fresh process: its figures, or why it could not run."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, __file__, "--child", reader, str(path)], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode == 3:
        return done.stdout.strip()
    if done.returncode != 0:
        raise RuntimeError(f"{reader} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--mb", type=float, default=200.0)
    parser.add_argument("--columns", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=2, help="the best of N runs is kept")
    parser.add_argument("--readers", default=",".join(READERS),
                        help="comma-separated, of " + ", ".join(READERS) + " (bytes always)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        reader, path = args.child
        try:
            print(json.dumps(_read(reader, Path(path))))
        except ImportError as missing:
            print(f"skipped: {missing}")
            return 3
        return 0

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.csv"
        write_table(path, args.mb, args.columns)
        size_mib = path.stat().st_size / 2**20
        results: dict[str, dict[str, float] | str] = {}
        try:
            chosen = ["bytes", *(r for r in args.readers.split(",") if r in READERS
                                 and r != "bytes")]
            for reader in chosen:
                runs = [_measure(reader, path) for _ in range(args.repeat)]
                measured = [run for run in runs if isinstance(run, dict)]
                results[reader] = (min(measured, key=lambda run: run["seconds"])
                                   if measured else runs[0])
        except RuntimeError as failure:
            print(failure, file=sys.stderr)
            return 2
    if args.json:
        print(json.dumps({"file_mib": size_mib, "results": results}, indent=2))
        return 0
    base = results["bytes"]
    assert isinstance(base, dict)
    print(f"file: {size_mib:.0f} MiB, {args.columns} numeric columns and a class column; "
          f"best of {args.repeat}")
    print(f"{'reader':<16}{'ready (s)':>10}{'× bytes':>9}{'peak (MiB)':>12}{'× file':>8}")
    for reader, figures in results.items():
        if isinstance(figures, str):
            print(f"{reader:<16}{figures}")
            continue
        print(f"{reader:<16}{figures['seconds']:>10.2f}"
              f"{figures['seconds'] / base['seconds']:>9.1f}"
              f"{figures['peak_mib']:>12.0f}{figures['peak_mib'] / size_mib:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
