"""Two-weight logistic regression: surfaces, gradients and descent against independent oracles."""

import numpy as np
import pytest
import torch
from sklearn.metrics import log_loss, mean_squared_error

from ce_desktop.core.data import make_dataset
from ce_desktop.core.surfaces import logistic


def expit(z: np.ndarray) -> np.ndarray:
    """The plain textbook sigmoid: fine for the moderate logits the oracle tests use."""
    return 1.0 / (1.0 + np.exp(-z))


@pytest.fixture(params=logistic.DATASETS)
def data(request):
    return logistic.make_data(request.param, seed=3, n_samples=60)


# --------------------------------------------------------------------------- data


@pytest.mark.parametrize("name", logistic.DATASETS)
def test_data_sets_are_balanced_2d_binary_and_seeded(name):
    X, y = logistic.make_data(name, seed=7, n_samples=101)
    assert X.shape == (101, 2) and X.dtype == np.float64
    assert set(np.unique(y)) == {0, 1}
    assert np.bincount(y).tolist() == [51, 50]
    X2, y2 = logistic.make_data(name, seed=7, n_samples=101)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, logistic.make_data(name, seed=8, n_samples=101)[0])


def test_separable_data_is_split_by_a_line_through_the_origin_and_xor_is_not():
    X, y = logistic.make_data("separable", n_samples=200)
    # The boundary perpendicular to the class centre classifies (almost) every point.
    accuracy = np.mean((X @ np.array(logistic.CLASS_CENTRE) > 0) == (y == 1))
    assert accuracy >= 0.99
    Xn, yn = logistic.make_data("noisy", n_samples=200)
    assert 0.6 < np.mean((Xn @ np.array(logistic.CLASS_CENTRE) > 0) == (yn == 1)) < 0.95
    Xx, yx = logistic.make_data("xor", n_samples=400)
    # Class 1 has both coordinates of one sign: the product, not a line, tells the classes apart.
    assert np.mean((Xx[:, 0] * Xx[:, 1] > 0) == (yx == 1)) > 0.9


def test_unknown_data_set_names_the_choices():
    with pytest.raises(ValueError, match="separable, noisy, xor"):
        logistic.make_data("moons")


def test_dataset_xy_takes_the_trainers_two_feature_training_rows():
    ds = make_dataset("moons", n_samples=100, seed=1)
    X, y = logistic.dataset_xy(ds)
    np.testing.assert_array_equal(X, ds.X_train.astype(np.float64))
    np.testing.assert_array_equal(y, ds.y_train)
    assert X.shape == (60, 2)


def test_dataset_xy_refuses_multi_class_and_many_features():
    with pytest.raises(ValueError, match="two classes; 'blobs' has 3"):
        logistic.dataset_xy(make_dataset("blobs", n_samples=60, n_classes=3))
    wide = make_dataset("moons", n_samples=40)
    # A Dataset with 3 features, built from the moons rows plus a zero column.
    three = type(wide)(
        name="wide",
        X_train=np.c_[wide.X_train, np.zeros(len(wide.X_train))], y_train=wide.y_train,
        X_val=np.c_[wide.X_val, np.zeros(len(wide.X_val))], y_val=wide.y_val,
        X_test=np.c_[wide.X_test, np.zeros(len(wide.X_test))], y_test=wide.y_test,
        feature_names=("a", "b", "c"), class_names=("0", "1"),
    )
    with pytest.raises(ValueError, match="two features; 'wide' has 3"):
        logistic.dataset_xy(three)


def test_check_xy_refuses_bad_shapes_and_labels():
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        logistic.check_xy(np.zeros((3, 3)), np.zeros(3))
    with pytest.raises(ValueError, match="labels must be 0 or 1"):
        logistic.check_xy(np.zeros((3, 2)), np.array([0, 1, 2]))
    with pytest.raises(ValueError, match=r"expected \(3,\)"):
        logistic.check_xy(np.zeros((3, 2)), np.zeros(4))


# --------------------------------------------------------------------------- surfaces


