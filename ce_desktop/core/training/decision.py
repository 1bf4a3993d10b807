"""Decision regions of a two-feature classifier: class probabilities on a regular grid."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import torch

# torch is imported inside decision_grid only: the UI imports DecisionGrid and grid_bounds,
# and opening the window must not pay torch's ~2 s import.

TWO_FEATURES_MESSAGE = "the decision boundary needs a data set with two features"


@dataclass(frozen=True, eq=False)  # eq=False: arrays have no single truth value
class DecisionGrid:
    """Class probabilities of a model at every point of a regular grid over the plane."""

    xs: np.ndarray
    """Grid coordinates along the first feature, ascending, shape (nx,)."""
    ys: np.ndarray
    """Grid coordinates along the second feature, ascending, shape (ny,)."""
    probabilities: np.ndarray
    """float32 (ny, nx, K): entry [i, j] is the distribution over classes at (xs[j], ys[i])."""

    @property
    def n_classes(self) -> int:
        return int(self.probabilities.shape[2])

    def predicted(self) -> np.ndarray:
        """The most probable class at each grid point, int (ny, nx)."""
        return self.probabilities.argmax(axis=2)

    def confidence(self) -> np.ndarray:
        """The probability of the most probable class at each grid point, (ny, nx)."""
        return self.probabilities.max(axis=2)

    def extent(self) -> tuple[float, float, float, float]:
        """(left, right, bottom, top) of the grid cells, each centred on its grid point."""
        # An image of the grid has one pixel per point; its edges lie half a step outside
        # the outermost points so that each pixel's centre is exactly on its point.
        half_dx = (self.xs[-1] - self.xs[0]) / (len(self.xs) - 1) / 2
        half_dy = (self.ys[-1] - self.ys[0]) / (len(self.ys) - 1) / 2
        return (float(self.xs[0] - half_dx), float(self.xs[-1] + half_dx),
                float(self.ys[0] - half_dy), float(self.ys[-1] + half_dy))


def grid_bounds(X: np.ndarray, margin: float = 0.5) -> tuple[float, float, float, float]:
    """(xmin, xmax, ymin, ymax) covering every row of the (n, 2) array X, plus ``margin``."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"{TWO_FEATURES_MESSAGE}; the points have shape {X.shape}")
    if X.shape[0] == 0:
        raise ValueError("the decision boundary needs at least one data point")
    if not np.all(np.isfinite(X)):
        raise ValueError("the data points must be finite numbers")
    if not (math.isfinite(margin) and margin >= 0):
        raise ValueError(f"margin must be a finite number >= 0, got {margin!r}")
    low = X.min(axis=0) - margin
    high = X.max(axis=0) + margin
    return float(low[0]), float(high[0]), float(low[1]), float(high[1])


def decision_grid(
    model: torch.nn.Module,
    loss: str,
    bounds: tuple[float, float, float, float],
    resolution: int = 100,
) -> DecisionGrid:
    """The model's class probabilities on a resolution × resolution grid over ``bounds``."""
    import torch

    from ce_desktop.core.training.trainer import predict_proba

    xmin, xmax, ymin, ymax = (float(b) for b in bounds)
    if not all(math.isfinite(b) for b in (xmin, xmax, ymin, ymax)):
        raise ValueError(f"grid bounds must be finite, got {tuple(bounds)}")
    if not (xmin < xmax and ymin < ymax):
        raise ValueError(f"grid bounds must satisfy xmin < xmax and ymin < ymax, got {bounds}")
    if resolution < 2:
        raise ValueError(f"resolution must be at least 2, got {resolution}")
    n_inputs = _input_features(model)
    if n_inputs is not None and n_inputs != 2:
        raise ValueError(f"{TWO_FEATURES_MESSAGE}; this model takes {n_inputs}")

    xs = np.linspace(xmin, xmax, resolution)
    ys = np.linspace(ymin, ymax, resolution)
    # meshgrid's default 'xy' indexing gives (ny, nx) arrays: row i is ys[i], as in an image.
    grid_x, grid_y = np.meshgrid(xs, ys)
    points = torch.from_numpy(
        np.column_stack([grid_x.ravel(), grid_y.ravel()]).astype(np.float32)
    )
    # Remember every submodule's flag: model.train(mode) afterwards would flatten a model
    # whose parts were deliberately in different modes.
    modes = [(module, module.training) for module in model.modules()]
    model.eval()
    try:
        with torch.no_grad():
            try:
                output = model(points)
            except RuntimeError as error:
                # A model without a Linear first layer reveals its input size only here.
                raise ValueError(f"{TWO_FEATURES_MESSAGE} ({error})") from error
            proba = predict_proba(output, loss)
    finally:
        for module, training in modes:
            module.training = training
    probabilities = proba.numpy().astype(np.float32, copy=False)
    return DecisionGrid(
        xs=xs, ys=ys, probabilities=probabilities.reshape(resolution, resolution, -1)
    )


def _input_features(model: torch.nn.Module) -> int | None:
    """The input width of the model's first layer that declares one (nn.Linear and kin)."""
    for module in model.modules():
        n = getattr(module, "in_features", None)
        if isinstance(n, int):
            return n
    return None
