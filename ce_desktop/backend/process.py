"""A child process that runs jobs one after another and sends their events back.

The window's process never imports torch or scikit-learn: every job that needs them runs in
a :class:`WorkerProcess`, started with ``spawn`` (the same on Linux, macOS, Windows and in the
frozen app, whose entry point calls ``multiprocessing.freeze_support()``). The child imports
the numeric stack once (:func:`warm_up`) and then serves one job after another, so a process
started ahead of time (:func:`prestart`) makes the first click as fast as the tenth. A job
that will not stop politely (stuck reading a huge file) is ended by killing its process,
which a thread cannot be.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
import time
from multiprocessing.connection import Connection

from ce_desktop.core.jobs import Control, Emit, Job, Stopped, run_job
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained

#: How often the parent looks at the pipe, the job's control and the child's health.
POLL_S = 0.05
#: Waiting for a new process to import torch and scikit-learn (seconds); cold disks are slow.
READY_TIMEOUT_S = 300.0
_READY = "ready"
#: The name of every worker process (multiprocessing's, not the operating system's).
WORKER_NAME = "ce-desktop worker"
_DONE = "done"


class ProcessFailed(Explained, RuntimeError):
    """The worker process could not start, or ended in the middle of a job."""


def warm_up() -> float:
    """Import torch and scikit-learn and train one epoch of the tutorial preset; returns
    the seconds spent.

    The epoch takes the path a first run takes (the fused Adam step, the metrics), so the
    first training click does not wait for imports or first-call set-up. It builds no
    torch.optim optimiser: one imports torch._dynamo, sympy and about 800 more modules
    (1.3 s and 73 MB of this process) that the default run never needs; a run with another
    optimiser pays that on its first start.
    """
    started = time.perf_counter()
    import sklearn.calibration  # imported for its import cost alone, as are the next ones
    import sklearn.datasets
    import sklearn.metrics
    import sklearn.model_selection  # noqa: F401

    from ce_desktop.core.training.trainer import PRESETS, TrainConfig, Trainer

    config = TrainConfig.from_dict({**PRESETS["tutorial"].to_dict(), "epochs": 1})
    trainer = Trainer(config)
    for _ in trainer.epochs():
        pass
    trainer.test_report()
    return time.perf_counter() - started


class WorkerProcess:
    """One child process; :meth:`run` runs a job in it and relays its events."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child_conn = context.Pipe()
        self._stop = context.Event()
        self._pause = context.Event()
        self._ready = False
        self._process = context.Process(
            target=serve, args=(child_conn, self._stop, self._pause),
            name=WORKER_NAME, daemon=True)
        self._process.start()
        child_conn.close()

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def is_alive(self) -> bool:
        return self._process.is_alive()

    def wait_ready(self, control: Control | None = None,
                   timeout: float = READY_TIMEOUT_S) -> bool:
        """Wait until the child has imported the numeric stack; False if stopped first."""
        waited = 0.0
        while not self._ready:
            if control is not None and control.should_stop():
                return False
            if self._conn.poll(POLL_S):
                message = self._receive()
                if isinstance(message, BaseException):
                    raise message
                if message != _READY:
                    raise self._failed()
                self._ready = True
            elif not self._process.is_alive():
                raise self._failed()
            waited += POLL_S
            if waited > timeout:
                self.kill()
                raise ProcessFailed(QT_TRANSLATE_NOOP(
                    "core", "The worker process did not start within {seconds:.0f} s."),
                    seconds=timeout)
        return True

    def run(self, job: Job, control: Control, emit: Emit) -> None:
        """Run ``job`` in the child, handing each event to ``emit`` in this thread; the
        control is mirrored to the child meanwhile.

        Raises :class:`ProcessFailed` if the child dies, unless a stop had been asked for:
        then the job ends with :class:`Stopped`, as one stopped before the child was ready
        does."""
        if not self.wait_ready(control):
            emit(Stopped(began=False))
            return
        # A stop asked for already must reach the job's first check.
        _mirror(self._stop, control.should_stop())
        _mirror(self._pause, control.is_paused())
        self._send(job)
        try:
            while True:
                if control.should_stop():
                    self._stop.set()
                _mirror(self._pause, control.is_paused())
                if self._conn.poll(POLL_S):
                    event = self._receive()
                    if event == _DONE:
                        return
                    emit(event)
                elif not self._process.is_alive():
                    raise self._failed()
        except ProcessFailed:
            if not control.should_stop():
                raise
            emit(Stopped(began=True))

    def kill(self) -> None:
        """End the child at once (it may be in the middle of anything)."""
        with contextlib.suppress(OSError, ValueError):
            self._process.kill()
            self._process.join(5)

    def close(self) -> None:
        """End an idle child: closing its pipe ends it; kill it if it does not go."""
        with contextlib.suppress(OSError):
            self._conn.close()
        self._process.join(2)
        if self._process.is_alive():
            self.kill()

    def _send(self, item: object) -> None:
        try:
            self._conn.send(item)
        except (OSError, ValueError):
            raise self._failed() from None

    def _receive(self) -> object:
        try:
            return self._conn.recv()
        except (EOFError, OSError):
            self._process.join(2)
            raise self._failed() from None

    def _failed(self) -> ProcessFailed:
        code = self._process.exitcode
        return ProcessFailed(QT_TRANSLATE_NOOP(
            "core", "The worker process ended unexpectedly (exit code {code}); what it had "
            "finished is kept. Start again to use a new process."),
            code="?" if code is None else code)


