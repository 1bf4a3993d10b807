"""The test samples one by one (or, by a switch, the validation samples): a table sorted by
each sample's own loss, filters, and a histogram of the losses with their mean (the test or
validation loss) marked. Image data shows each sample's picture as a thumbnail in the table.

Every number comes from the test report's ``SampleLosses`` (core/training/results.py): the
losses, the filters' selections, the histogram's bins and the worst samples' shares.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTableView,
    QWidget,
)

from ce_desktop.ui.common import style
from ce_desktop.ui.common.axes import label_axis
from ce_desktop.ui.common.formatting import format_number, probability_text
from ce_desktop.ui.common.plot_export import DataTable, quantity, set_table_source
from ce_desktop.ui.common.widgets import grid_page, hint_until_shown
from ce_desktop.ui.trainer.sample_card import digit_pixmap

if TYPE_CHECKING:
    # Annotations only: the results module is torch-free, but nothing here needs it at run time.
    from ce_desktop.core.training.results import SampleLosses, SamplePart

ROW, TRUE, PREDICTED, Q_TRUE, LOSS, CORRECT = range(6)
CHECK, CROSS = "✓", "✗"
HISTOGRAM_MIN_HEIGHT = 150
HISTOGRAM_FILL_ALPHA = 90
#: Pixels beside a column's header text for the sort indicator and the margins.
SORT_ARROW_ROOM = 26
#: Pixels around the colour swatch of a pinned sample's row number.
PIN_SWATCH_ROOM = 14
#: Pixels between the controls above the table: the row fits beside the trainer's form at
#: 1024 px with a count of four-digit samples.
FILTER_SPACING = 4
#: An image sample's thumbnail beside its true class: each 8×8 pixel 3 screen pixels wide.
THUMBNAIL_SIDE = 24
#: Pixels a row is taller than its thumbnail.
THUMBNAIL_MARGIN = 2


class SampleTableModel(QAbstractTableModel):
    """The test samples a filter keeps, one per row, in the order of a column; columns
    :data:`ROW` … :data:`CORRECT`.

    It sorts and filters itself, on arrays: a QSortFilterProxyModel asks data() once per
    comparison, which took 5.6 s to show 10,000 samples; here it takes one argsort."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._samples: SampleLosses | None = None
        self._names: list[str] = []
        self._loss_header = ""
        self._loss_tip = ""
        self._keys: list[np.ndarray] = []
        """Per column, what its sort compares (numbers, not their text)."""
        self._keep: np.ndarray | None = None
        self._sort = (LOSS, Qt.SortOrder.DescendingOrder)
        self._rows = np.zeros(0, dtype=np.int64)
        """The sample shown in each row: kept, in the sort's order."""
        self._pinned: dict[int, QColor] = {}
        """The pinned samples' line colours, shown beside their row numbers."""
        self._thumbnails: dict[int, QPixmap] = {}
        """Image samples' thumbnails, made when a row is first drawn (a few screens' worth,
        never all of them at once)."""

    def set_samples(self, samples: SampleLosses | None, class_names: Sequence[str],
                    loss_header: str, loss_tip: str = "") -> None:
        self.beginResetModel()
        self._samples = samples
        self._names = [str(name) for name in class_names]
        self._loss_header, self._loss_tip = loss_header, loss_tip
        self._keep = None
        self._thumbnails = {}
        if samples is None:
            self._keys = []
        else:
            self._keys = [np.arange(len(samples)), samples.true_class,
                          samples.predicted_class, samples.q_true, samples.loss,
                          samples.correct.astype(np.int64)]
        self._arrange()
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, CORRECT)

    def set_selection(self, keep: np.ndarray | None) -> None:
        """Show only the samples where ``keep`` is True (all for None)."""
        self.beginResetModel()
        self._keep = keep
        self._arrange()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._arrange()
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        if not self._keys:
            self._rows = np.zeros(0, dtype=np.int64)
            return
        column, order = self._sort
        key = self._keys[column]
        if order == Qt.SortOrder.DescendingOrder:
            key = -key.astype(np.float64)
        # Stable: ties keep the test set's order, whichever way.
        rows = np.argsort(key, kind="stable")
        if self._keep is not None:
            rows = rows[self._keep[rows]]
        self._rows = rows

    def set_pinned(self, colors: dict[int, str]) -> None:
        """Mark the pinned samples (test-set row → their line's colour)."""
        self._pinned = {index: QColor(color) for index, color in colors.items()}
        if len(self._rows):
            self.dataChanged.emit(self.index(0, ROW), self.index(len(self._rows) - 1, ROW))

    def sample_at(self, row: int) -> int:
        """The test-set row of the sample shown in table row ``row``."""
        return int(self._rows[row])

    def has_images(self) -> bool:
        """Whether the samples are images, each drawn as a thumbnail beside its true class."""
        return self._samples is not None and self._samples.images is not None

    def thumbnail(self, sample: int) -> QPixmap:
        """Sample ``sample``'s picture, :data:`THUMBNAIL_SIDE` pixels square (made once)."""
        picture = self._thumbnails.get(sample)
        if picture is None:
            picture = digit_pixmap(self._samples.images[sample], THUMBNAIL_SIDE)
            self._thumbnails[sample] = picture
        return picture

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else CORRECT + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("row"), self.tr("true"), self.tr("predicted"),
                    self.tr("q(true)"), self._loss_header, self.tr("correct")][section]
        if role == Qt.ItemDataRole.ToolTipRole:
            validation = self._samples is not None and self._samples.part == "validation"
            return [self.tr("The sample's row in the validation set, counted from 0")
                    if validation else self.tr("The sample's row in the test set, counted from 0"),
                    self.tr("The sample's true class (its label)"),
                    self.tr("The predicted class: the one the model gives the highest "
                            "probability"),
                    self.tr("The probability the model gives the true class"),
                    self._loss_tip,
                    self.tr("Whether the predicted class is the true class")][section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if self._samples is None or not index.isValid():
            return None
        sample, column = int(self._rows[index.row()]), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._keys[column][sample]
            if column in (TRUE, PREDICTED):
                return self._names[value]
            if column == Q_TRUE:
                return probability_text(float(value))
            if column == LOSS:
                return format_number(float(value))
            if column == CORRECT:
                return CHECK if value else CROSS
            return str(value)
        if (role == Qt.ItemDataRole.DecorationRole and column == TRUE
                and self._samples.images is not None):
            return self.thumbnail(sample)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (TRUE, PREDICTED, CORRECT):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == ROW and sample in self._pinned:
            if role == Qt.ItemDataRole.DecorationRole:
                return self._pinned[sample]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Pinned: its q(true class) and loss are drawn in the Pinned "
                               "page, in this colour")
        if role == Qt.ItemDataRole.ForegroundRole and column == CORRECT:
            return QColor(style.TEXT if self._keys[CORRECT][sample] else style.WARNING)
        return None


