"""What every background job is, wherever it runs.

A job is a small picklable request (a frozen dataclass) whose :meth:`Job.run` does the work
in steps, hands each result to ``emit`` as a typed, frozen event, and asks its
:class:`Control` between steps whether to stop or wait. The same object runs in a child
process (``ce_desktop.backend``) or in the calling thread; whoever receives its events cannot
tell the two apart.

A job reports its own outcome in its events (a training run's ``Ended``, a landscape's last
grid). Two outcomes only the runner can report: :class:`Failed` (the job raised, or its
process died) and :class:`Stopped` (it was ended from outside before it could say so).
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ce_desktop.core.messages import Explained

#: While paused, a job looks at its stop flag this often (seconds).
PAUSE_POLL_S = 0.05

Emit = Callable[[object], None]


class Control(Protocol):
    """What a job may ask of whoever runs it, between two steps."""

    def should_stop(self) -> bool: ...

    def is_paused(self) -> bool: ...


class Job(Protocol):
    """A request that does its work in :meth:`run`, reporting by events."""

    def run(self, control: Control, emit: Emit) -> None: ...


@dataclass(frozen=True)
class Failed:
    """The job could not finish: a reason for the user, or an internal error.

    ``internal`` marks an exception nobody wrote a message for (a bug); ``detail`` holds its
    traceback for the log."""

    message: str
    internal: bool = False
    detail: str = ""


@dataclass(frozen=True)
class Stopped:
    """The runner ended the job before the job could report its end: it was stopped
    before it began, or its process was ended because it did not stop in time."""

    began: bool
    """False when the job never started (stopped while its process was loading)."""


class Flags:
    """A :class:`Control` for jobs run from this process: stop, pause and resume from any
    thread."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._pause = threading.Event()

    def should_stop(self) -> bool:
        return self._stop.is_set()

    def is_paused(self) -> bool:
        return self._pause.is_set()

    def stop(self) -> None:
        self._stop.set()

    def pause(self) -> None:
        self._pause.set()

    def resume(self) -> None:
        self._pause.clear()


def wait_while_paused(control: Control) -> bool:
    """Hold the job while it is paused; True if it should stop."""
    while control.is_paused() and not control.should_stop():
        time.sleep(PAUSE_POLL_S)
    return control.should_stop()


def run_job(job: Job, control: Control, emit: Emit) -> None:
    """Run ``job`` in this thread. An exception becomes a :class:`Failed` event: an
    :class:`Explained` error keeps its message for the user; anything else is reported as
    an internal error with its traceback, which the receiver logs."""
    try:
        job.run(control, emit)
    except Explained as error:
        emit(Failed(error.message))
    except Exception as error:
        emit(Failed(f"{type(error).__name__}: {error}", internal=True,
                    detail=traceback.format_exc()))
