"""What a landscape computation reports, as plain numpy: its plane, the grid as it fills
in, and the interpolation. Kept apart from the computation so the window reads them without
importing torch."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PlaneReady:
    """The grid's axes and, for a PCA plane, the path drawn on it."""

    alphas: np.ndarray
    betas: np.ndarray
    path: np.ndarray | None
    """(epochs + 1, 2) path coordinates on a PCA plane (initial weights first), else None."""
    explained_variance_ratio: np.ndarray | None
    center_loss: float
    """The loss at the final weights (the grid's origin) on the chosen split."""


@dataclass(frozen=True)
class Interpolation:
    """Loss along (1 − t)·θ_initial + t·θ_final on the training and validation sets."""

    ts: np.ndarray
    train: np.ndarray
    val: np.ndarray


@dataclass(frozen=True)
class GridUpdate:
    """The grid so far: ``values`` on every ``stride``-th point, gaps filled from coarser."""

    stride: int
    values: np.ndarray
    done: int
    """Grid points evaluated so far."""
    total: int
    complete: bool
    """True once every point on this stride's sub-grid has been evaluated."""


@dataclass(frozen=True)
class LandscapeEnded:
    """The computation is over."""

    complete: bool
    """True when every grid point was computed; False when stopped."""
