"""The network landscape core against one-point-at-a-time evaluation and scikit-learn."""

import copy

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import parameters_to_vector, vector_to_parameters

from ce_desktop.core.landscape import grid as landscape
from ce_desktop.core.training.models import build_mlp


def per_point_loss(model, theta, X, y, loss: str) -> float:
    """The reference: load the parameters into a copy of the model, one forward pass."""
    clone = copy.deepcopy(model)
    vector_to_parameters(theta, clone.parameters())
    with torch.no_grad():
        out = clone(X)
        if loss == "bce":
            return float(F.binary_cross_entropy(out[:, 0], y.float()))
        if loss == "bce_logits":
            return float(F.binary_cross_entropy_with_logits(out[:, 0], y.float()))
        if loss == "ce":
            return float(F.cross_entropy(out, y))
        if out.shape[1] == 1:
            return float(F.mse_loss(out[:, 0], y.float()))
        return float(F.mse_loss(out, F.one_hot(y, out.shape[1]).float()))


def make_problem(loss="bce", k=2, hidden=(7, 5), activation="relu", n=120, features=4, seed=0):
    torch.manual_seed(seed)
    model = build_mlp(features, k, hidden, activation, loss)
    X = torch.randn(n, features)
    y = torch.randint(0, k, (n,))
    return model, X, y


def directions(model, seed=1, include_biases=False):
    g = torch.Generator().manual_seed(seed)
    return (landscape.filter_normalized_direction(model, g, include_biases),
            landscape.filter_normalized_direction(model, g, include_biases))


@pytest.mark.parametrize(
    ("loss", "k", "activation"),
    [("bce", 2, "relu"), ("bce_logits", 2, "tanh"), ("ce", 4, "gelu"), ("mse", 2, "sigmoid"),
     ("mse", 3, "leaky_relu"), ("ce", 2, "relu")],
)
def test_grid_matches_one_forward_pass_per_point(loss, k, activation):
    model, X, y = make_problem(loss, k, activation=activation)
    d1, d2 = directions(model, include_biases=True)
    alphas, betas = np.linspace(-1.5, 1.0, 6), np.linspace(-0.8, 2.0, 5)
    grid = landscape.loss_grid(model, X, y, d1, d2, alphas, betas, loss)
    assert grid.shape == (6, 5)
    theta = parameters_to_vector(model.parameters()).detach()
    for i, a in enumerate(alphas):
        for j, b in enumerate(betas):
            expected = per_point_loss(model, theta + float(a) * d1 + float(b) * d2, X, y, loss)
            assert grid[i, j] == pytest.approx(expected, abs=1e-5), (i, j)


def test_grid_point_zero_is_the_models_own_loss():
    model, X, y = make_problem()
    d1, d2 = directions(model)
    grid = landscape.loss_grid(model, X, y, d1, d2, [0.0], [0.0])
    with torch.no_grad():
        assert grid[0, 0] == pytest.approx(float(F.binary_cross_entropy(model(X)[:, 0],
                                                                           y.float())), abs=1e-6)


def test_model_that_is_not_a_plain_sequential_falls_back_to_functional_calls():
    class Residual(nn.Module):
        def __init__(self):
            super().__init__()
            self.a = nn.Linear(3, 3)
            self.b = nn.Linear(3, 1)

        def forward(self, x):
            return self.b(torch.relu(self.a(x)) + x)

    torch.manual_seed(3)
    model = Residual()
    X, y = torch.randn(50, 3), torch.randint(0, 2, (50,))
    d1, d2 = directions(model)
    alphas = np.array([-1.0, 0.5])
    grid = landscape.loss_grid(model, X, y, d1, d2, alphas, alphas, "bce_logits")
    theta = parameters_to_vector(model.parameters()).detach()
    for i, a in enumerate(alphas):
        for j, b in enumerate(alphas):
            expected = per_point_loss(model, theta + a * d1 + b * d2, X, y, "bce_logits")
            assert grid[i, j] == pytest.approx(expected, abs=1e-5)


def test_huge_steps_give_the_clamped_loss_the_trainer_would_see_not_nan():
    model, X, y = make_problem()
    d1, d2 = directions(model, include_biases=True)
    alphas = np.array([-1e3, 0.0, 1e3])
    grid = landscape.loss_grid(model, X, y, d1, d2, alphas, alphas, "bce")
    assert np.all(np.isfinite(grid))
    theta = parameters_to_vector(model.parameters()).detach()
    expected = per_point_loss(model, theta + 1e3 * d1 - 1e3 * d2, X, y, "bce")
    assert grid[2, 0] == pytest.approx(expected, rel=1e-5)
    assert grid.max() <= 100.0


