"""Landscape benchmark: the batched loss grid against the per-point loop.

On the tutorial's model (20-10-10-1, Sigmoid + BCE, trained for a few epochs) and its 6300
training samples, over a 51 × 51 grid of two filter-normalised directions, it times, in one
process and alternately,

* the per-point loop as public loss-landscape code does it: load θ + α·d1 + β·d2 into the
  model with ``vector_to_parameters``, forward the whole training set, one point at a time;
* ``ce_desktop.core.landscape.grid.loss_grid`` (batched, first layer from three products);

and reports both times, the ratio (target ≥ 3×), the largest difference between the two
grids (they must agree within 1e-5), and the time to the first coarse picture (target
≤ 0.3 s): from ``progressive_loss_grid`` alone, and in the landscape panel (offscreen)
from Compute to the first finished level, across the boundary to the worker process (warm,
as the app starts it), the first time (the run is rebuilt and its data set regenerated)
and again (the rebuilt run is reused).

    python benchmarks/landscape.py [--size N] [--rounds R] [--json]
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import statistics
import sys
import time

import numpy as np
import torch
from torch.nn.utils import vector_to_parameters

from ce_desktop.core.landscape import grid as landscape
from ce_desktop.core.training.config import PRESETS
from ce_desktop.core.training.trainer import Trainer, configure_threads

TARGET_SPEEDUP = 3.0
TARGET_FIRST_PICTURE_S = 0.3
TOLERANCE = 1e-5


def per_point_grid(model, X, y, d1, d2, axis) -> np.ndarray:
    """The loop the public loss-landscape code runs: one forward pass per grid point."""
    clone = copy.deepcopy(model)
    theta = landscape.flat_parameters(model)
    criterion = torch.nn.BCELoss()
    target = y.to(torch.float32)
    grid = np.empty((len(axis), len(axis)))
    with torch.no_grad():
        for i, a in enumerate(axis):
            for j, b in enumerate(axis):
                vector_to_parameters(theta + float(a) * d1 + float(b) * d2, clone.parameters())
                grid[i, j] = float(criterion(clone(X)[:, 0], target))
    return grid


def first_picture_seconds(model, X, y, d1, d2, axis) -> tuple[float, tuple[int, int]]:
    """Seconds until the coarsest level is complete: the first picture the tab shows."""
    started = time.perf_counter()
    for update in landscape.progressive_loss_grid(model, X, y,
                                                  landscape.Plane(d1, d2, axis, axis)):
        if update.complete:
            break
    return time.perf_counter() - started, update.values.shape


def panel_first_pictures(config, params, size: int, times: int = 3) -> list[float]:
    """Seconds from Compute to the first finished level in the landscape panel."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from ce_desktop.core.landscape.events import GridUpdate
    from ce_desktop.core.landscape.job import RunSource
    from ce_desktop.ui.common import style
    from ce_desktop.ui.surfaces.landscape_panel import LandscapePanel

    app = QApplication.instance() or QApplication([])
    style.configure_pyqtgraph()
    # The window computes in a worker process, started with the app and warm by then.
    from ce_desktop.backend import process

    process.prestart(wait=True)
    source = RunSource("run", config, params, "tutorial")
    panel = LandscapePanel(last_run=lambda: source)
    panel.resize(1400, 760)
    panel.show()
    panel.size_combo.setCurrentIndex(panel.size_combo.findData(size))
    seconds = []
    for _ in range(times):
        loop = QEventLoop()
        panel.computation_finished.connect(loop.quit)
        first: list[float] = []
        started = time.perf_counter()
        panel.compute()

        def on_grid(update, first=first, started=started):
            if isinstance(update, GridUpdate) and update.complete and not first:
                first.append(time.perf_counter() - started)

        panel.job.job_event.connect(on_grid)
        loop.exec()
        panel.computation_finished.disconnect(loop.quit)
        seconds.append(first[0])
    panel.close()
    app.processEvents()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=51)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--train-epochs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    configure_threads()
    trainer = Trainer(dataclasses.replace(PRESETS["tutorial"], epochs=args.train_epochs))
    for _ in trainer.epochs():
        pass
    model = trainer.model
    X = torch.as_tensor(trainer.dataset.X_train)
    y = torch.as_tensor(trainer.dataset.y_train)
    generator = torch.Generator().manual_seed(0)
    d1 = landscape.filter_normalized_direction(model, generator)
    d2 = landscape.filter_normalized_direction(model, generator)
    axis = np.linspace(-1.0, 1.0, args.size)

    loop_times, grid_times, first_times = [], [], []
    difference = 0.0
    coarse_shape = (0, 0)
    for _ in range(args.rounds):
        started = time.perf_counter()
        reference = per_point_grid(model, X, y, d1, d2, axis)
        loop_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        grid = landscape.loss_grid(model, X, y, d1, d2, axis, axis, "bce")
        grid_times.append(time.perf_counter() - started)
        difference = max(difference, float(np.abs(grid - reference).max()))
        seconds, coarse_shape = first_picture_seconds(model, X, y, d1, d2, axis)
        first_times.append(seconds)

    ratios = [loop / grid for loop, grid in zip(loop_times, grid_times, strict=True)]
    params = np.stack([record.params for record in trainer.history])
    panel_times = panel_first_pictures(trainer.config, params, args.size)
    result = {
        "grid": f"{args.size}x{args.size}",
        "samples": int(X.shape[0]),
        "per_point_s": statistics.median(loop_times),
        "loss_grid_s": statistics.median(grid_times),
        "speedup": statistics.median(ratios),
        "speedups": ratios,
        "max_abs_difference": difference,
        "first_picture_s": statistics.median(first_times),
        "first_picture_grid": f"{coarse_shape[0]}x{coarse_shape[1]}",
        "panel_first_picture_cold_s": panel_times[0],
        "panel_first_picture_warm_s": statistics.median(panel_times[1:]),
        "torch_threads": torch.get_num_threads(),
    }
    ok = (result["speedup"] >= TARGET_SPEEDUP and difference <= TOLERANCE
          and max(result["first_picture_s"], result["panel_first_picture_cold_s"])
          <= TARGET_FIRST_PICTURE_S)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['grid']} grid on {result['samples']} samples, "
              f"{result['torch_threads']} torch thread(s), median of {args.rounds}")
        print(f"  per-point loop   {result['per_point_s']:.3f} s")
        print(f"  loss_grid        {result['loss_grid_s']:.3f} s")
        print(f"  speed-up         {result['speedup']:.2f}x (target >= {TARGET_SPEEDUP}x); "
              f"rounds: {', '.join(f'{r:.2f}' for r in ratios)}")
        print(f"  max |difference| {difference:.2e} (tolerance {TOLERANCE:g})")
        print(f"  first picture    {result['first_picture_s'] * 1000:.0f} ms "
              f"({result['first_picture_grid']}; target <= {TARGET_FIRST_PICTURE_S * 1000:.0f} ms)")
        print(f"  in the panel     {panel_times[0] * 1000:.0f} ms the first time (run rebuilt), "
              f"{result['panel_first_picture_warm_s'] * 1000:.0f} ms again")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
