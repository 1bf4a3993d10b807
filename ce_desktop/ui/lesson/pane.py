"""The lesson pane: a dock with the numbered steps, Back / Next, progress, the step's text, a
Show-me button, what to look at, the task, and a mark when the task is done.

Beside tabs that leave it room it docks; in a smaller window it floats over the side of the
tabs that the current step names in its ``pane`` field, no taller than the step needs (so
the readouts at the tabs' foot stay in view), and its texts fold away with one click."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.core.lesson.steps import CONTEXT, Step
from ce_desktop.ui.common import style
from ce_desktop.ui.common.widgets import scrolling
from ce_desktop.ui.lesson.controller import LessonController

#: Narrow enough to sit beside the tabs of a 1280-pixel window, wide enough to read; floating
#: over the tabs of a smaller one, it covers no more than the column at their edge.
PANE_WIDTH = 240
#: Floating, the pane keeps this far inside the tabs' area.
FLOAT_MARGIN = 4
DONE_COLOR = "#2ca02c"


def lesson_text(text: str) -> str:
    """A steps file's text in the interface language (context "Lesson")."""
    return QCoreApplication.translate(CONTEXT, text)


class LessonDock(QDockWidget):
    """Help → Lesson: one step at a time, driving the app through its controller."""

    def __init__(self, controller: LessonController, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Lesson"), parent)
        self.setObjectName("lesson")
        self.controller = controller
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                             | Qt.DockWidgetArea.RightDockWidgetArea)

        self.step_combo = QComboBox()
        self.step_combo.setToolTip(self.tr("Go to a step of the lesson"))
        # Long titles must not widen the pane: it is as wide as the pane, no wider.
        self.step_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.step_combo.setMinimumContentsLength(12)
        self.step_combo.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        for number, step in enumerate(controller.steps, start=1):
            self.step_combo.addItem(f"{number}. {lesson_text(step.title)}")
        self.progress_label = QLabel()
        self.progress_label.setToolTip(self.tr("This step, of all the lesson's steps"))
        self.title_label = self._label(bold=True)
        self.text_label = self._label()
        self.show_button = QPushButton(self.tr("Show me"))
        self.show_button.setToolTip(self.tr("Put the app into the state this step is about"))
        self.show_button.clicked.connect(controller.show_me)
        # "Look at:" and "Your task:" lead their texts, in bold: no heading lines, so a short
        # floating pane shows a whole step.
        self.look_label = self._label()
        self.task_label = self._label()
        for label in (self.look_label, self.task_label):
            label.setTextFormat(Qt.TextFormat.RichText)
        self.done_label = self._label()
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setToolTip(self.tr("The step before"))
        self.back_button.clicked.connect(lambda: controller.go(controller.index - 1))
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setToolTip(self.tr("The next step"))
        self.next_button.clicked.connect(lambda: controller.go(controller.index + 1))

        self.fold_button = QToolButton()
        self.fold_button.setCheckable(True)
        self.fold_button.setArrowType(Qt.ArrowType.UpArrow)
        self.fold_button.setToolTip(self.tr("Fold the step's texts away, or show them again"))
        self.fold_button.toggled.connect(self.set_folded)

        top = QHBoxLayout()
        top.addWidget(self.step_combo, 1)
        top.addWidget(self.progress_label)
        top.addWidget(self.fold_button)
        self.content = QWidget()
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        for widget in (self.title_label, self.text_label, self.show_button, self.look_label,
                       self.task_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)

        holder = QWidget()
        outer = QVBoxLayout(holder)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addLayout(top)
        # A short window scrolls the step's texts; the step list, the mark and the buttons stay.
        self.texts_area = scrolling(self.content)
        outer.addWidget(self.texts_area, 1)
        self.done_label.setContentsMargins(6, 0, 6, 0)
        outer.addWidget(self.done_label)
        outer.addLayout(buttons)
        holder.setMinimumWidth(PANE_WIDTH)
        holder.setMaximumWidth(PANE_WIDTH + 120)
        self.setWidget(holder)

        self.step_combo.currentIndexChanged.connect(controller.go)
        controller.step_changed.connect(self._show_step)
        controller.step_changed.connect(self._replace)
        controller.done_changed.connect(self._show_done)
        self._show_step(controller.index)
        self._show_done(controller.is_done())

    @staticmethod
    def _label(bold: bool = False) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        if bold:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        return label

    def _show_step(self, index: int) -> None:
        step: Step = self.controller.steps[index]
        blocked = self.step_combo.blockSignals(True)
        self.step_combo.setCurrentIndex(index)
        self.step_combo.blockSignals(blocked)
        self.progress_label.setText(f"{index + 1} / {len(self.controller.steps)}")
        self.title_label.setText(lesson_text(step.title))
        self.text_label.setText(lesson_text(step.text))
        self.look_label.setText(self.tr("<b>Look at:</b> {0}").format(
            html.escape(lesson_text(step.look_at))))
        self.task_label.setText(self.tr("<b>Your task:</b> {0}").format(
            html.escape(lesson_text(step.task))))
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.controller.steps) - 1)

    def _show_done(self, done: bool) -> None:
        if done:
            self.done_label.setText(self.tr("✓ Done: the app shows it."))
            self.done_label.setStyleSheet(f"color: {DONE_COLOR}; font-weight: bold;")
        else:
            self.done_label.setText(self.tr("○ Not yet done."))
            self.done_label.setStyleSheet(f"color: {style.MUTED};")

    # --- folding and floating ------------------------------------------------------------

    def set_folded(self, folded: bool) -> None:
        """Hide the step's texts (the pane keeps its step list, mark and buttons), or show
        them again."""
        blocked = self.fold_button.blockSignals(True)
        self.fold_button.setChecked(folded)
        self.fold_button.blockSignals(blocked)
        self.fold_button.setArrowType(Qt.ArrowType.DownArrow if folded
                                      else Qt.ArrowType.UpArrow)
        self.texts_area.setVisible(not folded)
        # The pane's minimum height follows now, not on the next turn of the event loop:
        # else the old minimum keeps a folded pane tall.
        self.widget().layout().activate()
        self.layout().activate()
        self._replace()

    def is_folded(self) -> bool:
        return self.fold_button.isChecked()

    def needed_height(self, width: int) -> int:
        """How tall the pane must be at ``width`` to show the current step without scrolling
        (its title bar included)."""
        holder = self.widget()
        outer = holder.layout()
        height = outer.totalHeightForWidth(width)
        if not self.is_folded():
            # The scroll area asks for a fixed size; its content needs this much at the width.
            margins = outer.contentsMargins()
            inner = width - margins.left() - margins.right()
            height += (self.content.layout().totalHeightForWidth(inner)
                       - self.texts_area.sizeHint().height())
        return height + self._title_height()

    def _title_height(self) -> int:
        bar = self.titleBarWidget()
        if bar is not None:
            return bar.sizeHint().height()
        return self.fontMetrics().height() + 2 * self.style().pixelMetric(
            self.style().PixelMetric.PM_DockWidgetTitleMargin, None, self) + 4

    def place_over(self, window: QWidget) -> None:
        """Float over ``window``'s tabs on the side the current step leaves free, below the
        tab bar, as tall as the step needs and no taller than the tabs."""
        central = window.centralWidget()
        area = QRect(central.mapToGlobal(QPoint(0, 0)), central.size())
        tab_bar = getattr(central, "tabBar", None)
        top = area.top() + (tab_bar().height() if callable(tab_bar) else 0) + FLOAT_MARGIN
        width = min(PANE_WIDTH, max(area.width() // 2, 1))
        height = min(self.needed_height(width), area.bottom() - FLOAT_MARGIN - top + 1)
        if self.controller.step.pane == "left":
            left = area.left() + FLOAT_MARGIN
        else:
            left = area.right() - FLOAT_MARGIN - width + 1
        self.setGeometry(left, top, width, height)

    def _replace(self, *_args) -> None:
        """Floating, move to the side the (new) step leaves free and fit its height."""
        window = self.parentWidget()
        if self.isFloating() and window is not None and window.centralWidget() is not None:
            self.place_over(window)
