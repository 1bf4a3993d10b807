"""Decision grids: probabilities on a grid against hand-computed models."""

import numpy as np
import pytest
import torch
from torch import nn

from ce_desktop.core.training.decision import DecisionGrid, decision_grid, grid_bounds

# z = x − 2y + 0.5: with grid steps of 0.5 and 0.25, every z is exact in float32.
W = (1.0, -2.0)
B = 0.5
BOUNDS = (-2.0, 2.0, -1.0, 1.0)


def logistic_model() -> nn.Module:
    linear = nn.Linear(2, 1)
    with torch.no_grad():
        linear.weight.copy_(torch.tensor([W]))
        linear.bias.fill_(B)
    return nn.Sequential(linear, nn.Sigmoid())


def three_class_model() -> nn.Module:
    torch.manual_seed(7)
    return nn.Sequential(nn.Linear(2, 3))


def test_logistic_regression_probabilities_are_the_sigmoid_of_the_linear_score():
    grid = decision_grid(logistic_model(), "bce", BOUNDS, resolution=9)

    np.testing.assert_array_equal(grid.xs, [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2])
    np.testing.assert_array_equal(grid.ys, [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1])
    assert grid.probabilities.shape == (9, 9, 2)
    assert grid.probabilities.dtype == np.float32
    gx, gy = np.meshgrid(grid.xs, grid.ys)
    z = W[0] * gx + W[1] * gy + B
    p1 = 1 / (1 + np.exp(-z))
    # float32 sigmoid against float64 numpy: equal up to float32 rounding.
    np.testing.assert_allclose(grid.probabilities[:, :, 1], p1, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(grid.probabilities[:, :, 0], 1 - p1, rtol=1e-6, atol=1e-7)
    # Spot checks by hand: (x, y) = (0, 0) → z = 0.5; (−0.5, 0) → z = 0 → p = ½ exactly.
    assert grid.probabilities[4, 4, 1] == pytest.approx(1 / (1 + np.exp(-0.5)), rel=1e-6)
    np.testing.assert_array_equal(grid.probabilities[4, 3], [0.5, 0.5])


def test_predicted_class_flips_on_the_line_where_the_score_is_zero():
    grid = decision_grid(logistic_model(), "bce", BOUNDS, resolution=9)
    gx, gy = np.meshgrid(grid.xs, grid.ys)
    z = W[0] * gx + W[1] * gy + B

    predicted = grid.predicted()
    assert predicted.shape == (9, 9)
    # A tie (z = 0, p = ½) goes to the first class, as argmax does.
    np.testing.assert_array_equal(predicted, (z > 0).astype(int))
    # Row y = 0: z = x + 0.5, so the class flips between x = −0.5 and x = 0.
    np.testing.assert_array_equal(predicted[4], [0, 0, 0, 0, 1, 1, 1, 1, 1])
    # Column x = 0: z = 0.5 − 2y, so class 1 below y = 0.25 and class 0 from there up.
    np.testing.assert_array_equal(predicted[:, 4], [1, 1, 1, 1, 1, 0, 0, 0, 0])
    np.testing.assert_allclose(
        grid.confidence(), np.maximum(1 / (1 + np.exp(-z)), 1 / (1 + np.exp(z))), rtol=1e-6
    )


def test_logit_head_goes_through_the_sigmoid():
    model = logistic_model()[0]  # the bare Linear layer: its output is a logit
    grid = decision_grid(model, "bce_logits", BOUNDS, resolution=9)
    gx, gy = np.meshgrid(grid.xs, grid.ys)
    p1 = 1 / (1 + np.exp(-(W[0] * gx + W[1] * gy + B)))
    np.testing.assert_allclose(grid.probabilities[:, :, 1], p1, rtol=1e-6, atol=1e-7)


def test_three_class_probabilities_are_the_softmax_of_the_logits():
    model = three_class_model()
    grid = decision_grid(model, "ce", (-3.0, 1.0, 0.0, 2.0), resolution=12)

    assert grid.probabilities.shape == (12, 12, 3)
    assert grid.n_classes == 3
    np.testing.assert_allclose(grid.probabilities.sum(axis=2), 1.0, atol=1e-6)
    gx, gy = np.meshgrid(np.linspace(-3, 1, 12), np.linspace(0, 2, 12))
    points = torch.tensor(np.column_stack([gx.ravel(), gy.ravel()]), dtype=torch.float32)
    with torch.no_grad():
        expected = torch.softmax(model(points), dim=1).numpy().reshape(12, 12, 3)
    np.testing.assert_array_equal(grid.probabilities, expected)
    np.testing.assert_array_equal(grid.predicted(), expected.argmax(axis=2))
    np.testing.assert_array_equal(grid.confidence(), expected.max(axis=2))


def test_the_grid_is_evaluated_in_one_batched_forward_pass():
    model = three_class_model()
    calls = []
    model.register_forward_hook(lambda _m, inputs, _out: calls.append(inputs[0].shape))
    decision_grid(model, "ce", BOUNDS, resolution=30)
    assert calls == [torch.Size([900, 2])]


def test_model_mode_parameters_and_gradients_are_unchanged():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 1))
    model.train()
    model[2].eval()  # a deliberately mixed model keeps its mix
    before = [p.detach().clone() for p in model.parameters()]

    first = decision_grid(model, "bce_logits", BOUNDS, resolution=20)
    second = decision_grid(model, "bce_logits", BOUNDS, resolution=20)

    assert [m.training for m in model.modules()] == [True, True, True, False, True]
    for p, old in zip(model.parameters(), before, strict=True):
        assert torch.equal(p, old)
        assert p.grad is None
        assert p.requires_grad
    # Dropout was off during evaluation: two calls agree exactly.
    np.testing.assert_array_equal(first.probabilities, second.probabilities)

    model.eval()
    decision_grid(model, "bce_logits", BOUNDS, resolution=5)
    assert not any(m.training for m in model.modules())


