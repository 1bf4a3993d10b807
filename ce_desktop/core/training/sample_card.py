"""One test sample's cross-entropy, whole: its label as a distribution p, the model's q, the
per-class terms −pᵢ ln qᵢ that add up to its loss, H(p) and KL(p‖q); and the entropy
explorer's state that shows the same p and q.

The numbers are the entropy explorer's own (:func:`explorer.compare`, in nats, the run's
unit), so the card and the explorer cannot disagree.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from ce_desktop.core import info
from ce_desktop.core.entropy import distributions
from ce_desktop.core.entropy.explorer import CLASS_COUNT, Comparison, ExplorerState, compare
from ce_desktop.core.info import Unit
from ce_desktop.core.messages import InvalidInput
from ce_desktop.core.training.config import TrainConfig
from ce_desktop.core.training.results import SampleLosses, SamplePart

#: The logits handed to the explorer (ln q, shifted so the largest is 0) stop here: a q of
#: 0 has no finite logit, and the explorer's logit boxes are bounded.
LOGIT_FLOOR = -100.0


@dataclass(frozen=True, eq=False)  # eq=False: arrays have no single truth value
class SampleCard:
    """What the sample card shows about test sample ``index``."""

    index: int
    true_class: int
    predicted_class: int
    comparison: Comparison
    """p (the label, smoothed by the run's ε) against q (the model's prediction), in nats:
    ``comparison.contributions`` are the terms −pᵢ ln qᵢ, ``cross_entropy`` their sum."""
    loss: float
    """The sample's own loss as the run computes it (the Samples table's number)."""
    squared_error: bool
    """The run trains on MSE: ``loss`` is a squared error, not H(p, q)."""
    label_smoothing: float
    image: np.ndarray | None = None
    """(height, width) raw pixels, for image data."""
    features: np.ndarray | None = None
    """(d,) the features the network received."""
    feature_names: tuple[str, ...] = ()
    part: SamplePart = "test"
    """The set the sample belongs to: "test" or "validation"."""

    @property
    def classes(self) -> int:
        return len(self.comparison.p)


@dataclass(frozen=True)
class SampleInExplorer:
    """A sample card sent to the entropy explorer: what to show and how to name it."""

    card: SampleCard
    class_names: tuple[str, ...]
    run_name: str


def label_distribution(true_class: int, classes: int, label_smoothing: float) -> np.ndarray:
    """The target p a loss trains a sample towards: one-hot on its class, smoothed to
    (1 − ε)·y + ε/K as PyTorch's cross_entropy (and, for K = 2, the app's BCE) smooth it."""
    return info.label_smoothing(distributions.one_hot(classes, true_class), label_smoothing)


def model_distribution(samples: SampleLosses, index: int, config: TrainConfig) -> np.ndarray:
    """The q the run's loss sees for sample ``index``: the model's class probabilities in
    float64, summing to 1; for BCE with clipping, P(class 1) clipped to [ε, 1 − ε] as the
    loss clips it."""
    q = samples.q[index].astype(np.float64)
    if q.size == 2:
        # A one-unit head: P(class 1) is the number; P(class 0) is its complement.
        p1 = q[1]
        if config.loss == "bce" and config.clip_eps:
            p1 = min(max(p1, config.clip_eps), 1.0 - config.clip_eps)
        return np.array([1.0 - p1, p1])
    return q / q.sum()


def sample_card(samples: SampleLosses, index: int, config: TrainConfig) -> SampleCard:
    """The card of sample ``index`` of ``samples`` (test or validation) of a run trained
    with ``config``."""
    if not 0 <= index < len(samples):
        raise IndexError(f"test sample {index} does not exist among {len(samples)}")
    k = samples.q.shape[1]
    squared_error = config.loss == "mse"
    # MSE trains towards the plain one-hot: the run's smoothing does not apply to it.
    eps = 0.0 if squared_error else config.label_smoothing
    true_class = int(samples.true_class[index])
    p = label_distribution(true_class, k, eps)
    q = model_distribution(samples, index, config)
    return SampleCard(
        index=index, true_class=true_class,
        predicted_class=int(samples.predicted_class[index]),
        comparison=compare(p, q, Unit.NATS), loss=float(samples.loss[index]),
        squared_error=squared_error, label_smoothing=eps,
        image=None if samples.images is None else samples.images[index],
        features=None if samples.features is None else samples.features[index],
        feature_names=samples.feature_names, part=samples.part)


def ink_greys(image: np.ndarray) -> np.ndarray:
    """The grey level (0 black … 255 white) of each raw pixel of an image, ink dark on white:
    the image's largest value black, 0 white; (height, width) uint8, C-contiguous."""
    values = np.asarray(image, dtype=np.float64)
    top = float(values.max()) if values.size and values.max() > 0 else 1.0
    return np.ascontiguousarray(np.rint(255 * (1 - values / top)).astype(np.uint8))


def explorer_state(card: SampleCard, current: ExplorerState) -> ExplorerState:
    """The entropy explorer's state showing the card's p and q, typed in, in nats; its
    logits are ln q (so that switching q's source to the logits shows the same q) and ε the
    run's smoothing when it has one. InvalidInput for more classes than the explorer shows."""
    k = card.classes
    if not distributions.MIN_CLASSES <= k <= distributions.MAX_CLASSES:
        raise InvalidInput(CLASS_COUNT, low=distributions.MIN_CLASSES,
                           high=distributions.MAX_CLASSES, k=k)
    q = card.comparison.q
    with np.errstate(divide="ignore"):
        logits = np.log(q)
    logits = np.maximum(logits - logits.max(), LOGIT_FLOOR)
    epsilon = card.label_smoothing if card.label_smoothing > 0 else current.epsilon
    return dataclasses.replace(
        current, p=tuple(float(v) for v in card.comparison.p),
        q=tuple(float(v) for v in q), logits=tuple(float(v) for v in logits),
        q_source="direct", temperature=1.0, epsilon=epsilon, unit=Unit.NATS)


def loss_agrees(card: SampleCard, tolerance: float = 1e-4) -> bool:
    """Whether H(p, q) is the run's own loss of the sample (to ``tolerance``, relative):
    q is kept in float32, and a sample the run's loss clamps (BCE caps −ln q at 100) or
    trains by squared error differs."""
    if card.squared_error:
        return False
    value = card.comparison.cross_entropy
    return math.isclose(value, card.loss, rel_tol=tolerance, abs_tol=tolerance)
