"""The entropy explorer's state as a small model that its view observes.

The model holds the one true :class:`~ce_desktop.core.entropy.explorer.ExplorerState`.
Each operation makes a new frozen state, checks it (:func:`explorer.check_state`: an
:class:`~ce_desktop.core.messages.InvalidInput` refuses it, and nothing changes), compares
p with the q its source gives, once, and then calls every observer with the new state and
that :class:`~ce_desktop.core.entropy.explorer.Comparison`. An operation that changes
nothing calls no one. A view sends its user's edits here and draws what it is called with.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from ce_desktop.core.entropy import distributions, explorer
from ce_desktop.core.entropy.explorer import (
    CLASS_COUNT,
    ONE_OF,
    Comparison,
    ExplorerState,
    QSource,
)
from ce_desktop.core.info import Unit
from ce_desktop.core.messages import InvalidInput

#: Called with the new state and its comparison after every change.
Observer = Callable[[ExplorerState, Comparison], None]


def default_state() -> ExplorerState:
    """What the explorer shows when it opens: a peaked p against a uniform q, K = 4."""
    k = 4
    return ExplorerState(p=_floats(distributions.preset("peaked", k)),
                         q=_floats(distributions.preset("uniform", k)),
                         logits=(0.0,) * k)


def _floats(values: ArrayLike) -> tuple[float, ...]:
    return tuple(float(v) for v in np.asarray(values, dtype=float))


def _resized(state: ExplorerState, k: int) -> ExplorerState:
    """``state`` with p, q and the logits all of ``k`` classes (those already of k kept);
    InvalidInput for a K the explorer does not show."""
    if not distributions.MIN_CLASSES <= k <= distributions.MAX_CLASSES:
        raise InvalidInput(CLASS_COUNT, low=distributions.MIN_CLASSES,
                           high=distributions.MAX_CLASSES, k=k)

    def fit(values: tuple[float, ...], resize) -> tuple[float, ...]:
        return values if len(values) == k else _floats(resize(values, k))

    return dataclasses.replace(state, p=fit(state.p, distributions.resize),
                               q=fit(state.q, distributions.resize),
                               logits=fit(state.logits, distributions.resize_logits))


class ExplorerModel:
    """The explorer's p, q, logits, source of q, temperature, ε and unit, observed."""

    def __init__(self, state: ExplorerState | None = None) -> None:
        self._state = explorer.check_state((state or default_state()).to_dict())
        self._comparison = self._compare(self._state)
        self._observers: list[Observer] = []

    # --- reading -------------------------------------------------------------------------

    @property
    def state(self) -> ExplorerState:
        return self._state

    @property
    def comparison(self) -> Comparison:
        """p compared with the q of the current source, in the current unit."""
        return self._comparison

    def subscribe(self, observer: Observer) -> Callable[[], None]:
        """Call ``observer(state, comparison)`` after each change; returns the unsubscribe."""
        self._observers.append(observer)

        def unsubscribe() -> None:
            if observer in self._observers:
                self._observers.remove(observer)

        return unsubscribe

    # --- changing ------------------------------------------------------------------------

    def apply(self, state: ExplorerState) -> None:
        """Show ``state`` whole (as an experiment file gives it): checked, then one change."""
        self._change(state)

    def set_p(self, p: ArrayLike) -> None:
        """Replace p; its size sets K, and q and the logits are resized to match."""
        p = _floats(p)
        self._change(dataclasses.replace(_resized(self._state, len(p)), p=p))

    def set_q(self, q: ArrayLike) -> None:
        """Replace the q typed in; its size sets K, and p and the logits are resized."""
        q = _floats(q)
        self._change(dataclasses.replace(_resized(self._state, len(q)), q=q))

    def set_logits(self, logits: ArrayLike) -> None:
        """Replace the logits; their number sets K, and p and q are resized."""
        z = _floats(logits)
        self._change(dataclasses.replace(_resized(self._state, len(z)), logits=z))

    def set_logit(self, index: int, value: float) -> None:
        """Set the logit of class ``index`` (0-based)."""
        z = list(self._state.logits)
        if not 0 <= index < len(z):
            raise IndexError(f"class {index} does not exist among {len(z)} classes")
        z[index] = float(value)
        self._change(dataclasses.replace(self._state, logits=tuple(z)))

    def set_class_count(self, k: int) -> None:
        """Keep the first ``k`` classes of p, q and the logits (new ones 0; p and q
        renormalised)."""
        self._change(_resized(self._state, k))

    def set_preset(self, which: str, name: str) -> None:
        """Replace p or q (``which``) by the named preset at the current K (dice: six).
        A preset q is typed-in q, so q's source becomes "direct" in the same change."""
        values = distributions.preset(name, self._state.classes)
        if which == "p":
            self.set_p(values)
            return
        q = _floats(values)
        self._change(dataclasses.replace(_resized(self._state, len(q)), q=q,
                                         q_source="direct"))

    def set_q_source(self, source: QSource) -> None:
        self._change(dataclasses.replace(self._state, q_source=source))

    def set_temperature(self, temperature: float) -> None:
        self._change(dataclasses.replace(self._state, temperature=temperature))

    def set_epsilon(self, epsilon: float) -> None:
        self._change(dataclasses.replace(self._state, epsilon=epsilon))

    def set_unit(self, unit: Unit) -> None:
        if not isinstance(unit, Unit):
            raise InvalidInput(ONE_OF, key="unit", choices=", ".join(Unit.__members__))
        self._change(dataclasses.replace(self._state, unit=unit))

    # --- internals -----------------------------------------------------------------------

    @staticmethod
    def _compare(state: ExplorerState) -> Comparison:
        return explorer.compare(state.p, explorer.compared_q(state), state.unit)

    def _change(self, state: ExplorerState) -> None:
        state = explorer.check_state(state.to_dict())  # InvalidInput: nothing changes
        if state == self._state:
            return
        comparison = self._compare(state)
        self._state, self._comparison = state, comparison
        for observer in list(self._observers):
            observer(state, comparison)
