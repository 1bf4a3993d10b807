"""The backend: jobs in a worker process give the same events as in this thread; stops,
pauses, refusals, a child that dies, and the pool of idle processes."""

from __future__ import annotations

import subprocess
import sys
import threading

import numpy as np
import pytest

from ce_desktop.backend import InProcessRunner, ProcessRunner
from ce_desktop.backend import process as worker_process
from ce_desktop.backend.process import ProcessFailed, WorkerProcess
from ce_desktop.core.jobs import Failed, Flags, Stopped
from ce_desktop.core.landscape.events import GridUpdate, Interpolation, LandscapeEnded, PlaneReady
from ce_desktop.core.landscape.job import LandscapeJob, LandscapeSettings, RunSource
from ce_desktop.core.messages import Message
from ce_desktop.core.runs.recorder import RunRecorder
from ce_desktop.core.training.config import PRESETS, TrainConfig
from ce_desktop.core.training.model_files import (
    ModelEvaluated,
    ModelFileRead,
    ModelFileWritten,
    ReadModelFile,
    WriteModelFile,
)
from ce_desktop.core.training.run import Ended, Epoch, Progress, Refused, Started, TrainingJob
from ce_desktop.core.training.trainer import Trainer

#: Starts a process of its own: the app's worker or command line, or an external tool.
pytestmark = pytest.mark.process


def moons(**changes) -> TrainConfig:
    return TrainConfig.from_dict(TrainConfig(
        dataset="moons", loss="bce_logits", hidden=(8,), n_samples=400, epochs=3,
        batch_size=32).to_dict() | changes)


@pytest.fixture
def process():
    process = worker_process.acquire()
    yield process
    process.kill()


class Control:
    """A control whose answers the test decides."""

    def __init__(self, stop=lambda: False, pause=lambda: False) -> None:
        self.should_stop = stop
        self.is_paused = pause


def train(process: WorkerProcess, config: TrainConfig, control=None) -> list:
    events: list[object] = []
    process.run(TrainingJob(config.to_dict()), control or Control(), events.append)
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
    process.run(TrainingJob(moons(epochs=500).to_dict()), Control(stop_after_one_epoch),
                collect)
    ended = events[-1]
    assert isinstance(ended, Ended) and ended.status == "stopped"
    assert len(epochs_seen) < 500
    assert process.is_alive()
    assert [e for e in train(process, moons(epochs=1)) if isinstance(e, Epoch)]


def test_a_pause_holds_the_run_until_it_is_lifted(process):
    paused = threading.Event()
    paused.set()
    threading.Timer(1.0, paused.clear).start()
    events = train(process, moons(epochs=2), Control(pause=paused.is_set))
    assert [e.record.epoch for e in events if isinstance(e, Epoch)] == [1, 2]
    assert events[-1].status == "finished"


def test_settings_that_cannot_work_are_refused_with_a_translatable_message(process):
    events = train(process, moons(batch_size=10_000))
    (refused,) = events
    assert isinstance(refused, Refused) and isinstance(refused.message, Message)
    assert refused.message.values["batch"] == 10_000
    assert "larger than the" in refused.message


def test_a_stop_before_the_process_is_ready_trains_nothing():
    process = WorkerProcess()
    try:
        events = train(process, moons(), Control(stop=lambda: True))
    finally:
        process.kill()
    assert events == [Stopped(began=False)]
    # How the run store and the trainer say it.
    recorder = RunRecorder(moons())
    result = recorder.record(events[0])
    assert result.status == "stopped" and result.state is None
    assert "nothing was trained" in result.message and recorder.run_id is None


def test_a_child_that_dies_mid_run_is_reported_with_its_exit_code(process):
    def kill_after_first_epoch(event):
        if isinstance(event, Epoch):
            process.kill()

    with pytest.raises(ProcessFailed) as failure:
        process.run(TrainingJob(moons(epochs=500).to_dict()), Control(),
                    kill_after_first_epoch)
    assert failure.value.message.values["code"] == -9  # SIGKILL
    assert not process.is_alive()


