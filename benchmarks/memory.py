"""Memory benchmark: the proportional set size (PSS) of all the app's processes.

The app is started the way a user starts it, in a process of its own (offscreen): a driver,
this file run with ``--driver``, builds the window as ``ce_desktop.ui.app.run_gui`` does
(``create_application()``, ``MainWindow(build_tabs=True, store_path=":memory:")``, shown,
``prepare_pages()``, and half a second later the warm-up run_gui schedules: its
``_start_warm_up`` while it has one, else ``ce_desktop.core.warmup.start_warm_up()``, which
starts the training process and warms this one up), then waits for commands on stdin.
This process never imports Qt, torch or the app; it reads ``/proc`` from outside.

At each point it sums the PSS (``/proc/<pid>/smaps_rollup``) of the window's process and
every process descended from it (the training process, multiprocessing's resource
tracker, …), once the total has settled (no process started or ended and the total moved
less than 4 MB or 1 % over 5 s, and the window process reports its warm-up finished):

a. idle after start-up and the warm-up;
b. idle after a run of the trainer's "tutorial" preset (``apply_preset``, ``start``, until
   ``run_completed``) and that run's 51 × 51 landscape (the landscape section of the loss
   surface tab: ``set_settings``, ``refresh_sources``, ``compute``, until
   ``computation_finished``).

Beside them, measured in the same run, each in a fresh process of its own and idle: a bare
``QMainWindow`` of the app's size, shown offscreen, and a process that only imports torch,
``sklearn.datasets``, ``sklearn.metrics`` and ``sklearn.model_selection``. Printed: the total,
the window process's PSS and whether it has imported torch and scikit-learn, each child's
PSS, ratios against the baselines, and the issue's targets (total <= 520 MB after the run
and landscape, window process <= 200 MB). The targets are reported, never enforced.

PSS counts a page shared by n processes as 1/n in each, so the total is what the app costs
the machine. MB here are 2^20 bytes (``/proc`` reports kB of 1024 bytes). Linux only.

PSS also depends on what else runs: a library page mapped by another program's process too
(a test run that imports torch, say) counts only half here. So each figure comes with USS
(pages no other process maps: a lower bound) and RSS (every resident page: an upper bound).

    python benchmarks/memory.py [--size N] [--json] [--trace]

Children use ``QT_QPA_PLATFORM=offscreen`` unless the caller has set ``QT_QPA_PLATFORM``.
Exit code: 0 when measured (whatever the figures), 2 when a child fails or times out.
"""

# Kept to the standard library at the top: the training process is started with "spawn",
# which imports this file again (as __mp_main__) when it runs the driver.
from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

REPO_ROOT = Path(__file__).resolve().parent.parent
TARGET_TOTAL_MB = 520.0
TARGET_WINDOW_MB = 200.0
HEAVY_MODULES = ("torch", "sklearn")
#: Prefix of the lines a child prints for this benchmark (anything else it prints is ignored).
TAG = "memory-benchmark"

SAMPLE_S = 0.5
SETTLE_WINDOW_S = 5.0
SETTLE_KB = 4096
SETTLE_FRACTION = 0.01
SETTLE_TIMEOUT_S = 300.0
START_TIMEOUT_S = 120.0
WORK_TIMEOUT_S = 900.0
EXIT_TIMEOUT_S = 60.0

# A bare window of the app's default size, shown and painted, idle in its event loop until
# a line arrives on stdin.
QT_BASELINE_CODE = (
    "import sys\n"
    "from PySide6.QtCore import QSocketNotifier\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv[:1])\n"
    "w = QMainWindow(); w.resize(1440, 900); w.show(); app.processEvents()\n"
    "notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)\n"
    "notifier.activated.connect(app.quit)\n"
    f"print('{TAG} ' + '{{\"event\": \"ready\"}}', flush=True)\n"
    "app.exec()\n"
)
# The training stack's imports alone, idle until a line arrives on stdin.
TORCH_BASELINE_CODE = (
    "import sys\n"
    "import sklearn.datasets, sklearn.metrics, sklearn.model_selection, torch\n"
    f"print('{TAG} ' + '{{\"event\": \"ready\"}}', flush=True)\n"
    "sys.stdin.readline()\n"
)


