"""Run one job in a worker process, or in the calling thread; the same interface for both."""

from __future__ import annotations

import contextlib
import logging
import threading
import traceback
from typing import Protocol

from ce_desktop.backend import process as worker_process
from ce_desktop.core.jobs import Control, Emit, Failed, Job, run_job

log = logging.getLogger(__name__)

#: A job still running after this long (seconds) gets a spare process made ready beside it.
SPARE_AFTER_S = 2.0


class Runner(Protocol):
    """Runs jobs one at a time for one owner; ``kill`` ends the current job at once."""

    def run(self, job: Job, control: Control, emit: Emit) -> None: ...

    def kill(self) -> None: ...


class InProcessRunner:
    """Runs the job in the calling thread. Tests use it; so does the app when no worker
    process can be started. It cannot end a job that does not stop when asked."""

    def run(self, job: Job, control: Control, emit: Emit) -> None:
        run_job(job, control, emit)

    def kill(self) -> None:
        """Nothing to kill in this process: the job ends at its next stop check."""


class ProcessRunner:
    """Runs each job in a worker process taken from the pool, and gives it back after a
    clean end (a process that failed or was killed is not reused)."""

    def __init__(self) -> None:
        self._process: worker_process.WorkerProcess | None = None

    def run(self, job: Job, control: Control, emit: Emit) -> None:
        try:
            process = worker_process.acquire()
        except OSError as error:
            log.warning("no worker process (%s); running %s in this thread",
                        error, type(job).__name__)
            run_job(job, control, emit)
            return
        self._process = process
        clean = False
        # A job started while a long one runs (a landscape during training) would wait
        # 7-12 s for a new process to import torch: past a few seconds, one is made ready.
        # The pool keeps a single idle process, so the extra one ends with this job.
        spare = threading.Timer(SPARE_AFTER_S, _prestart_quietly)
        spare.daemon = True
        spare.start()
        try:
            process.run(job, control, emit)
            clean = True
        except worker_process.ProcessFailed as error:
            emit(Failed(error.message))
        except Exception as error:  # a job that does not pickle, a broken pipe: a bug
            detail = traceback.format_exc()
            log.error("%s failed in its process:\n%s", type(job).__name__, detail)
            emit(Failed(f"{type(error).__name__}: {error}", internal=True, detail=detail))
        finally:
            spare.cancel()
            self._process = None
            if clean:
                worker_process.release(process)
            else:
                process.kill()

    def kill(self) -> None:
        process = self._process
        if process is not None:
            process.kill()


def _prestart_quietly() -> None:
    # Only a head start: a job that needs the process reports what goes wrong.
    with contextlib.suppress(OSError):
        worker_process.prestart()


def default_runner() -> Runner:
    """How the app runs a job: in a worker process."""
    return ProcessRunner()
