"""Start-up benchmark: how much slower the app opens than a bare ``QMainWindow``.

Measures the wall time from just before a child process is started to the moment it prints
``window-shown`` on stdout, i.e. once the shown window has been painted. The real app
(``python -m ce_desktop --exit-after-shown``) is timed against a bare ``QMainWindow`` started
the same way, alternately, in the same run. Shared machines are noisy, so absolute times mean
little; the figure that counts is the ratio of the two medians (target <= 1.5).

The app shows its window before it builds the tabs (which import pyqtgraph and numpy), then
prints ``content-ready`` once the tab on screen is built and painted (usable), and
``tabs-built`` once the tabs behind it are built too; both milestones are reported, as ratios
against the same baseline, so the deferred work is measured rather than hidden.

It also reports whether the heavy modules ``torch`` and ``sklearn`` are loaded once the main
window is up, since importing either at start-up costs more than everything else together.

Run it (from any directory)::

    python benchmarks/startup.py [--runs N] [--json] [--target RATIO]

Children use ``QT_QPA_PLATFORM=offscreen`` unless the caller has set ``QT_QPA_PLATFORM``.
Exit code: 0 when ratio <= target, 1 when above, 2 when a child fails or times out.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

# Children run from the repository root so ``ce_desktop`` imports even without an install.
REPO_ROOT = Path(__file__).resolve().parent.parent
SHOWN_LINE = "window-shown"
READY_LINE = "content-ready"
BUILT_LINE = "tabs-built"
TIMEOUT_S = 60.0
HEAVY_MODULES = ("torch", "sklearn")

APP_CMD = [sys.executable, "-m", "ce_desktop", "--exit-after-shown"]

# What run_gui(exit_after_shown=True) does, minus the app: the app's default window size,
# show(), one processEvents() to paint it, the same flushed line, then the event loop.
BASELINE_CODE = (
    "import sys; "
    "from PySide6.QtWidgets import QApplication, QMainWindow; "
    "from PySide6.QtCore import QTimer; "
    "app = QApplication(sys.argv[:1]); "
    "w = QMainWindow(); w.resize(1440, 900); w.show(); app.processEvents(); "
    "print('window-shown', flush=True); "
    "QTimer.singleShot(0, w.close); "
    "app.exec()"
)
BASELINE_CMD = [sys.executable, "-c", BASELINE_CODE]

# Builds and shows the window the way run_gui does, then lists the heavy modules loaded by
# then. A separate child, so the timed app runs are not instrumented in any way.
HEAVY_PROBE_CODE = (
    "import json, sys; "
    "from ce_desktop.ui.app import MainWindow, create_application; "
    "app = create_application(); w = MainWindow(build_tabs=False); w.show(); "
    "app.processEvents(); w.build_tabs(); "
    "[app.processEvents() for _ in range(3)]; "
    f"print(json.dumps(sorted(m for m in {HEAVY_MODULES!r} if m in sys.modules)), flush=True); "
    "w.close()"
)


class ChildFailed(RuntimeError):
    """A child process exited non-zero, timed out or never reported its window."""


def child_env() -> dict[str, str]:
    """The environment for every child: offscreen Qt unless the caller chose a platform, and
    bytecode cached as an installed app has it."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # An installed app reads its modules' cached bytecode; without this the app's own modules
    # would be compiled from source on every timed start (the warm-up writes the cache).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _stderr_tail(stderr_file: IO[str]) -> str:
    """The last part of a child's captured stderr, for error messages."""
    stderr_file.seek(0)
    tail = stderr_file.read()[-2000:].strip()
    return f"\n--- stderr (tail) ---\n{tail}" if tail else " (stderr empty)"


def _pump_lines(stream: IO[str], lines: queue.Queue[tuple[float, str] | None]) -> None:
    """Forward each stdout line with its arrival time; ``None`` marks end of file."""
    for line in stream:
        # Stamped here, as the line is read, so the main thread's wake-up delay is not counted.
        lines.put((time.perf_counter(), line.rstrip("\r\n")))
    lines.put(None)


def time_to_lines(name: str, cmd: Sequence[str], last_line: str) -> dict[str, float]:
    """Seconds from just before starting ``cmd`` to each line it prints, up to ``last_line``.

    Then waits for the child to exit, and raises ChildFailed if it exits non-zero or does not
    print ``last_line`` within TIMEOUT_S.
    """
    # stderr goes to a file, not a pipe: a chatty child (Qt warnings) can never block on it.
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as stderr_file:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd),
            cwd=REPO_ROOT,
            env=child_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr_file,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        assert proc.stdout is not None
        lines: queue.Queue[tuple[float, str] | None] = queue.Queue()
        # A thread rather than select(): pipes are not selectable on Windows.
        reader = threading.Thread(target=_pump_lines, args=(proc.stdout, lines), daemon=True)
        reader.start()
        deadline = start + TIMEOUT_S
        seen: dict[str, float] = {}
        try:
            while last_line not in seen:
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    raise ChildFailed(f"{name}: no '{last_line}' within {TIMEOUT_S:.0f} s")
                try:
                    item = lines.get(timeout=remaining)
                except queue.Empty:
                    continue
                if item is None:
                    # stdout closed without the line: the child died or never showed a window.
                    try:
                        code = proc.wait(timeout=max(deadline - time.perf_counter(), 1.0))
                    except subprocess.TimeoutExpired:
                        code = None
                    raise ChildFailed(
                        f"{name}: closed stdout (exit code {code}) without printing '{last_line}'"
                    )
                seen.setdefault(item[1], item[0] - start)
            try:
                returncode = proc.wait(timeout=max(deadline - time.perf_counter(), 5.0))
            except subprocess.TimeoutExpired:
                raise ChildFailed(f"{name}: did not exit after '{last_line}'") from None
            if returncode != 0:
                raise ChildFailed(f"{name}: exited with code {returncode} after '{last_line}'")
        except ChildFailed as exc:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            raise ChildFailed(f"{exc}\ncommand: {list(cmd)!r}{_stderr_tail(stderr_file)}") from None
        finally:
            reader.join(timeout=5.0)
            proc.stdout.close()
    return seen


