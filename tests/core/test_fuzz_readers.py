"""Every reader at a boundary, fed generated input: it loads finite, in-range values or
raises the project's own error with a message — never anything else.

The suite runs a bounded number of examples per reader; ``HYPOTHESIS_PROFILE=long`` runs
many more (``benchmarks``-style, outside the suite).
"""

import json
import math
import os
import tempfile
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ce_desktop.core.data import DataError, load_csv
from ce_desktop.core.experiment import FORMAT, ExperimentError, load_experiment
from ce_desktop.core.messages import Explained, InvalidInput
from ce_desktop.core.training.config import BOUNDS, HIDDEN_WIDTH, MAX_HIDDEN_LAYERS, TrainConfig
from ce_desktop.core.training.models import MODEL_FORMAT, ModelError, load_model

settings.register_profile("suite", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=5000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

JSON_SCALARS = (st.none() | st.booleans() | st.integers(-10**30, 10**30)
                | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12))
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=12)
KEYS = st.sampled_from([*TrainConfig().to_dict(), "learning_rate"])
CONFIG_DICTS = st.dictionaries(KEYS, JSON_VALUES, max_size=6)


def _assert_in_range(config: TrainConfig) -> None:
    for key, (low, high) in BOUNDS.items():
        value = getattr(config, key)
        assert math.isfinite(value) and low <= value <= high, key
    assert len(config.hidden) <= MAX_HIDDEN_LAYERS
    assert all(HIDDEN_WIDTH[0] <= h <= HIDDEN_WIDTH[1] for h in config.hidden)
    for key, default in TrainConfig().to_dict().items():
        value = config.to_dict()[key]
        if isinstance(default, (bool, int, float, str)):
            assert type(value) is type(default), key


@given(CONFIG_DICTS)
def test_a_configuration_is_valid_or_refused_with_a_message(data):
    try:
        config = TrainConfig.from_dict(data)
        config.validate()
    except InvalidInput as error:
        assert str(error)
        return
    _assert_in_range(config)


def _temporary(content: bytes, suffix: str) -> Path:
    handle, name = tempfile.mkstemp(suffix=suffix)
    with os.fdopen(handle, "wb") as file:
        file.write(content)
    return Path(name)


ENTROPY = {"p": [0.5, 0.5], "q": [0.25, 0.75]}


@given(st.one_of(
    st.binary(max_size=300),
    CONFIG_DICTS.map(lambda trainer: json.dumps(
        {"format": FORMAT, "entropy": ENTROPY, "trainer": trainer}).encode()),
    st.dictionaries(st.sampled_from(["p", "q", "logits", "q_source", "temperature",
                                     "epsilon", "unit"]), JSON_VALUES, max_size=5).map(
        lambda entropy: json.dumps({"format": FORMAT, "entropy": entropy,
                                    "trainer": {}}).encode()),
))
def test_an_experiment_loads_or_is_refused_with_a_message(content):
    path = _temporary(content, ".json")
    try:
        state, trainer = load_experiment(path)
    except ExperimentError as error:
        assert str(error)
        return
    finally:
        path.unlink()
    assert all(math.isfinite(v) for v in (*state.p, *state.q, *state.logits))
    _assert_in_range(TrainConfig.from_dict(trainer))


CELLS = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr),
                  st.integers(-10**6, 10**6).map(str), st.sampled_from(["", "NA", "x", '"']),
                  st.text(max_size=4))


@given(st.lists(st.lists(CELLS, min_size=1, max_size=4), min_size=0, max_size=30),
       st.sampled_from([",", ";", "\t"]),
       st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "gb18030", "cp1252"]))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_a_csv_loads_finite_features_or_is_refused_with_a_message(rows, separator, encoding):
    text = "\n".join(separator.join(cells) for cells in [["a", "b", "label"], *rows])
    errors = "surrogatepass" if encoding == "utf-8" else "replace"
    path = _temporary(text.encode(encoding, errors), ".csv")
    try:
        data = load_csv(path)
    except DataError as error:
        assert str(error)
        return
    except UnicodeEncodeError:
        return
    finally:
        path.unlink()
    for part in (data.X_train, data.X_val, data.X_test):
        assert np.isfinite(part).all()
    assert data.n_classes >= 2


@given(st.binary(max_size=400))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_any_bytes_as_a_csv_load_or_are_refused_with_a_message(content):
    path = _temporary(content, ".csv")
    try:
        data = load_csv(path)
    except DataError as error:
        assert str(error)
        return
    finally:
        path.unlink()
    assert np.isfinite(data.X_train).all() and data.n_classes >= 2


@given(st.one_of(
    st.binary(max_size=200),
    st.tuples(CONFIG_DICTS, st.lists(st.sampled_from(
        ["nan", "big", "int", "wide", "ok"]), min_size=1, max_size=3)),
))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_a_model_file_loads_or_is_refused_with_a_message(content):
    if isinstance(content, bytes):
        path = _temporary(content, ".pt")
    else:
        config, kinds = content
        tensors = {"nan": torch.full((2, 3), math.nan), "big": torch.ones(1).expand(3000, 3000),
                   "int": torch.ones(2, 3, dtype=torch.int32), "wide": torch.ones(4, 3),
                   "ok": torch.zeros(2, 3)}
        state = {f"{2 * i}.weight": tensors[kind] for i, kind in enumerate(kinds)}
        state |= {f"{2 * i}.bias": torch.zeros(tensors[kind].shape[0])
                  for i, kind in enumerate(kinds)}
        path = _temporary(b"", ".pt")
        torch.save({"format": MODEL_FORMAT, "config": json.dumps(config),
                    "state_dict": state}, path)
    try:
        model, config = load_model(path)
    except (ModelError, InvalidInput) as error:
        assert isinstance(error, Explained) and str(error)
        return
    finally:
        path.unlink()
    assert all(torch.isfinite(p).all() for p in model.parameters())


@pytest.mark.parametrize("reader", [load_csv, load_experiment, load_model])
def test_every_reader_refuses_a_missing_path_with_its_own_error(tmp_path, reader):
    with pytest.raises(Explained):
        reader(tmp_path / "nowhere")
