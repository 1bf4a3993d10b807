"""The training loop: determinism, the tutorial's result, losses, stopping, divergence."""

import json
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from ce_desktop.core.training.trainer import (
    PRESETS,
    TrainConfig,
    Trainer,
    make_criterion,
    prior_entropy,
)


@pytest.fixture(scope="module")
def moons():
    from ce_desktop.core.data import make_dataset

    return make_dataset("moons", n_samples=600, noise=0.2, seed=1)


def small(**overrides) -> TrainConfig:
    base = {"dataset": "moons", "n_samples": 600, "data_seed": 1, "epochs": 3, "lr": 0.01,
            "hidden": (8,)}
    return TrainConfig.from_dict({**base, **overrides})


def test_config_json_round_trip_and_errors():
    config = small(name="实验", loss="ce", label_smoothing=0.1)
    assert TrainConfig.from_json(config.to_json()) == config
    with pytest.raises(ValueError, match="unknown setting"):
        TrainConfig.from_dict({"learning_rate": 1})
    with pytest.raises(ValueError, match="'epochs' cannot be 'many'"):
        TrainConfig.from_dict({"epochs": "many"})
    with pytest.raises(ValueError, match="lr must lie between"):
        TrainConfig(lr=-1).validate()
    with pytest.raises(ValueError, match="not valid JSON"):
        TrainConfig.from_json("{")


@pytest.mark.parametrize(("key", "value"), [
    ("epochs", 20.7), ("epochs", True), ("epochs", "20"), ("epochs", math.inf),
    ("lr", "0.1"), ("lr", False), ("lr", 10**400), ("restore_best", 1), ("restore_best", "no"),
    ("csv_path", 5), ("loss", ["bce"]), ("hidden", 10), ("hidden", [10.5]), ("hidden", [True]),
    ("hidden", [[10]]), ("name", None),
])
def test_a_setting_of_the_wrong_type_is_refused_not_converted(key, value):
    with pytest.raises(ValueError, match=f"setting '{key}' cannot be"):
        TrainConfig.from_dict({key: value})


def test_whole_numbers_written_as_floats_are_read_as_integers():
    config = TrainConfig.from_dict({"epochs": 30.0, "n_samples": 1e4, "hidden": [8.0, 4],
                                    "lr": 1, "restore_best": False})
    assert (config.epochs, config.n_samples, config.hidden) == (30, 10_000, (8, 4))
    assert type(config.epochs) is int and type(config.lr) is float
    assert config.restore_best is False


def test_a_configuration_nested_too_deeply_is_refused():
    with pytest.raises(ValueError, match="nested too deeply"):
        TrainConfig.from_json("[" * 100_000 + "]" * 100_000)


def test_same_seed_gives_identical_history(moons):
    def run(seed):
        trainer = Trainer(small(seed=seed), moons)
        return [r.as_dict() | {"seconds": 0} for r in trainer.epochs()], trainer.flat_params()

    a, pa = run(5)
    b, pb = run(5)
    c, _ = run(6)
    assert a == b
    np.testing.assert_array_equal(pa, pb)
    assert a != c


def test_epoch_records_are_consistent(moons):
    trainer = Trainer(small(epochs=4), moons)
    records = list(trainer.epochs())
    assert [r.epoch for r in records] == [1, 2, 3, 4]
    assert trainer.status == "finished"
    last = records[-1]
    np.testing.assert_array_equal(last.params, trainer.flat_params())
    assert not np.array_equal(trainer.initial_params, last.params)
    # The recorded validation figures are what a fresh evaluation gives.
    x = torch.as_tensor(moons.X_val)
    y = torch.as_tensor(moons.y_val)
    val_loss, val_acc = trainer.evaluate(x, y)
    assert last.val_loss == pytest.approx(val_loss) and last.val_acc == pytest.approx(val_acc)
    with torch.no_grad():
        p = trainer.model(x)[:, 0].double()
    assert val_loss == pytest.approx(F.binary_cross_entropy(p, y.double()).item(), rel=1e-5)
    assert records[-1].train_loss < records[0].train_loss


