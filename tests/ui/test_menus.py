"""Menus: experiment files, tab shortcuts, the Run menu, the primer and the shortcut list."""

import json

import numpy as np
import pytest

from ce_desktop.core.info import Unit

#: Starts a process of its own: the app's worker or command line, or an external tool.
pytestmark = pytest.mark.process


def read_experiment(qtbot, window, path) -> None:
    """Open an experiment file as File → Open does, and wait until it is read."""
    assert window.open_experiment_from(str(path))
    assert window.experiment_read is not None  # read off the GUI thread
    qtbot.waitUntil(lambda: window.experiment_read is None, timeout=10_000)


def test_save_and_open_an_experiment_restores_both_tabs(qtbot, main_window, tmp_path):
    entropy = main_window.entropy_tab
    entropy.set_p([0.6, 0.3, 0.1])
    entropy.set_q([0.3, 0.3, 0.4])
    entropy.set_unit(Unit.NATS)
    trainer = main_window.trainer_tab
    trainer.set_config_dict(trainer.config_dict() | {"dataset": "xor", "lr": 0.02})
    path = tmp_path / "shared.json"
    assert main_window.save_experiment_to(str(path))
    assert json.loads(path.read_text(encoding="utf-8"))["trainer"]["dataset"] == "xor"

    entropy.set_p([0.25, 0.25, 0.25, 0.25])
    entropy.set_unit(Unit.BITS)
    trainer.apply_preset("tutorial")
    read_experiment(qtbot, main_window, path)
    np.testing.assert_allclose(entropy.p(), [0.6, 0.3, 0.1])
    np.testing.assert_allclose(entropy.q(), [0.3, 0.3, 0.4])
    assert entropy.unit() is Unit.NATS
    assert (trainer.config_dict()["dataset"], trainer.config_dict()["lr"]) == ("xor", 0.02)
    assert "Experiment loaded" in main_window.statusBar().currentMessage()


