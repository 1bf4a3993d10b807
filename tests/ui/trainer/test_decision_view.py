"""The decision-boundary view: points, regions, boundary line, cheap updates."""

import numpy as np
import pytest
from conftest import show_widget
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from ce_desktop.core.training.decision import DecisionGrid
from ce_desktop.ui.common.style import CLASS_COLORS
from ce_desktop.ui.trainer.decision_view import MAX_TINT, DecisionView, class_color_image

XS = np.linspace(-2.0, 2.0, 41)  # step 0.1
YS = np.linspace(-1.0, 1.0, 21)  # step 0.1


def binary_grid(score) -> DecisionGrid:
    """A grid whose class-1 probability is sigmoid(score(x, y))."""
    gx, gy = np.meshgrid(XS, YS)
    p1 = 1 / (1 + np.exp(-score(gx, gy)))
    return DecisionGrid(XS, YS, np.stack([1 - p1, p1], axis=2).astype(np.float32))


def three_class_grid() -> DecisionGrid:
    gx, gy = np.meshgrid(XS, YS)
    logits = np.stack([-3 * gx, 3 * gx, 3 * gy], axis=2)
    p = np.exp(logits) / np.exp(logits).sum(axis=2, keepdims=True)
    return DecisionGrid(XS, YS, p.astype(np.float32))


def hue(rgb) -> float:
    return QColor(int(rgb[0]), int(rgb[1]), int(rgb[2])).hueF()


@pytest.fixture
def view(qtbot):
    return show_widget(qtbot, DecisionView(), 500, 400)


def test_palette_starts_blue_orange_green_red_purple():
    assert CLASS_COLORS[:5] == ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd")
    assert len(set(CLASS_COLORS)) == len(CLASS_COLORS)


def test_before_data_the_view_shows_the_hint_and_nothing_else(view):
    assert view.hint.isVisible()
    assert "two-feature data sets (moons, circles, XOR, spiral, blobs)" in (
        view.hint.textItem.toPlainText()
    )
    assert len(view.scatter.data) == 0
    assert view.image_item.image is None
    assert view.legend.items == []
    plot = view.plot_widget.getPlotItem()
    assert plot.getAxis("bottom").labelText == "x₁"
    assert plot.getAxis("left").labelText == "x₂"
    assert plot.vb.state["aspectLocked"] == 1.0
    assert view.plots() == {"Decision boundary": view.plot_widget}


def test_set_data_draws_every_point_in_its_class_colour(view):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    y = np.arange(60) % 3

    view.set_data(X, y, ["setosa", "versicolor", "virginica"])

    data = view.scatter.data
    assert len(data) == 60
    np.testing.assert_array_equal(data["x"], X[:, 0])
    np.testing.assert_array_equal(data["y"], X[:, 1])
    colours = [brush.color().name() for brush in data["brush"]]
    assert colours == [CLASS_COLORS[c] for c in y]
    assert [label.text for _, label in view.legend.items] == [
        "class setosa", "class versicolor", "class virginica"
    ]
    assert [s.item.opts["brush"].color().name() for s, _ in view.legend.items] == list(
        CLASS_COLORS[:3]
    )
    assert not view.hint.isVisible()
    # The view frames the points with grid_bounds' margin of 0.5.
    (x0, x1), (y0, y1) = view.plot_widget.getPlotItem().vb.viewRange()
    assert x0 <= X[:, 0].min() - 0.5 + 1e-9 and x1 >= X[:, 0].max() + 0.5 - 1e-9
    assert y0 <= X[:, 1].min() - 0.5 + 1e-9 and y1 >= X[:, 1].max() + 0.5 - 1e-9


def test_set_data_refuses_anything_but_two_features(view):
    with pytest.raises(ValueError, match="two features"):
        view.set_data(np.zeros((4, 3)), np.zeros(4, dtype=int), ["0", "1"])
    with pytest.raises(ValueError, match="labels"):
        view.set_data(np.zeros((4, 2)), np.array([0, 1, 2, 1]), ["0", "1"])


def test_show_grid_paints_class_colours_by_confidence(view):
    view.set_data(np.array([[-1.5, 0.0], [1.5, 0.0]]), np.array([0, 1]), ["0", "1"])
    view.show_grid(binary_grid(lambda x, y: 4 * x))

    image = view.image_item.image
    assert image.shape == (21, 41, 4)
    assert image.dtype == np.uint8
    assert np.all(image[..., 3] == 255)
    # x = 2: p1 = sigmoid(8), confidently class 1 → orange's hue, tinted nearly MAX_TINT.
    right = image[10, -1]
    assert hue(right) == pytest.approx(QColor(CLASS_COLORS[1]).hueF(), abs=0.01)
    expected = 255 - MAX_TINT * (2 * (1 / (1 + np.exp(-8))) - 1) * (
        255 - np.array(QColor(CLASS_COLORS[1]).getRgb()[:3])
    )
    np.testing.assert_allclose(right[:3], expected, atol=0.51)
    # x = −2: confidently class 0 → blue's hue.
    assert hue(image[10, 0]) == pytest.approx(QColor(CLASS_COLORS[0]).hueF(), abs=0.01)
    # x = 0: p = ½, no better than chance → white.
    np.testing.assert_array_equal(image[10, 20], [255, 255, 255, 255])
    assert view.image_item.isVisible()


