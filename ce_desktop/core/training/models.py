"""MLP classifiers built from a config, their initialisation, and saving/loading them safely."""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from ce_desktop.core.bounded_reads import FileRefused, regular_file
from ce_desktop.core.data.preprocessing import Preprocessing
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained, Message
from ce_desktop.core.training.config import (
    BINARY_LOSSES,
    INITIALISATIONS,
    TrainConfig,
    check_loss_for_classes,
)

ACTIVATIONS: dict[str, type[nn.Module]] = {
    "relu": nn.ReLU,
    "tanh": nn.Tanh,
    "sigmoid": nn.Sigmoid,
    "gelu": nn.GELU,
    "leaky_relu": nn.LeakyReLU,
}
#: Loss name → what the network's last layer outputs.
HEADS = {
    "bce": "probability",  # one unit + Sigmoid, as the tutorial builds it
    "bce_logits": "logit",  # one unit, the sigmoid lives inside the fused loss
    "ce": "logits",  # K units, softmax inside the fused loss
    "mse": "probability",  # sigmoid (binary) or softmax (multi-class) output, squared error
}
MODEL_FORMAT = "ce-desktop-model/1"
#: A model file holds the weights of one MLP: far less than this, even for a wide table.
MAX_FILE_BYTES = 200_000_000
MAX_PARAMETERS = 20_000_000


class ModelError(Explained, ValueError):
    """A model file that cannot be loaded, with the reason."""


NOT_A_MODEL = QT_TRANSLATE_NOOP("core", "{name} is not a ce-desktop model file")


def output_units(loss: str, n_classes: int) -> int:
    """How many numbers the network outputs for this loss."""
    if loss not in HEADS:
        raise ValueError(f"unknown loss {loss!r}; choose one of {', '.join(HEADS)}")
    check_loss_for_classes(loss, n_classes)
    if loss in BINARY_LOSSES:
        return 1
    if loss == "mse" and n_classes == 2:
        return 1
    return n_classes


def build_mlp(
    n_features: int,
    n_classes: int,
    hidden: Sequence[int] = (10, 10),
    activation: str = "relu",
    loss: str = "bce",
    init: str = "pytorch",
) -> nn.Sequential:
    """An MLP whose output head follows the loss (see :data:`HEADS`).

    ``init="keras"`` reproduces Keras' Dense defaults: Glorot-uniform weights, zero biases.
    Seed torch beforehand for reproducible weights.
    """
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}; choose {', '.join(ACTIVATIONS)}")
    if init not in INITIALISATIONS:
        raise ValueError(f"unknown initialisation {init!r}; choose {', '.join(INITIALISATIONS)}")
    if any(int(h) < 1 for h in hidden):
        raise ValueError(f"hidden layer sizes must be positive, got {list(hidden)}")
    layers: list[nn.Module] = []
    width = n_features
    for size in hidden:
        layers += [nn.Linear(width, int(size)), ACTIVATIONS[activation]()]
        width = int(size)
    out = output_units(loss, n_classes)
    layers.append(nn.Linear(width, out))
    if HEADS[loss] == "probability":
        layers.append(nn.Sigmoid() if out == 1 else nn.Softmax(dim=1))
    model = nn.Sequential(*layers)
    if init == "keras":
        for module in model.modules():
            if isinstance(module, nn.Linear):
                nn.init.xavier_uniform_(module.weight)
                nn.init.zeros_(module.bias)
    return model


def save_model(model: nn.Module, config: Mapping[str, Any], path: str | os.PathLike) -> Path:
    """Save the weights (state_dict) and the config that rebuilds the architecture."""
    return save_state(model.state_dict(), config, path)


