"""Discrete distributions as the explorer edits them: presets, proportional edits, resizing."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

MIN_CLASSES = 2
MAX_CLASSES = 12

#: Preset names in menu order; the dice fix the number of classes at six.
PRESETS = ("uniform", "one-hot", "peaked", "fair die", "loaded die")
DIE_FACES = 6


def preset(name: str, k: int) -> NDArray[np.float64]:
    """The named preset with ``k`` classes (dice always have six faces)."""
    if name == "uniform":
        return np.full(k, 1.0 / k)
    if name == "one-hot":
        p = np.zeros(k)
        p[0] = 1.0
        return p
    if name == "peaked":
        # Each class half as likely as the one before: a clear favourite, a long tail.
        p = 0.5 ** np.arange(k)
        return p / p.sum()
    if name == "fair die":
        return np.full(DIE_FACES, 1.0 / DIE_FACES)
    if name == "loaded die":
        # Six comes up half the time.
        return np.array([0.1, 0.1, 0.1, 0.1, 0.1, 0.5])
    raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")


def set_probability(p: ArrayLike, index: int, value: float) -> NDArray[np.float64]:
    """Set class ``index`` to ``value`` and rescale the others so the total stays 1.

    The other classes keep their proportions; if they were all zero they share the
    remainder equally.
    """
    p = np.asarray(p, dtype=float).copy()
    if not 0 <= index < p.size:
        raise ValueError(f"class {index} does not exist in a distribution of {p.size}")
    if not np.isfinite(value):
        raise ValueError(f"probability must be a number, got {value!r}")
    value = float(np.clip(value, 0.0, 1.0))
    others = np.arange(p.size) != index
    rest = 1.0 - value
    others_total = p[others].sum()
    if others_total > 0:
        p[others] *= rest / others_total
    elif p.size > 1:
        p[others] = rest / (p.size - 1)
    else:
        value = 1.0
    p[index] = value
    return p


def resize(p: ArrayLike, k: int) -> NDArray[np.float64]:
    """Keep the first ``k`` classes (padding new ones with 0) and renormalise."""
    p = np.asarray(p, dtype=float)
    out = np.zeros(k)
    n = min(k, p.size)
    out[:n] = p[:n]
    total = out.sum()
    return out / total if total > 0 else np.full(k, 1.0 / k)


def resize_logits(z: ArrayLike, k: int) -> NDArray[np.float64]:
    """Keep the first ``k`` logits, padding new classes with 0 (they need no renormalising)."""
    z = np.asarray(z, dtype=float)
    out = np.zeros(k)
    n = min(k, z.size)
    out[:n] = z[:n]
    return out


def one_hot(k: int, index: int) -> NDArray[np.float64]:
    """A distribution with all its mass on class ``index``."""
    p = np.zeros(k)
    p[index] = 1.0
    return p


def is_one_hot(p: ArrayLike) -> bool:
    """True when one class holds (numerically) all the probability."""
    return bool(np.isclose(np.max(np.asarray(p, dtype=float)), 1.0))