class ChildFailed(RuntimeError):
    """A child process exited, timed out or answered something unexpected."""


# --- reading /proc ----------------------------------------------------------------------------


#: smaps_rollup fields read, by the name used here: USS is the private part of PSS.
FIELDS = {"Pss:": "pss", "Rss:": "rss", "Private_Clean:": "uss", "Private_Dirty:": "uss"}


def _add_fields(lines, into: dict[str, int]) -> None:
    for line in lines:
        key = FIELDS.get(line.split(" ", 1)[0])
        if key is not None:
            into[key] += int(line.split()[1])


def memory_kb(pid: int) -> dict[str, int] | None:
    """The process's PSS, USS and RSS in kB, or None if it has gone (or cannot be read)."""
    found = dict.fromkeys(("pss", "uss", "rss"), 0)
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            _add_fields(rollup, found)
    except FileNotFoundError:
        # Kernels before 4.14 have no smaps_rollup: add up smaps (slower, same figures).
        try:
            with open(f"/proc/{pid}/smaps", encoding="ascii") as smaps:
                _add_fields(smaps, found)
        except (OSError, ValueError, IndexError):
            return None
    except (OSError, ValueError, IndexError):
        return None
    # An exited process that is not yet reaped reads as empty.
    return found if found["rss"] else None


def _children_from_task_files(pid: int) -> list[int] | None:
    """Children listed in /proc/<pid>/task/*/children; None if the kernel has no such file."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as children:
                found.extend(int(part) for part in children.read().split())
        except FileNotFoundError:
            if not os.path.exists(f"/proc/{pid}/task/{tid}"):
                continue  # the thread ended meanwhile
            return None  # CONFIG_PROC_CHILDREN is off
        except OSError:
            continue
    return found


def _parent_map() -> dict[int, list[int]]:
    """Every process's children, from the ppid in each /proc/<pid>/stat."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as stat:
                # The command name, in parentheses, may hold spaces: split after its end.
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(name))
    return children


def descendants(pid: int) -> list[int]:
    """Every process descended from ``pid`` (children, their children, …), in order found."""
    found: list[int] = []
    pending = [pid]
    parent_map: dict[int, list[int]] | None = None
    while pending:
        current = pending.pop(0)
        children = None if parent_map is not None else _children_from_task_files(current)
        if children is None:
            if parent_map is None:
                parent_map = _parent_map()
            children = parent_map.get(current, [])
        for child in children:
            if child not in found and child != pid:
                found.append(child)
                pending.append(child)
    return found


def describe(pid: int) -> str:
    """A short name for a process, from its command line."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            parts = cmdline.read().decode("utf-8", "replace").split("\0")
    except OSError:
        return "(gone)"
    text = " ".join(part for part in parts if part)
    if "resource_tracker" in text:
        return "multiprocessing resource tracker"
    if "spawn_main" in text:
        return "multiprocessing spawn child (training / back-end process)"
    if "forkserver" in text:
        return "multiprocessing fork server"
    return text[:80] or "(no command line)"


def snapshot(pid: int) -> dict[str, Any]:
    """PSS, USS and RSS (kB) of ``pid``, of each of its descendants and of all together."""
    root = memory_kb(pid)
    if root is None:
        raise ChildFailed(f"process {pid} has gone")
    children = []
    for child in descendants(pid):
        memory = memory_kb(child)
        if memory is not None:
            children.append({"pid": child, "name": describe(child), "kb": memory})
    total = {key: root[key] + sum(child["kb"][key] for child in children) for key in root}
    return {"pid": pid, "kb": root, "children": children, "total_kb": total}


# --- children ---------------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    """The environment for every child: offscreen Qt unless the caller chose a platform."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


