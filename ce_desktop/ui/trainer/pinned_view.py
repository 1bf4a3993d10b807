"""The Pinned page: up to five test samples watched as they learn, each one's q(true class)
and loss after every epoch, live during a run; pinned during or after a run, from its first
epoch. When early stopping put an earlier epoch's weights back, a dashed line marks that epoch
(named on the plot, the epoch in its tooltip).

What is pinned and each sample's values come from the core's
:class:`~ce_desktop.core.training.pinned.Pins`; this page draws them and says what happened.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.core.training.config import LOSS_UNITS, TrainConfig
from ce_desktop.core.training.pinned import MAX_PINS, PinLimit, Pins, data_key
from ce_desktop.core.training.results import SampleTrace
from ce_desktop.ui.common import style
from ce_desktop.ui.common.axes import label_axis
from ce_desktop.ui.common.language import translated
from ce_desktop.ui.common.plot_export import DataTable, quantity, set_table_source
from ce_desktop.ui.common.widgets import hint_until_shown, push_button

#: One colour per pin, never a class's blue or orange of p and q: the lines are samples.
PIN_COLORS = ("#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")
PLOT_MIN_HEIGHT = 110
LIST_WIDTH = 150
# Room above q = 1 and below 0, so the lines at the limits are not drawn on the frame.
UNIT_PADDING = 0.04


class PinnedView(QWidget):
    """The pinned samples' list and two small live plots: q(true class) and loss per epoch."""

    pins_changed = Signal()
    """A sample was pinned or unpinned, or the pins were dropped for other data."""
    status_message = Signal(str)
    sample_chosen = Signal(int)
    """A pinned sample was double-clicked: its test-set row, to open its card."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pins = Pins()
        self._names: tuple[str, ...] = ()
        self._unit = "nats"
        self._epochs = 1
        """The run's epochs: the plots' epoch axis spans them from the start."""
        self._colors: dict[int, str] = {}
        """Each pinned sample's colour, kept while it is pinned."""
        self._curves: dict[int, tuple[pg.PlotDataItem, pg.PlotDataItem]] = {}
        self._message = ("", False)
        """The latest message (text, is an error), shown above the notes on the run."""
        self._run_note = ""
        """What the pinned lines of this run lack: epochs before a late pin, or any epoch."""
        self._restored: int | None = None

        self.pin_list = QListWidget()
        self.pin_list.setFixedWidth(LIST_WIDTH)
        # The list is the plots' legend: a legend inside them covered the lines' ends.
        self.pin_list.setToolTip(self.tr(
            "The pinned test samples, in their lines' colours; double-click one to open "
            "its card"))
        self.pin_list.itemDoubleClicked.connect(
            lambda item: self.sample_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole))))
        self.pin_list.currentItemChanged.connect(self._update_buttons)
        self.unpin_button = push_button(self.tr("Unpin"), self.tr(
            "Stop following the chosen sample"), self._unpin_current)
        self.unpin_all_button = push_button(self.tr("Unpin all"), self.tr(
            "Stop following every pinned sample"), self.unpin_all)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.pin_list, 1)
        side.addWidget(self.unpin_button)
        side.addWidget(self.unpin_all_button)

        self.q_plot = self._new_plot(self.tr(
            "The probability the model gives each pinned sample's true class, after each "
            "epoch"), self.q_table)
        label_axis(self.q_plot.getAxis("left"), self.tr("q(true class)"))
        self.q_plot.getPlotItem().setRange(yRange=(0.0, 1.0), padding=UNIT_PADDING)
        self.q_plot.getPlotItem().enableAutoRange(y=False)
        self.loss_plot = self._new_plot(self.tr(
            "Each pinned sample's own loss after each epoch: −log q(true class) without "
            "label smoothing"), self.loss_table)
        self.restored_lines = [self._restored_line(plot, label)
                               for plot, label in ((self.q_plot, True), (self.loss_plot, False))]

        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet(f"color: {style.MUTED}")
        plots = QHBoxLayout()
        plots.setContentsMargins(0, 0, 0, 0)
        plots.addWidget(self.q_plot, 1)
        plots.addWidget(self.loss_plot, 1)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(plots, 1)
        right.addWidget(self.note_label)
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(side)
        row.addLayout(right, 1)

        self.pages, self.hint_label = hint_until_shown(self, self.tr(
            "Pin up to {0} test samples to watch them learn: in the Samples page right-click "
            "a sample, press P or click Pin; or click \"Pin this sample\" on its card. Each "
            "one's q(true class) and loss are then drawn here for each epoch of the run, even "
            "those before the pin.").format(MAX_PINS), page)
        self._rebuild()

    def _new_plot(self, tooltip: str, table) -> pg.PlotWidget:
        widget = pg.PlotWidget()
        widget.setMinimumHeight(PLOT_MIN_HEIGHT)
        widget.setToolTip(tooltip)
        set_table_source(widget, table)
        plot = widget.getPlotItem()
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        style.faint_grid(plot)
        label_axis(plot.getAxis("bottom"), self.tr("epoch"))
        return widget

    def _restored_line(self, widget: pg.PlotWidget, labelled: bool) -> pg.InfiniteLine:
        """A thin dashed line at the epoch whose weights the run put back; hidden until then."""
        line = pg.InfiniteLine(
            angle=90, movable=False,
            pen=pg.mkPen(style.TEXT, width=1, style=Qt.PenStyle.DashLine),
            label="" if labelled else None,
            labelOpts={"position": 0.96, "color": style.TEXT,
                       "fill": style.legend_brush(210)})
        if labelled:
            line.label.setFont(style.small_font())
        line.setVisible(False)
        widget.getPlotItem().addItem(line, ignoreBounds=True)
        return line

    # --- public API ----------------------------------------------------------------------

    def plots(self) -> dict[str, pg.PlotWidget]:
        return {self.tr("Pinned samples: q(true class)"): self.q_plot,
                self.tr("Pinned samples: loss"): self.loss_plot}

    def indices(self) -> list[int]:
        """The pinned samples' test-set rows, in the order they were pinned."""
        return self.pins.indices()

    def colors(self) -> dict[int, str]:
        """Each pinned sample's line colour."""
        return dict(self._colors)

    def is_pinned(self, config: TrainConfig, index: int) -> bool:
        return self.pins.is_pinned(data_key(config), index)

    def pinned_in(self, config: TrainConfig) -> dict[int, str]:
        """The colours of the samples pinned in ``config``'s test set (none for other data)."""
        return self.colors() if self.pins.data == data_key(config) else {}

    def toggle(self, config: TrainConfig, index: int, true_class: int,
               class_names: Sequence[str]) -> bool | None:
        """Pin test sample ``index`` of ``config``'s data, or unpin it if it is pinned; the
        new state, or None when a sixth pin was refused (the message says why)."""
        if self.is_pinned(config, index):
            self.unpin(index)
            return False
        try:
            dropped = self.pins.pin(data_key(config), index, true_class)
        except PinLimit as refused:
            self._say(translated(refused.message), error=True)
            return None
        self._names = tuple(str(name) for name in class_names)
        self._unit = LOSS_UNITS.get(config.loss, "")
        if dropped:
            self._colors = {}
        self._colors[index] = next(c for c in PIN_COLORS if c not in self._colors.values())
        self._rebuild()
        text = self.tr("Pinned test sample {0}.").format(index)
        if dropped:
            text += " " + self.tr("The samples pinned in other data were unpinned.")
        self._say(text, error=False)
        return True

    def unpin(self, index: int) -> None:
        if self.pins.unpin(index):
            self._colors.pop(index, None)
            self._rebuild()
            self._say(self.tr("Unpinned test sample {0}.").format(index), error=False)

    def unpin_all(self) -> None:
        if len(self.pins):
            self.pins.clear()
            self._colors = {}
            self._rebuild()
            self._say(self.tr("Unpinned every sample."), error=False)

    def start_run(self, config: TrainConfig) -> None:
        """A run of ``config`` starts: the pinned samples of its data are followed from its
        first epoch; those of other data are unpinned, and the user is told."""
        self._unit = LOSS_UNITS.get(config.loss, "")
        self._epochs = config.epochs
        self._run_note, self._restored = "", None
        if self.pins.start_run(data_key(config), config.epochs):
            self._colors = {}
            self._say(self.tr("The pinned samples were unpinned: this run trains on other "
                              "data (a new data set or split)."), error=False)
        else:
            self._message = ("", False)
        self._rebuild()

    def forget_run(self) -> None:
        """A model was loaded from a file: it has no epochs, so the pinned lines of the last
        run go and the note says from when they are drawn again."""
        self.pins.forget_run()
        self._restored, self._message = None, ("", False)
        self._run_note = self.tr(
            "A model loaded from a file has no history of epochs: the pinned samples are "
            "drawn from the next run's first epoch on.")
        self._rebuild()

    def mark_restored(self, epoch: int | None) -> None:
        """The run put back the weights of ``epoch`` (early stopping's "restore best"); None:
        it kept its last epoch's."""
        self._restored = epoch
        self._show_restored()

    def restored_epoch(self) -> int | None:
        """The epoch the restored-weights line marks, or None when it is hidden."""
        line = self.restored_lines[0]
        return int(line.value()) if line.isVisible() else None

    def set_class_names(self, class_names: Sequence[str]) -> None:
        """The run's class names, for the legend."""
        self._names = tuple(str(name) for name in class_names)
        self._rebuild()

    def record(self, epoch: int, trace: SampleTrace | None) -> None:
        """One epoch's trace; drawn at the next :meth:`redraw`."""
        if trace is None:
            return
        self.pins.record(epoch, trace)
        if self.pins.history.whole is False and not self._run_note:
            self._run_note = self.tr(
                "This run is too large to keep every test sample's history: a sample pinned "
                "during or after it starts where it was pinned.")
            self._show_note()

    def redraw(self) -> None:
        """Each pinned sample's values so far onto its two lines."""
        last = max((sample.epochs[-1] for sample in self.pins.samples if sample.epochs),
                   default=1)
        for plot in (self.q_plot, self.loss_plot):
            # Whole epochs, framed as the live plots frame them: one point alone would
            # otherwise get an axis from 4.6 to 5.4.
            plot.getPlotItem().setXRange(0.5, max(self._epochs, last) + 0.5, padding=0.02)
        for sample in self.pins.samples:
            curves = self._curves.get(sample.index)
            if curves is None:
                continue
            epochs, q_true, loss = sample.series()
            curves[0].setData(epochs, q_true)
            curves[1].setData(epochs, loss)

    def curve_data(self, index: int) -> tuple[tuple, tuple]:
        """The (x, y) data of pinned sample ``index``'s q and loss lines, as drawn."""
        q_curve, loss_curve = self._curves[index]
        return q_curve.getData(), loss_curve.getData()

    def legend_texts(self) -> list[str]:
        """The list's entries, which name the lines."""
        return [self.pin_list.item(row).text() for row in range(self.pin_list.count())]

    # --- drawing -------------------------------------------------------------------------

    def _label(self, index: int, true_class: int) -> str:
        names = self._names
        true = names[true_class] if 0 <= true_class < len(names) else str(true_class)
        return self.tr("row {0} (true {1})").format(index, true)

    def _rebuild(self) -> None:
        """Lines, legend and list for the pins as they are now (at most five: cheap)."""
        for q_curve, loss_curve in self._curves.values():
            self.q_plot.getPlotItem().removeItem(q_curve)
            self.loss_plot.getPlotItem().removeItem(loss_curve)
        self._curves = {}
        current = self.pin_list.currentItem()
        chosen = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self.pin_list.clear()
        for sample in self.pins.samples:
            color = self._colors.get(sample.index, PIN_COLORS[0])
            text = self._label(sample.index, sample.true_class)
            pen = pg.mkPen(color, width=2)
            q_curve = self.q_plot.getPlotItem().plot(
                pen=pen, symbol="o", symbolSize=4, symbolBrush=color, symbolPen=None)
            loss_curve = self.loss_plot.getPlotItem().plot(
                pen=pen, symbol="o", symbolSize=4, symbolBrush=color, symbolPen=None)
            self._curves[sample.index] = (q_curve, loss_curve)
            item = QListWidgetItem(_line_icon(color), text)
            item.setData(Qt.ItemDataRole.UserRole, sample.index)
            item.setForeground(QColor(color))
            self.pin_list.addItem(item)
            if sample.index == chosen:
                self.pin_list.setCurrentItem(item)
        label_axis(self.loss_plot.getAxis("left"), self.tr("loss (nats)") if self._unit
                   else self.tr("loss (squared error)"))
        self.redraw()
        self._show_restored()
        self._show_note()
        self.pages.setCurrentIndex(1 if len(self.pins) else 0)
        self._update_buttons()
        self.pins_changed.emit()

    def _update_buttons(self, *_args) -> None:
        self.unpin_button.setEnabled(self.pin_list.currentItem() is not None)
        self.unpin_all_button.setEnabled(len(self.pins) > 0)

    def _unpin_current(self) -> None:
        item = self.pin_list.currentItem()
        if item is not None:
            self.unpin(int(item.data(Qt.ItemDataRole.UserRole)))

    def _say(self, text: str, error: bool) -> None:
        self._message = (text, error)
        self._show_note()
        self.status_message.emit(text)

    def _show_note(self) -> None:
        """The latest message, then what the run's lines lack."""
        text, error = self._message
        self.note_label.setStyleSheet(f"color: {style.WARNING if error else style.MUTED}")
        self.note_label.setText("\n".join(part for part in (text, self._run_note) if part))
        self._fit_note()

    def _fit_note(self) -> None:
        """As tall as its wrapped lines at its width: the layout sizes a wrapping label for a
        wider one, and two notes then lost their first and last lines in a small window."""
        width = self.note_label.width()
        if width > 0:
            self.note_label.setMinimumHeight(self.note_label.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_note()

    def _show_restored(self) -> None:
        """The restored-weights lines at their epoch, or hidden; the q plot's names it."""
        epoch = self._restored
        for line in self.restored_lines:
            line.setVisible(epoch is not None and len(self.pins) > 0)
        if epoch is None:
            return
        for line in self.restored_lines:
            line.setValue(epoch)
            line.setToolTip(self.tr("Weights of epoch {0} restored: the model the run kept "
                                    "is this epoch's").format(epoch))
        label = self.restored_lines[0].label
        # On the side with more room: after the epoch while the axis goes on (a run that
        # stopped early), before it near the axis' end.
        side = (1, 0) if epoch > (max(self._epochs, epoch) + 1) / 2 else (0, 0)
        label.anchors = [side, side]
        # Short: the plots are 200 px wide in a small window; the tooltip and the note name
        # the epoch.
        label.setFormat(self.tr("weights restored"))

    # --- the plots' data, as their CSV exports write them ---------------------------------

    def _table(self, column: str, unit: str, values: int) -> DataTable | None:
        if not len(self.pins):
            return None
        table = None
        for sample in self.pins.samples:
            series = sample.series()
            part = DataTable.of({f"row_{sample.index}_epoch": series[0].astype(int),
                                 quantity(f"row_{sample.index}_{column}", unit):
                                     series[values]})
            table = part if table is None else table.joined(part)
        return table

    def q_table(self) -> DataTable | None:
        """Per pinned sample: the epochs and its q(true class) after each."""
        return self._table("q_true", "", 1)

    def loss_table(self) -> DataTable | None:
        """Per pinned sample: the epochs and its own loss after each, in the run's unit."""
        return self._table("loss" if self._unit else "squared_error", self._unit, 2)


def _line_icon(color: str, width: int = 20, height: int = 10) -> QIcon:
    """A short thick line with a dot, as the sample's lines are drawn: the list's legend key."""
    picture = QPixmap(width, height)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(color), 2))
    painter.drawLine(1, height // 2, width - 1, height // 2)
    painter.setBrush(QColor(color))
    painter.drawEllipse(width // 2 - 3, height // 2 - 3, 6, 6)
    painter.end()
    return QIcon(picture)