def save_state(state: Mapping[str, torch.Tensor | np.ndarray], config: Mapping[str, Any],
               path: str | os.PathLike, *,
               preprocessing: Mapping[str, object] | None = None) -> Path:
    """Save weights (a state_dict, as tensors or arrays) with the config that rebuilds the
    architecture and, for a table of the user's own, the fitted transform of its columns
    (as JSON text: a file of plain data, which ``weights_only`` loading accepts)."""
    path = Path(path)
    payload = {
        "format": MODEL_FORMAT,
        "config": json.dumps(dict(config), ensure_ascii=False),
        "state_dict": {name: torch.as_tensor(value) for name, value in state.items()},
    }
    if preprocessing is not None:
        payload["preprocessing"] = json.dumps(dict(preprocessing), ensure_ascii=False)
    # Written beside the target and renamed over it: a full disk or a crash leaves the old
    # file (or none), never half a model.
    partial = path.with_name(f".{path.name}.partial")
    try:
        torch.save(payload, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def check_writable(path: str | os.PathLike) -> Path:
    """``path`` if a model file can be written there: its folder exists and is writable and
    it is not a folder itself; ModelError otherwise. Checked before a run, not after it."""
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        reason = QT_TRANSLATE_NOOP("core", "it is a folder")
    elif not folder.is_dir():
        reason = QT_TRANSLATE_NOOP("core", "its folder does not exist")
    elif not os.access(folder, os.W_OK):
        reason = QT_TRANSLATE_NOOP("core", "its folder is not writable")
    else:
        return path
    raise ModelError(QT_TRANSLATE_NOOP("core", "cannot save a model to {path}: {reason}"),
                     path=str(path), reason=Message(reason))


def load_payload(path: str | os.PathLike) -> tuple[dict[str, Any], dict[str, torch.Tensor]]:
    """Read a model file without executing anything in it: (config, state_dict)."""
    config, state, _ = read_payload(path)
    return config, state


def read_payload(path: str | os.PathLike) -> tuple[dict[str, Any], dict[str, torch.Tensor],
                                                  Preprocessing | None]:
    """Read a model file without executing anything in it: (config, state_dict, the
    preprocessing of its table's columns or None)."""
    path = Path(path)
    try:
        if regular_file(path).stat().st_size > MAX_FILE_BYTES:
            raise ModelError(QT_TRANSLATE_NOOP(
                "core", "{name} is larger than {limit} MB: not a model this app saved"),
                name=path.name, limit=MAX_FILE_BYTES // 1_000_000)
        # weights_only=True: a file from elsewhere may carry a pickled payload; refuse it.
        payload = torch.load(path, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise ModelError(QT_TRANSLATE_NOOP("core", "{path} does not exist"), path=path) from None
    except FileRefused as error:
        raise ModelError(QT_TRANSLATE_NOOP("core", "cannot read {path}: {reason}"),
                         path=path.name, reason=error) from None
    except ModelError:
        raise
    except pickle.UnpicklingError as error:
        if "Unsupported global" in str(error):  # a pickled object that names code
            raise ModelError(QT_TRANSLATE_NOOP(
                "core", "{name} holds Python objects other than weights (code could run on "
                "loading), so it is refused for safety; only files saved by ce-desktop load"),
                name=path.name) from None
        raise ModelError(NOT_A_MODEL, name=path.name) from None
    except RuntimeError as error:
        if "zip archive" in str(error) or "central directory" in str(error):
            raise ModelError(QT_TRANSLATE_NOOP(
                "core", "{name} is damaged or incomplete (perhaps cut short while copying): "
                "its archive has no end"), name=path.name) from None
        raise ModelError(QT_TRANSLATE_NOOP(
            "core", "{name} is not a ce-desktop model file ({reason})"),
            name=path.name, reason=error) from None
    except Exception as error:
        raise ModelError(QT_TRANSLATE_NOOP(
            "core", "{name} is not a ce-desktop model file, or it holds code rather than "
            "weights, which is refused for safety ({reason})"),
            name=path.name, reason=type(error).__name__) from None
    if not isinstance(payload, dict) or payload.get("format") != MODEL_FORMAT:
        raise ModelError(NOT_A_MODEL, name=path.name)
    try:
        config = json.loads(payload["config"])
    except (KeyError, TypeError, json.JSONDecodeError):
        raise ModelError(QT_TRANSLATE_NOOP("core", "{name} has no readable configuration"),
                         name=path.name) from None
    state = payload.get("state_dict")
    if not isinstance(state, dict):
        raise ModelError(QT_TRANSLATE_NOOP("core", "{name} holds no weights"), name=path.name)
    _check_weights(state, path.name)
    if not isinstance(config, dict):
        raise ModelError(QT_TRANSLATE_NOOP("core", "{name} has no readable configuration"),
                         name=path.name)
    return config, state, _preprocessing(payload, path.name)


def _preprocessing(payload: dict, name: str) -> Preprocessing | None:
    text = payload.get("preprocessing")
    if text is None:
        return None
    try:
        return Preprocessing.from_dict(json.loads(text))
    except (TypeError, ValueError) as error:  # JSONDecodeError is a ValueError
        raise ModelError(QT_TRANSLATE_NOOP(
            "core", "{name} has an unreadable preprocessing of its columns ({reason})"),
            name=name, reason=error) from None


def _check_weights(state: dict, name: str) -> None:
    """Only dense, real, finite floating-point tensors that own their numbers, and not
    more of them than a model of this app has."""
    total = 0
    for key, tensor in state.items():
        if not (isinstance(key, str) and isinstance(tensor, torch.Tensor)
                and tensor.layout == torch.strided and tensor.is_floating_point()):
            raise ModelError(QT_TRANSLATE_NOOP(
                "core", "{name} holds something other than dense real weights ({key})"),
                name=name, key=str(key)[:80])
        # A stride-0 tensor claims many numbers while storing one: count what is stored.
        stored = tensor.untyped_storage().nbytes() // max(tensor.element_size(), 1)
        if not tensor.is_contiguous() or stored < tensor.numel():
            raise ModelError(QT_TRANSLATE_NOOP(
                "core", "{name} holds weights that are not stored in full ({key})"),
                name=name, key=key[:80])
        total += tensor.numel()
        if total > MAX_PARAMETERS:
            raise ModelError(QT_TRANSLATE_NOOP(
                "core", "{name} holds more than {limit:,} weights: not a model this app saved"),
                name=name, limit=MAX_PARAMETERS)
        if not bool(torch.isfinite(tensor).all()):
            raise ModelError(QT_TRANSLATE_NOOP(
                "core", "{name} holds weights that are not finite numbers ({key})"),
                name=name, key=key[:80])


def load_state(model: nn.Module, state: Mapping[str, torch.Tensor], source: str) -> None:
    """Load weights into ``model``, refusing a different architecture with a clear message."""
    expected = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    found = {k: tuple(v.shape) for k, v in state.items()}
    if expected != found:
        missing = sorted(set(expected) - set(found))
        extra = sorted(set(found) - set(expected))
        shapes = [
            f"{k}: file {found[k]} vs model {expected[k]}"
            for k in sorted(set(expected) & set(found))
            if expected[k] != found[k]
        ]
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"unexpected {', '.join(extra)}" if extra else "",
                ", ".join(shapes),
            )
            if part
        )
        raise ModelError(QT_TRANSLATE_NOOP(
            "core", "{name} was saved for a different architecture ({detail})"),
            name=source, detail=detail)
    model.load_state_dict(state)


def load_model(path: str | os.PathLike) -> tuple[nn.Sequential, dict[str, Any]]:
    """Rebuild a saved model from its file: (model, config); ModelError if that fails."""
    model, config, _ = load_model_file(path)
    return model, config


def load_model_file(path: str | os.PathLike,
                    ) -> tuple[nn.Sequential, dict[str, Any], Preprocessing | None]:
    """Rebuild a saved model from its file: (model, config, the preprocessing of its table's
    columns or None); ModelError if that fails."""
    config, state, preprocessing = read_payload(path)
    return rebuild_model(config, state, preprocessing, Path(path).name), config, preprocessing


def rebuild_model(config: Mapping[str, Any], state: Mapping[str, torch.Tensor | np.ndarray],
                  preprocessing: Preprocessing | None, source: str) -> nn.Sequential:
    """The network ``config`` describes with the weights ``state``, checked against the
    preprocessing of its table's columns; ModelError (naming ``source``) if that fails."""
    state = {name: torch.as_tensor(value) for name, value in state.items()}
    try:
        TrainConfig.from_dict(config).validate()
    except ValueError as error:
        raise ModelError(QT_TRANSLATE_NOOP("core", "{name}: {reason}"), name=source,
                         reason=error) from None
    weights = sorted(
        (key for key in state if key.endswith(".weight") and key.split(".")[0].isdigit()),
        key=lambda key: int(key.split(".")[0]),
    )
    try:
        n_features = int(state[weights[0]].shape[1])
        outputs = int(state[weights[-1]].shape[0])
        model = build_mlp(
            n_features, 2 if outputs == 1 else outputs, config["hidden"],
            config["activation"], config["loss"], config.get("init", "pytorch"),
        )
    except (IndexError, KeyError, TypeError, ValueError) as error:
        raise ModelError(QT_TRANSLATE_NOOP(
            "core", "{name} does not describe a model this app can build ({reason})"),
            name=source, reason=error) from None
    load_state(model, state, source)
    if preprocessing is not None and len(preprocessing.output_names) != n_features:
        raise ModelError(QT_TRANSLATE_NOOP(
            "core", "{name}: its preprocessing makes {made} features and the model takes "
            "{inputs}"), name=source, made=len(preprocessing.output_names), inputs=n_features)
    return model

