"""The lesson pane: a dock with the numbered steps, Back / Next, progress, the step's text, a
Show-me button, what to look at, the task, and a mark when the task is done."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.core.lesson.steps import CONTEXT, Step
from ce_desktop.ui.common import style
from ce_desktop.ui.common.widgets import scrolling
from ce_desktop.ui.lesson.controller import LessonController

#: Narrow enough to sit beside the tabs of a 1280-pixel window, wide enough to read.
PANE_WIDTH = 270
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
        self.look_heading = self._label(bold=True)
        self.look_heading.setText(self.tr("Look at"))
        self.look_label = self._label()
        self.task_heading = self._label(bold=True)
        self.task_heading.setText(self.tr("Your task"))
        self.task_label = self._label()
        self.done_label = self._label()
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setToolTip(self.tr("The step before"))
        self.back_button.clicked.connect(lambda: controller.go(controller.index - 1))
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setToolTip(self.tr("The next step"))
        self.next_button.clicked.connect(lambda: controller.go(controller.index + 1))

        top = QHBoxLayout()
        top.addWidget(self.step_combo, 1)
        top.addWidget(self.progress_label)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(6, 6, 6, 6)
        for widget in (self.title_label, self.text_label, self.show_button, self.look_heading,
                       self.look_label, self.task_heading, self.task_label, self.done_label):
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
        # A short window scrolls the step's texts; the step list and the buttons stay.
        outer.addWidget(scrolling(content), 1)
        outer.addLayout(buttons)
        holder.setMinimumWidth(PANE_WIDTH)
        holder.setMaximumWidth(PANE_WIDTH + 120)
        self.setWidget(holder)

        self.step_combo.currentIndexChanged.connect(controller.go)
        controller.step_changed.connect(self._show_step)
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
        self.look_label.setText(lesson_text(step.look_at))
        self.task_label.setText(lesson_text(step.task))
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.controller.steps) - 1)

    def _show_done(self, done: bool) -> None:
        if done:
            self.done_label.setText(self.tr("✓ Done: the app shows it."))
            self.done_label.setStyleSheet(f"color: {DONE_COLOR}; font-weight: bold;")
        else:
            self.done_label.setText(self.tr("○ Not yet done."))
            self.done_label.setStyleSheet(f"color: {style.MUTED};")