class SamplesView(QWidget):
    """The Samples page of the trainer's results: table, filters, loss histogram."""

    sample_chosen = Signal(int)
    """A row was opened (double-click or Enter): the row of its sample in the set shown
    (:meth:`part`)."""
    pin_toggled = Signal(int)
    """Pin or unpin (the context menu, the Pin button or P): the test-set row of the sample."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sets: dict[str, tuple[SampleLosses, float]] = {}
        """The report's samples by set ("test", "validation"), each with its mean loss."""
        self._samples: SampleLosses | None = None
        """The set on show."""
        self._class_names: list[str] = []
        self._subset: np.ndarray | None = None
        """The samples a route chose (a confusion cell, a histogram bin), or None."""
        self._mean_loss = math.nan
        self._unit = "nats"
        self._histogram: tuple[np.ndarray, np.ndarray] | None = None
        self._pin_colors: dict[int, str] = {}

        self.model = SampleTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setToolTip(self.tr("Double-click a sample, or press Enter, to open its card"))
        # Activated: a double-click, or Enter on the current row.
        self.table.activated.connect(
            lambda index: self.sample_chosen.emit(self.model.sample_at(index.row())))
        self.table.verticalHeader().setVisible(False)
        self._pinned: set[int] = set()
        self.pin_action = QAction(self.tr("Pin"), self.table)
        self.pin_action.setShortcut(QKeySequence(Qt.Key.Key_P))
        self.pin_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.pin_action.triggered.connect(self.toggle_current_pin)
        self.table.addAction(self.pin_action)
        # The button says Pin or Unpin for the current row, whichever sample it now shows.
        self.table.selectionModel().currentRowChanged.connect(self._update_pin_action)
        self.model.modelReset.connect(self._update_pin_action)
        self.model.layoutChanged.connect(self._update_pin_action)
        # Tab leaves the table for the next control, as everywhere else; the arrow keys move
        # between rows (Tab went cell by cell and never left it).
        self.table.setTabKeyNavigation(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        # One row height for all: no row is measured, so 10,000 rows scroll smoothly.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._text_row_height = self.table.fontMetrics().height() + 6
        self.table.verticalHeader().setDefaultSectionSize(self._text_row_height)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        style.legible_sort_arrows(header)
        header.setStretchLastSection(True)
        # As wide as the columns' headers, no wider: the histogram beside it keeps its share.
        self.table.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)

        self.part_combo = QComboBox()
        # One word each: the filters' row has to fit beside the trainer's form at 1024 px.
        self.part_combo.addItem(self.tr("test"), "test")
        self.part_combo.addItem(self.tr("validation"), "validation")
        self.part_combo.setToolTip(self.tr(
            "Which samples the table and the histogram show: the test set, or the validation "
            "set the run watched after each epoch (same model, same weights)"))
        self.part_combo.currentIndexChanged.connect(self._on_part_chosen)
        self.wrong_check = QCheckBox(self.tr("wrong only"))
        self.wrong_check.setToolTip(self.tr("Only the samples predicted wrong"))
        self.confident_check = QCheckBox(self.tr("confidently wrong"))
        self.confident_check.setToolTip(self.tr(
            "Only the samples predicted wrong with q(true class) < 0.1"))
        self.class_combo = QComboBox()
        self.class_combo.setToolTip(self.tr("Only the samples of one true class"))
        self.class_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.class_combo.setMinimumContentsLength(8)
        for control in (self.wrong_check, self.confident_check):
            control.toggled.connect(self._apply_filters)
        self.class_combo.currentIndexChanged.connect(self._apply_filters)
        self.count_label = QLabel()
        self.count_label.setStyleSheet(f"color: {style.MUTED}")
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setSpacing(FILTER_SPACING)
        filters.addWidget(self.part_combo)
        filters.addWidget(self.wrong_check)
        filters.addWidget(self.confident_check)
        filters.addWidget(self.class_combo)
        filters.addStretch(1)
        self.pin_button = QPushButton(self.tr("Pin"))
        self.pin_button.clicked.connect(self.toggle_current_pin)
        filters.addWidget(self.pin_button)

        self.subset_label = QLabel()
        self.subset_label.setStyleSheet(f"color: {style.Q_COLOR}; font-weight: bold")
        self.subset_clear = QPushButton(self.tr("Show all"))
        self.subset_clear.setToolTip(self.tr("Show every sample again (the filters stay)"))
        self.subset_clear.clicked.connect(lambda: self.show_subset(None))
        subset_row = QHBoxLayout()
        subset_row.setContentsMargins(0, 0, 0, 0)
        subset_row.addWidget(self.subset_label, 1)
        subset_row.addWidget(self.subset_clear)
        self.subset_bar = QWidget()
        self.subset_bar.setLayout(subset_row)
        self.subset_bar.setVisible(False)

        self.share_label = QLabel()
        self.share_label.setWordWrap(True)
        # The count sits below the table, beside the shares: in the filters' row it left
        # the row too little room at 1024 px.
        footer = QHBoxLayout()
        footer.setContentsMargins(0, 0, 0, 0)
        footer.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignTop)
        footer.addWidget(self.share_label, 1)
        self._fit_columns()
        self.histogram_plot = self._build_histogram()
        set_table_source(self.histogram_plot, self.histogram_table)

        page = grid_page(
            [(filters, 0, 0, 1, 2), (self.subset_bar, 1, 0, 1, 2),
             (self.table, 2, 0), (self.histogram_plot, 2, 1),
             (footer, 3, 0, 1, 2)],
            column_stretch=(3, 2), row_stretch={2: 1})

        self.pages, self.hint_label = hint_until_shown(self, self.tr(
            "Each test sample and its own loss appear here when a run finishes or a model is "
            "loaded."), page)
        self.clear()

    def _build_histogram(self) -> pg.PlotWidget:
        widget = pg.PlotWidget()
        widget.setMinimumHeight(HISTOGRAM_MIN_HEIGHT)
        widget.setToolTip(self.tr(
            "How the test samples' own losses are spread; the dashed line is their mean, "
            "the test loss"))
        plot = widget.getPlotItem()
        # No title: its axes say what it shows, and the page is short in a small window.
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.showGrid(x=True, y=True, alpha=0.2)
        style.two_grid_levels(plot)
        label_axis(plot.getAxis("left"), self.tr("test samples"))  # the set's, once shown
        fill = QColor(style.P_COLOR)
        fill.setAlpha(HISTOGRAM_FILL_ALPHA)
        self.histogram_curve = plot.plot(stepMode="center", fillLevel=0,
                                         pen=pg.mkPen(style.P_COLOR, width=1.5),
                                         brush=pg.mkBrush(fill))
        # Its value is written in the line below the plot, where it is never cut off.
        self.mean_line = pg.InfiniteLine(
            angle=90, pen=pg.mkPen(style.Q_COLOR, width=2, style=Qt.PenStyle.DashLine))
        self.mean_line.setVisible(False)
        plot.addItem(self.mean_line, ignoreBounds=True)
        return widget

    # --- public API ----------------------------------------------------------------------

    def plots(self) -> dict[str, pg.PlotWidget]:
        return {self.tr("Per-sample losses"): self.histogram_plot}

    def show_samples(self, samples: SampleLosses | None, test_loss: float,
                     class_names: Sequence[str], unit: str, *,
                     validation: SampleLosses | None = None,
                     validation_loss: float | None = None) -> None:
        """Show a report's samples; ``unit`` is the run's loss unit ("nats", or "" for
        MSE's squared error). ``validation``: the validation samples (with their mean,
        ``validation_loss``), which the switch shows instead."""
        if samples is None:
            self.clear()
            return
        self._sets = {"test": (samples, test_loss)}
        if validation is not None:
            self._sets["validation"] = (
                validation, math.nan if validation_loss is None else validation_loss)
        self._unit = unit
        self._class_names = [str(name) for name in class_names]
        # The filters stay as they were for the next run, the class too if it has one.
        chosen = self.class_combo.currentText()
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        self.class_combo.addItem(self.tr("every class"), None)
        for index, name in enumerate(class_names):
            self.class_combo.addItem(self.tr("class {0}").format(name), index)
        self.class_combo.setCurrentIndex(max(self.class_combo.findText(chosen), 0))
        self.class_combo.blockSignals(False)
        # The set chosen stays too, while the report has it.
        self.part_combo.setEnabled(validation is not None)
        if validation is None:
            self.part_combo.blockSignals(True)
            self.part_combo.setCurrentIndex(0)
            self.part_combo.blockSignals(False)
        self._show_part()
        self.pages.setCurrentIndex(1)

    def part(self) -> SamplePart:
        """Which set the table shows: "test" or "validation"."""
        return self.part_combo.currentData()

    def show_part(self, part: SamplePart) -> bool:
        """Show the test or the validation samples; False when the report has no such set."""
        if part not in self._sets:
            return False
        self.part_combo.setCurrentIndex(self.part_combo.findData(part))
        return True

    def _on_part_chosen(self, *_args) -> None:
        if self._sets:
            self._show_part()

    def _show_part(self) -> None:
        """Fill the table, the histogram and the shares from the set chosen."""
        samples, self._mean_loss = self._sets[self.part()]
        self._samples = samples
        self._subset = None  # a route's choice belongs to the samples it chose from
        self.subset_bar.setVisible(False)
        if self._unit:
            loss_header = self.tr("loss (nats)")
            tip = self.tr("The sample's own loss: −Σ pᵢ log qᵢ, which is −log q(true class) "
                          "without label smoothing")
        else:
            loss_header = self.tr("loss (squared error)")
            tip = self.tr("The sample's own squared error, averaged over the network's "
                          "outputs")
        if samples.weighted:
            tip += "\n" + (self.tr("Without the class weights; the validation loss is their "
                                   "weighted mean") if samples.part == "validation" else
                           self.tr("Without the class weights; the test loss is their "
                                   "weighted mean"))
        self.model.set_samples(samples, self._class_names, loss_header, tip)
        self.model.set_pinned(self._pin_colors if samples.part == "test" else {})
        # Rows as tall as a thumbnail for images; text rows keep their own height.
        self.table.verticalHeader().setDefaultSectionSize(
            max(self._text_row_height, THUMBNAIL_SIDE + THUMBNAIL_MARGIN)
            if self.model.has_images() else self._text_row_height)
        self._fit_columns()
        self._apply_filters()
        self.table.sortByColumn(LOSS, Qt.SortOrder.DescendingOrder)
        self._draw_histogram(loss_header)

    def show_subset(self, keep: np.ndarray | None, description: str = "") -> None:
        """Show only the samples where ``keep`` is True (with the filters), saying which
        (``description``) above the table; None shows all again. A route's samples are
        test samples: the table shows the test set for them."""
        if keep is not None:
            self.show_part("test")
        self._subset = keep
        self.subset_label.setText(description)
        self.subset_bar.setVisible(keep is not None)
        self._apply_filters()

    def clear(self) -> None:
        """Forget the samples: nothing of an earlier run stays on the page."""
        self._samples, self._mean_loss, self._histogram = None, math.nan, None
        self._sets = {}
        self._subset = None
        self.subset_bar.setVisible(False)
        self.model.set_samples(None, [], "")
        self.count_label.clear()
        self.share_label.clear()
        self.histogram_curve.setData([], [])
        self.mean_line.setVisible(False)
        self.part_combo.setEnabled(False)
        self.pages.setCurrentIndex(0)

    def set_pinned(self, colors: dict[int, str]) -> None:
        """Which samples are pinned (test-set row → their line's colour); marked in the
        table while it shows the test set."""
        self._pinned = set(colors)
        self._pin_colors = dict(colors)
        self.model.set_pinned(colors if self.part() == "test" else {})
        self._update_pin_action()

    def current_sample(self) -> int | None:
        """The row, in the set shown, of the table's current sample, if any."""
        index = self.table.currentIndex()
        return self.model.sample_at(index.row()) if index.isValid() else None

    def toggle_current_pin(self) -> None:
        sample = self.current_sample()
        if sample is not None and self.part() == "test":
            self.pin_toggled.emit(sample)

    def context_menu(self, pos: QPoint) -> QMenu:
        """The table's menu for the row at ``pos`` (viewport coordinates), made current."""
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.pin_action)
        return menu

    def _show_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(pos)
        menu.exec(self.table.viewport().mapToGlobal(pos))
        # Deleted now, in the GUI thread: a menu left to the garbage collector can be
        # destroyed by whichever thread collects, and a Qt object destroyed off the GUI
        # thread can deadlock with it.
        menu.deleteLater()

    def _update_pin_action(self, *_args) -> None:
        sample = self.current_sample()
        enabled = sample is not None
        if self._samples is not None and self.part() == "validation":
            text, tip, enabled = self.tr("Pin"), self.tr(
                "Only test samples can be pinned: the Pinned page follows test samples "
                "through a run. Switch to the test samples to pin one."), False
        elif sample is None:
            text, tip = self.tr("Pin"), self.tr(
                "Choose a sample to pin: its q(true class) and loss are then drawn in the "
                "Pinned page after each epoch of the next run (up to five samples; key P)")
        elif sample in self._pinned:
            text, tip = self.tr("Unpin"), self.tr(
                "Stop following test sample {0} in the Pinned page (key P)").format(sample)
        else:
            text, tip = self.tr("Pin"), self.tr(
                "Follow test sample {0} in the Pinned page: its q(true class) and loss after "
                "each epoch of the next run (up to five samples; key P)").format(sample)
        for control in (self.pin_action, self.pin_button):
            control.setText(text)
            control.setToolTip(tip)
            control.setEnabled(enabled)

    def shown_rows(self) -> int:
        return self.model.rowCount()

    def mean_marker(self) -> float | None:
        """Where the mean line stands, or None when it is hidden."""
        return float(self.mean_line.value()) if self.mean_line.isVisible() else None

    def histogram_table(self) -> DataTable | None:
        """One row per bin: its edges, in the loss's unit, and its count of samples of the
        set shown (the column says which: ``test_samples`` or ``validation_samples``)."""
        if self._histogram is None or self._samples is None:
            return None
        edges, counts = self._histogram
        name = "loss" if self._unit else "squared_error"
        return DataTable.of({quantity(f"{name}_from", self._unit): edges[:-1],
                             quantity(f"{name}_to", self._unit): edges[1:],
                             f"{self._samples.part}_samples": counts})

    # --- drawing -------------------------------------------------------------------------

    def _fit_columns(self) -> None:
        """Each column as wide as its header (with room for the sort arrow) or a number;
        measured on the headers, never on the rows, which may be thousands."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        widest_number = self.table.fontMetrics().horizontalAdvance("0.00000")
        total = 0
        for column in range(self.model.columnCount()):
            text = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(metrics.horizontalAdvance(text) + SORT_ARROW_ROOM, widest_number)
            if column == ROW:  # a pinned sample's colour stands beside its number
                width = max(width, self.table.fontMetrics().horizontalAdvance("00000")
                            + self.table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
                            + PIN_SWATCH_ROOM)
            if column == TRUE and self.model.has_images():  # the thumbnail beside the class
                widest = max((self.table.fontMetrics().horizontalAdvance(name)
                              for name in self._class_names), default=0)
                width = max(width, THUMBNAIL_SIDE + widest + PIN_SWATCH_ROOM)
            header.resizeSection(column, width)
            total += width
        self.table.setMinimumWidth(total + self.table.verticalScrollBar().sizeHint().width()
                                   + 2 * self.table.frameWidth())

    def _apply_filters(self, *_args) -> None:
        samples = self._samples
        if samples is None:
            return
        keep = samples.selection(wrong_only=self.wrong_check.isChecked(),
                                 true_class=self.class_combo.currentData(),
                                 confidently_wrong=self.confident_check.isChecked())
        if self._subset is not None:
            keep &= self._subset
        self.model.set_selection(keep)
        self.count_label.setText(self.tr("{0} of {1} samples").format(
            self.model.rowCount(), len(samples)))

    def _draw_histogram(self, loss_header: str) -> None:
        samples = self._samples
        edges, counts = samples.histogram()
        self._histogram = (edges, counts)
        self.histogram_curve.setData(edges, counts.astype(float))
        plot = self.histogram_plot.getPlotItem()
        label_axis(plot.getAxis("bottom"), loss_header)
        validation = samples.part == "validation"
        label_axis(plot.getAxis("left"), self.tr("validation samples") if validation
                   else self.tr("test samples"))
        self.histogram_plot.setToolTip(self.tr(
            "How the validation samples' own losses are spread; the dashed line is their "
            "mean, the validation loss") if validation else self.tr(
            "How the test samples' own losses are spread; the dashed line is their mean, "
            "the test loss"))
        # The set shown decides the tooltips' words, as it decides the axis's.
        self.share_label.setToolTip(self.tr(
            "How much of the validation loss the worst samples carry: a few very wrong, very "
            "confident predictions can make up most of the mean") if validation else self.tr(
            "How much of the test loss the worst samples carry: a few very wrong, very "
            "confident predictions can make up most of the mean"))
        mean = self._mean_loss
        self.mean_line.setVisible(math.isfinite(mean))
        if math.isfinite(mean):
            self.mean_line.setValue(mean)
        top = float(counts.max()) if counts.size else 1.0
        plot.setRange(xRange=(float(edges[0]), float(edges[-1])), yRange=(0.0, top * 1.1),
                      padding=0.02)
        worst_1, worst_10 = samples.worst_share(0.01), samples.worst_share(0.10)
        if validation:
            mean_text = (self.tr("Weighted mean (dashed) = validation loss {0}")
                         if samples.weighted else
                         self.tr("Mean (dashed) = validation loss {0}"))
        else:
            mean_text = (self.tr("Weighted mean (dashed) = test loss {0}") if samples.weighted
                         else self.tr("Mean (dashed) = test loss {0}"))
        mean_text = mean_text.format(format_number(mean))
        self.share_label.setText(self.tr(
            "{0}. The worst 1 % of the samples carry {1} of it, the worst 10 % {2}.").format(
                mean_text, _percent(worst_1), _percent(worst_10)))


def _percent(share: float) -> str:
    return f"{100 * share:.1f} %" if math.isfinite(share) else "—"
