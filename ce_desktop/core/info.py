"""Entropy, cross-entropy, KL divergence and the classification losses built on them.

Conventions shared by every function here:

* 0 · log 0 = 0, so classes with p = 0 contribute nothing;
* a class with q = 0 where p > 0 costs without bound: the result is ``inf``;
* bad input raises ``ValueError`` with a message that names the problem;
* ``base`` is 2 (bits), e (nats) or 10 (bans); any positive base other than 1 works,
  and a :class:`Unit` may be passed instead of a number.
"""

from __future__ import annotations

import math
from enum import Enum
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ce_desktop.core.messages import QT_TRANSLATE_NOOP, InvalidInput

#: How far a row of probabilities may sum away from 1 and still count as a distribution.
SUM_TOLERANCE = 1e-6


class Unit(Enum):
    """An information unit: the logarithm base and how to name it."""

    BITS = (2.0, "bit", "bits", "log₂")
    NATS = (math.e, "nat", "nats", "ln")
    BANS = (10.0, "ban", "bans", "log₁₀")

    def __init__(self, base: float, singular: str, plural: str, log_symbol: str) -> None:
        self.base = base
        self.singular = singular
        self.plural = plural
        self.log_symbol = log_symbol

    @classmethod
    def from_base(cls, base: float | Unit) -> Unit:
        """The unit of a logarithm base (2, e or 10)."""
        if isinstance(base, Unit):
            return base
        for unit in cls:
            if math.isclose(float(base), unit.base):
                return unit
        raise ValueError(f"no named unit for logarithm base {base!r}; use 2, e or 10")

    def name_for(self, value: float) -> str:
        """'bit' for exactly one, 'bits' otherwise."""
        return self.singular if value == 1 else self.plural


FloatOrArray = float | NDArray[np.float64]


def _log_base(base: float | Unit) -> float:
    """Natural log of the base, after checking it is a usable logarithm base."""
    value = base.base if isinstance(base, Unit) else base
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"base must be a number such as 2, e or 10, got {base!r}") from None
    if not math.isfinite(value) or value <= 0 or value == 1:
        raise ValueError(f"base must be positive, finite and not 1, got {value!r}")
    return math.log(value)


def _as_float_array(values: ArrayLike, name: str) -> NDArray[np.float64]:
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise InvalidInput(QT_TRANSLATE_NOOP("core", "{name} must contain numbers only"),
                           name=name) from None
    if arr.ndim == 0:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "core", "{name} must be an array of values, got the single number {value!r}"),
            name=name, value=arr.item())
    if arr.size == 0:
        raise InvalidInput(QT_TRANSLATE_NOOP("core", "{name} is an empty array"), name=name)
    if not np.all(np.isfinite(arr)):
        where = _first_index(~np.isfinite(arr))
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "core", "{name} contains NaN or infinity at index {index}"), name=name, index=where)
    return arr


def _first_index(mask: NDArray[np.bool_]) -> Any:
    index = tuple(int(i) for i in np.argwhere(mask)[0])
    return index[0] if len(index) == 1 else index


def _as_distribution(values: ArrayLike, name: str) -> NDArray[np.float64]:
    """Check that the last axis holds probability distributions."""
    arr = _as_float_array(values, name)
    if np.any(arr < 0):
        where = _first_index(arr < 0)
        value = arr[where]
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "core", "{name} has a negative entry {value:g} at index {index}"),
            name=name, value=float(value), index=where)
    sums = arr.sum(axis=-1)
    bad = np.abs(sums - 1.0) > SUM_TOLERANCE
    if np.any(bad):
        if arr.ndim == 1:
            raise InvalidInput(QT_TRANSLATE_NOOP("core", "{name} sums to {total:.9g}, not 1"),
                               name=name, total=float(sums))
        row = _first_index(bad)
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "core", "{name} row {row} sums to {total:.9g}, not 1"),
            name=name, row=row, total=float(sums[row]))
    return arr


def _check_same_shape(a: NDArray[Any], b: NDArray[Any], name_a: str, name_b: str) -> None:
    if a.shape != b.shape:
        raise ValueError(f"{name_a} has shape {a.shape} but {name_b} has shape {b.shape}")


def _scalar_or_array(values: NDArray[np.float64]) -> FloatOrArray:
    return float(values) if values.ndim == 0 else values


