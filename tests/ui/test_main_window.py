"""The main window: deferred tabs, menus, About, tab selection."""

import pytest
from conftest import PaintCounter

from ce_desktop import __version__
from ce_desktop.ui.main_window import about_html, library_versions


def test_tabs_are_built_after_the_shell_is_shown(qtbot):
    from ce_desktop.ui.app import MainWindow, create_application

    create_application()
    window = MainWindow(build_tabs=False)
    qtbot.addWidget(window)
    window.show()
    assert window.entropy_tab is None
    assert window.centralWidget().text() == "Loading…"
    assert not window.export_action.isEnabled()
    with qtbot.waitSignal(window.content_ready, timeout=10_000):
        window.build_tabs()
    assert window.centralWidget() is window.tabs
    texts = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert texts == ["Entropy explorer", "Loss surfaces", "Trainer"]
    assert window.export_action.isEnabled()
    window.build_tabs()  # idempotent
    assert window.tabs.count() == 3


def test_menus(main_window):
    menus = [action.text() for action in main_window.menuBar().actions()]
    assert menus == ["&File", "&View", "&Run", "&Help"]
    view_menu = main_window.menuBar().actions()[1].menu()
    assert [a.text() for a in view_menu.actions() if not a.isSeparator()] == [
        "&Language", "&Entropy explorer", "Loss &surfaces", "&Trainer"]
    file_menu = main_window.menuBar().actions()[0].menu()
    items = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert items == ["&Open experiment…", "&Save experiment…", "Open &data…",
                     "Save &model…", "&Load model…", "&Apply model to data…",
                     "&Export current plot…",
                     "&Reset settings to defaults", "&Quit"]
    run_menu = main_window.menuBar().actions()[2].menu()
    assert [a.text() for a in run_menu.actions()] == [
        "&Start training", "&Pause or resume training", "S&top training",
        "Compute the &landscape"]
    help_menu = main_window.menuBar().actions()[3].menu()
    assert [a.text() for a in help_menu.actions() if not a.isSeparator()] == [
        "Cross-entropy &primer", "&Lesson", "&Keyboard shortcuts", "&About ce-desktop"]
    assert main_window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_quit_closes_the_window(main_window):
    main_window.quit_action.trigger()
    assert not main_window.isVisible()


def test_about_names_the_versions():
    versions = library_versions()
    for key in ("Python", "PySide6", "Qt", "pyqtgraph", "NumPy", "PyTorch", "scikit-learn"):
        assert versions[key] and versions[key] != "not installed"
    html = about_html()
    assert __version__ in html and versions["PyTorch"] in html


def test_show_tab_rejects_unknown_names(main_window):
    main_window.show_tab("trainer")
    assert main_window.tabs.currentWidget() is main_window.trainer_tab
    main_window.show_tab("entropy")
    assert main_window.tabs.currentWidget() is main_window.entropy_tab
    main_window.show_tab("surface")
    assert main_window.tabs.currentWidget() is main_window.surface_tab
    with pytest.raises(ValueError, match="no tab named 'hessian'"):
        main_window.show_tab("hessian")


def test_a_damaged_run_store_is_replaced_and_the_user_told(qtbot, tmp_path):
    from ce_desktop.ui.app import MainWindow, create_application

    path = tmp_path / "runs.sqlite"
    path.write_bytes(b"\x00garbage" * 500)
    create_application()
    window = MainWindow(store_path=str(path))
    qtbot.addWidget(window)
    message = window.statusBar().currentMessage()
    assert "The run store was damaged; it was kept as" in message
    assert "runs.sqlite.damaged-" in message
    assert window.store is not None and window.trainer_tab.store is window.store
    assert window.store.runs() == []
    window.close()


def test_the_application_has_the_project_icon():
    from ce_desktop.ui.app import create_application, resources_folder

    app = create_application()
    assert resources_folder() is not None
    sizes = {(s.width(), s.height()) for s in app.windowIcon().availableSizes()}
    assert {(16, 16), (32, 32), (256, 256)} <= sizes


def test_every_control_in_the_window_has_a_tooltip(main_window):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSlider,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QScrollBar,
        QTabBar,
        QWidget,
    )

    from ce_desktop.ui.common.labeled_slider import LabeledSlider

    labeled = (LabeledSlider,)
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QAbstractSlider, *labeled)
    controls = [
        widget for widget in main_window.findChildren(QWidget)
        if isinstance(widget, kinds)
        # Parts of a control (a spin box's line edit, a labelled slider's slider and box,
        # scroll bars, tab-bar arrows) show the tooltip of the control they belong to.
        and not isinstance(widget, QScrollBar)
        and not widget.objectName().startswith("qt_")
        and not isinstance(widget.parentWidget(), (*labeled, QTabBar))
    ]
    assert len(controls) > 70
    missing = [f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
               for w in controls if not w.toolTip().strip()]
    assert missing == []


