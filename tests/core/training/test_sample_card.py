"""One sample's card: p and q, the terms −pᵢ ln qᵢ adding up to the sample's loss as torch
computes it, H(p) and KL(p‖q) as scipy computes them; the explorer's state for it; and the
routes to samples (a confusion cell, a histogram bin, the nearest point)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.stats
import torch
import torch.nn.functional as F

from ce_desktop.core.entropy.explorer import ExplorerState, compare, compared_q
from ce_desktop.core.entropy.model import ExplorerModel, default_state
from ce_desktop.core.info import Unit
from ce_desktop.core.messages import InvalidInput
from ce_desktop.core.training.results import SampleLosses
from ce_desktop.core.training.sample_card import (
    explorer_state,
    label_distribution,
    loss_agrees,
    sample_card,
)
from ce_desktop.core.training.trainer import TrainConfig, Trainer


@pytest.fixture(scope="module")
def digits_run():
    from ce_desktop.core.data import make_dataset

    digits = make_dataset("digits", seed=0)
    config = TrainConfig(dataset="digits", loss="ce", label_smoothing=0.1, hidden=(16,),
                         epochs=2, lr=0.01)
    trainer = Trainer(config, digits)
    list(trainer.epochs())
    report = trainer.test_report()
    with torch.no_grad():
        logits = trainer.model(torch.as_tensor(digits.X_test)).double()
    return config, digits, report.samples, logits


@pytest.fixture(scope="module")
def moons_runs():
    from ce_desktop.core.data import make_dataset

    moons = make_dataset("moons", n_samples=400, noise=0.3, seed=2)
    runs = {}
    for loss, eps in (("bce", 0.0), ("bce_logits", 0.2), ("ce", 0.0), ("mse", 0.1)):
        config = TrainConfig(dataset="moons", loss=loss, label_smoothing=eps, hidden=(8,),
                             epochs=2, lr=0.01, clip_eps=1e-7 if loss == "bce" else 0.0)
        trainer = Trainer(config, moons)
        list(trainer.epochs())
        runs[loss] = (config, trainer.test_report())
    return moons, runs


def test_the_card_adds_up_torchs_cross_entropy_with_smoothing(digits_run):
    config, digits, samples, logits = digits_run
    y = torch.as_tensor(digits.y_test)
    expected = F.cross_entropy(logits, y, label_smoothing=0.1, reduction="none").numpy()
    worst = int(np.argmax(samples.loss))
    for index in (0, 7, worst):
        card = sample_card(samples, index, config)
        c = card.comparison
        p = F.one_hot(y[index], 10).double().numpy() * 0.9 + 0.01
        np.testing.assert_allclose(c.p, p)
        np.testing.assert_allclose(c.q, torch.softmax(logits[index], 0).numpy(), atol=1e-6)
        # The terms add up to torch's loss of the sample, and each is −pᵢ ln qᵢ.
        terms = -p * torch.log_softmax(logits[index], 0).numpy()
        np.testing.assert_allclose(c.contributions, terms, rtol=1e-5, atol=1e-6)
        assert c.contributions.sum() == pytest.approx(expected[index], rel=1e-5)
        assert card.loss == pytest.approx(expected[index], rel=1e-5)
        assert c.entropy_p == pytest.approx(scipy.stats.entropy(p))
        assert c.kl_pq == pytest.approx(scipy.stats.entropy(p, c.q), rel=1e-9)
        assert c.cross_entropy == pytest.approx(c.entropy_p + c.kl_pq)
        assert loss_agrees(card)
        assert card.true_class == digits.y_test[index]
        assert card.predicted_class == int(np.argmax(c.q))
        np.testing.assert_array_equal(card.image, digits.test_images[index])
        np.testing.assert_array_equal(card.features, digits.X_test[index])
        assert len(card.feature_names) == 64


@pytest.mark.parametrize("loss", ["bce", "bce_logits", "ce", "mse"])
def test_binary_cards_agree_with_torchs_binary_losses(moons_runs, loss):
    moons, runs = moons_runs
    config, report = runs[loss]
    samples = report.samples
    eps = config.label_smoothing if loss != "mse" else 0.0
    for index in range(0, len(samples), 17):
        card = sample_card(samples, index, config)
        c = card.comparison
        target = float(moons.y_test[index]) * (1 - eps) + eps / 2
        np.testing.assert_allclose(c.p, [1 - target, target])
        q1 = torch.tensor([float(samples.q[index, 1])], dtype=torch.float64)
        if loss == "bce":
            q1 = q1.clamp(1e-7, 1 - 1e-7)
        bce = F.binary_cross_entropy(q1, torch.tensor([target], dtype=torch.float64)).item()
        assert c.cross_entropy == pytest.approx(bce, rel=1e-9)
        assert c.kl_pq == pytest.approx(scipy.stats.entropy(c.p, c.q), rel=1e-9, abs=1e-12)
        if loss == "mse":
            assert card.squared_error and not loss_agrees(card)
        else:
            assert card.loss == pytest.approx(bce, rel=1e-4, abs=1e-6)
            assert loss_agrees(card)
        assert card.features.shape == (2,) and card.feature_names == moons.feature_names


def test_label_distribution_is_the_smoothed_one_hot():
    np.testing.assert_allclose(label_distribution(2, 4, 0.0), [0, 0, 1, 0])
    np.testing.assert_allclose(label_distribution(0, 4, 0.2), [0.85, 0.05, 0.05, 0.05])


def test_the_explorer_shows_exactly_the_cards_p_and_q(digits_run):
    config, _digits, samples, _logits = digits_run
    card = sample_card(samples, int(np.argmax(samples.loss)), config)
    model = ExplorerModel()
    model.apply(explorer_state(card, model.state))
    state = model.state
    assert state.unit is Unit.NATS and state.q_source == "direct"
    assert state.classes == 10 and state.epsilon == pytest.approx(0.1)
    shown = model.comparison
    for key in ("entropy_p", "cross_entropy", "kl_pq"):
        assert getattr(shown, key) == getattr(card.comparison, key)
    np.testing.assert_array_equal(shown.contributions, card.comparison.contributions)
    # Switching q's source to the logits shows the same q (softmax of ln q).
    logits_q = compared_q(ExplorerState(**{**state.__dict__, "q_source": "logits"}))
    np.testing.assert_allclose(logits_q, card.comparison.q, atol=1e-12)
    # The explorer's own smoothing of p's class with the run's ε is the label p.
    smoothed = compared_q(ExplorerState(**{**state.__dict__, "q_source": "smoothing"}))
    np.testing.assert_allclose(smoothed, card.comparison.p)


def test_more_classes_than_the_explorer_shows_are_refused():
    k = 13
    q = np.full((1, k), 1 / k, dtype=np.float32)
    samples = SampleLosses(np.array([3]), np.array([0]), q, np.array([np.log(k)]),
                           np.array([np.log(k)]))
    card = sample_card(samples, 0, TrainConfig(loss="ce"))
    assert card.comparison.cross_entropy == pytest.approx(np.log(k), rel=1e-6)
    with pytest.raises(InvalidInput):
        explorer_state(card, default_state())


def test_a_zero_q_for_the_true_class_costs_infinity_and_stays_finite_in_logits():
    q = np.array([[0.0, 1.0, 0.0]], dtype=np.float32)
    samples = SampleLosses(np.array([0]), np.array([1]), q, np.array([np.inf]),
                           np.array([np.inf]))
    card = sample_card(samples, 0, TrainConfig(loss="ce"))
    assert card.comparison.cross_entropy == np.inf
    state = explorer_state(card, default_state())
    assert all(np.isfinite(state.logits))
    assert compare(state.p, state.q, Unit.NATS).infinite_classes == (0,)


def test_routes_select_a_confusion_cell_a_histogram_bin_and_the_nearest_point(moons_runs):
    moons, runs = moons_runs
    _config, report = runs["ce"]
    samples = report.samples
    confusion = report.confusion
    for true in range(2):
        for predicted in range(2):
            keep = samples.selection(true_class=true, predicted_class=predicted)
            assert keep.sum() == confusion[true, predicted]
    edges = report.histogram_edges
    counts = np.histogram(samples.q[:, 1].astype(np.float64), bins=edges)[0]
    for b in range(len(edges) - 1):
        assert samples.selection(probability_bin=(edges, b)).sum() == counts[b]
    # The report's histograms count the same samples (q kept in float32 may move one that
    # sits on an edge; none does here).
    np.testing.assert_array_equal(counts, report.histograms.sum(axis=0))
    point = (0.3, -0.2)
    nearest = samples.nearest(point)
    distances = np.linalg.norm(moons.X_test - np.array(point), axis=1)
    assert nearest == int(np.argmin(distances))
    without = SampleLosses(samples.true_class, samples.predicted_class, samples.q,
                           samples.loss, samples.contribution)
    assert without.nearest(point) is None