@pytest.mark.parametrize("preset", ["tutorial", "keras"])
def test_the_tutorial_presets_learn_the_tutorials_data(preset):
    config = PRESETS[preset]
    assert (config.hidden, config.batch_size, config.epochs, config.lr) == ((10, 10), 32, 20, 1e-3)
    trainer = Trainer(config)
    records = list(trainer.epochs())
    assert len(records) == 20 and trainer.status == "finished"
    assert records[-1].val_loss < 0.2
    report = trainer.test_report()
    assert report.test_acc > 0.9 and report.test_auc > 0.95
    assert report.confusion.sum() == 1000 and np.trace(report.confusion) == round(
        report.test_acc * 1000)
    # Bin edges as a CSV export writes them: 0.15, not 0.15000000000000002.
    assert [str(edge) for edge in report.histogram_edges] == [
        str(k / 20) for k in range(21)] and str(report.histogram_edges[3]) == "0.15"
    # Balanced binary data: the no-information baseline is ln 2 nats.
    assert prior_entropy(trainer.dataset) == pytest.approx(math.log(2), abs=1e-3)


@pytest.mark.parametrize("eps", [0.0, 0.1, 0.25])
def test_label_smoothed_ce_equals_torch(eps):
    criterion = make_criterion(TrainConfig(loss="ce", label_smoothing=eps), 4)
    torch.manual_seed(0)
    logits = torch.randn(16, 4)
    y = torch.randint(0, 4, (16,))
    expected = F.cross_entropy(logits, y, label_smoothing=eps)
    assert criterion(logits, y).item() == pytest.approx(expected.item(), rel=1e-6)


def test_bce_criteria_match_torch_and_keras_clipping():
    y = torch.tensor([1, 0, 1, 0])
    logits = torch.tensor([[2.0], [-1.0], [0.5], [30.0]])
    p = torch.sigmoid(logits)
    fused = make_criterion(TrainConfig(loss="bce_logits"), 2)(logits, y)
    plain = make_criterion(TrainConfig(loss="bce"), 2)(p, y)
    expected = F.binary_cross_entropy_with_logits(logits[:, 0], y.float())
    assert fused.item() == pytest.approx(expected.item(), rel=1e-6)
    # A confident wrong answer (logit 30): the probability path saturates at p = 1 in float32
    # and torch clamps log(0) to −100; the fused loss keeps the true value 30.
    assert plain.item() > fused.item()
    clipped = make_criterion(TrainConfig(loss="bce", clip_eps=1e-7), 2)(p, y)
    q = p[:, 0].clamp(1e-7, 1 - 1e-7)
    assert clipped.item() == pytest.approx(F.binary_cross_entropy(q, y.float()).item())
    weighted = make_criterion(TrainConfig(loss="bce_logits", pos_weight=3.0), 2)(logits, y)
    manual = F.binary_cross_entropy_with_logits(logits[:, 0], y.float(),
                                                pos_weight=torch.tensor(3.0))
    assert weighted.item() == pytest.approx(manual.item())


def test_stop_between_batches_keeps_completed_epochs(moons):
    trainer = Trainer(small(epochs=5), moons)
    calls = {"n": 0}
    batches_per_epoch = math.ceil(len(moons.y_train) / 32)

    def stop_in_third_epoch():
        calls["n"] += 1
        return calls["n"] > 2 * batches_per_epoch + 3

    records = list(trainer.epochs(stop_in_third_epoch))
    assert [r.epoch for r in records] == [1, 2]
    assert trainer.status == "stopped" and "2 completed epoch" in trainer.message


def _scripted_validation(monkeypatch, losses):
    """Make the validation loss follow ``losses`` epoch by epoch (the weights train as usual)."""
    scripted = iter(losses)
    real = Trainer.evaluate

    def evaluate(self, x, y):
        loss, acc = real(self, x, y)
        return (next(scripted), acc) if x is self._x_val else (loss, acc)

    monkeypatch.setattr(Trainer, "evaluate", evaluate)


