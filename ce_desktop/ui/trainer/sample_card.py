"""The sample card: one test (or validation) sample's features, its label p and the model's
q side by side, the per-class terms −pᵢ ln qᵢ adding up to its loss, H(p) and KL(p‖q).

A non-modal window beside the trainer, sized to fit the screen; every number comes from the
core's :class:`~ce_desktop.core.training.sample_card.SampleCard`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.core.entropy import distributions
from ce_desktop.core.info import Unit
from ce_desktop.core.training.sample_card import (
    SampleCard,
    SampleInExplorer,
    ink_greys,
    loss_agrees,
)
from ce_desktop.ui.common import style
from ce_desktop.ui.common.axes import label_axis
from ce_desktop.ui.common.formatting import format_number, format_quantity, probability_text
from ce_desktop.ui.common.widgets import push_button

#: The card's size when the screen has room; smaller screens get what they have.
CARD_SIZE = (700, 410)
#: How the 8×8 digit is drawn: each pixel this many screen pixels wide.
IMAGE_SIDE = 112
FEATURES_WIDTH = 170
BAR_WIDTH = 0.38
#: The probability axis reaches above 1 so the legend sits over the bars, not on them.
LEGEND_HEADROOM = 1.22
CLASS, P, Q, TERM = range(4)


def digit_pixmap(image: np.ndarray, side: int = IMAGE_SIDE) -> QPixmap:
    """A grey picture of raw pixels (ink dark on white, the largest value black), each pixel
    a square block; never smoothed, so the 8×8 grid stays visible."""
    grey = ink_greys(image)
    height, width = grey.shape
    picture = QImage(grey.data, width, height, width, QImage.Format.Format_Grayscale8).copy()
    return QPixmap.fromImage(picture).scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.FastTransformation)


class SampleCardDialog(QDialog):
    """One test sample's cross-entropy, term by term; "Open in the entropy explorer" sends
    its p and q to the first tab."""

    open_in_explorer = Signal(object)
    """Emitted with a :class:`SampleInExplorer`."""
    pin_toggled = Signal(int)
    """"Pin this sample" or "Unpin this sample": the card's test-set row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(False)
        self.card: SampleCard | None = None
        self._names: tuple[str, ...] = ()
        self._run_name = ""
        self._placed = False

        self.title_label = QLabel()
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)
        self.title_label.setFont(font)
        self.target_label = QLabel()
        self.target_label.setWordWrap(True)
        self.target_label.setStyleSheet(f"color: {style.MUTED}")

        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setToolTip(self.tr("The sample as the data set holds it (raw pixels)"))
        self.feature_table = QTableWidget(0, 2)
        self.feature_table.setHorizontalHeaderLabels([self.tr("feature"), self.tr("value")])
        self.feature_table.setToolTip(self.tr(
            "The sample's features as the network receives them (standardised for every data "
            "set but the tutorial's)"))
        self._quiet_table(self.feature_table)
        self.feature_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.feature_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.feature_table.horizontalHeader().setStretchLastSection(False)
        self.features = QStackedWidget()
        self.features.addWidget(self.image_label)
        self.features.addWidget(self.feature_table)
        self.features.setFixedWidth(FEATURES_WIDTH)

        self.bar_plot = pg.PlotWidget()
        self.bar_plot.setToolTip(self.tr(
            "p: the label as a distribution; q: the model's prediction, class by class"))
        plot = self.bar_plot.getPlotItem()
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        style.faint_grid(plot)
        label_axis(plot.getAxis("left"), self.tr("probability"))
        legend = plot.addLegend(labelTextSize="8pt")
        # Side by side at the top, above the bars (the y range leaves room for it).
        legend.setColumnCount(2)
        legend.anchor(itemPos=(0.5, 0.0), parentPos=(0.5, 0.0), offset=(0, 2))
        legend.setBrush(pg.mkBrush(style.legend_brush()))
        self.p_bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH,
                                      brush=style.P_COLOR, pen=None)
        self.q_bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH,
                                      brush=style.Q_COLOR, pen=None)
        for bars in (self.p_bars, self.q_bars):
            plot.addItem(bars)
        legend.addItem(self.p_bars, self.tr("p (label)"))
        legend.addItem(self.q_bars, self.tr("q (model)"))

        self.terms_table = QTableWidget(0, 4)
        self.terms_table.setHorizontalHeaderLabels(
            [self.tr("class"), "p", "q", "−p ln q"])
        self.terms_table.setToolTip(self.tr(
            "Each class's term −pᵢ ln qᵢ in nats; the last row is their sum, the sample's "
            "cross-entropy H(p, q)"))
        self._quiet_table(self.terms_table)
        self.terms_table.horizontalHeader().setStretchLastSection(False)
        self.terms_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.terms_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        body = QHBoxLayout()
        body.addWidget(self.features)
        body.addWidget(self.bar_plot, 1)
        body.addWidget(self.terms_table)

        self.readouts: dict[str, QLabel] = {}
        readouts = QGridLayout()
        captions = {
            "cross_entropy": (self.tr("H(p, q), its loss:"), self.tr(
                "The sample's cross-entropy: the sum of the terms, its own loss")),
            "entropy_p": (self.tr("H(p):"), self.tr(
                "Entropy of the label: 0 for a one-hot label, more with label smoothing; the "
                "least loss the sample can reach")),
            "kl_pq": (self.tr("KL(p‖q):"), self.tr(
                "What the prediction costs beyond H(p): H(p, q) − H(p)")),
        }
        for column, (key, (caption, tip)) in enumerate(captions.items()):
            title = QLabel(caption)
            title.setToolTip(tip)
            value = QLabel()
            value.setObjectName(f"card_{key}")
            value.setToolTip(tip)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            bold = value.font()
            bold.setBold(True)
            value.setFont(bold)
            readouts.addWidget(title, 0, 2 * column, Qt.AlignmentFlag.AlignRight)
            readouts.addWidget(value, 0, 2 * column + 1)
            self.readouts[key] = value
        readouts.setColumnStretch(5, 1)
        readouts.setHorizontalSpacing(8)
        for column in (2, 4):  # room between one readout and the next caption
            readouts.setColumnMinimumWidth(column, 110)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)

        self.explore_button = push_button(
            self.tr("Open in the entropy explorer"),
            self.tr("Show this p and q in the first tab, where q can be edited and the "
                    "sample's loss watched as it changes"),
            self._on_explore)
        self.close_button = push_button(self.tr("Close"), self.tr("Close the card"),
                                        self.hide)
        self.pin_button = push_button(self.tr("Pin this sample"), "", self._on_pin)
        self.set_pinned(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.explore_button)
        buttons.addWidget(self.pin_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.target_label)
        layout.addLayout(body, 1)
        layout.addLayout(readouts)
        layout.addWidget(self.note_label)
        layout.addLayout(buttons)

    @staticmethod
    def _quiet_table(table: QTableWidget) -> None:
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 4)
        table.horizontalHeader().setStretchLastSection(True)

    # --- public API ----------------------------------------------------------------------

    def show_card(self, card: SampleCard, class_names: Sequence[str], run_name: str) -> None:
        """Show ``card`` (class names as the run names them) and bring the card forward."""
        self.card = card
        self._names = tuple(str(name) for name in class_names)
        self._run_name = run_name
        names = self._names
        validation = card.part == "validation"
        self.setWindowTitle((self.tr("Validation sample {0} — {1}") if validation
                             else self.tr("Test sample {0} — {1}")).format(card.index, run_name))
        verdict = (self.tr("correct") if card.true_class == card.predicted_class
                   else self.tr("wrong"))
        title = (self.tr("Validation sample {0}: true class {1}, predicted {2} ({3})")
                 if validation else
                 self.tr("Test sample {0}: true class {1}, predicted {2} ({3})"))
        self.title_label.setText(title.format(
            card.index, names[card.true_class], names[card.predicted_class], verdict))
        if card.label_smoothing > 0:
            target = self.tr("p is the label smoothed by the run's ε = {0}: "
                             "(1 − ε)·one-hot + ε/K.").format(f"{card.label_smoothing:g}")
        else:
            target = self.tr("p is the one-hot label: all of it on the true class.")
        self.target_label.setText(target + " " + self.tr(
            "q is the model's prediction. In nats, the run's unit."))
        self._show_features(card)
        self._draw_bars(card)
        self._fill_terms(card)
        c = card.comparison
        for key in ("cross_entropy", "entropy_p", "kl_pq"):
            label = self.readouts[key]
            label.setText(format_quantity(getattr(c, key), Unit.NATS))
            infinite = not math.isfinite(getattr(c, key))
            label.setStyleSheet(f"color: {style.WARNING}" if infinite else "")
        self.note_label.setText(self._note(card))
        explorable = distributions.MIN_CLASSES <= card.classes <= distributions.MAX_CLASSES
        self.explore_button.setEnabled(explorable)
        self.explore_button.setToolTip(
            self.tr("Show this p and q in the first tab, where q can be edited and the "
                    "sample's loss watched as it changes") if explorable else
            self.tr("The entropy explorer shows {0} to {1} classes; this run has {2}").format(
                distributions.MIN_CLASSES, distributions.MAX_CLASSES, card.classes))
        self._fit_screen()
        self.show()
        self.raise_()

    def set_pinned(self, pinned: bool) -> None:
        """Whether the card's sample is pinned: the button offers the other. A validation
        sample cannot be pinned: the Pinned page follows test samples."""
        validation = self.card is not None and self.card.part == "validation"
        self.pin_button.setEnabled(not validation)
        if validation:
            self.pin_button.setText(self.tr("Pin this sample"))
            self.pin_button.setToolTip(self.tr(
                "Only test samples can be pinned: the Pinned page follows test samples "
                "through a run. Switch the Samples page to the test samples to pin one."))
        elif pinned:
            self.pin_button.setText(self.tr("Unpin this sample"))
            self.pin_button.setToolTip(self.tr("Stop following this sample in the Pinned page"))
        else:
            self.pin_button.setText(self.tr("Pin this sample"))
            self.pin_button.setToolTip(self.tr(
                "Follow this sample in the trainer's Pinned page: its q(true class) and loss "
                "after each epoch of the next run (up to five samples)"))

    def _on_pin(self) -> None:
        if self.card is not None and self.card.part == "test":
            self.pin_toggled.emit(self.card.index)

    def term_texts(self) -> list[str]:
        """The −pᵢ ln qᵢ column as shown, the sum last."""
        return [self.terms_table.item(row, TERM).text()
                for row in range(self.terms_table.rowCount())]

    # --- drawing -------------------------------------------------------------------------

    def _note(self, card: SampleCard) -> str:
        if card.squared_error:
            return self.tr("This run trains on squared error: its loss for the sample is {0}, "
                           "not H(p, q).").format(format_number(card.loss))
        if not loss_agrees(card):
            return self.tr("The run's own loss for the sample is {0} nats: it caps −ln q at "
                           "100, or q was rounded to single precision.").format(
                               format_number(card.loss))
        if card.comparison.infinite_classes:
            return self.tr("q gives the true class no probability at all: the loss is "
                           "infinite.")
        return self.tr("H(p, q) = H(p) + KL(p‖q): a confident wrong prediction costs without "
                       "bound.")

    def _show_features(self, card: SampleCard) -> None:
        if card.image is not None:
            self.image_label.setPixmap(digit_pixmap(card.image))
            self.features.setCurrentWidget(self.image_label)
            return
        table = self.feature_table
        values = card.features if card.features is not None else np.zeros(0)
        table.setRowCount(len(values))
        for row, (name, value) in enumerate(zip(card.feature_names, values, strict=False)):
            table.setItem(row, 0, QTableWidgetItem(name))
            item = QTableWidgetItem(format_number(float(value), 3))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, 1, item)
        self.features.setCurrentWidget(table)
        self.features.setVisible(card.features is not None)

    def _draw_bars(self, card: SampleCard) -> None:
        c = card.comparison
        k = card.classes
        x = np.arange(k, dtype=float)
        self.p_bars.setOpts(x=x - BAR_WIDTH / 2, height=c.p, width=BAR_WIDTH)
        self.q_bars.setOpts(x=x + BAR_WIDTH / 2, height=c.q, width=BAR_WIDTH)
        plot = self.bar_plot.getPlotItem()
        plot.getAxis("bottom").setTicks([[(i, name) for i, name in enumerate(self._names)]])
        label_axis(plot.getAxis("bottom"), self.tr("class"))
        plot.setRange(xRange=(-0.6, k - 0.4), yRange=(0.0, LEGEND_HEADROOM), padding=0.02)
        plot.getAxis("left").setTicks([[(v, f"{v:g}") for v in (0, 0.2, 0.4, 0.6, 0.8, 1)]])

    def _fill_terms(self, card: SampleCard) -> None:
        c = card.comparison
        table = self.terms_table
        k = card.classes
        table.setRowCount(k + 1)

        def cell(row: int, column: int, text: str, color: str | None = None) -> None:
            item = QTableWidgetItem(text)
            if column != CLASS:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            if color is not None:
                item.setForeground(QColor(color))
            table.setItem(row, column, item)

        for i in range(k):
            warn = style.WARNING if i in c.infinite_classes else None
            cell(i, CLASS, self._names[i])
            cell(i, P, probability_text(float(c.p[i])))
            cell(i, Q, probability_text(float(c.q[i])))
            cell(i, TERM, format_number(float(c.contributions[i])), warn)
        cell(k, CLASS, self.tr("sum"))
        cell(k, P, format_number(float(c.p.sum())))
        cell(k, Q, format_number(float(c.q.sum())))
        cell(k, TERM, format_number(c.cross_entropy))
        bold = table.item(k, TERM).font()
        bold.setBold(True)
        for column in range(4):
            table.item(k, column).setFont(bold)
        # The class with the true label first in sight: its term is the loss.
        table.scrollToItem(table.item(card.true_class, CLASS))
        # As wide as its columns: every number in sight, the plot takes the rest.
        table.resizeColumnsToContents()
        width = sum(table.columnWidth(column) for column in range(4))
        table.setFixedWidth(width + table.verticalScrollBar().sizeHint().width()
                            + 2 * table.frameWidth())

    def _fit_screen(self) -> None:
        """CARD_SIZE, or as much of it as the screen holds; the first time, at the top right
        of the window, over the live plots, so the Samples table below stays in sight."""
        if self.isVisible():
            return
        parent = self.parentWidget()
        screen = (parent or self).screen()
        available = screen.availableGeometry() if screen is not None else None
        width, height = CARD_SIZE
        if available is not None:
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 60)
        self.resize(width, height)
        if self._placed or parent is None:
            return
        self._placed = True  # after this, where the user moved it
        window = parent.window()
        corner = window.mapToGlobal(window.rect().topRight())
        x, y = corner.x() - width - 8, corner.y() + 8
        if available is not None:
            # Within the screen, or the window where it is larger (an offscreen screenshot).
            available = available.united(window.frameGeometry())
            x = max(available.left(), min(x, available.right() - width))
            y = max(available.top(), min(y, available.bottom() - height))
        self.move(x, y)

    def _on_explore(self) -> None:
        if self.card is not None:
            self.open_in_explorer.emit(SampleInExplorer(self.card, self._names,
                                                        self._run_name))
