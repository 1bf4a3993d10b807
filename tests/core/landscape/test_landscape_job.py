"""A run's landscape job: rebuilding the run, the order of events, and their values."""

import dataclasses

import numpy as np
import pytest
import torch
from torch.nn.utils import parameters_to_vector

from ce_desktop.core.landscape import grid as landscape
from ce_desktop.core.landscape.grid import GridUpdate
from ce_desktop.core.landscape.job import (
    Interpolation,
    LandscapeSettings,
    PlaneReady,
    landscape_events,
    prepare_subject,
)
from ce_desktop.core.training.config import TrainConfig
from ce_desktop.core.training.trainer import Trainer


@pytest.fixture(scope="module")
def trained():
    config = TrainConfig(dataset="moons", n_samples=300, hidden=(6,), loss="bce_logits",
                         epochs=4, batch_size=32, lr=0.05, seed=11)
    trainer = Trainer(config)
    history = list(trainer.epochs())
    return trainer, np.stack([r.params for r in history])


def test_subject_rebuilds_the_runs_initial_and_final_weights(trained):
    trainer, params = trained
    subject = prepare_subject(trainer.config, params, "run", trainer.dataset)
    assert subject.trajectory.shape == (5, params.shape[1])
    np.testing.assert_array_equal(subject.trajectory[0], trainer.initial_params)
    final = parameters_to_vector(subject.model.parameters()).detach().numpy()
    np.testing.assert_array_equal(final, trainer.flat_params())


def test_subject_refuses_weights_of_another_architecture(trained):
    trainer, params = trained
    with pytest.raises(ValueError, match="builds a network with"):
        prepare_subject(trainer.config, params[:, :-1], "run 3", trainer.dataset)
    with pytest.raises(ValueError, match="no stored weights"):
        prepare_subject(trainer.config, np.empty((0, 0)), "run 3", trainer.dataset)


def collect(subject, settings, should_stop=lambda: False):
    return list(landscape_events(subject, settings, should_stop))


def test_random_plane_events_come_in_order_with_the_right_values(trained):
    trainer, params = trained
    subject = prepare_subject(trainer.config, params, "run", trainer.dataset)
    events = collect(subject, LandscapeSettings(size=11, span=0.5, seed=3))
    plane = events[0]
    assert isinstance(plane, PlaneReady)
    np.testing.assert_allclose(plane.alphas, np.linspace(-0.5, 0.5, 11))
    assert plane.path is None
    assert plane.center_loss == pytest.approx(trainer.evaluate(trainer._x_train,
                                                                trainer._y_train)[0], abs=1e-6)
    grids = [e for e in events if isinstance(e, GridUpdate)]
    assert grids[0].values.shape == (6, 6) and grids[-1].values.shape == (11, 11)
    # The same seed gives the same directions, so the grid is loss_grid's.
    generator = torch.Generator().manual_seed(3)
    d1 = landscape.filter_normalized_direction(subject.model, generator)
    d2 = landscape.filter_normalized_direction(subject.model, generator)
    expected = landscape.loss_grid(subject.model, trainer.dataset.X_train,
                                   trainer.dataset.y_train, d1, d2, plane.alphas,
                                   plane.betas, "bce_logits")
    np.testing.assert_allclose(grids[-1].values, expected, atol=1e-6)
    assert grids[-1].values[5, 5] == pytest.approx(plane.center_loss, abs=1e-6)
    interpolation = events[-1]
    assert isinstance(interpolation, Interpolation)
    end = list(interpolation.ts).index(1.0)
    assert interpolation.train[end] == pytest.approx(plane.center_loss, abs=1e-5)
    start = list(interpolation.ts).index(0.0)
    # The untrained network is worse than the trained one on both sets.
    assert interpolation.train[start] > interpolation.train[end]
    assert interpolation.val[start] > interpolation.val[end]


def test_pca_plane_draws_the_path_ending_at_the_origin(trained):
    trainer, params = trained
    subject = prepare_subject(trainer.config, params, "run", trainer.dataset)
    events = collect(subject, LandscapeSettings(plane="pca", size=11, split="val"))
    plane = events[0]
    assert plane.path.shape == (5, 2)
    np.testing.assert_allclose(plane.path[-1], [0.0, 0.0], atol=1e-9)
    assert plane.alphas.min() < plane.path[:, 0].min()
    assert plane.alphas.max() > plane.path[:, 0].max()
    assert 0 < plane.explained_variance_ratio.sum() <= 1 + 1e-9
    assert plane.center_loss == pytest.approx(trainer.evaluate(trainer._x_val,
                                                                trainer._y_val)[0], abs=1e-6)


def test_stopping_ends_the_stream_without_an_interpolation(trained):
    trainer, params = trained
    subject = prepare_subject(trainer.config, params, "run", trainer.dataset)
    seen = []
    events = collect(subject, LandscapeSettings(size=51), lambda: len(seen.append(1) or seen) > 3)
    assert not any(isinstance(e, Interpolation) for e in events)
    assert not any(isinstance(e, GridUpdate) and e.done == e.total for e in events)


@pytest.mark.parametrize(
    ("change", "message"),
    [({"plane": "hessian"}, "unknown plane"), ({"split": "test"}, "unknown data split"),
     ({"size": 2}, "grid size"), ({"span": 0.0}, "positive")],
)
def test_bad_settings_are_refused(change, message):
    with pytest.raises(ValueError, match=message):
        dataclasses.replace(LandscapeSettings(), **change).validate()


@pytest.mark.parametrize(
    "config",
    [TrainConfig(dataset="moons", n_samples=300, hidden=(6,), loss="bce", epochs=3,
                 label_smoothing=0.2, pos_weight=3.0, seed=1),
     TrainConfig(dataset="blobs", n_classes=3, n_samples=300, hidden=(6,), loss="ce",
                 epochs=3, label_smoothing=0.3, seed=2),
     TrainConfig(dataset="moons", n_samples=300, hidden=(6,), loss="bce", epochs=3,
                 clip_eps=1e-7, seed=3)],
    ids=["bce-smoothing-weight", "ce-smoothing", "bce-keras-clip"],
)
def test_the_landscape_measures_the_loss_the_run_was_trained_on(config):
    trainer = Trainer(config)
    params = np.stack([r.params for r in trainer.epochs()])
    subject = prepare_subject(config, params, "run", trainer.dataset)
    plane = next(iter(landscape_events(subject, LandscapeSettings(size=3))))
    expected, _ = trainer.evaluate(trainer._x_train, trainer._y_train)
    assert plane.center_loss == pytest.approx(expected, abs=1e-6)


def test_diverged_weights_are_refused_with_a_message(trained):
    trainer, params = trained
    broken = params.copy()
    broken[-1, 0] = np.nan
    with pytest.raises(ValueError, match="not finite"):
        prepare_subject(trainer.config, broken, "run 9", trainer.dataset)


@pytest.mark.parametrize(("change", "value"), [("plane", "hexagonal"), ("split", "test"),
                                               ("size", 2), ("span", float("nan"))])
def test_settings_that_cannot_work_are_refused_with_a_translatable_message(change, value):
    from ce_desktop.core.messages import InvalidInput, Message

    with pytest.raises(InvalidInput) as refused:
        LandscapeSettings(**{change: value}).validate()
    assert isinstance(refused.value.message, Message)
    assert repr(value) in str(refused.value)