def test_every_grid_entry_matches_scikit_learn(data):
    X, y = data
    w1 = np.linspace(-3.0, 3.0, 7)
    w2 = np.linspace(-2.0, 2.5, 5)

    surfaces = logistic.loss_surfaces(X, y, w1, w2)

    assert surfaces["bce"].shape == surfaces["mse"].shape == (7, 5)
    for i, a in enumerate(w1):
        for j, b in enumerate(w2):
            p = expit(X @ np.array([a, b]))
            assert surfaces["bce"][i, j] == pytest.approx(log_loss(y, p, labels=[0, 1]), rel=1e-9)
            assert surfaces["mse"][i, j] == pytest.approx(mean_squared_error(y, p), rel=1e-9)
    np.testing.assert_array_equal(logistic.loss_surface(X, y, w1, w2, "bce"), surfaces["bce"])
    np.testing.assert_array_equal(logistic.loss_surface(X, y, w1, w2, "mse"), surfaces["mse"])


def test_chunking_does_not_change_the_surface(monkeypatch):
    X, y = logistic.make_data("noisy", n_samples=50)
    w = np.linspace(-4, 4, 13)
    whole = logistic.loss_surfaces(X, y, w, w)
    # 3 grid points per chunk: 169 points leave a last, partial chunk of one.
    monkeypatch.setattr(logistic, "CHUNK_ELEMENTS", 150)
    chunked = logistic.loss_surfaces(X, y, w, w)
    for loss in logistic.LOSSES:
        np.testing.assert_allclose(chunked[loss], whole[loss], rtol=1e-14)


def test_loss_value_is_the_surface_at_one_point():
    X, y = logistic.make_data("separable", n_samples=40)
    surface = logistic.loss_surface(X, y, [1.5], [-0.5], "mse")
    assert logistic.loss_value(X, y, [1.5, -0.5], "mse") == pytest.approx(surface[0, 0], rel=1e-12)


@pytest.mark.parametrize("w", [(1000.0, 1000.0), (-1000.0, -1000.0), (1000.0, -1000.0)])
def test_huge_logits_give_finite_losses(w):
    X, y = logistic.make_data("noisy", n_samples=80)
    bce = logistic.loss_value(X, y, w, "bce")
    z = X @ np.array(w)
    expected = torch.nn.functional.binary_cross_entropy_with_logits(
        torch.tensor(z), torch.tensor(y, dtype=torch.float64)
    ).item()
    assert np.isfinite(bce)
    assert bce == pytest.approx(expected, rel=1e-12)
    # Misclassified points cost about |z| each: tens to hundreds of nats on average.
    assert bce > 10
    mse = logistic.loss_value(X, y, w, "mse")
    # Nearly every prediction is 0 or 1, so the squared error is the error rate.
    assert mse == pytest.approx(np.mean((z > 0) != (y == 1)), abs=1e-3)
    grid = logistic.loss_surfaces(X, y, [-1000.0, 0.0, 1000.0], [-1000.0, 0.0, 1000.0])
    assert np.isfinite(grid["bce"]).all() and np.isfinite(grid["mse"]).all()
    # w = 0 predicts ½ everywhere: ln 2 nats and a squared error of ¼.
    assert grid["bce"][1, 1] == pytest.approx(np.log(2), rel=1e-12)
    assert grid["mse"][1, 1] == pytest.approx(0.25, rel=1e-12)
    assert grid["bce"][2, 2] == pytest.approx(
        logistic.loss_value(X, y, (1000.0, 1000.0), "bce"), rel=1e-12
    )


def test_unknown_loss_is_refused():
    X, y = logistic.make_data("xor", n_samples=8)
    with pytest.raises(ValueError, match="unknown loss 'hinge'"):
        logistic.loss_surface(X, y, [0.0], [0.0], "hinge")
    with pytest.raises(ValueError, match="unknown loss 'hinge'"):
        logistic.loss_gradient(X, y, [0.0, 0.0], "hinge")


# --------------------------------------------------------------------------- gradients


