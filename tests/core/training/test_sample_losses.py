"""Per-sample test losses: each sample's own loss against torch's unreduced losses, and
their contributions adding up to the reported test loss, with smoothing and class weights."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from ce_desktop.core.training.results import SampleLosses
from ce_desktop.core.training.trainer import (
    TrainConfig,
    Trainer,
    make_criterion,
    per_sample_losses,
)


@pytest.fixture(scope="module")
def digits():
    from ce_desktop.core.data import make_dataset

    return make_dataset("digits", seed=0)


@pytest.fixture(scope="module")
def moons():
    from ce_desktop.core.data import make_dataset

    return make_dataset("moons", n_samples=400, noise=0.3, seed=2)


def outputs(loss: str, k: int, n: int = 64, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """A model's raw output for ``loss`` (one probability or logit, or K logits or
    probabilities) and labels, some of them confidently wrong."""
    generator = torch.Generator().manual_seed(seed)
    y = torch.randint(0, k, (n,), generator=generator)
    units = 1 if loss in ("bce", "bce_logits") or (loss == "mse" and k == 2) else k
    raw = 4 * torch.randn(n, units, generator=generator)
    if loss in ("bce", "mse"):
        raw = torch.sigmoid(raw) if units == 1 else torch.softmax(raw, dim=1)
    return raw, y


@pytest.mark.parametrize("eps", [0.0, 0.1, 0.3])
@pytest.mark.parametrize("k", [2, 3, 10])
def test_ce_losses_are_torchs_unreduced_cross_entropy(eps, k):
    config = TrainConfig(loss="ce", label_smoothing=eps)
    logits, y = outputs("ce", k)
    own, contribution, weighted = per_sample_losses(config, k, logits, y)
    expected = F.cross_entropy(logits.double(), y, label_smoothing=eps, reduction="none")
    np.testing.assert_allclose(own, expected.numpy(), rtol=1e-5, atol=1e-6)
    # The full −Σ p_i log q_i with p the smoothed label.
    p = F.one_hot(y, k).double() * (1 - eps) + eps / k
    by_hand = -(p * torch.log_softmax(logits.double(), dim=1)).sum(dim=1)
    np.testing.assert_allclose(own, by_hand.numpy(), rtol=1e-5, atol=1e-6)
    assert not weighted
    np.testing.assert_allclose(contribution, own / len(y))
    assert contribution.sum() == pytest.approx(
        make_criterion(config, k)(logits, y).item(), abs=1e-6)


@pytest.mark.parametrize("eps", [0.0, 0.2])
@pytest.mark.parametrize("loss", ["bce", "bce_logits"])
def test_bce_losses_are_torchs_unreduced_binary_cross_entropy(loss, eps):
    config = TrainConfig(loss=loss, label_smoothing=eps)
    output, y = outputs(loss, 2)
    own, contribution, weighted = per_sample_losses(config, 2, output, y)
    p = output[:, 0].double() if loss == "bce" else torch.sigmoid(output[:, 0].double())
    targets = y.double() * (1 - eps) + eps / 2
    expected = F.binary_cross_entropy(p, targets, reduction="none")
    np.testing.assert_allclose(own, expected.numpy(), rtol=1e-5, atol=1e-6)
    assert not weighted
    assert contribution.sum() == pytest.approx(
        make_criterion(config, 2)(output, y).item(), abs=1e-6)


def test_bce_uses_the_clipped_probability_as_the_criterion_does():
    config = TrainConfig(loss="bce", clip_eps=1e-3)
    p = torch.tensor([[1.0], [0.0], [0.6]])
    y = torch.tensor([0, 0, 1])
    own, contribution, _ = per_sample_losses(config, 2, p, y)
    np.testing.assert_allclose(own, [-math.log(1e-3), -math.log(1 - 1e-3), -math.log(0.6)],
                               rtol=1e-5)
    assert contribution.sum() == pytest.approx(make_criterion(config, 2)(p, y).item(), abs=1e-6)


@pytest.mark.parametrize("k", [2, 4])
def test_mse_loss_is_the_squared_error_averaged_over_the_outputs(k):
    config = TrainConfig(loss="mse")
    output, y = outputs("mse", k)
    own, contribution, _ = per_sample_losses(config, k, output, y)
    if k == 2:
        expected = (output[:, 0].double() - y.double()) ** 2
    else:
        expected = ((output.double() - F.one_hot(y, k).double()) ** 2).mean(dim=1)
    np.testing.assert_allclose(own, expected.numpy(), rtol=1e-5, atol=1e-7)
    assert contribution.sum() == pytest.approx(make_criterion(config, k)(output, y).item(),
                                               abs=1e-6)


@pytest.mark.parametrize("eps", [0.0, 0.1])
@pytest.mark.parametrize("loss", ["bce", "bce_logits", "ce"])
def test_with_class_weights_the_own_loss_is_unweighted_and_the_contributions_are_weighted(
        loss, eps):
    config = TrainConfig(loss=loss, pos_weight=3.0, label_smoothing=eps)
    output, y = outputs(loss, 2, seed=4)
    own, contribution, weighted = per_sample_losses(config, 2, output, y)
    assert weighted
    unweighted, _, _ = per_sample_losses(TrainConfig(loss=loss, label_smoothing=eps), 2,
                                         output, y)
    np.testing.assert_array_equal(own, unweighted)
    # The test loss is the weighted criterion; the contributions add up to it, not the
    # plain mean of the own losses.
    criterion = make_criterion(config, 2)(output, y).item()
    assert contribution.sum() == pytest.approx(criterion, abs=1e-6)
    assert own.mean() != pytest.approx(criterion, abs=1e-3)
    if loss == "ce":
        expected = F.cross_entropy(output, y, weight=torch.tensor([1.0, 3.0]),
                                   label_smoothing=eps, reduction="none")
        weights = torch.where(y == 1, 3.0, 1.0)
        np.testing.assert_allclose(contribution, (expected / weights.sum()).numpy(),
                                   rtol=1e-5)


@pytest.mark.parametrize(("loss", "eps", "pos_weight"), [
    ("ce", 0.0, 1.0), ("ce", 0.1, 1.0), ("ce", 0.1, 2.5), ("bce", 0.0, 1.0),
    ("bce_logits", 0.05, 0.5), ("mse", 0.0, 1.0),
])
def test_a_runs_test_report_carries_every_test_sample(moons, loss, eps, pos_weight):
    config = TrainConfig(dataset="moons", loss=loss, label_smoothing=eps,
                         pos_weight=pos_weight, hidden=(8,), epochs=2, lr=0.01)
    trainer = Trainer(config, moons)
    list(trainer.epochs())
    report = trainer.test_report()
    samples = report.samples
    n = len(moons.y_test)
    assert len(samples) == n and samples.q.shape == (n, 2) and samples.q.dtype == np.float32
    np.testing.assert_array_equal(samples.true_class, moons.y_test)
    assert samples.mean_loss() == pytest.approx(report.test_loss, abs=1e-6)
    assert samples.weighted == (pos_weight != 1)
    assert samples.correct.mean() == pytest.approx(report.test_acc)
    np.testing.assert_allclose(samples.q.sum(axis=1), 1.0, atol=1e-6)
    assert samples.images is None


def test_digits_report_has_ten_classes_raw_images_and_torchs_losses(digits):
    config = TrainConfig(dataset="digits", loss="ce", label_smoothing=0.1, hidden=(16,),
                         epochs=2, lr=0.01)
    trainer = Trainer(config, digits)
    list(trainer.epochs())
    report = trainer.test_report()
    samples = report.samples
    assert samples.q.shape == (359, 10)
    np.testing.assert_array_equal(samples.images, digits.test_images)
    with torch.no_grad():
        logits = trainer.model(torch.as_tensor(digits.X_test))
    expected = F.cross_entropy(logits, torch.as_tensor(digits.y_test), label_smoothing=0.1,
                               reduction="none")
    np.testing.assert_allclose(samples.loss, expected.numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(samples.q, torch.softmax(logits, dim=1).numpy(), atol=1e-6)
    assert samples.loss.mean() == pytest.approx(report.test_loss, abs=1e-6)
    np.testing.assert_array_equal(samples.predicted_class, samples.q.argmax(axis=1))
    assert np.trace(report.confusion) == samples.correct.sum()


def make_samples(loss, true=None, predicted=None, q_true=None, contribution=None):
    n = len(loss)
    true = np.zeros(n, dtype=int) if true is None else np.asarray(true)
    predicted = true if predicted is None else np.asarray(predicted)
    q_true = np.full(n, 0.5) if q_true is None else np.asarray(q_true)
    q = np.column_stack([q_true, 1 - q_true])
    q[true == 1] = q[true == 1][:, ::-1]
    loss = np.asarray(loss, dtype=float)
    return SampleLosses(true, predicted, q, loss,
                        loss / n if contribution is None else contribution)


def test_worst_shares_are_the_largest_contributions_over_the_total():
    loss = np.array([10.0] + [1.0] * 99)  # total 109
    samples = make_samples(loss)
    assert samples.worst_share(0.01) == pytest.approx(10 / 109)
    assert samples.worst_share(0.10) == pytest.approx(19 / 109)
    # At least one sample: ⌈0.01 · 5⌉ = 1.
    assert make_samples([4.0, 1.0, 1.0, 1.0, 1.0]).worst_share(0.01) == pytest.approx(0.5)
    assert math.isnan(make_samples([0.0, 0.0]).worst_share(0.1))


def test_worst_share_follows_the_weighted_contributions():
    samples = make_samples([1.0, 2.0], contribution=np.array([0.3, 0.1]))
    assert samples.worst_share(0.01) == pytest.approx(0.75)


def test_histogram_spans_zero_to_the_largest_finite_loss():
    samples = make_samples([0.0, 0.5, 2.0, np.inf])
    edges, counts = samples.histogram(bins=4)
    np.testing.assert_allclose(edges, [0, 0.5, 1, 1.5, 2])
    np.testing.assert_array_equal(counts, [1, 1, 0, 1])
    edges, counts = make_samples([0.0, 0.0]).histogram(bins=2)
    assert edges[-1] == 1.0 and counts.sum() == 2


def test_filters_select_wrong_one_class_and_confidently_wrong():
    samples = make_samples(
        loss=[0.1, 3.0, 0.7, 2.5, 0.2],
        true=[0, 0, 1, 1, 1], predicted=[0, 1, 0, 0, 1],
        q_true=[0.9, 0.05, 0.45, 0.08, 0.8],
    )
    np.testing.assert_allclose(samples.q_true, [0.9, 0.05, 0.45, 0.08, 0.8], rtol=1e-6)
    np.testing.assert_array_equal(samples.selection(), [True] * 5)
    np.testing.assert_array_equal(samples.selection(wrong_only=True),
                                  [False, True, True, True, False])
    np.testing.assert_array_equal(samples.selection(true_class=1),
                                  [False, False, True, True, True])
    np.testing.assert_array_equal(samples.selection(confidently_wrong=True),
                                  [False, True, False, True, False])
    np.testing.assert_array_equal(samples.selection(wrong_only=True, true_class=1),
                                  [False, False, True, True, False])


def test_digits_with_a_binary_loss_is_refused_naming_ce(digits):
    from ce_desktop.core.jobs import Flags
    from ce_desktop.core.training.run import Refused, run_training

    events = []
    run_training(TrainConfig(dataset="digits", loss="bce"), Flags(), events.append)
    assert isinstance(events[-1], Refused)
    assert "needs two classes, the data has 10; use 'ce'" in str(events[-1].message)


@pytest.mark.parametrize("loss", ["ce", "bce_logits"])
def test_each_epoch_traces_every_test_sample_as_the_test_report_does(moons, loss):
    """The per-epoch trace a pinned sample's plot follows: q(true class) and the own loss
    of every test row, equal to torch's unreduced loss and, after the last epoch, to the
    test report's samples."""
    from ce_desktop.core.jobs import Flags
    from ce_desktop.core.training.run import Ended, Epoch, run_training

    config = TrainConfig(dataset="moons", n_samples=400, noise=0.3, data_seed=2, loss=loss,
                         hidden=(8,), epochs=3, label_smoothing=0.1)
    events: list[object] = []
    run_training(config, Flags(), events.append)
    epochs = [event for event in events if isinstance(event, Epoch)]
    assert [event.record.epoch for event in epochs] == [1, 2, 3]
    traces = [event.samples for event in epochs]
    assert all(len(trace.q_true) == len(moons.y_test) for trace in traces)
    assert not np.array_equal(traces[0].q_true, traces[-1].q_true)  # the model learned
    report = next(event for event in events if isinstance(event, Ended)).report
    np.testing.assert_allclose(traces[-1].q_true, report.samples.q_true, rtol=1e-6)
    np.testing.assert_allclose(traces[-1].loss, report.samples.loss, rtol=1e-5)
    # Against torch directly, on the final weights.
    trainer = Trainer(config)
    x = torch.as_tensor(trainer.dataset.X_test, dtype=torch.float32)
    y = torch.as_tensor(trainer.dataset.y_test)
    trace = trainer.sample_trace()
    with torch.no_grad():
        out = trainer.model(x)
    if loss == "ce":
        expected = F.cross_entropy(out, y, label_smoothing=0.1, reduction="none")
        q_true = torch.softmax(out, dim=1)[torch.arange(len(y)), y]
    else:
        target = y.float() * 0.9 + 0.05
        expected = F.binary_cross_entropy_with_logits(out[:, 0], target, reduction="none")
        p1 = torch.sigmoid(out[:, 0])
        q_true = torch.where(y == 1, p1, 1 - p1)
    np.testing.assert_allclose(trace.loss, expected.numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(trace.q_true, q_true.numpy(), rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize(("loss", "eps", "pos_weight"), [
    ("ce", 0.1, 1.0), ("bce", 0.0, 1.0), ("bce_logits", 0.05, 2.0)])
def test_the_validation_samples_are_torchs_losses_and_add_up_to_the_validation_loss(
        moons, loss, eps, pos_weight):
    config = TrainConfig(dataset="moons", loss=loss, label_smoothing=eps,
                         pos_weight=pos_weight, hidden=(8,), epochs=3, lr=0.01)
    trainer = Trainer(config, moons)
    list(trainer.epochs())
    report = trainer.test_report()
    samples = report.validation_samples
    assert samples.part == "validation" and report.samples.part == "test"
    assert len(samples) == len(moons.y_val) and samples.images is None
    np.testing.assert_array_equal(samples.true_class, moons.y_val)
    np.testing.assert_array_equal(samples.features, moons.X_val)
    with torch.no_grad():
        output = trainer.model(torch.as_tensor(moons.X_val)).double()
    y = torch.as_tensor(moons.y_val)
    if loss == "ce":
        expected = F.cross_entropy(output, y, label_smoothing=eps, reduction="none")
    else:
        p = output[:, 0] if loss == "bce" else torch.sigmoid(output[:, 0])
        expected = F.binary_cross_entropy(p, y.double() * (1 - eps) + eps / 2,
                                          reduction="none")
    np.testing.assert_allclose(samples.loss, expected.numpy(), rtol=1e-5, atol=1e-6)
    assert samples.weighted == (pos_weight != 1)
    # Their contributions make up the validation loss: the report's, and the last epoch's
    # (no weights were restored, so the model is the last epoch's).
    assert trainer.restored_epoch is None
    assert samples.mean_loss() == pytest.approx(report.validation_loss, abs=1e-6)
    assert samples.mean_loss() == pytest.approx(trainer.history[-1].val_loss, abs=1e-6)


def test_after_restoring_the_best_epoch_the_validation_samples_are_that_epochs(digits):
    # A learning rate this high overshoots after its first epochs: patience 1 with restore
    # puts back an earlier epoch's weights, which the report then describes.
    config = TrainConfig(dataset="digits", loss="ce", hidden=(16,), epochs=30, lr=0.05,
                         patience=1, restore_best=True, seed=3)
    trainer = Trainer(config, digits)
    list(trainer.epochs())
    kept = trainer.restored_epoch
    assert kept is not None and kept < len(trainer.history)
    report = trainer.test_report()
    samples = report.validation_samples
    assert samples.mean_loss() == pytest.approx(trainer.history[kept - 1].val_loss, abs=1e-6)
    assert samples.mean_loss() == pytest.approx(report.validation_loss, abs=1e-6)
    assert samples.mean_loss() != pytest.approx(trainer.history[-1].val_loss, abs=1e-6)
    with torch.no_grad():
        logits = trainer.model(torch.as_tensor(digits.X_val))
    expected = F.cross_entropy(logits, torch.as_tensor(digits.y_val), reduction="none")
    np.testing.assert_allclose(samples.loss, expected.numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(samples.images, digits.val_images)
    assert samples.q.shape == (len(digits.y_val), 10)
    # The test samples come from the same weights.
    assert report.samples.mean_loss() == pytest.approx(report.test_loss, abs=1e-6)


def test_samples_know_their_set():
    samples = make_samples([1.0, 2.0])
    assert samples.part == "test"
    with pytest.raises(ValueError, match="part"):
        SampleLosses(np.zeros(1, int), np.zeros(1, int), np.full((1, 2), 0.5), np.ones(1),
                     np.ones(1), part="train")
