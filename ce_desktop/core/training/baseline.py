"""The no-information baseline: the loss of the best constant prediction under the run's
own criterion — its class weights (positive weight) and label smoothing included.

A loss curve is only comparable with a baseline computed the same way: with a positive
weight of 3 the tutorial's weighted loss starts near 1.05, far above the plain entropy of its
balanced classes (ln 2), yet the best constant answer under that loss is not ½ either.

Every cross-entropy the trainer uses (:func:`trainer.make_criterion`) is, for a constant
prediction q, ``Σ_k a_k·(−log q_k) / Z``: a mass ``a_k`` per class (from the label counts,
the weights and the smoothed targets) and the criterion's normaliser ``Z`` (the number of
rows, or the summed weights of the rows' classes for PyTorch's weighted cross-entropy).
Its minimum is at ``q_k = a_k / Σ a`` and is ``(Σ a / Z)·H(q)``.
"""

from __future__ import annotations

import math

import numpy as np

from ce_desktop.core.data.datasets import Dataset
from ce_desktop.core.info import entropy
from ce_desktop.core.training.config import BINARY_LOSSES, TrainConfig

CROSS_ENTROPIES = ("bce", "bce_logits", "ce")


def is_weighted(loss: str, n_classes: int, pos_weight: float) -> bool:
    """Whether the criterion weighs the rows by class (as ``targets`` applies the weight)."""
    return pos_weight != 1 and (loss in BINARY_LOSSES or (loss == "ce" and n_classes == 2))


def constant_baseline(loss: str, counts: np.ndarray, pos_weight: float = 1.0,
                      label_smoothing: float = 0.0, clip_eps: float = 0.0) -> float:
    """Loss (nats) of the best constant prediction for training labels with ``counts`` per
    class, under the criterion ``loss`` with these settings. For MSE: the entropy of the
    class prior, as the baseline has always been (MSE has no weights or smoothing)."""
    counts = np.asarray(counts, dtype=np.float64)
    n = float(counts.sum())
    if loss not in CROSS_ENTROPIES:
        return float(entropy(counts / n, base=math.e))
    eps = label_smoothing
    if loss in BINARY_LOSSES:
        n_pos = float(counts[1])
        # Σ of the smoothed 0/1 targets (binary_targets: y·(1−ε) + ε/2).
        target_sum = n_pos * (1 - eps) + n * eps / 2
        if loss == "bce":
            # A row weight (binary_row_weights) multiplies both terms of a positive row.
            pos_target = pos_weight * n_pos * (1 - eps / 2) + (n - n_pos) * eps / 2
            neg_target = pos_weight * n_pos * eps / 2 + (n - n_pos) * (1 - eps / 2)
        else:
            # pos_weight multiplies only the positive term, of every row.
            pos_target = pos_weight * target_sum
            neg_target = n - target_sum
        mass = np.array([neg_target, pos_target])
        q1 = pos_target / (pos_target + neg_target)
        if loss == "bce" and clip_eps:
            q1 = min(max(q1, clip_eps), 1 - clip_eps)  # the criterion clips q
        return _cross_entropy(mass, np.array([1 - q1, q1]), n)
    k = len(counts)
    weights = np.ones(k)
    if is_weighted(loss, k, pos_weight):
        weights[1] = pos_weight
    # PyTorch's weighted, smoothed cross-entropy: (1−ε)·Σ w_y·(−log q_y) plus
    # (ε/K)·Σ_rows Σ_k w_k·(−log q_k), both over Σ w_y of the rows.
    mass = weights * ((1 - eps) * counts + eps * n / k)
    return _cross_entropy(mass, mass / mass.sum(), float(weights @ counts))


def _cross_entropy(mass: np.ndarray, q: np.ndarray, normaliser: float) -> float:
    """Σ mass·(−log q) / normaliser, with 0·log 0 = 0."""
    present = mass > 0
    return float(-(mass[present] * np.log(q[present])).sum() / normaliser)


def run_baseline(config: TrainConfig, dataset: Dataset) -> float:
    """The baseline of a run: :func:`constant_baseline` of its training labels under its
    criterion."""
    counts = np.bincount(dataset.y_train, minlength=dataset.n_classes)
    return constant_baseline(config.loss, counts, config.pos_weight, config.label_smoothing,
                             config.clip_eps)