def test_a_bad_experiment_file_changes_nothing(qtbot, main_window, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr("ce_desktop.ui.main_window.QMessageBox.warning",
                        lambda *args: warnings.append(args[2]))
    path = tmp_path / "bad.json"
    path.write_text('{"format": "ce-desktop-experiment/1", "entropy": {"p": [2]}}',
                    encoding="utf-8")
    before = main_window.entropy_tab.p()
    read_experiment(qtbot, main_window, path)
    assert warnings and "entropy.p" in warnings[0]
    np.testing.assert_array_equal(main_window.entropy_tab.p(), before)


def test_an_experiment_with_more_classes_than_the_explorer_shows_changes_nothing(
        qtbot, main_window, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr("ce_desktop.ui.main_window.QMessageBox.warning",
                        lambda *args: warnings.append(args[2]))
    tab = main_window.entropy_tab
    state = tab.state().to_dict() | {"p": [1 / 13] * 13, "q": [1 / 13] * 13, "logits": [0.0] * 13,
                           "temperature": 7.0}
    path = tmp_path / "thirteen.json"
    path.write_text(json.dumps({"format": "ce-desktop-experiment/1", "entropy": state}),
                    encoding="utf-8")
    before = tab.state()
    read_experiment(qtbot, main_window, path)
    assert warnings and "entropy.p has 13" in warnings[0]
    assert tab.state() == before


def test_tab_shortcuts_switch_tabs(main_window):
    keys = [action.shortcut().toString() for action in main_window.tab_actions]
    assert keys == ["Ctrl+1", "Ctrl+2", "Ctrl+3"]
    main_window.tab_actions[2].trigger()
    assert main_window.tabs.currentWidget() is main_window.trainer_tab
    main_window.tab_actions[1].trigger()
    assert main_window.tabs.currentWidget() is main_window.surface_tab


def test_run_menu_starts_and_stops_training(qtbot, main_window):
    trainer = main_window.trainer_tab
    trainer.set_config_dict(trainer.config_dict() | {"dataset": "moons", "epochs": 500,
                                                     "n_samples": 200})
    main_window.start_action.trigger()
    assert main_window.tabs.currentWidget() is trainer
    assert trainer.is_running()
    with qtbot.waitSignal(trainer.run_completed, timeout=60_000) as completed:
        main_window.stop_action.trigger()
    assert completed.args[0].status == "stopped"


def test_primer_explains_and_corrects_the_tutorial(main_window):
    main_window.primer_action.trigger()
    dock = main_window.primer_dock
    assert dock.isVisible()
    text = dock.browser.toPlainText()
    for phrase in ("H(p, q) = H(p) + KL(p‖q)", "A fair coin has H = 1 bit",
                   "not bounded by 1", "BCEWithLogitsLoss", "Label smoothing",
                   "Class weights", "Calibration", "Two corrections to the tutorial"):
        assert phrase in text, phrase
    assert main_window.primer_action.shortcut().toString() == "F1"


def test_shortcut_list_is_read_from_the_menus(main_window):
    html = main_window.shortcuts_html()
    for key, text in (("Ctrl+E", "Export current plot…"), ("Ctrl+Return", "Start training"),
                      ("Ctrl+L", "Compute the landscape"), ("F1", "Cross-entropy primer")):
        assert f"<b>{key}</b></td><td>{text}</td>" in html


@pytest.mark.parametrize("name", ["open_experiment_action", "save_experiment_action",
                                  "start_action", "landscape_action"])
def test_actions_that_need_the_tabs_wait_for_them(qtbot, name):
    from ce_desktop.ui.app import MainWindow, create_application

    create_application()
    window = MainWindow(build_tabs=False, store_path=":memory:")
    qtbot.addWidget(window)
    assert not getattr(window, name).isEnabled()
    window.build_tabs()
    assert getattr(window, name).isEnabled()


def test_a_bad_experiment_is_explained_in_chinese_in_the_dialog_and_the_status_bar(
        qtbot, main_window, tmp_path, monkeypatch):
    from ce_desktop.ui.common import language

    warnings = []
    monkeypatch.setattr("ce_desktop.ui.main_window.QMessageBox.warning",
                        lambda *args: warnings.append(args[2]))
    path = tmp_path / "bad.json"
    path.write_text('{"format": "something else"}', encoding="utf-8")
    assert language.install("zh_CN")
    try:
        read_experiment(qtbot, main_window, path)
        status = main_window.statusBar().currentMessage()
    finally:
        language.remove()
    assert warnings == ["bad.json 不是 ce-desktop 的实验文件"]
    assert "bad.json 不是 ce-desktop 的实验文件" in status


def test_choosing_a_language_says_in_a_dialog_that_it_applies_after_a_restart(
        main_window, monkeypatch):
    shown = []
    monkeypatch.setattr("ce_desktop.ui.main_window.QMessageBox.information",
                        lambda *args: shown.append(args[2]))
    main_window.language_actions["zh_CN"].trigger()
    assert len(shown) == 1
    assert "restarted" in shown[0] and "重新启动" in shown[0]
    assert main_window.language_actions["zh_CN"].isChecked()


def test_an_experiment_is_read_off_the_gui_thread_and_applied_whole(
        qtbot, main_window, tmp_path, monkeypatch):
    import threading

    from ce_desktop.core import experiment

    path = tmp_path / "shared.json"
    assert main_window.save_experiment_to(str(path))
    readers = []
    real = experiment.load_experiment

    def watched(read_path):
        readers.append(threading.current_thread())
        return real(read_path)

    monkeypatch.setattr(experiment, "load_experiment", watched)
    main_window.entropy_tab.set_p([0.7, 0.2, 0.1])
    assert main_window.open_experiment_from(str(path))
    assert not main_window.open_experiment_from(str(path))  # one read at a time
    qtbot.waitUntil(lambda: main_window.experiment_read is None, timeout=10_000)
    assert len(readers) == 1 and readers[0] is not threading.main_thread()
    assert main_window.entropy_tab.p().tolist() != [0.7, 0.2, 0.1]


def test_the_file_menu_saves_and_loads_models(main_window, monkeypatch):
    """Save model… and Load model… were only buttons of the trainer."""
    asked = []
    monkeypatch.setattr("ce_desktop.ui.trainer.tab.with_file_to_save",
                        lambda *args: asked.append(("save", args[1])))
    monkeypatch.setattr("ce_desktop.ui.trainer.tab.with_file_to_open",
                        lambda *args: asked.append(("load", args[1])))
    file_menu = main_window.menuBar().actions()[0].menu()
    assert {main_window.save_model_action, main_window.load_model_action} <= set(
        file_menu.actions())
    main_window.tabs.setCurrentWidget(main_window.entropy_tab)
    # Nothing trained yet: said at once, no file chooser.
    main_window.save_model_action.trigger()
    trainer = main_window.trainer_tab
    assert main_window.tabs.currentWidget() is trainer
    assert asked == []
    assert "Train a model first" in trainer.message_label.text()
    main_window.load_model_action.trigger()
    assert asked == [("load", "Load model")]
