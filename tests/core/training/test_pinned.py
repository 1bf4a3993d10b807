"""Pinned samples: their histories hold each epoch's traced values, which are torch's own
per-sample cross-entropy; at most five; known by their data key, dropped when the data change."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from ce_desktop.core.training.config import TrainConfig
from ce_desktop.core.training.pinned import MAX_PINS, PinLimit, Pins, RunHistory, data_key
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


def test_a_sample_pinned_after_a_run_shows_every_epoch_of_it_and_a_new_run_starts_afresh():
    pins, key = Pins(), data_key(TrainConfig())
    assert pins.start_run(key, epochs=5) is False
    pins.pin(key, 1, true_class=0)
    rng = np.random.default_rng(1)
    traces = [trace(list(rng.uniform(0.01, 1.0, 4))) for _ in range(5)]
    for epoch, one in enumerate(traces[:2], start=1):
        pins.record(epoch, one)
    pins.pin(key, 0, true_class=1)  # during the run: its first two epochs are there
    during = pins.samples[1]
    assert during.epochs == [1, 2]
    assert during.q_true == [float(t.q_true[0]) for t in traces[:2]]
    for epoch, one in enumerate(traces[2:], start=3):
        pins.record(epoch, one)
    pins.pin(key, 3, true_class=0)  # after it: all five
    for sample in pins.samples:
        epochs, q_true, loss = sample.series()
        assert list(epochs) == [1, 2, 3, 4, 5]
        assert list(q_true) == [float(t.q_true[sample.index]) for t in traces]
        assert list(loss) == [float(t.loss[sample.index]) for t in traces]
        assert loss.dtype == np.float64 and np.all(np.isfinite(loss))
    assert pins.history.whole
    # Unpinning all keeps the run's history for the next pin.
    pins.clear()
    pins.pin(key, 2, true_class=0)
    assert pins.samples[0].epochs == [1, 2, 3, 4, 5]

    assert not pins.start_run(key, epochs=3)  # the same data: the pins stay, histories restart
    assert pins.indices() == [2]
    assert all(sample.epochs == [] for sample in pins.samples)
    pins.pin(key, 3, true_class=0)  # no epoch of the new run yet: nothing to start from
    assert pins.samples[-1].epochs == []
    # A model loaded from a file has no epochs: the histories go too.
    pins.record(1, traces[0])
    pins.forget_run()
    pins.pin(key, 0, true_class=0)
    assert all(sample.epochs == [] for sample in pins.samples)


def test_a_run_past_the_budget_keeps_only_the_pinned_samples_and_the_latest_epoch():
    """Four samples × three epochs × two float32 values = 96 bytes; with 95 a late pin starts
    at the epoch it is pinned at, as without a history; the pinned ones still get every epoch."""
    pins, key = Pins(budget=95), data_key(TrainConfig())
    pins.start_run(key, epochs=3)
    pins.pin(key, 1, true_class=0)
    traces = [trace([0.5, 0.4, 0.3, 0.2]), trace([0.6, 0.7, 0.2, 0.1]),
              trace([0.7, 0.8, 0.1, 0.3])]
    pins.record(1, traces[0])
    assert pins.history.whole is False
    pins.record(2, traces[1])
    pins.pin(key, 0, true_class=1)
    late = pins.samples[1]
    assert late.epochs == [2] and late.q_true == [pytest.approx(0.6)]
    pins.record(3, traces[2])
    assert late.epochs == [2, 3]
    assert pins.samples[0].epochs == [1, 2, 3]
    assert pins.samples[0].q_true == [float(t.q_true[1]) for t in traces]
    pins.pin(key, 2, true_class=0)
    assert pins.samples[2].epochs == [3]
    # A budget of exactly 96 bytes keeps the whole run.
    fits = Pins(budget=96)
    fits.start_run(key, epochs=3)
    for epoch, one in enumerate(traces, start=1):
        fits.record(epoch, one)
    fits.pin(key, 2, true_class=0)
    assert fits.history.whole and fits.samples[0].epochs == [1, 2, 3]


def test_a_history_without_a_planned_length_is_kept_while_it_fits():
    history = RunHistory(budget=2 * 2 * 4 * 2)  # two samples, two epochs
    history.start()
    for epoch in (1, 2):
        history.append(epoch, trace([0.5, 0.25]))
    assert history.whole and history.history(1)[0] == [1, 2]
    history.append(3, trace([0.9, 0.8]))
    assert history.whole is False
    assert history.history(1) == ([3], [pytest.approx(0.8)], [pytest.approx(-np.log(0.8))])
    assert history.history(7) == ([], [], [])


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
    assert sum(len(sample.epochs) for sample in pins.samples) == 9
    # A sample pinned after the run gets the same three epochs from the run's history.
    pins.pin(key, 55, true_class=0)
    late = pins.samples[-1]
    assert late.epochs == [1, 2, 3]
    np.testing.assert_allclose(late.loss, [own[55] for _, own in expected],
                               rtol=1e-5, atol=1e-6)
