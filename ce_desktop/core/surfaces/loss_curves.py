"""Per-sample loss curves: BCE and MSE against p, their logit gradients, categorical CE.

Every loss here is for one sample, in nats. Binary losses are functions of the predicted
probability p = σ(z); their gradients are taken with respect to the logit z, as a network
with a sigmoid head sees them. The categorical curve fixes the other K − 1 logits at 0 and
varies the true-class logit. Label smoothing follows PyTorch's
``cross_entropy(label_smoothing=ε)``: the target is (1 − ε)·onehot + ε/K.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: Points in the probability grid the curves are drawn on: a step of 0.002, so the curves
#: still reach past the plotted 5 nats (one slider move and repaint: 34 ms, 39 ms at 999).
GRID_POINTS = 499


def _check_unit_interval(value: float, name: str) -> float:
    value = float(value)
    if not (0.0 <= value <= 1.0):
        raise ValueError(f"{name} must lie in [0, 1], got {value!r}")
    return value


def _check_classes(k: int) -> int:
    if int(k) != k or k < 1:
        raise ValueError(f"the number of classes K must be a positive integer, got {k!r}")
    return int(k)


def probability_grid(n: int = GRID_POINTS) -> NDArray[np.float64]:
    """``n`` evenly spaced probabilities strictly inside (0, 1).

    The end points are left out on purpose: BCE is infinite at p = 0 and p = 1 for a hard
    label, and a plotted curve must be finite; the plot's axis range clips the rise instead.
    """
    return np.linspace(0.0, 1.0, n + 2)[1:-1]


def sigmoid(z: ArrayLike) -> NDArray[np.float64]:
    """1 / (1 + e^−z) without overflow for logits of any size."""
    z = np.asarray(z, dtype=float)
    # e^−|z| never overflows; each branch then divides by a number in [1, 2].
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def logit(p: ArrayLike) -> NDArray[np.float64]:
    """log(p / (1 − p)): the logit z with σ(z) = p; ±inf at p = 1 and p = 0."""
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore"):
        return np.log(p) - np.log1p(-p)


def smoothed_binary_target(y: float, eps: float) -> float:
    """y(1 − ε) + ε/2: the target of a binary label y under label smoothing ε (K = 2)."""
    y = _check_unit_interval(y, "the label y")
    eps = _check_unit_interval(eps, "label smoothing ε")
    return y * (1.0 - eps) + eps / 2.0


def _xlogy(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    """x · log y with 0 · log 0 = 0 (and 0 · log anything = 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x == 0, 0.0, x * np.log(np.where(x == 0, 1.0, y)))


def bce(p: ArrayLike, y: ArrayLike) -> NDArray[np.float64]:
    """−[y log p + (1 − y) log(1 − p)] elementwise; inf (never nan) where p leaves no room for y."""
    p = np.asarray(p, dtype=float)
    y = np.asarray(y, dtype=float)
    return 0.0 - (_xlogy(y, p) + _xlogy(1.0 - y, 1.0 - p))


def mse(p: ArrayLike, y: ArrayLike) -> NDArray[np.float64]:
    """(y − p)² elementwise."""
    return np.square(np.asarray(y, dtype=float) - np.asarray(p, dtype=float))


def bce_logit_gradient(p: ArrayLike, y: ArrayLike) -> NDArray[np.float64]:
    """∂BCE/∂z = p − y when p = σ(z): as large as the error itself."""
    return np.asarray(p, dtype=float) - np.asarray(y, dtype=float)


def mse_logit_gradient(p: ArrayLike, y: ArrayLike) -> NDArray[np.float64]:
    """∂(y − σ(z))²/∂z = 2(p − y)·p(1 − p): the sigmoid's slope p(1 − p) damps it at both ends."""
    p = np.asarray(p, dtype=float)
    return 2.0 * (p - np.asarray(y, dtype=float)) * p * (1.0 - p)


def binary_entropy(p: float) -> float:
    """H(p) = −p log p − (1 − p) log(1 − p) in nats."""
    return float(bce(p, p))


@dataclass(frozen=True)
class BinaryLosses:
    """BCE, MSE and their gradients with respect to the logit, for one target y."""

    p: NDArray[np.float64]
    y: float
    bce: NDArray[np.float64]
    mse: NDArray[np.float64]
    bce_gradient: NDArray[np.float64]
    mse_gradient: NDArray[np.float64]


def binary_losses(p: ArrayLike, y: float) -> BinaryLosses:
    """Every binary curve for target ``y`` at probabilities ``p`` (a scalar gives 0-d arrays)."""
    y = _check_unit_interval(y, "the target y")
    p_arr = np.asarray(p, dtype=float)
    if np.any((p_arr < 0) | (p_arr > 1)):
        raise ValueError("predicted probabilities p must lie in [0, 1]")
    return BinaryLosses(
        p=p_arr,
        y=y,
        bce=bce(p_arr, y),
        mse=mse(p_arr, y),
        bce_gradient=bce_logit_gradient(p_arr, y),
        mse_gradient=mse_logit_gradient(p_arr, y),
    )


@dataclass(frozen=True)
class BinaryMinimum:
    """Where BCE for a (soft, smoothed) target is smallest, and how small it gets."""

    p: float
    """The minimising prediction: the smoothed target itself (MSE is minimised there too)."""
    bce: float
    """The smallest BCE: the binary entropy of the target, 0 only for a hard target."""


def binary_minimum(y: float, eps: float = 0.0) -> BinaryMinimum:
    """The minimum of BCE(p; y′) over p, with y′ = y(1 − ε) + ε/2."""
    target = smoothed_binary_target(y, eps)
    return BinaryMinimum(p=target, bce=binary_entropy(target))


