"""The per-sample loss curves panel, asserting on the curves it draws and the text it shows."""

import math

import numpy as np
import pyqtgraph as pg
import pytest
import torch
import torch.nn.functional as F
from conftest import PaintCounter, show_widget
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ce_desktop.ui.common import style
from ce_desktop.ui.surfaces.loss_curves_panel import LossCurvesPanel


@pytest.fixture
def panel(qtbot):
    style.configure_pyqtgraph()
    return show_widget(qtbot, LossCurvesPanel(), 1400, 780)


def curve_data(curve) -> tuple[np.ndarray, np.ndarray]:
    x, y = curve.getData()
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def t64(values) -> torch.Tensor:
    return torch.tensor(np.asarray(values, dtype=float), dtype=torch.float64)


def torch_two_class_ce(p: np.ndarray, y: float, eps: float) -> np.ndarray:
    """Torch's CrossEntropyLoss(label_smoothing=ε) on logits (0, logit p), soft target (1−y, y)."""
    z = torch.logit(t64(p))
    logits = torch.stack([torch.zeros_like(z), z], dim=1)
    target = t64([[1.0 - y, y]] * len(p))
    return F.cross_entropy(logits, target, reduction="none", label_smoothing=eps).numpy()


def torch_categorical_ce(z: np.ndarray, k: int, eps: float) -> np.ndarray:
    logits = torch.zeros((len(z), k), dtype=torch.float64)
    logits[:, 0] = t64(z)
    return F.cross_entropy(logits, torch.zeros(len(z), dtype=torch.long), reduction="none",
                           label_smoothing=eps).numpy()


def torch_logit_gradients(p: float, y: float) -> tuple[float, float]:
    """(∂BCE/∂z, ∂MSE/∂z) at p = σ(z) by autograd."""
    grads = []
    for loss in ("bce", "mse"):
        z = torch.logit(t64([p])).requires_grad_(True)
        target = t64([y])
        if loss == "bce":
            F.binary_cross_entropy_with_logits(z, target).backward()
        else:
            F.mse_loss(torch.sigmoid(z), target).backward()
        grads.append(z.grad.item())
    return grads[0], grads[1]


def test_plots_are_exported_by_title(panel):
    plots = panel.plots()
    assert list(plots) == [
        "Loss against p",
        "Gradient with respect to the logit z",
        "Categorical CE against the true-class logit",
    ]
    for title, widget in plots.items():
        assert isinstance(widget, pg.PlotWidget)
        assert widget.getPlotItem().titleLabel.text == title


def test_hard_label_curves_are_the_textbook_formulas(panel):
    p, bce_pos = curve_data(panel.loss_items.bce_positive)
    assert p[0] > 0 and p[-1] < 1
    np.testing.assert_allclose(bce_pos, -np.log(p), rtol=1e-12)
    np.testing.assert_allclose(curve_data(panel.loss_items.bce_negative)[1], -np.log1p(-p),
                               rtol=1e-12)
    np.testing.assert_allclose(curve_data(panel.loss_items.mse_positive)[1], (1 - p) ** 2)
    np.testing.assert_allclose(curve_data(panel.loss_items.mse_negative)[1], p**2)
    np.testing.assert_allclose(curve_data(panel.gradient_items.bce_positive)[1], p - 1)
    np.testing.assert_allclose(curve_data(panel.gradient_items.mse_positive)[1],
                               2 * (p - 1) * p * (1 - p))
    # Every drawn value is finite: the infinite ends of BCE are left out of the grid.
    items = panel.loss_items
    for curve in (items.bce_positive, items.bce_negative, items.bce_target):
        assert np.isfinite(curve_data(curve)[1]).all()
    # BCE is drawn up to the axis top, and the axis is clipped at ~5 nats, not at infinity.
    (_, _), (y_low, y_high) = panel.loss_plot.getPlotItem().vb.viewRange()
    assert y_low <= 0 and 5 <= y_high < 5.2
    assert bce_pos.max() > y_high


