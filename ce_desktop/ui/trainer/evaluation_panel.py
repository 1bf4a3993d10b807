"""Test-set evaluation: loss, accuracy and AUC, confusion matrix, calibration, histograms."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QWidget,
)

from ce_desktop.ui.common import style
from ce_desktop.ui.common.axes import label_axis
from ce_desktop.ui.common.formatting import format_number
from ce_desktop.ui.common.plot_export import DataTable, TableSource, set_table_source
from ce_desktop.ui.common.widgets import grid_page, hint_until_shown

if TYPE_CHECKING:
    # Only for annotations: importing the training module would import torch with the window.
    from ce_desktop.core.training.trainer import TestReport

EM_DASH = "—"
PLOT_MIN_HEIGHT = 180
# Margin around the 0..1 probability axes, as a fraction of the range: with less, pyqtgraph
# hides the "1.0" tick labels, which would stick out of a gridded plot's frame.
UNIT_PADDING = 0.05
HEATMAP_HIGH = "#08519c"
# Above this share of the largest count a cell is dark enough that only white text reads well.
DARK_CELL_FRACTION = 0.5
HISTOGRAM_FILL_ALPHA = 60
# About this many characters fit below the confusion matrix at the panel's usual width,
# shared among its columns; longer names are numbered instead.
BOTTOM_TICK_CHARACTERS = 36
LEFT_TICK_CHARACTERS = 16
# Headroom above the tallest histogram bar, so the legend at the top does not cover it.
HISTOGRAM_HEADROOM = 1.15
HISTOGRAM_HEADROOM_PER_LEGEND_ROW = 0.15
LEGEND_COLUMNS = 4


class EvaluationPanel(QWidget):
    """Draws a finished run's TestReport: metrics, confusion matrix, reliability, histograms."""

    cell_chosen = Signal(int, int)
    """A click on a cell of the confusion matrix: its true and predicted class."""
    bin_chosen = Signal(int)
    """A click on a bin of the probability histograms: its index."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cell_labels: list[pg.TextItem] = []
        self._histogram_curves: list[pg.PlotDataItem] = []
        #: The report shown and its class names, for the CSV exports.
        self._report: TestReport | None = None
        self._names: list[str] = []

        self.metrics_row = self._build_metrics_row()

        self.confusion_plot = self._build_confusion_plot()
        self.reliability_plot = self._build_reliability_plot()
        self.histogram_plot = self._build_histogram_plot()

        self.report_page = grid_page(
            [(self.metrics_row, 0, 0, 1, 2),
             (self.confusion_plot, 1, 0), (self.reliability_plot, 1, 1),
             (self.histogram_plot, 2, 0, 1, 2)],
            column_stretch=(1, 1), row_stretch={1: 1, 2: 1})

        # Without a report only the hint shows: empty plots would be repainted, axes and
        # all, each time a run starts (a third of the window's pause at the start).
        self.pages, self.hint_label = hint_until_shown(self, self.tr(
            "Test metrics appear here when a run finishes."), self.report_page)
        self.clear()

    # --- construction --------------------------------------------------------------------

    def _build_metrics_row(self) -> QWidget:
        captions = {
            "test_loss": self.tr("Test loss:"),
            "test_acc": self.tr("Test accuracy:"),
            "test_auc": self.tr("ROC AUC:"),
        }
        self._metric_tips = {
            "test_loss": self.tr(
                "Mean cross-entropy of the trained model on the held-out test set"
            ),
            "test_acc": self.tr("Share of test samples whose most likely class is the true class"),
            "test_auc": self.tr(
                "Area under the ROC curve: the chance that a random positive sample scores "
                "higher than a random negative one (0.5 = guessing, 1 = perfect)"
            ),
        }
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.metric_labels: dict[str, QLabel] = {}
        for key, caption in captions.items():
            title = QLabel(caption)
            title.setToolTip(self._metric_tips[key])
            value = QLabel(EM_DASH)
            value.setObjectName(f"metric_{key}")
            value.setToolTip(self._metric_tips[key])
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            font = value.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() + 1)
            value.setFont(font)
            layout.addWidget(title)
            layout.addWidget(value)
            layout.addSpacing(20)
            self.metric_labels[key] = value
        layout.addStretch(1)
        return row

    def _new_plot(self, title: str, tooltip: str, table: TableSource) -> pg.PlotWidget:
        """A fixed chart whose CSV export writes ``table``."""
        widget = pg.PlotWidget()
        set_table_source(widget, table)
        widget.setMinimumHeight(PLOT_MIN_HEIGHT)
        widget.setToolTip(tooltip)
        plot = widget.getPlotItem()
        plot.setTitle(title, size="10pt")
        # Fixed charts: panning or zooming would only lose the 0..1 frame.
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        return widget

    def _build_confusion_plot(self) -> pg.PlotWidget:
        self._confusion_tip = self.tr(
            "Test samples by true class (rows) and predicted class (columns); "
            "the diagonal holds the correct predictions"
        ) + "\n" + self.tr("Click a cell to list its samples")
        widget = self._new_plot(self.tr("Confusion matrix"), self._confusion_tip,
                                self.confusion_table)
        plot = widget.getPlotItem()
        # Row-major with y pointing down puts image[i, j] at row i, column j, true class 0 on
        # top: the matrix reads as scikit-learn prints and plots it.
        self.confusion_image = pg.ImageItem(axisOrder="row-major")
        self.confusion_image.setColorMap(
            # From the plot's ground, so empty cells read as empty in light and dark mode.
            pg.ColorMap(pos=[0.0, 1.0], color=[style.PAPER, HEATMAP_HIGH])
        )
        plot.addItem(self.confusion_image)
        plot.invertY(True)
        label_axis(plot.getAxis("bottom"), self.tr("predicted"))
        label_axis(plot.getAxis("left"), self.tr("true"))
        for side in ("bottom", "left"):
            plot.getAxis(side).setStyle(tickLength=0)
        widget.scene().sigMouseClicked.connect(self._on_confusion_click)
        return widget

    def _build_reliability_plot(self) -> pg.PlotWidget:
        widget = self._new_plot(
            self.tr("Reliability (calibration)"),
            self.tr("Each point is a bin of test samples: how confident the model was against "
                    "how often it was right. On the dashed diagonal the model is calibrated; "
                    "below it the model is over-confident, above it under-confident"),
            self.reliability_table,
        )
        plot = widget.getPlotItem()
        style.faint_grid(plot)
        self.diagonal_curve = plot.plot(
            [0.0, 1.0], [0.0, 1.0],
            pen=pg.mkPen(style.MUTED, width=1.2, style=Qt.PenStyle.DashLine),
        )
        self.reliability_curve = plot.plot(
            pen=pg.mkPen(style.P_COLOR, width=2), symbol="o", symbolSize=6,
            symbolBrush=pg.mkBrush(style.P_COLOR), symbolPen=pg.mkPen("w"),
        )
        plot.setRange(xRange=(0.0, 1.0), yRange=(0.0, 1.0), padding=UNIT_PADDING)
        return widget

    def _build_histogram_plot(self) -> pg.PlotWidget:
        widget = self._new_plot(
            self.tr("Probability histograms"),
            self.tr("How the predicted probabilities of the test samples are spread, one "
                    "histogram per true class; well separated classes mean confident, "
                    "correct predictions") + "\n"
            + self.tr("Click a bin to list its samples"),
            self.histogram_table,
        )
        plot = widget.getPlotItem()
        style.faint_grid(plot)
        label_axis(plot.getAxis("left"), self.tr("test samples"))
        self.histogram_legend = plot.addLegend(labelTextSize="8pt")
        # Top centre: binary histograms pile up at both ends, where a corner legend would sit.
        self.histogram_legend.anchor(itemPos=(0.5, 0.0), parentPos=(0.5, 0.0), offset=(0, 4))
        # Many classes need several legend rows; keep the bars behind them faintly visible.
        self.histogram_legend.setBrush(pg.mkBrush(style.legend_brush(210)))
        widget.scene().sigMouseClicked.connect(self._on_histogram_click)
        return widget

    # --- public API ----------------------------------------------------------------------

    def plots(self) -> dict[str, pg.PlotWidget]:
        """The panel's plots by title, for File → Export current plot."""
        return {
            self.tr("Confusion matrix"): self.confusion_plot,
            self.tr("Reliability diagram"): self.reliability_plot,
            self.tr("Probability histograms"): self.histogram_plot,
        }

    def show_report(self, report: TestReport, class_names: Sequence[str]) -> None:
        """Show the metrics and plots of one finished run's test report."""
        names = [str(name) for name in class_names]
        k = len(names)
        confusion = np.asarray(report.confusion)
        histograms = np.asarray(report.histograms)
        if confusion.shape != (k, k) or histograms.shape[0] != k:
            raise ValueError(
                f"{k} class names for a {confusion.shape} confusion matrix and "
                f"{histograms.shape[0]} histograms"
            )
        binary = k == 2
        self._report, self._names = report, names
        self._show_metrics(report)
        self._draw_confusion(confusion, names)
        self._draw_reliability(report, binary)
        self._draw_histograms(report.histogram_edges, histograms, names, binary)
        self.pages.setCurrentWidget(self.report_page)

    def clear(self) -> None:
        """Forget the report: the hint instead of metrics, and empty plots."""
        self._report, self._names = None, []
        for key, label in self.metric_labels.items():
            label.setText(EM_DASH)
            label.setToolTip(self._metric_tips[key])
        # Only the page changes: hiding a widget inside it would change the panel's minimum
        # size, and the splitter above would move, resizing (and repainting) the live plots.
        self.pages.setCurrentWidget(self.hint_label)

        self.confusion_image.clear()
        plot = self.confusion_plot.getPlotItem()
        for label in self._cell_labels:
            plot.removeItem(label)
        self._cell_labels = []
        for side in ("bottom", "left"):
            plot.getAxis(side).setTicks([[]])
        plot.setRange(xRange=(0.0, 1.0), yRange=(0.0, 1.0), padding=0.0)

        self.reliability_curve.setData([], [])
        reliability = self.reliability_plot.getPlotItem()
        label_axis(reliability.getAxis("bottom"), self.tr("predicted probability"))
        label_axis(reliability.getAxis("left"), self.tr("observed frequency"))

        histogram = self.histogram_plot.getPlotItem()
        for curve in self._histogram_curves:
            histogram.removeItem(curve)
        self._histogram_curves = []
        self.histogram_legend.clear()
        label_axis(histogram.getAxis("bottom"), self.tr("predicted probability"))
        histogram.setRange(xRange=(0.0, 1.0), yRange=(0.0, 1.0), padding=UNIT_PADDING)

    # --- clicks: the routes to the samples -------------------------------------------------

    def _on_confusion_click(self, event) -> None:
        if self._report is None:
            return
        point = self.confusion_plot.getPlotItem().vb.mapSceneToView(event.scenePos())
        self.choose_cell(point)

    def choose_cell(self, point: QPointF) -> None:
        """The cell under ``point`` (in the matrix's coordinates) is chosen, if any."""
        k = len(self._names)
        column, row = math.floor(point.x()), math.floor(point.y())
        if self._report is not None and 0 <= row < k and 0 <= column < k:
            self.cell_chosen.emit(row, column)

    def _on_histogram_click(self, event) -> None:
        if self._report is None:
            return
        point = self.histogram_plot.getPlotItem().vb.mapSceneToView(event.scenePos())
        self.choose_bin(point.x())

    def choose_bin(self, x: float) -> None:
        """The histogram bin holding probability ``x`` is chosen, if any."""
        if self._report is None:
            return
        edges = np.asarray(self._report.histogram_edges, dtype=float)
        if edges[0] <= x <= edges[-1]:
            self.bin_chosen.emit(min(int(np.searchsorted(edges, x, side="right")) - 1,
                                     len(edges) - 2))

    # --- the plots' data, as their CSV exports write them ---------------------------------

    def confusion_table(self) -> DataTable | None:
        """One row per cell: the true class, the predicted class (named as on the axes) and
        how many test samples fall there; rows in the matrix's reading order."""
        if self._report is None:
            return None
        names = np.array(self._names, dtype=object)
        confusion = np.asarray(self._report.confusion)
        k = len(names)
        return DataTable.of({"true_class": np.repeat(names, k),
                             "predicted_class": np.tile(names, k),
                             "test_samples": confusion.ravel()})

    def reliability_table(self) -> DataTable | None:
        """One row per bin, named as the axes are: the mean predicted probability (binary)
        or confidence in the predicted class, and how often the model was right."""
        if self._report is None:
            return None
        report = self._report
        x, y = (("mean_predicted_probability", "observed_frequency") if len(self._names) == 2
                else ("confidence", "observed_accuracy"))
        return DataTable.of({x: report.calibration_predicted, y: report.calibration_observed})

    def histogram_table(self) -> DataTable | None:
        """One row per bin: its edges, on the probability the bottom axis names (of the
        second class when binary, of the true class otherwise), and each true class's count
        of test samples in it."""
        if self._report is None:
            return None
        names = self._names
        edges = np.asarray(self._report.histogram_edges, dtype=float)
        x = f"p_class_{names[1]}" if len(names) == 2 else "p_true_class"
        columns = {f"{x}_from": edges[:-1], f"{x}_to": edges[1:]}
        for name, counts in zip(names, np.asarray(self._report.histograms), strict=True):
            columns[f"test_samples_true_class_{name}"] = counts
        return DataTable.of(columns)

    # --- drawing -------------------------------------------------------------------------

    def _show_metrics(self, report: TestReport) -> None:
        loss = report.test_loss
        # A diverged run can end with an infinite or undefined loss; say so instead of "inf".
        loss_text = f"{loss:.4f}" if math.isfinite(loss) else format_number(loss)
        self.metric_labels["test_loss"].setText(self.tr("{0} nats").format(loss_text))
        self.metric_labels["test_acc"].setText(f"{100.0 * report.test_acc:.1f} %")
        auc_label = self.metric_labels["test_auc"]
        if report.test_auc is None:
            auc_label.setText(EM_DASH)
            auc_label.setToolTip(self.tr("binary tasks only"))
        else:
            auc_label.setText(f"{report.test_auc:.3f}")
            auc_label.setToolTip(self._metric_tips["test_auc"])

    def _draw_confusion(self, confusion: np.ndarray, names: list[str]) -> None:
        k = len(names)
        plot = self.confusion_plot.getPlotItem()
        top = float(max(confusion.max(), 1))
        self.confusion_image.setImage(confusion.astype(float), levels=(0.0, top))
        self.confusion_image.setRect(0.0, 0.0, float(k), float(k))

        # Reuse the cell labels while the class count stays; rebuild them when it changes.
        if len(self._cell_labels) != k * k:
            for label in self._cell_labels:
                plot.removeItem(label)
            self._cell_labels = []
            font = style.small_font() if k > 4 else None
            for n in range(k * k):
                label = pg.TextItem(anchor=(0.5, 0.5))
                if font is not None:
                    label.setFont(font)
                row, col = divmod(n, k)
                label.setPos(col + 0.5, row + 0.5)
                plot.addItem(label)
                self._cell_labels.append(label)
        for n, label in enumerate(self._cell_labels):
            row, col = divmod(n, k)
            count = confusion[row, col]
            dark = count > DARK_CELL_FRACTION * top
            label.setText(str(int(count)))
            label.setColor(QColor("white") if dark else QColor(style.TEXT))

        # Long names would overlap under narrow columns: number the columns instead and
        # name the numbers on the rows; names too long even there are elided (the tooltip
        # keeps them whole).
        if any(len(name) > BOTTOM_TICK_CHARACTERS // k for name in names):
            columns = [str(i) for i in range(k)]
            rows = [f"{i}: {_elide(name, LEFT_TICK_CHARACTERS)}" for i, name in enumerate(names)]
        else:
            columns = rows = names
        plot.getAxis("bottom").setTicks([[(i + 0.5, text) for i, text in enumerate(columns)]])
        plot.getAxis("left").setTicks([[(i + 0.5, text) for i, text in enumerate(rows)]])
        tip = self._confusion_tip
        if columns is not names:
            classes = ", ".join(f"{i}: {name}" for i, name in enumerate(names))
            tip += "\n" + self.tr("Classes: {0}").format(classes)
        self.confusion_plot.setToolTip(tip)
        plot.setRange(xRange=(0.0, k), yRange=(0.0, k), padding=0.0)

    def _draw_reliability(self, report: TestReport, binary: bool) -> None:
        self.reliability_curve.setData(
            np.asarray(report.calibration_predicted, dtype=float),
            np.asarray(report.calibration_observed, dtype=float),
        )
        plot = self.reliability_plot.getPlotItem()
        if binary:
            label_axis(plot.getAxis("bottom"), self.tr("mean predicted probability"))
            label_axis(plot.getAxis("left"), self.tr("observed frequency"))
        else:
            label_axis(plot.getAxis("bottom"), self.tr("confidence of the predicted class"))
            label_axis(plot.getAxis("left"), self.tr("observed accuracy"))
        plot.setRange(xRange=(0.0, 1.0), yRange=(0.0, 1.0), padding=UNIT_PADDING)

    def _draw_histograms(
        self, edges: np.ndarray, histograms: np.ndarray, names: list[str], binary: bool
    ) -> None:
        plot = self.histogram_plot.getPlotItem()
        for curve in self._histogram_curves:
            plot.removeItem(curve)
        self._histogram_curves = []
        self.histogram_legend.clear()
        edges = np.asarray(edges, dtype=float)
        for c, (name, counts) in enumerate(zip(names, histograms, strict=True)):
            color = QColor(style.class_color(c))
            fill = QColor(color)
            fill.setAlpha(HISTOGRAM_FILL_ALPHA)
            curve = pg.PlotDataItem(
                edges, np.asarray(counts, dtype=float), stepMode="center", fillLevel=0,
                pen=pg.mkPen(color, width=1.5), brush=pg.mkBrush(fill),
                name=self.tr("class {0}").format(name),
            )
            plot.addItem(curve)
            self._histogram_curves.append(curve)
        if binary:
            label_axis(plot.getAxis("bottom"), self.tr("predicted P(class {0})").format(names[1]))
        else:
            label_axis(plot.getAxis("bottom"), self.tr("predicted probability of the true class"))
        # Side by side while they fit, so the legend takes as little height as it can.
        columns = min(len(names), LEGEND_COLUMNS)
        self.histogram_legend.setColumnCount(columns)
        rows = math.ceil(len(names) / columns)
        headroom = HISTOGRAM_HEADROOM + HISTOGRAM_HEADROOM_PER_LEGEND_ROW * rows
        tallest = float(histograms.max()) if histograms.size else 0.0
        plot.setRange(
            xRange=(float(edges[0]), float(edges[-1])),
            yRange=(0.0, max(tallest, 1.0) * headroom), padding=UNIT_PADDING,
        )


def _elide(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in "…" when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
