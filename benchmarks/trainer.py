"""Trainer benchmark: the project's training loop against the loop tutorials write and
against scikit-learn's MLPClassifier.

In one process, for each section — the tutorial's data and configuration (20-10-10-1 ReLU
MLP, Adam 1e-3, BCE, 6300 training rows) at batch 32 and at batch 128, and a synthetic
100,000-row table of 20 features at batch 128 — it times, alternately:

* ``trainer``: ``ce_desktop.core.training.trainer.Trainer`` (its path, fused or autograd,
  is printed);
* ``dataloader``: the loop as the tutorial writes it: a DataLoader over a TensorDataset with
  shuffling, torch's default thread count, ``torch.optim.Adam``, one ``loss.item()`` per
  batch;
* ``sklearn``: scikit-learn's ``MLPClassifier`` with the same layers, activation, batch,
  Adam and learning rate (``alpha=0``: no L2 term, as in the others; never stops early),
  with numpy's default BLAS threads and (``sklearn_1thread``) with one; the ratio is taken
  against the faster of the two.

It reports epochs per second, the ratios and each final validation loss (the trainer's and
the DataLoader loop's must agree within 0.02: the speed must not come from doing less).
Targets per section: trainer ≥ 1.0× sklearn and ≥ 2.5× the DataLoader loop.

    python benchmarks/trainer.py [--epochs N] [--rounds R] [--rows N] [--json] [--contended]

``--rows`` sets the synthetic table's rows (100000; 0 skips that section). With
``--contended`` a second process keeps one core busy throughout, as another program on a
user's machine would.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from ce_desktop.core.data import Dataset, tutorial_split
from ce_desktop.core.training import models
from ce_desktop.core.training.trainer import PRESETS, TrainConfig, Trainer

TARGET_VS_SKLEARN = 1.0
TARGET_VS_DATALOADER = 2.5
LOSS_TOLERANCE = 0.02


def synthetic_table(rows: int) -> Dataset:
    """A 20-feature binary table of ``rows`` training rows (and 30 % more for val/test)."""
    from sklearn.datasets import make_classification

    total = int(rows / 0.7) + 1
    X, y = make_classification(n_samples=total, n_features=20, n_informative=10,
                               random_state=7)
    X = ((X - X.mean(0)) / X.std(0)).astype(np.float32)
    n_val = (total - rows) // 2
    parts = np.split(np.arange(total), [rows, rows + n_val])
    return Dataset(f"synthetic {rows}", *(a for part in parts for a in (X[part], y[part])),
                   feature_names=tuple(f"x{i}" for i in range(20)),
                   class_names=("0", "1"))


def bce(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p.astype(np.float64), 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def dataloader_loop(dataset: Dataset, epochs: int, batch: int, seed: int,
                    threads: int) -> tuple[float, float]:
    """(seconds, final val loss) for the loop as the tutorial writes it."""
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    model = models.build_mlp(dataset.n_features, 2, (10, 10), "relu", "bce")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = torch.nn.BCELoss()
    train = TensorDataset(torch.tensor(dataset.X_train), torch.tensor(dataset.y_train).float())
    loader = DataLoader(train, batch_size=batch, shuffle=True)
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


def project_loop(dataset: Dataset, epochs: int, batch: int, seed: int,
                 paths: set[str]) -> tuple[float, float]:
    """(seconds, final val loss) for the project's Trainer on the same configuration."""
    config = PRESETS["tutorial"].to_dict() | {"epochs": epochs, "seed": seed,
                                              "batch_size": batch}
    trainer = Trainer(TrainConfig.from_dict(config), dataset)
    started = time.perf_counter()
    records = list(trainer.epochs())
    elapsed = time.perf_counter() - started
    paths.add(getattr(trainer, "path", "autograd"))
    return elapsed, records[-1].val_loss


