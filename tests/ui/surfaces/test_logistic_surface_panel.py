"""The BCE/MSE loss-surface panel: what it draws is what the core computes."""

import math
import threading

import numpy as np
import pyqtgraph as pg
import pytest
from conftest import show_widget
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from ce_desktop.core.data import make_dataset
from ce_desktop.core.surfaces import logistic
from ce_desktop.ui.common import style
from ce_desktop.ui.common.formatting import format_number
from ce_desktop.ui.common.widgets import CONTOUR_POINTS
from ce_desktop.ui.surfaces.logistic_surface_panel import (
    DEFAULT_EXTENT,
    DEFAULT_RESOLUTION,
    DEFAULT_START,
    LogisticSurfacePanel,
)


@pytest.fixture
def panel(qtbot):
    style.configure_pyqtgraph()
    return show_widget(qtbot, LogisticSurfacePanel(), 1400, 780)


def core_data(name="separable", seed=0):
    return logistic.make_data(name, seed=seed, n_samples=200)


def grid():
    return logistic.weight_grid(DEFAULT_EXTENT, DEFAULT_RESOLUTION)


def readout_line(X, y, w) -> str:
    """The readout's first line as the core's numbers make it (without the bold tags)."""
    return "w = ({}, {}): BCE {} nats, MSE {}, accuracy".format(
        format_number(w[0], 2), format_number(w[1], 2),
        format_number(logistic.loss_value(X, y, w, "bce")),
        format_number(logistic.loss_value(X, y, w, "mse")),
    )


def points_drawn(curve: pg.PlotDataItem) -> int:
    xs, _ = curve.getData()
    return 0 if xs is None else len(xs)


def plain(label) -> str:
    return label.text().replace("<b>", "").replace("</b>", "")


def test_both_images_hold_the_core_surfaces_on_one_colour_scale(panel):
    X, y = core_data()
    expected = logistic.loss_surfaces(X, y, grid(), grid())
    images = panel.images
    for loss in ("bce", "mse"):
        np.testing.assert_array_equal(panel.surfaces[loss], expected[loss])
        shown = images[loss].image
        assert shown.shape == (DEFAULT_RESOLUTION, DEFAULT_RESOLUTION)
        assert np.isfinite(shown).all()
        # The log colour scale is on by default.
        np.testing.assert_allclose(shown, logistic.log10_loss(expected[loss]), rtol=1e-12)
    low, high = logistic.shared_levels(*(logistic.log10_loss(s) for s in expected.values()))
    np.testing.assert_allclose(images["bce"].getLevels(), (low, high))
    np.testing.assert_allclose(images["mse"].getLevels(), (low, high))
    np.testing.assert_allclose(panel.color_bar.levels(), (low, high))
    assert panel.color_bar.axis.labelText == "loss (log scale)"
    # Its ticks name losses at their logarithms: 0.1 sits at −1.
    ticks = dict(panel.color_bar.axis._tickLevels[0])
    assert ticks[-1.0] == "0.1" and ticks[0.0] == "1"
    assert [float(label) for label in ticks.values()] == pytest.approx(
        logistic.log_ticks(low, high)
    )
    # Both images share the colour map too: the same lookup table.
    np.testing.assert_array_equal(images["bce"].lut, images["mse"].lut)


def test_image_pixels_sit_on_the_weights_they_show(panel):
    w = grid()
    for loss in ("bce", "mse"):
        image = panel.images[loss]
        for i, j in ((0, 0), (50, 20), (100, 100)):
            # Col-major: sample [i, j] is drawn centred on pixel (i + ½, j + ½).
            centre = image.mapToParent(QPointF(i + 0.5, j + 0.5))
            assert centre.x() == pytest.approx(w[i], abs=1e-9)
            assert centre.y() == pytest.approx(w[j], abs=1e-9)
        axis = panel.surface_plots[loss].getPlotItem().getAxis("bottom")
        assert axis.labelText == "w₁"
        assert panel.surface_plots[loss].getPlotItem().getAxis("left").labelText == "w₂"


