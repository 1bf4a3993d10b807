"""Command line: open the app, render screenshots, run the self-test.

Kept free of heavy imports so that ``--version`` and ``--help`` answer at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ce_desktop import APP_NAME, __version__

TABS = ("entropy", "surface", "trainer")
#: Sections of the loss-surface tab; the landscape is shown after a tutorial run.
SURFACE_SECTIONS = ("curves", "logistic", "landscape")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="Entropy, cross-entropy and KL divergence made visible. "
        "With no command, opens the main window.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--exit-after-shown", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    shot = commands.add_parser(
        "screenshot", help="render the main window offscreen, on one tab, to a PNG"
    )
    shot.add_argument("--tab", choices=TABS, default="entropy", help="tab to show")
    shot.add_argument("--section", choices=SURFACE_SECTIONS, default="landscape",
                      help="section of the surface tab to show (landscape: after a tutorial "
                      "run, its PCA-plane landscape)")
    shot.add_argument("path", metavar="PATH.png", help="where to write the picture")
    shot.add_argument("--width", type=int, default=1440, help="window width in pixels")
    shot.add_argument("--height", type=int, default=900, help="window height in pixels")
    shot.add_argument(
        "--lang", default=None, help="interface language: en (the default) or zh_CN"
    )
    shot.add_argument("--theme", choices=("light", "dark"), default="light",
                      help="colours: light (the default), or dark as on a dark desktop")

    commands.add_parser(
        "self-test", help="check this installation end to end; exit 0 only if all checks pass"
    )

    train = commands.add_parser(
        "train", help="train headless and print one line (or JSON object) per epoch"
    )
    train.add_argument("--preset", choices=("tutorial", "keras"), default="tutorial",
                       help="starting configuration: the tutorial's PyTorch or Keras run")
    train.add_argument("--config", metavar="FILE",
                       help="JSON file of settings applied on top of the preset")
    train.add_argument("--epochs", type=int, help="number of epochs")
    train.add_argument("--seed", type=int, help="seed for initialisation and shuffling")
    train.add_argument("--json", action="store_true",
                       help="print JSON objects: one per epoch, then the test metrics")
    train.add_argument("--store", metavar="PATH",
                       help="run store (SQLite) to record the run in; default: user data dir")
    train.add_argument("--save-model", metavar="PATH", help="save the trained model here")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "screenshot":
        return screenshot(args.tab, args.path, args.width, args.height, args.lang, args.theme,
                          args.section)
    if args.command == "train":
        from ce_desktop.train_command import run_train_command

        return run_train_command(args)
    if args.command == "self-test":
        from ce_desktop.self_test import run_self_test

        return run_self_test()
    from ce_desktop.ui.app import run_gui

    return run_gui(exit_after_shown=args.exit_after_shown)


def _run_tutorial(window, timeout_ms: int = 180_000) -> bool:
    """Run the tutorial preset in the trainer tab and wait for it, for the screenshot."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    loop = QEventLoop()
    tab = window.trainer_tab
    tab.run_completed.connect(lambda _result: loop.quit())
    QTimer.singleShot(timeout_ms, loop.quit)
    tab.apply_preset("tutorial")
    if not tab.start():
        return False
    loop.exec()
    # run_completed arrives just before the job ends; let it end (its buttons follow).
    if tab.run is not None and not tab.run.wait(10):
        tab.shutdown()
        return False
    QCoreApplication.sendPostedEvents()
    return tab.last_result is not None and tab.last_result.status == "finished"


def _compute_landscape(window, timeout_ms: int = 120_000) -> bool:
    """Compute the last run's landscape on its PCA plane and wait for it."""
    from PySide6.QtCore import QEventLoop, QTimer

    panel = window.surface_tab.landscape_panel
    panel.refresh_sources()
    panel.plane_combo.setCurrentIndex(panel.plane_combo.findData("pca"))
    panel.size_combo.setCurrentIndex(panel.size_combo.findData(41))
    loop = QEventLoop()
    outcome: list[bool] = []
    panel.computation_finished.connect(lambda ok: (outcome.append(ok), loop.quit()))
    QTimer.singleShot(timeout_ms, loop.quit)
    if not panel.compute():
        return False
    loop.exec()
    return outcome == [True]


def screenshot(tab: str, path: str, width: int, height: int, lang: str | None,
               theme: str = "light", section: str = "landscape") -> int:
    """Render the main window offscreen on ``tab`` and save it as a PNG."""
    from ce_desktop.ui import language

    chosen = language.normalise(lang or language.SOURCE_LANGUAGE)
    if chosen is None:
        print(f"{APP_NAME}: no translation for {lang!r}; available: "
              f"{', '.join(language.LANGUAGES)}", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ce_desktop.ui.app import MainWindow, create_application

    # The translator is installed before any widget exists: every tr() then translates.
    app = create_application(language=chosen)
    if language.current_language() != chosen:
        print(f"{APP_NAME}: could not load the {chosen} translation from "
              f"{language.qm_path(chosen)}", file=sys.stderr)
        return 1
    if theme == "dark":
        from ce_desktop.ui import style

        style.use_dark_palette(app)
    # Screenshots never touch the user's run store.
    window = MainWindow(store_path=":memory:")
    window.resize(width, height)
    window.show_tab(tab)
    window.show()
    if tab == "surface":
        window.surface_tab.show_section(section)
    needs_run = tab == "trainer" or (tab == "surface" and section == "landscape")
    if needs_run and not _run_tutorial(window):
        print(f"{APP_NAME}: the tutorial run did not finish", file=sys.stderr)
        return 1
    if tab == "surface" and section == "landscape" and not _compute_landscape(window):
        print(f"{APP_NAME}: the landscape was not computed", file=sys.stderr)
        return 1
    for _ in range(3):
        app.processEvents()
    if not window.grab().save(path, "PNG"):
        print(f"{APP_NAME}: could not write {path}", file=sys.stderr)
        return 1
    print(path)
    window.close()
    return 0