@pytest.mark.parametrize("w", [(0.3, -0.7), (-4.0, 2.5), (6.0, 6.0)])
def test_gradients_match_torch_autograd(data, w):
    X, y = data
    Xt = torch.tensor(X, dtype=torch.float64)
    yt = torch.tensor(y, dtype=torch.float64)
    for loss in logistic.LOSSES:
        wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
        z = Xt @ wt
        if loss == "bce":
            value = torch.nn.functional.binary_cross_entropy_with_logits(z, yt)
        else:
            value = torch.nn.functional.mse_loss(torch.sigmoid(z), yt)
        value.backward()
        np.testing.assert_allclose(
            logistic.loss_gradient(X, y, w, loss), wt.grad.numpy(), rtol=1e-10, atol=1e-15
        )
        assert logistic.loss_value(X, y, w, loss) == pytest.approx(value.item(), rel=1e-10)


# --------------------------------------------------------------------------- shape of surfaces


def second_differences(values: np.ndarray) -> np.ndarray:
    return values[:-2] - 2 * values[1:-1] + values[2:]


def line_losses(X, y, start, direction, loss, ts):
    return np.array([logistic.loss_value(X, y, start + t * direction, loss) for t in ts])


def test_bce_is_convex_along_random_lines(data):
    X, y = data
    rng = np.random.default_rng(0)
    ts = np.linspace(-8.0, 8.0, 81)
    for _ in range(20):
        start = rng.uniform(-6, 6, size=2)
        direction = rng.normal(size=2)
        direction /= np.linalg.norm(direction)
        assert second_differences(line_losses(X, y, start, direction, "bce", ts)).min() >= -1e-9


def test_mse_through_a_sigmoid_is_not_convex():
    X, y = logistic.make_data("separable", seed=0, n_samples=200)
    # Along the line from the worst model to the best one the MSE falls from ~1 to ~0 like a
    # sigmoid: it bends down (concave) on the wrong side, where the plateau begins.
    direction = np.array(logistic.CLASS_CENTRE) / np.linalg.norm(logistic.CLASS_CENTRE)
    ts = np.linspace(-6.0, 6.0, 121)  # step 0.1
    d2 = second_differences(line_losses(X, y, np.zeros(2), direction, "mse", ts))
    assert d2.min() < -1e-3  # curvature below −0.1
    assert ts[1 + d2.argmin()] < 0
    # And BCE on the same line is convex.
    assert second_differences(line_losses(X, y, np.zeros(2), direction, "bce", ts)).min() >= -1e-9


# --------------------------------------------------------------------------- descent


def test_gradient_descent_takes_plain_gradient_steps():
    X, y = logistic.make_data("noisy", n_samples=30)
    path = logistic.gradient_descent(X, y, (2.0, -1.0), "mse", lr=0.5, steps=3)
    assert path.shape == (4, 2)
    w = np.array([2.0, -1.0])
    for k in range(4):
        np.testing.assert_allclose(path[k], w, rtol=1e-14)
        w = w - 0.5 * logistic.loss_gradient(X, y, w, "mse")
    np.testing.assert_array_equal(
        logistic.gradient_descent(X, y, (2.0, -1.0), "bce", lr=1.0, steps=0), [[2.0, -1.0]]
    )
    with pytest.raises(ValueError, match="learning rate must be positive"):
        logistic.gradient_descent(X, y, (0, 0), "bce", lr=0.0, steps=3)


def test_bce_descends_from_a_plateau_where_mse_stalls():
    X, y = logistic.make_data("separable", seed=0, n_samples=200)
    start = (-5.0, -3.0)  # every point confidently wrong
    bce_path = logistic.gradient_descent(X, y, start, "bce", lr=1.0, steps=100)
    mse_path = logistic.gradient_descent(X, y, start, "mse", lr=1.0, steps=100)
    bce_end = logistic.loss_value(X, y, bce_path[-1], "bce")
    mse_end = logistic.loss_value(X, y, mse_path[-1], "mse")

    assert logistic.loss_value(X, y, start, "bce") > 5.0
    assert bce_end < 0.05
    assert np.dot(bce_path[-1], logistic.CLASS_CENTRE) > 0  # on the right side
    # MSE has barely moved off its plateau: still above 0.9 of its maximum of 1.
    assert mse_end > 0.9
    assert np.dot(mse_path[-1], logistic.CLASS_CENTRE) < 0
    # Measured in the same currency, BCE's model is far better.
    assert logistic.loss_value(X, y, mse_path[-1], "bce") > 100 * bce_end


