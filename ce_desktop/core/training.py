"""The training loop: a config in, one record per epoch out, cancellable between batches."""

from __future__ import annotations

import dataclasses
import json
import math
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
import torch.nn.functional as F
from torch.nn.utils import parameters_to_vector

from ce_desktop.core import models

if TYPE_CHECKING:
    from ce_desktop.core.data import Dataset

LOSSES = tuple(models.HEADS)
OPTIMIZERS = ("adam", "adamw", "sgd", "rmsprop")
#: A small MLP gains nothing from more intra-op threads and loses badly when they compete
#: with the GUI thread or another process for two cores (benchmarks/trainer.py measures it).
TRAINING_THREADS = 1


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
            raise ValueError(f"unknown setting(s): {', '.join(unknown)}")
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
                raise ValueError(f"setting {key!r} cannot be {value!r}") from None
        return cls(**values)

    @classmethod
    def from_json(cls, text: str) -> TrainConfig:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"the configuration is not valid JSON: {error}") from None
        if not isinstance(data, dict):
            raise ValueError("the configuration must be a JSON object")
        return cls.from_dict(data)

    def validate(self) -> None:
        """Raise ValueError naming the first setting that cannot work."""
        checks = [
            (self.loss in LOSSES, f"loss must be one of {', '.join(LOSSES)}"),
            (self.optimizer in OPTIMIZERS, f"optimizer must be one of {', '.join(OPTIMIZERS)}"),
            (self.activation in models.ACTIVATIONS, "unknown activation"),
            (self.init in models.INITIALISATIONS, "init must be 'pytorch' or 'keras'"),
            (math.isfinite(self.lr) and self.lr > 0, "learning rate must be positive"),
            (self.weight_decay >= 0, "weight decay cannot be negative"),
            (0 <= self.momentum < 1, "momentum must lie in [0, 1)"),
            (self.adam_eps > 0, "Adam's epsilon must be positive"),
            (self.batch_size >= 1, "batch size must be at least 1"),
            (self.epochs >= 1, "epochs must be at least 1"),
            (0 <= self.label_smoothing < 1, "label smoothing must lie in [0, 1)"),
            (self.pos_weight > 0, "positive-class weight must be positive"),
            (0 <= self.clip_eps < 0.5, "clip epsilon must lie in [0, 0.5)"),
            (all(h >= 1 for h in self.hidden), "hidden layer sizes must be positive"),
            (self.dataset != "csv" or bool(self.csv_path), "choose a CSV file"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)


PRESETS: dict[str, TrainConfig] = {
    "tutorial": TrainConfig(name="Tutorial (PyTorch)"),
    # The tutorial's Keras model: Glorot-uniform init with zero biases, Adam's epsilon 1e-7,
    # and BCE computed on probabilities clipped to [1e-7, 1 − 1e-7], as Keras does.
    "keras": TrainConfig(name="Tutorial (Keras defaults)", init="keras", adam_eps=1e-7,
                         clip_eps=1e-7),
}


@dataclass
class EpochRecord:
    """One finished epoch."""

    epoch: int
    train_loss: float
    """Sample-weighted mean of the batch losses over the epoch."""
    val_loss: float
    train_acc: float
    val_acc: float
    seconds: float
    params: np.ndarray = field(repr=False)
    """Flat parameters after the epoch (parameters_to_vector order), for trajectories."""

    def as_dict(self) -> dict[str, float]:
        return {k: getattr(self, k) for k in
                ("epoch", "train_loss", "val_loss", "train_acc", "val_acc", "seconds")}


@dataclass
class TestReport:
    """How the trained model does on the held-out test set."""

    test_loss: float
    test_acc: float
    test_auc: float | None
    confusion: np.ndarray
    calibration_predicted: np.ndarray
    """Mean predicted probability per non-empty bin (reliability diagram x)."""
    calibration_observed: np.ndarray
    """Observed frequency per non-empty bin (reliability diagram y)."""
    histogram_edges: np.ndarray
    histograms: np.ndarray
    """Per true class: counts of its samples' predicted probability (of class 1 when binary,
    of the true class otherwise) in each bin."""

    def metrics(self) -> dict[str, float]:
        out = {"test_loss": self.test_loss, "test_acc": self.test_acc}
        if self.test_auc is not None:
            out["test_auc"] = self.test_auc
        return out


def configure_threads() -> None:
    if torch.get_num_threads() != TRAINING_THREADS:
        torch.set_num_threads(TRAINING_THREADS)


def load_dataset(config: TrainConfig) -> Dataset:
    """The data set a config names."""
    from ce_desktop.core import data

    if config.dataset == "tutorial":
        return data.tutorial_split()
    if config.dataset == "csv":
        return data.load_csv(config.csv_path, config.csv_target, seed=config.data_seed)
    return data.make_dataset(
        config.dataset, n_samples=config.n_samples, noise=config.noise,
        n_classes=config.n_classes, seed=config.data_seed,
    )


def make_criterion(
    config: TrainConfig, n_classes: int
) -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor]:
    """loss(model output, integer labels) → mean loss, as the config asks."""
    eps = config.label_smoothing
    pos_weight = config.pos_weight
    loss = config.loss

    def binary_targets(y: torch.Tensor) -> torch.Tensor:
        # Label smoothing for two classes pulls 0/1 towards ½ by ε/2, as Keras does.
        targets = y.to(torch.float32)
        return targets * (1 - eps) + eps / 2 if eps else targets

    if loss == "bce":
        clip = config.clip_eps

        def bce(output: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
            p = output[:, 0]
            if clip:
                p = p.clamp(clip, 1 - clip)
            weight = None if pos_weight == 1 else torch.where(y == 1, pos_weight, 1.0)
            return F.binary_cross_entropy(p, binary_targets(y), weight=weight)

        return bce
    if loss == "bce_logits":
        weight = None if pos_weight == 1 else torch.tensor(pos_weight)

        def bce_logits(output: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
            return F.binary_cross_entropy_with_logits(
                output[:, 0], binary_targets(y), pos_weight=weight
            )

        return bce_logits
    if loss == "ce":
        class_weight = None
        if pos_weight != 1 and n_classes == 2:
            class_weight = torch.tensor([1.0, pos_weight])

        def ce(output: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
            return F.cross_entropy(output, y, weight=class_weight, label_smoothing=eps)

        return ce

    def mse(output: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        if output.shape[1] == 1:
            return F.mse_loss(output[:, 0], y.to(torch.float32))
        return F.mse_loss(output, F.one_hot(y, n_classes).to(torch.float32))

    return mse


def predict_proba(output: torch.Tensor, loss: str) -> torch.Tensor:
    """Class probabilities (n, K) from the model's raw output."""
    if output.shape[1] == 1:
        p1 = torch.sigmoid(output[:, 0]) if models.HEADS[loss] == "logit" else output[:, 0]
        return torch.stack([1 - p1, p1], dim=1)
    if models.HEADS[loss] == "logits":
        return torch.softmax(output, dim=1)
    return output


def predict_labels(output: torch.Tensor, loss: str) -> torch.Tensor:
    if output.shape[1] == 1:
        threshold = 0.0 if models.HEADS[loss] == "logit" else 0.5
        return (output[:, 0] >= threshold).to(torch.int64)
    return output.argmax(dim=1)


def make_optimizer(config: TrainConfig, params) -> torch.optim.Optimizer:
    params = list(params)
    if config.optimizer in ("adam", "adamw"):
        kind = torch.optim.Adam if config.optimizer == "adam" else torch.optim.AdamW
        kwargs = {"lr": config.lr, "eps": config.adam_eps, "weight_decay": config.weight_decay}
    elif config.optimizer == "sgd":
        kind = torch.optim.SGD
        kwargs = {"lr": config.lr, "momentum": config.momentum,
                  "weight_decay": config.weight_decay}
    else:
        kind = torch.optim.RMSprop
        kwargs = {"lr": config.lr, "momentum": config.momentum,
                  "weight_decay": config.weight_decay}
    try:
        # The fused kernel updates all parameters in one call: ~30 % more epochs/s on the
        # tutorial's MLP (benchmarks/trainer.py). Not every optimiser/build has one.
        return kind(params, fused=True, **kwargs)
    except (RuntimeError, TypeError, ValueError):
        return kind(params, **kwargs)


class Trainer:
    """Owns the data, model and optimiser of one run; :meth:`epochs` trains it."""

    def __init__(self, config: TrainConfig, dataset: Dataset | None = None) -> None:
        config.validate()
        configure_threads()
        self.config = config
        self.dataset = dataset if dataset is not None else load_dataset(config)
        ds = self.dataset
        models.output_units(config.loss, ds.n_classes)  # raises for BCE on >2 classes
        torch.manual_seed(config.seed)
        self.model = models.build_mlp(
            ds.n_features, ds.n_classes, config.hidden, config.activation, config.loss,
            config.init,
        )
        self.criterion = make_criterion(config, ds.n_classes)
        self.optimizer = make_optimizer(config, self.model.parameters())
        self._x_train = torch.as_tensor(ds.X_train, dtype=torch.float32)
        self._y_train = torch.as_tensor(ds.y_train, dtype=torch.int64)
        self._x_val = torch.as_tensor(ds.X_val, dtype=torch.float32)
        self._y_val = torch.as_tensor(ds.y_val, dtype=torch.int64)
        self._shuffle = torch.Generator().manual_seed(config.seed)
        self.initial_params = self.flat_params()
        self.history: list[EpochRecord] = []
        self.status = "ready"
        self.message: str | None = None

    def flat_params(self) -> np.ndarray:
        return parameters_to_vector(self.model.parameters()).detach().numpy().copy()

    def evaluate(self, x: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
        """(mean loss, accuracy) on a whole set in one forward pass."""
        self.model.eval()
        with torch.no_grad():
            output = self.model(x)
            loss = float(self.criterion(output, y))
            acc = float((predict_labels(output, self.config.loss) == y).to(torch.float32).mean())
        return loss, acc

    def epochs(self, should_stop: Callable[[], bool] = lambda: False) -> Iterator[EpochRecord]:
        """Train epoch by epoch, yielding a record after each; ``should_stop`` is polled
        between batches. On return, :attr:`status` is finished, stopped or failed."""
        cfg = self.config
        n = len(self._y_train)
        self.status = "running"
        for epoch in range(len(self.history) + 1, cfg.epochs + 1):
            started = time.perf_counter()
            self.model.train()
            order = torch.randperm(n, generator=self._shuffle)
            loss_sum = 0.0
            correct = torch.zeros((), dtype=torch.int64)
            for begin in range(0, n, cfg.batch_size):
                if should_stop():
                    self.status = "stopped"
                    self.message = (
                        f"Stopped by the user during epoch {epoch}; the "
                        f"{len(self.history)} completed epoch(s) are kept."
                    )
                    return
                index = order[begin:begin + cfg.batch_size]
                xb, yb = self._x_train[index], self._y_train[index]
                output = self.model(xb)
                loss = self.criterion(output, yb)
                value = loss.item()
                if not math.isfinite(value):
                    self._fail_diverged(epoch, begin // cfg.batch_size + 1, value)
                    return
                self.optimizer.zero_grad(set_to_none=True)
                loss.backward()
                self.optimizer.step()
                loss_sum += value * len(index)
                correct += (predict_labels(output.detach(), cfg.loss) == yb).sum()
            params = self.flat_params()
            val_loss, val_acc = self.evaluate(self._x_val, self._y_val)
            if not (np.all(np.isfinite(params)) and math.isfinite(val_loss)):
                self._fail_diverged(epoch, None, val_loss)
                return
            record = EpochRecord(
                epoch=epoch, train_loss=loss_sum / n, val_loss=val_loss,
                train_acc=int(correct) / n, val_acc=val_acc,
                seconds=time.perf_counter() - started, params=params,
            )
            self.history.append(record)
            yield record
        self.status = "finished"
        self.message = None

    def _fail_diverged(self, epoch: int, batch: int | None, value: float) -> None:
        self.status = "failed"
        where = f"epoch {epoch}, batch {batch}" if batch else f"the end of epoch {epoch}"
        self.message = (
            f"Training diverged: the loss became {value} at {where}. The learning rate "
            f"({self.config.lr:g}) is probably too high for the {self.config.optimizer} "
            f"optimiser. The {len(self.history)} completed epoch(s) are kept."
        )

    def test_report(self) -> TestReport:
        """Loss, accuracy, ROC AUC (binary), confusion matrix, calibration, histograms."""
        from sklearn.calibration import calibration_curve
        from sklearn.metrics import accuracy_score, confusion_matrix, roc_auc_score

        ds = self.dataset
        x = torch.as_tensor(ds.X_test, dtype=torch.float32)
        y = torch.as_tensor(ds.y_test, dtype=torch.int64)
        self.model.eval()
        with torch.no_grad():
            output = self.model(x)
            test_loss = float(self.criterion(output, y))
            proba = predict_proba(output, self.config.loss).numpy().astype(np.float64)
        y_np = ds.y_test
        predicted = proba.argmax(axis=1)
        k = ds.n_classes
        if k == 2:
            score = proba[:, 1]
            auc = float(roc_auc_score(y_np, score)) if len(np.unique(y_np)) == 2 else None
            observed, mean_predicted = calibration_curve(y_np, score, n_bins=10)
            per_sample = score
        else:
            auc = None
            # Top-label calibration: confidence of the predicted class against its accuracy.
            confidence = proba.max(axis=1)
            observed, mean_predicted = calibration_curve(
                (predicted == y_np).astype(int), confidence, n_bins=10
            )
            per_sample = proba[np.arange(len(y_np)), y_np]
        edges = np.linspace(0.0, 1.0, 21)
        histograms = np.stack(
            [np.histogram(per_sample[y_np == c], bins=edges)[0] for c in range(k)]
        )
        return TestReport(
            test_loss=test_loss,
            test_acc=float(accuracy_score(y_np, predicted)),
            test_auc=auc,
            confusion=confusion_matrix(y_np, predicted, labels=list(range(k))),
            calibration_predicted=np.asarray(mean_predicted),
            calibration_observed=np.asarray(observed),
            histogram_edges=edges,
            histograms=histograms,
        )


def prior_entropy(dataset: Dataset) -> float:
    """Loss (nats) of a model that ignores its inputs and predicts the class prior."""
    from ce_desktop.core.info import entropy

    return float(entropy(dataset.class_prior(), base=math.e))
