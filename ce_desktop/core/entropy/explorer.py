"""Every number the entropy explorer shows, computed in one place."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal, get_args

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ce_desktop.core import info
from ce_desktop.core.info import Unit

#: Where the explorer's q comes from: typed directly, a softmax of logits, or smoothed p.
QSource = Literal["direct", "logits", "smoothing"]
Q_SOURCES: tuple[str, ...] = get_args(QSource)


@dataclass(frozen=True)
class ExplorerState:
    """What the entropy explorer shows, all of it: enough to show the comparison again."""

    p: tuple[float, ...]
    q: tuple[float, ...]
    """q as typed in; what is compared is q, a softmax of the logits or smoothed p, by
    ``q_source``."""
    logits: tuple[float, ...]
    q_source: QSource = "direct"
    temperature: float = 1.0
    epsilon: float = 0.1
    unit: Unit = Unit.BITS

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (an experiment file's "entropy" section)."""
        return {"p": list(self.p), "q": list(self.q), "logits": list(self.logits),
                "q_source": self.q_source, "temperature": self.temperature,
                "epsilon": self.epsilon, "unit": self.unit.name}


@dataclass(frozen=True)
class Comparison:
    """H(p), H(q), H(p,q), both KL directions and per-class terms, in one unit."""

    unit: Unit
    entropy_p: float
    entropy_q: float
    cross_entropy: float
    kl_pq: float
    kl_qp: float
    perplexity_p: float
    perplexity_q: float
    log_k: float
    contributions: NDArray[np.float64]
    """−p_i log q_i per class; these sum to H(p, q)."""
    infinite_classes: tuple[int, ...]
    """Classes with q_i = 0 < p_i, each of which makes H(p, q) infinite."""


def compare(p: ArrayLike, q: ArrayLike, unit: Unit = Unit.BITS) -> Comparison:
    """Everything the explorer reads out about a pair of distributions."""
    p_arr = np.asarray(p, dtype=float)
    q_arr = np.asarray(q, dtype=float)
    base = unit.base
    contributions = info.cross_entropy_terms(p_arr, q_arr, base)
    infinite = tuple(int(i) for i in np.flatnonzero((p_arr > 0) & (q_arr == 0)))
    return Comparison(
        unit=unit,
        entropy_p=float(info.entropy(p_arr, base)),
        entropy_q=float(info.entropy(q_arr, base)),
        cross_entropy=float(contributions.sum()),
        kl_pq=float(info.kl_divergence(p_arr, q_arr, base)),
        kl_qp=float(info.kl_divergence(q_arr, p_arr, base)),
        perplexity_p=float(info.perplexity(p_arr, base)),
        perplexity_q=float(info.perplexity(q_arr, base)),
        log_k=math.log(p_arr.size) / math.log(base),
        contributions=contributions,
        infinite_classes=infinite,
    )


@dataclass(frozen=True)
class CoinReadout:
    """A coin with P(heads) = p: its entropy and the surprise of each face."""

    p: float
    entropy: float
    surprise_heads: float
    surprise_tails: float


def coin(p: float, unit: Unit = Unit.BITS) -> CoinReadout:
    """Entropy and per-outcome surprise −log P of a coin with P(heads) = p."""
    if not (0.0 <= p <= 1.0):
        raise ValueError(f"P(heads) must lie in [0, 1], got {p!r}")
    log_b = math.log(unit.base)

    def surprise(prob: float) -> float:
        return math.inf if prob == 0 else -math.log(prob) / log_b

    return CoinReadout(
        p=p,
        entropy=float(info.entropy([p, 1.0 - p], unit.base)),
        surprise_heads=surprise(p),
        surprise_tails=surprise(1.0 - p),
    )


def binary_entropy_curve(
    unit: Unit = Unit.BITS, points: int = 401
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The binary entropy function H(p) sampled on [0, 1], ends included."""
    p = np.linspace(0.0, 1.0, points)
    h = info.entropy(np.column_stack([p, 1.0 - p]), unit.base)
    return p, np.asarray(h)


def coin_surprise_curves(
    unit: Unit = Unit.BITS, points: int = 401
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """p on [0, 1] with the surprise −log p of heads and −log(1 − p) of tails (∞ at 0).

    What :func:`coin` gives point by point, for a whole curve at once: 401 calls of
    :func:`coin` cost the GUI thread 8 ms when idle and far more while training competes.
    """
    p = np.linspace(0.0, 1.0, points)
    log_b = math.log(unit.base)
    with np.errstate(divide="ignore"):
        heads = -np.log(p) / log_b
        tails = -np.log1p(-p) / log_b
    return p, heads, tails
