"""Pinned samples: up to five test samples whose q(true class) and loss are followed epoch by
epoch, from the :class:`~ce_desktop.core.training.results.SampleTrace` each epoch event carries.

A sample is known by its data key (the settings that decide the data set and its split) and its
row in the test set, so a pin outlives the run it was made in: a new run on the same data follows
the same samples from its first epoch, and a run on other data drops them.

A sample pinned during or after a run shows the run's epochs before it was pinned too: the
current run's :class:`RunHistory` keeps every test sample's two values of each epoch, as long as
the whole run fits its budget; beyond it only the latest epoch is kept and a sample pinned late
starts there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained
from ce_desktop.core.training.config import TWO_FEATURE_DATASETS, TrainConfig
from ce_desktop.core.training.results import SampleTrace

MAX_PINS = 5
#: The most a run's history may take: its test samples × its epochs × two float32 values.
#: A digits run of 20 epochs takes 57 kB; a table of 100,000 test rows fits 83 epochs.
HISTORY_BUDGET = 64 * 2**20
#: Split settings a config may carry (the import dialog's own tables); absent ones are left out.
SPLIT_SETTINGS = ("val_fraction", "test_fraction")


class PinLimit(Explained, ValueError):
    """A sixth pin: the plot follows at most :data:`MAX_PINS` samples."""


@dataclass(frozen=True)
class DataKey:
    """Which test set a sample belongs to: the data set and each setting that decides its
    rows and its split, as (name, value) pairs."""

    dataset: str
    settings: tuple[tuple[str, object], ...] = ()


def data_key(config: TrainConfig) -> DataKey:
    """The data key of the test set ``config`` trains on; settings the data set ignores (the
    noise of a bundled set, the seed of the tutorial's fixed split) are left out, so changing
    them keeps the pins."""
    values = config.to_dict()
    names: list[str] = []
    if config.dataset == "csv":
        names = ["csv_path", "csv_target", "csv_roles", "data_seed"]
    elif config.dataset in TWO_FEATURE_DATASETS:
        names = ["n_samples", "noise", "data_seed"]
        if config.dataset == "blobs":
            names.append("n_classes")
    elif config.dataset != "tutorial":
        names = ["data_seed"]
    names += [name for name in SPLIT_SETTINGS if name in values]
    return DataKey(config.dataset, tuple((name, _hashable(values[name])) for name in names))


def _hashable(value: object) -> object:
    if isinstance(value, dict):
        return tuple(sorted((str(k), _hashable(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value


class RunHistory:
    """Every test sample's q(true class) and loss after each epoch of the current run, as
    float32, when the run's test samples × its epochs fit ``budget`` bytes; otherwise only the
    latest epoch's (decided at the run's first epoch, so every late pin fares the same)."""

    def __init__(self, budget: int = HISTORY_BUDGET) -> None:
        self.budget = budget
        self._planned = 0
        self.whole: bool | None = None
        """True while every epoch is kept, False when the run is too large for it; None
        before the run's first epoch."""
        self._epochs: list[int] = []
        self._q: list[np.ndarray] = []
        self._loss: list[np.ndarray] = []

    def start(self, epochs: int = 0) -> None:
        """A new run of ``epochs`` planned epochs begins (0: none, as for a loaded model): the
        old history goes."""
        self._planned, self.whole = epochs, None
        self._epochs, self._q, self._loss = [], [], []

    def fits(self, n_samples: int, epochs: int) -> bool:
        """Whether ``epochs`` epochs of ``n_samples`` test samples fit the budget."""
        return n_samples * epochs * 2 * np.dtype(np.float32).itemsize <= self.budget

    def append(self, epoch: int, trace: SampleTrace) -> None:
        """One epoch's trace (its arrays are kept, not copied, when they are float32)."""
        q = np.asarray(trace.q_true, dtype=np.float32)
        loss = np.asarray(trace.loss, dtype=np.float32)
        if self.whole is None or (self.whole and len(self._epochs) >= self._planned):
            # The planned epochs are known at the start; a run without a plan (or one going
            # past it) is kept while its epochs so far fit.
            self.whole = self.fits(len(q), max(self._planned, len(self._epochs) + 1))
        if not self.whole:
            self._epochs, self._q, self._loss = [], [], []
        self._epochs.append(int(epoch))
        self._q.append(q)
        self._loss.append(loss)

    def latest(self) -> int | None:
        """The latest epoch recorded, or None before the run's first."""
        return self._epochs[-1] if self._epochs else None

    def history(self, index: int) -> tuple[list[int], list[float], list[float]]:
        """Test sample ``index``'s (epochs, q(true class), loss) as kept: every epoch of the
        run so far, or only the latest when the run is too large."""
        kept = [k for k, q in enumerate(self._q) if 0 <= index < len(q)]
        return ([self._epochs[k] for k in kept], [float(self._q[k][index]) for k in kept],
                [float(self._loss[k][index]) for k in kept])


