"""Command line: open the app, render screenshots, run the self-test.

Kept free of heavy imports so that ``--version`` and ``--help`` answer at once.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping, Sequence

from ce_desktop import APP_NAME, __version__
from ce_desktop.commands.screenshot import (
    SCREENSHOT_DATASETS,
    SURFACE_SECTIONS,
    TABS,
    TRAINER_SECTIONS,
)

#: Screenshot sizes: from a phone to an 8K screen. A 100000-pixel window crashed Qt, and
#: 30000 needed 10 GB.
MIN_PIXELS, MAX_PIXELS = 200, 8192


def _step_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("lesson steps are numbered from 1")
    return value


def _pixels(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not MIN_PIXELS <= value <= MAX_PIXELS:
        raise argparse.ArgumentTypeError(
            f"{value} is outside {MIN_PIXELS}–{MAX_PIXELS} pixels")
    return value


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
    shot.add_argument("--section", choices=SURFACE_SECTIONS + TRAINER_SECTIONS, default=None,
                      help="section of the tab to show: of the surface tab curves, logistic "
                      "or landscape (the default: after a tutorial run, its PCA-plane "
                      "landscape); of the trainer samples (the Samples view and the card "
                      "of the worst test sample) or pinned (the three worst test samples "
                      "pinned and followed through a second run)")
    shot.add_argument("--dataset", choices=SCREENSHOT_DATASETS, default="tutorial",
                      help="what the trainer's run trains on: the tutorial's data, or "
                      "digits (8×8 images, softmax cross-entropy)")
    shot.add_argument("path", metavar="PATH.png", help="where to write the picture")
    shot.add_argument("--width", type=_pixels, default=1440,
                      help=f"window width in pixels ({MIN_PIXELS}–{MAX_PIXELS})")
    shot.add_argument("--height", type=_pixels, default=900,
                      help=f"window height in pixels ({MIN_PIXELS}–{MAX_PIXELS})")
    shot.add_argument(
        "--lang", default=None, help="interface language: en (the default) or zh_CN"
    )
    shot.add_argument("--theme", choices=("light", "dark"), default="light",
                      help="colours: light (the default), or dark as on a dark desktop")
    shot.add_argument("--lesson", type=_step_number, default=None, metavar="N",
                      help="show the lesson pane at step N (from 1), after its Show-me "
                      "action (a step that trains waits for its run)")

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

    predict = commands.add_parser(
        "predict", help="apply a model trained on a table to a CSV; write its predictions"
    )
    predict.add_argument("data", metavar="DATA.csv", help="the table to predict")
    predict.add_argument("--model", metavar="M.pt", required=True,
                         help="a model file saved after training on a table (train --save-model)")
    predict.add_argument("--unit", choices=("nats", "bits"), default="nats",
                         help="the unit of each row's cross-entropy: nats (the default, "
                              "as training reports it; column cross_entropy) or bits "
                              "(column cross_entropy_bits)")
    predict.add_argument("--out", metavar="PRED.csv", required=True,
                         help="where to write the input columns, the predicted class, each "
                         "class's probability and, when the label is there, each row's "
                         "cross-entropy")
    return parser


#: Exit status when there is no screen to open the window on.
EXIT_NO_DISPLAY = 1
#: A bug, not the user's input: reported in one line, its traceback in the log.
EXIT_INTERNAL_ERROR = 1


def missing_display(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why the window cannot open here, in one line with the fix, or None if it can.

    Without a display Qt aborts the interpreter, blaming a missing xcb plugin library."""
    if not platform.startswith("linux"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY") or environ.get("QT_QPA_PLATFORM"):
        return None
    return (f"{APP_NAME}: no display to open the window on (neither DISPLAY nor "
            "WAYLAND_DISPLAY is set). Run it in a desktop session, or with `xvfb-run "
            f"{APP_NAME}` for a virtual screen; `{APP_NAME} train` and `{APP_NAME} screenshot` "
            "need none.")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from ce_desktop.core.log_file import start_log_file

    log_path = start_log_file()
    try:
        return _run(args)
    except Exception as error:  # a bug: its traceback goes to the log, one line to the user
        logging.getLogger(__name__).exception("internal error")
        where = f"in {log_path}" if log_path else "not saved: the log cannot be written"
        print(f"ce-desktop: internal error (please report it; the details are {where}): "
              f"{type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_INTERNAL_ERROR


def _run(args: argparse.Namespace) -> int:
    if args.command == "screenshot":
        from ce_desktop.commands.screenshot import screenshot

        if args.lesson is not None:
            from ce_desktop.commands.screenshot import lesson_screenshot

            return lesson_screenshot(args.lesson, args.path, args.width, args.height,
                                     args.lang, args.theme)
        return screenshot(args.tab, args.path, args.width, args.height, args.lang, args.theme,
                          args.section, args.dataset)
    if args.command == "train":
        from ce_desktop.commands.train import run_train_command

        return run_train_command(args)
    if args.command == "predict":
        from ce_desktop.commands.predict import run_predict_command

        return run_predict_command(args)
    if args.command == "self-test":
        from ce_desktop.commands.self_test import run_self_test

        return run_self_test()
    problem = missing_display(os.environ)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_NO_DISPLAY
    from ce_desktop.ui.app import run_gui
    from ce_desktop.ui.common import internal_errors

    internal_errors.install()
    return run_gui(exit_after_shown=args.exit_after_shown)
