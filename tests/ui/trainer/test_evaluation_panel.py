"""The evaluation panel draws exactly what a TestReport holds, the right way round."""

import numpy as np
import pyqtgraph as pg
import pytest
from conftest import show_widget
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

# Imported under another name so pytest does not try to collect the dataclass as tests.
from ce_desktop.core.training.trainer import TestReport as Report
from ce_desktop.ui.common import style
from ce_desktop.ui.trainer.evaluation_panel import HEATMAP_HIGH, EvaluationPanel

EDGES = np.linspace(0.0, 1.0, 21)


def binary_report() -> Report:
    h0 = np.array([180, 90, 50, 30, 20, 15, 10, 8, 6, 5, 4, 4, 3, 3, 2, 2, 1, 1, 1, 0])
    return Report(
        test_loss=0.20678,
        test_acc=0.925,
        test_auc=0.97412,
        confusion=np.array([[462, 38], [37, 463]]),
        calibration_predicted=np.array([0.03, 0.15, 0.35, 0.55, 0.75, 0.97]),
        calibration_observed=np.array([0.02, 0.10, 0.38, 0.58, 0.80, 0.98]),
        histogram_edges=EDGES,
        histograms=np.stack([h0, h0[::-1] + 1]),
    )


def three_class_report() -> Report:
    rng = np.random.default_rng(7)
    return Report(
        test_loss=0.51234,
        test_acc=0.8,
        test_auc=None,
        # Asymmetric off the diagonal, so a transposed drawing would show: true 0 is mostly
        # predicted as 1, and nothing of true 1 is predicted as 0.
        confusion=np.array([[50, 300, 0], [0, 60, 5], [10, 20, 400]]),
        calibration_predicted=np.array([0.4, 0.6, 0.8, 0.95]),
        calibration_observed=np.array([0.35, 0.55, 0.85, 0.97]),
        histogram_edges=EDGES,
        histograms=rng.integers(0, 60, size=(3, 20)),
    )


@pytest.fixture
def panel(qtbot):
    style.configure_pyqtgraph()
    return show_widget(qtbot, EvaluationPanel(), 700, 500)


def cell_texts(panel: EvaluationPanel) -> dict[tuple[float, float], pg.TextItem]:
    """The confusion plot's text items by their (x, y) position in view coordinates."""
    items = panel.confusion_plot.getPlotItem().items
    return {
        (item.pos().x(), item.pos().y()): item for item in items if isinstance(item, pg.TextItem)
    }


def histogram_curves(panel: EvaluationPanel) -> list[pg.PlotDataItem]:
    return panel.histogram_plot.getPlotItem().listDataItems()


def axis_label(widget: pg.PlotWidget, side: str) -> str:
    return widget.getPlotItem().getAxis(side).labelText


def pixel_at(widget: pg.PlotWidget, x: float, y: float) -> QColor:
    """The rendered colour of the plot at view coordinates (x, y)."""
    scene_point = widget.getPlotItem().getViewBox().mapViewToScene(QPointF(x, y))
    point = widget.mapFromScene(scene_point)
    return widget.grab().toImage().pixelColor(point)


# --- before any report --------------------------------------------------------------------


def test_before_a_report_the_hint_shows_and_the_plots_are_empty(panel):
    assert panel.hint_label.isVisible()
    assert panel.hint_label.text() == "Test metrics appear here when a run finishes."
    assert panel.hint_label.alignment() & Qt.AlignmentFlag.AlignHCenter
    assert not panel.metrics_row.isVisible()
    assert panel.confusion_image.image is None
    assert cell_texts(panel) == {}
    x, y = panel.reliability_curve.getData()
    assert (x is None or len(x) == 0) and (y is None or len(y) == 0)
    assert histogram_curves(panel) == []


def test_plots_are_offered_by_title_for_export(panel):
    plots = panel.plots()
    assert list(plots) == ["Confusion matrix", "Reliability diagram", "Probability histograms"]
    assert plots["Confusion matrix"] is panel.confusion_plot
    assert plots["Reliability diagram"] is panel.reliability_plot
    assert plots["Probability histograms"] is panel.histogram_plot
    assert all(plot.minimumHeight() >= 180 for plot in plots.values())


# --- metrics ------------------------------------------------------------------------------


def test_binary_metrics_read_loss_accuracy_and_auc(panel):
    panel.show_report(binary_report(), ["0", "1"])
    labels = panel.metric_labels
    assert labels["test_loss"].text() == "0.2068 nats"
    assert labels["test_acc"].text() == "92.5 %"
    assert labels["test_auc"].text() == "0.974"
    assert not panel.hint_label.isVisible()
    assert panel.metrics_row.isVisible()


