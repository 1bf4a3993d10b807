"""The loss landscape of a trained network: the grid of losses on a plane through its weights
(``grid``), the job that computes it (``job``) and the events it sends (``events``).

``ce_desktop.core.landscape.loss_grid`` and ``filter_normalized_direction`` are documented entry
points. They live in ``grid``, which imports torch; they are looked up on first use so that
importing ``ce_desktop.core.landscape.events`` in the window's process never loads torch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ce_desktop.core.landscape.grid import (
        filter_normalized_direction,
        interpolation_losses,
        loss_grid,
        progressive_loss_grid,
    )

__all__ = [
    "filter_normalized_direction",
    "interpolation_losses",
    "loss_grid",
    "progressive_loss_grid",
]
_FROM_GRID = frozenset(__all__)


def __getattr__(name: str) -> object:
    if name in _FROM_GRID:
        from ce_desktop.core.landscape import grid

        return getattr(grid, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
