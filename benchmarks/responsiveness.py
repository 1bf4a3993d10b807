"""Responsiveness benchmark: the largest stall of the GUI thread while the app computes.

A real ``MainWindow`` (offscreen, run store in memory) is shown with its tabs built, and a
10 ms ``QTimer`` (PreciseTimer) ticks on the GUI thread. Every gap between two ticks is
recorded, with the phase the work was in when the gap ended, during

* trainer: the "tutorial" preset (20-10-10-1 MLP, Adam 1e-3, BCE, batch 32, ``--epochs``
  epochs, 20 by default) started with ``TrainerTab.start()`` on the Trainer tab, until
  ``run_completed`` and the end of the training thread; phases: loading (data, model),
  epoch k, test report;
* landscape: that run's landscape in the landscape panel (source "the trainer's last
  run", plane "random", ``--size`` × ``--size`` = 51 × 51 by default), started with
  ``LandscapePanel.compute()`` on its section, until ``computation_finished``; phases:
  preparing (the run rebuilt, its data regenerated), each refinement level (stride s),
  interpolation.

Before either, unmeasured, the app warms up as it does once its tabs are up: the pages
behind the first are laid out and painted off screen (``MainWindow.prepare_pages``), the
training process is started and has imported the training stack
(``core.training_process.prestart``), and this process imports torch and scikit-learn and
takes the first Adam step (``core.warmup.warm_up``). With ``--cold`` that is skipped: the
run waits for a new training process, and this process imports torch in the worker thread
when the trained model arrives, holding the GIL in long stretches: what a click before the
warm-up costs (the target still applies; expect it to fail).

A watchdog thread samples the GUI thread's Python stack whenever a tick is 30 ms late, so
the report names what the GUI thread was doing during the largest gap (an empty Python
stack means it was inside Qt, painting or waiting for the GIL).

Target: the largest gap below 50 ms in both measurements. Printed per measurement: the
number of ticks, the largest gap and its phase, the 99th percentile and the median gap.
With ``--rounds R`` each measurement is repeated (the landscape's rebuilt run is then
reused, as the panel does) and judged on the median of the per-round maxima.

    python benchmarks/responsiveness.py [--epochs N] [--size N] [--rounds R] [--cold] [--json]

Uses ``QT_QPA_PLATFORM=offscreen`` unless ``QT_QPA_PLATFORM`` is already set. Exit code 0
only if both maxima are under the target; 1 otherwise or if a run or computation failed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import qt_harness
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from ce_desktop.ui.app import MainWindow, create_application

TARGET_MS = 50.0
TICK_MS = 10
#: Time given to the tab switch before a measurement starts (its paint is not the work's).
SETTLE_MS = 300
SAMPLE_AFTER_MS = 30
TIMEOUT_S = 900.0


class Failed(RuntimeError):
    """A run or computation did not end as it should."""


class Heartbeat:
    """10 ms ticks on the GUI thread; each gap is kept with the phase current at its end."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.phase = "starting"
        self.last = 0.0
        self.gaps: list[tuple[float, str, float]] = []  # (ms, phase, start of the gap)
        self.stacks: dict[float, str] = {}
        self._gui = threading.get_ident()
        self._halt = threading.Event()
        self._watchdog = threading.Thread(target=self._watch, name="watchdog", daemon=True)

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()
        self._watchdog.start()

    def stop(self) -> None:
        self.tick()
        self.timer.stop()
        self._halt.set()
        self._watchdog.join()

    def tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(((now - self.last) * 1000, self.phase, self.last))
        self.last = now

    def set_phase(self, phase: str) -> None:
        self.phase = phase

    def _watch(self) -> None:
        while not self._halt.wait(0.005):
            begin = self.last
            if begin in self.stacks or (time.perf_counter() - begin) * 1000 < SAMPLE_AFTER_MS:
                continue
            frame = sys._current_frames().get(self._gui)
            lines = traceback.format_stack(frame)[-4:] if frame is not None else []
            # The benchmark's own frames mean the GUI thread was inside Qt's event loop.
            ours = [line for line in lines if __file__ not in line]
            self.stacks[begin] = "".join(ours).rstrip() or "(inside Qt: no Python frame)"

    def summary(self) -> dict[str, Any]:
        values = [ms for ms, _, _ in self.gaps]
        ms, phase, begin = max(self.gaps)
        return {"ticks": len(values), "max_ms": ms, "max_phase": phase,
                "max_stack": self.stacks.get(begin, "(not sampled)"),
                "p99_ms": float(np.percentile(values, 99)), "median_ms": statistics.median(values)}


