"""The main window: tabs, menus, status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QWidget,
)

from ce_desktop import APP_NAME, __version__
from ce_desktop.core.jobs import Failed
from ce_desktop.ui.common import language
from ce_desktop.ui.common.file_dialogs import with_file_to_open, with_file_to_save
from ce_desktop.ui.common.language import translated

if TYPE_CHECKING:
    from ce_desktop.core.runs.recorder import RunResult
    from ce_desktop.ui.common.jobs import JobHandle
    from ce_desktop.ui.entropy.tab import EntropyTab
    from ce_desktop.ui.surfaces.tab import SurfaceTab
    from ce_desktop.ui.trainer.tab import TrainerTab

DEFAULT_SIZE = (1440, 900)
#: Width and height of a typical window frame: the title bar and borders.
FRAME_ALLOWANCE = (16, 40)
#: Room a dock's splitter takes beside the central widget.
PRIMER_SEPARATOR_PX = 8
STATUS_TIMEOUT_MS = 8000
#: Where the lesson remembers the step the user stopped at, and that it was offered once.
LESSON_STEP_KEY = "lesson/step"
LESSON_OFFERED_KEY = "lesson/offered"


def library_versions() -> dict[str, str]:
    """Versions of the libraries the app runs on, read without importing them."""
    # Imported here, not at the top: importlib.metadata alone costs ~20 ms of start-up.
    import platform
    from importlib import metadata

    versions = {"Python": platform.python_version()}
    for label, distribution in (
        ("PySide6", "PySide6-Essentials"),
        ("pyqtgraph", "pyqtgraph"),
        ("NumPy", "numpy"),
        ("PyTorch", "torch"),
        ("scikit-learn", "scikit-learn"),
    ):
        try:
            versions[label] = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            versions[label] = QCoreApplication.translate("MainWindow", "not installed")
    from PySide6 import QtCore

    versions["Qt"] = QtCore.qVersion()
    return versions


def about_html() -> str:
    rows = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in library_versions().items())
    tagline = QCoreApplication.translate(
        "MainWindow", "Entropy, cross-entropy and KL divergence made visible.")
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        f"<p>{tagline}</p>"
        f"<table cellspacing='6'>{rows}</table>"
    )


#: Said in both languages when the language changes: the new one is not loaded yet.
LANGUAGE_RESTART_MESSAGE = (
    "Language: {0}. It takes effect when ce-desktop is restarted. / "
    "界面语言：{0}。重新启动 ce-desktop 后生效。"
)


class MainWindow(QMainWindow):
    """Tabs for each part of the product, with File and Help menus and a status bar."""

    content_ready = Signal()
    """Emitted once the tab on screen has been built (and, when the window is shown,
    painted): from here on the window is usable."""
    tabs_built = Signal()
    """Emitted once every tab has been built; with ``build_tabs(defer_hidden=True)`` that is
    a few turns of the event loop after :attr:`content_ready`."""
    pages_prepared = Signal()
    """Emitted when :meth:`prepare_pages` has painted every page that was not on screen."""

    def __init__(
        self, parent: QWidget | None = None, build_tabs: bool = True, store_path: str | None = None,
        remember_session: bool = False,
    ) -> None:
        """The window shell; with ``build_tabs=False`` call :meth:`build_tabs` after showing.

        Building the tabs imports pyqtgraph and numpy (about half a second); deferring it
        lets the window appear first. ``store_path`` overrides where runs are kept
        (":memory:" keeps them for this session only). With ``remember_session`` the window
        restores and saves its state (geometry, tab, units, trainer and landscape settings);
        the app does, tests and screenshots do not.
        """
        super().__init__(parent)
        self.session = None
        self.primer_dock = None
        self.lesson_dock = None
        self.lesson = None
        """The lesson's controller, once Help → Lesson has opened it."""
        self.lesson_offer: QPushButton | None = None
        self._settings_problem: str | None = None
        self._store_path = store_path
        self._store_opened = False
        self._store_problem: str | None = None
        self._announced = False  # "Ready", or what went wrong, has been said
        self.store = None
        self.experiment_read: JobHandle | None = None
        self.setWindowTitle(self.tr("ce-desktop — cross-entropy made visible"))
        self.resize(*DEFAULT_SIZE)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Every tab's page in the tab widget, by name: a placeholder until the tab is built.
        self._pages: dict[str, QWidget] = {}
        self._built: dict[str, QWidget] = {}
        self._deferring = False
        # Child timers: they cannot fire for a window that is gone.
        self._tab_builder = QTimer(self)
        self._tab_builder.setSingleShot(True)
        self._tab_builder.setInterval(0)
        self._tab_builder.timeout.connect(self._build_next_tab)
        self._unpainted_pages: list[QWidget] = []
        self._page_painter = QTimer(self)
        self._page_painter.setSingleShot(True)
        self._page_painter.setInterval(0)
        self._page_painter.timeout.connect(self._paint_next_page)
        self._last_plot: dict[QWidget, str] = {}
        self._status_speaker: QWidget | None = None
        loading = QLabel(self.tr("Loading…"))
        loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(loading)
        self._build_menus()
        if remember_session:
            from ce_desktop.ui.common.session import Session, open_settings

            settings, self._settings_problem = open_settings()
            self.session = Session(settings)
            geometry = self.session.data("window/geometry")
            if geometry is None or not self.restoreGeometry(geometry):
                self.resize(*self.first_size())
        self.export_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("Loading…"))
        if build_tabs:
            self.build_tabs()

    def first_size(self) -> tuple[int, int]:
        """The default size, made smaller where the screen is: a window that opens taller
        than a 1366 × 768 laptop hides its status line below the screen's edge."""
        available = self.screen().availableGeometry()
        # The window manager's frame (title bar, borders) comes on top of the window.
        return (min(DEFAULT_SIZE[0], available.width() - FRAME_ALLOWANCE[0]),
                min(DEFAULT_SIZE[1], available.height() - FRAME_ALLOWANCE[1]))

    # --- building the tabs ---------------------------------------------------------------

    @property
    def entropy_tab(self) -> EntropyTab | None:
        """The entropy explorer, built now if it was not yet; None before :meth:`build_tabs`."""
        return self._tab("entropy")

    @property
    def surface_tab(self) -> SurfaceTab | None:
        """The loss-surface tab, built now if it was not yet; None before :meth:`build_tabs`."""
        return self._tab("surface")

    @property
    def trainer_tab(self) -> TrainerTab | None:
        """The trainer, built now if it was not yet; None before :meth:`build_tabs`."""
        return self._tab("trainer")

    def _tab(self, name: str):
        return self._build_tab(name) if self._pages else None

    def build_tabs(self, defer_hidden: bool = False) -> None:
        """Create the tabs (once); the window is usable from here on.

        Every tab is built before this returns, unless ``defer_hidden``: then only the tab on
        screen (the remembered one, or the first) is built and painted before
        :attr:`content_ready`, and the others one per turn of the event loop after it, or at
        once when shown or used, whichever comes first; :attr:`tabs_built` follows the last.
        A tab built late restores its remembered settings then, as it would have at start.
        """
        if self._pages:
            return
        from ce_desktop.ui.common import style
        from ce_desktop.ui.common.plot_export import install_exporters

        style.configure_pyqtgraph()
        install_exporters()
        for name, title in (("entropy", self.tr("Entropy explorer")),
                            ("surface", self.tr("Loss surfaces")),
                            ("trainer", self.tr("Trainer"))):
            page = QWidget()
            self._pages[name] = page
            self.tabs.addTab(page, title)
        remembered = (self.session.text("window/tab", tuple(self._pages))
                      if self.session is not None else None)
        if remembered:
            self.tabs.setCurrentWidget(self._pages[remembered])
        self._build_tab(self._name_of(self.tabs.currentWidget()))
        if not defer_hidden:
            for name in self._pages:
                self._build_tab(name)
        # A tab not built yet is built as it comes forward, before it is painted.
        self.tabs.currentChanged.connect(self._build_current_tab)
        # A tab's status message speaks of that tab: it goes when another is shown.
        self.tabs.currentChanged.connect(self._forget_other_tabs_status)
        self.setCentralWidget(self.tabs)
        self.export_action.setEnabled(True)
        for action in self._tab_actions:
            action.setEnabled(True)
        self.reset_action.setEnabled(self.session is not None)
        problems = self._start_up_problems()
        # A problem stays on screen until something replaces it.
        self.statusBar().showMessage(problems or self.tr("Ready"),
                                     0 if problems else STATUS_TIMEOUT_MS)
        self._announced = True
        self._offer_lesson()
        if defer_hidden and self.isVisible():
            # Usable means painted: lay the tab out and paint it now, not on a later turn.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            self.repaint()
        self._deferring = defer_hidden and len(self._built) < len(self._pages)
        self.content_ready.emit()
        if self._deferring:
            self._tab_builder.start()
        else:
            self.tabs_built.emit()

    def _start_up_problems(self) -> str:
        """What went wrong opening the run store and the settings, or ""."""
        return " — ".join(p for p in (self._store_problem, self._settings_problem) if p)

    def _name_of(self, page: QWidget) -> str:
        return next(name for name, widget in self._pages.items() if widget is page)

    def _build_current_tab(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is not None:
            self._build_tab(self._name_of(page))

    def _build_next_tab(self) -> None:
        """Build one tab not built yet, then come back on the next turn of the event loop."""
        if not self.isVisible():  # closed meanwhile
            return
        waiting = [name for name in self._pages if name not in self._built]
        if waiting:
            self._build_tab(waiting[0])
        if self._deferring:  # more to build: _build_tab ends it after the last
            self._tab_builder.start()

    def _build_tab(self, name: str) -> QWidget:
        """The tab ``name``, built now and put in its placeholder's place if it was not."""
        tab = self._built.get(name)
        if tab is not None:
            return tab
        tab = self._make_tab(name)
        self._built[name] = tab
        placeholder = self._pages[name]
        index = self.tabs.indexOf(placeholder)
        title = self.tabs.tabText(index)
        current = self.tabs.currentIndex()
        # Swapped without a word: the tab on screen stays the one that was.
        blocked = self.tabs.blockSignals(True)
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, tab, title)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(blocked)
        placeholder.deleteLater()
        self._pages[name] = tab
        from ce_desktop.ui.common.widgets import keep_plot_scenes_active

        tab.status_message.connect(lambda text, tab=tab: self.show_status(text, speaker=tab))
        self._watch_plots(tab)
        keep_plot_scenes_active(tab)
        if self.session is not None:
            from ce_desktop.ui.common.session import restore_view

            restore_view(tab, self.session)
        if self._deferring and len(self._built) == len(self._pages):
            self._deferring = False
            self.tabs_built.emit()
        return tab

    def _make_tab(self, name: str) -> QWidget:
        if name == "entropy":
            from ce_desktop.ui.entropy.tab import EntropyTab

            entropy = EntropyTab()
            entropy.back_to_run.connect(self._back_to_run)
            return entropy
        store = self._run_store()
        if name == "trainer":
            from ce_desktop.ui.trainer.tab import TrainerTab

            trainer = TrainerTab(store)
            trainer.run_completed.connect(self._on_run_completed)
            trainer.explore_sample.connect(self._explore_sample)
            trainer.samples_replaced.connect(self._forget_explored_sample)
            return trainer
        from ce_desktop.ui.surfaces.tab import SurfaceTab

        return SurfaceTab(store, self._last_run_source)

    def _explore_sample(self, request) -> None:
        """A sample card's p and q into the entropy explorer, which comes forward."""
        explorer = self.entropy_tab
        if explorer.show_sample(request):
            self.tabs.setCurrentWidget(explorer)

    def _back_to_run(self, request) -> None:
        """From the explorer back to the trainer, the card of the sample it showed open
        again."""
        trainer = self.trainer_tab
        card = request.card
        if trainer.open_sample(card.index, card.part):
            self.tabs.setCurrentWidget(trainer)

    def _forget_explored_sample(self) -> None:
        """The trainer shows other samples now: the explorer's way back to one goes."""
        explorer = self._built.get("entropy")
        if explorer is not None:
            explorer.forget_sample()

    def _last_run_source(self):
        """The trainer's last run, for the landscape; None while the trainer is not built."""
        trainer = self._built.get("trainer")
        return trainer.last_run_source() if trainer is not None else None

    def _on_run_completed(self, _result: RunResult) -> None:
        surface = self._built.get("surface")  # one built later reads the store then
        if surface is not None:
            surface.runs_changed()

    def _run_store(self):
        """The run store, opened by the first tab that needs it (None if it cannot be)."""
        if not self._store_opened:
            self._store_opened = True
            self.store, self._store_problem = self._open_store()
            if self._store_problem and self._announced:
                # Opened after the window was announced ready: say so now.
                self.statusBar().showMessage(self._start_up_problems(), 0)
        return self.store

    def _open_store(self):
        """The run store, or None and the reason: a broken store must not stop the app."""
        from ce_desktop.core.runs.store import StoreError, open_or_replace

        try:
            store, moved = open_or_replace(self._store_path)
        except (StoreError, OSError) as error:
            return None, self.tr("Runs will not be saved: {0}").format(translated(error))
        if moved is not None:
            return store, self.tr(
                "The run store was damaged; it was kept as {0} and a new, empty one is in "
                "use").format(moved)
        return store, None

    # --- session --------------------------------------------------------------------------

    def _save_session(self) -> None:
        from ce_desktop.ui.common.session import save_view

        session = self.session
        session.set("window/geometry", self.saveGeometry())
        if self._pages:
            session.set("window/tab", self._name_of(self.tabs.currentWidget()))
            # A tab never built keeps what it had: its settings were never read.
            for tab in self._built.values():
                save_view(tab, session)
        if self.lesson is not None:
            session.set(LESSON_STEP_KEY, self.lesson.step.id)
        session.sync()

    def reset_to_defaults(self) -> None:
        """Forget the remembered settings and put every control back to its default."""
        if self.session is not None:
            # The language is not one of the settings reset here: keep it.
            chosen = self.session.text(language.SETTINGS_KEY, tuple(language.LANGUAGES))
            self.session.reset()
            if chosen:
                self.session.set(language.SETTINGS_KEY, chosen)
                self.session.sync()
        self.resize(*self.first_size())
        if self._pages:
            # A tab not built yet reads the emptied settings when it is: its defaults.
            for tab in self._built.values():
                tab.reset_settings()
            self.tabs.setCurrentIndex(0)
        self.show_status(self.tr("Settings reset to their defaults"))

    def closeEvent(self, event) -> None:
        if self.session is not None:
            self._save_session()
        # Stop and join a running training thread: never "QThread: Destroyed while running".
        self._tab_builder.stop()
        for name in ("trainer", "surface"):
            tab = self._built.get(name)
            if tab is not None:
                tab.shutdown()
        if self.experiment_read is not None:
            self.experiment_read.shutdown()
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)

    # --- menus ---------------------------------------------------------------------------

    def _action(self, text: str, shortcut: str | None, tip: str, slot) -> QAction:
        """A menu action that needs the tabs (enabled once they are built)."""
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        action.setEnabled(False)
        self._tab_actions.append(action)
        return action

    def _build_menus(self) -> None:
        self._tab_actions: list[QAction] = []
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_experiment_action = self._action(
            self.tr("&Open experiment…"), "Ctrl+O",
            self.tr("Load the entropy explorer's distributions and the trainer's settings "
                    "from a JSON file"), self.open_experiment)
        self.save_experiment_action = self._action(
            self.tr("&Save experiment…"), "Ctrl+S",
            self.tr("Save the entropy explorer's distributions and the trainer's settings "
                    "as a JSON file, to share or reproduce"), self.save_experiment)
        self.open_data_action = self._action(
            self.tr("Open &data…"), "Ctrl+Shift+O",
            self.tr("Open a table (CSV): preview it, choose each column's role, train on it"),
            self._on_tab("trainer", lambda: self.trainer_tab.open_data()))
        file_menu.addAction(self.open_experiment_action)
        file_menu.addAction(self.save_experiment_action)
        file_menu.addAction(self.open_data_action)
        file_menu.addSeparator()
        self.apply_model_action = self._action(
            self.tr("&Apply model to data…"), None,
            self.tr("Predict a table with the trainer's model (trained on a table of your "
                    "own) and write the predictions as a CSV"),
            self._on_tab("trainer", lambda: self.trainer_tab.apply_model_to_data()))
        self.save_model_action = self._action(
            self.tr("Save &model…"), None,
            self.tr("Save the trainer's last model as a PyTorch file, to load it again or "
                    "apply it to a table"),
            self._on_tab("trainer", lambda: self.trainer_tab.choose_where_to_save_model()))
        self.load_model_action = self._action(
            self.tr("&Load model…"), None,
            self.tr("Load a model saved by ce-desktop: its settings, weights and test "
                    "report"),
            self._on_tab("trainer", lambda: self.trainer_tab.choose_model_to_load()))
        file_menu.addAction(self.save_model_action)
        file_menu.addAction(self.load_model_action)
        file_menu.addAction(self.apply_model_action)
        file_menu.addSeparator()
        self.export_action = QAction(self.tr("&Export current plot…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setStatusTip(self.tr("Save a plot of this tab as PNG, SVG, PDF or CSV"))
        self.export_action.triggered.connect(self.export_current_plot)
        file_menu.addAction(self.export_action)
        self.reset_action = QAction(self.tr("&Reset settings to defaults"), self)
        self.reset_action.setStatusTip(self.tr(
            "Forget the remembered window, tab, units, trainer and landscape settings"))
        self.reset_action.triggered.connect(self.reset_to_defaults)
        self.reset_action.setEnabled(False)
        file_menu.addAction(self.reset_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        # Explicit: the platform standard for Quit is empty on Windows and offscreen.
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.quit_action = quit_action

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.language_menu = view_menu.addMenu(self.tr("&Language"))
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in language.LANGUAGES.items():
            # Each language is named in itself, so whoever reads it can find their own.
            action = QAction(name, self, checkable=True)
            action.setData(code)
            action.setChecked(code == language.current_language())
            action.triggered.connect(lambda _checked=False, code=code: self.choose_language(code))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        view_menu.addSeparator()
        self.tab_actions = []
        for number, (name, title) in enumerate(
                (("entropy", self.tr("&Entropy explorer")),
                 ("surface", self.tr("Loss &surfaces")),
                 ("trainer", self.tr("&Trainer"))), start=1):
            action = self._action(title, f"Ctrl+{number}", self.tr("Show this tab"),
                                  lambda _checked=False, name=name: self.show_tab(name))
            view_menu.addAction(action)
            self.tab_actions.append(action)
        self.view_menu = view_menu

        run_menu = self.menuBar().addMenu(self.tr("&Run"))
        self.start_action = self._action(
            self.tr("&Start training"), "Ctrl+Return",
            self.tr("Train with the trainer's settings"),
            self._on_tab("trainer", lambda: self.trainer_tab.start()))
        self.pause_action = self._action(
            self.tr("&Pause or resume training"), "Ctrl+P",
            self.tr("Hold the run between mini-batches, or continue it"),
            lambda: self.trainer_tab.toggle_pause())
        self.stop_action = self._action(
            self.tr("S&top training"), "Ctrl+.",
            self.tr("Stop the run; completed epochs are kept"), lambda: self.trainer_tab.stop())
        self.landscape_action = self._action(
            self.tr("Compute the &landscape"), "Ctrl+L",
            self.tr("Compute the trained network's loss landscape"),
            self._on_tab("surface", lambda: self.surface_tab.compute_landscape()))
        for action in (self.start_action, self.pause_action, self.stop_action,
                       self.landscape_action):
            run_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.primer_action = QAction(self.tr("Cross-entropy &primer"), self)
        self.primer_action.setShortcut(QKeySequence("F1"))
        self.primer_action.setStatusTip(self.tr(
            "Formulas and best practices: entropy, cross-entropy, KL, BCE, categorical CE"))
        self.primer_action.triggered.connect(self.show_primer)
        help_menu.addAction(self.primer_action)
        self.lesson_action = self._action(
            self.tr("&Lesson"), "Shift+F1",
            self.tr("A guided lesson: the tutorial's path, step by step, in the app"),
            self.show_lesson)
        help_menu.addAction(self.lesson_action)
        self.shortcuts_action = QAction(self.tr("&Keyboard shortcuts"), self)
        self.shortcuts_action.triggered.connect(
            lambda: QMessageBox.information(self, self.tr("Keyboard shortcuts"),
                                            self.shortcuts_html()))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        about_action = QAction(self.tr("&About ce-desktop"), self)
        about_action.setMenuRole(QAction.MenuRole.AboutRole)
        about_action.triggered.connect(
            lambda: QMessageBox.about(self, self.tr("About ce-desktop"), about_html())
        )
        help_menu.addAction(about_action)

    # --- actions ---------------------------------------------------------------------------

    def shortcuts_html(self) -> str:
        """Every menu shortcut, read from the actions themselves."""
        rows = []
        for menu_action in self.menuBar().actions():
            for action in menu_action.menu().actions():
                if not action.shortcut().isEmpty():
                    key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                    rows.append(f"<tr><td><b>{key}</b></td>"
                                f"<td>{action.text().replace('&', '')}</td></tr>")
        return f"<table cellspacing='6'>{''.join(rows)}</table>"

    def show_primer(self) -> None:
        if self.primer_dock is None:
            from ce_desktop.ui.primer import PrimerDock

            self.primer_dock = PrimerDock(self)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.primer_dock)
            self.primer_dock.hide()
        self._show_dock(self.primer_dock)

    def show_lesson(self) -> bool:
        """Open the lesson pane at the step where the user stopped; False (with a message)
        if the steps file cannot be used."""
        if self.lesson_offer is not None:
            self.statusBar().removeWidget(self.lesson_offer)
            self.lesson_offer.deleteLater()
            self.lesson_offer = None
        if self.lesson_dock is None:
            from ce_desktop.core.lesson.steps import load_steps
            from ce_desktop.ui.lesson.controller import LessonController
            from ce_desktop.ui.lesson.pane import LessonDock

            try:
                steps = load_steps()
            except ValueError as error:
                reason = translated(error)
                QMessageBox.warning(self, self.tr("Cannot open the lesson"), reason)
                self.show_status(self.tr("Cannot open the lesson: {0}").format(reason))
                return False
            self.lesson = LessonController(self, steps, parent=self)
            remembered = (self.session.text(LESSON_STEP_KEY, tuple(s.id for s in steps))
                          if self.session is not None else None)
            if remembered:
                self.lesson.go(next(i for i, s in enumerate(steps) if s.id == remembered))
            self.lesson_dock = LessonDock(self.lesson, self)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.lesson_dock)
            self.lesson_dock.hide()
        self._show_dock(self.lesson_dock)
        return True

    def _offer_lesson(self) -> None:
        """On the first start, offer the lesson once: a button in the status bar."""
        if self.session is None or self.session.flag(LESSON_OFFERED_KEY):
            return
        self.session.set(LESSON_OFFERED_KEY, True)
        self.session.sync()
        self.lesson_offer = QPushButton(self.tr("New here? Take the guided lesson"))
        self.lesson_offer.setToolTip(self.tr("Help → Lesson: the tutorial's path, step by "
                                             "step, in the app"))
        self.lesson_offer.clicked.connect(self.show_lesson)
        self.statusBar().addPermanentWidget(self.lesson_offer)

    def _show_dock(self, dock: QDockWidget) -> None:
        """Show ``dock`` beside the tabs, or floating where docking would widen the window."""
        if not dock.isVisible():
            # Docked beside tabs that cannot shrink enough, it would widen the window
            # (past the screen's edge on a laptop): then it opens as a window of its own.
            room = self.width() - self.centralWidget().minimumSizeHint().width() - sum(
                other.width() + PRIMER_SEPARATOR_PX for other in (self.primer_dock,
                                                                 self.lesson_dock)
                if other not in (None, dock) and other.isVisible() and not other.isFloating())
            floating = room < dock.minimumSizeHint().width() + PRIMER_SEPARATOR_PX
            dock.setFloating(floating)
            if floating and dock is self.lesson_dock:
                # Over the side of the tabs the step leaves free, as tall as the step needs.
                dock.place_over(self)
            elif floating:
                frame = self.frameGeometry()
                width = dock.minimumSizeHint().width() + 100
                dock.setGeometry(frame.right() - width, frame.top() + 60, width,
                                 max(frame.height() - 120, 300))
        dock.show()
        dock.raise_()

    def _on_tab(self, name: str, act: Callable[[], object]) -> Callable[[], None]:
        """A menu slot that shows tab ``name`` (building it if need be), then does ``act``."""
        def slot() -> None:
            self.show_tab(name)
            act()
        return slot

    def save_experiment(self) -> None:
        with_file_to_save(self, self.tr("Save experiment"), "experiment.json",
                          self.tr("Experiment (*.json)"), self.save_experiment_to)

    def save_experiment_to(self, path: str) -> bool:
        from ce_desktop.core.experiment import save_experiment

        try:
            written = save_experiment(path, self.entropy_tab.state(),
                                      self.trainer_tab.config_dict())
        except (OSError, ValueError) as error:
            reason = translated(error)
            QMessageBox.warning(self, self.tr("Save failed"), reason)
            self.show_status(self.tr("Save failed: {0}").format(reason))
            return False
        self.show_status(self.tr("Experiment saved to {0}").format(written))
        return True

    def open_experiment(self) -> None:
        with_file_to_open(self, self.tr("Open experiment"), self.tr("Experiment (*.json)"),
                          self.open_experiment_from)

    def open_experiment_from(self, path: str) -> bool:
        """Start reading an experiment file off the GUI thread; it is applied whole when read,
        and a bad one changes nothing and says why. False while another is being read."""
        from ce_desktop.backend import InProcessRunner
        from ce_desktop.core.experiment import ReadExperiment
        from ce_desktop.ui.common.jobs import JobHandle

        if self.experiment_read is not None:
            return False
        # A small JSON file needs no torch: read in this process, on the handle's thread.
        self.experiment_read = JobHandle(ReadExperiment(path), runner=InProcessRunner(),
                                         name="experiment file", parent=self)
        self.experiment_read.job_event.connect(self._on_experiment_event)
        self.experiment_read.finished.connect(self._on_experiment_read_finished)
        self.show_status(self.tr("Reading the experiment {0}…").format(path))
        self.experiment_read.start()
        return True

    def _on_experiment_event(self, event: object) -> None:
        from ce_desktop.core.experiment import ExperimentRead

        if isinstance(event, ExperimentRead):
            self.entropy_tab.set_state(event.state)
            self.trainer_tab.set_config_dict(event.config)
            self.show_status(self.tr("Experiment loaded from {0}").format(event.path))
        elif isinstance(event, Failed):
            reason = translated(event)
            self.show_status(self.tr("Cannot open the experiment: {0}").format(reason))
            QMessageBox.warning(self, self.tr("Cannot open the experiment"), reason)

    def _on_experiment_read_finished(self) -> None:
        handle, self.experiment_read = self.experiment_read, None
        if handle is not None:
            handle.deleteLater()

    def choose_language(self, code: str) -> None:
        """Remember ``code`` as the interface language; it applies from the next start."""
        self.language_actions[code].setChecked(True)
        if self.session is not None:
            self.session.set(language.SETTINGS_KEY, code)
            self.session.sync()
        message = LANGUAGE_RESTART_MESSAGE.format(language.LANGUAGES[code])
        self.show_status(message)
        # Said where it cannot be missed: nothing on screen changes until the restart.
        QMessageBox.information(self, self.tr("Language"), message)

    # --- tabs ----------------------------------------------------------------------------

    def prepare_pages(self) -> None:
        """Lay out and paint, off screen, every page not on screen, one per turn of the
        event loop, then emit :attr:`pages_prepared`.

        A page's first showing cost two to four times what later ones do: its layout at
        its real size, a second paint for that, its axes' first pictures. The loss-curves
        page took 87 ms of the GUI thread the first time and 30 ms after. Done while the
        user reads the first page (230-350 ms in all, the longest pause 80-100 ms), a first
        visit costs what later ones do.
        """
        if not self._pages:
            return
        for name in self._pages:  # every page, built if it was not yet
            self._build_tab(name)
        # Showing each page once, within this one turn, lays it out at its real size
        # (nothing is painted until the event loop runs); then the original pages return.
        tabs = self.tabs
        current_tab = tabs.currentWidget()
        for page in self._pages.values():
            tabs.setCurrentWidget(page)
        tabs.setCurrentWidget(self.surface_tab)
        self.surface_tab.lay_out_sections()
        tabs.setCurrentWidget(current_tab)
        self._unpainted_pages = [self.entropy_tab, self.trainer_tab,
                                 *self.surface_tab.section_pages()]
        self._page_painter.start()

    def _paint_next_page(self) -> None:
        if not self.isVisible():  # closed meanwhile
            self._unpainted_pages = []
            return
        while self._unpainted_pages:
            page = self._unpainted_pages.pop(0)
            if not page.isVisible():
                page.grab()  # the picture is thrown away; the caches it filled are kept
                self._page_painter.start()
                return
        self.pages_prepared.emit()

    def tab_names(self) -> list[str]:
        return list(self._pages)

    def tab_is_built(self, name: str) -> bool:
        """Whether tab ``name`` has been built (reading ``trainer_tab`` etc. builds it)."""
        return name in self._built

    def show_tab(self, name: str) -> None:
        if name not in self._pages:
            raise ValueError(f"no tab named {name!r}; tabs: {', '.join(self._pages)}")
        self.tabs.setCurrentWidget(self._build_tab(name))

    def show_status(self, message: str, speaker: QWidget | None = None) -> None:
        """Show ``message`` for a while; one a tab (``speaker``) said goes with its tab."""
        self._status_speaker = speaker
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    def _forget_other_tabs_status(self, _index: int) -> None:
        speaker = self._status_speaker
        if speaker is not None and speaker is not self.tabs.currentWidget():
            self.statusBar().clearMessage()
            self._status_speaker = None

    # --- export --------------------------------------------------------------------------

    def _watch_plots(self, tab: QWidget) -> None:
        # Plots a tab creates later are found by plots() at export time; watched ones are
        # those present now.
        for name, widget in tab.plots().items():
            widget.setProperty("export_name", name)
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The plot the pointer last entered is the "current plot" File → Export offers first.
        if event.type() in (QEvent.Type.Enter, QEvent.Type.MouseButtonPress):
            name = watched.property("export_name")
            if name:
                self._last_plot[self.tabs.currentWidget()] = name
        return super().eventFilter(watched, event)

    def current_plot_name(self) -> str:
        tab = self.tabs.currentWidget()
        names = list(tab.plots())
        return self._last_plot.get(tab, names[0])

    def export_current_plot(self) -> None:
        names = list(self.tabs.currentWidget().plots())
        name, ok = QInputDialog.getItem(
            self, self.tr("Export plot"), self.tr("Plot to export:"), names,
            names.index(self.current_plot_name()), False,
        )
        if not ok:
            return
        from ce_desktop.ui.common.plot_export import EXPORT_FILTERS

        with_file_to_save(
            self, self.tr("Export plot"), name.replace(" ", "_") + ".png",
            ";;".join(QCoreApplication.translate("plot_export", text)
                      for text in EXPORT_FILTERS.values()),
            lambda path: self.export_plot_to(name, path),
        )

    def export_plot_to(self, name: str, path: str) -> bool:
        """Export the named plot of the current tab; report the outcome in the UI."""
        from ce_desktop.ui.common.plot_export import export_plot

        try:
            written = export_plot(self.tabs.currentWidget().plots()[name], path)
        except (OSError, ValueError) as error:
            reason = translated(error)
            QMessageBox.warning(self, self.tr("Export failed"), reason)
            self.show_status(self.tr("Export failed: {0}").format(reason))
            return False
        self.show_status(self.tr("Saved {0} to {1}").format(name, written))
        return True