def heavy_modules_loaded() -> list[str]:
    """Which of HEAVY_MODULES are imported once the app's main window has been shown."""
    try:
        result = subprocess.run(
            [sys.executable, "-c", HEAVY_PROBE_CODE],
            cwd=REPO_ROOT,
            env=child_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        raise ChildFailed(f"heavy-module probe: no answer within {TIMEOUT_S:.0f} s") from None
    if result.returncode != 0:
        raise ChildFailed(
            f"heavy-module probe: exited with code {result.returncode}\n"
            f"--- stderr (tail) ---\n{result.stderr[-2000:].strip()}"
        )
    # The list is the last line; anything the app printed before it is ignored.
    last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    try:
        loaded = json.loads(last)
    except json.JSONDecodeError:
        raise ChildFailed(f"heavy-module probe: unexpected output {result.stdout!r}") from None
    return [str(m) for m in loaded]


def measure(runs: int) -> tuple[list[float], list[float], list[float], list[float]]:
    """Time ``runs`` app and baseline start-ups, interleaved, after one warm-up of each.

    Returns the app's times to window shown, to content ready and to every tab built, and
    the baseline's times.
    """
    # Warm-up, not recorded: the first start of each pays for reading files from disk.
    time_to_lines("app (warm-up)", APP_CMD, BUILT_LINE)
    time_to_lines("baseline (warm-up)", BASELINE_CMD, SHOWN_LINE)
    app_times: list[float] = []
    ready_times: list[float] = []
    built_times: list[float] = []
    baseline_times: list[float] = []
    for i in range(runs):
        # Alternating, so load changes on a shared machine hit both series alike.
        app = time_to_lines(f"app (run {i + 1})", APP_CMD, BUILT_LINE)
        for line in (SHOWN_LINE, READY_LINE):
            if line not in app:
                raise ChildFailed(f"app (run {i + 1}): printed '{BUILT_LINE}' but no '{line}'")
        app_times.append(app[SHOWN_LINE])
        ready_times.append(app[READY_LINE])
        built_times.append(app[BUILT_LINE])
        baseline = time_to_lines(f"baseline (run {i + 1})", BASELINE_CMD, SHOWN_LINE)
        baseline_times.append(baseline[SHOWN_LINE])
    return app_times, ready_times, built_times, baseline_times


def build_report(
    app_times: list[float],
    ready_times: list[float],
    built_times: list[float],
    baseline_times: list[float],
    target: float,
    heavy: list[str],
) -> dict[str, Any]:
    """The result as a JSON-ready dict (the ``--json`` output)."""
    app_median = statistics.median(app_times)
    ready_median = statistics.median(ready_times)
    built_median = statistics.median(built_times)
    baseline_median = statistics.median(baseline_times)
    return {
        "app_median_s": app_median,
        "baseline_median_s": baseline_median,
        "ratio": app_median / baseline_median,
        "ready_median_s": ready_median,
        "ready_ratio": ready_median / baseline_median,
        "built_median_s": built_median,
        "built_ratio": built_median / baseline_median,
        "target": target,
        "runs": len(app_times),
        "app_times_s": app_times,
        "ready_times_s": ready_times,
        "built_times_s": built_times,
        "baseline_times_s": baseline_times,
        "heavy_modules_loaded": heavy,
    }


def format_report(report: dict[str, Any]) -> str:
    """The result as a few human-readable lines."""

    def times(values: list[float]) -> str:
        return " ".join(f"{v:.3f}" for v in values)

    verdict = "PASS" if report["ratio"] <= report["target"] else "FAIL"
    heavy = ", ".join(report["heavy_modules_loaded"]) or "none"
    platform = child_env()["QT_QPA_PLATFORM"]
    return "\n".join(
        [
            f"start-up to window shown, median of {report['runs']} runs "
            f"(QT_QPA_PLATFORM={platform})",
            f"  app       {report['app_median_s']:.3f} s   [{times(report['app_times_s'])}]",
            f"  baseline  {report['baseline_median_s']:.3f} s   "
            f"[{times(report['baseline_times_s'])}]",
            f"  ratio     {report['ratio']:.2f}  (target <= {report['target']:.2f})  {verdict}",
            f"  tab usable {report['ready_median_s']:.3f} s   [{times(report['ready_times_s'])}]"
            f"  ratio {report['ready_ratio']:.2f}",
            f"  tabs built {report['built_median_s']:.3f} s   [{times(report['built_times_s'])}]"
            f"  ratio {report['built_ratio']:.2f}",
            f"  heavy modules loaded by the shown window: {heavy}",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; 0 if the ratio meets the target, 1 if not, 2 if a child failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument(
        "--target", type=float, default=1.5, help="highest passing app/baseline ratio"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    try:
        app_times, ready_times, built_times, baseline_times = measure(args.runs)
        heavy = heavy_modules_loaded()
    except ChildFailed as exc:
        print(f"startup benchmark FAILED: {exc}", file=sys.stderr)
        return 2

    report = build_report(app_times, ready_times, built_times, baseline_times, args.target,
                          heavy)
    print(json.dumps(report) if args.json else format_report(report))
    return 0 if report["ratio"] <= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
