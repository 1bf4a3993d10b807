"""The lesson's controller: runs a step's Show-me action through the tabs' models and public
methods, and says whether the step's task is done whenever the app's state changes.

It reaches the tabs through the main window (``entropy_tab``, ``surface_tab``,
``trainer_tab``), which builds a tab the first time it is asked for, so an action never
acts on a tab that is not there. What it watches: the explorer's model, the coin, the loss
curves, the logistic descent, the trainer's runs, ticked runs and results page, and the
landscape — each tab's notifications, connected when the tab is built; no timer polls.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from ce_desktop.core.entropy.explorer import ExplorerState
from ce_desktop.core.lesson.predicates import (
    CurvesFacts,
    LessonState,
    RunFacts,
    holds,
    no_information_loss,
    preset_of,
)
from ce_desktop.core.lesson.steps import ArgValue, Step, explorer_state
from ce_desktop.core.lesson.vocabulary import ACTIONS
from ce_desktop.core.training.config import PRESETS
from ce_desktop.core.training.verdict import failed_as_diverged

#: While a run is still ending, the next one waits this long before trying again.
RETRY_MS = 100
#: The landscape's grid when the step does not say.
DEFAULT_LANDSCAPE_SIZE = 21

#: A piece of a Show-me action: True when it started something (a run, a landscape) whose
#: end continues the action.
Stage = Callable[[], bool]


class LessonController(QObject):
    """The steps, the current one, and whether its task is done."""

    step_changed = Signal(int)
    """The current step's index (0-based)."""
    done_changed = Signal(bool)
    """Whether the current step's task is done; emitted when that changes."""

    def __init__(self, window, steps: tuple[Step, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.steps = steps
        self.index = 0
        self._done = False
        self._runs: list[RunFacts] = []
        self._plan: list[Stage] = []
        self._waiting = False
        self._watched: set[str] = set()
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._continue)
        self._handlers: dict[str, Callable[..., None]] = {
            "coin": self._coin, "explorer": self._explorer, "loss_curves": self._loss_curves,
            "logistic_descent": self._logistic_descent, "train": self._train,
            "show_samples": self._show_samples, "landscape": self._landscape,
        }
        assert set(self._handlers) == set(ACTIONS), "every action has its handler"
        window.tabs_built.connect(self.watch_built_tabs)
        self.watch_built_tabs()

    # --- steps ---------------------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    def go(self, index: int) -> None:
        """Make step ``index`` (0-based, clamped) the current one; an action under way stops."""
        index = min(max(int(index), 0), len(self.steps) - 1)
        self._plan = []
        self._waiting = False
        if index != self.index:
            self.index = index
            self.step_changed.emit(index)
        self._done = self.is_done()
        self.done_changed.emit(self._done)

    def show_me(self) -> None:
        """Run the current step's action: the app shows the step's point."""
        self._plan = []
        self._waiting = False
        action = self.step.action
        arguments: dict[str, ArgValue] = action.args
        self._handlers[action.name](**arguments)
        self.watch_built_tabs()
        self.refresh()

    def is_busy(self) -> bool:
        """Whether a Show-me action is still waiting for a run or a landscape."""
        return self._waiting or bool(self._plan)

    # --- the app's state -----------------------------------------------------------------

    def state(self) -> LessonState:
        """What the predicates look at, read from the tabs built so far."""
        w = self.window
        explorer = comparison = coin_p = curves = None
        descended = samples = landscape = False
        compared: tuple[int, ...] = ()
        if w.tab_is_built("entropy"):
            tab = w.entropy_tab
            explorer, comparison = tab.model.state, tab.model.comparison
            coin_p = tab.coin_panel.probability()
        if w.tab_is_built("surface"):
            tab = w.surface_tab
            panel = tab.curves_panel
            curves = CurvesFacts(panel.label(), panel.smoothing(), panel.readout_p())
            descended = tab.logistic_panel.has_descended()
            landscape = (tab.landscape_panel.display_values() is not None
                         and not tab.landscape_panel.is_running())
        if w.tab_is_built("trainer"):
            tab = w.trainer_tab
            compared = tuple(tab.runs_panel.checked_run_ids())
            samples = (tab.results_tabs.currentWidget() is tab.samples_view
                       and tab.samples_view.shown_rows() > 0)
        return LessonState(explorer=explorer, comparison=comparison, coin_p=coin_p,
                           curves=curves, logistic_descended=descended, runs=tuple(self._runs),
                           compared_run_ids=compared, samples_shown=samples,
                           landscape_ready=landscape)

    def is_done(self) -> bool:
        return holds(self.step.done, self.state())

    def refresh(self, *_args) -> None:
        """Check the current step's task again (connected to every change notification)."""
        done = self.is_done()
        if done != self._done:
            self._done = done
            self.done_changed.emit(done)

    def watch_built_tabs(self) -> None:
        """Connect to the change notifications of every tab built and not yet watched."""
        w = self.window
        for name in ("entropy", "surface", "trainer"):
            if name in self._watched or not w.tab_is_built(name):
                continue
            self._watched.add(name)
            if name == "entropy":
                tab = w.entropy_tab
                tab.model.subscribe(self.refresh)
                tab.coin_panel.probability_changed.connect(self.refresh)
            elif name == "surface":
                tab = w.surface_tab
                tab.curves_panel.changed.connect(self.refresh)
                tab.logistic_panel.descent_changed.connect(self.refresh)
                tab.landscape_panel.computation_finished.connect(self._on_landscape_finished)
            else:
                tab = w.trainer_tab
                # A run that ended before the lesson opened counts: the trainer shows it.
                if tab.last_result is not None:
                    self._runs.append(self._facts(tab.last_result))
                tab.run_completed.connect(self._on_run_completed)
                tab.runs_panel.comparison_changed.connect(self.refresh)
                tab.results_tabs.currentChanged.connect(self.refresh)

    def _on_run_completed(self, result) -> None:
        self._runs.append(self._facts(result))
        self.refresh()
        self._stage_ended()

    def _facts(self, result) -> RunFacts:
        """What the predicates need of the trainer's run that ended with ``result``."""
        trainer = self.window.trainer_tab
        report = result.report
        samples = report.samples if report is not None else None
        history = trainer.history()
        return RunFacts(
            run_id=result.run_id, status=str(result.status),
            preset=preset_of(result.config.to_dict()),
            label_smoothing=float(result.config.label_smoothing),
            test_loss=float(report.test_loss) if report is not None else None,
            baseline=(no_information_loss(samples.true_class) if samples is not None
                      else None),
            train_losses=tuple(float(r.train_loss) for r in history),
            val_losses=tuple(float(r.val_loss) for r in history),
            training_baseline=trainer.baseline_loss(),
            kept_epoch=result.restored_epoch,
            failed_diverged=failed_as_diverged(result.message))

    def _on_landscape_finished(self, _ok: bool) -> None:
        self.refresh()
        self._stage_ended()

    # --- running an action in stages -----------------------------------------------------

    def _run_plan(self, stages: list[Stage]) -> None:
        self._plan = list(stages)
        self._waiting = False
        self._continue()

    def _continue(self) -> None:
        """Run the plan's stages until one starts something to wait for."""
        while self._plan and not self._waiting:
            trainer = self.window.trainer_tab if self.window.tab_is_built("trainer") else None
            if trainer is not None and trainer.run is not None and trainer.run.is_running():
                self._retry.start()  # the last run's job is still ending
                return
            stage = self._plan.pop(0)
            self._waiting = stage()
        self.watch_built_tabs()
        self.refresh()

    def _stage_ended(self) -> None:
        if self._waiting:
            self._waiting = False
            self._retry.start()  # after the job that ended has let go of its handle

    # --- the actions ---------------------------------------------------------------------

    def _coin(self, p: float) -> None:
        self.window.show_tab("entropy")
        self.window.entropy_tab.coin_panel.set_probability(p)

    def _explorer(self, **fields: ArgValue) -> None:
        state: ExplorerState = explorer_state(fields, self.step.id)
        self.window.show_tab("entropy")
        self.window.entropy_tab.set_state(state)

    def _loss_curves(self, label: float = 1.0, smoothing: float = 0.0, classes: float = 3,
                     readout_p: float = 0.1) -> None:
        self.window.show_tab("surface")
        tab = self.window.surface_tab
        tab.show_section("curves")
        panel = tab.curves_panel
        panel.set_label(label)
        panel.set_smoothing(smoothing)
        panel.set_classes(int(classes))
        panel.show_readout_at(readout_p)

    def _logistic_descent(self, w1: float, w2: float, steps: float | None = None) -> None:
        self.window.show_tab("surface")
        tab = self.window.surface_tab
        tab.show_section("logistic")
        panel = tab.logistic_panel
        panel.select_weights(w1, w2)
        panel.descend(None if steps is None else int(steps))
        panel.finish_descent()

    def _train(self, preset: str, label_smoothing: float = 0.0, lr: float | None = None,
               epochs: float | None = None, compare_with: str = "") -> None:
        changes: dict[str, object] = {}
        if label_smoothing:
            changes["label_smoothing"] = label_smoothing
        if lr is not None:
            changes["lr"] = lr
        if epochs is not None:
            changes["epochs"] = int(epochs)
        if "lr" in changes or "epochs" in changes:
            changes["name"] = ""  # no longer the preset's run: the runs list numbers it
        stages: list[Stage] = []
        if compare_with and self._last_run_of(compare_with) is None:
            stages.append(lambda: self._start_run(compare_with))
        stages.append(lambda: self._start_run(preset, changes))
        if compare_with:
            stages.append(lambda: self._tick(compare_with))
        self._run_plan(stages)

    def _show_samples(self) -> None:
        stages: list[Stage] = []
        if not any(run.status == "finished" for run in self._runs):
            stages.append(lambda: self._start_run("tutorial"))
        stages.append(self._open_samples)
        self._run_plan(stages)

    def _landscape(self, size: float = DEFAULT_LANDSCAPE_SIZE) -> None:
        stages: list[Stage] = []
        trainer = self.window.trainer_tab
        if trainer.last_run_source() is None:
            stages.append(lambda: self._start_run("tutorial"))
        stages.append(lambda: self._compute_landscape(int(size)))
        self._run_plan(stages)

    # --- stages --------------------------------------------------------------------------

    def _last_run_of(self, preset: str) -> RunFacts | None:
        """The latest finished run of ``preset`` without label smoothing."""
        for run in reversed(self._runs):
            if run.status == "finished" and run.preset == preset and run.label_smoothing == 0:
                return run
        return None

    def _start_run(self, preset: str, changes: dict[str, object] | None = None) -> bool:
        """Start a run of ``preset`` with the settings in ``changes`` replaced."""
        self.window.show_tab("trainer")
        trainer = self.window.trainer_tab
        trainer.apply_preset(preset)
        if changes:
            trainer.set_config_dict({**PRESETS[preset].to_dict(), **changes})
        return trainer.start()

    def _tick(self, preset: str) -> bool:
        run = self._last_run_of(preset)
        trainer = self.window.trainer_tab
        if run is not None and run.run_id is not None:
            trainer.runs_panel.refresh()
            # Deleted meanwhile, or no run store: nothing to compare.
            with contextlib.suppress(KeyError):
                trainer.runs_panel.set_checked(run.run_id, True)
        return False

    def _open_samples(self) -> bool:
        self.window.show_tab("trainer")
        trainer = self.window.trainer_tab
        trainer.results_tabs.setCurrentWidget(trainer.samples_view)
        return False

    def _compute_landscape(self, size: int) -> bool:
        self.window.show_tab("surface")
        tab = self.window.surface_tab
        tab.show_section("landscape")
        panel = tab.landscape_panel
        panel.refresh_sources()
        panel.plane_combo.setCurrentIndex(panel.plane_combo.findData("pca"))
        index = panel.size_combo.findData(size)
        if index >= 0:
            panel.size_combo.setCurrentIndex(index)
        return panel.compute()
