"""Logistic regression with two weights: its BCE and MSE loss surfaces, gradients and descent.

The model is p = sigmoid(w · x) with w = (w₁, w₂) and **no bias**, so that every model is one
point of a plane and the whole loss surface can be drawn. The boundary w · x = 0 then passes
through the origin; the data sets here are centred (the trainer's are standardised), so a
line through the origin is a fair model for them.

numpy only: no Qt, and no torch or scikit-learn at import time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from ce_desktop.core.jobs import Control, Emit

if TYPE_CHECKING:
    from ce_desktop.core.data import Dataset

Loss = Literal["bce", "mse"]
LOSSES: tuple[str, ...] = ("bce", "mse")
#: This module's own data sets (numpy, instant); the panel adds the trainer's 2-D ones.
DATASETS: tuple[str, ...] = ("separable", "noisy", "xor")
#: Where the classes of "separable" and "noisy" sit: ± this point, so the best boundary is
#: the line through the origin perpendicular to it.
CLASS_CENTRE = (1.0, 0.6)
#: Logits evaluated per chunk of grid points. Small chunks stay in the CPU cache: 64 k
#: elements per chunk computed both 101 × 101 surfaces on 200 points in ~25 ms, one chunk of
#: 2 M elements took ~45 ms (and ~250 ms when its memory was fresh).
CHUNK_ELEMENTS = 65_536
#: Floor for log10 of a loss: a perfect fit has loss → 0, whose logarithm is −∞.
LOG_FLOOR = 1e-6


# --------------------------------------------------------------------------- data


def make_data(name: str, seed: int = 0, n_samples: int = 200) -> tuple[np.ndarray, np.ndarray]:
    """X (n, 2) float64 and y (n,) in {0, 1} for "separable", "noisy" or "xor"."""
    if name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; choose one of {', '.join(DATASETS)}")
    if n_samples < 4:
        raise ValueError(f"n_samples must be at least 4, got {n_samples}")
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.arange(n_samples) % 2)
    sign = np.where(y == 1, 1.0, -1.0)[:, None]
    if name == "xor":
        # Four clusters at (±1, ±1); class 1 where both coordinates share a sign. No line
        # through the origin separates them: the best a linear model does is chance.
        first = rng.choice([-1.0, 1.0], size=n_samples)
        centres = np.column_stack([first, first * sign[:, 0]])
        return centres + rng.normal(scale=0.35, size=(n_samples, 2)), y
    spread = 0.45 if name == "separable" else 1.1
    centres = sign * np.asarray(CLASS_CENTRE)
    return centres + rng.normal(scale=spread, size=(n_samples, 2)), y


def dataset_xy(dataset: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """The training X (n, 2) and y (n,) of a two-feature, two-class :class:`Dataset`."""
    if not dataset.is_2d:
        raise ValueError(
            f"the loss surface needs a data set with two features; {dataset.name!r} has "
            f"{dataset.n_features}"
        )
    if not dataset.is_binary:
        raise ValueError(
            f"logistic regression needs two classes; {dataset.name!r} has {dataset.n_classes}"
        )
    return check_xy(dataset.X_train, dataset.y_train)


@dataclass(frozen=True)
class TwoFeatureData:
    """A data set made for the surfaces: X (n, 2) and y (n,) of 0s and 1s."""

    X: np.ndarray
    y: np.ndarray


@dataclass(frozen=True)
class TrainerDataJob:
    """Make one of the trainer's two-feature data sets (it needs scikit-learn, so it runs
    in the worker process): emits TwoFeatureData."""

    key: str
    seed: int
    n_samples: int

    def run(self, control: Control, emit: Emit) -> None:
        from ce_desktop.core.data import make_dataset

        X, y = dataset_xy(make_dataset(self.key, n_samples=self.n_samples, seed=self.seed))
        emit(TwoFeatureData(X, y))


def check_xy(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """X as float64 (n, 2) and y as float64 (n,) of 0s and 1s, or a ValueError saying why not."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2); got {X.shape}")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y has shape {y.shape}; expected ({X.shape[0]},)")
    if X.shape[0] == 0:
        raise ValueError("the data set is empty")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("labels must be 0 or 1")
    if not np.isfinite(X).all():
        raise ValueError("X has infinite or missing values")
    return X, y.astype(np.float64)