def test_contours_are_drawn_at_shared_levels_on_each_surface(panel):
    shown = panel.displayed_surfaces()
    low, high = logistic.shared_levels(*shown.values())
    expected_levels = logistic.contour_levels(low, high, len(panel.contours["bce"]))
    for loss in ("bce", "mse"):
        levels = [curve.level for curve in panel.contours[loss]]
        np.testing.assert_allclose(levels, expected_levels)
        for curve in panel.contours[loss]:
            # Traced on every k-th grid point (at most CONTOUR_POINTS a side), scaled back.
            stride = int(curve.transform().m11())
            assert stride == math.ceil(len(shown[loss]) / CONTOUR_POINTS)
            np.testing.assert_array_equal(curve.data, shown[loss][::stride, ::stride])
            assert curve.parentItem() is panel.images[loss]


def test_log_toggle_switches_the_images_between_loss_and_its_log(panel):
    X, y = core_data()
    raw = logistic.loss_surfaces(X, y, grid(), grid())

    panel.log_check.setChecked(False)

    for loss in ("bce", "mse"):
        np.testing.assert_array_equal(panel.images[loss].image, raw[loss])
    low, high = logistic.shared_levels(raw["bce"], raw["mse"])
    # On a linear scale BCE's confidently wrong corner sets the top of both maps.
    assert high == pytest.approx(raw["bce"].max()) and high > 5 * raw["mse"].max()
    for loss in ("bce", "mse"):
        np.testing.assert_allclose(panel.images[loss].getLevels(), (low, high))
    assert panel.color_bar.axis.labelText == "loss"
    assert panel.color_bar.axis._tickLevels is None  # automatic ticks again

    panel.log_check.setChecked(True)
    for loss in ("bce", "mse"):
        np.testing.assert_allclose(
            panel.images[loss].image, np.log10(np.maximum(raw[loss], logistic.LOG_FLOOR))
        )


def test_select_weights_marks_both_surfaces_and_draws_the_boundary(panel):
    X, y = core_data()
    panel.select_weights(2.5, -1.0)

    assert panel.selected_weights() == (2.5, -1.0)
    for loss in ("bce", "mse"):
        marker = panel.start_markers[loss].data
        assert (marker["x"][0], marker["y"][0]) == (2.5, -1.0)
    xs, ys = panel.boundary_curve.getData()
    expected = logistic.decision_boundary((2.5, -1.0), logistic.data_bounds(X, 0.5))
    np.testing.assert_allclose(np.column_stack([xs, ys]), expected)
    np.testing.assert_allclose(2.5 * xs - 1.0 * ys, 0.0, atol=1e-12)
    assert readout_line(X, y, (2.5, -1.0)) in plain(panel.readout)
    accuracy = format_number(100 * logistic.accuracy(X, y, (2.5, -1.0)), 1)
    assert f"accuracy {accuracy} %" in panel.readout.text()
    # The arrow points from the origin along w, to the side the model calls class 1.
    arrow = panel.arrows[panel.boundary_curve]
    direction = np.array([2.5, -1.0]) / np.hypot(2.5, -1.0)
    assert arrow.isVisible()
    assert (arrow.pos().x(), arrow.pos().y()) == pytest.approx(tuple(0.7 * direction))


def test_a_real_mouse_click_on_a_surface_selects_that_model(panel, qtbot):
    X, y = core_data()
    widget = panel.surface_plots["mse"]
    view_box = widget.getPlotItem().vb
    target = pg.Point(2.0, -1.5)
    pos = widget.mapFromScene(view_box.mapViewToScene(target))

    QTest.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, pos)

    w = panel.selected_weights()
    # The click lands on a whole pixel; one pixel is well under 0.1 in weight units here.
    assert w == pytest.approx((2.0, -1.5), abs=0.1)
    assert w != DEFAULT_START
    assert panel.start_markers["bce"].data["x"][0] == w[0]
    xs, ys = panel.boundary_curve.getData()
    np.testing.assert_allclose(
        np.column_stack([xs, ys]), logistic.decision_boundary(w, logistic.data_bounds(X, 0.5))
    )
    assert readout_line(X, y, w) in plain(panel.readout)


