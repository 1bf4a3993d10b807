"""Settings that persist: restored on start, damaged or foreign values fall back, reset."""

import pytest
from PySide6.QtCore import QSettings

from ce_desktop.core.info import Unit
from ce_desktop.core.landscape.job import LandscapeSettings


@pytest.fixture
def settings_dir(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    return tmp_path


def open_window(qtbot, size=None):
    from ce_desktop.ui.app import MainWindow, create_application

    create_application()
    window = MainWindow(store_path=":memory:", remember_session=True)
    qtbot.addWidget(window)
    if size:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


def settings_file(settings_dir):
    (path,) = list(settings_dir.rglob("*.ini"))
    return path


def test_a_session_is_restored_as_it_was_left(qtbot, settings_dir):
    window = open_window(qtbot, (1200, 800))
    window.entropy_tab.set_unit(Unit.NATS)
    window.trainer_tab.set_config_dict(
        window.trainer_tab.config_dict() | {"dataset": "moons", "lr": 0.05, "hidden": [7, 3]})
    panel = window.surface_tab.landscape_panel
    panel.set_settings(LandscapeSettings(plane="pca", size=51, split="val", seed=12))
    panel.log_check.setChecked(True)
    window.surface_tab.show_section("landscape")
    window.show_tab("surface")
    window.close()

    again = open_window(qtbot)
    # restoreGeometry() puts back the frame geometry; the platform may add a frame to it.
    assert abs(again.width() - 1200) <= 40 and abs(again.height() - 800) <= 40
    assert again.tabs.currentWidget() is again.surface_tab
    assert again.surface_tab.current_section_name() == "landscape"
    assert again.entropy_tab.unit() is Unit.NATS
    config = again.trainer_tab.config_dict()
    assert (config["dataset"], config["lr"], config["hidden"]) == ("moons", 0.05, [7, 3])
    restored = again.surface_tab.landscape_panel
    assert restored.settings() == LandscapeSettings(plane="pca", size=51, split="val", seed=12)
    assert restored.log_check.isChecked()


def test_a_chosen_preset_is_remembered_as_the_preset(qtbot, settings_dir):
    window = open_window(qtbot)
    window.trainer_tab.apply_preset("keras")
    window.close()
    again = open_window(qtbot)
    assert again.trainer_tab.preset_combo.currentData() == "keras"


def test_a_damaged_settings_file_is_moved_aside_and_defaults_used(qtbot, settings_dir):
    open_window(qtbot).close()
    path = settings_file(settings_dir)
    path.write_bytes(b"[window\ntab=trainer\n\x00\xff = =\n")  # a section never closed
    window = open_window(qtbot)
    message = window.statusBar().currentMessage()
    assert "Settings could not be read; defaults are used" in message
    assert ".damaged-" in message
    assert window.entropy_tab.unit() is Unit.BITS
    assert window.tabs.currentIndex() == 0
    assert any(".damaged-" in p.name for p in path.parent.iterdir())


def test_foreign_values_fall_back_to_defaults(qtbot, settings_dir):
    open_window(qtbot).close()
    path = settings_file(settings_dir)
    path.write_text(
        "[General]\nformat=1\n"
        "[window]\ngeometry=not bytes\ntab=nowhere\n"
        "[entropy]\nunit=furlongs\n"
        "[trainer]\npreset=sgd-magic\nconfig={\"lr\": \"fast\"\n"
        "[landscape]\nsettings={\"size\": -4}\nlog_scale=maybe\n"
        "[surface]\nsection=hessian\n", encoding="utf-8")
    window = open_window(qtbot)
    assert window.entropy_tab.unit() is Unit.BITS
    assert window.tabs.currentIndex() == 0
    assert window.trainer_tab.preset_combo.currentData() == "tutorial"
    assert window.surface_tab.landscape_panel.settings() == LandscapeSettings()
    assert not window.surface_tab.landscape_panel.log_check.isChecked()
    assert "could not be read" not in window.statusBar().currentMessage()


def test_reset_to_defaults_puts_everything_back_and_forgets(qtbot, settings_dir):
    window = open_window(qtbot, (1000, 700))
    window.entropy_tab.set_unit(Unit.BANS)
    window.trainer_tab.apply_preset("keras")
    window.surface_tab.landscape_panel.set_settings(LandscapeSettings(size=81))
    window.show_tab("trainer")
    window.reset_action.trigger()
    assert window.entropy_tab.unit() is Unit.BITS
    assert window.trainer_tab.preset_combo.currentData() == "tutorial"
    assert window.surface_tab.landscape_panel.settings() == LandscapeSettings()
    assert window.tabs.currentIndex() == 0
    assert (window.width(), window.height()) == (1440, 900)
    assert "reset" in window.statusBar().currentMessage()


def test_tests_and_screenshots_do_not_remember(qtbot, settings_dir):
    from ce_desktop.ui.app import MainWindow, create_application

    create_application()
    window = MainWindow(store_path=":memory:")
    qtbot.addWidget(window)
    window.close()
    assert window.session is None and not window.reset_action.isEnabled()
    assert list(settings_dir.rglob("*.ini")) == []
