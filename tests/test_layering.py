"""The core never imports Qt; opening the window never imports torch."""

import json
import os
import subprocess
import sys

import pytest

QT_PREFIXES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph", "superqt", "qtpy")


def _loaded_modules(code: str) -> set[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_core_imports_no_qt():
    modules = _loaded_modules(
        "import pkgutil, importlib, ce_desktop.core as core\n"
        "for m in pkgutil.iter_modules(core.__path__):\n"
        "    importlib.import_module('ce_desktop.core.' + m.name)"
    )
    assert "ce_desktop.core.info" in modules
    leaked = sorted(m for m in modules if m.split(".")[0] in QT_PREFIXES)
    assert leaked == []


@pytest.mark.parametrize("module", ["torch", "sklearn"])
def test_opening_the_window_imports_neither_torch_nor_sklearn(module):
    modules = _loaded_modules(
        "from ce_desktop.ui.app import create_application, MainWindow\n"
        "app = create_application([])\n"
        "w = MainWindow(); w.show(); app.processEvents()\n"
        "assert w.isVisible()"
    )
    assert "ce_desktop.ui.main_window" in modules
    assert "PySide6.QtWidgets" in modules
    assert module not in modules


def test_the_window_shell_appears_before_pyqtgraph_and_numpy_load():
    modules = _loaded_modules(
        "from ce_desktop.ui.app import create_application, MainWindow\n"
        "app = create_application([])\n"
        "w = MainWindow(build_tabs=False); w.show(); app.processEvents()\n"
        "assert w.isVisible() and not w.export_action.isEnabled()"
    )
    assert "ce_desktop.ui.main_window" in modules
    assert {"numpy", "pyqtgraph", "torch"}.isdisjoint(modules)
