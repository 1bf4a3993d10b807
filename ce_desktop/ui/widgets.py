"""Small widget constructors shared by the tabs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLayout, QProgressBar, QPushButton


def push_button(text: str, tooltip: str, on_click: Callable[[], object]) -> QPushButton:
    """A button that explains itself and does one thing."""
    button = QPushButton(text)
    button.setToolTip(tooltip)
    button.clicked.connect(on_click)
    return button


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


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget in ``layout`` (before refilling it)."""
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            # Unparent at once: deleteLater alone leaves the widget drawn until the next loop.
            widget.setParent(None)
            widget.deleteLater()
