"""File dialogs open where the user last chose a file, also after a restart."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from ce_desktop.ui.common import file_dialogs


@pytest.fixture
def dialogs(monkeypatch, tmp_path):
    """The dialogs answer ``answers`` in turn and record the folder each was opened in."""
    ini = str(tmp_path / "settings.ini")  # not the suite's settings file
    monkeypatch.setattr(file_dialogs, "open_settings",
                        lambda: (QSettings(ini, QSettings.Format.IniFormat), None))
    opened, answers = [], []

    def dialog(_parent, _title, start, _filters):
        opened.append(start)
        return answers.pop(0), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return opened, answers


def test_the_next_dialog_opens_in_the_folder_of_the_last_choice(qapp, dialogs, tmp_path):
    opened, answers = dialogs
    data = tmp_path / "data"
    data.mkdir()
    answers += [str(data / "table.csv"), str(data / "model.pt"), ""]
    assert file_dialogs.choose_file_to_open(None, "Open", "*") == str(data / "table.csv")
    assert opened[0] == str(Path.home())
    assert file_dialogs.choose_file_to_save(None, "Save", "model.pt", "*") == str(
        data / "model.pt")
    assert opened[1] == str(data / "model.pt")  # the suggested name, in the last folder
    assert file_dialogs.choose_file_to_open(None, "Open", "*") is None  # cancelled
    assert opened[2] == str(data)
    assert file_dialogs.last_folder() == data
    assert QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat).value(
        file_dialogs.LAST_FOLDER_KEY) == str(data)  # in the settings file: after a restart


def test_a_folder_that_is_gone_gives_the_home_folder(qapp, dialogs, tmp_path):
    opened, answers = dialogs
    gone = tmp_path / "gone"
    gone.mkdir()
    answers += [str(gone / "a.json"), ""]
    file_dialogs.choose_file_to_open(None, "Open", "*")
    gone.rmdir()
    file_dialogs.choose_file_to_open(None, "Open", "*")
    assert opened[1] == str(Path.home())


def test_a_chosen_file_is_handed_on_and_a_cancelled_dialog_does_nothing(qapp, dialogs,
                                                                         tmp_path):
    _opened, answers = dialogs
    used = []
    answers += [str(tmp_path / "a.json"), "", str(tmp_path / "b.pt"), ""]
    file_dialogs.with_file_to_open(None, "Open", "*", used.append)
    file_dialogs.with_file_to_open(None, "Open", "*", used.append)  # cancelled
    file_dialogs.with_file_to_save(None, "Save", "b.pt", "*", used.append)
    file_dialogs.with_file_to_save(None, "Save", "b.pt", "*", used.append)  # cancelled
    assert used == [str(tmp_path / "a.json"), str(tmp_path / "b.pt")]
