"""Pinned samples: their histories hold each epoch's traced values, which are torch's own
per-sample cross-entropy; at most five; known by their data key, dropped when the data change."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from ce_desktop.core.training.config import TrainConfig
from ce_desktop.core.training.pinned import MAX_PINS, PinLimit, Pins, data_key
from ce_desktop.core.training.results import SampleTrace


def trace(values: list[float]) -> SampleTrace:
    q = np.asarray(values, dtype=np.float32)
    return SampleTrace(q_true=q, loss=-np.log(q))


def test_each_pinned_sample_keeps_only_its_own_values_of_each_epoch():
    pins, key = Pins(), data_key(TrainConfig())
    pins.pin(key, 2, true_class=1)
    pins.pin(key, 0, true_class=0)
    traces = [trace([0.5, 0.4, 0.3, 0.2]), trace([0.6, 0.5, 0.45, 0.1])]
    for epoch, one in enumerate(traces, start=1):
        pins.record(epoch, one)
    assert pins.indices() == [2, 0]
    for sample in pins.samples:
        epochs, q_true, loss = sample.series()
        assert list(epochs) == [1, 2]
        assert list(q_true) == [float(t.q_true[sample.index]) for t in traces]
        assert list(loss) == [float(t.loss[sample.index]) for t in traces]


def test_a_sample_pinned_mid_run_starts_at_the_latest_epoch_and_a_new_run_starts_afresh():
    pins, key = Pins(), data_key(TrainConfig())
    pins.pin(key, 1, true_class=0)
    pins.record(1, trace([0.5, 0.4]))
    pins.record(2, trace([0.6, 0.7]))
    pins.pin(key, 0, true_class=1)
    late = pins.samples[1]
    assert late.epochs == [2] and late.q_true == [pytest.approx(0.6)]
    assert not pins.start_run(key)  # the same data: the pins stay, their histories restart
    assert pins.indices() == [1, 0]
    assert all(sample.epochs == [] for sample in pins.samples)
    pins.pin(key, 3, true_class=0)  # no epoch of the new run yet: nothing to start from
    assert pins.samples[-1].epochs == []


def test_a_sixth_pin_is_refused_and_says_the_limit():
    pins, key = Pins(), data_key(TrainConfig())
    for index in range(MAX_PINS):
        pins.pin(key, index, true_class=0)
    assert not pins.pin(key, 0, true_class=0)  # pinning a pinned sample changes nothing
    with pytest.raises(PinLimit) as refused:
        pins.pin(key, 17, true_class=0)
    assert refused.value.message.values == {"limit": 5, "index": 17}
    assert "Up to 5 samples can be pinned" in str(refused.value.message)
    assert len(pins) == MAX_PINS
    assert pins.unpin(3) and not pins.unpin(3)
    pins.pin(key, 17, true_class=0)
    assert pins.indices() == [0, 1, 2, 4, 17]


def test_the_data_key_names_the_data_and_its_split_not_the_training():
    base = TrainConfig(dataset="moons", n_samples=400, noise=0.2, data_seed=1)
    same = [dataclasses.replace(base, lr=0.5, epochs=3, hidden=(4,), loss="ce", seed=9)]
    other = [dataclasses.replace(base, data_seed=2), dataclasses.replace(base, noise=0.3),
             dataclasses.replace(base, n_samples=500), dataclasses.replace(base, dataset="xor")]
    assert all(data_key(config) == data_key(base) for config in same)
    assert all(data_key(config) != data_key(base) for config in other)
    # Settings a data set ignores do not count: the tutorial's split is fixed, digits has
    # its own rows and no noise.
    tutorial = TrainConfig()
    assert data_key(dataclasses.replace(tutorial, data_seed=5)) == data_key(tutorial)
    digits = TrainConfig(dataset="digits", loss="ce")
    assert data_key(dataclasses.replace(digits, noise=1.0)) == data_key(digits)
    assert data_key(dataclasses.replace(digits, data_seed=1)) != data_key(digits)
    own = TrainConfig(dataset="csv", csv_path="a.csv", csv_target="y")
    assert data_key(dataclasses.replace(own, csv_roles={"x": "ignore"})) != data_key(own)
    hash(data_key(dataclasses.replace(own, csv_roles={"x": "ignore"})))


def test_pins_of_other_data_are_dropped():
    pins = Pins()
    moons, xor = data_key(TrainConfig(dataset="moons")), data_key(TrainConfig(dataset="xor"))
    pins.pin(moons, 4, true_class=1)
    assert pins.is_pinned(moons, 4) and not pins.is_pinned(xor, 4)
    assert pins.start_run(xor)
    assert len(pins) == 0 and pins.data == xor
    assert not pins.pin(xor, 1, true_class=0)
    assert pins.pin(moons, 1, true_class=0)  # pinning in another data set's table
    assert pins.indices() == [1] and pins.data == moons


@pytest.mark.parametrize("loss", ["ce", "mse"])
def test_a_real_runs_pinned_histories_are_the_traced_losses_torch_computes(loss, monkeypatch):
    """Each epoch event's trace, kept for the pinned samples: q(true) is the softmax of the
    outputs at the true class, the loss is F.cross_entropy(reduction="none") (MSE: the
    squared error averaged over the outputs) of the model after that epoch."""
    torch = pytest.importorskip("torch")
    import torch.nn.functional as F

    from ce_desktop.core.jobs import Flags
    from ce_desktop.core.training.run import Epoch, run_training

    config = TrainConfig(dataset="digits", loss=loss, hidden=(16,), epochs=3,
                         batch_size=64, lr=0.01, seed=3)
    pins, key = Pins(), data_key(config)
    chosen = [0, 17, 101]
    pins.start_run(key)
    for index in chosen:
        pins.pin(key, index, true_class=0)

    expected: list[tuple[np.ndarray, np.ndarray]] = []
    from ce_desktop.core.training import trainer as trainer_module

    original = trainer_module.Trainer.sample_trace

    def traced(self):
        """The trace as the job sends it, and torch's own values of the same outputs."""
        with torch.no_grad():
            x = torch.as_tensor(self.dataset.X_test, dtype=torch.float32)
            y = torch.as_tensor(self.dataset.y_test, dtype=torch.int64)
            out = self.model(x)
            if loss == "ce":
                own = F.cross_entropy(out, y, reduction="none")
            else:
                own = F.mse_loss(out, F.one_hot(y, out.shape[1]).float(),
                                 reduction="none").mean(dim=1)
            q = torch.softmax(out, dim=1) if loss == "ce" else out
            expected.append((q[torch.arange(len(y)), y].numpy(), own.numpy()))
        return original(self)

    events = []
    monkeypatch.setattr(trainer_module.Trainer, "sample_trace", traced)
    run_training(config, Flags(), events.append)
    epochs = [event for event in events if isinstance(event, Epoch)]
    assert len(epochs) == 3 == len(expected)
    for event in epochs:
        pins.record(event.record.epoch, event.samples)
    for sample in pins.samples:
        epochs_seen, q_true, own_loss = sample.series()
        assert list(epochs_seen) == [1, 2, 3]
        np.testing.assert_array_equal(
            q_true, [float(event.samples.q_true[sample.index]) for event in epochs])
        np.testing.assert_array_equal(
            own_loss, [float(event.samples.loss[sample.index]) for event in epochs])
        np.testing.assert_allclose(q_true, [q[sample.index] for q, _ in expected],
                                   rtol=1e-6, atol=1e-7)
        np.testing.assert_allclose(own_loss, [own[sample.index] for _, own in expected],
                                   rtol=1e-5, atol=1e-6)
    # Three epochs, three samples: nine pairs of numbers kept, not three whole traces.
    assert sum(len(sample.epochs) for sample in pins.samples) == 9