def weight_grid(extent: float, resolution: int) -> np.ndarray:
    """``resolution`` evenly spaced weights from −extent to +extent (0 included when odd)."""
    if not extent > 0:
        raise ValueError(f"extent must be positive, got {extent}")
    if resolution < 2:
        raise ValueError(f"resolution must be at least 2, got {resolution}")
    return np.linspace(-extent, extent, resolution)


# --------------------------------------------------------------------------- losses


def _check_losses(losses: Sequence[str]) -> None:
    for loss in losses:
        if loss not in LOSSES:
            raise ValueError(f"unknown loss {loss!r}; choose one of {', '.join(LOSSES)}")


def _sample_losses(z: np.ndarray, y: np.ndarray, losses: Sequence[str]) -> dict[str, np.ndarray]:
    """Per-sample losses for logits z (..., n) and labels y (n,), one array per loss named."""
    _check_losses(losses)
    # One exp serves both losses. e = e^−|z| lies in (0, 1], so nothing overflows: w = ±1000
    # gives a large finite BCE, not log(0) = −inf or inf − inf = nan.
    e = np.exp(-np.abs(z))
    out = {}
    if "bce" in losses:
        # −[y log σ(z) + (1−y) log(1−σ(z))] = softplus(z) − y·z, softplus(z) = max(z, 0) + log1p(e)
        out["bce"] = np.maximum(z, 0.0) + np.log1p(e) - y * z
    if "mse" in losses:
        r = 1.0 / (1.0 + e)
        p = np.where(z >= 0, r, e * r)
        out["mse"] = (p - y) ** 2
    return out


def loss_value(X: np.ndarray, y: np.ndarray, w: Sequence[float], loss: Loss) -> float:
    """The mean loss of the model w over (X, y)."""
    X, y = check_xy(X, y)
    z = X @ np.asarray(w, dtype=np.float64)
    return float(_sample_losses(z, y, (loss,))[loss].mean())


def loss_surfaces(
    X: np.ndarray,
    y: np.ndarray,
    w1_values: Sequence[float],
    w2_values: Sequence[float],
    losses: Sequence[Loss] = ("bce", "mse"),
) -> dict[str, np.ndarray]:
    """:func:`loss_surface` for several losses at once, sharing the logits; by loss name."""
    X, y = check_xy(X, y)
    w1 = np.asarray(w1_values, dtype=np.float64)
    w2 = np.asarray(w2_values, dtype=np.float64)
    if w1.ndim != 1 or w2.ndim != 1 or not w1.size or not w2.size:
        raise ValueError("w1_values and w2_values must be non-empty 1-D sequences")
    _check_losses(losses)
    g1, g2 = np.meshgrid(w1, w2, indexing="ij")
    weights = np.column_stack([g1.ravel(), g2.ravel()])
    out = {loss: np.empty(len(weights)) for loss in losses}
    rows = max(1, CHUNK_ELEMENTS // len(X))
    for start in range(0, len(weights), rows):
        z = weights[start:start + rows] @ X.T  # (rows, n): a block of grid points at once
        for loss, values in _sample_losses(z, y, losses).items():
            out[loss][start:start + rows] = values.mean(axis=1)
    return {loss: values.reshape(len(w1), len(w2)) for loss, values in out.items()}


def loss_surface(
    X: np.ndarray,
    y: np.ndarray,
    w1_values: Sequence[float],
    w2_values: Sequence[float],
    loss: Loss,
) -> np.ndarray:
    """Mean loss on the grid: entry [i, j] is the loss of w = (w1_values[i], w2_values[j])."""
    return loss_surfaces(X, y, w1_values, w2_values, (loss,))[loss]


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + e^−z) without overflow warnings for large |z|."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=np.float64)))


def accuracy(X: np.ndarray, y: np.ndarray, w: Sequence[float]) -> float:
    """The fraction of points on their class's side of the boundary (w · x > 0 means class 1)."""
    X, y = check_xy(X, y)
    return float(np.mean((X @ np.asarray(w, dtype=np.float64) > 0) == (y == 1)))


def loss_gradient(X: np.ndarray, y: np.ndarray, w: Sequence[float], loss: Loss) -> np.ndarray:
    """∂(mean loss)/∂w, shape (2,)."""
    X, y = check_xy(X, y)
    return _gradient(X, y, np.asarray(w, dtype=np.float64), loss)


