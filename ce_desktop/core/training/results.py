"""What a training run reports, as plain numbers: a record per epoch and the test report.

Kept apart from the training loop so that whoever receives them (the window, the run store)
does not import torch to read them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal, get_args

import numpy as np

#: What a run's state is in the run store; a run that ended is one of the last three.
RunStatus = Literal["running", "finished", "stopped", "failed"]
STATUSES: tuple[str, ...] = get_args(RunStatus)
#: What an epoch record holds besides its weights, in this order (the store's CSV columns).
EPOCH_FIELDS = ("epoch", "train_loss", "val_loss", "train_acc", "val_acc", "seconds")


@dataclass
class EpochRecord:
    """One finished epoch."""

    epoch: int
    train_loss: float
    """Sample-weighted mean of the batch losses over the epoch."""
    val_loss: float
    train_acc: float
    val_acc: float
    seconds: float
    params: np.ndarray = field(repr=False)
    """Flat parameters after the epoch (parameters_to_vector order), for trajectories."""

    def as_dict(self) -> dict[str, float]:
        return {k: getattr(self, k) for k in EPOCH_FIELDS}


#: A sample is confidently wrong when the model gives its true class less than this.
CONFIDENTLY_WRONG_BELOW = 0.1
#: Bins of the per-sample loss histogram.
LOSS_BINS = 40
#: Which held-out set a :class:`SampleLosses` describes.
SamplePart = Literal["test", "validation"]
SAMPLE_PARTS: tuple[str, ...] = get_args(SamplePart)


@dataclass(frozen=True, eq=False)  # eq=False: arrays have no single truth value
class SampleLosses:
    """Every test sample's prediction and loss, in the order of the test rows; or, with
    ``part`` "validation", every validation sample's (the same numbers, on those rows; "test"
    below then means the validation set).

    ``loss`` is the sample's own loss in the run's unit, without class weights: for the
    cross-entropies −Σᵢ pᵢ log qᵢ in nats, p its (label-smoothed) target, which is −log q(true)
    without smoothing; for BCE the binary form on the probability the loss sees (clipped as
    the run clips it); for MSE the squared error averaged over the network's outputs.
    ``contribution`` is its part of the test loss: what the run's criterion adds up for it,
    divided by what the criterion divides by. The contributions sum to the test loss; without
    class weights (positive weight 1) each is ``loss / n``, so the test loss is the plain mean
    of ``loss``. With weights the test loss is that weighted mean (``weighted`` is True).
    """

    true_class: np.ndarray
    """(n,) int64."""
    predicted_class: np.ndarray
    """(n,) int64: the most likely class."""
    q: np.ndarray
    """(n, K) float32: the model's class probabilities (K = 2 for a one-unit binary head)."""
    loss: np.ndarray
    """(n,) float64, in the run's unit."""
    contribution: np.ndarray
    """(n,) float64: sums to the test loss."""
    weighted: bool = False
    images: np.ndarray | None = None
    """For image data (digits): the test samples' raw pixels (n, height, width)."""
    features: np.ndarray | None = None
    """(n, d) float32: the test samples' features as the network receives them."""
    feature_names: tuple[str, ...] = ()
    part: SamplePart = "test"
    """The set these samples are: "test" or "validation"."""

    def __post_init__(self) -> None:
        if self.part not in SAMPLE_PARTS:
            raise ValueError(f"part is {self.part!r}; expected one of {SAMPLE_PARTS}")
        n = len(self.true_class)
        for name, dtype in (("true_class", np.int64), ("predicted_class", np.int64),
                            ("q", np.float32), ("loss", np.float64),
                            ("contribution", np.float64)):
            value = np.asarray(getattr(self, name), dtype=dtype)
            if value.shape[:1] != (n,):
                raise ValueError(f"{name} has shape {value.shape}; expected ({n}, …)")
            object.__setattr__(self, name, value)
        if self.q.ndim != 2:
            raise ValueError(f"q has shape {self.q.shape}; expected ({n}, K)")
        if self.features is not None:
            features = np.asarray(self.features, dtype=np.float32)
            if features.ndim != 2 or features.shape[0] != n:
                raise ValueError(f"features has shape {features.shape}; expected ({n}, d)")
            object.__setattr__(self, "features", features)
            object.__setattr__(self, "feature_names", tuple(
                str(name) for name in self.feature_names) or tuple(
                f"x{i + 1}" for i in range(features.shape[1])))

    def __len__(self) -> int:
        return len(self.true_class)

    @property
    def q_true(self) -> np.ndarray:
        """(n,) the probability the model gives each sample's true class."""
        return self.q[np.arange(len(self)), self.true_class]

    @property
    def correct(self) -> np.ndarray:
        return self.predicted_class == self.true_class

    def mean_loss(self) -> float:
        """The test loss as these samples make it up: the sum of their contributions."""
        return float(self.contribution.sum())

    def worst_share(self, fraction: float) -> float:
        """The share of the test loss carried by the worst ``fraction`` of the samples (those
        with the largest contributions; at least one sample, ⌈fraction·n⌉); NaN when the
        total is not a positive number."""
        total = self.contribution.sum()
        if not len(self) or not (math.isfinite(total) and total > 0):
            return math.nan
        count = max(1, math.ceil(fraction * len(self)))
        largest = np.partition(self.contribution, len(self) - count)[len(self) - count:]
        return float(largest.sum() / total)

    def histogram(self, bins: int = LOSS_BINS) -> tuple[np.ndarray, np.ndarray]:
        """(edges, counts) of the finite per-sample losses, from 0 to the largest."""
        finite = self.loss[np.isfinite(self.loss)]
        top = float(finite.max()) if finite.size else 0.0
        counts, edges = np.histogram(finite, bins=bins, range=(0.0, top if top > 0 else 1.0))
        return edges, counts

    @property
    def histogram_probability(self) -> np.ndarray:
        """(n,) the probability the test report's histograms count: of the second class
        when there are two, of the true class otherwise."""
        return self.q[:, 1] if self.q.shape[1] == 2 else self.q_true

    def selection(self, *, wrong_only: bool = False, true_class: int | None = None,
                  confidently_wrong: bool = False, predicted_class: int | None = None,
                  probability_bin: tuple[np.ndarray, int] | None = None) -> np.ndarray:
        """(n,) bool: the samples a filter keeps. Confidently wrong: predicted wrong with
        q(true class) below :data:`CONFIDENTLY_WRONG_BELOW`. ``probability_bin``: (edges,
        b), the samples whose :attr:`histogram_probability` falls in bin b of a histogram
        with those edges, counted as ``np.histogram`` counts (the last bin closed)."""
        keep = np.ones(len(self), dtype=bool)
        if wrong_only:
            keep &= ~self.correct
        if true_class is not None:
            keep &= self.true_class == true_class
        if predicted_class is not None:
            keep &= self.predicted_class == predicted_class
        if confidently_wrong:
            keep &= ~self.correct & (self.q_true < CONFIDENTLY_WRONG_BELOW)
        if probability_bin is not None:
            edges, b = probability_bin
            edges = np.asarray(edges, dtype=np.float64)
            value = self.histogram_probability.astype(np.float64)
            high = value <= edges[b + 1] if b == len(edges) - 2 else value < edges[b + 1]
            keep &= (value >= edges[b]) & high
        return keep

    def nearest(self, point: tuple[float, float]) -> int | None:
        """The test sample whose two features lie nearest ``point`` (None without
        two-feature data)."""
        if self.features is None or self.features.shape[1] != 2 or not len(self):
            return None
        offset = self.features.astype(np.float64) - np.asarray(point, dtype=np.float64)
        return int(np.argmin(np.einsum("ij,ij->i", offset, offset)))


