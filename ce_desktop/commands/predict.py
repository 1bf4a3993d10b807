"""`ce-desktop predict`: a model trained on a table predicts a CSV table."""

from __future__ import annotations

import argparse
import sys

EXIT_BAD_INPUT = 2


def run_predict_command(args: argparse.Namespace) -> int:
    from ce_desktop.core.data import DataError
    from ce_desktop.core.info import Unit
    from ce_desktop.core.training.models import ModelError
    from ce_desktop.core.training.predictions import (
        PredictionRefused,
        check_output,
        predict_table,
        write_predictions,
    )

    try:
        check_output(args.data, args.out)
        predictions = predict_table(args.model, args.data).in_unit(Unit[args.unit.upper()])
    except (DataError, ModelError, PredictionRefused) as error:
        print(f"ce-desktop predict: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        written = write_predictions(predictions, args.out)
    except OSError as error:
        print(f"ce-desktop predict: cannot write {args.out}: {error.strerror or error}",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    mean = predictions.mean_loss()
    summary = "" if mean is None else (
        f"; mean {predictions.loss_name.replace('_', '-')} {mean:.4f}"
        + (f" {predictions.unit}" if predictions.unit else ""))
    print(f"{len(predictions.predicted)} rows predicted: {written}{summary}")
    return 0