@dataclass(frozen=True)
class BinaryCurves:
    """Everything the binary plots draw: hard labels 1 and 0, and the chosen target y′."""

    p: NDArray[np.float64]
    label: float
    eps: float
    positive: BinaryLosses
    negative: BinaryLosses
    target: BinaryLosses
    minimum: BinaryMinimum

    def series(self, *, gradient: bool = False) -> tuple[NDArray[np.float64], ...]:
        """The six curves (or their gradients) in the order the plots draw them: BCE for
        y = 1 and y = 0, MSE for y = 1 and y = 0, then BCE and MSE at the target y′."""
        kinds = ("bce_gradient", "mse_gradient") if gradient else ("bce", "mse")
        return tuple(getattr(losses, kind) for kind in kinds
                     for losses in (self.positive, self.negative)) + tuple(
            getattr(self.target, kind) for kind in kinds)


def binary_curves(y: float, eps: float = 0.0, n: int = GRID_POINTS) -> BinaryCurves:
    """Curves on :func:`probability_grid` for y = 1, y = 0 and the smoothed target of ``y``."""
    p = probability_grid(n)
    minimum = binary_minimum(y, eps)
    return BinaryCurves(
        p=p,
        label=float(y),
        eps=float(eps),
        positive=binary_losses(p, 1.0),
        negative=binary_losses(p, 0.0),
        target=binary_losses(p, minimum.p),
        minimum=minimum,
    )


def smoothed_true_class_target(k: int, eps: float) -> float:
    """(1 − ε) + ε/K: the true class's share of the smoothed target."""
    k = _check_classes(k)
    eps = _check_unit_interval(eps, "label smoothing ε")
    return 1.0 - eps + eps / k


@dataclass(frozen=True)
class CategoricalLosses:
    """Categorical CE as the true-class logit varies, the other K − 1 logits fixed at 0."""

    z: NDArray[np.float64]
    k: int
    eps: float
    p_true: NDArray[np.float64]
    """softmax(z)_true: the predicted probability of the true class."""
    ce: NDArray[np.float64]
    gradient: NDArray[np.float64]
    """∂CE/∂z_true = softmax(z)_true − target_true."""


def categorical_losses(z_true: ArrayLike, k: int, eps: float = 0.0) -> CategoricalLosses:
    """−Σ_j t_j log softmax(z)_j with z = (z_true, 0, …, 0) and t the smoothed one-hot target."""
    k = _check_classes(k)
    t = smoothed_true_class_target(k, eps)
    z = np.asarray(z_true, dtype=float)
    if k == 1:
        # One class: softmax is 1 whatever the logit, so the loss is identically zero.
        zeros = np.zeros_like(z)
        return CategoricalLosses(z=z, k=k, eps=float(eps), p_true=zeros + 1.0, ce=zeros,
                                 gradient=zeros)
    # The other logits are 0, so their smoothed targets multiply zero and only
    # logsumexp(z) − t·z_true remains; logsumexp = logaddexp(z_true, log(K − 1)). Split as
    # max + log1p so that (1 − t)·z is formed directly: no cancellation of two huge terms.
    c = math.log(k - 1)
    ce = np.where(z > c, (1.0 - t) * z, c - t * z) + np.log1p(np.exp(-np.abs(z - c)))
    p_true = sigmoid(z - c)
    return CategoricalLosses(z=z, k=k, eps=float(eps), p_true=p_true, ce=ce,
                             gradient=p_true - t)


@dataclass(frozen=True)
class CategoricalMinimum:
    """Where categorical CE against the true-class logit is smallest."""

    z: float
    """The minimising logit: +inf without smoothing (the loss only tends to its infimum),
    nan for K = 1 (the loss is 0 at every logit)."""
    ce: float
    """The smallest loss (the infimum when z is inf): the entropy of the smoothed target."""


def categorical_minimum(k: int, eps: float = 0.0) -> CategoricalMinimum:
    """Minimum over z_true of :func:`categorical_losses`: where softmax(z)_true = target_true."""
    k = _check_classes(k)
    t = smoothed_true_class_target(k, eps)
    if k == 1:
        return CategoricalMinimum(z=math.nan, ce=0.0)
    other = (1.0 - t) / (k - 1)
    if other == 0:
        return CategoricalMinimum(z=math.inf, ce=0.0)
    # At the minimum the prediction equals the target, so the loss is the target's entropy.
    entropy = -(t * math.log(t)) - (k - 1) * other * math.log(other)
    # softmax(z)_true = e^z / (e^z + K − 1) = t  ⇔  z = log(t (K − 1) / (1 − t)).
    return CategoricalMinimum(z=math.log(t) - math.log(other), ce=max(entropy, 0.0))


@dataclass(frozen=True)
class CategoricalCurves:
    """The categorical plot: CE without smoothing, CE with ε, and the smoothed minimum."""

    z: NDArray[np.float64]
    k: int
    eps: float
    plain: CategoricalLosses
    smoothed: CategoricalLosses
    minimum: CategoricalMinimum
    uniform: float
    """log K: the loss when every logit is equal (z_true = 0)."""


def categorical_curves(
    k: int, eps: float = 0.0, z_range: tuple[float, float] = (-8.0, 12.0),
    n: int = GRID_POINTS,
) -> CategoricalCurves:
    """Curves over ``n`` true-class logits spanning ``z_range``."""
    z = np.linspace(z_range[0], z_range[1], n)
    return CategoricalCurves(
        z=z,
        k=_check_classes(k),
        eps=float(eps),
        plain=categorical_losses(z, k, 0.0),
        smoothed=categorical_losses(z, k, eps),
        minimum=categorical_minimum(k, eps),
        uniform=math.log(k),
    )
