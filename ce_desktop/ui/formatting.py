"""How numbers read in the UI: ∞ for infinite costs, units that agree with their values."""

from __future__ import annotations

import math

from ce_desktop.core.info import Unit

INFINITY = "∞"


def format_number(value: float, decimals: int = 4) -> str:
    """``value`` with ``decimals`` places, whole numbers without them, ∞ for infinity."""
    if math.isinf(value):
        return INFINITY if value > 0 else "−" + INFINITY
    if math.isnan(value):
        return "undefined"
    if abs(value - round(value)) < 10 ** -(decimals + 2):
        return str(round(value))
    return f"{value:.{decimals}f}"


def format_quantity(value: float, unit: Unit, decimals: int = 4) -> str:
    """'1 bit', '0.6931 nats', '∞ bits'."""
    text = format_number(value, decimals)
    name = unit.singular if text == "1" else unit.plural
    return f"{text} {name}"
