"""Colours, fonts and plot defaults shared by every tab."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFont

TEXT = "#303030"
P_COLOR = "#1f77b4"  # the true distribution p
Q_COLOR = "#ff7f0e"  # the model's distribution q
KL_COLOR = "#9467bd"  # the divergence between them
WARNING = "#d62728"  # infinite costs, errors
MUTED = "#9a9a9a"


def configure_pyqtgraph() -> None:
    """White plots with dark ink, antialiased: readable on screen and in exported images."""
    pg.setConfigOptions(antialias=True, background="w", foreground=TEXT)


def small_font() -> QFont:
    font = QFont()
    font.setPointSizeF(max(font.pointSizeF() - 1.5, 7.0))
    return font