@pytest.mark.parametrize("restore_best", [True, False])
def test_early_stopping_ends_after_patience_epochs_and_restores_the_best(
        moons, monkeypatch, restore_best):
    _scripted_validation(monkeypatch, [0.9, 0.5, 0.6, 0.55, 0.7, 0.4, 0.3])
    trainer = Trainer(small(epochs=7, patience=3, restore_best=restore_best), moons)
    records = list(trainer.epochs())
    assert [r.epoch for r in records] == [1, 2, 3, 4, 5]
    assert trainer.status == "finished" and trainer.best_epoch == 2
    assert "after epoch 5" in trainer.message and "3 epoch(s)" in trainer.message
    if restore_best:
        assert trainer.restored_epoch == 2 and "weights of epoch 2" in trainer.message
        np.testing.assert_array_equal(trainer.flat_params(), records[1].params)
    else:
        assert trainer.restored_epoch is None
        np.testing.assert_array_equal(trainer.flat_params(), records[-1].params)


def test_without_patience_or_with_improvement_the_run_goes_to_its_last_epoch(
        moons, monkeypatch):
    # Four epochs for the first run, then five for the second.
    _scripted_validation(monkeypatch, [0.5, 0.6, 0.7, 0.8, 0.9, 0.6, 0.55, 0.65, 0.5])
    off = Trainer(small(epochs=4), moons)
    assert len(list(off.epochs())) == 4 and off.message is None
    patient = Trainer(small(epochs=5, patience=2), moons)
    assert len(list(patient.epochs())) == 5
    assert patient.message is None and patient.restored_epoch is None


@pytest.mark.parametrize(("losses", "patience"), [
    ([0.9, 0.8, 0.7, 0.5, 0.6, 0.7], 2),  # patience runs out on the last epoch
    ([0.9, 0.8, 0.7, 0.5, 0.6, 0.55], 3),  # the run ends before it runs out
])
def test_with_restore_best_the_kept_model_is_the_best_epochs_even_at_the_last_epoch(
        moons, monkeypatch, losses, patience):
    _scripted_validation(monkeypatch, losses)
    trainer = Trainer(small(epochs=6, patience=patience), moons)
    records = list(trainer.epochs())
    assert len(records) == 6 and trainer.status == "finished"
    assert trainer.best_epoch == 4 and trainer.restored_epoch == 4
    np.testing.assert_array_equal(trainer.flat_params(), records[3].params)
    assert "kept epoch 4's weights, the best validation loss (0.5)" in trainer.message


def test_without_restore_best_the_last_epoch_is_kept(moons, monkeypatch):
    _scripted_validation(monkeypatch, [0.9, 0.8, 0.7, 0.5, 0.6, 0.7])
    trainer = Trainer(small(epochs=6, patience=2, restore_best=False), moons)
    records = list(trainer.epochs())
    assert trainer.restored_epoch is None and trainer.message is None
    np.testing.assert_array_equal(trainer.flat_params(), records[-1].params)


def test_early_stopping_is_off_in_the_tutorial_presets():
    assert PRESETS["tutorial"].patience == 0 and PRESETS["keras"].patience == 0


def test_a_stopped_early_run_sends_the_restored_weights_and_epoch(moons, monkeypatch):
    from ce_desktop.core.jobs import Flags
    from ce_desktop.core.training.run import Ended, run_training

    _scripted_validation(monkeypatch, [0.9, 0.5, 0.6, 0.7])
    monkeypatch.setattr("ce_desktop.core.training.trainer.load_dataset", lambda *args: moons)
    events = []
    run_training(small(epochs=6, patience=2), Flags(), events.append)
    ended = events[-1]
    assert isinstance(ended, Ended) and ended.status == "finished"
    assert ended.restored_epoch == 2 and ended.report is not None
    epochs = [e.record for e in events if type(e).__name__ == "Epoch"]
    assert len(epochs) == 4
    sent = np.concatenate([w.ravel() for w in ended.state.values()])
    np.testing.assert_allclose(np.sort(sent), np.sort(epochs[1].params))