class Child:
    """A child process that prints ``TAG {json}`` lines and reads commands on stdin."""

    def __init__(self, name: str, cmd: list[str]) -> None:
        self.name = name
        self.cmd = cmd
        # stderr goes to a file, not a pipe: a chatty child (Qt warnings) can never block.
        # Closed by finish(), which every caller reaches through a finally.
        self._stderr: IO[str] = tempfile.TemporaryFile(  # noqa: SIM115
            "w+", encoding="utf-8", errors="replace")
        self.proc = subprocess.Popen(
            cmd, cwd=REPO_ROOT, env=child_env(), stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self._stderr, text=True, encoding="utf-8",
            errors="replace")
        self.pid = self.proc.pid
        self._lines: queue.Queue[str | None] = queue.Queue()
        # A thread rather than select(), as in startup.py.
        self._reader = threading.Thread(target=self._pump, daemon=True)
        self._reader.start()
        self._known: dict[int, str] = {}  # pid: its start time, so a reused pid is spared

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith(TAG + " "):
                self._lines.put(line[len(TAG) + 1:].strip())
        self._lines.put(None)

    def expect(self, event: str, timeout_s: float) -> dict[str, Any]:
        """Wait for the child's next message; it must be ``event``."""
        deadline = time.monotonic() + timeout_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self.failed(f"no '{event}' within {timeout_s:.0f} s")
            try:
                line = self._lines.get(timeout=min(remaining, 1.0))
            except queue.Empty:
                self.remember_descendants()
                continue
            if line is None:
                raise self.failed(f"exited (code {self.proc.poll()}) before '{event}'")
            message = json.loads(line)
            if message.get("event") == "error":
                raise self.failed(f"reported: {message.get('message')}")
            if message.get("event") != event:
                raise self.failed(f"said {message!r} where '{event}' was expected")
            return message

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(command + "\n")
            self.proc.stdin.flush()
        except OSError as error:
            raise self.failed(f"cannot be sent '{command}': {error}") from None

    def ask(self, command: str, event: str, timeout_s: float) -> dict[str, Any]:
        self.send(command)
        return self.expect(event, timeout_s)

    def remember_descendants(self) -> None:
        """Note the child's descendants, so that a failure can end them all."""
        if self.proc.poll() is None:
            for pid in descendants(self.pid):
                if pid not in self._known:
                    started = _start_time(pid)
                    if started is not None:
                        self._known[pid] = started

    def failed(self, message: str) -> ChildFailed:
        self._stderr.seek(0)
        tail = self._stderr.read()[-2000:].strip()
        tail = f"\n--- stderr (tail) ---\n{tail}" if tail else " (stderr empty)"
        return ChildFailed(f"{self.name}: {message}\ncommand: {self.cmd!r}{tail}")

    def finish(self, command: str | None) -> None:
        """Ask the child to leave (``command``, or closing stdin); kill what is left."""
        self.remember_descendants()
        if self.proc.poll() is None:
            try:
                if command is not None:
                    self.send(command)
                assert self.proc.stdin is not None
                self.proc.stdin.close()
            except (OSError, ChildFailed):
                pass
            try:
                self.proc.wait(timeout=EXIT_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        # Only processes this child started, by id: daemonic helpers left behind by a kill.
        for pid, started in self._known.items():
            if _start_time(pid) == started:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
        self._reader.join(timeout=5.0)
        self._stderr.close()


def _start_time(pid: int) -> str | None:
    """When ``pid`` started (clock ticks since boot), or None if it is not running."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def settle(child: Child, status_command: str | None, trace: bool = False) -> dict[str, Any]:
    """Sample the child's processes until their total PSS settles; the last snapshot, with
    the seconds waited and, with ``status_command``, the child's answer to it."""
    started = time.monotonic()
    samples: list[tuple[float, int, frozenset[int]]] = []
    status: dict[str, Any] | None = None
    while True:
        if child.proc.poll() is not None:
            raise child.failed(f"exited (code {child.proc.returncode}) while idle")
        now = time.monotonic()
        shot = snapshot(child.pid)
        pids = frozenset(c["pid"] for c in shot["children"])
        child.remember_descendants()
        samples.append((now, shot["total_kb"]["pss"], pids))
        if trace:
            print(f"  [{child.name}] {now - started:6.1f} s  total PSS "
                  f"{mb(samples[-1][1]):7.1f} MB in {1 + len(pids)} processes",
                  file=sys.stderr, flush=True)
        recent = [s for s in samples if s[0] >= now - SETTLE_WINDOW_S]
        totals = [s[1] for s in recent]
        steady = (
            now - samples[0][0] >= SETTLE_WINDOW_S
            and len({s[2] for s in recent}) == 1
            and max(totals) - min(totals) <= max(SETTLE_KB, SETTLE_FRACTION * max(totals))
        )
        timed_out = now - started > SETTLE_TIMEOUT_S
        if steady or timed_out:
            if status_command is not None:
                status = child.ask(status_command, "status", START_TIMEOUT_S)
            if timed_out or status is None or status.get("warm_up_finished") is not False:
                shot["settled"] = not timed_out
                shot["waited_s"] = now - started
                shot["status"] = status
                return shot
        time.sleep(SAMPLE_S)


def measure_baseline(name: str, code: str, trace: bool) -> dict[str, Any]:
    child = Child(name, [sys.executable, "-c", code])
    try:
        child.expect("ready", START_TIMEOUT_S)
        return settle(child, None, trace)
    finally:
        child.finish(None)


def measure_app(size: int, trace: bool) -> dict[str, dict[str, Any]]:
    child = Child("app", [sys.executable, str(Path(__file__).resolve()), "--driver",
                          "--size", str(size)])
    try:
        child.expect("ready", START_TIMEOUT_S)
        idle = settle(child, "status", trace)
        work = child.ask("train", "trained", WORK_TIMEOUT_S)
        after = settle(child, "status", trace)
        after["work"] = work
        return {"idle": idle, "after_run": after}
    finally:
        child.finish("quit")


# --- the driver: the app's own process ----------------------------------------------------------


def _say(event: str, **fields: Any) -> None:
    print(f"{TAG} {json.dumps({'event': event, **fields})}", flush=True)


def _warm_up_function() -> tuple[Any, str]:
    """What run_gui starts half a second after the tabs are up, and its name.

    The function run_gui schedules (``ce_desktop.ui.app._start_warm_up``) while it exists,
    so the benchmark follows the app's start-up as it changes; else
    ``ce_desktop.core.warmup.start_warm_up``; else none.
    """
    from ce_desktop.ui import app as app_module

    scheduled = getattr(app_module, "_start_warm_up", None)
    if callable(scheduled):
        return scheduled, "ce_desktop.ui.app._start_warm_up (what run_gui schedules)"
    try:
        from ce_desktop.core.warmup import start_warm_up
    except ImportError:
        return None, "none found (neither ui.app._start_warm_up nor core.warmup.start_warm_up)"
    return start_warm_up, "ce_desktop.core.warmup.start_warm_up"


def run_driver(size: int) -> int:
    """Build and show the window as run_gui does, warm up, then obey commands on stdin."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qt_harness
    from PySide6.QtCore import QSocketNotifier, QTimer

    from ce_desktop.ui.app import MainWindow, create_application

    qt_harness.quiet_qt_messages()
    app = create_application()
    window = MainWindow(build_tabs=True, store_path=":memory:")
    window.show()
    app.processEvents()
    # What run_gui connects to tabs_built (already emitted: every tab was built above).
    window.prepare_pages()
    start_warm_up, warm_up = _warm_up_function()
    if start_warm_up is not None:
        from ce_desktop.ui import app as app_module

        QTimer.singleShot(getattr(app_module, "WARM_UP_DELAY_MS", 500), start_warm_up)

    def status() -> dict[str, Any]:
        warmup = sys.modules.get("ce_desktop.core.warmup")
        finished = getattr(warmup, "finished", None)
        return {"pid": os.getpid(), "warm_up": warm_up,
                "modules": {m: m in sys.modules for m in HEAVY_MODULES},
                "warm_up_finished": finished.is_set() if finished is not None else None}

    def train() -> None:
        from ce_desktop.core.landscape.job import LandscapeSettings

        started = time.perf_counter()
        trainer = window.trainer_tab
        window.show_tab("trainer")
        trainer.apply_preset("tutorial")
        if not trainer.start():
            raise RuntimeError("trainer_tab.start() refused to start the tutorial run")
        received = qt_harness.wait_for(trainer.run_completed, WORK_TIMEOUT_S)
        if received is None:
            raise RuntimeError(f"no run_completed within {WORK_TIMEOUT_S:.0f} s")
        run_status = getattr(received[0], "status", None)
        trained_s = time.perf_counter() - started
        window.show_tab("surface")
        window.surface_tab.show_section("landscape")
        panel = window.surface_tab.landscape_panel
        panel.set_settings(LandscapeSettings(size=size))
        panel.refresh_sources()
        qt_harness.settle(100)
        started = time.perf_counter()
        if not panel.compute():
            raise RuntimeError("landscape_panel.compute() refused to start")
        received = qt_harness.wait_for(panel.computation_finished, WORK_TIMEOUT_S)
        if received is None:
            raise RuntimeError(f"no computation_finished within {WORK_TIMEOUT_S:.0f} s")
        _say("trained", run_status=run_status, train_s=trained_s,
             landscape_completed=bool(received[0]), landscape_s=time.perf_counter() - started,
             landscape_size=panel.settings().size)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def on_command() -> None:
        notifier.setEnabled(False)  # the commands run local event loops
        command = sys.stdin.readline().strip()
        try:
            if command == "status":
                _say("status", **status())
            elif command == "train":
                train()
            elif command in ("quit", ""):  # "" is end of file: the benchmark has gone
                window.close()
                app.quit()
                return
            else:
                _say("error", message=f"unknown command {command!r}")
        except Exception as error:  # reported to the benchmark, which stops
            _say("error", message=f"{type(error).__name__}: {error}")
        notifier.setEnabled(True)

    notifier.activated.connect(on_command)
    _say("ready", pid=os.getpid())
    return app.exec()


# --- the report ---------------------------------------------------------------------------------


def mb(kb: float) -> float:
    return kb / 1024


def _mb(memory: dict[str, int]) -> dict[str, float]:
    return {key: mb(kb) for key, kb in memory.items()}


def build_report(baselines: dict[str, dict], points: dict[str, dict]) -> dict[str, Any]:
    qt_kb = baselines["qt"]["total_kb"]["pss"]
    torch_kb = baselines["torch"]["total_kb"]["pss"]
    report: dict[str, Any] = {
        "qt_platform": child_env()["QT_QPA_PLATFORM"],
        "baselines_mb": {"qt_window": _mb(baselines["qt"]["total_kb"]),
                         "torch_sklearn": _mb(baselines["torch"]["total_kb"])},
        "targets_mb": {"total_after_run": TARGET_TOTAL_MB, "window": TARGET_WINDOW_MB},
        "points": {},
    }
    for name, shot in points.items():
        status = shot.get("status") or {}
        total, window = shot["total_kb"]["pss"], shot["kb"]["pss"]
        report["points"][name] = {
            "total_mb": _mb(shot["total_kb"]),
            "window_mb": _mb(shot["kb"]),
            "window_modules": status.get("modules", {}),
            "warm_up": status.get("warm_up"),
            "warm_up_finished": status.get("warm_up_finished"),
            "children": [{"pid": c["pid"], "name": c["name"], "mb": _mb(c["kb"])}
                         for c in shot["children"]],
            "settled": shot["settled"],
            "waited_s": shot["waited_s"],
            "ratios": {
                "total_vs_qt": total / qt_kb,
                "total_vs_torch": total / torch_kb,
                "total_vs_qt_plus_torch": total / (qt_kb + torch_kb),
                "window_vs_qt": window / qt_kb,
                "window_vs_torch": window / torch_kb,
            },
            "window_meets_target": mb(window) <= TARGET_WINDOW_MB,
            **({"work": shot["work"]} if "work" in shot else {}),
        }
    after = report["points"]["after_run"]
    after["total_meets_target"] = after["total_mb"]["pss"] <= TARGET_TOTAL_MB
    return report


def format_report(report: dict[str, Any]) -> str:
    def verdict(ok: bool) -> str:
        return "meets" if ok else "ABOVE"

    def figures(memory: dict[str, float]) -> str:
        return f"{memory['pss']:7.1f} MB  (USS {memory['uss']:6.1f}, RSS {memory['rss']:6.1f})"

    base = report["baselines_mb"]
    qt, torch = base["qt_window"], base["torch_sklearn"]
    lines = [
        "memory: PSS of the window's process and all its descendants; MB = 2^20 bytes "
        f"(QT_QPA_PLATFORM={report['qt_platform']})",
        "baselines, each a fresh process, idle:",
        f"  bare QMainWindow, 1440 x 900, shown  {figures(qt)}",
        f"  import torch + sklearn only          {figures(torch)}",
        f"  the two together                     {qt['pss'] + torch['pss']:7.1f} MB",
    ]
    titles = {"idle": "(a) idle after start-up and warm-up",
              "after_run": "(b) idle after a tutorial run and its landscape"}
    for name, point in report["points"].items():
        ratios = point["ratios"]
        modules = ", ".join(f"{m} {'yes' if on else 'no'}"
                            for m, on in point["window_modules"].items()) or "unknown"
        settled = (f"settled after {point['waited_s']:.1f} s" if point["settled"]
                   else f"NOT settled after {point['waited_s']:.1f} s")
        lines.append(f"{titles.get(name, name)} ({settled})")
        if "work" in point:
            work = point["work"]
            lines.append(
                f"  run: {work['run_status']} in {work['train_s']:.1f} s; landscape "
                f"{work['landscape_size']} x {work['landscape_size']} "
                f"{'completed' if work['landscape_completed'] else 'NOT completed'} in "
                f"{work['landscape_s']:.1f} s")
        else:
            finished = point["warm_up_finished"]
            lines.append(f"  warm-up: {point['warm_up']}"
                         + ("" if finished is None else f", finished: {finished}"))
        lines.append(f"  total    {figures(point['total_mb'])}")
        total_line = (f"           x{ratios['total_vs_qt']:.2f} bare Qt, "
                      f"x{ratios['total_vs_torch']:.2f} torch+sklearn, "
                      f"x{ratios['total_vs_qt_plus_torch']:.2f} the two together")
        if "total_meets_target" in point:
            total_line += (f"; target <= {TARGET_TOTAL_MB:.0f} MB: "
                           f"{verdict(point['total_meets_target'])}")
        lines.append(total_line)
        lines.append(f"  window   {figures(point['window_mb'])}")
        lines.append(f"           x{ratios['window_vs_qt']:.2f} bare Qt, "
                     f"x{ratios['window_vs_torch']:.2f} torch+sklearn; "
                     f"target <= {TARGET_WINDOW_MB:.0f} MB: "
                     f"{verdict(point['window_meets_target'])}")
        lines.append(f"           imported in the window process: {modules}")
        if not point["children"]:
            lines.append("  no child processes")
        for child in point["children"]:
            lines.append(f"  child    {figures(child['mb'])}  pid {child['pid']}: "
                         f"{child['name']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=51, help="landscape grid points per side")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--trace", action="store_true",
                        help="print every PSS sample to stderr while waiting for it to settle")
    parser.add_argument("--driver", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.driver:
        return run_driver(args.size)
    if not sys.platform.startswith("linux") or not os.path.isdir("/proc/self"):
        print("memory benchmark: Linux only (it reads PSS from /proc/<pid>/smaps_rollup); "
              "nothing measured.")
        return 0
    try:
        baselines = {
            "qt": measure_baseline("bare QMainWindow", QT_BASELINE_CODE, args.trace),
            "torch": measure_baseline("torch + sklearn", TORCH_BASELINE_CODE, args.trace)}
        points = measure_app(args.size, args.trace)
    except ChildFailed as error:
        print(f"memory benchmark FAILED: {error}", file=sys.stderr)
        return 2
    report = build_report(baselines, points)
    print(json.dumps(report) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
