"""Worker benchmark: training through the GUI's worker against headless training.

In one process, on the tutorial preset (``PRESETS["tutorial"]``, 20-10-10-1 MLP, Adam 1e-3,
BCE, batch 32) with ``--epochs N``, it times alternately

* headless: what ``ce-desktop train`` does — ``Trainer(config)``, iterating
  ``trainer.epochs()`` (no run store), then ``trainer.test_report()``;
* worker: a real ``QApplication`` with a shown ``TrainerTab`` (store=None): the form is set
  with ``set_config_dict(config.to_dict())``, ``start()`` runs a ``TrainingRun`` whose
  QThread relays the events of the training process (``core/training_process.py``) while the
  GUI thread's event loop runs and the tab draws every signal it gets; timed from just
  before ``start()`` to the tab's ``run_completed``.

Fairness: the training process builds its own ``Trainer(config)``, which loads the data, and
ends with the test report the tab shows; the headless side therefore also times
``Trainer(config)`` construction (data loading included) and ``test_report()``. Neither
side uses a cached data set, so both time the same work and the ratio isolates the cost of
the process, the pipe, the thread, the signals and the drawing. The per-epoch time the loop
itself measures (``EpochRecord.seconds``) is reported for both too, which tells a slower
training loop (competition for the cores) from fixed per-run costs.

One unmeasured warm-up of each path comes first: the first Adam step (``torch._dynamo``),
the first scikit-learn import and starting the training process are one-time costs. The
figure that counts is the ratio of the median epochs/s, headless/worker (target <= 1.05;
shared machines are noisy, so no absolute times are targets). The final validation losses
of both must be equal within 1e-9: the process runs the same deterministic loop with the
same seed.

As information only (no target), one further worker run is made with a 10 ms ``QTimer`` in
the GUI thread; the largest and 99th-percentile gaps between its ticks show how responsive
the GUI stays while training.

    python benchmarks/worker.py [--epochs N] [--rounds R] [--json]

Uses ``QT_QPA_PLATFORM=offscreen`` unless ``QT_QPA_PLATFORM`` is already set.
Exit code: 0 on PASS, 1 on FAIL (ratio above target, losses differ, or a run failed).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QEventLoop, Qt, QTimer
from qt_harness import quiet_qt_messages, wait_for

from ce_desktop.core.config import PRESETS, TrainConfig
from ce_desktop.core.training import Trainer
from ce_desktop.ui.app import create_application
from ce_desktop.ui.trainer_tab import TrainerTab

TARGET_RATIO = 1.05
LOSS_TOLERANCE = 1e-9
TICK_MS = 10
RUN_TIMEOUT_S = 600.0
WINDOW_SIZE = (1440, 900)
class RunFailed(RuntimeError):
    """A run did not finish normally."""


def headless_run(config: TrainConfig) -> dict[str, float]:
    """Seconds, final validation loss and summed epoch seconds of a headless run."""
    started = time.perf_counter()
    trainer = Trainer(config)  # loads the data, as the worker's Trainer does
    records = list(trainer.epochs())
    trainer.test_report()
    elapsed = time.perf_counter() - started
    if trainer.status != "finished":
        raise RunFailed(f"headless run ended {trainer.status}: {trainer.message}")
    return {"seconds": elapsed, "val_loss": records[-1].val_loss,
            "epoch_seconds": sum(r.seconds for r in records)}


class WorkerPath:
    """A shown TrainerTab in a running QApplication, started the way the Start button does."""

    def __init__(self) -> None:
        self.app = create_application()
        self.tab = TrainerTab(store=None)
        self.tab.resize(*WINDOW_SIZE)
        self.tab.show()
        self.app.processEvents()
        self._completed_at = 0.0
        self._result: Any = None
        self.tab.run_completed.connect(self._on_completed)

    def _on_completed(self, result) -> None:
        self._completed_at = time.perf_counter()
        self._result = result

    def run(self, config: TrainConfig, tick_ms: int | None = None) -> dict[str, Any]:
        """Seconds, final validation loss and summed epoch seconds of a worker run; with
        ``tick_ms``, also the gaps (ms) between ticks of a GUI-thread timer during the run."""
        tab = self.tab
        tab.set_config_dict(config.to_dict())
        form = TrainConfig.from_dict(tab.config_dict()).to_dict()
        wanted = config.to_dict()
        differ = [k for k in wanted if k != "name" and form[k] != wanted[k]]
        if differ:
            raise RunFailed(f"the form does not reproduce the config: {differ}")
        self._result = None
        ticks: list[float] = []
        timer = None
        if tick_ms is not None:
            timer = QTimer()
            timer.setTimerType(Qt.TimerType.PreciseTimer)
            timer.setInterval(tick_ms)
            timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        loop = QEventLoop()
        tab.run_completed.connect(loop.quit)
        QTimer.singleShot(int(RUN_TIMEOUT_S * 1000), loop.quit)
        try:
            started = time.perf_counter()
            if timer is not None:
                ticks.append(started)
                timer.start()
            if not tab.start():
                raise RunFailed("TrainerTab.start() refused to start")
            loop.exec()
            if timer is not None:
                timer.stop()
        finally:
            tab.run_completed.disconnect(loop.quit)
        result = self._result
        if result is None:
            raise RunFailed(f"no run_completed within {RUN_TIMEOUT_S:.0f} s")
        elapsed = self._completed_at - started
        # Let the thread end before the next run (not timed): start() refuses while it runs.
        thread = tab.run.thread
        if thread.isRunning() and wait_for(thread.finished, 30.0) is None:
            raise RunFailed("the training thread did not finish")
        self.app.processEvents()
        if result.status != "finished":
            raise RunFailed(f"worker run ended {result.status}: {result.message}")
        history = tab.history()
        out: dict[str, Any] = {"seconds": elapsed, "val_loss": history[-1].val_loss,
                               "epoch_seconds": sum(r.seconds for r in history)}
        if timer is not None:
            ticks.append(self._completed_at)
            out["gaps_ms"] = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
        return out


def measure(epochs: int, rounds: int) -> dict[str, Any]:
    config = TrainConfig.from_dict(PRESETS["tutorial"].to_dict() | {"epochs": epochs})
    worker = WorkerPath()
    # Warm-up, not recorded: torch._dynamo on the first Adam step, the sklearn imports.
    headless_run(config)
    worker.run(config)
    runs: dict[str, list[dict[str, Any]]] = {"headless": [], "worker": []}
    for i in range(rounds):
        # Alternating, and each round in the other order, so drifting load hits both alike.
        order = ("headless", "worker") if i % 2 == 0 else ("worker", "headless")
        for name in order:
            runs[name].append(headless_run(config) if name == "headless"
                              else worker.run(config))
    responsive = worker.run(config, tick_ms=TICK_MS)
    gaps = responsive["gaps_ms"]

    seconds = {name: statistics.median(r["seconds"] for r in rs) for name, rs in runs.items()}
    epoch_seconds = {name: statistics.median(r["epoch_seconds"] for r in rs)
                     for name, rs in runs.items()}
    rate = {name: epochs / s for name, s in seconds.items()}
    ratio = rate["headless"] / rate["worker"]
    losses = {name: rs[-1]["val_loss"] for name, rs in runs.items()}
    all_losses = [r["val_loss"] for rs in runs.values() for r in rs]
    loss_gap = max(all_losses) - min(all_losses)
    return {
        "epochs": epochs, "rounds": rounds, "platform": os.environ["QT_QPA_PLATFORM"],
        "median_seconds": seconds, "epochs_per_s": rate,
        "ratio": ratio, "target_ratio": TARGET_RATIO,
        "median_epoch_seconds": epoch_seconds,
        "epoch_loop_ratio": epoch_seconds["worker"] / epoch_seconds["headless"],
        "seconds": {name: [r["seconds"] for r in rs] for name, rs in runs.items()},
        "final_val_loss": losses, "loss_gap": loss_gap, "loss_tolerance": LOSS_TOLERANCE,
        "gui_tick_ms": TICK_MS, "gui_ticks": len(gaps),
        "gui_gap_max_ms": max(gaps), "gui_gap_p99_ms": float(np.percentile(gaps, 99)),
        "pass": ratio <= TARGET_RATIO and loss_gap <= LOSS_TOLERANCE,
    }


def format_report(report: dict[str, Any]) -> str:
    lines = [f"tutorial preset, {report['epochs']} epochs, median of {report['rounds']} "
             f"alternating rounds (QT_QPA_PLATFORM={report['platform']})"]
    for name in ("headless", "worker"):
        times = " ".join(f"{s:.3f}" for s in report["seconds"][name])
        lines.append(
            f"  {name:9s} {report['epochs_per_s'][name]:6.2f} epochs/s  "
            f"{report['median_seconds'][name]:.3f} s [{times}]  in the epoch loop "
            f"{report['median_epoch_seconds'][name]:.3f} s  final val loss "
            f"{report['final_val_loss'][name]:.12f}")
    lines += [
        f"  epoch loop alone: worker/headless {report['epoch_loop_ratio']:.3f}",
        f"  val loss gap {report['loss_gap']:.3g} (<= {report['loss_tolerance']:g})",
        f"  GUI {report['gui_tick_ms']} ms timer during a worker run: {report['gui_ticks']} "
        f"ticks, max gap {report['gui_gap_max_ms']:.1f} ms, "
        f"p99 {report['gui_gap_p99_ms']:.1f} ms (information only)",
        f"  ratio headless/worker epochs/s {report['ratio']:.3f} "
        f"(target <= {report['target_ratio']})  {'PASS' if report['pass'] else 'FAIL'}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # The tutorial's 20 epochs; five rounds because one noisy round moves a median of three.
    parser.add_argument("--epochs", type=int, default=20, help="epochs per timed run")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.epochs < 1 or args.rounds < 1:
        parser.error("--epochs and --rounds must be at least 1")
    quiet_qt_messages()
    try:
        report = measure(args.epochs, args.rounds)
    except RunFailed as error:
        print(f"worker benchmark FAILED: {error}", file=sys.stderr)
        return 1
    print(json.dumps(report) if args.json else format_report(report))
    return 0 if report["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