@dataclass
class PinnedSample:
    """One pinned test sample and its values after each epoch of the current run."""

    index: int
    """Its row in the test set, counted from 0."""
    true_class: int
    epochs: list[int] = field(default_factory=list)
    q_true: list[float] = field(default_factory=list)
    loss: list[float] = field(default_factory=list)
    """In the run's unit (nats, or MSE's squared error), as the trace holds it."""

    def add(self, epoch: int, trace: SampleTrace) -> None:
        self.epochs.append(epoch)
        self.q_true.append(float(trace.q_true[self.index]))
        self.loss.append(float(trace.loss[self.index]))

    def series(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(epochs, q_true, loss) as arrays, for the plots."""
        return (np.asarray(self.epochs, dtype=float), np.asarray(self.q_true, dtype=float),
                np.asarray(self.loss, dtype=float))


class Pins:
    """The pinned samples of one data key, in the order they were pinned, and the current
    run's history, from which a sample pinned during or after the run starts."""

    def __init__(self, budget: int = HISTORY_BUDGET) -> None:
        self.data: DataKey | None = None
        self.samples: list[PinnedSample] = []
        self.history = RunHistory(budget)

    def __len__(self) -> int:
        return len(self.samples)

    def indices(self) -> list[int]:
        return [sample.index for sample in self.samples]

    def is_pinned(self, data: DataKey, index: int) -> bool:
        return data == self.data and index in self.indices()

    def use(self, data: DataKey) -> bool:
        """Follow samples of ``data`` from now on; True when pins of other data were dropped."""
        if data == self.data:
            return False
        dropped = bool(self.samples)
        self.data, self.samples = data, []
        self.history.start()  # the run's history is of other data's samples
        return dropped

    def pin(self, data: DataKey, index: int, true_class: int) -> bool:
        """Pin test sample ``index`` of ``data``; True when pins of other data were dropped
        for it. Raises :class:`PinLimit` for a sixth pin."""
        if self.is_pinned(data, index):
            return False
        if data == self.data and len(self.samples) >= MAX_PINS:
            raise PinLimit(QT_TRANSLATE_NOOP(
                "core", "Up to {limit} samples can be pinned; unpin one to pin test sample "
                "{index}."), limit=MAX_PINS, index=index)
        dropped = self.use(data)
        sample = PinnedSample(int(index), int(true_class))
        sample.epochs, sample.q_true, sample.loss = self.history.history(sample.index)
        self.samples.append(sample)
        return dropped

    def unpin(self, index: int) -> bool:
        """Unpin test sample ``index``; False when it was not pinned."""
        kept = [sample for sample in self.samples if sample.index != index]
        changed = len(kept) != len(self.samples)
        self.samples = kept
        return changed

    def clear(self) -> None:
        """Unpin every sample; the run's history stays, for the next pins."""
        self.samples = []

    def start_run(self, data: DataKey, epochs: int = 0) -> bool:
        """A run of ``epochs`` planned epochs on ``data`` begins: the histories start again at
        its first epoch. True when pins of other data were dropped."""
        dropped = self.use(data)
        self.forget_run(epochs)
        return dropped

    def forget_run(self, epochs: int = 0) -> None:
        """The run the histories follow is gone (a new run, a model loaded from a file, which
        has no epochs): every history starts empty."""
        self.history.start(epochs)
        for sample in self.samples:
            sample.epochs, sample.q_true, sample.loss = [], [], []

    def record(self, epoch: int, trace: SampleTrace) -> None:
        """One epoch's trace: the run's history keeps it, each pinned sample its own two
        values of it."""
        self.history.append(epoch, trace)
        for sample in self.samples:
            if sample.index < len(trace.q_true):
                sample.add(epoch, trace)