def test_filter_normalised_rows_have_the_weights_row_norms():
    model, _, _ = make_problem(hidden=(6, 4))
    g = torch.Generator().manual_seed(7)
    direction = landscape.filter_normalized_direction(model, g)
    offset = 0
    for param in model.parameters():
        part = direction[offset:offset + param.numel()].reshape(param.shape)
        offset += param.numel()
        if param.dim() == 1:
            assert torch.count_nonzero(part) == 0
        else:
            np.testing.assert_allclose(part.norm(dim=1), param.detach().norm(dim=1), rtol=1e-5)
            # Gaussian, not the weights themselves.
            assert not torch.allclose(part, param.detach())
    assert offset == direction.numel()


def test_bias_directions_when_asked_have_the_bias_norm():
    model, _, _ = make_problem()
    direction = landscape.filter_normalized_direction(
        model, torch.Generator().manual_seed(2), include_biases=True
    )
    offset = 0
    for param in model.parameters():
        part = direction[offset:offset + param.numel()]
        offset += param.numel()
        if param.dim() == 1:
            assert float(part.norm()) == pytest.approx(float(param.detach().norm()), rel=1e-5)


def test_same_generator_seed_gives_the_same_direction():
    model, _, _ = make_problem()
    a = landscape.filter_normalized_direction(model, torch.Generator().manual_seed(5))
    b = landscape.filter_normalized_direction(model, torch.Generator().manual_seed(5))
    c = landscape.filter_normalized_direction(model, torch.Generator().manual_seed(6))
    assert torch.equal(a, b)
    assert not torch.equal(a, c)


def test_the_callers_model_is_left_exactly_as_it_was():
    model, X, y = make_problem()
    model.train()
    first = next(model.parameters())
    first.requires_grad_(False)
    before = [p.detach().clone() for p in model.parameters()]
    flags = [p.requires_grad for p in model.parameters()]
    d1, d2 = directions(model, include_biases=True)
    landscape.loss_grid(model, X, y, d1, d2, np.linspace(-1, 1, 5), np.linspace(-1, 1, 5))
    landscape.interpolation_losses(model, d1, d2, X, y, np.linspace(0, 1, 4))
    for param, old, flag in zip(model.parameters(), before, flags, strict=True):
        assert torch.equal(param.detach(), old)
        assert param.requires_grad == flag
        assert param.grad is None
    assert model.training
    assert flags[0] is False and all(flags[1:])


def test_progressive_grid_refines_coarse_to_fine_and_ends_at_the_full_grid():
    model, X, y = make_problem()
    d1, d2 = directions(model)
    axis = np.linspace(-1, 1, 21)
    updates = list(landscape.progressive_loss_grid(model, X, y,
                                                   landscape.Plane(d1, d2, axis, axis)))
    full = landscape.loss_grid(model, X, y, d1, d2, axis, axis)
    strides = [u.stride for u in updates]
    assert strides[0] == 5 and strides[-1] == 1
    assert strides == sorted(strides, reverse=True)
    first = updates[0]
    assert first.values.shape == (5, 5)
    np.testing.assert_allclose(first.values, full[::5, ::5], atol=1e-6)
    assert all(np.all(np.isfinite(u.values)) for u in updates)
    done = [u.done for u in updates]
    assert done == sorted(done) and done[-1] == 21 * 21 == updates[-1].total
    assert updates[-1].complete
    np.testing.assert_allclose(updates[-1].values, full, atol=1e-6)


def test_progressive_grid_stops_between_chunks_when_asked():
    model, X, y = make_problem(n=5000)  # enough samples for many small chunks
    d1, d2 = directions(model)
    axis = np.linspace(-1, 1, 21)
    calls = []

    def stop_after_two():
        calls.append(1)
        return len(calls) > 2

    updates = list(landscape.progressive_loss_grid(model, X, y,
                                                   landscape.Plane(d1, d2, axis, axis),
                                                   should_stop=stop_after_two))
    assert len(updates) == 2
    assert updates[-1].done < 21 * 21


@pytest.mark.parametrize(
    ("size", "strides"),
    [(51, [10, 5, 1]), (11, [2, 1]), (101, [25, 5, 1]), (54, [1]), (3, [1]), (1, [1])],
)
def test_refinement_strides(size, strides):
    assert landscape.refinement_strides(size, size) == strides


def test_interpolation_ends_are_the_start_and_end_models():
    model, X, y = make_problem(loss="ce", k=3)
    start = parameters_to_vector(model.parameters()).detach().clone()
    end = start + directions(model, include_biases=True)[0]
    ts = np.linspace(0.0, 1.0, 5)
    losses = landscape.interpolation_losses(model, start.numpy(), end.numpy(), X, y, ts, "ce")
    for t, value in zip(ts, losses, strict=True):
        expected = per_point_loss(model, (1 - t) * start + t * end, X, y, "ce")
        assert value == pytest.approx(expected, abs=1e-5)


def test_trajectory_plane_is_orthonormal_and_centred_on_the_final_weights():
    rng = np.random.default_rng(0)
    path = np.cumsum(rng.normal(size=(8, 30)), axis=0)
    plane = landscape.trajectory_plane(path)
    basis = np.stack([plane.d1, plane.d2]).astype(np.float64)
    np.testing.assert_allclose(basis @ basis.T, np.eye(2), atol=1e-6)
    np.testing.assert_allclose(plane.coordinates[-1], [0.0, 0.0], atol=1e-12)
    ratios = plane.explained_variance_ratio
    assert 0 < ratios[1] <= ratios[0] <= 1 and ratios.sum() <= 1 + 1e-12