def test_image_rows_run_upwards_and_pixels_are_centred_on_grid_points(view):
    view.show_grid(binary_grid(lambda x, y: 6 * y))

    image = view.image_item.image
    # Row 0 is y = −1 (class 0, blue) and is drawn at the bottom of the plot.
    assert hue(image[0, 20]) == pytest.approx(QColor(CLASS_COLORS[0]).hueF(), abs=0.01)
    assert hue(image[-1, 20]) == pytest.approx(QColor(CLASS_COLORS[1]).hueF(), abs=0.01)
    rect = view.image_item.mapRectToParent(view.image_item.boundingRect())
    expected = QRectF(-2.05, -1.05, 4.1, 2.1)
    for got, want in zip(
        (rect.left(), rect.top(), rect.width(), rect.height()),
        (expected.left(), expected.top(), expected.width(), expected.height()), strict=True,
    ):
        assert got == pytest.approx(want, abs=1e-9)


def test_binary_grid_gets_an_isocurve_at_one_half_on_the_boundary(view):
    view.show_grid(binary_grid(lambda x, y: 4 * (x - 0.5)))

    curve = view.isocurve
    assert curve.isVisible()
    assert curve.level == 0.5
    expected = binary_grid(lambda x, y: 4 * (x - 0.5)).probabilities[:, :, 1]
    np.testing.assert_array_equal(curve.data, expected)
    # In data coordinates the line is x = 0.5 from the bottom to the top of the grid.
    bounds = view.image_item.mapRectToParent(curve.mapRectToParent(curve.boundingRect()))
    assert bounds.left() == pytest.approx(0.5, abs=1e-6)
    assert bounds.right() == pytest.approx(0.5, abs=1e-6)
    assert bounds.top() == pytest.approx(-1.05, abs=1e-6)
    assert bounds.bottom() == pytest.approx(1.05, abs=1e-6)
    assert curve.pen.color().name() == "#303030"


def test_multi_class_grid_hides_the_isocurve(view):
    view.show_grid(binary_grid(lambda x, y: x))
    view.show_grid(three_class_grid())

    assert not view.isocurve.isVisible()
    assert view.isocurve.data is None
    image = view.image_item.image
    # Logits (−3x, 3x, 3y): bottom right is class 1 (orange), bottom left class 0 (blue),
    # top middle (x = 0, y = 1) class 2 (green).
    assert hue(image[0, -1]) == pytest.approx(QColor(CLASS_COLORS[1]).hueF(), abs=0.01)
    assert hue(image[0, 0]) == pytest.approx(QColor(CLASS_COLORS[0]).hueF(), abs=0.01)
    assert hue(image[-1, 20]) == pytest.approx(QColor(CLASS_COLORS[2]).hueF(), abs=0.01)


def test_fifty_updates_add_no_items(view):
    plot = view.plot_widget.getPlotItem()
    view.set_data(np.array([[-1.0, 0.0], [1.0, 0.0]]), np.array([0, 1]), ["0", "1"])
    view.show_grid(binary_grid(lambda x, y: x))
    counts = (len(plot.items), len(plot.vb.addedItems), len(view.plot_widget.scene().items()))

    for epoch in range(50):
        view.show_grid(binary_grid(lambda x, y, e=epoch: (1 + e) * x - y))

    assert (len(plot.items), len(plot.vb.addedItems),
            len(view.plot_widget.scene().items())) == counts
    last = binary_grid(lambda x, y: 50 * x - y)
    np.testing.assert_array_equal(view.isocurve.data, last.probabilities[:, :, 1])


def test_the_users_zoom_survives_later_epochs(view):
    view.show_grid(binary_grid(lambda x, y: x))
    vb = view.plot_widget.getPlotItem().vb
    vb.setRange(xRange=(0.0, 0.5), yRange=(0.0, 0.5), padding=0)
    zoomed = vb.viewRange()

    view.show_grid(binary_grid(lambda x, y: 2 * x))

    np.testing.assert_allclose(vb.viewRange(), zoomed)


def test_clear_resets_to_the_hint(view):
    plot = view.plot_widget.getPlotItem()
    counts = (len(plot.items), len(view.plot_widget.scene().items()))
    view.set_data(np.array([[-1.0, 0.0], [1.0, 0.0]]), np.array([0, 1]), ["0", "1"])
    view.show_grid(binary_grid(lambda x, y: x))

    view.clear()

    assert len(view.scatter.data) == 0
    assert view.image_item.image is None
    assert not view.image_item.isVisible()
    assert view.isocurve.data is None
    assert view.legend.items == []
    assert view.hint.isVisible()
    assert (len(plot.items), len(view.plot_widget.scene().items())) == counts
    # And it draws again afterwards.
    view.show_grid(binary_grid(lambda x, y: x))
    assert view.image_item.image.shape == (21, 41, 4)
    assert view.isocurve.isVisible()


def test_colour_image_blends_towards_white_at_chance():
    predicted = np.array([[0, 1, 1, 2]])
    confidence = np.array([[1 / 3, 1.0, 2 / 3, np.nan]], dtype=np.float32)

    image = class_color_image(predicted, confidence, n_classes=3)

    assert image.shape == (1, 4, 4)
    np.testing.assert_array_equal(image[0, 0], [255, 255, 255, 255])  # chance: white
    # Certain class 1 (#ff7f0e = 255, 127, 14): halfway to white.
    np.testing.assert_array_equal(image[0, 1], [255, 191, 134, 255])
    # Confidence 2/3 with K = 3 is halfway from chance to certainty: a quarter of the way.
    np.testing.assert_array_equal(image[0, 2], [255, 223, 195, 255])
    np.testing.assert_array_equal(image[0, 3], [255, 255, 255, 255])  # NaN: white