def test_mode_is_restored_when_the_forward_pass_fails():
    model = nn.Sequential(nn.Flatten(0), nn.Linear(2, 1))  # Flatten(0) breaks the batch
    model.train()
    with pytest.raises(ValueError, match="two features"):
        decision_grid(model, "bce_logits", BOUNDS, resolution=5)
    assert all(m.training for m in model.modules())


def test_a_model_with_three_inputs_is_refused():
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    with pytest.raises(ValueError, match="needs a data set with two features; this model takes 3"):
        decision_grid(model, "ce", BOUNDS)


def test_a_model_without_linear_layers_that_cannot_take_two_inputs_is_refused():
    class ThreeInputs(nn.Module):
        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return x @ torch.ones(3, 1)

    with pytest.raises(ValueError, match="the decision boundary needs a data set with two"):
        decision_grid(ThreeInputs(), "bce_logits", BOUNDS)


@pytest.mark.parametrize(
    ("bounds", "resolution"),
    [((1.0, 0.0, 0.0, 1.0), 10), ((0.0, 1.0, 0.0, 0.0), 10), ((0.0, np.inf, 0.0, 1.0), 10),
     ((0.0, 1.0, 0.0, 1.0), 1)],
)
def test_bad_bounds_or_resolution_are_refused(bounds, resolution):
    with pytest.raises(ValueError):
        decision_grid(logistic_model(), "bce", bounds, resolution)


def test_grid_bounds_cover_every_point_with_the_margin():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(200, 2)) * [3.0, 0.5] + [10.0, -4.0]

    xmin, xmax, ymin, ymax = grid_bounds(X, margin=0.25)

    assert (xmin, xmax) == (X[:, 0].min() - 0.25, X[:, 0].max() + 0.25)
    assert (ymin, ymax) == (X[:, 1].min() - 0.25, X[:, 1].max() + 0.25)
    assert np.all((X[:, 0] > xmin) & (X[:, 0] < xmax) & (X[:, 1] > ymin) & (X[:, 1] < ymax))
    assert grid_bounds([[1.0, 2.0]]) == (0.5, 1.5, 1.5, 2.5)
    assert all(isinstance(b, float) for b in grid_bounds(X))


@pytest.mark.parametrize(
    "X", [np.zeros((5, 3)), np.zeros(4), np.zeros((0, 2)), [[0.0, np.nan]]]
)
def test_grid_bounds_refuse_points_that_are_not_two_finite_features(X):
    with pytest.raises(ValueError):
        grid_bounds(X)


def test_grid_bounds_feed_a_grid_that_covers_the_points():
    X = np.array([[-1.0, 3.0], [2.0, 5.0]])
    grid = decision_grid(logistic_model(), "bce", grid_bounds(X), resolution=7)
    assert (grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]) == (-1.5, 2.5, 2.5, 5.5)


def test_decision_grid_helpers_on_a_hand_built_grid():
    probabilities = np.array(
        [[[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]],
         [[0.2, 0.5, 0.3], [0.4, 0.4, 0.2]]], dtype=np.float32
    )
    grid = DecisionGrid(xs=np.array([0.0, 2.0]), ys=np.array([-1.0, 0.0]),
                        probabilities=probabilities)
    np.testing.assert_array_equal(grid.predicted(), [[0, 2], [1, 0]])
    np.testing.assert_array_equal(grid.confidence(), np.float32([[0.7, 0.6], [0.5, 0.4]]))
    # Steps 2 and 1: the cells reach half a step beyond the outer points.
    assert grid.extent() == (-1.0, 3.0, -1.5, 0.5)