def test_a_click_on_the_bce_surface_selects_the_same_way(panel):
    widget = panel.surface_plots["bce"]
    view_box = widget.getPlotItem().vb
    pos = widget.mapFromScene(view_box.mapViewToScene(pg.Point(-3.0, 4.0)))
    QTest.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, pos)
    assert panel.selected_weights() == pytest.approx((-3.0, 4.0), abs=0.1)


def test_finished_descent_ends_where_the_core_ends(panel):
    X, y = core_data()
    panel.lr_spin.setValue(1.0)
    panel.select_weights(-5.0, -3.0)

    panel.descend(steps=100)
    assert panel.is_descending()
    panel.finish_descent()

    assert not panel.is_descending()
    assert not panel.stop_button.isEnabled()
    text = panel.readout.text()
    assert "After 100 of 100 steps at learning rate 1:" in text
    for loss, name, unit in (("bce", "BCE", " nats"), ("mse", "MSE", "")):
        expected = logistic.gradient_descent(X, y, (-5.0, -3.0), loss, 1.0, 100)
        xs, ys = panel.path_curves[loss].getData()
        np.testing.assert_allclose(np.column_stack([xs, ys]), expected)
        np.testing.assert_array_equal(panel.paths[loss], expected)
        current = panel.current_markers[loss].data
        assert (current["x"][0], current["y"][0]) == tuple(expected[-1])
        end_loss = format_number(logistic.loss_value(X, y, expected[-1], loss))
        assert f"{name} {end_loss}{unit}" in text
        bx, by = panel.descent_boundaries[loss].getData()
        np.testing.assert_allclose(bx * expected[-1, 0] + by * expected[-1, 1], 0, atol=1e-12)
    # The story: from this confidently wrong start BCE finds the classes, MSE stays stuck.
    assert "BCE 0.0414 nats, accuracy 99 %" in text
    assert "MSE 0.9531, accuracy 1 %" in text


def test_the_animation_runs_to_the_end_by_itself(panel, qtbot):
    X, y = core_data()
    panel.select_weights(1.0, -4.0)
    panel.lr_spin.setValue(0.5)

    panel.descend(steps=12)
    qtbot.waitUntil(lambda: not panel.is_descending())

    for loss in ("bce", "mse"):
        expected = logistic.gradient_descent(X, y, (1.0, -4.0), loss, 0.5, 12)
        np.testing.assert_allclose(panel.shown_path(loss), expected)
        xs, ys = panel.path_curves[loss].getData()
        assert (xs[-1], ys[-1]) == tuple(expected[-1])
    assert "After 12 of 12 steps at learning rate 0.50:" in panel.readout.text()


def test_stop_keeps_the_path_drawn_so_far(panel):
    panel.select_weights(-2.0, 1.0)
    panel.descend(steps=50)
    # No event has run yet, so no frame has advanced: only the start is drawn.
    panel.stop_descent()

    assert not panel.is_descending()
    for loss in ("bce", "mse"):
        xs, ys = panel.path_curves[loss].getData()
        np.testing.assert_array_equal(np.column_stack([xs, ys]), [[-2.0, 1.0]])
    assert "After 0 of 50 steps" in panel.readout.text()
    # A new choice clears the old descent.
    panel.select_weights(1.0, 1.0)
    assert panel.paths == {}
    for loss in ("bce", "mse"):
        assert points_drawn(panel.path_curves[loss]) == 0
        assert points_drawn(panel.descent_boundaries[loss]) == 0
        assert len(panel.current_markers[loss].data) == 0
    assert points_drawn(panel.boundary_curve) == 2


