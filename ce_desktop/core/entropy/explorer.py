"""Every number the entropy explorer shows, computed in one place."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal, get_args

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ce_desktop.core import info
from ce_desktop.core.entropy import distributions
from ce_desktop.core.entropy.distributions import MAX_CLASSES, MIN_CLASSES
from ce_desktop.core.info import Unit
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, InvalidInput

#: Where the explorer's q comes from: typed directly, a softmax of logits, or smoothed p.
QSource = Literal["direct", "logits", "smoothing"]
Q_SOURCES: tuple[str, ...] = get_args(QSource)
#: The range of the softmax temperature T and of the label smoothing ε, ends included.
TEMPERATURE_RANGE = (0.05, 10.0)
EPSILON_RANGE = (0.0, 1.0)


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

    @property
    def classes(self) -> int:
        """K, the number of classes of p, q and the logits alike."""
        return len(self.p)


ONE_OF = QT_TRANSLATE_NOOP("core", "entropy.{key} must be one of {choices}")
CLASS_COUNT = QT_TRANSLATE_NOOP(
    "core", "the explorer shows {low} to {high} classes; entropy.p has {k}")


def check_state(state: Any) -> ExplorerState:
    """The explorer's state read from its JSON form (:meth:`ExplorerState.to_dict`), every
    field checked; InvalidInput naming the first field that cannot be shown otherwise."""
    if not isinstance(state, dict):
        raise InvalidInput(QT_TRANSLATE_NOOP("core",
                                             "the entropy section must be a JSON object"))
    out: dict[str, Any] = {}
    for key in ("p", "q"):
        values = state.get(key)
        if not isinstance(values, list) or not values:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "core", "entropy.{key} must be a list of probabilities"), key=key)
        try:
            info.entropy(values)  # raises for negatives, NaN, or a sum other than 1
        except (ValueError, TypeError) as error:
            raise InvalidInput(QT_TRANSLATE_NOOP("core", "entropy.{key}: {reason}"),
                               key=key, reason=error) from None
        out[key] = [float(v) for v in values]
    if len(out["p"]) != len(out["q"]):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "core", "entropy.p has {p} classes but entropy.q has {q}"),
            p=len(out["p"]), q=len(out["q"]))
    k = len(out["p"])
    if not MIN_CLASSES <= k <= MAX_CLASSES:
        raise InvalidInput(CLASS_COUNT, low=MIN_CLASSES, high=MAX_CLASSES, k=k)
    logits = state.get("logits", [0.0] * len(out["p"]))
    if (not isinstance(logits, list) or len(logits) != len(out["p"])
            or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in logits)):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "core", "entropy.logits must be one finite number per class"))
    out["logits"] = [float(v) for v in logits]
    source = state.get("q_source", "direct")
    if source not in Q_SOURCES:
        raise InvalidInput(ONE_OF, key="q_source", choices=", ".join(Q_SOURCES))
    out["q_source"] = source
    for key, (low, high), default in (("temperature", TEMPERATURE_RANGE, 1.0),
                                      ("epsilon", EPSILON_RANGE, 0.1)):
        value = state.get(key, default)
        if not (isinstance(value, (int, float)) and not isinstance(value, bool)
                and low <= value <= high):
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "core", "entropy.{key} must be a number from {low} to {high}"),
                key=key, low=low, high=high)
        out[key] = float(value)
    unit = state.get("unit", Unit.BITS.name)
    if not isinstance(unit, str) or unit not in Unit.__members__:
        raise InvalidInput(ONE_OF, key="unit", choices=", ".join(Unit.__members__))
    return ExplorerState(
        p=tuple(out["p"]), q=tuple(out["q"]), logits=tuple(out["logits"]),
        q_source=out["q_source"], temperature=out["temperature"], epsilon=out["epsilon"],
        unit=Unit[unit])


def smoothing_class(p: ArrayLike) -> int:
    """The class whose one-hot label smoothing smooths: p's most likely (the first of ties)."""
    return int(np.argmax(np.asarray(p, dtype=float)))


def compared_q(state: ExplorerState) -> NDArray[np.float64]:
    """The q the explorer compares with p, by its source: q as typed, softmax(logits / T),
    or the label-smoothed one-hot of p's most likely class."""
    if state.q_source == "logits":
        return info.softmax(state.logits, state.temperature)
    if state.q_source == "smoothing":
        target = distributions.one_hot(state.classes, smoothing_class(state.p))
        return info.label_smoothing(target, state.epsilon)
    return np.array(state.q, dtype=float)


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
    p: NDArray[np.float64]
    q: NDArray[np.float64]
    """The two distributions compared."""


def compare(p: ArrayLike, q: ArrayLike, unit: Unit = Unit.BITS) -> Comparison:
    """Everything the explorer reads out about a pair of distributions."""
    p_arr = np.array(p, dtype=float)  # copies: the comparison keeps what it compared
    q_arr = np.array(q, dtype=float)
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
        p=p_arr,
        q=q_arr,
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