def test_soft_label_slider_moves_the_bce_minimum_to_p_equals_y(panel):
    panel.label_slider.setValue(0.3)
    assert panel.label() == pytest.approx(0.3)
    p, bce = curve_data(panel.loss_items.bce_target)
    np.testing.assert_allclose(bce, torch_two_class_ce(p, 0.3, 0.0), rtol=1e-9)
    assert p[np.argmin(bce)] == pytest.approx(0.3, abs=1e-3)
    assert panel.minimum_line.value() == pytest.approx(0.3)
    point_x, point_y = panel.minimum_point.getData()
    assert point_x[0] == pytest.approx(0.3)
    assert point_y[0] == pytest.approx(-(0.3 * math.log(0.3) + 0.7 * math.log(0.7)))
    assert panel.minimum_line.label.textItem.toPlainText() == "minimum p = y′ = 0.300"
    _, mse = curve_data(panel.loss_items.mse_target)
    np.testing.assert_allclose(mse, F.mse_loss(t64(p), torch.full((p.size,), 0.3,
                               dtype=torch.float64), reduction="none").numpy(), atol=1e-15)
    assert "0.6109 nats" in panel.loss_note.text()


def test_label_smoothing_moves_the_minimum_off_one(panel):
    assert panel.minimum_line.value() == pytest.approx(1.0)
    assert not panel.label_line.isVisible()
    panel.eps_slider.setValue(0.1)
    assert panel.smoothing() == pytest.approx(0.1)
    p, bce = curve_data(panel.loss_items.bce_target)
    expected = torch_two_class_ce(p, 1.0, 0.1)
    np.testing.assert_allclose(bce, expected, rtol=1e-9)
    # The torch loss's minimum on the grid and the marked minimum agree: 1 − ε/2.
    assert panel.minimum_line.value() == pytest.approx(1 - 0.1 / 2)
    assert abs(p[np.argmin(expected)] - panel.minimum_line.value()) <= p[1] - p[0]
    assert panel.minimum_line.label.textItem.toPlainText() == "minimum p = y′ = 0.950"
    assert panel.label_line.isVisible() and panel.label_line.value() == pytest.approx(1.0)
    assert panel.label_line.label.textItem.toPlainText() == "label y = 1"
    assert "off p = y = 1 towards ½" in panel.loss_note.text()
    entropy = -(0.95 * math.log(0.95) + 0.05 * math.log(0.05))
    assert f"least BCE is the target's own entropy, {entropy:.4f} nats" in panel.loss_note.text()


def test_soft_label_and_smoothing_together_match_torch(panel):
    panel.label_slider.setValue(0.8)
    panel.eps_slider.setValue(0.2)
    p, bce = curve_data(panel.loss_items.bce_target)
    np.testing.assert_allclose(bce, torch_two_class_ce(p, 0.8, 0.2), rtol=1e-9)
    assert panel.minimum_line.value() == pytest.approx(0.8 * 0.8 + 0.1)
    _, grad = curve_data(panel.gradient_items.bce_target)
    np.testing.assert_allclose(grad, p - 0.74, atol=1e-12)


def test_hover_readout_reads_every_curve_at_p(panel):
    panel.show_readout_at(0.1)
    loss_text = panel.loss_readout.text()
    assert loss_text.startswith("p = 0.100 (z = -2.197), target y′ = 1")
    assert f"−log p {-math.log(0.1):.4f}" in loss_text
    assert "(1−p)² 0.8100" in loss_text
    assert f"−log(1−p) {-math.log(0.9):.4f} · p² 0.0100" in loss_text
    bce_grad, mse_grad = torch_logit_gradients(0.1, 1.0)
    gradient_text = panel.gradient_readout.text()
    assert f"y = 1: ∂BCE/∂z {bce_grad:.4f} · ∂MSE/∂z {mse_grad:.4f}" in gradient_text
    bce_grad0, mse_grad0 = torch_logit_gradients(0.1, 0.0)
    assert f"y = 0: ∂BCE/∂z {bce_grad0:.4f} · ∂MSE/∂z {mse_grad0:.4f}" in gradient_text
    assert panel.loss_hover_line.value() == pytest.approx(0.1)
    assert panel.gradient_hover_line.value() == pytest.approx(0.1)