def test_data_set_seed_and_grid_controls_recompute_the_surfaces(panel, qtbot):
    with qtbot.waitSignal(panel.status_message) as signal:
        panel.dataset_combo.setCurrentIndex(panel.dataset_combo.findData("noisy"))
    assert signal.args == ["Loss surfaces: Noisy (overlapping), 200 points"]
    panel.seed_spin.setValue(4)
    panel.extent_spin.setValue(3.0)
    panel.resolution_spin.setValue(31)

    X, y = core_data("noisy", seed=4)
    w = logistic.weight_grid(3.0, 31)
    expected = logistic.loss_surfaces(X, y, w, w)
    np.testing.assert_array_equal(panel.w1_values, w)
    for loss in ("bce", "mse"):
        np.testing.assert_array_equal(panel.surfaces[loss], expected[loss])
        assert panel.images[loss].image.shape == (31, 31)
    points = panel.scatters[1].data
    np.testing.assert_array_equal(points["x"], X[y == 1, 0])
    assert panel.scatters[1].opts["brush"].color().name() == "#ff7f0e"


def test_trainer_data_sets_come_from_make_dataset(qtbot, panel):
    panel.seed_spin.setValue(2)
    with qtbot.waitSignal(panel.data_changed, timeout=30_000):
        # Made in a thread: choosing it returns at once, the data arrive later.
        panel.dataset_combo.setCurrentIndex(panel.dataset_combo.findData("moons"))

    X, y = logistic.dataset_xy(make_dataset("moons", n_samples=400, seed=2))
    np.testing.assert_array_equal(panel.X, X)
    np.testing.assert_array_equal(panel.y, y)
    np.testing.assert_array_equal(
        panel.surfaces["mse"], logistic.loss_surface(X, y, grid(), grid(), "mse")
    )


def test_custom_data_and_plots_for_export(panel):
    X = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 2.0], [0.0, -2.0]])
    y = np.array([1, 0, 1, 0])
    panel.set_data(X, y, "four points")
    np.testing.assert_allclose(
        panel.surfaces["bce"], logistic.loss_surface(X, y, grid(), grid(), "bce")
    )
    with pytest.raises(ValueError, match="labels must be 0 or 1"):
        panel.set_data(X, np.array([0, 1, 2, 1]))

    plots = panel.plots()
    assert list(plots) == [
        "BCE (log loss) over (w₁, w₂)",
        "MSE of σ(w·x) over (w₁, w₂)",
        "Data and decision boundary w·x = 0",
    ]
    assert plots["BCE (log loss) over (w₁, w₂)"] is panel.surface_plots["bce"]
    assert plots["Data and decision boundary w·x = 0"] is panel.data_plot


def test_every_control_explains_itself(panel):
    for widget in (
        panel.dataset_combo, panel.seed_spin, panel.extent_spin, panel.resolution_spin,
        panel.log_check, panel.lr_spin, panel.steps_spin, panel.descend_button,
        panel.stop_button,
    ):
        assert len(widget.toolTip()) > 15, widget


def test_a_trainer_data_set_that_arrives_after_another_choice_is_dropped(qtbot, panel):
    panel.dataset_combo.setCurrentIndex(panel.dataset_combo.findData("circles"))
    panel.dataset_combo.setCurrentIndex(panel.dataset_combo.findData("xor"))
    X, y = logistic.make_data("xor", seed=panel.seed_spin.value(), n_samples=len(panel.X))
    np.testing.assert_array_equal(panel.X, X)
    # Let the circles thread finish and deliver: XOR must stay.
    qtbot.waitUntil(lambda: not any(t.name == "logistic-data"
                                    for t in threading.enumerate()), timeout=30_000)
    qtbot.wait(50)
    np.testing.assert_array_equal(panel.X, X)
    np.testing.assert_array_equal(panel.y, y)
