"""A training run's settings: plain data, importable without torch (the GUI shows them)."""

from __future__ import annotations

import dataclasses
import json
import math
import reprlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ce_desktop.core.data import DATASETS as GENERATED_DATASETS
from ce_desktop.core.data import dataset_classes
from ce_desktop.core.data.columns import FEATURE_ROLES
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, InvalidInput

#: The generated data sets (core.data), then the user's own table.
DATASETS = (*GENERATED_DATASETS, "csv")
#: The data sets with two features, whose decision boundary the trainer draws.
TWO_FEATURE_DATASETS = ("moons", "circles", "xor", "spiral", "blobs")
LOSSES = ("bce", "bce_logits", "ce", "mse")
#: The losses of a one-unit binary head: they need two classes.
BINARY_LOSSES = ("bce", "bce_logits")
#: The unit each loss is measured in: the cross-entropies in nats (natural logarithms, as
#: PyTorch computes them); MSE, a squared difference of probabilities, in none.
LOSS_UNITS = {"bce": "nats", "bce_logits": "nats", "ce": "nats", "mse": ""}
OPTIMIZERS = ("adam", "adamw", "sgd", "rmsprop")
ACTIVATIONS = ("relu", "tanh", "sigmoid", "gelu", "leaky_relu")
INITIALISATIONS = ("pytorch", "keras")
#: Where Adam adds ε: to the bias-corrected √v̂ (PyTorch) or to the raw √v (Keras).
ADAM_EPS_FORMS = ("pytorch", "keras")

#: The range of every number in a config, inclusive; the trainer's form uses the same.
BOUNDS: dict[str, tuple[float, float]] = {
    "n_samples": (100, 100_000),
    "noise": (0.0, 2.0),
    "n_classes": (3, 5),
    "data_seed": (0, 2**31 - 1),
    "label_smoothing": (0.0, 0.99),
    "pos_weight": (0.01, 100.0),
    "clip_eps": (0.0, 0.1),
    "lr": (1e-6, 1e5),
    "weight_decay": (0.0, 1.0),
    "momentum": (0.0, 0.999),
    "adam_eps": (1e-10, 1e-2),
    "batch_size": (1, 100_000),
    "epochs": (1, 10_000),
    "seed": (0, 2**31 - 1),
    "patience": (0, 10_000),
}
#: A hidden layer's width, and how many layers: enough for any lesson, and no more than
#: the worker can allocate.
HIDDEN_WIDTH = (1, 1024)
MAX_HIDDEN_LAYERS = 8
#: Characters in a run's name, a path or a column name.
MAX_TEXT = 1000
#: Columns a config can give a role: more than any table the trainer reads sensibly.
MAX_COLUMN_ROLES = 10_000


