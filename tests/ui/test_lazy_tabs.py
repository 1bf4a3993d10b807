"""Tabs built on demand: the tab on screen first, the others when shown or in idle time.

The app builds its tabs with ``build_tabs(defer_hidden=True)``; a tab's settings are read
when it is built, so a tab never built must still keep, save and reset them as before.
"""

import pytest
from PySide6.QtCore import QSettings

from ce_desktop.core.info import Unit
from ce_desktop.core.landscape.job import LandscapeSettings

NAMES = ["entropy", "surface", "trainer"]


@pytest.fixture
def settings_dir(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    return tmp_path


def lazy_window(qtbot, remember_session=False):
    """A shown window whose hidden tabs are not built yet (no turn of the event loop has
    run since build_tabs)."""
    from ce_desktop.ui.app import MainWindow, create_application

    create_application()
    window = MainWindow(build_tabs=False, store_path=":memory:",
                        remember_session=remember_session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.content_ready, timeout=10_000):
        window.build_tabs(defer_hidden=True)
    return window


def built(window):
    return [name for name in NAMES if window.tab_is_built(name)]


def test_only_the_tab_on_screen_is_built_before_content_ready(qtbot):
    window = lazy_window(qtbot)
    assert built(window) == ["entropy"]
    assert window.tab_names() == NAMES
    texts = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert texts == ["Entropy explorer", "Loss surfaces", "Trainer"]
    assert window.tabs.currentWidget() is window.entropy_tab
    assert window.export_action.isEnabled() and window.start_action.isEnabled()
    window.close()


@pytest.mark.parametrize("index", [1, 2])
def test_switching_to_a_tab_builds_it_before_it_is_shown(qtbot, index):
    window = lazy_window(qtbot)
    name = NAMES[index]
    window.tabs.setCurrentIndex(index)
    assert window.tab_is_built(name)
    tab = window.tabs.currentWidget()
    assert tab is getattr(window, f"{name}_tab")
    assert window.tabs.indexOf(tab) == index and window.tabs.tabText(index)
    assert window.current_plot_name() in tab.plots()
    window.close()


def test_every_tab_is_built_in_idle_time_then_tabs_built(qtbot):
    window = lazy_window(qtbot)
    with qtbot.waitSignal(window.tabs_built, timeout=30_000):
        pass
    assert built(window) == NAMES
    assert window.tabs.currentWidget() is window.entropy_tab
    assert [window.tabs.widget(i) for i in range(3)] == [
        window.entropy_tab, window.surface_tab, window.trainer_tab]
    window.close()


def test_each_page_is_its_tab_once_shown_via_the_menu(qtbot):
    window = lazy_window(qtbot)
    for name in ("trainer", "surface", "entropy"):
        window.show_tab(name)
        assert window.tabs.currentWidget() is getattr(window, f"{name}_tab")
    assert built(window) == NAMES
    window.close()


def test_the_remembered_tab_is_the_one_built_first(qtbot, settings_dir):
    window = lazy_window(qtbot, remember_session=True)
    window.show_tab("trainer")
    window.close()
    again = lazy_window(qtbot, remember_session=True)
    assert built(again) == ["trainer"]
    assert again.tabs.currentWidget() is again.trainer_tab
    again.close()


def test_tabs_never_built_keep_their_settings(qtbot, settings_dir):
    window = lazy_window(qtbot, remember_session=True)
    window.entropy_tab.set_unit(Unit.NATS)
    window.trainer_tab.apply_preset("keras")
    window.surface_tab.landscape_panel.set_settings(LandscapeSettings(size=81))
    window.show_tab("entropy")
    window.close()

    # Closed before its hidden tabs were built: it saves only the one it built.
    unused = lazy_window(qtbot, remember_session=True)
    assert built(unused) == ["entropy"]
    unused.close()
    assert built(unused) == ["entropy"]

    again = lazy_window(qtbot, remember_session=True)
    assert again.entropy_tab.unit() is Unit.NATS
    assert again.trainer_tab.preset_combo.currentData() == "keras"
    assert again.surface_tab.landscape_panel.settings() == LandscapeSettings(size=81)
    again.close()


def test_reset_puts_back_the_defaults_of_tabs_never_built(qtbot, settings_dir):
    window = lazy_window(qtbot, remember_session=True)
    window.entropy_tab.set_unit(Unit.BANS)
    window.trainer_tab.apply_preset("keras")
    window.surface_tab.landscape_panel.set_settings(LandscapeSettings(size=81))
    window.close()

    again = lazy_window(qtbot, remember_session=True)
    assert built(again) == ["entropy"]
    again.reset_action.trigger()
    assert again.entropy_tab.unit() is Unit.BITS
    # Built after the reset: they read the emptied settings.
    assert again.trainer_tab.preset_combo.currentData() == "tutorial"
    assert again.surface_tab.landscape_panel.settings() == LandscapeSettings()
    again.close()

    third = lazy_window(qtbot, remember_session=True)
    assert third.trainer_tab.preset_combo.currentData() == "tutorial"
    assert third.surface_tab.landscape_panel.settings() == LandscapeSettings()
    third.close()


def test_experiments_reach_tabs_not_built_yet(qtbot, tmp_path):
    window = lazy_window(qtbot)
    path = str(tmp_path / "experiment.json")
    assert window.save_experiment_to(path)  # reads the trainer's settings: builds it
    assert window.tab_is_built("trainer")
    fresh = lazy_window(qtbot)
    assert not fresh.tab_is_built("trainer")
    window.trainer_tab.set_config_dict(window.trainer_tab.config_dict() | {"lr": 0.05})
    assert window.save_experiment_to(path)
    assert fresh.open_experiment_from(path)  # applied when read: builds the trainer then
    qtbot.waitUntil(lambda: fresh.experiment_read is None, timeout=10_000)
    assert fresh.trainer_tab.config_dict()["lr"] == 0.05
    window.close()
    fresh.close()
