"""Helpers for per-epoch series as the plots show them."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray


def ema(values: ArrayLike, alpha: float) -> NDArray[np.float64]:
    """Exponential moving average s_t = α·x_t + (1 − α)·s_{t−1}, starting at s_0 = x_0."""
    if not 0 < alpha <= 1:
        raise ValueError(f"smoothing factor must lie in (0, 1], got {alpha!r}")
    x = np.asarray(values, dtype=float)
    out = np.empty_like(x)
    for i, value in enumerate(x):
        out[i] = value if i == 0 else alpha * value + (1 - alpha) * out[i - 1]
    return out


def bits_learned(baseline_nats: float, loss_nats: float) -> float:
    """How many bits per sample a model gains over ignoring its inputs."""
    return (baseline_nats - loss_nats) / math.log(2)
