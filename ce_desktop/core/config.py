"""A training run's settings: plain data, importable without torch (the GUI shows them)."""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ce_desktop.core.data import DATASETS as GENERATED_DATASETS
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, InvalidInput

#: The generated data sets (core.data), then the user's own table.
DATASETS = (*GENERATED_DATASETS, "csv")
#: The data sets with two features, whose decision boundary the trainer draws.
TWO_FEATURE_DATASETS = ("moons", "circles", "xor", "spiral", "blobs")
LOSSES = ("bce", "bce_logits", "ce", "mse")
#: The unit each loss is measured in: the cross-entropies in nats (natural logarithms, as
#: PyTorch computes them); MSE, a squared difference of probabilities, in none.
LOSS_UNITS = {"bce": "nats", "bce_logits": "nats", "ce": "nats", "mse": ""}
OPTIMIZERS = ("adam", "adamw", "sgd", "rmsprop")
ACTIVATIONS = ("relu", "tanh", "sigmoid", "gelu", "leaky_relu")
INITIALISATIONS = ("pytorch", "keras")


@dataclass
class TrainConfig:
    """Everything that defines a run; serialisable to JSON and back."""

    name: str = ""
    dataset: str = "tutorial"
    csv_path: str | None = None
    csv_target: str | None = None
    n_samples: int = 1000
    noise: float = 0.2
    n_classes: int = 3
    data_seed: int = 0
    hidden: tuple[int, ...] = (10, 10)
    activation: str = "relu"
    init: str = "pytorch"
    loss: str = "bce"
    label_smoothing: float = 0.0
    pos_weight: float = 1.0
    clip_eps: float = 0.0
    """Clip probabilities to [eps, 1 − eps] inside BCE, as Keras does (it uses 1e-7)."""
    optimizer: str = "adam"
    lr: float = 1e-3
    weight_decay: float = 0.0
    momentum: float = 0.9
    adam_eps: float = 1e-8
    batch_size: int = 32
    epochs: int = 20
    seed: int = 0

    def __post_init__(self) -> None:
        self.hidden = tuple(int(h) for h in self.hidden)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["hidden"] = list(self.hidden)
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TrainConfig:
        """Build a config, naming any key it does not know and any value of the wrong type."""
        known = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise InvalidInput(QT_TRANSLATE_NOOP("core", "unknown setting(s): {keys}"),
                               keys=", ".join(unknown))
        defaults = cls()
        values: dict[str, Any] = {}
        for key, value in data.items():
            default = getattr(defaults, key)
            try:
                if value is None or default is None:
                    values[key] = value
                elif isinstance(default, bool):
                    values[key] = bool(value)
                elif isinstance(default, tuple):
                    values[key] = tuple(int(v) for v in value)
                else:
                    values[key] = type(default)(value)
            except (TypeError, ValueError):
                raise InvalidInput(QT_TRANSLATE_NOOP("core", "setting {key!r} cannot be {value!r}"),
                                   key=key, value=value) from None
        return cls(**values)

    @classmethod
    def from_json(cls, text: str) -> TrainConfig:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "core", "the configuration is not valid JSON: {reason}"), reason=error) from None
        if not isinstance(data, dict):
            raise InvalidInput(QT_TRANSLATE_NOOP("core", "the configuration must be a JSON object"))
        return cls.from_dict(data)

    def validate(self) -> None:
        """Raise InvalidInput (a ValueError) naming the first setting that cannot work."""
        one_of = QT_TRANSLATE_NOOP("core", "{setting} must be one of {choices}")
        checks = [
            (self.loss in LOSSES, one_of, {"setting": "loss", "choices": ", ".join(LOSSES)}),
            (self.optimizer in OPTIMIZERS, one_of,
             {"setting": "optimizer", "choices": ", ".join(OPTIMIZERS)}),
            (self.activation in ACTIVATIONS, one_of,
             {"setting": "activation", "choices": ", ".join(ACTIVATIONS)}),
            (self.init in INITIALISATIONS, one_of,
             {"setting": "init", "choices": ", ".join(INITIALISATIONS)}),
            (math.isfinite(self.lr) and self.lr > 0,
             QT_TRANSLATE_NOOP("core", "learning rate must be positive"), {}),
            (self.weight_decay >= 0, QT_TRANSLATE_NOOP("core", "weight decay cannot be negative"),
             {}),
            (0 <= self.momentum < 1, QT_TRANSLATE_NOOP("core", "momentum must lie in [0, 1)"), {}),
            (self.adam_eps > 0, QT_TRANSLATE_NOOP("core", "Adam's epsilon must be positive"), {}),
            (self.batch_size >= 1, QT_TRANSLATE_NOOP("core", "batch size must be at least 1"), {}),
            (self.epochs >= 1, QT_TRANSLATE_NOOP("core", "epochs must be at least 1"), {}),
            (0 <= self.label_smoothing < 1,
             QT_TRANSLATE_NOOP("core", "label smoothing must lie in [0, 1)"), {}),
            (self.pos_weight > 0,
             QT_TRANSLATE_NOOP("core", "positive-class weight must be positive"), {}),
            (0 <= self.clip_eps < 0.5,
             QT_TRANSLATE_NOOP("core", "clip epsilon must lie in [0, 0.5)"), {}),
            (all(h >= 1 for h in self.hidden),
             QT_TRANSLATE_NOOP("core", "hidden layer sizes must be positive"), {}),
            (self.dataset != "csv" or bool(self.csv_path),
             QT_TRANSLATE_NOOP("core", "choose a CSV file"), {}),
        ]
        for ok, template, values in checks:
            if not ok:
                raise InvalidInput(template, **values)


PRESETS: dict[str, TrainConfig] = {
    "tutorial": TrainConfig(name="Tutorial (PyTorch)"),
    # The tutorial's Keras model: Glorot-uniform init with zero biases, Adam's epsilon 1e-7,
    # and BCE computed on probabilities clipped to [1e-7, 1 − 1e-7], as Keras does.
    "keras": TrainConfig(name="Tutorial (Keras defaults)", init="keras", adam_eps=1e-7,
                         clip_eps=1e-7),
}