def wait_for(signal, timeout_s: float = TIMEOUT_S) -> list:
    """Run the event loop until ``signal`` fires; its arguments (Failed on timeout)."""
    received = qt_harness.wait_for(signal, timeout_s)
    if received is None:
        raise Failed(f"nothing within {timeout_s:.0f} s")
    return received


def shown(show: Callable[[], None]) -> float:
    """Run ``show`` (switch to a tab, set it up) and its first paint: the milliseconds that
    took. Then let the window settle, so the measurement after it times only its own work."""
    started = time.perf_counter()
    show()
    QApplication.processEvents()
    elapsed_ms = (time.perf_counter() - started) * 1000
    qt_harness.settle(SETTLE_MS)
    return elapsed_ms


def measure_trainer(window: MainWindow, epochs: int) -> dict[str, Any]:
    tab = window.trainer_tab

    def show() -> None:
        window.show_tab("trainer")
        tab.apply_preset("tutorial")
        tab.epochs_spin.setValue(epochs)

    switch_ms = shown(show)
    heartbeat = Heartbeat()
    heartbeat.set_phase("loading data and model")
    heartbeat.start()
    if not tab.start():
        raise Failed("TrainerTab.start() refused to start")
    worker = tab.run.worker
    worker.run_started.connect(lambda _info: heartbeat.set_phase("epoch 1"))
    worker.epoch_finished.connect(lambda update: heartbeat.set_phase(
        f"epoch {update.record.epoch + 1}" if update.record.epoch < epochs else "test report"))
    worker.run_finished.connect(lambda _result: heartbeat.set_phase("run finished"))
    (result,) = wait_for(tab.run_completed)
    if tab.run.thread.isRunning():
        wait_for(tab.run.thread.finished, 30.0)
    heartbeat.stop()
    if result.status != "finished":
        raise Failed(f"the run ended {result.status}: {result.message}")
    return heartbeat.summary() | {"epochs": len(tab.history()), "switch_ms": switch_ms}


def measure_landscape(window: MainWindow, size: int) -> dict[str, Any]:
    panel = window.surface_tab.landscape_panel

    def show() -> None:
        window.show_tab("surface")
        window.surface_tab.show_section("landscape")
        panel.refresh_sources()
        for combo, value in ((panel.source_combo, "last"), (panel.plane_combo, "random"),
                             (panel.size_combo, size)):
            index = combo.findData(value)
            if index < 0:
                raise Failed(f"the landscape panel offers no {value!r}")
            combo.setCurrentIndex(index)

    switch_ms = shown(show)
    heartbeat = Heartbeat()
    heartbeat.set_phase("preparing the run")
    heartbeat.start()
    if not panel.compute():
        raise Failed("LandscapePanel.compute() refused to start")
    worker = panel.job.worker
    worker.plane_ready.connect(lambda _plane: heartbeat.set_phase("first grid level"))
    worker.grid_updated.connect(lambda update: heartbeat.set_phase(
        f"grid level stride {update.stride}"
        + (" (drawing the finished level)" if update.complete else "")))
    worker.interpolation_ready.connect(lambda _i: heartbeat.set_phase("interpolation"))
    (completed,) = wait_for(panel.computation_finished)
    heartbeat.stop()
    if not completed:
        raise Failed(f"the landscape did not complete: {panel.info_label.text()}")
    return heartbeat.summary() | {"grid": f"{size}x{size}", "switch_ms": switch_ms,
                                  "shape": list(panel.image.image.shape)}


