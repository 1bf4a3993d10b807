"""Trainer benchmark: the project's training loop against the loop tutorials write.

In one process, on the tutorial's data and configuration (20-10-10-1 MLP, Adam 1e-3, BCE,
batch 32), it times

* the tutorial-style loop: a DataLoader over a TensorDataset with shuffling, torch's
  default thread count, one ``loss.item()`` per batch;
* ``ce_desktop.core.training.trainer.Trainer`` (index slicing over pre-built tensors, one thread);

alternately, and reports epochs per second, the ratio and both final validation losses
(they must agree within 0.02: the speed must not come from doing less). It also times the
project's loop with torch's default threads, to show what the thread choice is worth.

    python benchmarks/trainer.py [--epochs N] [--rounds R] [--json] [--contended]

With ``--contended`` a second process keeps one core busy throughout, as another program
on a user's machine would; that is where torch's default thread count hurts most.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import torch
from torch.utils.data import DataLoader, TensorDataset

from ce_desktop.core.data import Dataset, tutorial_split
from ce_desktop.core.training import models
from ce_desktop.core.training.trainer import PRESETS, Trainer

TARGET_SPEEDUP = 1.5
LOSS_TOLERANCE = 0.02


def tutorial_loop(dataset: Dataset, epochs: int, seed: int, threads: int) -> tuple[float, float]:
    """(seconds, final val loss) for the loop as the tutorial writes it."""
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    model = models.build_mlp(dataset.n_features, 2, (10, 10), "relu", "bce")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = torch.nn.BCELoss()
    train = TensorDataset(torch.tensor(dataset.X_train), torch.tensor(dataset.y_train).float())
    loader = DataLoader(train, batch_size=32, shuffle=True)
    x_val = torch.tensor(dataset.X_val)
    y_val = torch.tensor(dataset.y_val).float()
    started = time.perf_counter()
    val_loss = float("nan")
    for _ in range(epochs):
        model.train()
        running = 0.0
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = criterion(model(xb), yb.unsqueeze(1))
            loss.backward()
            optimizer.step()
            running += loss.item() * len(xb)
        model.eval()
        with torch.no_grad():
            val_loss = criterion(model(x_val), y_val.unsqueeze(1)).item()
    return time.perf_counter() - started, val_loss


def project_loop(dataset: Dataset, epochs: int, seed: int, threads: int) -> tuple[float, float]:
    """(seconds, final val loss) for the project's Trainer on the same configuration."""
    config = PRESETS["tutorial"].to_dict() | {"epochs": epochs, "seed": seed}
    trainer = Trainer(type(PRESETS["tutorial"]).from_dict(config), dataset)
    torch.set_num_threads(threads)  # after Trainer, which sets its own choice
    started = time.perf_counter()
    records = list(trainer.epochs())
    return time.perf_counter() - started, records[-1].val_loss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5, help="epochs per timed run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--contended", action="store_true",
                        help="keep one core busy with another process while measuring")
    args = parser.parse_args(argv)
    burner = None
    if args.contended:
        burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        return measure(args)
    finally:
        if burner is not None:
            burner.kill()
            burner.wait()


def measure(args: argparse.Namespace) -> int:

    dataset = tutorial_split()
    default_threads = torch.get_num_threads()
    contenders: dict[str, Callable[[], tuple[float, float]]] = {
        "tutorial_loop": lambda: tutorial_loop(dataset, args.epochs, 0, default_threads),
        "project": lambda: project_loop(dataset, args.epochs, 0, 1),
        "project_default_threads": lambda: project_loop(dataset, args.epochs, 0,
                                                        default_threads),
    }
    for run in contenders.values():  # warm-up: first Adam step imports torch._dynamo etc.
        run()
    seconds: dict[str, list[float]] = {name: [] for name in contenders}
    losses: dict[str, float] = {}
    for _ in range(args.rounds):
        for name, run in contenders.items():
            elapsed, losses[name] = run()
            seconds[name].append(elapsed)
    rate = {name: args.epochs / statistics.median(times) for name, times in seconds.items()}
    speedup = rate["project"] / rate["tutorial_loop"]
    loss_gap = abs(losses["project"] - losses["tutorial_loop"])
    report = {
        "epochs": args.epochs, "rounds": args.rounds, "default_threads": default_threads,
        "contended": args.contended,
        "epochs_per_s": rate, "speedup": speedup, "target_speedup": TARGET_SPEEDUP,
        "final_val_loss": losses, "loss_gap": loss_gap,
        "thread_choice_gain": rate["project"] / rate["project_default_threads"],
    }
    ok = speedup >= TARGET_SPEEDUP and loss_gap <= LOSS_TOLERANCE
    if args.json:
        print(json.dumps(report))
    else:
        for name in contenders:
            print(f"{name:25s} {rate[name]:6.2f} epochs/s   final val loss "
                  f"{losses[name]:.4f}")
        print(f"speed-up {speedup:.2f}x (target >= {TARGET_SPEEDUP}x), loss gap "
              f"{loss_gap:.4f} (<= {LOSS_TOLERANCE}), one thread vs {default_threads}: "
              f"{report['thread_choice_gain']:.2f}x  {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