def _xlogy(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    """x · ln y with 0 · ln y = 0 for every y, and x · ln 0 = -inf for x > 0."""
    with np.errstate(divide="ignore"):
        logs = np.log(np.where(x > 0, y, 1.0))
    return np.where(x > 0, x * logs, 0.0)


def entropy(p: ArrayLike, base: float | Unit = 2) -> FloatOrArray:
    """Shannon entropy H(p) = −Σ p log p of a distribution (or of each row)."""
    log_b = _log_base(base)
    p = _as_distribution(p, "p")
    # 0.0 − x rather than −x: a certain outcome has entropy 0, not "−0".
    return _scalar_or_array((0.0 - _xlogy(p, p).sum(axis=-1)) / log_b)


def cross_entropy_terms(
    p: ArrayLike, q: ArrayLike, base: float | Unit = 2
) -> NDArray[np.float64]:
    """The per-class terms −p_i log q_i whose sum is H(p, q)."""
    log_b = _log_base(base)
    p = _as_distribution(p, "p")
    q = _as_distribution(q, "q")
    _check_same_shape(p, q, "p", "q")
    return (0.0 - _xlogy(p, q)) / log_b


def cross_entropy(p: ArrayLike, q: ArrayLike, base: float | Unit = 2) -> FloatOrArray:
    """Cross-entropy H(p, q) = −Σ p log q: the cost of coding p with a code built for q."""
    return _scalar_or_array(cross_entropy_terms(p, q, base).sum(axis=-1))


def kl_divergence(p: ArrayLike, q: ArrayLike, base: float | Unit = 2) -> FloatOrArray:
    """Kullback–Leibler divergence KL(p‖q) = Σ p log(p/q) ≥ 0."""
    log_b = _log_base(base)
    p = _as_distribution(p, "p")
    q = _as_distribution(q, "q")
    _check_same_shape(p, q, "p", "q")
    ratio = np.divide(p, q, out=np.full_like(p, np.inf), where=q > 0)
    kl = _xlogy(p, ratio).sum(axis=-1) / log_b
    # KL is never negative; rounding of p/q ≈ 1 can leave −1e-17, which would read as "−0".
    return _scalar_or_array(np.maximum(kl, 0.0))


def binary_cross_entropy(
    y_true: ArrayLike, p_pred: ArrayLike, base: float | Unit = math.e
) -> float:
    """Mean binary cross-entropy −[y log p + (1−y) log(1−p)] over samples.

    ``y_true`` may hold hard labels (0/1) or soft labels in [0, 1]. Probabilities are not
    clipped: a prediction of exactly 0 for a positive sample costs ``inf``.
    """
    log_b = _log_base(base)
    y = _as_float_array(y_true, "y_true").ravel()
    p = _as_float_array(p_pred, "p_pred").ravel()
    if np.shape(y_true) != np.shape(p_pred):
        raise ValueError(
            f"y_true has shape {np.shape(y_true)} but p_pred has shape {np.shape(p_pred)}"
        )
    for arr, name in ((y, "y_true"), (p, "p_pred")):
        outside = (arr < 0) | (arr > 1)
        if np.any(outside):
            i = _first_index(outside)
            raise ValueError(f"{name} has the value {arr[i]:g} at index {i}, outside [0, 1]")
    losses = 0.0 - (_xlogy(y, p) + _xlogy(1.0 - y, 1.0 - p))
    return float(losses.mean() / log_b)


def categorical_cross_entropy(
    y_true: ArrayLike, p_pred: ArrayLike, base: float | Unit = math.e
) -> float:
    """Mean categorical cross-entropy −Σ_k y_k log p_k over samples.

    ``p_pred`` holds one distribution per row (a single 1-D distribution is one sample).
    ``y_true`` is either class indices (one per row) or rows of the same shape as
    ``p_pred`` (one-hot or soft labels).
    """
    log_b = _log_base(base)
    y_given = np.asarray(y_true)
    p = _as_distribution(p_pred, "p_pred")
    if p.ndim > 2:
        raise ValueError(f"p_pred must be one distribution or a 2-D array of rows, got {p.shape}")
    rows_given = y_given.ndim == p.ndim
    if p.ndim == 1:
        p = p[np.newaxis, :]
    n, k = p.shape
    if rows_given:
        y = _as_distribution(y_given, "y_true")
        if y.ndim == 1:
            y = y[np.newaxis, :]
        _check_same_shape(y, p, "y_true", "p_pred")
        losses = 0.0 - _xlogy(y, p).sum(axis=1)
    elif y_given.ndim == p.ndim - 1 or (y_given.ndim == 0 and n == 1):
        labels = _as_class_indices(y_given, k)
        if labels.shape[0] != n:
            raise ValueError(f"y_true has {labels.shape[0]} labels but p_pred has {n} rows")
        chosen = p[np.arange(n), labels]
        with np.errstate(divide="ignore"):
            losses = 0.0 - np.log(chosen)
    else:
        raise ValueError(
            f"y_true has shape {y_given.shape}; expected class indices of shape ({n},) "
            f"or rows of shape {p.shape}"
        )
    return float(losses.mean() / log_b)


def _as_class_indices(y: NDArray[Any], k: int) -> NDArray[np.int64]:
    labels = _as_float_array(np.atleast_1d(y), "y_true").ravel()
    fractional = labels != np.round(labels)
    if np.any(fractional):
        i = _first_index(fractional)
        raise ValueError(f"y_true[{i}] = {labels[i]:g} is not a class index")
    outside = (labels < 0) | (labels > k - 1)
    if np.any(outside):
        i = _first_index(outside)
        raise ValueError(
            f"label {labels[i]:g} in y_true[{i}] is outside 0..{k - 1} ({k} classes)"
        )
    return labels.astype(np.int64)


def softmax(logits: ArrayLike, temperature: float = 1.0) -> NDArray[np.float64]:
    """softmax(z / T) along the last axis; stable for logits of any finite size."""
    z = _as_float_array(logits, "logits")
    if not (math.isfinite(temperature) and temperature > 0):
        raise ValueError(f"temperature must be positive and finite, got {temperature!r}")
    z = z / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def label_smoothing(one_hot: ArrayLike, eps: float) -> NDArray[np.float64]:
    """(1 − ε) · y + ε / K: the target that label smoothing trains towards."""
    y = _as_distribution(one_hot, "one_hot")
    if not (0.0 <= eps <= 1.0):
        raise ValueError(f"label smoothing eps must lie in [0, 1], got {eps!r}")
    k = y.shape[-1]
    return (1.0 - eps) * y + eps / k


def perplexity(p: ArrayLike, base: float | Unit = 2) -> FloatOrArray:
    """base ** H(p): the effective number of equally likely classes (the same in any base)."""
    b = math.exp(_log_base(base))
    return b ** entropy(p, base)