# --------------------------------------------------------------------------- drawing aids


@pytest.mark.parametrize(
    "w", [(1.0, 0.6), (-2.0, 5.0), (0.0, 3.0), (4.0, 0.0), (1e-3, -7.0)]
)
def test_decision_boundary_endpoints_lie_on_the_line_and_the_box(w):
    box = (-2.0, 3.0, -1.5, 2.5)
    ends = logistic.decision_boundary(w, box)
    assert ends.shape == (2, 2)
    np.testing.assert_allclose(ends @ np.array(w), 0.0, atol=1e-12)
    for x, y in ends:
        assert box[0] - 1e-12 <= x <= box[1] + 1e-12
        assert box[2] - 1e-12 <= y <= box[3] + 1e-12
        on_edge = min(abs(x - box[0]), abs(x - box[1]), abs(y - box[2]), abs(y - box[3]))
        assert on_edge < 1e-12
    assert np.linalg.norm(ends[1] - ends[0]) > 1.0


def test_decision_boundary_exact_case_and_degenerate_ones():
    np.testing.assert_allclose(
        logistic.decision_boundary((1.0, 1.0), (-1.0, 1.0, -1.0, 1.0)), [[1, -1], [-1, 1]]
    )
    assert logistic.decision_boundary((0.0, 0.0), (-1.0, 1.0, -1.0, 1.0)) is None
    # A box away from the origin that the line x₂ = 0 does not reach.
    assert logistic.decision_boundary((0.0, 1.0), (-1.0, 1.0, 2.0, 3.0)) is None


def test_colour_helpers():
    a = np.array([[0.2, 3.0], [np.inf, 0.0]])
    b = np.array([[0.01, 0.5]])
    assert logistic.shared_levels(a, b) == (0.0, 3.0)
    assert logistic.shared_levels(np.array([2.0])) == (2.0, 3.0)
    np.testing.assert_allclose(
        logistic.log10_loss(np.array([100.0, 1e-3, 0.0])), [2.0, -3.0, -6.0]
    )
    np.testing.assert_allclose(logistic.contour_levels(0.0, 1.0, 4), [0.2, 0.4, 0.6, 0.8])
    np.testing.assert_allclose(logistic.weight_grid(6.0, 5), [-6, -3, 0, 3, 6])
    bounds = logistic.data_bounds(np.array([[0.0, 1.0], [2.0, -1.0]]), margin=0.5)
    assert bounds == (-0.5, 2.5, -1.5, 1.5)


def test_class_one_direction_and_accuracy():
    np.testing.assert_allclose(logistic.class_one_direction((3.0, -4.0)), [0.6, -0.8])
    assert logistic.class_one_direction((0.0, 0.0)) is None
    X = np.array([[1.0, 0.0], [2.0, 1.0], [-1.0, 0.5], [-2.0, -1.0]])
    y = np.array([1, 1, 0, 1])
    # w = (1, 0) calls x₁ > 0 class 1: right on the first three points, wrong on the last.
    assert logistic.accuracy(X, y, (1.0, 0.0)) == 0.75
    assert logistic.accuracy(X, y, (-1.0, 0.0)) == 0.25


def test_log_ticks_name_losses_inside_the_range():
    # log10(20) = 1.301 is just past the top.
    assert logistic.log_ticks(-2.1, 1.3) == pytest.approx(
        [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0]
    )
    assert logistic.log_ticks(-0.6, 0.8) == pytest.approx([0.5, 1.0, 2.0, 5.0])
    # Four decades or more: powers of ten only, ends included.
    assert logistic.log_ticks(-6.0, 1.2) == pytest.approx(
        [1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1, 10]
    )
