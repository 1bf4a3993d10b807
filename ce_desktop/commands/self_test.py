"""`ce-desktop self-test`: end-to-end checks of an installed or frozen build."""

from __future__ import annotations

import math
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path


def _check_numerics() -> str:
    from ce_desktop.core import info

    assert info.entropy([0.5, 0.5]) == 1.0, "a fair coin must carry exactly 1 bit"
    p, q = [0.7, 0.2, 0.1], [0.2, 0.5, 0.3]
    expected_ce = -sum(a * math.log2(b) for a, b in zip(p, q, strict=True))
    expected_h = -sum(a * math.log2(a) for a in p)
    assert math.isclose(info.cross_entropy(p, q), expected_ce, rel_tol=1e-12)
    assert math.isclose(info.kl_divergence(p, q), expected_ce - expected_h, rel_tol=1e-9)
    assert math.isclose(info.binary_cross_entropy([1, 0], [0.5, 0.5]), math.log(2))
    assert info.cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert list(info.softmax([1e4, -1e4])) == [1.0, 0.0]
    return "entropy, cross-entropy, KL, BCE and softmax agree with closed forms"


def _check_window() -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ce_desktop.ui.app import MainWindow, create_application
    from ce_desktop.ui.common.plot_export import export_plot

    app = create_application()
    window = MainWindow()
    window.show()
    app.processEvents()
    image = window.grab()
    assert image.width() > 0 and image.height() > 0, "the window rendered nothing"
    tab = window.entropy_tab
    tab.set_p([0.5, 0.5])
    tab.set_q([0.5, 0.5])
    shown = tab.readouts["entropy_p"].text()
    assert shown == "1 bit", f"a fair coin reads {shown!r}, not '1 bit'"
    with tempfile.TemporaryDirectory() as folder:
        path = export_plot(tab.coin_panel.plot_widget, Path(folder) / "coin.png")
        size = path.stat().st_size
        assert size > 1000, f"the exported PNG holds only {size} bytes"
    window.close()
    return f"main window rendered {image.width()}×{image.height()} on '{app.platformName()}'"


def _check_training() -> str:
    """One tutorial epoch in a worker process, as the window trains (a frozen build starts
    that process by running its own executable again)."""
    from ce_desktop.backend.process import WorkerProcess
    from ce_desktop.core.jobs import Flags
    from ce_desktop.core.training.config import PRESETS
    from ce_desktop.core.training.run import Ended, Epoch, TrainingJob

    config = PRESETS["tutorial"].to_dict() | {"epochs": 1}
    events: list[object] = []
    process = WorkerProcess()
    try:
        process.run(TrainingJob(config), Flags(), events.append)
    finally:
        process.close()
    (ended,) = [event for event in events if isinstance(event, Ended)]
    assert ended.status == "finished", ended.message
    (record,) = [event.record for event in events if isinstance(event, Epoch)]
    # One epoch of the tutorial run already beats the no-information loss ln 2.
    assert record.val_loss < math.log(2), f"validation loss {record.val_loss:.4f} after 1 epoch"
    return (f"one tutorial epoch in a worker process: val loss {record.val_loss:.4f}, "
            f"val accuracy {record.val_acc:.3f} in {record.seconds:.2f} s")


