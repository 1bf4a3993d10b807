"""Pinned samples: up to five test samples whose q(true class) and loss are followed epoch by
epoch, from the :class:`~ce_desktop.core.training.results.SampleTrace` each epoch event carries.

A sample is known by its data key (the settings that decide the data set and its split) and its
row in the test set, so a pin outlives the run it was made in: a new run on the same data follows
the same samples from its first epoch, and a run on other data drops them. Only the pinned
samples' values are kept, never a whole trace per epoch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained
from ce_desktop.core.training.config import TWO_FEATURE_DATASETS, TrainConfig
from ce_desktop.core.training.results import SampleTrace

MAX_PINS = 5
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
    """The pinned samples of one data key, in the order they were pinned."""

    def __init__(self) -> None:
        self.data: DataKey | None = None
        self.samples: list[PinnedSample] = []
        self._last: tuple[int, SampleTrace] | None = None
        """The current run's latest epoch and trace: a sample pinned mid-run starts there.
        Only the latest one is kept."""

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
        self.data, self.samples, self._last = data, [], None
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
        if self._last is not None:
            sample.add(*self._last)
        self.samples.append(sample)
        return dropped

    def unpin(self, index: int) -> bool:
        """Unpin test sample ``index``; False when it was not pinned."""
        kept = [sample for sample in self.samples if sample.index != index]
        changed = len(kept) != len(self.samples)
        self.samples = kept
        return changed

    def clear(self) -> None:
        self.samples, self._last = [], None

    def start_run(self, data: DataKey) -> bool:
        """A run on ``data`` begins: the histories start again at its first epoch. True when
        pins of other data were dropped."""
        dropped = self.use(data)
        self._last = None
        for sample in self.samples:
            sample.epochs, sample.q_true, sample.loss = [], [], []
        return dropped

    def record(self, epoch: int, trace: SampleTrace) -> None:
        """One epoch's trace: each pinned sample keeps its own two values of it."""
        self._last = (epoch, trace)
        for sample in self.samples:
            if sample.index < len(trace.q_true):
                sample.add(epoch, trace)