def test_multiclass_auc_is_a_dash_explained_by_its_tooltip(panel):
    panel.show_report(three_class_report(), ["a", "b", "c"])
    labels = panel.metric_labels
    assert labels["test_loss"].text() == "0.5123 nats"
    assert labels["test_acc"].text() == "80.0 %"
    assert labels["test_auc"].text() == "—"
    assert labels["test_auc"].toolTip() == "binary tasks only"
    # A later binary report restores the real tooltip.
    panel.show_report(binary_report(), ["0", "1"])
    assert labels["test_auc"].toolTip() != "binary tasks only"


# --- confusion matrix ---------------------------------------------------------------------


def test_confusion_image_is_the_matrix_with_true_class_zero_on_top(panel):
    report = three_class_report()
    panel.show_report(report, ["a", "b", "c"])
    np.testing.assert_array_equal(panel.confusion_image.image, report.confusion)
    # Row i of the matrix is drawn in view row i, counted downwards from the top.
    assert panel.confusion_plot.getPlotItem().getViewBox().yInverted()
    texts = cell_texts(panel)
    assert len(texts) == 9
    assert texts[(1.5, 0.5)].toPlainText() == "300"  # true a, predicted b
    assert texts[(0.5, 1.5)].toPlainText() == "0"  # true b, predicted a
    assert texts[(0.5, 2.5)].toPlainText() == "10"  # true c, predicted a
    for row in range(3):
        for col in range(3):
            assert texts[(col + 0.5, row + 0.5)].toPlainText() == str(report.confusion[row, col])


def test_confusion_heatmap_renders_counts_dark_and_the_top_row_first(panel):
    report = three_class_report()
    panel.show_report(report, ["a", "b", "c"])
    high = np.array(QColor(HEATMAP_HIGH).getRgb()[:3], dtype=float)
    white = np.array([255.0, 255.0, 255.0])
    top = report.confusion.max()
    for row, col in [(0, 1), (1, 0), (0, 0), (2, 2)]:
        # Sample off the cell centre, away from the count text.
        color = pixel_at(panel.confusion_plot, col + 0.15, row + 0.15)
        share = report.confusion[row, col] / top
        expected = white + share * (high - white)
        np.testing.assert_allclose(color.getRgb()[:3], expected, atol=3)
    top = panel.confusion_plot.mapFromScene(cell_texts(panel)[(1.5, 0.5)].scenePos()).y()
    bottom = panel.confusion_plot.mapFromScene(cell_texts(panel)[(1.5, 2.5)].scenePos()).y()
    assert top < bottom


def test_cell_text_is_white_on_dark_cells_and_dark_on_light_ones(panel):
    panel.show_report(three_class_report(), ["a", "b", "c"])
    texts = cell_texts(panel)
    assert texts[(2.5, 2.5)].color.name() == "#ffffff"  # 400, the largest count
    assert texts[(1.5, 0.5)].color.name() == "#ffffff"  # 300
    assert texts[(0.5, 0.5)].color.name() == style.TEXT  # 50
    assert texts[(0.5, 1.5)].color.name() == style.TEXT  # 0


def test_confusion_axes_name_the_classes(panel):
    panel.show_report(three_class_report(), ["cat", "dog", "eel"])
    plot = panel.confusion_plot.getPlotItem()
    expected = [[(0.5, "cat"), (1.5, "dog"), (2.5, "eel")]]
    assert plot.getAxis("bottom")._tickLevels == expected
    assert plot.getAxis("left")._tickLevels == expected
    assert axis_label(panel.confusion_plot, "bottom") == "predicted"
    assert axis_label(panel.confusion_plot, "left") == "true"


def test_long_class_names_are_numbered_under_the_columns(panel):
    names = ["Iris-setosa", "Iris-versicolor", "Iris-virginica"]
    panel.show_report(three_class_report(), names)
    plot = panel.confusion_plot.getPlotItem()
    assert plot.getAxis("bottom")._tickLevels == [[(0.5, "0"), (1.5, "1"), (2.5, "2")]]
    assert plot.getAxis("left")._tickLevels == [
        [(0.5, "0: Iris-setosa"), (1.5, "1: Iris-versicolor"), (2.5, "2: Iris-virginica")]
    ]
    assert "1: Iris-versicolor" in panel.confusion_plot.toolTip()


def test_cell_texts_are_reused_not_piled_up(panel):
    panel.show_report(three_class_report(), ["a", "b", "c"])
    first = set(map(id, cell_texts(panel).values()))
    panel.show_report(three_class_report(), ["a", "b", "c"])
    assert set(map(id, cell_texts(panel).values())) == first
    panel.show_report(binary_report(), ["0", "1"])
    texts = cell_texts(panel)
    assert sorted(texts) == [(0.5, 0.5), (0.5, 1.5), (1.5, 0.5), (1.5, 1.5)]
    assert texts[(1.5, 0.5)].toPlainText() == "38"
    assert texts[(0.5, 1.5)].toPlainText() == "37"


def test_class_names_must_match_the_matrix(panel):
    with pytest.raises(ValueError, match="class names"):
        panel.show_report(three_class_report(), ["0", "1"])