@dataclass(frozen=True, eq=False)
class SampleTrace:
    """Every test sample's q(true class) and own loss after one epoch, in the order of the
    test rows (as :class:`SampleLosses` defines them): what a pinned sample's plot follows."""

    q_true: np.ndarray
    """(n,) float32."""
    loss: np.ndarray
    """(n,) float32, in nats."""


@dataclass
class TestReport:
    """How the trained model does on the held-out test set."""

    test_loss: float
    test_acc: float
    test_auc: float | None
    confusion: np.ndarray
    calibration_predicted: np.ndarray
    """Mean predicted probability per non-empty bin (reliability diagram x)."""
    calibration_observed: np.ndarray
    """Observed frequency per non-empty bin (reliability diagram y)."""
    histogram_edges: np.ndarray
    histograms: np.ndarray
    """Per true class: counts of its samples' predicted probability (of class 1 when binary,
    of the true class otherwise) in each bin."""
    samples: SampleLosses | None = None
    """Each test sample's prediction and loss (absent from reports made by hand)."""
    validation_loss: float | None = None
    """The loss on the validation set with the same weights as the test loss."""
    validation_samples: SampleLosses | None = None
    """Each validation sample's prediction and loss, with the same weights as ``samples``
    (their contributions sum to ``validation_loss``)."""

    def metrics(self) -> dict[str, float]:
        out = {"test_loss": self.test_loss, "test_acc": self.test_acc}
        if self.test_auc is not None:
            out["test_auc"] = self.test_auc
        return out
