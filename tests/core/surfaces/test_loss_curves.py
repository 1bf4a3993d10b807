"""Per-sample loss curves against independent oracles: torch.nn.functional and scikit-learn."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from sklearn.metrics import log_loss

from ce_desktop.core.surfaces import loss_curves as lc

P = np.array([0.001, 0.01, 0.1, 0.25, 0.5, 0.77, 0.9, 0.99, 0.999])


def t64(values) -> torch.Tensor:
    return torch.tensor(np.asarray(values, dtype=float), dtype=torch.float64)


def torch_logit_gradient(p: np.ndarray, y: float, loss: str) -> np.ndarray:
    """d loss(σ(z), y)/dz by autograd, with z = logit(p)."""
    z = torch.logit(t64(p)).requires_grad_(True)
    target = torch.full_like(z, y)
    if loss == "bce":
        value = F.binary_cross_entropy_with_logits(z, target, reduction="sum")
    else:
        value = F.mse_loss(torch.sigmoid(z), target, reduction="sum")
    value.backward()
    return z.grad.numpy()


def torch_categorical_ce(z_true, k: int, eps: float) -> np.ndarray:
    z_true = t64(np.atleast_1d(z_true))
    logits = torch.zeros((z_true.numel(), k), dtype=torch.float64)
    logits[:, 0] = z_true
    target = torch.zeros(z_true.numel(), dtype=torch.long)
    return F.cross_entropy(logits, target, reduction="none", label_smoothing=eps).numpy()


@pytest.mark.parametrize("y", [0.0, 0.3, 0.5, 0.8, 1.0])
def test_bce_and_mse_match_torch(y):
    losses = lc.binary_losses(P, y)
    target = torch.full((P.size,), y, dtype=torch.float64)
    np.testing.assert_allclose(
        losses.bce, F.binary_cross_entropy(t64(P), target, reduction="none").numpy(), rtol=1e-12)
    np.testing.assert_allclose(
        losses.mse, F.mse_loss(t64(P), target, reduction="none").numpy(), rtol=1e-12, atol=0)


@pytest.mark.parametrize("y", [0, 1])
def test_hard_label_bce_matches_sklearn_log_loss(y):
    for p in P:
        expected = log_loss([y], [p], labels=[0, 1])
        assert lc.bce(p, y) == pytest.approx(expected, rel=1e-12)
    assert lc.bce(0.25, 1) == pytest.approx(math.log(4))


@pytest.mark.parametrize("y", [0.0, 0.2, 0.5, 0.8, 1.0])
def test_logit_gradients_match_autograd(y):
    losses = lc.binary_losses(P, y)
    np.testing.assert_allclose(losses.bce_gradient, torch_logit_gradient(P, y, "bce"),
                               rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(losses.mse_gradient, torch_logit_gradient(P, y, "mse"),
                               rtol=1e-9, atol=1e-15)


def test_mse_gradient_vanishes_where_the_model_is_confidently_wrong():
    wrong = lc.binary_losses([1e-6, 1e-3], 1.0)
    assert abs(wrong.mse_gradient[0]) < 3e-6 and abs(wrong.mse_gradient[1]) < 3e-3
    assert wrong.bce_gradient == pytest.approx([-1 + 1e-6, -1 + 1e-3])
    # Confidently wrong pushes MSE less than mildly wrong does: backwards from what it should.
    assert abs(lc.binary_losses(0.01, 1.0).mse_gradient) < abs(
        lc.binary_losses(0.3, 1.0).mse_gradient)


def test_edges_are_infinite_or_zero_never_nan():
    p = np.array([0.0, 0.0, 0.0, 1.0, 1.0, 1.0])
    y = np.array([1.0, 0.0, 0.4, 1.0, 0.0, 0.4])
    with np.errstate(all="raise"):
        losses = lc.bce(p, y)
    np.testing.assert_array_equal(losses, [math.inf, 0.0, math.inf, 0.0, math.inf, math.inf])
    assert not np.isnan(losses).any()
    np.testing.assert_allclose(lc.mse(p, y), [1.0, 0.0, 0.16, 0.0, 1.0, 0.36], rtol=1e-15)
    for y_edge in (0.0, 1.0):
        edge = lc.binary_losses(np.array([0.0, 1.0]), y_edge)
        assert np.isfinite(edge.bce_gradient).all() and np.isfinite(edge.mse_gradient).all()
        np.testing.assert_array_equal(edge.mse_gradient, [0.0, 0.0])


def test_curves_are_finite_everywhere_they_are_plotted():
    curves = lc.binary_curves(1.0, 0.0)
    assert curves.p[0] > 0 and curves.p[-1] < 1
    assert curves.p.size == lc.GRID_POINTS
    for losses in (curves.positive, curves.negative, curves.target):
        for values in (losses.bce, losses.mse, losses.bce_gradient, losses.mse_gradient):
            assert values.shape == curves.p.shape
            assert np.isfinite(values).all()
    # The grid's edges are close enough to 0 and 1 for −log p to leave any sensible axis.
    assert curves.positive.bce[0] > 6.0 and curves.negative.bce[-1] > 6.0


@pytest.mark.parametrize(("y", "eps"), [(1.0, 0.0), (0.8, 0.0), (0.8, 0.1), (1.0, 0.2),
                                        (0.0, 0.3), (0.5, 0.5), (0.3, 0.0)])
def test_binary_smoothing_matches_torch_two_class_cross_entropy(y, eps):
    """BCE at y′ = y(1 − ε) + ε/2 is torch's 2-class CE with label_smoothing=ε and soft y."""
    z = torch.logit(t64(P))
    logits = torch.stack([torch.zeros_like(z), z], dim=1)
    target = t64([[1.0 - y, y]] * P.size)
    expected = F.cross_entropy(logits, target, reduction="none", label_smoothing=eps).numpy()
    target_y = lc.smoothed_binary_target(y, eps)
    assert target_y == pytest.approx(y * (1 - eps) + eps / 2)
    np.testing.assert_allclose(lc.binary_losses(P, target_y).bce, expected, rtol=1e-9)