def sklearn_loop(dataset: Dataset, epochs: int, batch: int, seed: int,
                 one_thread: bool = False) -> tuple[float, float]:
    """(seconds, final val loss) for scikit-learn's MLPClassifier, same network and Adam;
    ``one_thread`` limits numpy's BLAS to one thread, as the trainer limits torch."""
    if one_thread:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            return sklearn_loop(dataset, epochs, batch, seed)
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(hidden_layer_sizes=(10, 10), activation="relu", solver="adam",
                          alpha=0.0, batch_size=batch, learning_rate_init=1e-3,
                          max_iter=epochs, shuffle=True, random_state=seed, tol=0.0,
                          n_iter_no_change=epochs + 1)
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(dataset.X_train, dataset.y_train)
    elapsed = time.perf_counter() - started
    return elapsed, bce(model.predict_proba(dataset.X_val)[:, 1], dataset.y_val)


def measure_section(dataset: Dataset, batch: int, epochs: int, rounds: int,
                    default_threads: int) -> dict:
    paths: set[str] = set()
    contenders: dict[str, Callable[[], tuple[float, float]]] = {
        "trainer": lambda: project_loop(dataset, epochs, batch, 0, paths),
        "dataloader": lambda: dataloader_loop(dataset, epochs, batch, 0, default_threads),
        "sklearn": lambda: sklearn_loop(dataset, epochs, batch, 0),
        "sklearn_1thread": lambda: sklearn_loop(dataset, epochs, batch, 0, one_thread=True),
    }
    for run in contenders.values():  # warm-up: first Adam step imports torch._dynamo etc.
        run()
    seconds: dict[str, list[float]] = {name: [] for name in contenders}
    losses: dict[str, float] = {}
    for _ in range(rounds):
        for name, run in contenders.items():
            elapsed, losses[name] = run()
            seconds[name].append(elapsed)
    rate = {name: epochs / statistics.median(times) for name, times in seconds.items()}
    section = {
        "rows": len(dataset.y_train), "batch": batch, "epochs": epochs, "rounds": rounds,
        "trainer_path": "/".join(sorted(paths)),
        "epochs_per_s": rate, "final_val_loss": losses,
        # Against the faster of scikit-learn's two thread settings.
        "vs_sklearn": rate["trainer"] / max(rate["sklearn"], rate["sklearn_1thread"]),
        "vs_dataloader": rate["trainer"] / rate["dataloader"],
        "loss_gap": abs(losses["trainer"] - losses["dataloader"]),
    }
    section["ok"] = (section["vs_sklearn"] >= TARGET_VS_SKLEARN
                     and section["vs_dataloader"] >= TARGET_VS_DATALOADER
                     and section["loss_gap"] <= LOSS_TOLERANCE)
    return section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5, help="epochs per timed run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds")
    parser.add_argument("--rows", type=int, default=100_000,
                        help="rows of the synthetic table (0: skip that section)")
    parser.add_argument("--big-epochs", type=int, default=2,
                        help="epochs per timed run on the synthetic table")
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
    default_threads = torch.get_num_threads()
    tutorial = tutorial_split()
    plan = [("tutorial, batch 32", tutorial, 32, args.epochs),
            ("tutorial, batch 128", tutorial, 128, args.epochs)]
    if args.rows:
        plan.append((f"synthetic {args.rows} rows, batch 128", synthetic_table(args.rows),
                     128, args.big_epochs))
    sections = {}
    for title, dataset, batch, epochs in plan:
        section = measure_section(dataset, batch, epochs, args.rounds, default_threads)
        sections[title] = section
        if not args.json:
            print(f"{title} ({epochs} epochs x {args.rounds} rounds; trainer path "
                  f"{section['trainer_path']})")
            for name, rate in section["epochs_per_s"].items():
                print(f"  {name:16s} {rate:7.2f} epochs/s   final val loss "
                      f"{section['final_val_loss'][name]:.4f}")
            print(f"  trainer: {section['vs_sklearn']:.2f}x the faster sklearn (target >= "
                  f"{TARGET_VS_SKLEARN}), {section['vs_dataloader']:.2f}x the DataLoader loop "
                  f"(>= {TARGET_VS_DATALOADER}), loss gap {section['loss_gap']:.4f} "
                  f"(<= {LOSS_TOLERANCE})  {'PASS' if section['ok'] else 'FAIL'}")
    ok = all(section["ok"] for section in sections.values())
    if args.json:
        print(json.dumps({"default_threads": default_threads, "contended": args.contended,
                          "sections": sections, "ok": ok}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