def _first_showing_of_the_loss_curves(qtbot, window) -> list[PaintCounter]:
    panel = window.surface_tab.curves_panel
    counters = [PaintCounter(widget.viewport()) for widget in panel.plots().values()]
    window.show_tab("surface")
    window.surface_tab.show_section("curves")
    qtbot.wait(200)
    return counters


@pytest.mark.parametrize("prepared", [False, True])
def test_prepared_pages_are_laid_out_before_they_are_first_shown(qtbot, tmp_path, prepared):
    from ce_desktop.ui.app import MainWindow

    window = MainWindow(store_path=str(tmp_path / "runs.sqlite"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.surface_tab.show_section("landscape")  # while hidden: not shown yet
    if prepared:
        with qtbot.waitSignal(window.pages_prepared, timeout=10_000):
            window.prepare_pages()
        # Preparing changed nothing the user sees.
        assert window.tabs.currentWidget() is window.entropy_tab
        assert window.surface_tab.current_section_name() == "landscape"
    counters = _first_showing_of_the_loss_curves(qtbot, window)
    assert len(counters) == 3
    # Paints of the whole plot (a few plots also repaint a small part afterwards).
    whole = [sum(size == counter.parent().size().toTuple() for size in counter.paints)
             for counter in counters]
    if prepared:
        # Already at their real size: no relayout and one whole paint fewer. (pyqtgraph's
        # curves still recompute their bounds after their first paint, hence a second.)
        assert [counter.resizes for counter in counters] == [[], [], []]
        assert max(whole) <= 2
    else:
        assert all(counter.resizes for counter in counters)
        assert min(whole) >= 3


def test_a_window_closed_while_preparing_its_pages_stops_preparing(qtbot, tmp_path):
    from ce_desktop.ui.app import MainWindow

    window = MainWindow(store_path=str(tmp_path / "runs.sqlite"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.prepare_pages()
    window.close()
    with qtbot.assertNotEmitted(window.pages_prepared, wait=300):
        pass


def test_a_tabs_status_message_goes_with_its_tab(main_window):
    main_window.entropy_tab.status_message.emit("p changed")
    assert main_window.statusBar().currentMessage() == "p changed"
    main_window.show_tab("trainer")
    assert main_window.statusBar().currentMessage() == ""
    main_window.show_status("Runs will not be saved")  # the window's own: it stays
    main_window.show_tab("entropy")
    assert main_window.statusBar().currentMessage() == "Runs will not be saved"


@pytest.mark.process
def test_leaving_the_app_keeps_what_it_must_and_leaves_no_worker(qtbot, tmp_path):
    """The app leaves with ``os._exit`` once its event loop returns (``ui.app.leave``):
    before that, the window's close must have saved and synced the settings, closed the
    run store, and every worker process (the idle one, a spare still importing torch) must
    be gone. Here the loop ended without the window being closed (as ``app.quit()`` does)."""
    import multiprocessing
    import sqlite3

    from PySide6.QtCore import QSettings

    from ce_desktop.backend import process
    from ce_desktop.ui.app import MainWindow, create_application, leave

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    create_application()
    store_path = tmp_path / "runs.sqlite"
    window = MainWindow(store_path=str(store_path), remember_session=True)
    qtbot.addWidget(window)
    window.show()
    window.trainer_tab.set_config_dict(window.trainer_tab.config_dict() | {"lr": 0.0123})
    process.prestart()
    spare = process.WorkerProcess()  # importing torch, as a spare beside a long job is
    workers = [p for p in multiprocessing.active_children() if p.name == process.WORKER_NAME]
    assert len(workers) >= 2
    codes: list[int] = []

    leave(window, 3, exit_process=codes.append)

    assert codes == [3]
    assert not window.isVisible() and window.store is None
    assert not any(p.is_alive() for p in workers) and not spare.is_alive()
    assert process.idle_pids() == []
    (ini,) = tmp_path.rglob("*.ini")
    saved = QSettings(str(ini), QSettings.Format.IniFormat)
    assert saved.contains("window/geometry")
    assert "0.0123" in ini.read_text()
    # Closed cleanly: no write-ahead log left beside the store, which opens as it was.
    assert not store_path.with_name("runs.sqlite-wal").exists()
    sqlite3.connect(store_path).execute("select count(*) from sqlite_master").fetchone()
