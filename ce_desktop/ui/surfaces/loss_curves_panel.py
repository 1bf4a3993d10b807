"""Loss surfaces, panel 1: one sample's loss and its logit gradient as the prediction moves."""

from __future__ import annotations

import math
from typing import NamedTuple

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.core.surfaces import loss_curves
from ce_desktop.ui.common import style
from ce_desktop.ui.common.axes import label_axis
from ce_desktop.ui.common.formatting import format_number
from ce_desktop.ui.common.labeled_slider import LabeledSlider
from ce_desktop.ui.common.plot_export import DataTable, TableSource, set_table_source

# BCE rises without bound at the edges; ~5 nats (p ≈ 0.007) is past anything a trained
# model should show, and leaves MSE's 0..1 range readable on the same axis.
LOSS_AXIS_TOP = 5.0
GRADIENT_AXIS = 1.05
CATEGORICAL_Z_RANGE = (-8.0, 12.0)
CATEGORICAL_AXIS_TOP = 6.0
# Left of the minimum the curve climbs steeply through the label's height; keep the label on
# the flat right-hand side until it would run out of the frame.
CATEGORICAL_LABEL_FLIP = 6.0
# Where a y = 1 prediction counts as confidently wrong, for the shaded band.
CONFIDENTLY_WRONG_P = 0.1
PLOT_MIN_WIDTH = 300
NOTE_LINES = 5
PLOT_MIN_HEIGHT = 300


class BinaryCurveItems(NamedTuple):
    """A binary plot's six curves, in the order :meth:`BinaryCurves.series` gives them."""

    bce_positive: pg.PlotDataItem
    bce_negative: pg.PlotDataItem
    mse_positive: pg.PlotDataItem
    mse_negative: pg.PlotDataItem
    bce_target: pg.PlotDataItem
    mse_target: pg.PlotDataItem


def _bce_mse_curves(plot: pg.PlotItem, names: tuple[str, ...]) -> BinaryCurveItems:
    """Six curves named ``names``: BCE for y = 1 (dashed) and y = 0 (dotted), the same for
    MSE, then BCE and MSE at the target y′ (thick); BCE in p's colour, MSE in q's."""
    dash, dot = Qt.PenStyle.DashLine, Qt.PenStyle.DotLine
    pens = (_pen(style.P_COLOR, 1.2, dash), _pen(style.P_COLOR, 1.2, dot),
            _pen(style.Q_COLOR, 1.2, dash), _pen(style.Q_COLOR, 1.2, dot),
            _pen(style.P_COLOR, 3), _pen(style.Q_COLOR, 3))
    return BinaryCurveItems(*(plot.plot(pen=pen, name=name)
                              for pen, name in zip(pens, names, strict=True)))


def _pen(color: str, width: float = 1.2, dash: Qt.PenStyle = Qt.PenStyle.SolidLine) -> object:
    return pg.mkPen(color, width=width, style=dash)


def _minimum_marker(plot: pg.PlotItem) -> tuple[pg.InfiniteLine, pg.ScatterPlotItem]:
    """A labelled vertical line and a dot in KL's colour, added to ``plot``, for a curve's
    minimum."""
    line = pg.InfiniteLine(
        angle=90, movable=False, pen=_pen(style.KL_COLOR, 1.5),
        # Below the legend, which takes the top half of the loss plot, and above the label
        # line's (0.28): both lines meet near p = 1 when ε is small.
        label="", labelOpts={"position": 0.4, "color": style.KL_COLOR,
                             "fill": style.legend_brush(210)},
    )
    plot.addItem(line, ignoreBounds=True)
    point = pg.ScatterPlotItem(size=11, symbol="o", pen=pg.mkPen("w", width=1.5),
                               brush=pg.mkBrush(style.KL_COLOR))
    plot.addItem(point)
    return line, point


def _label_vertical_line(line: pg.InfiniteLine, text: str, flip_beyond: float) -> None:
    """Label a vertical line on its right, or on its left once it lies beyond ``flip_beyond``."""
    # A label centred on a line near the frame's edge would be cut off by it.
    left_of_line = line.value() > flip_beyond
    anchor = (1.03, 0.5) if left_of_line else (-0.03, 0.5)
    line.label.anchors = [anchor, anchor]
    line.label.setFormat(text)


