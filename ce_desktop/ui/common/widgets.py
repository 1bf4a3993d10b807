"""Small widget constructors shared by the tabs."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QPainter, QTransform
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.ui.common import style

#: Contour lines are traced on at most this many points per side. pyqtgraph traces them in
#: Python, in the paint: seven levels took 20 ms on a 101 × 101 grid and 6 ms on 51 × 51,
#: and at that resolution they already look smooth.
CONTOUR_POINTS = 51
#: The width a SteadyPlotWidget asks for when it has no minimum of its own.
STEADY_PLOT_MIN_WIDTH = 120


def hint_until_shown(owner: QWidget, hint: str, page: QWidget) -> tuple[QStackedWidget, QLabel]:
    """Fill ``owner`` with a stack of a muted, centred ``hint`` (shown first) and ``page``:
    the hint says what will appear until there is something to show."""
    label = QLabel(hint)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet(f"color: {style.MUTED}")
    pages = QStackedWidget()
    pages.addWidget(label)
    pages.addWidget(page)
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(pages)
    return pages, label


#: A widget or layout and where it goes on a grid: row, column, and optionally the rows and
#: columns it spans.
GridCell = (tuple[QWidget | QLayout, int, int]
            | tuple[QWidget | QLayout, int, int, int, int])


def grid_page(cells: Sequence[GridCell], column_stretch: Sequence[int] = (),
              row_stretch: Mapping[int, int] | None = None) -> QWidget:
    """A page without margins holding ``cells`` on a grid; the stretches share out the
    room, column by column and for the rows named."""
    page = QWidget()
    grid = QGridLayout(page)
    grid.setContentsMargins(0, 0, 0, 0)
    for item, *place in cells:
        if isinstance(item, QLayout):
            grid.addLayout(item, *place)
        else:
            grid.addWidget(item, *place)
    for column, stretch in enumerate(column_stretch):
        grid.setColumnStretch(column, stretch)
    for row, stretch in (row_stretch or {}).items():
        grid.setRowStretch(row, stretch)
    return page


def form_group(title: str, rows: Sequence[tuple[str, QWidget | QLayout] | QWidget]
               ) -> QGroupBox:
    """A titled group of labelled rows; a bare widget spans both columns."""
    group = QGroupBox(title)
    form = QFormLayout(group)
    for row in rows:
        if isinstance(row, tuple):
            form.addRow(*row)
        else:
            form.addRow(row)
    return group


def push_button(text: str, tooltip: str, on_click: Callable[[], object]) -> QPushButton:
    """A button that explains itself and does one thing."""
    button = QPushButton(text)
    button.setToolTip(tooltip)
    button.clicked.connect(on_click)
    return button


def number_box(low: float, high: float, value: float, step: float, tooltip: str, *,
               decimals: int | None = None, prefix: str = "",
               on_change: Callable[[], object] | None = None) -> QSpinBox | QDoubleSpinBox:
    """A spin box for whole numbers, or for decimals when ``decimals`` is given. With
    ``on_change`` it reports a value once the user has finished typing it, not each key."""
    box: QSpinBox | QDoubleSpinBox
    if decimals is None:
        box = QSpinBox()
        box.setRange(int(low), int(high))
    else:
        box = QDoubleSpinBox()
        box.setDecimals(decimals)
        box.setRange(low, high)
    box.setSingleStep(step)
    box.setValue(value)
    box.setPrefix(prefix)
    box.setToolTip(tooltip)
    if on_change is not None:
        box.setKeyboardTracking(False)
        box.valueChanged.connect(lambda _value: on_change())
    return box


def button_row(*buttons: QPushButton | None) -> QHBoxLayout:
    """``buttons`` side by side, left to right; a None is a stretch between them."""
    row = QHBoxLayout()
    for button in buttons:
        if button is None:
            row.addStretch(1)
        else:
            row.addWidget(button)
    return row


def show_message(label: QLabel, text: str, error: bool = False) -> None:
    """Show ``text`` in ``label``, in the warning colour when it reports an error."""
    label.setStyleSheet(f"color: {style.WARNING if error else style.TEXT}")
    label.setText(text)


class _PageContent(QWidget):
    """What :func:`scrolling` puts in its area: as tall as the area when the page fits.

    A layout holding word-wrapped labels reports a height for each width, and QScrollArea
    makes its content that tall — twice the window's height in the entropy explorer —
    instead of fitting it to the view: here that height is the content's minimum."""

    def heightForWidth(self, width: int) -> int:
        return self.minimumSizeHint().height()