# --- reliability diagram ------------------------------------------------------------------


def test_reliability_curve_is_the_reports_calibration(panel):
    report = binary_report()
    panel.show_report(report, ["0", "1"])
    x, y = panel.reliability_curve.getData()
    np.testing.assert_array_equal(x, report.calibration_predicted)
    np.testing.assert_array_equal(y, report.calibration_observed)
    dx, dy = panel.diagonal_curve.getData()
    np.testing.assert_array_equal(dx, [0.0, 1.0])
    np.testing.assert_array_equal(dy, [0.0, 1.0])
    assert panel.diagonal_curve.opts["pen"].style() == Qt.PenStyle.DashLine
    (x0, x1), (y0, y1) = panel.reliability_plot.getPlotItem().viewRange()
    assert x0 < 0.0 < 1.0 < x1 and y0 < 0.0 < 1.0 < y1
    assert x1 - x0 < 1.2 and y1 - y0 < 1.2
    assert panel.reliability_plot.getPlotItem().titleLabel.text == "Reliability (calibration)"


def test_reliability_x_label_depends_on_the_task(panel):
    panel.show_report(binary_report(), ["0", "1"])
    assert axis_label(panel.reliability_plot, "bottom") == "mean predicted probability"
    panel.show_report(three_class_report(), ["a", "b", "c"])
    assert axis_label(panel.reliability_plot, "bottom") == "confidence of the predicted class"


# --- probability histograms ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("report", "names"),
    [(binary_report(), ["neg", "pos"]), (three_class_report(), ["a", "b", "c"])],
)
def test_one_step_histogram_per_true_class(panel, report, names):
    panel.show_report(report, names)
    curves = histogram_curves(panel)
    assert len(curves) == len(names)
    for curve, row in zip(curves, report.histograms, strict=True):
        x, y = curve.getData()
        np.testing.assert_array_equal(x, EDGES)
        np.testing.assert_array_equal(y, row)
        assert curve.opts["stepMode"] == "center"
        assert curve.opts["fillLevel"] == 0
        assert 0 < curve.opts["fillBrush"].color().alpha() < 255
    legend = [label.text for _, label in panel.histogram_legend.items]
    assert legend == [f"class {name}" for name in names]


def test_histograms_are_replaced_not_added(panel):
    panel.show_report(three_class_report(), ["a", "b", "c"])
    panel.show_report(binary_report(), ["0", "1"])
    assert len(histogram_curves(panel)) == 2
    assert len(panel.histogram_legend.items) == 2


def test_histogram_x_label_depends_on_the_task(panel):
    panel.show_report(binary_report(), ["neg", "pos"])
    assert axis_label(panel.histogram_plot, "bottom") == "predicted P(class pos)"
    panel.show_report(three_class_report(), ["a", "b", "c"])
    assert axis_label(panel.histogram_plot, "bottom") == "predicted probability of the true class"


# --- clear --------------------------------------------------------------------------------


def test_clear_returns_to_the_empty_state(panel):
    panel.show_report(three_class_report(), ["a", "b", "c"])
    panel.clear()
    assert panel.hint_label.isVisible()
    assert not panel.metrics_row.isVisible()
    assert all(label.text() == "—" for label in panel.metric_labels.values())
    assert panel.confusion_image.image is None
    assert cell_texts(panel) == {}
    x, y = panel.reliability_curve.getData()
    assert (x is None or len(x) == 0) and (y is None or len(y) == 0)
    assert histogram_curves(panel) == []
    assert panel.histogram_legend.items == []
    # The panel works again after clearing.
    panel.show_report(binary_report(), ["0", "1"])
    assert len(cell_texts(panel)) == 4
    assert len(histogram_curves(panel)) == 2


def test_without_a_report_the_plots_are_hidden_and_keep_their_size(qtbot, panel):
    # Empty plots would repaint, axes and all, each time a run starts and clears the panel;
    # and a resize between reports would repaint them all again.
    plots = (panel.confusion_plot, panel.reliability_plot, panel.histogram_plot)

    def sizes():
        qtbot.wait(10)  # let the layout settle
        return [widget.size().toTuple() for widget in plots]

    assert not any(widget.isVisible() for widget in plots)
    assert panel.hint_label.isVisible()
    panel.show_report(binary_report(), ["0", "1"])
    assert all(widget.isVisible() for widget in plots)
    assert not panel.hint_label.isVisible()
    shown = sizes()
    panel.clear()
    assert not any(widget.isVisible() for widget in plots)
    panel.show_report(three_class_report(), ["a", "b", "c"])
    assert sizes() == shown


def test_grids_draw_two_tick_levels(panel):
    for widget in (panel.reliability_plot, panel.histogram_plot):
        for side in ("left", "bottom"):
            assert widget.getPlotItem().getAxis(side).style["maxTickLevel"] == 1
