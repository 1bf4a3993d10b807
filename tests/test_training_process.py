"""The training process: same numbers as training here, stops, refusals, and a child that dies."""

from __future__ import annotations

import threading

import pytest

from ce_desktop.core import training_process
from ce_desktop.core.config import PRESETS, TrainConfig
from ce_desktop.core.messages import Message
from ce_desktop.core.training import Trainer
from ce_desktop.core.training_process import ProcessFailed, TrainingProcess
from ce_desktop.core.training_run import Ended, Epoch, Progress, Refused, Started


def moons(**changes) -> TrainConfig:
    return TrainConfig.from_dict(TrainConfig(
        dataset="moons", loss="bce_logits", hidden=(8,), n_samples=400, epochs=3,
        batch_size=32).to_dict() | changes)


@pytest.fixture
def process():
    process = training_process.acquire()
    yield process
    process.kill()


def never() -> bool:
    return False


def train(process: TrainingProcess, config: TrainConfig, stop=never, pause=never) -> list:
    events: list[object] = []
    process.train(config.to_dict(), events.append, stop, pause)
    return events


def test_the_process_trains_the_same_numbers_as_this_process(process):
    config = TrainConfig.from_dict(PRESETS["tutorial"].to_dict() | {"epochs": 2})
    events = train(process, config)
    here = list(Trainer(config).epochs())
    records = [event.record for event in events if isinstance(event, Epoch)]
    assert [r.val_loss for r in records] == [r.val_loss for r in here]
    assert [r.train_loss for r in records] == [r.train_loss for r in here]
    assert (records[-1].params == here[-1].params).all()
    (started,) = [e for e in events if isinstance(e, Started)]
    assert started.epochs == 2 and started.batches_per_epoch == 197  # ceil(6300 / 32)
    assert started.X_train is None  # 20 features: no decision view, nothing to send
    ended = events[-1]
    assert isinstance(ended, Ended) and ended.status == "finished"
    assert ended.report.test_acc > 0.8
    progress = [e for e in events if isinstance(e, Progress)]
    assert progress[-1] == Progress(2 * 197, 2 * 197)


def test_two_feature_data_send_the_points_and_a_decision_grid_per_epoch(process):
    events = train(process, moons())
    (started,) = [e for e in events if isinstance(e, Started)]
    assert started.is_2d and started.X_train.shape == (len(started.y_train), 2)
    grids = [e.decision for e in events if isinstance(e, Epoch)]
    assert len(grids) == 3 and all(grid is not None for grid in grids)


def test_one_process_trains_run_after_run(process):
    first = [e.record.val_loss for e in train(process, moons()) if isinstance(e, Epoch)]
    second = [e.record.val_loss for e in train(process, moons()) if isinstance(e, Epoch)]
    assert first == second and len(first) == 3


def test_a_stop_ends_the_run_between_batches_and_keeps_the_process(process):
    epochs_seen = []

    def stop_after_one_epoch() -> bool:
        return bool(epochs_seen)

    def collect(event):
        if isinstance(event, Epoch):
            epochs_seen.append(event.record.epoch)
        events.append(event)

    events: list[object] = []
    process.train(moons(epochs=500).to_dict(), collect, stop_after_one_epoch, never)
    ended = events[-1]
    assert isinstance(ended, Ended) and ended.status == "stopped"
    assert isinstance(ended.message, Message)
    assert ended.message.values["kept"] == len(epochs_seen) < 500
    assert process.is_alive()
    assert [e for e in train(process, moons(epochs=1)) if isinstance(e, Epoch)]


def test_a_pause_holds_the_run_until_it_is_lifted(process):
    paused = threading.Event()
    paused.set()
    threading.Timer(1.0, paused.clear).start()
    events = train(process, moons(epochs=2), pause=paused.is_set)
    assert [e.record.epoch for e in events if isinstance(e, Epoch)] == [1, 2]
    assert events[-1].status == "finished"


def test_settings_that_cannot_work_are_refused_with_a_translatable_message(process):
    events = train(process, moons(batch_size=10_000))
    (refused,) = events
    assert isinstance(refused, Refused) and isinstance(refused.message, Message)
    assert refused.message.values["batch"] == 10_000
    assert "larger than the" in refused.message


def test_a_stop_before_the_process_is_ready_trains_nothing():
    process = TrainingProcess()
    try:
        events = train(process, moons(), stop=lambda: True)
    finally:
        process.kill()
    (ended,) = events
    assert isinstance(ended, Ended) and ended.status == "stopped"
    assert ended.model is None and "nothing was trained" in ended.message


def test_a_child_that_dies_mid_run_is_reported_with_its_exit_code(process):
    def kill_after_first_epoch(event):
        if isinstance(event, Epoch):
            process.kill()

    with pytest.raises(ProcessFailed) as failure:
        process.train(moons(epochs=500).to_dict(), kill_after_first_epoch, never, never)
    assert failure.value.message.values["code"] == -9  # SIGKILL
    assert not process.is_alive()


def test_an_idle_process_is_reused_and_a_dead_one_is_replaced():
    process = training_process.acquire()
    training_process.release(process)
    assert training_process.acquire() is process
    process.kill()
    training_process.release(process)
    replacement = training_process.acquire()
    try:
        assert replacement is not process and replacement.is_alive()
    finally:
        replacement.kill()


def test_closing_an_idle_process_ends_it():
    process = TrainingProcess()
    assert process.wait_ready(never)
    process.close()
    assert not process.is_alive()