def test_hover_readout_follows_the_smoothed_target(panel):
    panel.label_slider.setValue(0.8)
    panel.eps_slider.setValue(0.1)
    panel.show_readout_at(0.5)
    text = panel.loss_readout.text()
    assert "target y′ = 0.770" in text
    expected_bce = torch_two_class_ce(np.array([0.5]), 0.8, 0.1)[0]
    assert f"at y′: BCE {expected_bce:.4f} · MSE {(0.5 - 0.77) ** 2:.4f}" in text
    assert "at y′: ∂BCE/∂z -0.2700" in panel.gradient_readout.text()


def test_readout_at_the_edge_says_infinity(panel):
    panel.show_readout_at(0.0)
    text = panel.loss_readout.text()
    assert "p = 0 (z = −∞)" in text
    assert "y = 1: −log p ∞ · (1−p)² 1" in text
    assert "nan" not in text and "undefined" not in text
    # The infinite BCE gets no dot; the finite MSE does.
    x, y = panel.loss_hover_dots.getData()
    np.testing.assert_array_equal(x, [0.0])
    np.testing.assert_array_equal(y, [1.0])


def hover(widget: pg.PlotWidget, x: float, y: float) -> None:
    """Move the mouse onto data point (x, y) of ``widget``."""
    # Settle pending layout first: a view box resized after the mapping would misplace it.
    QApplication.processEvents()
    view_box = widget.getPlotItem().vb
    target = widget.mapFromScene(view_box.mapViewToScene(pg.Point(x, y)))
    # QTest skips a move to where it believes the mouse already is; start one pixel off.
    QTest.mouseMove(widget.viewport(), target - QPoint(1, 0))
    QTest.mouseMove(widget.viewport(), target)


def test_moving_the_mouse_over_the_loss_plot_shows_the_readout(panel, qtbot):
    hover(panel.loss_plot, 0.25, 1.0)
    # The mouse lands on a whole pixel, a few thousandths of p away from 0.25.
    qtbot.waitUntil(lambda: abs(panel.loss_hover_line.value() - 0.25) < 0.01)
    shown_p = panel.loss_hover_line.value()
    assert panel.gradient_hover_line.value() == shown_p
    text = panel.loss_readout.text()
    assert text.startswith(f"p = {shown_p:.3f} (z = {math.log(shown_p / (1 - shown_p)):.3f})")
    assert f"−log p {-math.log(shown_p):.4f}" in text


def test_moving_the_mouse_over_the_categorical_plot_shows_the_logit_readout(panel, qtbot):
    hover(panel.categorical_plot, 4.0, 1.0)
    qtbot.waitUntil(lambda: abs(panel.categorical_hover_line.value() - 4.0) < 0.1)
    z = panel.categorical_hover_line.value()
    expected = torch_categorical_ce(np.array([z]), panel.classes(), 0.0)[0]
    text = panel.categorical_readout.text()
    assert text.startswith(f"z_true = {z:.3f}, K = 3")
    assert f"CE (ε = 0) {expected:.4f}" in text


def test_gradient_plot_shows_mse_vanishing_where_confidently_wrong(panel):
    p, mse_grad = curve_data(panel.gradient_items.mse_positive)
    _, bce_grad = curve_data(panel.gradient_items.bce_positive)
    z = torch.logit(t64(p)).requires_grad_(True)
    F.mse_loss(torch.sigmoid(z), torch.ones_like(z), reduction="sum").backward()
    np.testing.assert_allclose(mse_grad, z.grad.numpy(), rtol=1e-9, atol=1e-15)
    wrong = p < 0.01
    assert np.abs(mse_grad[wrong]).max() < 0.02
    assert bce_grad[wrong].max() < -0.99
    assert "vanishes where the model is confidently wrong" in panel.gradient_note.text()
    assert panel.vanishing_region.getRegion() == (0.0, 0.1)


@pytest.mark.parametrize(("k", "eps"), [(2, 0.0), (5, 0.1), (10, 0.3)])
def test_categorical_curves_match_torch(panel, k, eps):
    panel.classes_spin.setValue(k)
    panel.eps_slider.setValue(eps)
    assert panel.classes() == k
    z, plain = curve_data(panel.categorical_plain_curve)
    _, smoothed = curve_data(panel.categorical_smoothed_curve)
    np.testing.assert_allclose(plain, torch_categorical_ce(z, k, 0.0), rtol=1e-10)
    np.testing.assert_allclose(smoothed, torch_categorical_ce(z, k, eps), rtol=1e-10)
    assert panel.uniform_line.value() == pytest.approx(math.log(k))
    assert panel.uniform_line.label.textItem.toPlainText() == (
        f"log K = {math.log(k):.3f}: all logits equal")


