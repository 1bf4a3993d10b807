"""The training loop: a config in, one record per epoch out, cancellable between batches."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import torch
import torch.nn.functional as F
from torch.nn.utils import parameters_to_vector, vector_to_parameters

from ce_desktop.core.messages import QT_TRANSLATE_NOOP, InvalidInput, Message
from ce_desktop.core.training import fused, models
from ce_desktop.core.training.baseline import is_weighted
from ce_desktop.core.training.config import LOSSES, OPTIMIZERS, PRESETS, TrainConfig
from ce_desktop.core.training.results import (
    EpochRecord,
    SampleLosses,
    SamplePart,
    SampleTrace,
    TestReport,
)
from ce_desktop.core.training.targets import (
    binary_row_weights,
    binary_targets,
    class_weights,
    clipped,
)
from ce_desktop.core.training.verdict import TRAINING_DIVERGED

__all__ = ["LOSSES", "OPTIMIZERS", "PRESETS", "EpochRecord", "SampleLosses", "TestReport",
           "TrainConfig", "Trainer", "make_criterion", "per_sample_losses", "prior_entropy"]

if TYPE_CHECKING:
    from ce_desktop.core.data import Dataset
    from ce_desktop.core.data.preprocessing import Preprocessing

#: A small MLP gains nothing from more intra-op threads and loses badly when they compete
#: with the GUI thread or another process for two cores (benchmarks/trainer.py measures it).
TRAINING_THREADS = 1


def configure_threads() -> None:
    if torch.get_num_threads() != TRAINING_THREADS:
        torch.set_num_threads(TRAINING_THREADS)


def load_dataset(
    config: TrainConfig,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    preprocessing: Preprocessing | None = None,
) -> Dataset:
    """The data set a config names; a CSV file reports progress and can be stopped, and
    its features are made by ``preprocessing`` (a saved model's) when it is given."""
    from ce_desktop.core import data

    if config.dataset == "tutorial":
        return data.tutorial_split()
    if config.dataset == "csv":
        from ce_desktop.core.data.own_table import load_table

        return load_table(config.csv_path, config.csv_target, config.csv_roles,
                          seed=config.data_seed, progress=progress, should_stop=should_stop,
                          preprocessing=preprocessing)
    return data.make_dataset(
        config.dataset, n_samples=config.n_samples, noise=config.noise,
        n_classes=config.n_classes, seed=config.data_seed,
    )


def flat_params(model: torch.nn.Module) -> np.ndarray:
    """A copy of the model's parameters as one vector (parameters_to_vector order)."""
    return parameters_to_vector(model.parameters()).detach().numpy().copy()


def initial_model(config: TrainConfig, dataset: Dataset) -> torch.nn.Sequential:
    """The run's network with its initial weights: the same call, seed included, rebuilds
    them bit for bit (the landscape relies on it, since runs store no initial weights)."""
    torch.manual_seed(config.seed)
    return models.build_mlp(dataset.n_features, dataset.n_classes, config.hidden,
                            config.activation, config.loss, config.init)


def make_criterion(
    config: TrainConfig, n_classes: int
) -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor]:
    """loss(model output, integer labels) → mean loss, as the config asks."""
    eps = config.label_smoothing
    pos_weight = config.pos_weight
    loss = config.loss

    if loss == "bce":
        clip = config.clip_eps

        def bce(output: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
            return F.binary_cross_entropy(clipped(output[:, 0], clip), binary_targets(y, eps),
                                          weight=binary_row_weights(y, pos_weight))

        return bce
    if loss == "bce_logits":
        weight = None if pos_weight == 1 else torch.tensor(pos_weight)

        def bce_logits(output: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
            return F.binary_cross_entropy_with_logits(
                output[:, 0], binary_targets(y, eps), pos_weight=weight
            )

        return bce_logits
    if loss == "ce":
        class_weight = class_weights(config, n_classes)

        def ce(output: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
            return F.cross_entropy(output, y, weight=class_weight, label_smoothing=eps)

        return ce

    def mse(output: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        if output.shape[1] == 1:
            return F.mse_loss(output[:, 0], y.to(torch.float32))
        return F.mse_loss(output, F.one_hot(y, n_classes).to(torch.float32))

    return mse


def per_sample_losses(
    config: TrainConfig, n_classes: int, output: torch.Tensor, y: torch.Tensor
) -> tuple[np.ndarray, np.ndarray, bool]:
    """(loss, contribution, weighted) per sample, as :class:`SampleLosses` defines them: each
    sample's own loss without class weights, and its part of ``make_criterion``'s mean (the
    contributions sum to it). ``weighted``: the criterion weights the samples."""
    rows, shares = fused.row_losses(output, y, config, n_classes)  # as the criterion weighs
    own, _ = fused.row_losses(output, y, replace(config, pos_weight=1.0), n_classes)
    divisor = float(len(y)) if shares is None else float(shares.to(torch.float64).sum())
    weighted = is_weighted(config.loss, n_classes, config.pos_weight)
    return (own.detach().numpy().astype(np.float64),
            rows.detach().numpy().astype(np.float64) / divisor, weighted)


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
        if config.adam_eps_form == "keras":
            from ce_desktop.core.training.keras_adam import KerasAdam, KerasAdamW

            kind = KerasAdam if config.optimizer == "adam" else KerasAdamW
        else:
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

    def __init__(self, config: TrainConfig, dataset: Dataset | None = None, *,
                 path: str | None = None) -> None:
        """``path="autograd"`` makes the run take the general step even where the fused
        one applies (the tests compare the two)."""
        config.validate()
        configure_threads()
        self.config = config
        self.dataset = dataset if dataset is not None else load_dataset(config)
        ds = self.dataset
        models.output_units(config.loss, ds.n_classes)  # raises for BCE on >2 classes
        if config.batch_size > len(ds.y_train):
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "core", "the batch size ({batch}) is larger than the {rows} training rows of "
                "{name}; choose at most {rows}"),
                batch=config.batch_size, rows=len(ds.y_train), name=ds.name)
        self.model = initial_model(config, ds)
        self.criterion = make_criterion(config, ds.n_classes)
        # Built when first needed: the fused Adam step never needs it, and building a
        # torch.optim optimiser imports torch._dynamo (tens of MB in the worker).
        self._optimizer: torch.optim.Optimizer | None = None
        self._step: fused.FusedStep | None = None
        found = (fused.plan(self.model, config) if path != "autograd"
                 else "the autograd step was asked for")
        if isinstance(found, fused.Plan):
            self._step = fused.FusedStep(found, config, ds.n_classes, lambda: self.optimizer)
            self.fallback_reason: str | None = None
        else:
            self.fallback_reason = found
        self.path = "fused" if self._step is not None else "autograd"
        """Which training step the run takes: "fused" (written out, :mod:`fused`) or
        "autograd" (the general one, for networks the fused step does not cover)."""
        self._x_train = torch.as_tensor(ds.X_train, dtype=torch.float32)
        self._y_train = torch.as_tensor(ds.y_train, dtype=torch.int64)
        self._x_val = torch.as_tensor(ds.X_val, dtype=torch.float32)
        self._y_val = torch.as_tensor(ds.y_val, dtype=torch.int64)
        self._x_test = torch.as_tensor(ds.X_test, dtype=torch.float32)
        self._y_test = torch.as_tensor(ds.y_test, dtype=torch.int64)
        self._output_units = models.output_units(config.loss, ds.n_classes)
        self._shuffle = torch.Generator().manual_seed(config.seed)
        self.initial_params = self.flat_params()
        self.history: list[EpochRecord] = []
        self.best_epoch: int | None = None
        """The epoch with the lowest validation loss so far."""
        self.restored_epoch: int | None = None
        """Set when early stopping put back an earlier epoch's weights."""
        self.status = "ready"
        self.message: str | None = None

    @property
    def optimizer(self) -> torch.optim.Optimizer:
        if self._optimizer is None:
            self._optimizer = make_optimizer(self.config, self.model.parameters())
            if self._step is not None:
                self._step.hand_over(self._optimizer)
        return self._optimizer

    def flat_params(self) -> np.ndarray:
        return flat_params(self.model)

    def evaluate(self, x: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
        """(mean loss, accuracy) on a whole set in one forward pass."""
        self.model.eval()
        with torch.no_grad():
            output = self.model(x)
            loss = float(self.criterion(output, y))
            acc = float((predict_labels(output, self.config.loss) == y).to(torch.float32).mean())
        return loss, acc

    def sample_trace(self) -> SampleTrace:
        """Each test sample's q(true class) and own loss for the model as it is now."""
        self.model.eval()
        with torch.no_grad():
            output = self.model(self._x_test)
            proba = predict_proba(output, self.config.loss)
            q_true = proba.gather(1, self._y_test[:, None])[:, 0]
            own, _, _ = per_sample_losses(self.config, self.dataset.n_classes, output,
                                          self._y_test)
        return SampleTrace(q_true=q_true.numpy().astype(np.float32),
                           loss=own.astype(np.float32))

    def epochs(self, should_stop: Callable[[], bool] = lambda: False) -> Iterator[EpochRecord]:
        """Train epoch by epoch, yielding a record after each; ``should_stop`` is polled
        between batches. On return, :attr:`status` is finished, stopped or failed.

        Nothing is read back from the tensors during an epoch: each batch's output goes
        into one buffer, and the training loss and accuracy (and whether and where the
        loss stopped being finite) are computed from it at the end of the epoch."""
        cfg = self.config
        n = len(self._y_train)
        size = cfg.batch_size
        step = self._step
        sizes = torch.full(((n + size - 1) // size,), float(size), dtype=torch.float64)
        sizes[-1] = n - size * (len(sizes) - 1)
        self.status = "running"
        for epoch in range(len(self.history) + 1, cfg.epochs + 1):
            started = time.perf_counter()
            self.model.train()
            order = torch.randperm(n, generator=self._shuffle)
            # One gather per epoch; each batch is then a contiguous slice of it.
            x, y = self._x_train[order], self._y_train[order]
            outputs = torch.empty(n, self._output_units)
            losses = torch.empty(len(sizes))
            if step is not None:
                step.prepare(y, size)
            with torch.set_grad_enabled(step is None):
                for batch, begin in enumerate(range(0, n, size)):
                    if should_stop():
                        self.status = "stopped"
                        self.message = Message(QT_TRANSLATE_NOOP(
                            "core", "Stopped by the user during epoch {epoch}; the {kept} "
                            "completed epoch(s) are kept."), epoch=epoch,
                            kept=len(self.history))
                        return
                    end = begin + size
                    if step is not None:
                        outputs[begin:end] = step(x[begin:end], begin, end)
                        continue
                    try:
                        outputs[begin:end], losses[batch] = self._autograd_step(
                            x[begin:end], y[begin:end])
                    except RuntimeError as error:
                        # BCE refuses probabilities outside [0, 1], which NaN weights produce.
                        if "between 0 and 1" not in str(error):
                            raise
                        self._fail_diverged(epoch, batch + 1, math.nan)
                        return
            unfinished = ~torch.isfinite(outputs).all(dim=1)
            if bool(unfinished.any()):
                self._fail_diverged(epoch, int(unfinished.nonzero()[0]) // size + 1, math.nan)
                return
            if step is not None:
                losses = fused.batch_losses(outputs, y, cfg, self.dataset.n_classes, size)
            unfinished = ~torch.isfinite(losses)
            if bool(unfinished.any()):
                first = int(unfinished.nonzero()[0])
                self._fail_diverged(epoch, first + 1, float(losses[first]))
                return
            train_loss = float((losses.double() * sizes).sum()) / n
            correct = int((predict_labels(outputs, cfg.loss) == y).sum())
            params = self.flat_params()
            val_loss, val_acc = self.evaluate(self._x_val, self._y_val)
            if not (np.all(np.isfinite(params)) and math.isfinite(val_loss)):
                self._fail_diverged(epoch, None, val_loss)
                return
            record = EpochRecord(
                epoch=epoch, train_loss=train_loss, val_loss=val_loss,
                train_acc=correct / n, val_acc=val_acc,
                seconds=time.perf_counter() - started, params=params,
            )
            self.history.append(record)
            if self.best_epoch is None or val_loss < self.history[self.best_epoch - 1].val_loss:
                self.best_epoch = epoch
            yield record
            if cfg.patience and epoch - self.best_epoch >= cfg.patience and epoch < cfg.epochs:
                self._stop_early(epoch)
                return
        self.status = "finished"
        self.message = None
        if cfg.patience and cfg.restore_best and self.best_epoch != len(self.history):
            # The run went to its last epoch (patience may have run out on it, or not yet):
            # the setting promises the best epoch's weights, so keep those, not the last.
            best = self._restore_best()
            self.message = Message(QT_TRANSLATE_NOOP(
                "core", "Trained all {epochs} epochs and kept epoch {best}'s weights, the best "
                "validation loss ({loss:.4g}); the {after} epoch(s) after it did not improve "
                "on it."), epochs=len(self.history), best=best.epoch, loss=best.val_loss,
                after=len(self.history) - best.epoch)

    def _restore_best(self) -> EpochRecord:
        """Put back the weights of the epoch with the lowest validation loss."""
        best = self.history[self.best_epoch - 1]
        vector_to_parameters(torch.as_tensor(best.params), self.model.parameters())
        self.restored_epoch = best.epoch
        return best

    def _autograd_step(self, xb: torch.Tensor, yb: torch.Tensor
                       ) -> tuple[torch.Tensor, torch.Tensor]:
        """The general step: (output before the update, mean loss), both detached."""
        output = self.model(xb)
        loss = self.criterion(output, yb)
        optimizer = self.optimizer
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return output.detach(), loss.detach()

    def _stop_early(self, epoch: int) -> None:
        cfg = self.config
        best = self.history[self.best_epoch - 1]
        self.status = "finished"
        if cfg.restore_best:
            self._restore_best()
            self.message = Message(QT_TRANSLATE_NOOP(
                "core", "Stopped early after epoch {epoch}: the validation loss had not "
                "improved for {patience} epoch(s). The weights of epoch {best} (validation "
                "loss {loss:.4g}) are restored."), epoch=epoch, patience=cfg.patience,
                best=best.epoch, loss=best.val_loss)
        else:
            self.message = Message(QT_TRANSLATE_NOOP(
                "core", "Stopped early after epoch {epoch}: the validation loss had not "
                "improved for {patience} epoch(s) (best: epoch {best})."), epoch=epoch,
                patience=cfg.patience, best=best.epoch)

    def _fail_diverged(self, epoch: int, batch: int | None, value: float) -> None:
        self.status = "failed"
        where = (Message(QT_TRANSLATE_NOOP("core", "epoch {epoch}, batch {batch}"),
                         epoch=epoch, batch=batch) if batch
                 else Message(QT_TRANSLATE_NOOP("core", "the end of epoch {epoch}"), epoch=epoch))
        self.message = Message(TRAINING_DIVERGED, value=value, where=where, lr=self.config.lr,
            optimizer=self.config.optimizer, kept=len(self.history))

    def held_out_samples(self, part: SamplePart) -> tuple[float, np.ndarray, SampleLosses]:
        """(mean loss, class probabilities in float64, every sample's prediction and loss)
        of the test or the validation set, for the model as it is now."""
        ds = self.dataset
        if part == "test":
            x, y, images = ds.X_test, ds.y_test, ds.test_images
        else:
            x, y, images = ds.X_val, ds.y_val, ds.val_images
        self.model.eval()
        with torch.no_grad():
            output = self.model(torch.as_tensor(x, dtype=torch.float32))
            labels = torch.as_tensor(y, dtype=torch.int64)
            mean = float(self.criterion(output, labels))
            proba = predict_proba(output, self.config.loss).numpy().astype(np.float64)
            own, contribution, weighted = per_sample_losses(self.config, ds.n_classes,
                                                            output, labels)
        samples = SampleLosses(
            true_class=y, predicted_class=proba.argmax(axis=1), q=proba.astype(np.float32),
            loss=own, contribution=contribution, weighted=weighted, images=images,
            features=x, feature_names=ds.feature_names, part=part)
        return mean, proba, samples

    def test_report(self) -> TestReport:
        """Loss, accuracy, ROC AUC (binary), confusion matrix, calibration, histograms, and
        every test and validation sample's prediction and loss (with the same weights)."""
        from sklearn.calibration import calibration_curve
        from sklearn.metrics import accuracy_score, confusion_matrix, roc_auc_score

        ds = self.dataset
        test_loss, proba, samples = self.held_out_samples("test")
        validation_loss, _, validation_samples = self.held_out_samples("validation")
        y_np = ds.y_test
        predicted = samples.predicted_class
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
        # k / 20 rounds to the nearest float of 0.15, not linspace's 0.15000000000000002:
        # the edges read as written in a CSV export.
        edges = np.arange(21) / 20
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
            samples=samples,
            validation_loss=validation_loss,
            validation_samples=validation_samples,
        )


def prior_entropy(dataset: Dataset) -> float:
    """Loss (nats) of a model that ignores its inputs and predicts the class prior."""
    from ce_desktop.core.info import entropy

    return float(entropy(dataset.class_prior(), base=math.e))
