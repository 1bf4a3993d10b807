"""Small widget constructors shared by the tabs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton


def push_button(text: str, tooltip: str, on_click: Callable[[], object]) -> QPushButton:
    """A button that explains itself and does one thing."""
    button = QPushButton(text)
    button.setToolTip(tooltip)
    button.clicked.connect(on_click)
    return button