def test_smoothed_categorical_curve_has_a_marked_finite_minimum(panel):
    assert not panel.categorical_minimum_line.isVisible()
    assert "no finite minimum" in panel.categorical_note.text()
    panel.classes_spin.setValue(5)
    panel.eps_slider.setValue(0.1)
    z, smoothed = curve_data(panel.categorical_smoothed_curve)
    expected = torch_categorical_ce(z, 5, 0.1)
    np.testing.assert_allclose(smoothed, expected, rtol=1e-10)
    marked = panel.categorical_minimum_line.value()
    assert panel.categorical_minimum_line.isVisible()
    assert abs(z[np.argmin(expected)] - marked) <= z[1] - z[0]
    assert marked == pytest.approx(math.log(0.92 * 4 / 0.08))
    point_x, point_y = panel.categorical_minimum_point.getData()
    assert point_x[0] == marked
    assert point_y[0] == pytest.approx(torch_categorical_ce(np.array([marked]), 5, 0.1)[0])
    assert panel.categorical_minimum_line.label.textItem.toPlainText() == (
        f"minimum z = {marked:.3f}")
    assert f"at z = {marked:.3f}" in panel.categorical_note.text()
    panel.eps_slider.setValue(0.0)
    assert not panel.categorical_minimum_line.isVisible()


def test_categorical_readout(panel):
    panel.classes_spin.setValue(4)
    panel.eps_slider.setValue(0.2)
    panel.show_logit_readout_at(2.0)
    text = panel.categorical_readout.text()
    p_true = math.exp(2) / (math.exp(2) + 3)
    assert text.startswith(f"z_true = 2, K = 4: softmax(z)_true = {p_true:.4f}")
    plain = torch_categorical_ce(np.array([2.0]), 4, 0.0)[0]
    smoothed = torch_categorical_ce(np.array([2.0]), 4, 0.2)[0]
    assert f"CE (ε = 0) {plain:.4f} · ∂CE/∂z_true {p_true - 1:.4f}" in text
    assert f"CE (ε = 0.200) {smoothed:.4f} · ∂CE/∂z_true {p_true - 0.85:.4f}" in text


def test_every_control_has_a_tooltip(panel):
    for control in (panel.label_slider, panel.eps_slider, panel.classes_spin):
        assert len(control.toolTip()) > 20
    assert "label_smoothing" in panel.eps_slider.toolTip()
    assert (panel.classes_spin.minimum(), panel.classes_spin.maximum()) == (2, 10)
    assert (panel.eps_slider.minimum(), panel.eps_slider.maximum()) == (0.0, 0.5)


def test_layout_at_the_main_window_size_leaves_nothing_clipped(panel):
    widths = [w.width() for w in panel.plots().values()]
    assert min(widths) > 400 and max(widths) - min(widths) <= 2
    assert min(w.height() for w in panel.plots().values()) > 400
    for label in (panel.loss_note, panel.gradient_note, panel.categorical_note):
        assert label.height() >= label.heightForWidth(label.width())
    for label in (panel.loss_readout, panel.gradient_readout, panel.categorical_readout):
        assert label.height() >= label.sizeHint().height()
        assert label.width() >= label.sizeHint().width()


def test_smoothing_on_and_off_does_not_resize_the_plots(qtbot):
    # The loss note gains a sentence when ε > 0; the notes' row must not grow with it.
    panel = show_widget(qtbot, LossCurvesPanel(), 1440, 820)
    qtbot.wait(50)
    counters = [PaintCounter(widget) for widget in panel.plots().values()]
    lines = []
    for eps in (0.3, 0.0, 0.45, 0.0):
        panel.eps_slider.setValue(eps)
        qtbot.wait(30)
        lines.append(panel.loss_note.text().count("Smoothing pulls"))
    assert lines == [1, 0, 1, 0]  # the note did change
    assert [counter.resizes for counter in counters] == [[], [], []]
