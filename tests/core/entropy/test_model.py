"""The explorer's state model: each operation, its observers, resizing and refusals."""

import math

import numpy as np
import pytest

from ce_desktop.core.entropy import explorer
from ce_desktop.core.entropy.explorer import ExplorerState
from ce_desktop.core.entropy.model import ExplorerModel, default_state
from ce_desktop.core.info import Unit
from ce_desktop.core.messages import InvalidInput


@pytest.fixture
def model():
    return ExplorerModel()


@pytest.fixture
def calls(model):
    """Every (state, comparison) the model's observer was called with."""
    seen = []
    model.subscribe(lambda state, comparison: seen.append((state, comparison)))
    return seen


def test_opens_on_the_default_state_with_its_comparison(model):
    assert model.state == default_state()
    assert model.state.p == pytest.approx((8 / 15, 4 / 15, 2 / 15, 1 / 15))
    assert model.state.q == (0.25,) * 4 and model.state.logits == (0.0,) * 4
    c = model.comparison
    assert c.cross_entropy == pytest.approx(2.0)  # uniform q over 4 classes: log2 4
    np.testing.assert_allclose(c.q, [0.25] * 4)


@pytest.mark.parametrize(
    ("operation", "argument", "expected"),
    [("set_q_source", "logits", {"q_source": "logits"}),
     ("set_temperature", 2.5, {"temperature": 2.5}),
     ("set_epsilon", 0.3, {"epsilon": 0.3}),
     ("set_unit", Unit.NATS, {"unit": Unit.NATS}),
     ("set_q", [0.1, 0.2, 0.3, 0.4], {"q": (0.1, 0.2, 0.3, 0.4)}),
     ("set_p", [0.4, 0.3, 0.2, 0.1], {"p": (0.4, 0.3, 0.2, 0.1)}),
     ("set_logits", [1.0, 2.0, 3.0, 4.0], {"logits": (1.0, 2.0, 3.0, 4.0)})],
)
def test_each_operation_changes_its_field_and_calls_observers_once(
        model, calls, operation, argument, expected):
    before = model.state
    getattr(model, operation)(argument)
    assert len(calls) == 1
    state, comparison = calls[0]
    assert state is model.state and comparison is model.comparison
    for field, value in expected.items():
        assert getattr(state, field) == value
    unchanged = {f: getattr(before, f) for f in ("p", "q", "logits", "q_source", "temperature",
                                                 "epsilon", "unit") if f not in expected}
    assert {f: getattr(state, f) for f in unchanged} == unchanged


def test_a_change_that_changes_nothing_calls_no_one(model, calls):
    model.set_unit(Unit.BITS)
    model.set_class_count(4)
    model.set_q(model.state.q)
    assert calls == []


def test_comparison_uses_the_q_of_the_source(model, calls):
    model.set_p([0.7, 0.2, 0.1])
    model.set_logits([2.0, 1.0, 0.0])
    model.set_q_source("logits")
    model.set_temperature(2.0)
    z = np.array([2.0, 1.0, 0.0]) / 2.0
    softmax = np.exp(z) / np.exp(z).sum()
    np.testing.assert_allclose(calls[-1][1].q, softmax)
    assert calls[-1][1].cross_entropy == pytest.approx(-(np.array([0.7, 0.2, 0.1])
                                                         * np.log2(softmax)).sum())
    model.set_q_source("smoothing")
    model.set_epsilon(0.3)
    np.testing.assert_allclose(model.comparison.q, [0.8, 0.1, 0.1])
    model.set_q_source("direct")
    np.testing.assert_allclose(model.comparison.q, model.state.q)


def test_the_comparison_is_in_the_unit(model):
    bits = model.comparison.entropy_p
    model.set_unit(Unit.NATS)
    assert model.comparison.unit is Unit.NATS
    assert model.comparison.entropy_p == pytest.approx(bits * math.log(2))


def test_set_logit_changes_one_class(model, calls):
    model.set_logit(2, 1.5)
    assert model.state.logits == (0.0, 0.0, 1.5, 0.0)
    assert len(calls) == 1
    with pytest.raises(IndexError):
        model.set_logit(4, 1.0)


