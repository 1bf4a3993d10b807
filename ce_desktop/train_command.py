"""`ce-desktop train`: the trainer without a window, recording into the run store."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


def _config_from_args(args: argparse.Namespace):
    from ce_desktop.core.training import PRESETS, TrainConfig

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
    from ce_desktop.core.data import DataError
    from ce_desktop.core.models import save_model
    from ce_desktop.core.runs import RunStore, StoreError
    from ce_desktop.core.training import Trainer

    def say(obj: dict, text: str) -> None:
        print(json.dumps(obj) if args.json else text, flush=True)

    try:
        config = _config_from_args(args)
        store = RunStore(args.store)
        trainer = Trainer(config)
    except (ValueError, DataError, StoreError) as error:
        print(f"ce-desktop train: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    run_id = store.start_run(config.to_dict(), config.name or None)
    try:
        for record in trainer.epochs():
            store.add_epoch(run_id, record.as_dict(), record.params)
            say(record.as_dict(),
                f"epoch {record.epoch:3d}  train loss {record.train_loss:.4f}  "
                f"val loss {record.val_loss:.4f}  train acc {record.train_acc:.4f}  "
                f"val acc {record.val_acc:.4f}  ({record.seconds:.2f} s)")
    except KeyboardInterrupt:
        store.finish_run(run_id, "stopped", message="interrupted")
        print("ce-desktop train: interrupted; completed epochs are stored", file=sys.stderr)
        return EXIT_INTERRUPTED
    if trainer.status == "failed":
        store.finish_run(run_id, "failed", message=trainer.message)
        print(f"ce-desktop train: {trainer.message}", file=sys.stderr)
        return EXIT_FAILED
    report = trainer.test_report()
    metrics = report.metrics()
    store.finish_run(run_id, trainer.status, metrics, trainer.message)
    if args.save_model:
        save_model(trainer.model, config.to_dict(), args.save_model)
    final = {**metrics, "status": trainer.status, "run_id": run_id}
    say(final, "test  " + "  ".join(f"{k.removeprefix('test_')} {v:.4f}"
                                   for k, v in metrics.items()) + f"  (run {run_id})")
    store.close()
    return 0