def test_a_child_killed_after_a_stop_ends_the_job_as_stopped(process):
    stop = threading.Event()
    events: list[object] = []

    def kill_after_first_epoch(event):
        events.append(event)
        if isinstance(event, Epoch) and not stop.is_set():
            stop.set()
            process.kill()  # as JobHandle.shutdown does when a stop is not heeded in time

    process.run(TrainingJob(moons(epochs=500).to_dict()), Control(stop.is_set),
                kill_after_first_epoch)
    assert events[-1] == Stopped(began=True)
    recorder = RunRecorder(moons())
    results = [recorder.record(event) for event in events]
    kept = sum(isinstance(event, Epoch) for event in events)
    assert results[-1].status == "stopped" and results[-1].message.values["kept"] == kept >= 1


def test_the_process_runner_reports_a_dead_child_as_a_failed_event():
    runner = ProcessRunner()
    events: list[object] = []

    def kill_after_first_epoch(event):
        events.append(event)
        if isinstance(event, Epoch) and len(events) < 50:
            runner.kill()

    runner.run(TrainingJob(moons(epochs=500).to_dict()), Flags(), kill_after_first_epoch)
    failed = events[-1]
    assert isinstance(failed, Failed) and not failed.internal
    assert failed.message.values["code"] == -9


def test_an_idle_process_is_reused_and_a_dead_one_is_replaced():
    process = worker_process.acquire()
    worker_process.release(process)
    assert worker_process.acquire() is process
    process.kill()
    worker_process.release(process)
    replacement = worker_process.acquire()
    try:
        assert replacement is not process and replacement.is_alive()
    finally:
        replacement.kill()


def test_closing_an_idle_process_ends_it():
    process = WorkerProcess()
    assert process.wait_ready()
    process.close()
    assert not process.is_alive()


@pytest.fixture(params=["process", "in-process"])
def runner(request):
    return ProcessRunner() if request.param == "process" else InProcessRunner()


def run(runner, job, control=None) -> list:
    events: list[object] = []
    runner.run(job, control or Flags(), events.append)
    return events


def test_both_runners_train_the_same_numbers(runner):
    events = run(runner, TrainingJob(moons(epochs=2).to_dict()))
    here = list(Trainer(moons(epochs=2)).epochs())
    records = [event.record for event in events if isinstance(event, Epoch)]
    assert [r.val_loss for r in records] == [r.val_loss for r in here]
    ended = events[-1]
    assert isinstance(ended, Ended) and ended.status == "finished"
    # The weights come back as arrays: the receiver needs no torch to keep or save them.
    assert all(isinstance(value, np.ndarray) for value in ended.state.values())
    assert np.array_equal(np.concatenate([v.ravel() for v in ended.state.values()]),
                          records[-1].params)


def test_both_runners_compute_the_same_landscape(runner):
    events = run(InProcessRunner(), TrainingJob(moons(epochs=2).to_dict()))
    params = np.stack([e.record.params for e in events if isinstance(e, Epoch)])
    source = RunSource(f"moons-{id(runner)}", moons(epochs=2), params, "moons")
    settings = LandscapeSettings(size=11, seed=3)
    landscape = run(runner, LandscapeJob(source, settings))
    assert isinstance(landscape[0], PlaneReady)
    grids = [e for e in landscape if isinstance(e, GridUpdate)]
    assert grids[-1].done == grids[-1].total == 121 and grids[-1].complete
    assert isinstance(landscape[-2], Interpolation) and landscape[-1] == LandscapeEnded(True)
    again = run(InProcessRunner(), LandscapeJob(source, settings))
    final = [e for e in again if isinstance(e, GridUpdate)][-1]
    np.testing.assert_array_equal(final.values, grids[-1].values)


def test_a_landscape_stopped_at_once_ends_incomplete(runner):
    events = run(InProcessRunner(), TrainingJob(moons(epochs=1).to_dict()))
    params = np.stack([e.record.params for e in events if isinstance(e, Epoch)])
    flags = Flags()
    flags.stop()
    source = RunSource("stopped", moons(epochs=1), params, "moons")
    events = run(runner, LandscapeJob(source, LandscapeSettings(size=11)), flags)
    assert events[-1] in (LandscapeEnded(False), Stopped(began=False))


