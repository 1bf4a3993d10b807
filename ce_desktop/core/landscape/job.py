"""One landscape computation for a trained run: its plane, the grid coarse to fine, the
interpolation from the initial weights — as a job whose events the window draws."""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from ce_desktop.core.jobs import Control, Emit
from ce_desktop.core.landscape.events import GridUpdate, Interpolation, LandscapeEnded, PlaneReady
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, InvalidInput
from ce_desktop.core.training.config import TrainConfig

__all__ = ["GRID_SIZES", "GridUpdate", "Interpolation", "LandscapeEnded", "LandscapeJob",
           "LandscapeSettings", "PlaneReady", "RunSource", "landscape_events",
           "prepare_subject"]

PLANES = ("random", "pca")
SPLITS = ("train", "val")
GRID_SIZES = (11, 21, 31, 41, 51, 81, 101)
#: Interpolation runs a little beyond both ends to show the walls around them.
INTERPOLATION_TS = np.linspace(-0.25, 1.25, 61)
#: Grid updates within a level are sent at most this often; finished levels always. Each one
#: is a repaint in the window (~200 chunks per 51 × 51 grid).
UPDATE_INTERVAL_S = 0.1
#: Rebuilt runs kept for the next computation in the process that computes (each holds its
#: data set).
SUBJECT_CACHE = 3


@dataclass(frozen=True)
class LandscapeSettings:
    """What to compute; every field has a control in the landscape panel."""

    plane: str = "random"
    size: int = 31
    span: float = 1.0
    """Random directions: the grid covers ±span along each (filter-normalised units)."""
    split: str = "train"
    include_biases: bool = False
    seed: int = 0

    def validate(self) -> None:
        if self.plane not in PLANES:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "core", "unknown plane {plane!r}; choose {choices}"),
                plane=self.plane, choices=", ".join(PLANES))
        if self.split not in SPLITS:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "core", "unknown data split {split!r}; choose {choices}"),
                split=self.split, choices=", ".join(SPLITS))
        if not (isinstance(self.size, int) and 3 <= self.size <= 201):
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "core", "grid size must be a whole number from 3 to 201, got {size!r}"),
                size=self.size)
        if not (isinstance(self.span, (int, float)) and math.isfinite(self.span)
                and self.span > 0):
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "core", "the range must be a positive number, got {span!r}"), span=self.span)


@dataclass
class Subject:
    """A trained network and what it was trained on, ready for landscapes."""

    label: str
    config: TrainConfig
    model: object  # torch.nn.Module holding the final weights
    dataset: object  # core.data.Dataset
    trajectory: np.ndarray
    """(epochs + 1, P): the initial weights, then the weights after each epoch."""


def prepare_subject(config: TrainConfig, epoch_params: np.ndarray, label: str,
                    dataset=None) -> Subject:
    """Rebuild a run's network at its final weights, and its initial weights from its seed.

    The trainer builds its model with :func:`training.initial_model`; calling it again
    gives bit-identical initial weights.
    """
    import torch
    from torch.nn.utils import vector_to_parameters

    from ce_desktop.core.training.trainer import flat_params, initial_model, load_dataset

    epoch_params = np.asarray(epoch_params, dtype=np.float32)
    if epoch_params.ndim != 2 or epoch_params.shape[0] == 0:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "core", "{run} has no stored weights: train at least one epoch first"), run=label)
    if not np.all(np.isfinite(epoch_params)):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "core", "{run} stores weights that are not finite numbers (the run diverged): "
            "there is no landscape to draw around them"), run=label)
    ds = dataset if dataset is not None else load_dataset(config)
    model = initial_model(config, ds)
    initial = flat_params(model)
    if initial.size != epoch_params.shape[1]:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "core", "{run} stores {stored} weights per epoch but its configuration builds a "
            "network with {built}"), run=label, stored=epoch_params.shape[1], built=initial.size)
    with torch.no_grad():
        vector_to_parameters(torch.as_tensor(epoch_params[-1]), model.parameters())
    model.eval()
    return Subject(label, config, model, ds, np.vstack([initial, epoch_params]))