def _gradient(X: np.ndarray, y: np.ndarray, w: np.ndarray, loss: str) -> np.ndarray:
    _check_losses((loss,))
    p = sigmoid(X @ w)
    residual = p - y
    if loss == "mse":
        # The extra σ'(z) = p(1−p) is what flattens MSE where the sigmoid saturates.
        residual = 2.0 * residual * p * (1.0 - p)
    return X.T @ residual / len(y)


def gradient_descent(
    X: np.ndarray, y: np.ndarray, w0: Sequence[float], loss: Loss, lr: float, steps: int
) -> np.ndarray:
    """Plain full-batch gradient descent from w0; the path, shape (steps + 1, 2)."""
    X, y = check_xy(X, y)
    if not lr > 0:
        raise ValueError(f"the learning rate must be positive, got {lr}")
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    path = np.empty((steps + 1, 2))
    path[0] = np.asarray(w0, dtype=np.float64)
    for k in range(steps):
        path[k + 1] = path[k] - lr * _gradient(X, y, path[k], loss)
    return path


# --------------------------------------------------------------------------- drawing aids


def decision_boundary(
    w: Sequence[float], bounds: tuple[float, float, float, float]
) -> np.ndarray | None:
    """Where the line w · x = 0 crosses the box (xmin, xmax, ymin, ymax): a (2, 2) array of
    its two endpoints, or None when w = 0 (no boundary) or the line misses the box."""
    w1, w2 = (float(v) for v in w)
    xmin, xmax, ymin, ymax = bounds
    direction = np.array([-w2, w1])
    if not np.any(direction):
        return None
    # Liang–Barsky clipping of the infinite line t·direction (it passes through the origin).
    lo, hi = -np.inf, np.inf
    for d, low, high in ((direction[0], xmin, xmax), (direction[1], ymin, ymax)):
        if d == 0:
            if not low <= 0 <= high:
                return None
            continue
        t1, t2 = sorted((low / d, high / d))
        lo, hi = max(lo, t1), min(hi, t2)
    if lo > hi:
        return None
    return np.array([lo * direction, hi * direction])


def class_one_direction(w: Sequence[float]) -> np.ndarray | None:
    """The unit normal w/|w| of the boundary: it points to the side predicted as class 1.

    A boundary line alone does not say which side is which: w and −w draw the same line but
    predict opposite classes. None for w = 0.
    """
    w = np.asarray(w, dtype=np.float64)
    norm = float(np.hypot(w[0], w[1]))
    return None if norm == 0 else w / norm


def data_bounds(X: np.ndarray, margin: float = 0.5) -> tuple[float, float, float, float]:
    """(xmin, xmax, ymin, ymax) of the points, widened by ``margin`` on every side."""
    X = np.asarray(X, dtype=np.float64)
    return (
        float(X[:, 0].min() - margin), float(X[:, 0].max() + margin),
        float(X[:, 1].min() - margin), float(X[:, 1].max() + margin),
    )


def log10_loss(values: np.ndarray, floor: float = LOG_FLOOR) -> np.ndarray:
    """log10 of the losses, with values below ``floor`` raised to it."""
    return np.log10(np.maximum(np.asarray(values, dtype=np.float64), floor))


def shared_levels(*surfaces: np.ndarray) -> tuple[float, float]:
    """One (low, high) colour range covering the finite values of every surface."""
    finite = [s[np.isfinite(s)] for s in surfaces]
    finite = [f for f in finite if f.size]
    if not finite:
        return 0.0, 1.0
    low = float(min(f.min() for f in finite))
    high = float(max(f.max() for f in finite))
    if high <= low:
        # A flat surface still needs a range for the colour map to span.
        high = low + 1.0
    return low, high


def log_ticks(low: float, high: float) -> list[float]:
    """Losses for the ticks of a log10 colour scale spanning [low, high] (in log10 units).

    Powers of ten, with 2× and 5× between them when the range covers fewer than four decades,
    so that a short scale still gets a few readable ticks.
    """
    first, last = math.floor(low), math.ceil(high)
    factors = (1.0,) if high - low >= 4 else (1.0, 2.0, 5.0)
    values = [f * 10.0**k for k in range(first, last + 1) for f in factors]
    # A little slack keeps a tick that sits exactly on an end despite rounding.
    return [v for v in values if low - 1e-9 <= math.log10(v) <= high + 1e-9]


def contour_levels(low: float, high: float, count: int = 6) -> np.ndarray:
    """``count`` evenly spaced levels strictly between low and high."""
    return np.linspace(low, high, count + 2)[1:-1]