class CurrentPageStack(QStackedWidget):
    """A stacked widget as large as the page it shows, not as its largest page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self._follow)

    def addWidget(self, widget: QWidget) -> int:
        index = super().addWidget(widget)
        self._follow(self.currentIndex())
        return index

    def _follow(self, index: int) -> None:
        for i in range(self.count()):
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            self.widget(i).setSizePolicy(policy, policy)
        self.updateGeometry()


class SteadyPlotWidget(pg.PlotWidget):
    """A plot whose size hint is its minimum size, whatever size it was last given.

    pyqtgraph's size hint follows the plot's current size (and the screen's scale), so a
    row of plots was laid out differently at 1× and 2× and from one layout to the next."""

    def sizeHint(self) -> QSize:
        return self.minimumSize().expandedTo(QSize(STEADY_PLOT_MIN_WIDTH, 0))


def keep_plot_whole(widget: pg.PlotWidget) -> None:
    """Give a plot's view at least the room its plot needs for its title, axes and labels.

    pyqtgraph does not pass the plot's minimum size on to the view: a layout could make the
    view smaller, and the plot was then drawn cut off at its right or bottom edge (the
    title, the legend, the last tick). Call it once the title and axis labels are set."""
    needed = widget.getPlotItem().effectiveSizeHint(Qt.SizeHint.MinimumSize)
    frame = 2 * widget.frameWidth()
    widget.setMinimumSize(max(widget.minimumWidth(), math.ceil(needed.width()) + frame),
                          max(widget.minimumHeight(), math.ceil(needed.height()) + frame))


def show_every_choice_whole(combo: QComboBox) -> None:
    """At least as wide as the box needs to show its longest choice uncut, as the style
    draws it (Qt's own size hint came out a few pixels short)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    metrics = combo.fontMetrics()
    text = max(metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
    # One character's room besides: the style pads the text inside its field.
    content = QSize(text + metrics.averageCharWidth(), metrics.height())
    needed = combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, content,
                                            combo)
    combo.setMinimumWidth(max(combo.minimumWidth(), needed.width()))


class _WheelScrollsThePage(QObject):
    """Gives the mouse wheel to the scroll area, not to a combo or spin box under the
    pointer, unless the user has clicked into that box: scrolling a form must not change
    the settings it passes over."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QApplication.sendEvent(area.verticalScrollBar(), event)
        return True


def wheel_scrolls_the_page(page: QWidget) -> None:
    """Make the boxes inside ``page`` (a scrolling form) take the wheel only when focused."""
    guard = _WheelScrollsThePage(page)
    for box in (*page.findChildren(QComboBox), *page.findChildren(QAbstractSpinBox)):
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel does not give focus
        box.installEventFilter(guard)


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area that fits it to its width and height when
    there is room, and scrolls when the window is smaller; the wheel scrolls it."""
    wheel_scrolls_the_page(content)
    holder = _PageContent()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(content)
    area = QScrollArea()
    area.setWidget(holder)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


class ProgressBar(QProgressBar):
    """A progress bar that paints with the window's next frame instead of at once.

    QProgressBar repaints synchronously whenever its text changes; in the trainer that cost
    about 30 ms of the GUI thread per call (the whole window's backing store is redrawn).
    """

    def _deferred(self, change: Callable[[], None]) -> None:
        self.setUpdatesEnabled(False)
        try:
            change()
        finally:
            self.setUpdatesEnabled(True)  # schedules an ordinary update()

    def setValue(self, value: int) -> None:
        self._deferred(lambda: super(ProgressBar, self).setValue(value))

    def setRange(self, minimum: int, maximum: int) -> None:
        self._deferred(lambda: super(ProgressBar, self).setRange(minimum, maximum))

    def setMaximum(self, maximum: int) -> None:
        self._deferred(lambda: super(ProgressBar, self).setMaximum(maximum))


class _SceneStaysActive(QObject):
    """Lets a plot's scene become active once and never be deactivated again."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return event.type() == QEvent.Type.WindowDeactivate


def keep_plot_scenes_active(root: QWidget) -> None:
    """Spare every plot under ``root`` a second full paint each time it is shown.

    A QGraphicsView deactivates its scene when it is hidden (another tab comes forward, the
    window loses focus) and activates it again when shown, and every QGraphicsWidget repaints
    itself on both, in case its palette's active and inactive colours differ. In a pyqtgraph
    plot every part (plot, axes, view box, legend, labels) is a QGraphicsWidget, so a plot
    coming forward was painted twice, and its axes' text replayed both times: showing the
    loss-curves page took 98 ms of the GUI thread, 30 ms without it. The plots draw with
    pyqtgraph's pens, never the palette, so nothing looks different.
    """
    stays_active = _SceneStaysActive(root)
    for view in root.findChildren(pg.GraphicsView):
        view.scene().installEventFilter(stays_active)


def show_first(items: Sequence, k: int) -> list:
    """Show the first ``k`` of ``items`` (widgets or plot items), hide the rest; return the
    shown ones. For controls made once for the largest K that a K change shows or hides."""
    for i, item in enumerate(items):
        item.setVisible(i < k)
    return list(items[:k])


class SpinBoxGrid(QWidget):
    """Spin boxes numbered 1..K in rows, made once for the largest K and shown as K changes.

    Changing K used to delete and make the spin boxes again, which relaid out the whole tab
    and resized its plots: 70-150 ms of the GUI thread for one click on the K spin box.
    """

    def __init__(self, largest: int, per_row: int,
                 make_spin: Callable[[int], QDoubleSpinBox],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        self._captions: list[QLabel] = []
        self._spins: list[QDoubleSpinBox] = []
        for i in range(largest):
            row, col = divmod(i, per_row)
            caption = QLabel(str(i + 1))
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            spin = make_spin(i)
            grid.addWidget(caption, row, 2 * col)
            grid.addWidget(spin, row, 2 * col + 1)
            self._captions.append(caption)
            self._spins.append(spin)
        self.spinboxes: list[QDoubleSpinBox] = self._spins

    def show_count(self, k: int) -> list[QDoubleSpinBox]:
        """Show the first ``k`` spin boxes (the others are hidden) and return them."""
        show_first(self._captions, k)
        self.spinboxes = show_first(self._spins, k)
        return self.spinboxes

    def set_values(self, values: Sequence[float] | np.ndarray) -> None:
        """Show ``values`` in the visible spin boxes without emitting ``valueChanged``."""
        for spin, value in zip(self.spinboxes, values, strict=True):
            spin.blockSignals(True)
            spin.setValue(float(value))
            spin.blockSignals(False)


def set_contour(curve: pg.IsocurveItem, values: np.ndarray, level: float) -> None:
    """Trace ``curve`` at ``level`` over ``values``, thinned to at most CONTOUR_POINTS a side.

    The curve is a child of the ImageItem showing ``values``, so it is drawn in the image's
    pixel coordinates, sample i at i + 0.5; every k-th sample of the thinned grid is placed
    back where its sample lies in the full one.
    """
    stride = max(1, math.ceil(max(values.shape) / CONTOUR_POINTS))
    curve.setData(values[::stride, ::stride], level=level)
    # Thinned sample j lies at j + 0.5; it is full sample k·j, at k·j + 0.5.
    offset = -(stride - 1) / 2
    curve.setTransform(QTransform().translate(offset, offset).scale(stride, stride))


class SmoothImageItem(pg.ImageItem):
    """An ImageItem scaled with bilinear filtering instead of nearest-neighbour blocks."""

    def paint(self, painter: QPainter, *args) -> None:
        # Pixel centres carry the sampled probabilities; interpolating between them draws
        # the smooth field they sample, and hides the grid's staircase on screen and in
        # exported images alike (ImageExporter's painter does not set this hint either).
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        super().paint(painter, *args)
        painter.restore()
