"""A bad file opened the way a user opens it shows why and leaves every tab exactly as it was.

One test per boundary of the window: experiment files (File → Open experiment), model files
(the trainer's Load model…) and data files (the trainer's CSV path). "Every tab" is what each
tab remembers of itself: its saved settings, read back before and after.
"""

import json

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from ce_desktop.ui.common.session import Session, save_view

#: Starts a process of its own: the app's worker.
pytestmark = pytest.mark.process


def every_tab(window, folder) -> dict[str, object]:
    """What each tab would remember of itself now, plus the trainer's results line."""
    settings = QSettings(str(folder / f"snapshot-{len(list(folder.iterdir()))}.ini"),
                         QSettings.Format.IniFormat)
    session = Session(settings)
    for tab in (window.entropy_tab, window.surface_tab, window.trainer_tab):
        save_view(tab, session)
    settings.sync()
    values = {key: settings.value(key) for key in settings.allKeys()}
    panel = window.trainer_tab.evaluation_panel
    values["trainer results"] = (panel.pages.currentIndex(), panel.hint_label.text())
    return values


@pytest.fixture
def snapshots(tmp_path):
    folder = tmp_path / "snapshots"
    folder.mkdir()
    return folder


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    return shown


def choose_file(monkeypatch, path) -> None:
    """The next file dialog answers ``path``, as if the user had picked it."""
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName",
                        lambda *args, **kwargs: (str(path), ""))


def changed_settings(window):
    """Move every tab away from its defaults, so that 'unchanged' is not 'reset'."""
    window.entropy_tab.set_p([0.6, 0.3, 0.1])
    trainer = window.trainer_tab
    trainer.set_config_dict(trainer.config_dict() | {"dataset": "xor", "lr": 0.02,
                                                     "epochs": 7})


def test_a_bad_experiment_through_the_file_menu(qtbot, main_window, tmp_path, snapshots,
                                                  warnings, monkeypatch):
    changed_settings(main_window)
    path = tmp_path / "experiment.json"
    path.write_text(json.dumps({"format": "ce-desktop-experiment/1",
                                "entropy": main_window.entropy_tab.state().to_dict(),
                                "trainer": {"epochs": 1e10}}), encoding="utf-8")
    before = every_tab(main_window, snapshots)
    choose_file(monkeypatch, path)
    main_window.open_experiment_action.trigger()
    qtbot.waitUntil(lambda: main_window.experiment_read is None, timeout=10_000)
    assert warnings == ["trainer: epochs must lie between 1 and 10000, not 1e+10"]
    assert "Cannot open the experiment" in main_window.statusBar().currentMessage()
    assert every_tab(main_window, snapshots) == before


def test_a_bad_model_file_through_load_model(qtbot, main_window, tmp_path, snapshots,
                                             warnings, monkeypatch):
    changed_settings(main_window)
    trainer = main_window.trainer_tab
    path = tmp_path / "model.pt"
    path.write_bytes(b"PK\x03\x04 not a model at all" * 10)
    before = every_tab(main_window, snapshots)
    choose_file(monkeypatch, path)
    trainer.load_model_button.click()
    qtbot.waitUntil(lambda: trainer.file_job is None, timeout=60_000)
    shown = " ".join(warnings) + trainer.message_label.text()
    assert "model.pt" in shown and "Traceback" not in shown
    assert every_tab(main_window, snapshots) == before


def test_a_bad_csv_as_the_training_data(qtbot, main_window, tmp_path, snapshots, warnings):
    trainer = main_window.trainer_tab
    path = tmp_path / "data.csv"
    path.write_text("a,b,label\n1,2,x\n3,abc,y\n" + "5,6,x\n" * 20, encoding="utf-8")
    trainer.set_config_dict(trainer.config_dict() | {"dataset": "csv", "csv_path": str(path),
                                                     "epochs": 3})
    before = every_tab(main_window, snapshots)
    trainer.start_button.click()
    qtbot.waitUntil(lambda: "abc" in trainer.message_label.text(), timeout=60_000)
    qtbot.waitUntil(lambda: not trainer.is_running(), timeout=10_000)
    assert "line 3, column 'b': 'abc' is not a number" in trainer.message_label.text()
    assert every_tab(main_window, snapshots) == before


def test_the_snapshot_sees_a_change_in_any_tab(main_window, snapshots):
    before = every_tab(main_window, snapshots)
    seed = main_window.surface_tab.landscape_panel.seed_spin
    seed.setValue(seed.value() + 2)
    after_surface = every_tab(main_window, snapshots)
    assert after_surface != before
    changed_settings(main_window)
    assert every_tab(main_window, snapshots) != after_surface