@dataclass
class TrainConfig:
    """Everything that defines a run; serialisable to JSON and back."""

    name: str = ""
    dataset: str = "tutorial"
    csv_path: str | None = None
    csv_target: str | None = None
    csv_roles: dict[str, str] = field(default_factory=dict)
    """The CSV's columns whose role differs from the one proposed for them: column name →
    "numeric", "categorical" or "ignore" (the label is ``csv_target``)."""
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
    adam_eps_form: str = "pytorch"
    """"keras" adds ε to √v before the bias correction, as Keras does; the two forms differ
    by a factor √(1 − β₂ᵗ) on ε, which matters early in a run."""
    batch_size: int = 32
    epochs: int = 20
    seed: int = 0
    patience: int = 0
    """Early stopping: end the run after this many epochs without a lower validation loss
    (0: off)."""
    restore_best: bool = True
    """With early stopping on: at the end of the run (stopped early or not), keep the weights
    of the epoch with the lowest validation loss rather than the last epoch's."""

    def __post_init__(self) -> None:
        self.hidden = tuple(int(h) for h in self.hidden)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["hidden"] = list(self.hidden)
        data["csv_roles"] = dict(self.csv_roles)
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TrainConfig:
        """Build a config, naming any key it does not know and any value of the wrong type
        (a whole number where one is needed, true/false for a switch, text for a choice);
        :meth:`validate` then checks the ranges."""
        if not isinstance(data, Mapping):
            raise InvalidInput(QT_TRANSLATE_NOOP("core", "the configuration must be a JSON object"))
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = ", ".join(sorted(str(key) for key in set(data) - known))
        if unknown:
            raise InvalidInput(QT_TRANSLATE_NOOP("core", "unknown setting(s): {keys}"),
                               keys=unknown if len(unknown) < 200 else unknown[:200] + "…")
        defaults = cls()
        values: dict[str, Any] = {}
        for key, value in data.items():
            converted = _converted(getattr(defaults, key), value)
            if converted is _WRONG:
                raise InvalidInput(QT_TRANSLATE_NOOP("core", "setting {key!r} cannot be {value}"),
                                   key=key, value=reprlib.repr(value))
            values[key] = converted
        return cls(**values)

    @classmethod
    def from_json(cls, text: str) -> TrainConfig:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "core", "the configuration is not valid JSON: {reason}"), reason=error) from None
        except RecursionError:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "core", "the configuration is nested too deeply to be a configuration")) from None
        if not isinstance(data, dict):
            raise InvalidInput(QT_TRANSLATE_NOOP("core", "the configuration must be a JSON object"))
        return cls.from_dict(data)

    def validate(self) -> None:
        """Raise InvalidInput (a ValueError) naming the first setting that cannot work."""
        one_of = QT_TRANSLATE_NOOP("core", "{setting} must be one of {choices}")
        for setting, (low, high) in BOUNDS.items():
            value = getattr(self, setting)
            if not ((isinstance(value, int) or math.isfinite(value)) and low <= value <= high):
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "core", "{setting} must lie between {low:g} and {high:g}, not {value:g}"),
                    setting=setting, low=low, high=high, value=value)
        low, high = HIDDEN_WIDTH
        if len(self.hidden) > MAX_HIDDEN_LAYERS or not all(low <= h <= high for h in self.hidden):
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "core", "hidden layers: at most {layers}, each of {low} to {high} units"),
                layers=MAX_HIDDEN_LAYERS, low=low, high=high)
        if any(len(text or "") > MAX_TEXT for text in (self.name, self.csv_path,
                                                        self.csv_target, *self.csv_roles)):
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "core", "names and paths in a configuration are at most {n} characters"),
                n=MAX_TEXT)
        checks = [
            (self.loss in LOSSES, one_of, {"setting": "loss", "choices": ", ".join(LOSSES)}),
            (self.optimizer in OPTIMIZERS, one_of,
             {"setting": "optimizer", "choices": ", ".join(OPTIMIZERS)}),
            (self.activation in ACTIVATIONS, one_of,
             {"setting": "activation", "choices": ", ".join(ACTIVATIONS)}),
            (self.init in INITIALISATIONS, one_of,
             {"setting": "init", "choices": ", ".join(INITIALISATIONS)}),
            (self.adam_eps_form in ADAM_EPS_FORMS, one_of,
             {"setting": "adam_eps_form", "choices": ", ".join(ADAM_EPS_FORMS)}),
            (self.dataset in DATASETS, one_of,
             {"setting": "dataset", "choices": ", ".join(DATASETS)}),
            (self.dataset != "csv" or bool(self.csv_path),
             QT_TRANSLATE_NOOP("core", "choose a CSV file"), {}),
            (len(self.csv_roles) <= MAX_COLUMN_ROLES, QT_TRANSLATE_NOOP(
                "core", "csv_roles names at most {n} columns"), {"n": MAX_COLUMN_ROLES}),
            (all(role in FEATURE_ROLES for role in self.csv_roles.values()), one_of,
             {"setting": "csv_roles", "choices": ", ".join(FEATURE_ROLES)}),
        ]
        for ok, template, values in checks:
            if not ok:
                raise InvalidInput(template, **values)
        # Known before the data is made, so a start that cannot work clears nothing.
        classes = dataset_classes(self.dataset, self.n_classes)
        if classes is not None:
            check_loss_for_classes(self.loss, classes)


def check_loss_for_classes(loss: str, n_classes: int) -> None:
    """Raise InvalidInput when ``loss`` cannot train on ``n_classes`` classes (the binary
    losses need two)."""
    if loss in BINARY_LOSSES and n_classes != 2:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "core", "{loss} needs two classes, the data has {classes}; use 'ce'"),
            loss=loss, classes=n_classes)


_WRONG = object()


def _converted(default: object, value: object) -> object:
    """``value`` as the type of the setting whose default is ``default``, or _WRONG."""
    if isinstance(default, bool):
        return value if isinstance(value, bool) else _WRONG
    if isinstance(default, dict):  # the CSV's column roles: names to texts
        if not (isinstance(value, Mapping) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items())):
            return _WRONG
        return dict(value)
    if isinstance(default, tuple):  # the hidden layers
        if not isinstance(value, (list, tuple)):
            return _WRONG
        layers = [_converted(0, v) for v in value]
        return _WRONG if _WRONG in layers else tuple(layers)
    if isinstance(value, bool):  # true is not the number 1 here
        return _WRONG
    if isinstance(default, int):
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            value = int(value)  # 1e3 in JSON is a float
        return value if isinstance(value, int) else _WRONG
    if isinstance(default, float):
        if not isinstance(value, (int, float)):
            return _WRONG
        try:
            return float(value)
        except OverflowError:  # an integer beyond any float
            return _WRONG
    if value is None:  # the optional texts: csv_path, csv_target
        return None if default is None else _WRONG
    return value if isinstance(value, str) else _WRONG


PRESETS: dict[str, TrainConfig] = {
    "tutorial": TrainConfig(name="Tutorial (PyTorch)"),
    # The tutorial's Keras model: Glorot-uniform init with zero biases, Adam's epsilon 1e-7
    # added where Keras adds it, and BCE computed on probabilities clipped to
    # [1e-7, 1 − 1e-7], as Keras does.
    "keras": TrainConfig(name="Tutorial (Keras defaults)", init="keras", adam_eps=1e-7,
                         adam_eps_form="keras", clip_eps=1e-7),
}