def test_class_count_resizes_p_q_and_logits(model, calls):
    model.set_logits([1.0, 2.0, 3.0, 4.0])
    model.set_class_count(6)
    state = model.state
    assert (len(state.p), len(state.q), len(state.logits)) == (6, 6, 6)
    assert state.logits == (1.0, 2.0, 3.0, 4.0, 0.0, 0.0)
    assert state.p[4:] == (0.0, 0.0) and sum(state.p) == pytest.approx(1.0)
    model.set_class_count(2)
    state = model.state
    assert state.logits == (1.0, 2.0)
    assert state.p == pytest.approx((2 / 3, 1 / 3))  # the first two classes, renormalised
    assert state.q == pytest.approx((0.5, 0.5))
    assert len(calls) == 3


@pytest.mark.parametrize("operation", ["set_p", "set_q", "set_logits"])
def test_a_new_size_sets_k_for_everything(model, operation):
    values = [0.5, 0.3, 0.2] if operation != "set_logits" else [1.0, 0.0, -1.0]
    getattr(model, operation)(values)
    state = model.state
    assert (len(state.p), len(state.q), len(state.logits)) == (3, 3, 3)
    assert sum(state.p) == pytest.approx(1.0) and sum(state.q) == pytest.approx(1.0)
    assert model.comparison.contributions.size == 3


def test_presets(model, calls):
    model.set_q_source("logits")
    model.set_preset("q", "fair die")
    assert model.state.q_source == "direct"
    assert model.state.q == pytest.approx((1 / 6,) * 6)
    assert model.state.classes == 6 and len(calls) == 2  # source and q in one change
    model.set_preset("p", "one-hot")
    assert model.state.p == (1.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    assert model.comparison.entropy_p == 0.0


def test_apply_shows_a_whole_state_in_one_change(model, calls):
    state = ExplorerState(p=(0.6, 0.4), q=(0.5, 0.5), logits=(1.0, -1.0),
                          q_source="smoothing", temperature=3.0, epsilon=0.2, unit=Unit.BANS)
    model.apply(state)
    assert model.state == state and len(calls) == 1
    np.testing.assert_allclose(model.comparison.q, [0.9, 0.1])
    assert model.comparison.unit is Unit.BANS


@pytest.mark.parametrize(
    ("operation", "argument", "message"),
    [("set_p", [0.5, 0.6, -0.1], "entropy.p"),
     ("set_p", [0.5, 0.4], r"sums to 0\.9"),
     ("set_q", [float("nan"), 0.5, 0.5], "entropy.q"),
     ("set_p", [1 / 13] * 13, "2 to 12 classes"),
     ("set_p", [1.0], "2 to 12 classes"),
     ("set_class_count", 0, "2 to 12 classes"),
     ("set_class_count", 13, "2 to 12 classes"),
     ("set_logits", [0.0, math.inf, 0.0], "logits"),
     ("set_q_source", "magic", "q_source"),
     ("set_temperature", 0.0, "temperature"),
     ("set_temperature", 10.5, "temperature"),
     ("set_epsilon", 1.5, "epsilon"),
     ("set_unit", "furlongs", "unit"),
     ("apply", ExplorerState(p=(0.5, 0.5), q=(1.0,), logits=(0.0, 0.0)), "2 classes")],
)
def test_invalid_input_is_refused_and_changes_nothing(model, calls, operation, argument,
                                                      message):
    state, comparison = model.state, model.comparison
    with pytest.raises(InvalidInput, match=message):
        getattr(model, operation)(argument)
    assert model.state is state and model.comparison is comparison
    assert calls == []


def test_unsubscribe_stops_the_calls(model):
    first, second = [], []
    stop_first = model.subscribe(lambda state, _: first.append(state))
    model.subscribe(lambda state, _: second.append(state))
    model.set_unit(Unit.NATS)
    stop_first()
    stop_first()  # twice is harmless
    model.set_unit(Unit.BANS)
    assert [s.unit for s in first] == [Unit.NATS]
    assert [s.unit for s in second] == [Unit.NATS, Unit.BANS]


def test_compared_q_and_the_smoothing_class():
    state = ExplorerState(p=(0.2, 0.5, 0.3), q=(0.2, 0.3, 0.5), logits=(0.0, 0.0, 0.0),
                          q_source="smoothing", epsilon=0.3)
    assert explorer.smoothing_class(state.p) == 1
    np.testing.assert_allclose(explorer.compared_q(state), [0.1, 0.8, 0.1])
