"""The coin: binary entropy H(p) as P(heads) moves, and the surprise of each face."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from ce_desktop.core.entropy import explorer
from ce_desktop.core.info import Unit
from ce_desktop.ui.common import style
from ce_desktop.ui.common.axes import label_axis
from ce_desktop.ui.common.formatting import format_number, format_quantity, unit_name
from ce_desktop.ui.common.labeled_slider import LabeledSlider
from ce_desktop.ui.common.plot_export import DataTable, quantity, set_table_source
from ce_desktop.ui.common.widgets import SteadyPlotWidget

PLOT_MIN_HEIGHT = 110
#: Lines the readout below the slider may take (a narrow column wraps it to five).
READOUT_LINES = 5
# The surprise curves rise without bound; show them up to this many bits' worth.
SURPRISE_AXIS_BITS = 3.0


class CoinPanel(QGroupBox):
    """A draggable marker (or slider) on the binary entropy curve, with its readouts."""

    probability_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Coin: binary entropy"), parent)
        self._unit = Unit.BITS
        self._p = 0.5

        self.plot_widget = SteadyPlotWidget()
        self.plot_widget.setMinimumHeight(PLOT_MIN_HEIGHT)
        plot = self.plot_widget.getPlotItem()
        label_axis(plot.getAxis("bottom"), self.tr("P(heads) = p"))
        style.faint_grid(plot)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.addLegend(offset=(-4, 4), labelTextSize="8pt")
        self.entropy_curve = plot.plot(pen=pg.mkPen(style.P_COLOR, width=2.5), name="H(p)")
        self.heads_curve = plot.plot(
            pen=pg.mkPen(style.MUTED, width=1.2, style=Qt.PenStyle.DashLine), name="−log p"
        )
        self.tails_curve = plot.plot(
            pen=pg.mkPen(style.MUTED, width=1.2, style=Qt.PenStyle.DotLine), name="−log(1−p)"
        )
        self.marker_line = pg.InfiniteLine(
            pos=self._p, angle=90, movable=True, bounds=(0.0, 1.0),
            pen=pg.mkPen(style.Q_COLOR, width=2), hoverPen=pg.mkPen(style.WARNING, width=3),
        )
        self.marker_line.setToolTip(self.tr("Drag to change P(heads)"))
        self.marker_line.sigPositionChanged.connect(
            lambda line: self.set_probability(float(line.value()))
        )
        plot.addItem(self.marker_line)
        self.marker_point = pg.ScatterPlotItem(size=10, brush=pg.mkBrush(style.Q_COLOR))
        plot.addItem(self.marker_point)
        set_table_source(self.plot_widget, self.table)

        self.slider = LabeledSlider()
        self.slider.setRange(0.0, 1.0)
        self.slider.setDecimals(3)
        self.slider.setSingleStep(0.01)
        self.slider.setValue(self._p)
        self.slider.setToolTip(self.tr("P(heads): the probability that the coin lands heads"))
        self.slider.valueChanged.connect(self.set_probability)

        self.readout = QLabel()
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)
        # Its lines, reserved, and no height-for-width: a wrapped label asks for what its
        # text needs at the width it is offered, which a layout learns too late; in a short
        # window the slider was then drawn over the plot's axis label.
        policy = self.readout.sizePolicy()
        policy.setHeightForWidth(False)
        self.readout.setSizePolicy(policy)
        self.readout.setFixedHeight(READOUT_LINES * self.readout.fontMetrics().lineSpacing())

        layout = QVBoxLayout(self)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.slider)
        layout.addWidget(self.readout)
        self._redraw_curves()
        self._refresh()

    def probability(self) -> float:
        return self._p

    def set_probability(self, p: float) -> None:
        p = min(max(float(p), 0.0), 1.0)
        if p == self._p:
            return
        self._p = p
        self._refresh()
        self.probability_changed.emit(p)

    def table(self) -> DataTable:
        """The curves as a CSV export writes them, in the unit shown: P(heads), H and the
        surprise of each face (inf where a face never comes up)."""
        p, entropy = explorer.binary_entropy_curve(self._unit)
        _, heads, tails = explorer.coin_surprise_curves(self._unit)
        return DataTable.of({
            "p_heads": p,
            quantity("entropy", self._unit): entropy,
            quantity("surprise_heads", self._unit): heads,
            quantity("surprise_tails", self._unit): tails,
        })

    def set_unit(self, unit: Unit) -> None:
        self._unit = unit
        self._redraw_curves()
        self._refresh()

    def _redraw_curves(self) -> None:
        p, h = explorer.binary_entropy_curve(self._unit)
        self.entropy_curve.setData(p, h)
        p, heads, tails = explorer.coin_surprise_curves(self._unit)
        self.heads_curve.setData(p, heads, connect="finite")
        self.tails_curve.setData(p, tails, connect="finite")
        top = explorer.coin(2.0**-SURPRISE_AXIS_BITS, self._unit).surprise_heads
        plot = self.plot_widget.getPlotItem()
        # The unit alone, as on the per-class cost axis: "information (bits)" is longer than
        # the axis of a plot this small, and was cut to "information (bi".
        label_axis(plot.getAxis("left"), unit_name(self._unit))
        plot.setRange(xRange=(0, 1), yRange=(0, top), padding=0.02)

    def _refresh(self) -> None:
        reading = explorer.coin(self._p, self._unit)
        for widget, value in ((self.marker_line, self._p), (self.slider, self._p)):
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)
        self.marker_point.setData([self._p], [reading.entropy])
        log = self._unit.log_symbol
        lines = [
            self.tr("<b>H({0}) = {1}</b>").format(
                format_number(self._p, 3), format_quantity(reading.entropy, self._unit)
            ),
            self.tr("surprise of heads {0} p = {1}; of tails {0}(1−p) = {2}").format(
                "−" + log,
                format_quantity(reading.surprise_heads, self._unit),
                format_quantity(reading.surprise_tails, self._unit),
            ),
        ]
        if self._p == 0.5:
            lines.append(self.tr("A fair coin carries exactly one bit: the most uncertain coin."))
        elif self._p in (0.0, 1.0):
            lines.append(self.tr("A certain outcome carries no information: H = 0."))
        self.readout.setText("<br>".join(lines))