def test_a_diverging_run_stops_with_a_clear_message(moons):
    trainer = Trainer(small(optimizer="sgd", lr=1e4, momentum=0.9, epochs=5,
                            loss="bce_logits"), moons)
    records = list(trainer.epochs())
    assert trainer.status == "failed"
    assert "diverged" in trainer.message and "learning rate (10000)" in trainer.message
    assert len(records) < 5
    assert all(math.isfinite(r.train_loss) for r in records)


def test_probabilities_bce_cannot_take_end_the_run_as_diverged(moons):
    trainer = Trainer(small(loss="bce"), moons)
    with torch.no_grad():
        trainer.model[0].weight.fill_(math.nan)  # sigmoid(NaN) is outside [0, 1] for BCE
    records = list(trainer.epochs())
    assert records == [] and trainer.status == "failed"
    assert "diverged" in trainer.message and "epoch 1, batch 1" in trainer.message


def test_multiclass_with_ce(tmp_path):
    from ce_desktop.core.data import make_dataset

    blobs = make_dataset("blobs", n_samples=600, n_classes=4, seed=0)
    trainer = Trainer(TrainConfig(dataset="blobs", loss="ce", n_classes=4, epochs=15, lr=0.01,
                                  label_smoothing=0.05), blobs)
    records = list(trainer.epochs())
    report = trainer.test_report()
    assert records[-1].val_acc > 0.8 and report.test_auc is None
    assert report.confusion.shape == (4, 4) and report.histograms.shape == (4, 20)
    assert report.histograms.sum() == len(blobs.y_test)
    assert json.loads(json.dumps(report.metrics())) == report.metrics()


def test_a_batch_larger_than_the_training_set_is_refused_before_training():
    config = TrainConfig(dataset="moons", n_samples=100, batch_size=500)
    with pytest.raises(ValueError, match=r"batch size \(500\) is larger than the 60 training"):
        Trainer(config)


@pytest.mark.parametrize(
    ("change", "message"),
    [({"lr": 0.0}, "lr must lie between 1e-06 and 100000, not 0"),
     ({"lr": -0.1}, "lr must lie between 1e-06 and 100000, not -0.1"),
     ({"lr": math.inf}, "lr must lie between 1e-06 and 100000, not inf"),
     ({"lr": 1e20}, "lr must lie between 1e-06 and 100000, not 1e[+]20"),
     ({"adam_eps": math.inf}, "adam_eps must lie between 1e-10 and 0.01, not inf"),
     ({"pos_weight": math.inf}, "pos_weight must lie between"),
     ({"batch_size": 0}, "batch_size must lie between 1 and 100000, not 0"),
     ({"epochs": 0}, "epochs must lie between 1 and 10000, not 0"),
     ({"epochs": 10**10}, "epochs must lie between 1 and 10000, not 1e[+]10"),
     ({"seed": 3_000_000_000}, "seed must lie between 0 and 2.14748e[+]09"),
     ({"hidden": [10**12]}, "hidden layers: at most 8, each of 1 to 1024 units"),
     ({"hidden": [8] * 9}, "hidden layers: at most 8"),
     ({"name": "x" * 100_000}, "at most 1000 characters"),
     ({"dataset": "mnist"}, "dataset must be one of tutorial"),
     ({"patience": -1}, "patience must lie between 0 and 10000, not -1"),
     ({"adam_eps_form": "tensorflow"}, "adam_eps_form must be one of pytorch, keras")],
)
def test_config_validation_names_the_bad_setting(change, message):
    config = TrainConfig.from_dict(TrainConfig().to_dict() | change)
    with pytest.raises(ValueError, match=message):
        config.validate()