@pytest.mark.parametrize(("y", "eps"), [(1.0, 0.1), (0.8, 0.1), (0.3, 0.0), (1.0, 0.5)])
def test_binary_minimum_is_where_autograd_finds_it(y, eps):
    minimum = lc.binary_minimum(y, eps)
    z = torch.tensor([0.0], dtype=torch.float64, requires_grad=True)
    target = t64([[1.0 - y, y]])
    optimizer = torch.optim.LBFGS([z], max_iter=100, tolerance_grad=1e-14,
                                  tolerance_change=1e-16, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        logits = torch.cat([torch.zeros(1, dtype=torch.float64), z]).unsqueeze(0)
        loss = F.cross_entropy(logits, target, label_smoothing=eps)
        loss.backward()
        return loss

    optimizer.step(closure)
    assert minimum.p == pytest.approx(torch.sigmoid(z).item(), abs=1e-7)
    assert minimum.bce == pytest.approx(closure().item(), rel=1e-9)
    if eps > 0 and y == 1.0:
        assert minimum.p == pytest.approx(1 - eps / 2)


def test_soft_label_minimum_is_at_p_equals_y():
    curves = lc.binary_curves(0.3, 0.0)
    assert curves.p[np.argmin(curves.target.bce)] == pytest.approx(0.3, abs=1e-3)
    assert curves.p[np.argmin(curves.target.mse)] == pytest.approx(0.3, abs=1e-3)
    assert curves.minimum.bce == pytest.approx(-(0.3 * math.log(0.3) + 0.7 * math.log(0.7)))


def test_eps_zero_hard_label_has_zero_minimum_at_one():
    minimum = lc.binary_minimum(1.0, 0.0)
    assert minimum.p == 1.0 and minimum.bce == 0.0


@pytest.mark.parametrize("k", [1, 2, 3, 5, 10])
@pytest.mark.parametrize("eps", [0.0, 0.1, 0.5])
def test_categorical_ce_matches_torch(k, eps):
    z = np.linspace(-15, 15, 61)
    losses = lc.categorical_losses(z, k, eps)
    np.testing.assert_allclose(losses.ce, torch_categorical_ce(z, k, eps), rtol=1e-10, atol=1e-13)
    logits = torch.zeros((z.size, k), dtype=torch.float64)
    logits[:, 0] = t64(z)
    np.testing.assert_allclose(losses.p_true, torch.softmax(logits, dim=1)[:, 0].numpy(),
                               rtol=1e-12)


@pytest.mark.parametrize("k", [1, 2, 4, 10])
@pytest.mark.parametrize("eps", [0.0, 0.2])
def test_categorical_gradient_matches_autograd(k, eps):
    z = t64(np.linspace(-6, 8, 15)).requires_grad_(True)
    logits = torch.cat([z.unsqueeze(1), torch.zeros((z.numel(), k - 1), dtype=torch.float64)],
                       dim=1)
    target = torch.zeros(z.numel(), dtype=torch.long)
    F.cross_entropy(logits, target, reduction="sum", label_smoothing=eps).backward()
    losses = lc.categorical_losses(z.detach().numpy(), k, eps)
    np.testing.assert_allclose(losses.gradient, z.grad.numpy(), rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("k", [2, 5, 10])
@pytest.mark.parametrize("eps", [0.0, 0.1, 0.5])
def test_huge_logits_do_not_overflow(k, eps):
    z = np.array([-1000.0, 1000.0])
    # Underflow to 0 is the right answer for e^−1000; overflow or nan would not be.
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        losses = lc.categorical_losses(z, k, eps)
        p = lc.sigmoid(z)
    assert np.isfinite(losses.ce).all()
    np.testing.assert_allclose(losses.ce, torch_categorical_ce(z, k, eps), rtol=1e-12)
    t = 1 - eps + eps / k
    # By hand: at +1000 the loss is (1 − t)·1000; at −1000 it is log(K − 1) + 1000·t.
    assert losses.ce[1] == pytest.approx((1 - t) * 1000, abs=1e-12)
    assert losses.ce[0] == pytest.approx(math.log(k - 1) + 1000 * t, rel=1e-14)
    np.testing.assert_array_equal(p, [0.0, 1.0])
    assert lc.logit(1.0) == math.inf and lc.logit(0.0) == -math.inf


def test_huge_logit_binary_gradients_match_autograd():
    z = t64([-1000.0, 1000.0]).requires_grad_(True)
    F.binary_cross_entropy_with_logits(z, torch.ones(2, dtype=torch.float64),
                                       reduction="sum").backward()
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        p = lc.sigmoid([-1000.0, 1000.0])
        losses = lc.binary_losses(p, 1.0)
    np.testing.assert_allclose(losses.bce_gradient, z.grad.numpy())
    np.testing.assert_array_equal(losses.mse_gradient, [0.0, 0.0])


@pytest.mark.parametrize("k", [2, 3, 5, 10])
@pytest.mark.parametrize("eps", [0.01, 0.1, 0.3, 1.0])
def test_categorical_minimum_is_where_the_torch_gradient_vanishes(k, eps):
    minimum = lc.categorical_minimum(k, eps)
    z = t64([minimum.z]).requires_grad_(True)
    logits = torch.cat([z, torch.zeros(k - 1, dtype=torch.float64)]).unsqueeze(0)
    loss = F.cross_entropy(logits, torch.tensor([0]), label_smoothing=eps)
    loss.backward()
    assert abs(z.grad.item()) < 1e-12
    assert minimum.ce == pytest.approx(loss.item(), rel=1e-12)
    # And it is a minimum: the torch loss is higher on either side.
    for step in (-0.01, 0.01):
        assert torch_categorical_ce(minimum.z + step, k, eps)[0] > loss.item()
    t = 1 - eps + eps / k
    assert minimum.z == pytest.approx(math.log(t * (k - 1) / (1 - t)))


def test_categorical_minimum_edges():
    assert lc.categorical_minimum(5, 0.0) == lc.CategoricalMinimum(z=math.inf, ce=0.0)
    one_class = lc.categorical_minimum(1, 0.3)
    assert math.isnan(one_class.z) and one_class.ce == 0.0
    np.testing.assert_array_equal(lc.categorical_losses([-5.0, 0.0, 5.0], 1, 0.3).ce, 0.0)
    # ε = 1 makes the target uniform, so the best true-class logit equals the others.
    assert lc.categorical_minimum(4, 1.0).z == pytest.approx(0.0, abs=1e-12)
    assert lc.categorical_minimum(4, 1.0).ce == pytest.approx(math.log(4))


def test_categorical_curves_bundle():
    curves = lc.categorical_curves(5, 0.1, z_range=(-8.0, 12.0), n=401)
    assert curves.z[0] == -8.0 and curves.z[-1] == 12.0 and curves.z.size == 401
    assert curves.uniform == pytest.approx(math.log(5))
    assert np.isfinite(curves.plain.ce).all() and np.isfinite(curves.smoothed.ce).all()
    middle = np.argmin(np.abs(curves.z))
    assert curves.plain.ce[middle] == pytest.approx(math.log(5))
    assert curves.z[np.argmin(curves.smoothed.ce)] == pytest.approx(curves.minimum.z, abs=0.05)
    # Without smoothing the loss keeps falling to the right edge: no interior minimum.
    assert np.argmin(curves.plain.ce) == curves.z.size - 1


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: lc.smoothed_binary_target(1.2, 0.0), "label y"),
        (lambda: lc.smoothed_binary_target(1.0, -0.1), "smoothing"),
        (lambda: lc.binary_losses([0.5, 1.5], 1.0), r"\[0, 1\]"),
        (lambda: lc.categorical_losses(0.0, 0, 0.1), "classes K"),
        (lambda: lc.categorical_minimum(2.5, 0.1), "classes K"),
    ],
)
def test_invalid_arguments_raise(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_binary_series_are_the_curves_in_drawing_order() -> None:
    c = lc.binary_curves(1.0, 0.2)
    assert [id(a) for a in c.series()] == [id(a) for a in (
        c.positive.bce, c.negative.bce, c.positive.mse, c.negative.mse, c.target.bce,
        c.target.mse)]
    assert [id(a) for a in c.series(gradient=True)] == [id(a) for a in (
        c.positive.bce_gradient, c.negative.bce_gradient, c.positive.mse_gradient,
        c.negative.mse_gradient, c.target.bce_gradient, c.target.mse_gradient)]