class _ChildControl:
    """The child's view of the parent's stop and pause flags."""

    def __init__(self, stop, pause) -> None:
        self.should_stop = stop.is_set
        self.is_paused = pause.is_set


def serve(conn: Connection, stop, pause) -> None:
    """The child's main loop: import once, then run each job received until the pipe
    closes. A failure to import is sent back as it is, for the parent to raise."""
    try:
        warm_up()
    except BaseException as error:  # the parent reports it; nothing else can
        _send_quietly(conn, error)
        return
    if not _send_quietly(conn, _READY):  # the parent closed it while this one was loading
        return
    control = _ChildControl(stop, pause)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            run_job(job, control, conn.send)
        except (BrokenPipeError, KeyboardInterrupt):
            return
        if not _send_quietly(conn, _DONE):
            return


def _mirror(flag, on: bool) -> None:
    """Set or clear a process-shared Event, only when it changes."""
    if flag.is_set() != on:
        (flag.set if on else flag.clear)()


def _send_quietly(conn: Connection, item: object) -> bool:
    try:
        conn.send(item)
    except OSError:  # BrokenPipeError among them: the parent is gone or closed the pipe
        return False
    return True


# --- one idle process kept ready ---------------------------------------------------------

_idle: list[WorkerProcess] = []
_idle_lock = threading.Lock()


def prestart(wait: bool = False) -> None:
    """Start a process now, so that the next :func:`acquire` finds it ready; with ``wait``,
    return once it has imported the numeric stack."""
    with _idle_lock:
        _idle[:] = [p for p in _idle if p.is_alive()]
        if not _idle:
            _idle.append(WorkerProcess())
        process = _idle[0]
    if wait:
        process.wait_ready()


def acquire() -> WorkerProcess:
    """An idle process if one is alive, else a new one; the caller owns it until
    :func:`release`. Raises OSError if no process can be started."""
    with _idle_lock:
        while _idle:
            process = _idle.pop()
            if process.is_alive():
                return process
    return WorkerProcess()


def release(process: WorkerProcess) -> None:
    """Keep a process that finished its job cleanly for the next job. One is kept: this
    one, whose caches are warm (a run rebuilt for its landscape), rather than a spare."""
    ended = [process]
    with _idle_lock:
        if process.is_alive():
            ended, _idle[:] = list(_idle), [process]
    for other in ended:
        # A spare still importing torch takes up to two seconds to end: not on this thread,
        # which the job's owner waits on.
        threading.Thread(target=other.close, name="close worker", daemon=True).start()


def end_all() -> None:
    """Kill every worker process still running, all at once, then reap them: the app is
    leaving. The idle one, a spare still importing torch (which notices a closed pipe only
    once it has imported it) and one a thread of :func:`release` is closing: none outlives
    the window's process, and none is waited for before the next is told to go."""
    with _idle_lock:
        _idle.clear()
    processes = [p for p in multiprocessing.active_children() if p.name == WORKER_NAME]
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.kill()
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.join(5)


def idle_pids() -> list[int]:
    """Process ids of the idle processes kept ready (for tests and benchmarks)."""
    with _idle_lock:
        return [p.pid for p in _idle if p.is_alive() and p.pid is not None]