def _check_tables() -> str:
    """A table with a gap and a category, as CSV (read by pandas' C reader) and as an Excel
    workbook (openpyxl): both read, and summarise alike (a frozen build must ship both)."""
    from openpyxl import Workbook

    from ce_desktop.core.data.columns import read_table, summarise

    rows = [(i, "" if i % 5 == 0 else 20 + i, "ab"[i % 2], "xy"[i // 2 % 2]) for i in range(40)]
    with tempfile.TemporaryDirectory() as folder:
        csv_path, book_path = Path(folder) / "t.csv", Path(folder) / "t.xlsx"
        csv_path.write_text("id,age,kind,label\n" + "".join(
            ",".join(str(cell) for cell in row) + "\n" for row in rows), encoding="utf-8")
        book = Workbook()
        book.active.append(["id", "age", "kind", "label"])
        for row in rows:
            book.active.append([cell if cell != "" else None for cell in row])
        book.save(book_path)
        table = read_table(csv_path)
        assert table.values(0) is not None, "the CSV was not read by pandas"
        summaries = [summarise(table), summarise(read_table(book_path))]
    kinds = [(c.kind, c.missing) for c in summaries[0].columns]
    assert kinds == [(c.kind, c.missing) for c in summaries[1].columns], "CSV and workbook differ"
    assert kinds[1:3] == [("numeric", 8), ("categorical", 0)], kinds
    return "a CSV (pandas) and an .xlsx workbook (openpyxl) read and summarise alike"


def _check_loss_grid() -> str:
    import copy

    import numpy as np
    import torch
    from torch.nn.utils import vector_to_parameters

    from ce_desktop.core.landscape import grid as landscape
    from ce_desktop.core.training.models import build_mlp

    torch.manual_seed(0)
    model = build_mlp(4, 2, (8, 8), "relu", "bce")
    X, y = torch.randn(200, 4), torch.randint(0, 2, (200,))
    generator = torch.Generator().manual_seed(1)
    d1 = landscape.filter_normalized_direction(model, generator)
    d2 = landscape.filter_normalized_direction(model, generator)
    axis = np.linspace(-1.0, 1.0, 5)
    grid = landscape.loss_grid(model, X, y, d1, d2, axis, axis, "bce")
    theta = landscape.flat_parameters(model)
    clone = copy.deepcopy(model)
    worst = 0.0
    with torch.no_grad():
        for i, a in enumerate(axis):
            for j, b in enumerate(axis):
                vector_to_parameters(theta + float(a) * d1 + float(b) * d2, clone.parameters())
                expected = float(torch.nn.functional.binary_cross_entropy(clone(X)[:, 0],
                                                                          y.float()))
                worst = max(worst, abs(grid[i, j] - expected))
    assert worst < 1e-5, f"the loss grid is off by {worst:.2e} from one-point evaluation"
    assert torch.equal(landscape.flat_parameters(model), theta), "the grid moved the model"
    return f"5×5 loss grid matches one forward pass per point (max difference {worst:.1e})"


def _check_translations() -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from ce_desktop.core.training.config import TrainConfig
    from ce_desktop.ui.app import create_application
    from ce_desktop.ui.common import language

    app = create_application()
    before = language.current_language()
    try:
        assert language.install("zh_CN", app), f"{language.qm_path('zh_CN')} did not load"
        tab = QCoreApplication.translate("MainWindow", "Trainer")
        assert tab == "训练器", f"the trainer tab reads {tab!r} in Chinese"
        try:
            TrainConfig(lr=0).validate()
        except ValueError as error:
            message = language.translated(error)
        expected = "lr 必须在 1e-06 与 100000 之间，而不是 0"
        assert message == expected, f"a core message reads {message!r} in Chinese"
        # Qt's own dialogs (file chooser, message boxes) need Qt's translation too.
        cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
        assert cancel == "取消", f"Qt's Cancel button reads {cancel!r}: qtbase_zh_CN.qm is missing"
        # The lesson's steps ship beside their module, and their texts are translated.
        from ce_desktop.core.lesson.steps import CONTEXT, load_steps

        title = QCoreApplication.translate(CONTEXT, load_steps()[0].title)
        assert title == "公平的硬币携带 1 比特", f"the lesson's first step reads {title!r}"
    finally:
        language.install(before, app)
    return ("简体中文 loads for the interface, the core's messages, the lesson and Qt's own "
            "dialogs")


CHECKS: list[tuple[str, Callable[[], str]]] = [
    ("numerics", _check_numerics),
    ("window", _check_window),
    ("training", _check_training),
    ("loss grid", _check_loss_grid),
    ("translations", _check_translations),
    ("tables", _check_tables),
]


#: Overrides the folder of the self-test's log file (default: the platform's user log dir).
LOG_NAME = "self-test.log"


def log_path() -> Path:
    """Where `ce-desktop self-test` writes its report, besides stdout.

    A windowed Windows build has no console, so the file is the only place its report
    shows; ``$CE_DESKTOP_LOG_DIR`` overrides the platform's user log folder.
    """
    from ce_desktop.core.log_file import log_folder

    return log_folder() / LOG_NAME


def _print_to_stdout(line: str) -> None:
    # A windowed build on Windows has no console: sys.stdout is None there.
    if sys.stdout is not None:
        print(line, flush=True)


def run_self_test(print_line: Callable[[str], None] | None = None,
                  log: Path | None = None) -> int:
    """Run every check, report one line each, and return 0 only if all pass.

    With no ``print_line`` (the command line), the report goes to stdout and to
    :func:`log_path` (overwritten on each run), whose location is the report's first line.
    """
    if print_line is not None and log is None:
        return _run_checks(print_line)
    path = log if log is not None else log_path()
    echo = print_line if print_line is not None else _print_to_stdout
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("w", encoding="utf-8")
    except OSError as error:
        echo(f"self-test: cannot write the log {path}: {error}")
        return _run_checks(echo)
    echo(f"self-test: report also written to {path}")
    with handle:
        handle.write(f"self-test of {sys.executable}\n")

        def report(line: str) -> None:
            echo(line)
            handle.write(line + "\n")
            handle.flush()

        return _run_checks(report)


def _run_checks(print_line: Callable[[str], None]) -> int:
    failures = 0
    for name, check in CHECKS:
        try:
            detail = check()
        except Exception as error:
            failures += 1
            print_line(f"FAIL {name}: {error or type(error).__name__}")
            print_line(traceback.format_exc().rstrip())
        else:
            print_line(f"ok   {name}: {detail}")
    total = len(CHECKS)
    if failures:
        print_line(f"self-test: {failures} of {total} checks FAILED")
        return 1
    print_line(f"self-test: all {total} checks passed")
    return 0
