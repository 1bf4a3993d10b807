"""The core and the backend never import Qt; the window's process never imports torch,
scikit-learn or pandas, whatever the user does."""

import json
import os
import subprocess
import sys

import pytest

#: Starts a process of its own: the app's worker or command line, or an external tool.
pytestmark = pytest.mark.process

QT_PREFIXES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph", "superqt", "qtpy")


def _loaded_modules(code: str) -> set[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_core_and_backend_import_no_qt():
    modules = _loaded_modules(
        "import pkgutil, importlib, ce_desktop.core as core, ce_desktop.backend as backend\n"
        "for package in (core, backend):\n"
        "    for m in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(m.name)"
    )
    assert {"ce_desktop.core.info", "ce_desktop.backend.process"} <= modules
    leaked = sorted(m for m in modules if m.split(".")[0] in QT_PREFIXES)
    assert leaked == []


@pytest.mark.parametrize("module", ["torch", "sklearn", "pandas"])
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


USING_THE_WINDOW = """
import json, sys, tempfile, os
from PySide6.QtCore import QEventLoop, QTimer
from ce_desktop.ui.app import MainWindow, _start_warm_up, create_application

app = create_application([])
window = MainWindow(store_path=":memory:")
window.show()
app.processEvents()
_start_warm_up()
imported = {}

def wait(signal=None, until=None, ms=240_000):
    loop = QEventLoop()
    if signal is not None:
        signal.connect(loop.quit)
    timer = QTimer()
    if until is not None:
        timer.timeout.connect(lambda: until() and loop.quit())
        timer.start(20)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()

def note(step):
    imported[step] = sorted(m for m in ("torch", "sklearn", "pandas") if m in sys.modules)

from ce_desktop.backend import process
wait(until=lambda: process.idle_pids(), ms=60_000)
note("warm-up")
tab = window.trainer_tab
tab.apply_preset("tutorial")
tab.epochs_spin.setValue(2)
assert tab.start()
wait(tab.run_completed)
wait(until=lambda: not tab.is_running())
assert tab.last_result.status == "finished", tab.last_result
note("run")
path = os.path.join(tempfile.mkdtemp(), "tutorial.pt")
assert tab.save_model(path)
wait(until=lambda: tab.file_job is None)
assert os.path.getsize(path) > 0
assert tab.load_model(path)
wait(until=lambda: tab.file_job is None)
assert tab.loaded_model is not None
note("model file")
panel = window.surface_tab.landscape_panel
panel.refresh_sources()
panel.size_combo.setCurrentIndex(panel.size_combo.findData(11))
assert panel.compute()
wait(panel.computation_finished)
assert panel.image.image is not None
note("landscape")
logistic = window.surface_tab.logistic_panel
logistic.dataset_combo.setCurrentIndex(logistic.dataset_combo.findData("moons"))
wait(logistic.data_changed)
assert len(logistic.X) > 0
note("trainer data")
table = os.path.join(tempfile.mkdtemp(), "table.csv")
with open(table, "w", encoding="utf-8") as handle:
    handle.write("x,kind,y\\n" + "".join(f"{i % 7},{'ab'[i % 2]},{i % 3 % 2}\\n"
                                        for i in range(60)))
assert tab.open_data(table)
wait(until=lambda: tab.import_dialog.result_event is not None)
tab.import_dialog.accept()
assert tab.config_dict()["csv_path"] == table
note("import dialog")
with open(table, "w", encoding="utf-8") as handle:
    handle.write("a,colour,label\\n" + "".join(
        f"{i % 7},{'red' if i % 3 else 'blue'},{i % 2}\\n" for i in range(60)))
tab.set_config_dict(tab.config_dict() | {"dataset": "csv", "csv_path": table,
                                         "csv_target": "label", "csv_roles": {},
                                         "epochs": 1})
assert tab.start()
wait(tab.run_completed)
wait(until=lambda: not tab.is_running())
assert tab.applier.start(table, table + ".predicted.csv", tab.table_model())
wait(until=lambda: not tab.applier.is_running())
assert os.path.getsize(table + ".predicted.csv") > 0
note("apply model")
window.close()
print(json.dumps(imported))
"""


def test_using_the_window_imports_neither_torch_nor_sklearn_in_its_process():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", USING_THE_WINDOW], capture_output=True,
                         text=True, env=env, timeout=600)
    assert out.returncode == 0, out.stderr
    imported = json.loads(out.stdout.strip().splitlines()[-1])
    assert imported == {step: [] for step in
                        ("warm-up", "run", "model file", "landscape", "trainer data",
                         "import dialog", "apply model")}


def test_the_import_contracts_hold():
    """pyproject.toml's [tool.importlinter] contracts: no Qt in the core or the backend, the
    layers from the command line down to the core, and three independent tabs."""
    lint = os.path.join(os.path.dirname(sys.executable), "lint-imports")
    out = subprocess.run([lint], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "3 kept, 0 broken" in out.stdout
