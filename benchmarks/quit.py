"""Quit benchmark: from File → Quit (Ctrl+Q) to the end of the app's process.

The app is started as ``python -m ce_desktop`` would start it (``ui.app.run_gui``, the
session remembered in fresh ``XDG_CONFIG_HOME``/``XDG_DATA_HOME`` folders), in a child
process of this script. Once its tabs are up the child plays a scenario, waits until no
job is running, writes the wall-clock time and triggers the Quit action (the one Ctrl+Q
triggers); this script takes the time when the child's process has ended (``wait``), and
reports the difference. Scenarios:

* ``idle``: nothing but the warm-up (a worker process started and ready);
* ``run``: a tutorial run (20 epochs) on the trainer tab;
* ``full``: the tutorial run, save its model, load it back (which evaluates it), export
  the loss plot as PNG, SVG, PDF and CSV, open the primer (F1), and a 21 × 21 landscape
  of the run.

No run is being stopped at quit in any scenario. Target: every scenario's median at most
0.5 s (issue 16). ``--rounds R`` (3) runs each scenario R times; each round is a new
process.

    python benchmarks/quit.py [--rounds R] [--scenario idle|run|full ...] [--json]

Uses ``QT_QPA_PLATFORM=offscreen`` unless it is set (``QT_QPA_PLATFORM=xcb`` with a
``DISPLAY`` times it on an X server). Exit code 0 only if every median meets the target.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 0.5
SCENARIOS = ("idle", "run", "full")
TIMEOUT_S = 300.0
HERE = Path(__file__).resolve().parent


# --- the child: the app with a scenario ----------------------------------------------------

def _child(scenario: str) -> int:
    sys.path.insert(0, str(HERE))
    import qt_harness
    from PySide6.QtCore import QTimer

    from ce_desktop.ui.app import create_application, run_gui

    app = create_application()
    qt_harness.quiet_qt_messages()
    out = Path(tempfile.mkdtemp(prefix="ce-quit-"))

    def window():
        from ce_desktop.ui.main_window import MainWindow

        return next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))

    def idle_jobs(win) -> None:
        tab = win.trainer_tab
        for _ in range(int(TIMEOUT_S * 10)):
            running = [tab.run is not None and tab.run.is_running(), tab.file_job is not None,
                       win.surface_tab.landscape_panel.job is not None]
            if not any(running):
                return
            qt_harness.settle(100)
        raise RuntimeError(f"jobs still running: {running}")

    def play() -> None:
        from ce_desktop.backend import process

        win = window()
        qt_harness.settle(200)
        process.prestart(wait=True)
        tab = win.trainer_tab
        if scenario in ("run", "full"):
            win.show_tab("trainer")
            tab.apply_preset("tutorial")
            if not tab.start():
                raise RuntimeError("the run did not start")
            (result,) = qt_harness.wait_for(tab.run_completed, TIMEOUT_S)
            if result.status != "finished":
                raise RuntimeError(f"the run ended {result.status}")
            idle_jobs(win)
        if scenario == "full":
            from ce_desktop.ui.common.plot_export import export_plot, export_table, write_table

            panel = win.surface_tab.landscape_panel
            win.show_tab("surface")
            win.surface_tab.show_section("landscape")
            panel.refresh_sources()
            for combo, value in ((panel.source_combo, "last"), (panel.plane_combo, "random"),
                                 (panel.size_combo, 21)):
                combo.setCurrentIndex(combo.findData(value))
            if not panel.compute():
                raise RuntimeError("the landscape did not start")
            qt_harness.wait_for(panel.computation_finished, TIMEOUT_S)
            idle_jobs(win)
            model = out / "model.pt"
            tab.save_model(str(model))
            idle_jobs(win)
            tab.load_model(str(model))
            idle_jobs(win)
            # The loss plot of the run (the loaded model's own plots may be empty).
            plot = next(p for p in tab.plots().values() if _has_table(p, export_table))
            for suffix in ("png", "svg", "pdf"):
                export_plot(plot, out / f"plot.{suffix}")
            write_table(export_table(plot), out / "plot.csv")
            win.show_primer()
            qt_harness.settle(300)
        qt_harness.settle(500)
        print(f"quit-at {time.time():.6f}", flush=True)
        win.quit_action.trigger()

    def play_or_fail() -> None:
        try:
            play()
        except Exception:
            import traceback

            traceback.print_exc()
            app.exit(2)

    def hook() -> None:
        window().content_ready.connect(lambda: QTimer.singleShot(0, play_or_fail))

    QTimer.singleShot(0, hook)
    return run_gui()


def _has_table(plot, export_table) -> bool:
    try:
        export_table(plot)
    except ValueError:
        return False
    return True


# --- the parent: time each round -----------------------------------------------------------

def quit_once(scenario: str) -> float:
    with tempfile.TemporaryDirectory(prefix="ce-quit-home-") as home, \
            open(Path(home) / "stderr", "w+") as errors:
        env = dict(os.environ, XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        # stderr to a file: a worker process outliving the app would hold a pipe open.
        child = subprocess.Popen(
            [sys.executable, __file__, "--child", scenario], env=env,
            stdout=subprocess.PIPE, stderr=errors, text=True)
        quit_at = None
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("quit-at "):
                quit_at = float(line.split()[1])
                break
        code = child.wait(TIMEOUT_S)
        ended_at = time.time()
        errors.seek(0)
        stderr = errors.read()
        if quit_at is None or code != 0:
            raise RuntimeError(f"the {scenario} round failed (exit {code}):\n{stderr}")
        return ended_at - quit_at


def measure(scenarios: list[str], rounds: int) -> dict:
    report: dict = {"target_s": TARGET_S, "scenarios": {}}
    for scenario in scenarios:
        times = [quit_once(scenario) for _ in range(rounds)]
        report["scenarios"][scenario] = {
            "median_s": statistics.median(times), "times_s": times,
            "met": statistics.median(times) <= TARGET_S}
    report["met"] = all(s["met"] for s in report["scenarios"].values())
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scenario", action="append", choices=SCENARIOS)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", choices=SCENARIOS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args.child)
    report = measure(args.scenario or list(SCENARIOS), args.rounds)
    if args.json:
        print(json.dumps(report))
    else:
        for name, result in report["scenarios"].items():
            times = ", ".join(f"{t:.2f}" for t in result["times_s"])
            print(f"{name:5s}: median {result['median_s']:.2f} s ({times}); target "
                  f"≤ {TARGET_S} s: {'met' if result['met'] else 'NOT met'}")
    return 0 if report["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
