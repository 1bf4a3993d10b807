"""PySide no longer reads the source of each module imported after the interface."""

import linecache
import sys

import ce_desktop.ui  # noqa: F401  (turns the scan off, as the app's start does)
from ce_desktop.ui.pyside_source_scan import FEATURE_MODULE, skip_source_scan


def _import_fresh_module(tmp_path, monkeypatch, name: str):
    path = tmp_path / f"{name}.py"
    path.write_text(
        "from PySide6.QtCore import QPointF\n"
        "def length():\n"
        "    return QPointF(3.0, 4.0).manhattanLength()\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.checkcache()
    # The import statement's way (PySide hooks __import__; importlib.import_module is not seen).
    module = __import__(name)
    monkeypatch.delitem(sys.modules, name)
    return module, str(path)


def test_a_module_imported_after_the_interface_is_not_read_into_linecache(
        tmp_path, monkeypatch):
    module, path = _import_fresh_module(tmp_path, monkeypatch, "ce_scan_probe_one")
    # PySide's own scan would have read the file and kept its lines.
    assert path not in linecache.cache
    feature = sys.modules[FEATURE_MODULE]
    # PySide's default for a module that uses Qt without a __feature__ selection.
    assert feature.pyside_feature_dict[module.__name__] == 0
    # Qt's methods keep their own names in it (no snake_case or true_property).
    assert module.length() == 7.0


def test_the_scan_is_found_in_the_installed_pyside():
    # If PySide renames or drops it, this says so instead of the speed-up going quietly.
    assert skip_source_scan() is True
    assert sys.modules[FEATURE_MODULE]._mod_uses_pyside.__module__ == (
        "ce_desktop.ui.pyside_source_scan")
