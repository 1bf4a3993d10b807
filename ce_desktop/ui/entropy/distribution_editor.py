"""A bar chart of a discrete distribution whose bars are dragged with the mouse or typed in."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDoubleSpinBox, QVBoxLayout, QWidget

from ce_desktop.core.entropy import distributions
from ce_desktop.ui.common import style
from ce_desktop.ui.common.axes import label_axis
from ce_desktop.ui.common.plot_export import DataTable, classes, set_table_source
from ce_desktop.ui.common.widgets import SpinBoxGrid, SteadyPlotWidget, show_first

SPINBOXES_PER_ROW = 6


class BarDragViewBox(pg.ViewBox):
    """A fixed view whose left-button drags and clicks set the height of the bar under them."""

    def __init__(self, on_drag: Callable[[int, float], None]) -> None:
        super().__init__(enableMenu=False)
        self.setMouseEnabled(x=False, y=False)
        self._on_drag = on_drag
        self._dragged_bar: int | None = None

    def _bar_at(self, scene_pos) -> tuple[int, float]:
        point = self.mapSceneToView(scene_pos)
        return round(point.x()), point.y()

    def mouseDragEvent(self, ev, axis=None) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        ev.accept()
        if ev.isStart():
            self._dragged_bar, _ = self._bar_at(ev.buttonDownScenePos())
        _, value = self._bar_at(ev.scenePos())
        if self._dragged_bar is not None:
            self._on_drag(self._dragged_bar, value)
        if ev.isFinish():
            self._dragged_bar = None

    def mouseClickEvent(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        ev.accept()
        index, value = self._bar_at(ev.scenePos())
        self._on_drag(index, value)


class DistributionEditor(QWidget):
    """Bars for p_1..p_K: drag a bar top or type a value; the other classes rescale."""

    distribution_changed = Signal(object)
    """Emitted with the new distribution (a numpy array) after a user edit."""

    def __init__(self, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._p = distributions.preset("uniform", 3)
        self._editable = True
        self._highlighted: tuple[int, ...] = ()
        self._color = color

        self.view_box = BarDragViewBox(self.drag_bar)
        self.plot_widget = SteadyPlotWidget(viewBox=self.view_box)
        # Low enough that q's bars, its two rows of spin boxes and the logits' two rows all
        # fit a 900-pixel window at K = 12 (at 150 the spin boxes were drawn over the axis).
        self.plot_widget.setMinimumHeight(100)  # its axis label, "probability", read whole
        plot = self.plot_widget.getPlotItem()
        label_axis(plot.getAxis("left"), self.tr("probability"))
        plot.showGrid(y=True, alpha=0.25)
        style.two_grid_levels(plot)
        plot.hideButtons()
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, name="probability")
        plot.addItem(self.bars)
        set_table_source(self.plot_widget, self.table)
        # One label and one spin box per class up to the largest K, made once: K changes
        # only show or hide them.
        self._all_labels: list[pg.TextItem] = []
        for _ in range(distributions.MAX_CLASSES):
            label = pg.TextItem(anchor=(0.5, 1.0), color=style.TEXT)
            label.setFont(style.small_font())
            plot.addItem(label)
            self._all_labels.append(label)
        self._value_labels: list[pg.TextItem] = []
        self.spin_grid = SpinBoxGrid(distributions.MAX_CLASSES, SPINBOXES_PER_ROW,
                                     self._make_spin)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.spin_grid)
        self._rebuild()

    def _make_spin(self, i: int) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(0.0, 1.0)
        spin.setDecimals(3)
        spin.setSingleStep(0.01)
        spin.setKeyboardTracking(False)
        spin.setToolTip(self.tr("Probability of class {0}; the others rescale to keep the "
                                "total at 1").format(i + 1))
        spin.valueChanged.connect(lambda value: self._apply_edit(i, value))
        return spin

    @property
    def spinboxes(self) -> list[QDoubleSpinBox]:
        """The spin boxes of classes 1..K."""
        return self.spin_grid.spinboxes

    # --- public API ----------------------------------------------------------------------

    def distribution(self) -> np.ndarray:
        return self._p.copy()

    def set_distribution(self, p: Sequence[float] | np.ndarray) -> None:
        """Show ``p`` (without emitting ``distribution_changed``); the bars it shows already
        are left as they are."""
        p = np.asarray(p, dtype=float)
        if np.array_equal(p, self._p):
            return
        resized = p.size != self._p.size
        self._p = p.copy()
        if resized:
            self._rebuild()
        else:
            self._refresh()

    def table(self) -> DataTable:
        """The bars as a CSV export writes them: class 1..K, as the axis numbers them, and
        its probability."""
        return DataTable.of({"class": classes(self._p.size), "probability": self._p})

    def set_editable(self, editable: bool) -> None:
        """Editable bars follow the mouse; read-only ones show values another control sets."""
        self._editable = editable
        for spin in self.spinboxes:
            spin.setReadOnly(not editable)
            spin.setButtonSymbols(
                QDoubleSpinBox.ButtonSymbols.UpDownArrows
                if editable
                else QDoubleSpinBox.ButtonSymbols.NoButtons
            )
        self._refresh()

    def is_editable(self) -> bool:
        return self._editable

    def set_highlighted(self, classes: Sequence[int]) -> None:
        """Draw these classes in the warning colour (e.g. q_i = 0 where p_i > 0)."""
        self._highlighted = tuple(classes)
        self._refresh()

    def drag_bar(self, index: int, value: float) -> None:
        """Set bar ``index`` to ``value`` as a mouse drag would; out-of-range bars are ignored."""
        if not self._editable or not 0 <= index < self._p.size:
            return
        self._apply_edit(index, value)

    def bar_top_scene_pos(self, index: int):
        """Scene position of the top of bar ``index`` (for driving the editor with a mouse)."""
        return self.view_box.mapViewToScene(pg.Point(index, self._p[index]))

    # --- internals -----------------------------------------------------------------------

    def _apply_edit(self, index: int, value: float) -> None:
        self._p = distributions.set_probability(self._p, index, value)
        self._refresh()
        self.distribution_changed.emit(self._p.copy())

    def _rebuild(self) -> None:
        k = self._p.size
        self._value_labels = show_first(self._all_labels, k)
        plot = self.plot_widget.getPlotItem()
        plot.getAxis("bottom").setTicks([[(i, str(i + 1)) for i in range(k)]])
        self.view_box.setRange(xRange=(-0.6, k - 0.4), yRange=(0, 1.12), padding=0)
        self.spin_grid.show_count(k)
        self.set_editable(self._editable)

    def _refresh(self) -> None:
        k = self._p.size
        brushes = [
            pg.mkBrush(style.WARNING if i in self._highlighted else self._color) for i in range(k)
        ]
        self.bars.setOpts(x=np.arange(k), height=self._p, width=0.7, brushes=brushes, pen=None)
        for i, label in enumerate(self._value_labels):
            label.setText(f"{self._p[i]:.2f}")
            label.setPos(i, self._p[i] + 0.01)
        self.spin_grid.set_values(self._p)
