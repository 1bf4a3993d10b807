"""Recording a training run's events into the run store: written once, used by the window
and by ``ce-desktop train``.

The recorder sits between the training job and whoever shows it: it stores each event and
hands on what the viewer needs, with the run's id in the store.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import numpy as np

from ce_desktop.core.jobs import Failed, Stopped
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Message
from ce_desktop.core.runs.store import RunStore, StoreError
from ce_desktop.core.training.config import TrainConfig
from ce_desktop.core.training.results import RunStatus, TestReport
from ce_desktop.core.training.run import Ended, Epoch, Started, ended_from_outside


@dataclass(frozen=True)
class RunStarted(Started):
    """The core Started event (what the plots need before epoch 1), with the run's id in
    the store and the name it is shown by."""

    run_id: int | None = None
    name: str = "run"


@dataclass(frozen=True)
class RunResult:
    """How a run ended (finished, stopped or failed after it started), and what it left."""

    run_id: int | None
    status: RunStatus
    message: str | None
    report: TestReport | None
    class_names: tuple[str, ...]
    state: dict[str, np.ndarray] | None
    """The trained weights, to save as a model file (see ``training_run.Ended``)."""
    config: TrainConfig
    restored_epoch: int | None = None
    """The epoch whose weights the run kept, when early stopping went back to it."""
    store_problem: str | None = None
    """Why the run is not (wholly) in the run store: a write failed part way."""
    preprocessing: dict[str, object] | None = None
    """The fitted transform of a table's columns (see ``training_run.Ended``)."""


class RunRecorder:
    """Stores one run's events in ``store`` (if any) and turns them into what a viewer
    shows: :meth:`record` returns the event to pass on."""

    def __init__(self, config: TrainConfig, store: RunStore | None = None) -> None:
        self.config = config
        self.store = store
        self.run_id: int | None = None
        self.epochs = 0
        self._started = False
        self._class_names: tuple[str, ...] = ()
        self.store_problem: Message | None = None
        self.stored_epochs = 0

    def _stored(self, write) -> None:
        """Run ``write`` on the store unless an earlier write failed; a failing write ends
        the recording (the run goes on): the run is marked failed with the reason if the
        store still takes that, and the epochs already written stay."""
        if self.store is None:
            return
        try:
            write(self.store)
        except StoreError as error:
            self.store_problem = Message(QT_TRANSLATE_NOOP(
                "core", "The run is not saved beyond epoch {epoch}: {reason}"),
                epoch=self.stored_epochs, reason=error)
            store, self.store = self.store, None
            if self.run_id is not None:
                # If the store takes nothing more, the run reads "running" there.
                with contextlib.suppress(StoreError):
                    store.finish_run(self.run_id, "failed", None, self.store_problem)

    def _add_epoch(self, store: RunStore, event: Epoch) -> None:
        store.add_epoch(self.run_id, event.record.as_dict(), event.record.params)
        self.stored_epochs += 1

    def record(self, event: object) -> object:
        if isinstance(event, Epoch):
            self.epochs += 1
            if self.run_id is not None:
                self._stored(lambda store: self._add_epoch(store, event))
            return event
        if isinstance(event, Started):
            return self._start(event)
        if isinstance(event, Stopped):
            event = ended_from_outside(event.began and self._started, self.epochs)
        if isinstance(event, Ended):
            return self._end(event)
        if isinstance(event, Failed) and self.run_id is not None:
            self._stored(lambda store: store.finish_run(self.run_id, "failed", None,
                                                        event.message))
        return event

    def _start(self, event: Started) -> RunStarted:
        self._started = True

        def start(store: RunStore) -> None:
            self.run_id = store.start_run(self.config.to_dict(), self.config.name or None)

        self._stored(start)
        self._class_names = tuple(event.class_names)
        run_id = self.run_id
        return RunStarted(**vars(event), run_id=run_id,
                          name=self.config.name or (f"run {run_id}" if run_id else "run"))

    def _end(self, event: Ended) -> RunResult:
        report = event.report
        if self.run_id is not None:  # None: stopped before it started, or no store
            self._stored(lambda store: store.finish_run(
                self.run_id, event.status, report.metrics() if report else None,
                event.message))
        return RunResult(
            run_id=self.run_id, status=event.status, message=event.message, report=report,
            class_names=self._class_names, state=event.state, config=self.config,
            restored_epoch=event.restored_epoch, store_problem=self.store_problem,
            preprocessing=event.preprocessing)