def measure(epochs: int, size: int, rounds: int, cold: bool) -> dict[str, Any]:
    app = create_application()
    window = MainWindow(store_path=":memory:")
    window.show()
    app.processEvents()
    if not cold:
        from ce_desktop.core import training_process
        from ce_desktop.core.warmup import warm_up

        training_process.prestart(wait=True)
        warm_up()
    preparing = None
    if not cold:
        # Measured as information: the app does this while the user reads the first page.
        heartbeat = Heartbeat()
        heartbeat.set_phase("preparing the pages")
        heartbeat.start()
        window.prepare_pages()  # pages_prepared comes from the event loop, after this
        wait_for(window.pages_prepared)
        heartbeat.stop()
        preparing = heartbeat.summary() | {
            "seconds": sum(ms for ms, _, _ in heartbeat.gaps) / 1000}
    trainer, landscape = [], []
    try:
        for _ in range(rounds):
            trainer.append(measure_trainer(window, epochs))
            landscape.append(measure_landscape(window, size))
    finally:
        window.close()
        app.processEvents()

    def judged(results: list[dict[str, Any]]) -> dict[str, Any]:
        worst = max(results, key=lambda r: r["max_ms"])
        return {"max_ms": statistics.median(r["max_ms"] for r in results),
                "rounds_max_ms": [r["max_ms"] for r in results],
                "p99_ms": statistics.median(r["p99_ms"] for r in results),
                "median_ms": statistics.median(r["median_ms"] for r in results),
                "ticks": sum(r["ticks"] for r in results),
                "switch_ms": [r["switch_ms"] for r in results],
                "worst_phase": worst["max_phase"], "worst_stack": worst["max_stack"]}

    report = {"epochs": epochs, "grid": f"{size}x{size}", "rounds": rounds, "cold": cold,
              "platform": os.environ["QT_QPA_PLATFORM"], "target_ms": TARGET_MS,
              "trainer": judged(trainer), "landscape": judged(landscape),
              "preparing_pages": preparing}
    report["pass"] = all(report[k]["max_ms"] < TARGET_MS for k in ("trainer", "landscape"))
    return report


def format_report(report: dict[str, Any]) -> str:
    warm = "cold (no warm-up)" if report["cold"] else "after the app's warm-up"
    lines = [f"GUI thread {TICK_MS} ms heartbeat, {warm}, QT_QPA_PLATFORM={report['platform']}"
             + (f", median of {report['rounds']} rounds" if report["rounds"] > 1 else "")]
    for key, title in (("trainer", f"tutorial run, {report['epochs']} epochs"),
                       ("landscape", f"{report['grid']} random-plane landscape")):
        r = report[key]
        rounds = (" [" + " ".join(f"{m:.0f}" for m in r["rounds_max_ms"]) + "]"
                  if report["rounds"] > 1 else "")
        verdict = "ok" if r["max_ms"] < report["target_ms"] else "OVER"
        lines.append(
            f"  {key:9s} ({title}): {r['ticks']} ticks, max gap {r['max_ms']:.1f} ms{rounds} "
            f"{verdict} during {r['worst_phase']}; p99 {r['p99_ms']:.1f} ms, "
            f"median {r['median_ms']:.1f} ms")
        switches = " ".join(f"{m:.0f}" for m in r["switch_ms"])
        lines.append(f"    (before it, showing the tab took {switches} ms; not counted)")
        stack = "\n".join("      " + line for line in r["worst_stack"].splitlines())
        lines.append(f"    GUI thread during the largest gap:\n{stack}")
    preparing = report["preparing_pages"]
    if preparing is not None:
        lines.append(
            f"  preparing the pages at start (information): {preparing['seconds'] * 1000:.0f}"
            f" ms in all, {preparing['ticks']} ticks, largest gap {preparing['max_ms']:.1f} ms")
    lines.append(f"  target: largest gap < {report['target_ms']:.0f} ms in both  "
                 f"{'PASS' if report['pass'] else 'FAIL'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20, help="epochs of the tutorial run")
    parser.add_argument("--size", type=int, default=51, help="landscape grid points per side")
    parser.add_argument("--rounds", type=int, default=1, help="repeat each measurement")
    parser.add_argument("--cold", action="store_true",
                        help="skip the warm-up: the first run imports torch in its thread")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.epochs < 1 or args.rounds < 1:
        parser.error("--epochs and --rounds must be at least 1")
    qt_harness.quiet_qt_messages()
    try:
        report = measure(args.epochs, args.size, args.rounds, args.cold)
    except Failed as error:
        print(f"responsiveness benchmark FAILED: {error}", file=sys.stderr)
        return 1
    print(json.dumps(report) if args.json else format_report(report))
    return 0 if report["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
