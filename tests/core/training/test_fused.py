"""The fused training step against the autograd step, the tutorial's own loop and the
fallback for networks it does not cover."""

import subprocess
import sys

import numpy as np
import pytest
import torch
from torch import nn

from ce_desktop.core.data import make_dataset
from ce_desktop.core.training import models
from ce_desktop.core.training.config import ACTIVATIONS, LOSSES, OPTIMIZERS, PRESETS
from ce_desktop.core.training.trainer import TrainConfig, Trainer, flat_params, initial_model


@pytest.fixture(scope="module")
def moons():
    return make_dataset("moons", n_samples=600, noise=0.2, seed=1)


@pytest.fixture(scope="module")
def blobs():
    return make_dataset("blobs", n_samples=600, n_classes=3, seed=0)


def config(dataset, **overrides) -> TrainConfig:
    base = {"dataset": dataset.name, "n_samples": 600, "epochs": 3, "lr": 0.01,
            "hidden": (8, 6), "batch_size": 32}
    if dataset.name == "blobs":
        base["n_classes"] = 3
    return TrainConfig.from_dict({**base, **overrides})


def assert_same_run(cfg: TrainConfig, dataset, atol: float = 1e-6) -> Trainer:
    """The fused run and the autograd run: same losses, accuracies and weights."""
    fast = Trainer(cfg, dataset)
    slow = Trainer(cfg, dataset, path="autograd")
    assert fast.path == "fused", fast.fallback_reason
    assert slow.path == "autograd"
    ours, theirs = list(fast.epochs()), list(slow.epochs())
    assert fast.status == slow.status == "finished"
    assert len(ours) == len(theirs) == cfg.epochs
    for a, b in zip(ours, theirs, strict=True):
        assert a.train_loss == pytest.approx(b.train_loss, abs=atol)
        assert a.val_loss == pytest.approx(b.val_loss, abs=atol)
        assert a.train_acc == pytest.approx(b.train_acc, abs=2 / len(dataset.y_train))
        np.testing.assert_allclose(a.params, b.params, rtol=0, atol=atol)
    return fast


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("loss", LOSSES)
def test_every_loss_head_and_activation_matches_autograd(moons, blobs, loss, activation):
    assert_same_run(config(moons, loss=loss, activation=activation), moons)
    if loss != "bce" and loss != "bce_logits":
        assert_same_run(config(blobs, loss=loss, activation=activation), blobs)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
@pytest.mark.parametrize("weight_decay", [0.0, 0.01])
def test_every_optimiser_matches_autograd(moons, optimizer, weight_decay):
    assert_same_run(config(moons, optimizer=optimizer, weight_decay=weight_decay,
                           lr=0.01 if optimizer != "sgd" else 0.1), moons)


@pytest.mark.parametrize("optimizer", ["adam", "adamw"])
def test_kerass_epsilon_form_matches_autograd(moons, optimizer):
    assert_same_run(config(moons, optimizer=optimizer, adam_eps_form="keras", adam_eps=1e-7,
                           init="keras", clip_eps=1e-7, weight_decay=0.01), moons)


@pytest.mark.parametrize("loss", ["bce", "bce_logits", "ce"])
@pytest.mark.parametrize("smoothing, pos_weight", [(0.1, 1.0), (0.0, 3.0), (0.2, 0.5)])
def test_label_smoothing_and_class_weights_match_autograd(moons, loss, smoothing, pos_weight):
    assert_same_run(config(moons, loss=loss, label_smoothing=smoothing,
                           pos_weight=pos_weight), moons)


def test_label_smoothing_on_many_classes_matches_autograd(blobs):
    assert_same_run(config(blobs, loss="ce", label_smoothing=0.15), blobs)


@pytest.mark.parametrize("batch_size", [1, 7, 100, 360])
def test_a_short_last_batch_and_odd_sizes_match_autograd(moons, batch_size):
    # 360 training rows: batches of 7 leave a last batch of 3, 100 one of 60.
    assert_same_run(config(moons, batch_size=batch_size, loss="ce", pos_weight=2.0,
                           epochs=2), moons)


def test_early_stopping_restores_the_same_epoch_on_both_paths(moons):
    cfg = config(moons, epochs=40, lr=0.3, patience=2)
    fast, slow = Trainer(cfg, moons), Trainer(cfg, moons, path="autograd")
    ours, theirs = list(fast.epochs()), list(slow.epochs())
    assert len(ours) == len(theirs) < 40
    assert fast.restored_epoch == slow.restored_epoch is not None
    np.testing.assert_allclose(flat_params(fast.model), flat_params(slow.model), atol=1e-6)


def test_the_tutorial_preset_matches_the_tutorials_own_step_per_epoch():
    """Same weights, same batches: the tutorial preset's epoch losses and weights equal the
    tutorial's loop (nn.BCELoss, torch.optim.Adam as it builds it, autograd) to 1e-5."""
    cfg = TrainConfig.from_dict({**PRESETS["tutorial"].to_dict(), "epochs": 3})
    trainer = Trainer(cfg)
    assert trainer.path == "fused"
    records = list(trainer.epochs())

    ds = trainer.dataset
    model = initial_model(cfg, ds)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.BCELoss()
    x = torch.as_tensor(ds.X_train, dtype=torch.float32)
    y = torch.as_tensor(ds.y_train, dtype=torch.float32)
    shuffle = torch.Generator().manual_seed(cfg.seed)
    for record in records:
        order = torch.randperm(len(y), generator=shuffle)
        total = 0.0
        for begin in range(0, len(y), cfg.batch_size):
            index = order[begin:begin + cfg.batch_size]
            optimizer.zero_grad()
            loss = criterion(model(x[index]), y[index].unsqueeze(1))
            loss.backward()
            optimizer.step()
            total += loss.item() * len(index)
        assert record.train_loss == pytest.approx(total / len(y), abs=1e-5)
        np.testing.assert_allclose(record.params, flat_params(model), rtol=0, atol=1e-5)


def test_a_network_the_fused_step_does_not_know_falls_back_to_autograd(moons, monkeypatch):
    monkeypatch.setitem(models.ACTIVATIONS, "relu", nn.ELU)
    trainer = Trainer(config(moons), moons)
    assert trainer.path == "autograd" and "ELU" in trainer.fallback_reason
    records = list(trainer.epochs())
    assert trainer.status == "finished" and records[-1].val_loss < records[0].val_loss + 0.1


def test_the_adam_state_passes_to_the_optimiser_when_it_is_built(moons):
    trainer = Trainer(config(moons, epochs=1), moons)
    list(trainer.epochs())
    state = trainer.optimizer.state[trainer.model[0].weight]
    assert int(state["step"]) == 12  # 360 rows in batches of 32
    assert float(state["exp_avg_sq"].abs().sum()) > 0


def test_the_fused_adam_run_does_not_build_a_torch_optimiser():
    """torch.optim's optimisers import torch._dynamo; the fused Adam step needs none."""
    code = ("import sys\n"
            "from ce_desktop.core.training.trainer import PRESETS, TrainConfig, Trainer\n"
            "cfg = TrainConfig.from_dict({**PRESETS['tutorial'].to_dict(), 'epochs': 1})\n"
            "trainer = Trainer(cfg)\n"
            "list(trainer.epochs())\n"
            "assert trainer.path == 'fused' and trainer.status == 'finished'\n"
            "print('torch._dynamo' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"
