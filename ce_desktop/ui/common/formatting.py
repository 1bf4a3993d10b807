"""How numbers read in the UI: ∞ for infinite costs, units that agree with their values."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ce_desktop.core.info import Unit

INFINITY = "∞"
#: The core names units in English; the UI shows them through translate("Units", …).
_UNIT_NAMES = (
    QT_TRANSLATE_NOOP("Units", "bit"), QT_TRANSLATE_NOOP("Units", "bits"),
    QT_TRANSLATE_NOOP("Units", "nat"), QT_TRANSLATE_NOOP("Units", "nats"),
    QT_TRANSLATE_NOOP("Units", "ban"), QT_TRANSLATE_NOOP("Units", "bans"),
)


def unit_name(unit: Unit, plural: bool = True) -> str:
    """'bits' (or 'bit'), in the interface language."""
    return QCoreApplication.translate("Units", unit.plural if plural else unit.singular)


def format_number(value: float, decimals: int = 4) -> str:
    """``value`` with ``decimals`` places, whole numbers without them, ∞ for infinity."""
    if math.isinf(value):
        return INFINITY if value > 0 else "−" + INFINITY
    if math.isnan(value):
        return QCoreApplication.translate("Units", "undefined")
    if abs(value - round(value)) < 10 ** -(decimals + 2):
        return str(round(value))
    return f"{value:.{decimals}f}"


#: Below this a probability is written with two significant digits: four decimals say 0.
SMALL_PROBABILITY = 1e-3


def probability_text(value: float) -> str:
    """Four decimals, or two significant digits for a probability too small for them."""
    if 0 < value < SMALL_PROBABILITY:
        return f"{value:.1e}"
    return format_number(value)


def format_quantity(value: float, unit: Unit, decimals: int = 4) -> str:
    """'1 bit', '0.6931 nats', '∞ bits'."""
    text = format_number(value, decimals)
    return f"{text} {unit_name(unit, plural=text != '1')}"
