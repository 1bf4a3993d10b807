"""The no-information baseline under the run's own criterion: each loss, positive weight and
label smoothing against the minimum scipy finds for a constant prediction of torch's loss."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy.optimize import minimize

from ce_desktop.core.info import entropy
from ce_desktop.core.training.baseline import constant_baseline, is_weighted, run_baseline
from ce_desktop.core.training.config import TrainConfig


def labels(counts: list[int]) -> torch.Tensor:
    return torch.repeat_interleave(torch.arange(len(counts)), torch.tensor(counts))


def oracle(loss: str, counts: list[int], pos_weight: float = 1.0, eps: float = 0.0,
           clip: float = 0.0) -> float:
    """The minimum over one constant output (logits) of torch.nn.functional's loss on the
    labels, with the weights written out as PyTorch takes them, found by scipy."""
    y = labels(counts)
    n, k = len(y), len(counts)
    t = y.double() * (1 - eps) + eps / 2  # two-class smoothing towards ½, as Keras does

    def value(z: torch.Tensor) -> torch.Tensor:
        if loss == "bce":
            q = torch.sigmoid(z[0]).expand(n)
            q = q.clamp(clip, 1 - clip) if clip else q
            weight = torch.where(y == 1, pos_weight, 1.0).double()
            return F.binary_cross_entropy(q, t, weight=weight)
        if loss == "bce_logits":
            return F.binary_cross_entropy_with_logits(
                z[0].expand(n), t, pos_weight=torch.tensor(pos_weight, dtype=torch.float64))
        weight = torch.ones(k, dtype=torch.float64)
        if k == 2:
            weight[1] = pos_weight
        return F.cross_entropy(z.expand(n, k), y, weight=weight, label_smoothing=eps)

    def fun(x: np.ndarray) -> tuple[float, np.ndarray]:
        z = torch.tensor(x, dtype=torch.float64, requires_grad=True)
        v = value(z)
        v.backward()
        return float(v.detach()), z.grad.numpy().copy()

    size = 1 if loss != "ce" else k
    result = minimize(fun, np.zeros(size), jac=True, method="BFGS",
                      options={"gtol": 1e-12, "maxiter": 1000})
    return float(result.fun)


CASES = [(loss, counts, w, eps)
         for loss in ("bce", "bce_logits", "ce")
         for counts in ([300, 300], [540, 60], [7, 593])
         for w in (1.0, 3.0, 0.01, 100.0)
         for eps in (0.0, 0.1)]


@pytest.mark.parametrize(("loss", "counts", "w", "eps"), CASES)
def test_the_baseline_is_the_best_constant_predictions_loss(loss, counts, w, eps):
    expected = oracle(loss, counts, w, eps)
    assert constant_baseline(loss, np.array(counts), w, eps) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("eps", [0.0, 0.2])
@pytest.mark.parametrize("counts", [[100, 250, 50], [10, 0, 30, 60]])
def test_the_baseline_of_several_classes(counts, eps):
    """No class weights for more than two classes (the positive weight is ignored)."""
    expected = oracle("ce", counts, eps=eps)
    assert constant_baseline("ce", np.array(counts), 3.0, eps) == pytest.approx(expected,
                                                                                 abs=1e-6)


@pytest.mark.parametrize("loss", ["bce", "bce_logits", "ce"])
@pytest.mark.parametrize("counts", [[300, 300], [540, 60], [100, 250, 50]])
def test_unweighted_and_unsmoothed_it_is_the_entropy_of_the_prior(loss, counts):
    if loss != "ce" and len(counts) > 2:
        return
    prior = np.array(counts) / sum(counts)
    assert constant_baseline(loss, np.array(counts)) == pytest.approx(
        entropy(prior, base=math.e), abs=1e-12)


def test_the_tutorials_weighted_baseline_is_the_closed_form():
    # Balanced classes, pos_weight 3: q* = 3/4, loss = −½(3·ln ¾ + ln ¼) ≈ 1.125 > ln 2.
    expected = -0.5 * (3 * math.log(0.75) + math.log(0.25))
    assert constant_baseline("bce_logits", np.array([300, 300]), 3.0) == pytest.approx(expected)
    assert expected > math.log(2)


def test_a_clipped_probability_with_one_class_stops_at_the_clip():
    got = constant_baseline("bce", np.array([0, 50]), 1.0, 0.0, clip_eps=1e-7)
    assert got == pytest.approx(-math.log(1 - 1e-7), rel=1e-9)
    assert constant_baseline("bce", np.array([40, 60]), 5.0, 0.0, 1e-7) == pytest.approx(
        oracle("bce", [40, 60], 5.0, clip=1e-7), abs=1e-6)


def test_mse_keeps_the_entropy_of_the_prior():
    assert constant_baseline("mse", np.array([540, 60]), 3.0, 0.1) == pytest.approx(
        entropy(np.array([0.9, 0.1]), base=math.e))


def test_which_criteria_weigh_the_classes():
    assert is_weighted("bce", 2, 3.0) and is_weighted("bce_logits", 2, 0.5)
    assert is_weighted("ce", 2, 3.0) and not is_weighted("ce", 3, 3.0)
    assert not is_weighted("mse", 2, 3.0) and not is_weighted("ce", 2, 1.0)


def test_a_runs_baseline_is_its_training_labels_under_its_settings():
    from ce_desktop.core.data import make_dataset

    moons = make_dataset("moons", n_samples=600, noise=0.2, seed=1)
    config = TrainConfig(dataset="moons", loss="bce_logits", pos_weight=3.0,
                         label_smoothing=0.1)
    counts = np.bincount(moons.y_train, minlength=2).tolist()
    assert run_baseline(config, moons) == pytest.approx(
        oracle("bce_logits", counts, 3.0, 0.1), abs=1e-6)
