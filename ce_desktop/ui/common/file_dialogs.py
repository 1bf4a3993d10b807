"""File dialogs that open in the folder where the user last chose a file, in this session and
the next, instead of wherever the app happened to be started."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from ce_desktop.ui.common.session import open_settings

LAST_FOLDER_KEY = "files/last_folder"


def last_folder(settings: QSettings | None = None) -> Path:
    """The folder of the last file chosen, if it still exists; else the user's home."""
    if settings is None:
        settings, _problem = open_settings()
    folder = settings.value(LAST_FOLDER_KEY)
    if isinstance(folder, str) and folder and Path(folder).is_dir():
        return Path(folder)
    return Path.home()


def _remember(settings: QSettings, path: str) -> str | None:
    if not path:
        return None
    settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))
    settings.sync()
    return path


def table_filters() -> str:
    """The open dialog's filters for a data table: CSV text or an Excel workbook."""
    return ";;".join([
        QCoreApplication.translate("file_dialogs", "Tables (*.csv *.tsv *.txt *.xlsx)"),
        QCoreApplication.translate("file_dialogs", "CSV files (*.csv)"),
        QCoreApplication.translate("file_dialogs", "Excel workbooks (*.xlsx)"),
        QCoreApplication.translate("file_dialogs", "All files (*)"),
    ])


def choose_file_to_open(parent: QWidget, title: str, filters: str) -> str | None:
    """The file the user chose to open, or None if they cancelled."""
    settings, _problem = open_settings()
    path, _ = QFileDialog.getOpenFileName(parent, title, str(last_folder(settings)), filters)
    return _remember(settings, path)


def choose_file_to_save(parent: QWidget, title: str, name: str, filters: str) -> str | None:
    """Where the user chose to save (``name`` is suggested), or None if they cancelled."""
    settings, _problem = open_settings()
    path, _ = QFileDialog.getSaveFileName(parent, title, str(last_folder(settings) / name),
                                          filters)
    return _remember(settings, path)


def with_file_to_open(parent: QWidget, title: str, filters: str,
                      use: Callable[[str], object]) -> None:
    """Ask for a file to open and hand its path to ``use``; nothing if the user cancels."""
    path = choose_file_to_open(parent, title, filters)
    if path:
        use(path)


def with_file_to_save(parent: QWidget, title: str, name: str, filters: str,
                      use: Callable[[str], object]) -> None:
    """Ask where to save (``name`` is suggested) and hand the path to ``use``; nothing if the
    user cancels."""
    path = choose_file_to_save(parent, title, name, filters)
    if path:
        use(path)
