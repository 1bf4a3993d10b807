"""`ce-desktop train`: the trainer without a window, recording into the run store."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


def _config_from_args(args: argparse.Namespace):
    from ce_desktop.core.training.trainer import PRESETS, TrainConfig

    data = PRESETS[args.preset].to_dict()
    if args.config:
        try:
            text = Path(args.config).read_text(encoding="utf-8-sig")
        except OSError as error:
            raise ValueError(f"cannot read {args.config}: {error.strerror}") from None
        overrides = TrainConfig.from_json(text).to_dict()
        given = json.loads(text)
        data.update({k: overrides[k] for k in given})
    if args.epochs is not None:
        data["epochs"] = args.epochs
    if args.seed is not None:
        data["seed"] = args.seed
    config = TrainConfig.from_dict(data)
    config.validate()
    return config


def run_train_command(args: argparse.Namespace) -> int:
    from ce_desktop.backend import InProcessRunner
    from ce_desktop.core.data import DataError
    from ce_desktop.core.jobs import Failed, Flags
    from ce_desktop.core.runs.recorder import RunRecorder, RunResult, RunStarted
    from ce_desktop.core.runs.store import RunStore, StoreError
    from ce_desktop.core.training.run import Ended, Epoch, Refused, TrainingJob
    from ce_desktop.core.training.verdict import run_verdict

    def say(obj: dict, text: str) -> None:
        print(json.dumps(obj) if args.json else text, flush=True)

    try:
        config = _config_from_args(args)
        if args.save_model:
            from ce_desktop.core.training.models import check_writable

            check_writable(args.save_model)  # now, not after the whole run
        store = RunStore(args.store)
    except (ValueError, DataError, StoreError) as error:
        print(f"ce-desktop train: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    recorder = RunRecorder(config, store)
    outcome: list[object] = []
    train_losses: list[float] = []
    val_losses: list[float] = []
    baseline: list[float] = []

    def show(event: object) -> None:
        event = recorder.record(event)
        if isinstance(event, RunStarted):
            baseline.append(event.baseline_loss)
        if isinstance(event, Epoch):
            record = event.record
            train_losses.append(record.train_loss)
            val_losses.append(record.val_loss)
            say(record.as_dict(),
                f"epoch {record.epoch:3d}  train loss {record.train_loss:.4f}  "
                f"val loss {record.val_loss:.4f}  train acc {record.train_acc:.4f}  "
                f"val acc {record.val_acc:.4f}  ({record.seconds:.2f} s)")
        elif isinstance(event, (RunResult, Refused, Failed)):
            outcome.append(event)

    # This process is the backend: the command has no window to keep responsive.
    try:
        InProcessRunner().run(TrainingJob(config.to_dict()), Flags(), show)
    except KeyboardInterrupt:
        recorder.record(Ended("stopped", "interrupted", None, None))
        print("ce-desktop train: interrupted; completed epochs are stored", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        store.close()
    (result,) = outcome
    if isinstance(result, (Refused, Failed)):
        if isinstance(result, Failed) and result.internal:
            # A bug: the traceback goes to the log file, the user reads one line.
            logging.getLogger(__name__).error("training failed:\n%s", result.detail)
            print(f"ce-desktop train: internal error (please report it; the details are in "
                  f"the log): {result.message}", file=sys.stderr)
            return EXIT_FAILED
        print(f"ce-desktop train: {result.message}", file=sys.stderr)
        return EXIT_BAD_INPUT if isinstance(result, Refused) else EXIT_FAILED
    if result.status == "failed":
        print(f"ce-desktop train: {result.message}", file=sys.stderr)
        return EXIT_FAILED
    if result.store_problem:
        print(f"ce-desktop train: {result.store_problem}", file=sys.stderr)
        return EXIT_FAILED
    if result.message:  # stopped early
        print(f"ce-desktop train: {result.message}", file=sys.stderr)
    metrics = result.report.metrics()
    verdict = run_verdict(train_losses, val_losses, baseline[0], metrics["test_loss"],
                          result.restored_epoch)
    if verdict is not None:
        print(f"ce-desktop train: {verdict.message}", file=sys.stderr)
        if verdict.kind == "diverged":  # "finished", but nothing worth keeping was learned
            return EXIT_FAILED
    if args.save_model:
        from ce_desktop.core.training.models import save_state

        try:
            save_state(result.state, config.to_dict(), args.save_model,
                       preprocessing=result.preprocessing)
        except (OSError, RuntimeError) as error:  # torch says RuntimeError for a full disk
            print(f"ce-desktop train: could not save the model to {args.save_model}: "
                  f"{getattr(error, 'strerror', None) or error}; the run is stored "
                  f"(run {result.run_id})", file=sys.stderr)
            return EXIT_FAILED
    final = {**metrics, "status": result.status, "run_id": result.run_id,
             "verdict": verdict.kind if verdict else None}
    say(final, "test  " + "  ".join(f"{k.removeprefix('test_')} {v:.4f}"
                                   for k, v in metrics.items()) + f"  (run {result.run_id})")
    return 0