def criterion_options(config: TrainConfig, n_classes: int) -> dict:
    """Keyword arguments that make the landscape's loss the one the run was trained on."""
    if config.label_smoothing or config.pos_weight != 1:
        from ce_desktop.core.training.trainer import make_criterion

        return {"criterion": make_criterion(config, n_classes)}
    return {"clip_eps": config.clip_eps if config.loss == "bce" else 0.0}


def landscape_events(
    subject: Subject, settings: LandscapeSettings,
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[PlaneReady | object]:
    """PlaneReady, then GridUpdates coarse to fine, then the Interpolation.

    Stops quietly (no further events) as soon as ``should_stop`` returns True.
    """
    import torch

    from ce_desktop.core.landscape import grid as landscape

    settings.validate()
    ds = subject.dataset
    X = ds.X_train if settings.split == "train" else ds.X_val
    y = ds.y_train if settings.split == "train" else ds.y_val
    model, loss = subject.model, subject.config.loss
    options = criterion_options(subject.config, ds.n_classes)
    if settings.plane == "pca":
        plane = landscape.trajectory_plane(subject.trajectory)
        d1, d2 = torch.as_tensor(plane.d1), torch.as_tensor(plane.d2)
        alphas, betas = landscape.axes_around(plane.coordinates, settings.size)
        path, explained = plane.coordinates, plane.explained_variance_ratio
    else:
        generator = torch.Generator().manual_seed(settings.seed)
        d1 = landscape.filter_normalized_direction(model, generator, settings.include_biases)
        d2 = landscape.filter_normalized_direction(model, generator, settings.include_biases)
        alphas = betas = np.linspace(-settings.span, settings.span, settings.size)
        path = explained = None
    if should_stop():
        return
    center = landscape.loss_grid(model, X, y, d1, d2, [0.0], [0.0], loss, **options)[0, 0]
    yield PlaneReady(alphas, betas, path, explained, float(center))
    finished = False
    grid = landscape.Plane(d1, d2, alphas, betas)
    for update in landscape.progressive_loss_grid(model, X, y, grid, loss,
                                                  should_stop=should_stop, **options):
        finished = update.complete and update.stride == 1
        yield update
    if not finished or should_stop():
        return
    start, end = subject.trajectory[0], subject.trajectory[-1]
    curves = [landscape.interpolation_losses(model, start, end, features, labels,
                                             INTERPOLATION_TS, loss, **options)
              for features, labels in ((ds.X_train, ds.y_train), (ds.X_val, ds.y_val))]
    if not should_stop():
        yield Interpolation(INTERPOLATION_TS.copy(), curves[0], curves[1])


@dataclass(frozen=True)
class RunSource:
    """A trained run to draw the landscape of: the trainer's last run or a stored one."""

    key: str
    """Names the run for the cache of rebuilt runs: the same key, the same weights."""
    config: TrainConfig
    epoch_params: np.ndarray
    """(epochs, P): the flat weights after each epoch."""
    label: str


_subjects: OrderedDict[str, Subject] = OrderedDict()


def cached_subject(source: RunSource) -> Subject:
    """The run rebuilt for landscapes, reused while it is among the last few computed."""
    subject = _subjects.get(source.key)
    if subject is None:
        subject = prepare_subject(source.config, source.epoch_params, source.label)
        _subjects[source.key] = subject
        while len(_subjects) > SUBJECT_CACHE:
            _subjects.popitem(last=False)
    _subjects.move_to_end(source.key)
    return subject


@dataclass(frozen=True)
class LandscapeJob:
    """Compute the landscape of ``source`` with ``settings``: PlaneReady, GridUpdates coarse
    to fine (at most one per UPDATE_INTERVAL_S within a level), the Interpolation, then
    LandscapeEnded."""

    source: RunSource
    settings: LandscapeSettings

    def run(self, control: Control, emit: Emit) -> None:
        from ce_desktop.core.training.trainer import configure_threads

        self.settings.validate()
        configure_threads()
        subject = cached_subject(self.source)
        complete = False
        last_sent = 0.0
        for event in landscape_events(subject, self.settings, control.should_stop):
            if isinstance(event, GridUpdate):
                complete = event.done == event.total
                now = time.monotonic()
                if not (event.complete or now - last_sent >= UPDATE_INTERVAL_S):
                    continue
                last_sent = now
            emit(event)
        emit(LandscapeEnded(complete and not control.should_stop()))

