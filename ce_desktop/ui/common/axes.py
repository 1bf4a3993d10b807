"""Axis labels, one way for the whole app: a label, its unit, and never an SI prefix.

pyqtgraph rescales the ticks of a labelled axis by an SI prefix: by default whenever the
axis ends below 1 (or anywhere, once the label has units). Per-class costs of 0.23 and
0.50 nats then read "nats (x0.001)" with ticks 100–500 beside bars labelled 0.23 and 0.50.
A prefix on a logarithmic unit (a millinat) means nothing, and the app's other quantities
(probabilities, accuracies, weights, losses) read best as they are; so every axis label is
set through :func:`label_axis`, which turns the prefix off first.
``tests/ui/common/test_axes.py`` checks that no module sets a label any other way, and that no
axis of any plot shows a prefix when its values are tiny.
"""

from __future__ import annotations

import pyqtgraph as pg


def plain_ticks(axis: pg.AxisItem) -> None:
    """Let ``axis`` read its values as they are: no SI prefix, now or later."""
    if axis.autoSIPrefix or axis.autoSIPrefixScale != 1.0 or axis.labelUnitPrefix:
        # enableAutoSIPrefix(False) works out the prefix for the current range once more
        # and keeps it (ticks 100–500 for a 0–0.6 axis): reset it to none.
        axis.enableAutoSIPrefix(False)
        axis.autoSIPrefixScale = 1.0
        axis.labelUnitPrefix = ""
        # Redraws the label and the ticks (an empty text keeps an unlabelled axis bare).
        axis.setLabel(axis.labelText or None, units=axis.labelUnits or None)


def label_axis(axis: pg.AxisItem, text: str, unit: str = "") -> None:
    """Label ``axis`` "text" (or "text (unit)") with plain ticks, as every axis is labelled.

    A label that already reads so is left alone: each new label resizes and repaints the
    axis.
    """
    plain_ticks(axis)
    if axis.labelText != text or axis.labelUnits != unit:
        axis.setLabel(text or None, units=unit or None)
