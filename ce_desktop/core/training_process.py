"""Train in a process of its own, so that training never waits for the interface's thread.

Threads in one Python process take turns holding the interpreter lock. Training in a thread
beside the GUI thread made every repaint a pause in training (a run went 5-30 % slower
than headless) and every data set built or module imported in training a pause in the
window. A :class:`TrainingProcess` runs :func:`training_run.run_training` in a child process
started with ``spawn`` (the same on Linux, macOS, Windows and in the frozen app, whose entry
point calls ``multiprocessing.freeze_support()``) and passes its events back through a pipe.

The child imports the training stack once and then trains one config after another, so a
warmed-up process (:func:`prestart`) makes the first click as fast as the tenth. A process
that cannot be stopped politely (stuck reading a huge file) is killed, which a thread cannot
be.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained, Message
from ce_desktop.core.training_run import Ended, Epoch

#: How often the parent looks at the pipe, its stop and pause flags and the child's health.
POLL_S = 0.05
#: Waiting for a new process to import torch and scikit-learn (seconds); cold disks are slow.
READY_TIMEOUT_S = 300.0
_READY = "ready"
_DONE = "done"


class ProcessFailed(Explained, RuntimeError):
    """The training process could not start, or ended without finishing its run."""


class TrainingProcess:
    """A child process that trains one config at a time and reports its events."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child_conn = context.Pipe()
        self._stop = context.Event()
        self._pause = context.Event()
        self._ready = False
        self._process = context.Process(
            target=serve, args=(child_conn, self._stop, self._pause),
            name="ce-desktop training", daemon=True)
        self._process.start()
        child_conn.close()

    def is_alive(self) -> bool:
        return self._process.is_alive()

    def wait_ready(self, should_stop: Callable[[], bool], timeout: float = READY_TIMEOUT_S
                   ) -> bool:
        """Wait until the child has imported the training stack; False if stopped first."""
        waited = 0.0
        while not self._ready:
            if should_stop():
                return False
            if self._conn.poll(POLL_S):
                event = self._receive()
                if isinstance(event, BaseException):
                    raise event
                if event != _READY:
                    raise self._failed()
                self._ready = True
            elif not self._process.is_alive():
                raise self._failed()
            waited += POLL_S
            if waited > timeout:
                self.kill()
                raise ProcessFailed(QT_TRANSLATE_NOOP(
                    "core", "The training process did not start within {seconds:.0f} s."),
                    seconds=timeout)
        return True

    def train(self, config: dict[str, Any], emit: Callable[[object], None],
              should_stop: Callable[[], bool], is_paused: Callable[[], bool]) -> None:
        """Train ``config`` (``TrainConfig.to_dict()``) in the child, handing each event to
        ``emit`` in this thread; ``should_stop`` and ``is_paused`` are polled meanwhile.

        A run stopped before the child is ready, or whose child is killed after a stop was
        asked for (it did not stop in time), ends as stopped, not as a failure."""
        if not self.wait_ready(should_stop):
            # As a stop before the first batch ends a run: stopped, with nothing to keep.
            # The process goes on loading and serves the next run.
            emit(Ended("stopped", Message(QT_TRANSLATE_NOOP(
                "core", "Stopped while PyTorch was loading; nothing was trained.")), None, None))
            return
        epochs = 0
        # A stop asked for already must reach the child's first check (reading the data).
        _mirror(self._stop, should_stop())
        _mirror(self._pause, is_paused())
        self._send(config)
        try:
            while True:
                # The child polls these copies of the caller's flags between batches.
                if should_stop():
                    self._stop.set()
                _mirror(self._pause, is_paused())
                if self._conn.poll(POLL_S):
                    event = self._receive()
                    if event == _DONE:
                        return
                    if isinstance(event, BaseException):
                        raise event
                    epochs += isinstance(event, Epoch)
                    emit(event)
                elif not self._process.is_alive():
                    raise self._failed()
        except ProcessFailed:
            if not should_stop():
                raise
            emit(Ended("stopped", Message(QT_TRANSLATE_NOOP(
                "core", "Stopped by ending the training process, which did not stop in "
                "time; the {kept} completed epoch(s) are kept."), kept=epochs), None, None))

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
            "core", "The training process ended unexpectedly (exit code {code}); the epochs "
            "it completed are kept. Start the run again to use a new process."),
            code="?" if code is None else code)


def serve(conn: Connection, stop, pause) -> None:
    """The child's main loop: import once, then train each config received until the pipe
    closes. An exception is sent back as it is, for the parent to raise."""
    try:
        from ce_desktop.core.config import TrainConfig
        from ce_desktop.core.training_run import run_training
        from ce_desktop.core.warmup import warm_up

        warm_up()
    except BaseException as error:  # the parent reports it; nothing else can
        _send_quietly(conn, error)
        return
    conn.send(_READY)
    while True:
        try:
            config = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            run_training(TrainConfig.from_dict(config), conn.send, stop.is_set, pause.is_set)
        except (BrokenPipeError, KeyboardInterrupt):
            return
        except Exception as error:
            _send_quietly(conn, RuntimeError(f"{type(error).__name__}: {error}"))
        if not _send_quietly(conn, _DONE):
            return


def _mirror(flag, on: bool) -> None:
    """Set or clear a process-shared Event, only when it changes."""
    if flag.is_set() != on:
        (flag.set if on else flag.clear)()


def _send_quietly(conn: Connection, item: object) -> bool:
    try:
        conn.send(item)
    except OSError:
        return False
    return True


# --- one idle process kept ready ---------------------------------------------------------

_idle: list[TrainingProcess] = []
_idle_lock = threading.Lock()


def prestart(wait: bool = False) -> None:
    """Start a process now, so that the next :func:`acquire` finds it ready; with ``wait``,
    return once it has imported the training stack."""
    with _idle_lock:
        _idle[:] = [p for p in _idle if p.is_alive()]
        if not _idle:
            _idle.append(TrainingProcess())
        process = _idle[0]
    if wait:
        process.wait_ready(lambda: False)


def acquire() -> TrainingProcess:
    """An idle process if one is alive, else a new one; the caller owns it until
    :func:`release`. Raises OSError if no process can be started."""
    with _idle_lock:
        while _idle:
            process = _idle.pop()
            if process.is_alive():
                return process
    return TrainingProcess()


def release(process: TrainingProcess) -> None:
    """Keep a process that finished its run cleanly for the next run (one is kept)."""
    with _idle_lock:
        if process.is_alive() and not _idle:
            _idle.append(process)
            return
    process.close()