class LossCurvesPanel(QWidget):
    """BCE and MSE against p, their gradients with respect to the logit, and categorical CE."""

    status_message = Signal(str)
    changed = Signal()
    """The label, smoothing or the prediction read out changed (the lesson watches it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = 1.0
        self._eps = 0.0
        self._classes = 3
        # The readouts open on the confidently wrong side of y = 1, where BCE and MSE differ most.
        self._hover_p = 0.1
        self._hover_z = 0.0
        self._curves: loss_curves.BinaryCurves | None = None
        self._categorical: loss_curves.CategoricalCurves | None = None

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_controls())
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        self.loss_plot = self._build_loss_plot()
        self.gradient_plot = self._build_gradient_plot()
        self.categorical_plot = self._build_categorical_plot()
        self.loss_readout = self._readout_label()
        self.gradient_readout = self._readout_label()
        self.categorical_readout = self._readout_label()
        self.loss_note = self._note_label()
        self.gradient_note = self._note_label(style.WARNING)
        self.gradient_note.setText(self.tr(
            "MSE's gradient vanishes where the model is confidently wrong (p → 0 when y = 1): "
            "it learns slowest exactly where it is most wrong. BCE's gradient p − y never does."
        ))
        self.categorical_note = self._note_label()
        columns = (
            (self.loss_plot, self.loss_readout, self.loss_note),
            (self.gradient_plot, self.gradient_readout, self.gradient_note),
            (self.categorical_plot, self.categorical_readout, self.categorical_note),
        )
        for column, widgets in enumerate(columns):
            for row, widget in enumerate(widgets):
                grid.addWidget(widget, row, column)
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(0, 1)
        layout.addLayout(grid, 1)

        self._hover_proxies = [
            pg.SignalProxy(widget.scene().sigMouseMoved, rateLimit=30,
                           slot=lambda event, w=widget: self._on_hover(w, event[0]))
            for widget in (self.loss_plot, self.gradient_plot, self.categorical_plot)
        ]
        self._redraw_binary()
        self._redraw_categorical()

    # Public interface

    def plots(self) -> dict[str, pg.PlotWidget]:
        return {
            self.tr("Loss against p"): self.loss_plot,
            self.tr("Gradient with respect to the logit z"): self.gradient_plot,
            self.tr("Categorical CE against the true-class logit"): self.categorical_plot,
        }

    def label(self) -> float:
        """The (soft) label y before smoothing."""
        return self._label

    def smoothing(self) -> float:
        return self._eps

    def classes(self) -> int:
        return self._classes

    def binary_curves(self) -> loss_curves.BinaryCurves:
        assert self._curves is not None
        return self._curves

    def categorical_curves(self) -> loss_curves.CategoricalCurves:
        assert self._categorical is not None
        return self._categorical

    def set_label(self, y: float) -> None:
        self.label_slider.setValue(y)

    def set_smoothing(self, eps: float) -> None:
        self.eps_slider.setValue(eps)

    def set_classes(self, k: int) -> None:
        self.classes_spin.setValue(k)

    def readout_p(self) -> float:
        """The prediction p the binary readouts are read at."""
        return self._hover_p

    def show_readout_at(self, p: float) -> None:
        """Read every binary curve (loss and gradient) at prediction ``p``, as hovering does."""
        self._hover_p = min(max(float(p), 0.0), 1.0)
        self._show_binary_readout()

    def show_logit_readout_at(self, z: float) -> None:
        """Read the categorical curves at true-class logit ``z``, as hovering does."""
        self._hover_z = float(z)
        self._show_categorical_readout()

    # The plots' data, as their CSV exports write them: every curve drawn, on its grid.
    # Cross-entropies are in nats; MSE and the gradients (per unit of logit) have no unit.

    def _loss_table(self) -> DataTable:
        c = self.binary_curves()
        return DataTable.of({
            "p": c.p,
            "bce_y1_nats": c.positive.bce, "bce_y0_nats": c.negative.bce,
            "mse_y1": c.positive.mse, "mse_y0": c.negative.mse,
            "bce_target_nats": c.target.bce, "mse_target": c.target.mse,
        })

    def _gradient_table(self) -> DataTable:
        c = self.binary_curves()
        return DataTable.of({
            "p": c.p,
            "bce_gradient_y1": c.positive.bce_gradient,
            "bce_gradient_y0": c.negative.bce_gradient,
            "mse_gradient_y1": c.positive.mse_gradient,
            "mse_gradient_y0": c.negative.mse_gradient,
            "bce_gradient_target": c.target.bce_gradient,
            "mse_gradient_target": c.target.mse_gradient,
        })

    def _categorical_table(self) -> DataTable:
        c = self.categorical_curves()
        return DataTable.of({"z_true": c.z, "ce_nats": c.plain.ce,
                             "ce_smoothed_nats": c.smoothed.ce})

    # Construction

    def _build_controls(self) -> QHBoxLayout:
        self.label_slider = self._slider(0.0, 1.0, self._label, 0.01, self.tr(
            "Soft label y: the probability the target assigns to class 1. "
            "BCE is smallest at p = y; y = 1 and y = 0 are hard labels."
        ))
        self.label_slider.valueChanged.connect(self._on_label_changed)
        self.eps_slider = self._slider(0.0, 0.5, self._eps, 0.005, self.tr(
            "Label smoothing ε: the target becomes y(1 − ε) + ε/2 for two classes and "
            "(1 − ε)·onehot + ε/K for K classes, as in PyTorch's "
            "CrossEntropyLoss(label_smoothing=ε)"
        ))
        self.eps_slider.valueChanged.connect(self._on_eps_changed)
        self.classes_spin = QSpinBox()
        self.classes_spin.setRange(2, 10)
        self.classes_spin.setValue(self._classes)
        self.classes_spin.setToolTip(self.tr(
            "Number of classes K in the categorical plot; the other K − 1 logits stay at 0"
        ))
        self.classes_spin.valueChanged.connect(self._on_classes_changed)

        row = QHBoxLayout()
        for caption, widget, stretch in (
            (self.tr("Soft label y:"), self.label_slider, 3),
            (self.tr("Label smoothing ε:"), self.eps_slider, 3),
            (self.tr("Classes K:"), self.classes_spin, 0),
        ):
            text = QLabel(caption)
            text.setToolTip(widget.toolTip())
            text.setBuddy(widget)
            row.addWidget(text)
            row.addWidget(widget, stretch)
            row.addSpacing(16)
        row.addStretch(1)
        return row

    def _slider(self, low: float, high: float, value: float, step: float,
                tooltip: str) -> LabeledSlider:
        slider = LabeledSlider()
        slider.setRange(low, high)
        slider.setDecimals(3)
        slider.setSingleStep(step)
        slider.setValue(value)
        slider.setToolTip(tooltip)
        return slider

    def _readout_label(self) -> QLabel:
        label = QLabel()
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setToolTip(self.tr("Move the mouse over a plot to read every curve there"))
        label.setMinimumHeight(label.fontMetrics().lineSpacing() * 3)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return label

    def _note_label(self, color: str = style.TEXT) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setFont(style.small_font())
        label.setStyleSheet(f"color: {color};")
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Room for the longest note at the default width: a note that grew a line when ε
        # moved off 0 relaid out the page and resized all three plots (~80 ms each time).
        label.setMinimumHeight(label.fontMetrics().lineSpacing() * NOTE_LINES)
        return label

    def _new_plot(self, title: str, x_label: str, y_label: str,
                  table: TableSource) -> pg.PlotWidget:
        """A fixed frame for analytic curves, whose CSV export writes ``table``."""
        widget = pg.PlotWidget()
        set_table_source(widget, table)
        widget.setMinimumSize(PLOT_MIN_WIDTH, PLOT_MIN_HEIGHT)
        plot = widget.getPlotItem()
        plot.setTitle(title, size="10pt")
        label_axis(plot.getAxis("bottom"), x_label)
        label_axis(plot.getAxis("left"), y_label)
        style.faint_grid(plot)
        # Fixed frames: the curves are analytic, zooming would only lose the axes' meaning.
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        return widget

    def _hover_items(self, plot: pg.PlotItem) -> tuple[pg.InfiniteLine, pg.ScatterPlotItem]:
        line = pg.InfiniteLine(angle=90, movable=False,
                               pen=_pen(style.MUTED, 1, Qt.PenStyle.DotLine))
        plot.addItem(line, ignoreBounds=True)
        dots = pg.ScatterPlotItem(size=7, pen=pg.mkPen(None))
        plot.addItem(dots)
        return line, dots

    def _build_loss_plot(self) -> pg.PlotWidget:
        widget = self._new_plot(self.tr("Loss against p"), self.tr("predicted probability p"),
                                self.tr("loss (nats)"), self._loss_table)
        plot = widget.getPlotItem()
        legend = plot.addLegend(labelTextSize="8pt", verSpacing=-6, brush=style.legend_brush())
        legend.anchor(itemPos=(0.5, 0), parentPos=(0.5, 0), offset=(0, 4))
        self.loss_items = _bce_mse_curves(
            plot, (self.tr("BCE, y = 1: −log p"), self.tr("BCE, y = 0: −log(1−p)"),
                   self.tr("MSE, y = 1: (1−p)²"), self.tr("MSE, y = 0: p²"),
                   self.tr("BCE at target y′"), self.tr("MSE at target y′")))
        self.label_line = pg.InfiniteLine(
            angle=90, movable=False, pen=_pen(style.TEXT, 1.2, Qt.PenStyle.DashLine),
            label="", labelOpts={"position": 0.28, "color": style.TEXT,
                                 "fill": style.legend_brush(210)})
        self.label_line.setToolTip(self.tr("The label y before smoothing"))
        plot.addItem(self.label_line, ignoreBounds=True)
        self.minimum_line, self.minimum_point = _minimum_marker(plot)
        self.loss_hover_line, self.loss_hover_dots = self._hover_items(plot)
        plot.setRange(xRange=(0, 1), yRange=(0, LOSS_AXIS_TOP), padding=0.01)
        return widget

    def _build_gradient_plot(self) -> pg.PlotWidget:
        widget = self._new_plot(self.tr("Gradient with respect to the logit z"),
                                self.tr("predicted probability p = σ(z)"), self.tr("∂loss/∂z"),
                                self._gradient_table)
        plot = widget.getPlotItem()
        # Bottom right is the one corner every gradient curve leaves empty.
        plot.addLegend(offset=(-6, -6), labelTextSize="8pt", verSpacing=-6,
                       brush=style.legend_brush())
        plot.addItem(pg.InfiniteLine(pos=0, angle=0, movable=False, pen=_pen(style.MUTED, 1)),
                     ignoreBounds=True)
        self.gradient_items = _bce_mse_curves(
            plot, (self.tr("BCE, y = 1: p − 1"), self.tr("BCE, y = 0: p"),
                   self.tr("MSE, y = 1: 2(p−1)·p(1−p)"), self.tr("MSE, y = 0: 2p·p(1−p)"),
                   self.tr("BCE at target y′"), self.tr("MSE at target y′")))
        # Where y = 1 and p → 0 the two gradients part company: shade it and say so.
        self.vanishing_region = pg.LinearRegionItem(
            values=(0.0, CONFIDENTLY_WRONG_P), movable=False, pen=pg.mkPen(None),
            brush=pg.mkBrush(214, 39, 40, 28))
        self.vanishing_region.setToolTip(self.tr(
            "For y = 1 a prediction p near 0 is confidently wrong: BCE pushes with ≈ −1, "
            "MSE through a sigmoid with ≈ 0"))
        plot.addItem(self.vanishing_region, ignoreBounds=True)
        self.vanishing_text = pg.TextItem(
            self.tr("◀ confidently wrong (y = 1, p → 0):\n    MSE's gradient ≈ 0, BCE's ≈ −1"),
            color=style.WARNING, anchor=(0, 0))
        self.vanishing_text.setPos(0.01, GRADIENT_AXIS - 0.03)
        plot.addItem(self.vanishing_text, ignoreBounds=True)
        self.gradient_hover_line, self.gradient_hover_dots = self._hover_items(plot)
        plot.setRange(xRange=(0, 1), yRange=(-GRADIENT_AXIS, GRADIENT_AXIS), padding=0.01)
        return widget

    def _build_categorical_plot(self) -> pg.PlotWidget:
        widget = self._new_plot(self.tr("Categorical CE against the true-class logit"),
                                self.tr("true-class logit z_true (other logits 0)"),
                                self.tr("loss (nats)"), self._categorical_table)
        plot = widget.getPlotItem()
        plot.addLegend(offset=(-6, 4), labelTextSize="8pt", verSpacing=-6,
                       brush=style.legend_brush())
        self.categorical_plain_curve = plot.plot(
            pen=_pen(style.P_COLOR, 1.2, Qt.PenStyle.DashLine),
            name=self.tr("CE, ε = 0: −log softmax(z)_true"))
        self.categorical_smoothed_curve = plot.plot(pen=_pen(style.P_COLOR, 3),
                                                    name=self.tr("CE with label smoothing ε"))
        self.uniform_line = pg.InfiniteLine(
            angle=0, movable=False, pen=_pen(style.MUTED, 1, Qt.PenStyle.DashLine),
            label="", labelOpts={"position": 0.08, "color": style.MUTED,
                                 "anchors": [(0, 1), (0, 1)]},
        )
        plot.addItem(self.uniform_line, ignoreBounds=True)
        self.categorical_minimum_line, self.categorical_minimum_point = _minimum_marker(plot)
        self.categorical_hover_line, self.categorical_hover_dots = self._hover_items(plot)
        plot.setRange(xRange=CATEGORICAL_Z_RANGE, yRange=(0, CATEGORICAL_AXIS_TOP),
                      padding=0.01)
        return widget

    # Reactions

    def _on_label_changed(self, value: float) -> None:
        self._label = min(max(float(value), 0.0), 1.0)
        self._redraw_binary()

    def _on_eps_changed(self, value: float) -> None:
        self._eps = min(max(float(value), 0.0), 0.5)
        self._redraw_binary()
        self._redraw_categorical()

    def _on_classes_changed(self, k: int) -> None:
        self._classes = int(k)
        self._redraw_categorical()

    def _on_hover(self, widget: pg.PlotWidget, position) -> None:
        view_box = widget.getPlotItem().vb
        if not view_box.sceneBoundingRect().contains(position):
            return
        x = view_box.mapSceneToView(position).x()
        if widget is self.categorical_plot:
            self.show_logit_readout_at(x)
        else:
            self.show_readout_at(x)

    # Drawing

    def _redraw_binary(self) -> None:
        c = loss_curves.binary_curves(self._label, self._eps)
        self._curves = c
        for curves, gradient in ((self.loss_items, False),
                                 (self.gradient_items, True)):
            for curve, values in zip(curves, c.series(gradient=gradient), strict=True):
                curve.setData(c.p, values)
        minimum = c.minimum
        self.minimum_line.setValue(minimum.p)
        _label_vertical_line(
            self.minimum_line, self.tr("minimum p = y′ = {0}").format(format_number(minimum.p, 3)),
            0.5)
        self.minimum_point.setData([minimum.p], [minimum.bce])
        # Show before relabelling: a hidden line's label ignores new text.
        self.label_line.setVisible(self._eps > 0)
        self.label_line.setValue(self._label)
        _label_vertical_line(
            self.label_line, self.tr("label y = {0}").format(format_number(self._label, 3)),
            0.5)
        self.loss_note.setText(self._loss_note_text(minimum))
        self._show_binary_readout()

    def _loss_note_text(self, minimum: loss_curves.BinaryMinimum) -> str:
        text = self.tr(
            "Target y′ = y(1 − ε) + ε/2 = {0}. Both losses are smallest at p = y′ (●); "
            "the least BCE is the target's own entropy, {1} nats."
        ).format(format_number(minimum.p, 3), format_number(minimum.bce))
        if self._eps > 0:
            text += " " + self.tr(
                "Smoothing pulls the minimum off p = y = {0} towards ½, so not even a hard "
                "label asks for p = 0 or 1."
            ).format(format_number(self._label, 3))
        return text

    def _show_binary_readout(self) -> None:
        if self._curves is None:
            return
        self.changed.emit()
        p = self._hover_p
        target = loss_curves.binary_losses(p, self._curves.minimum.p)
        positive = loss_curves.binary_losses(p, 1.0)
        negative = loss_curves.binary_losses(p, 0.0)
        z = float(loss_curves.logit(p))
        fmt = format_number
        header = self.tr("p = {0} (z = {1}), target y′ = {2}").format(
            fmt(p, 3), fmt(z, 3), fmt(target.y, 3))
        self.loss_readout.setText("\n".join([
            header,
            self.tr("at y′: BCE {0} · MSE {1}").format(fmt(float(target.bce)),
                                                     fmt(float(target.mse))),
            self.tr("y = 1: −log p {0} · (1−p)² {1}").format(fmt(float(positive.bce)),
                                                              fmt(float(positive.mse))),
            self.tr("y = 0: −log(1−p) {0} · p² {1}").format(fmt(float(negative.bce)),
                                                             fmt(float(negative.mse))),
        ]))
        self.gradient_readout.setText("\n".join([
            header,
            self.tr("at y′: ∂BCE/∂z {0} · ∂MSE/∂z {1}").format(
                fmt(float(target.bce_gradient)), fmt(float(target.mse_gradient))),
            self.tr("y = 1: ∂BCE/∂z {0} · ∂MSE/∂z {1}").format(
                fmt(float(positive.bce_gradient)), fmt(float(positive.mse_gradient))),
            self.tr("y = 0: ∂BCE/∂z {0} · ∂MSE/∂z {1}").format(
                fmt(float(negative.bce_gradient)), fmt(float(negative.mse_gradient))),
        ]))
        for line in (self.loss_hover_line, self.gradient_hover_line):
            line.setValue(p)
        # A dot at an infinite loss cannot be drawn; the readout says ∞ instead.
        shown = [(value, color) for value, color in ((float(target.bce), style.P_COLOR),
                                                     (float(target.mse), style.Q_COLOR))
                 if math.isfinite(value)]
        self.loss_hover_dots.setData([p] * len(shown), [value for value, _ in shown],
                                     brush=[pg.mkBrush(color) for _, color in shown])
        self.gradient_hover_dots.setData(
            [p, p], [float(target.bce_gradient), float(target.mse_gradient)],
            brush=[pg.mkBrush(style.P_COLOR), pg.mkBrush(style.Q_COLOR)])

    def _redraw_categorical(self) -> None:
        c = loss_curves.categorical_curves(self._classes, self._eps, CATEGORICAL_Z_RANGE)
        self._categorical = c
        self.categorical_plain_curve.setData(c.z, c.plain.ce)
        self.categorical_smoothed_curve.setData(c.z, c.smoothed.ce)
        self.uniform_line.setValue(c.uniform)
        self.uniform_line.label.setFormat(
            self.tr("log K = {0}: all logits equal").format(format_number(c.uniform, 3)))
        minimum = c.minimum
        finite = math.isfinite(minimum.z)
        self.categorical_minimum_line.setVisible(finite)
        self.categorical_minimum_point.setVisible(finite)
        if finite:
            self.categorical_minimum_line.setValue(minimum.z)
            _label_vertical_line(
                self.categorical_minimum_line,
                self.tr("minimum z = {0}").format(format_number(minimum.z, 3)),
                CATEGORICAL_LABEL_FLIP)
            self.categorical_minimum_point.setData([minimum.z], [minimum.ce])
            self.categorical_note.setText(self.tr(
                "With ε = {0} and K = {1} the target gives the true class {2}, so the loss "
                "has a finite minimum {3} nats at z = {4} (●): logits stop growing there."
            ).format(format_number(self._eps, 3), self._classes,
                     format_number(loss_curves.smoothed_true_class_target(
                         self._classes, self._eps), 4),
                     format_number(minimum.ce), format_number(minimum.z, 3)))
        else:
            self.categorical_note.setText(self.tr(
                "Without smoothing the loss only tends to 0 as z → ∞: there is no finite "
                "minimum, so training keeps pushing the true-class logit up. Raise ε to give "
                "it one."
            ))
        self._show_categorical_readout()

    def _show_categorical_readout(self) -> None:
        if self._categorical is None:
            return
        z = self._hover_z
        plain = loss_curves.categorical_losses(z, self._classes, 0.0)
        smoothed = loss_curves.categorical_losses(z, self._classes, self._eps)
        fmt = format_number
        lines = [
            self.tr("z_true = {0}, K = {1}: softmax(z)_true = {2}").format(
                fmt(z, 3), self._classes, fmt(float(plain.p_true))),
            self.tr("CE (ε = 0) {0} · ∂CE/∂z_true {1}").format(
                fmt(float(plain.ce)), fmt(float(plain.gradient))),
        ]
        if self._eps > 0:
            lines.append(self.tr("CE (ε = {0}) {1} · ∂CE/∂z_true {2}").format(
                fmt(self._eps, 3), fmt(float(smoothed.ce)), fmt(float(smoothed.gradient))))
        self.categorical_readout.setText("\n".join(lines))
        self.categorical_hover_line.setValue(z)
        self.categorical_hover_dots.setData([z], [float(smoothed.ce)],
                                            brush=pg.mkBrush(style.P_COLOR))