def test_a_model_file_written_and_read_back_holds_the_same_weights(runner, tmp_path):
    ended = run(InProcessRunner(), TrainingJob(moons(epochs=1).to_dict()))[-1]
    path = str(tmp_path / "moons.pt")
    (written,) = run(runner, WriteModelFile(path, moons(epochs=1).to_dict(), ended.state))
    assert written == ModelFileWritten(path)
    read, evaluated = run(runner, ReadModelFile(path))
    assert isinstance(read, ModelFileRead) and read.config["hidden"] == [8]
    assert read.state.keys() == ended.state.keys()
    for name, value in ended.state.items():
        np.testing.assert_array_equal(read.state[name], value)
    # Tested on its data, the model gives the run's own test figures.
    assert isinstance(evaluated, ModelEvaluated)
    assert evaluated.report.metrics() == pytest.approx(ended.report.metrics(), abs=1e-6)
    assert evaluated.decision is not None and evaluated.X_train.shape[1] == 2


def test_a_foreign_model_file_fails_with_a_message_for_the_user(runner, tmp_path):
    path = tmp_path / "notes.pt"
    path.write_text("not a model", encoding="utf-8")
    (failed,) = run(runner, ReadModelFile(str(path)))
    assert isinstance(failed, Failed) and not failed.internal
    assert "not a ce-desktop model file" in failed.message
    assert isinstance(failed.message, Message)


def test_a_model_file_that_cannot_be_written_fails_with_the_reason(runner, tmp_path):
    ended = run(InProcessRunner(), TrainingJob(moons(epochs=1).to_dict()))[-1]
    target = str(tmp_path / "missing-folder" / "m.pt")
    (failed,) = run(runner, WriteModelFile(target, moons(epochs=1).to_dict(), ended.state))
    assert isinstance(failed, Failed) and "Could not save the model" in failed.message


class _Broken:
    """A job with a bug: it raises an exception nobody wrote a message for."""

    def run(self, control, emit):
        raise ZeroDivisionError("division by zero")


def test_a_job_that_raises_unexpectedly_is_an_internal_error_with_its_traceback():
    (failed,) = run(InProcessRunner(), _Broken())
    assert failed.internal and failed.message == "ZeroDivisionError: division by zero"
    assert "Traceback" in failed.detail and 'raise ZeroDivisionError("division by zero")' in (
        failed.detail)


def test_a_job_finds_a_warm_process_and_leaves_one_for_the_next():
    worker_process.prestart(wait=True)
    (pid,) = worker_process.idle_pids()
    runner = ProcessRunner()
    seen: list[int] = []

    def note_the_pool(event):
        if isinstance(event, Epoch) and not seen:
            # While the job runs, a spare is started for any job that comes meanwhile.
            for _ in range(600):
                if worker_process.idle_pids():
                    break
                threading.Event().wait(0.1)
            seen.extend(worker_process.idle_pids())

    runner.run(TrainingJob(moons(epochs=2).to_dict()), Flags(), note_the_pool)
    assert len(seen) == 1 and seen[0] != pid  # the job ran in the warm one; a spare waits
    # One idle process is kept, not two: the one that ran the job, its caches warm.
    assert worker_process.idle_pids() == [pid]


def test_the_warm_up_trains_the_default_path_without_importing_torch_dynamo():
    """A torch.optim optimiser imports torch._dynamo and sympy (73 MB of the worker); the
    warm-up takes the fused step a first run takes and needs neither."""
    code = ("import sys\n"
            "from ce_desktop.backend.process import warm_up\n"
            "seconds = warm_up()\n"
            "print(seconds > 0, 'torch._dynamo' in sys.modules, 'sympy' in sys.modules,\n"
            "      'sklearn.metrics' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["True", "False", "False", "True"]
