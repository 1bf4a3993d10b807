"""Small widget constructors shared by the tabs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLayout, QPushButton


def push_button(text: str, tooltip: str, on_click: Callable[[], object]) -> QPushButton:
    """A button that explains itself and does one thing."""
    button = QPushButton(text)
    button.setToolTip(tooltip)
    button.clicked.connect(on_click)
    return button


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget in ``layout`` (before refilling it)."""
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            # Unparent at once: deleteLater alone leaves the widget drawn until the next loop.
            widget.setParent(None)
            widget.deleteLater()