def test_a_path_inside_a_plane_is_reconstructed_from_its_coordinates():
    rng = np.random.default_rng(1)
    u, v = rng.normal(size=(2, 12))
    coefficients = rng.normal(size=(6, 2))
    final = rng.normal(size=12)
    path = final + coefficients[:, :1] * u + coefficients[:, 1:] * v
    path = np.vstack([path, final])
    plane = landscape.trajectory_plane(path)
    assert plane.explained_variance_ratio.sum() == pytest.approx(1.0, abs=1e-9)
    rebuilt = final + plane.coordinates[:, :1] * plane.d1 + plane.coordinates[:, 1:] * plane.d2
    np.testing.assert_allclose(rebuilt, path, atol=1e-5)


def test_trajectory_plane_refuses_paths_without_a_plane():
    with pytest.raises(ValueError, match="at least three points"):
        landscape.trajectory_plane(np.zeros((2, 5)))
    line = np.outer(np.arange(5.0), np.ones(4))
    with pytest.raises(ValueError, match="straight line"):
        landscape.trajectory_plane(line)


def test_axes_around_hold_every_point_and_the_origin():
    coords = np.array([[3.0, -1.0], [1.0, 2.0], [0.0, 0.0]])
    alphas, betas = landscape.axes_around(coords, 11)
    assert len(alphas) == len(betas) == 11
    assert alphas[0] < 0 < 3 < alphas[-1]
    assert betas[0] < -1 and betas[-1] > 2


def test_bad_arguments_are_refused_with_a_message():
    model, X, y = make_problem()
    d1, d2 = directions(model)
    with pytest.raises(ValueError, match="flat vector"):
        landscape.loss_grid(model, X, y, d1[:-1], d2, [0.0], [0.0])
    with pytest.raises(ValueError, match="unknown loss"):
        landscape.loss_grid(model, X, y, d1, d2, [0.0], [0.0], loss="hinge")
    with pytest.raises(ValueError, match="no samples"):
        landscape.loss_grid(model, X[:0], y[:0], d1, d2, [0.0], [0.0])
    with pytest.raises(ValueError, match="finite"):
        landscape.loss_grid(model, X, y, d1, d2, [np.nan], [0.0])


@pytest.mark.parametrize(
    ("loss", "k", "options"),
    [("bce", 2, {"label_smoothing": 0.2, "pos_weight": 3.0}),
     ("bce_logits", 2, {"label_smoothing": 0.1, "pos_weight": 0.5}),
     ("ce", 3, {"label_smoothing": 0.3}),
     ("ce", 2, {"pos_weight": 4.0, "label_smoothing": 0.1})],
)
def test_the_trainers_own_criterion_is_applied_model_by_model(loss, k, options):
    from ce_desktop.core.training.config import TrainConfig
    from ce_desktop.core.training.trainer import make_criterion

    model, X, y = make_problem(loss, k)
    criterion = make_criterion(TrainConfig(loss=loss, **options), k)
    d1, d2 = directions(model)
    alphas = np.array([-0.7, 0.0, 0.9])
    grid = landscape.loss_grid(model, X, y, d1, d2, alphas, alphas, loss, criterion=criterion)
    theta = parameters_to_vector(model.parameters()).detach()
    clone = copy.deepcopy(model)
    for i, a in enumerate(alphas):
        for j, b in enumerate(alphas):
            vector_to_parameters(theta + float(a) * d1 + float(b) * d2, clone.parameters())
            with torch.no_grad():
                expected = float(criterion(clone(X), y))
            assert grid[i, j] == pytest.approx(expected, abs=1e-5)
    plain = landscape.loss_grid(model, X, y, d1, d2, alphas, alphas, loss)
    assert np.abs(grid - plain).max() > 1e-3  # the options change the numbers


def test_clipped_probabilities_match_kerass_clipped_bce():
    model, X, y = make_problem()
    d1, d2 = directions(model, include_biases=True)
    alphas = np.array([0.0, 400.0])
    clip = 1e-7
    grid = landscape.loss_grid(model, X, y, d1, d2, alphas, [0.0], "bce", clip_eps=clip)
    theta = parameters_to_vector(model.parameters()).detach()
    clone = copy.deepcopy(model)
    for i, a in enumerate(alphas):
        vector_to_parameters(theta + float(a) * d1, clone.parameters())
        with torch.no_grad():
            p = clone(X)[:, 0].clamp(clip, 1 - clip)
            expected = float(F.binary_cross_entropy(p, y.float()))
        assert grid[i, 0] == pytest.approx(expected, rel=1e-5)
    # Far out the clipped loss is bounded by −log(1e-7) ≈ 16.1 instead of 100.
    assert grid[1, 0] < 16.2
