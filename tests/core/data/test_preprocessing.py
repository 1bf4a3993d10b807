"""The plain-data preprocessing equals scikit-learn's ColumnTransformer, survives JSON and a
model file, and a table of numbers without gaps loads as it always did."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import torch
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from titanic_like import write_titanic_like

from ce_desktop.core.data import load_csv
from ce_desktop.core.data.own_table import load_table
from ce_desktop.core.data.preprocessing import MIN_LEVEL_ROWS, Preprocessing, fit
from ce_desktop.core.training import models

NUMERIC = ["age", "fare"]
CATEGORICAL = ["sex", "port"]


def table(n: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    age = rng.normal(30, 10, n)
    age[rng.random(n) < 0.2] = np.nan
    port = list(rng.choice(["S", "C", "Q", "rare1", "rare2"], n, p=[.6, .2, .16, .02, .02]))
    for i in rng.choice(n, 5, replace=False):
        port[i] = None
    return {"age": age, "fare": rng.exponential(30, n),
            "sex": list(rng.choice(["male", "female"], n)), "port": port}


def sklearn_transformer(columns: dict, rows: np.ndarray) -> tuple[ColumnTransformer, callable]:
    """The issue's ColumnTransformer, built here independently of the app's code."""
    def matrix(cols: dict) -> np.ndarray:
        n = len(cols["age"])
        X = np.empty((n, 4), dtype=object)
        X[:, 0], X[:, 1] = cols["age"], cols["fare"]
        for j, name in ((2, "sex"), (3, "port")):
            X[:, j] = [math.nan if c is None else c for c in cols[name]]
        return X

    transformer = ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median", add_indicator=True),
                              StandardScaler()), [0, 1]),
        ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"),
                              OneHotEncoder(handle_unknown="infrequent_if_exist",
                                            min_frequency=MIN_LEVEL_ROWS, sparse_output=False)),
         [2, 3]),
    ], sparse_threshold=0.0).fit(matrix(columns)[rows])
    return transformer, lambda cols: transformer.transform(matrix(cols))


@pytest.fixture
def fitted():
    columns = table(300, 0)
    train = np.arange(200)
    return columns, train, fit(columns, NUMERIC, CATEGORICAL, train)


def test_the_plain_data_transform_equals_the_fitted_column_transformer(fitted):
    columns, train, prep = fitted
    _, transform = sklearn_transformer(columns, train)
    assert prep.grouped[0] == () and "rare1" in prep.grouped[1]  # rare levels, grouped
    assert "S" in prep.levels[1] and "rare1" not in prep.levels[1]
    np.testing.assert_allclose(prep.apply(columns), transform(columns), rtol=1e-12, atol=1e-12)


def test_gaps_and_levels_never_seen_in_training(fitted):
    columns, train, prep = fitted
    _, transform = sklearn_transformer(columns, train)
    new = {"age": np.array([np.nan, 20.0, 99.0]), "fare": np.array([1.0, np.nan, 5.0]),
           "sex": [None, "other", "male"], "port": ["Atlantis", None, "rare1"]}
    # scikit-learn's numeric imputer takes a gap in a column that had none in training too.
    ours, theirs = prep.apply(new), transform(new)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)
    names = prep.output_names
    # An unseen port goes to the column of the grouped rare ports; an unseen sex to none.
    assert ours[0, names.index("port=(other)")] == 1
    assert ours[1, [i for i, n in enumerate(names) if n.startswith("sex=")]].sum() == 0


def test_only_numbers_or_only_categories(fitted):
    columns, train, _ = fitted
    for numeric, categorical in ((NUMERIC, []), ([], CATEGORICAL)):
        prep = fit(columns, numeric, categorical, train)
        assert prep.inputs == (*numeric, *categorical)
        assert prep.apply(columns).shape[1] == len(prep.output_names)


def test_the_plain_data_survives_json(fitted):
    columns, _, prep = fitted
    again = Preprocessing.from_dict(json.loads(json.dumps(prep.to_dict())))
    assert again == prep
    np.testing.assert_array_equal(again.apply(columns), prep.apply(columns))


@pytest.mark.parametrize("change", [
    {"format": 2}, {"scales": [0.0, 1.0, 1.0]}, {"means": [1.0]}, {"indicated": [7]},
    {"levels": "S"}, {"medians": [float("nan"), 1.0]}, {"fills": ["a"]}])
def test_malformed_plain_data_is_refused(fitted, change):
    _, _, prep = fitted
    with pytest.raises(ValueError):
        Preprocessing.from_dict({**prep.to_dict(), **change})


def test_a_model_file_carries_its_preprocessing_and_loads_weights_only(fitted, tmp_path):
    columns, _, prep = fitted
    model = models.build_mlp(len(prep.output_names), 2, (4,), loss="bce")
    path = models.save_state(model.state_dict(), {"hidden": [4], "activation": "relu",
                                                  "loss": "bce"}, tmp_path / "m.pt",
                             preprocessing=prep.to_dict())
    payload = torch.load(path, weights_only=True)  # plain data only: no pickled estimator
    assert isinstance(payload["preprocessing"], str)
    _, _, loaded = models.load_model_file(path)
    assert loaded == prep
    np.testing.assert_array_equal(loaded.apply(columns), prep.apply(columns))


def test_a_model_file_with_broken_preprocessing_is_refused(fitted, tmp_path):
    _, _, prep = fitted
    model = models.build_mlp(len(prep.output_names), 2, (4,), loss="bce")
    config = {"hidden": [4], "activation": "relu", "loss": "bce"}
    path = models.save_state(model.state_dict(), config, tmp_path / "m.pt",
                             preprocessing={**prep.to_dict(), "scales": "x"})
    with pytest.raises(models.ModelError, match="unreadable preprocessing"):
        models.load_model_file(path)
    path = models.save_state(model.state_dict(), config, tmp_path / "m.pt",
                             preprocessing={**prep.to_dict(), "categorical": [], "fills": [],
                                            "levels": [], "grouped": []})
    with pytest.raises(models.ModelError, match="its preprocessing makes 3 features"):
        models.load_model_file(path)


def test_a_table_of_numbers_without_gaps_loads_as_the_numeric_reader_loads_it(tmp_path):
    rng = np.random.default_rng(4)
    path = tmp_path / "numbers.csv"
    X = rng.normal(size=(200, 3)) * [1, 10, 100]
    lines = ["a,b,c,label"] + [f"{a:.17g},{b:.17g},{c:.17g},{i % 3}"
                               for i, (a, b, c) in enumerate(X)]
    path.write_text("\n".join(lines), encoding="utf-8")
    old, new = load_csv(path, seed=5), load_table(path, seed=5)
    for part in ("train", "val", "test"):
        np.testing.assert_array_equal(getattr(new, f"X_{part}"), getattr(old, f"X_{part}"))
        np.testing.assert_array_equal(getattr(new, f"y_{part}"), getattr(old, f"y_{part}"))
    assert (new.feature_names, new.class_names) == (old.feature_names, old.class_names)


def test_the_titanic_style_table_is_preprocessed_on_its_training_rows(tmp_path):
    ds = load_table(write_titanic_like(tmp_path / "t.csv"), "Survived")
    assert ds.feature_names == ("Pclass", "Age", "SibSp", "Parch", "Fare", "Age (missing)",
                                "Sex=female", "Sex=male", "Embarked=C", "Embarked=Q",
                                "Embarked=S")
    numeric = ds.X_train[:, :6]
    np.testing.assert_allclose(numeric.mean(axis=0), 0, atol=1e-5)
    np.testing.assert_allclose(numeric.std(axis=0), 1, atol=1e-4)
    assert Preprocessing.from_dict(ds.preprocessing).output_names == ds.feature_names
