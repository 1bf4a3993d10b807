"""scikit-learn's bundled real data sets: the same rows and classes as its loaders, and they
train."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import datasets as sk_datasets

from ce_desktop.core.data import DATASET_INFO, DATASETS, make_dataset
from ce_desktop.core.training.config import DATASETS as CONFIG_DATASETS
from ce_desktop.core.training.config import TrainConfig
from ce_desktop.core.training.trainer import Trainer, prior_entropy

LOADERS = {"breast_cancer": sk_datasets.load_breast_cancer, "iris": sk_datasets.load_iris,
           "wine": sk_datasets.load_wine}


@pytest.mark.parametrize("name", list(LOADERS))
def test_bundled_set_has_the_loaders_rows_and_classes(name):
    bunch = LOADERS[name]()
    ds = make_dataset(name, seed=3)
    X = np.vstack([ds.X_train, ds.X_val, ds.X_test])
    y = np.concatenate([ds.y_train, ds.y_val, ds.y_test])
    assert X.shape == bunch.data.shape
    assert ds.feature_names == tuple(bunch.feature_names)
    assert ds.class_names == tuple(bunch.target_names)
    np.testing.assert_array_equal(np.bincount(y), np.bincount(bunch.target))
    # Standardised on the training part: mean 0 and standard deviation 1 there.
    np.testing.assert_allclose(ds.X_train.mean(axis=0), 0, atol=1e-5)
    np.testing.assert_allclose(ds.X_train.std(axis=0), 1, atol=1e-4)
    # Each part keeps every class (stratified) and the parts are 60/20/20.
    for part in (ds.y_train, ds.y_val, ds.y_test):
        assert set(part) == set(range(len(bunch.target_names)))
    assert len(ds.y_test) == round(0.2 * len(bunch.target))


@pytest.mark.parametrize("name", list(LOADERS))
def test_bundled_set_trains_above_the_no_information_baseline(name):
    ds = make_dataset(name)
    config = TrainConfig(dataset=name, loss="ce", epochs=30, batch_size=16, lr=1e-2)
    trainer = Trainer(config, ds)
    for _ in trainer.epochs():
        pass
    report = trainer.test_report()
    majority = np.bincount(ds.y_test).max() / len(ds.y_test)
    assert report.test_acc > majority + 0.1
    assert report.test_loss < prior_entropy(ds)


def test_the_vocabulary_of_data_sets_is_defined_once():
    assert (*DATASETS, "csv") == CONFIG_DATASETS
    assert set(DATASET_INFO) == set(DATASETS)
    for info in DATASET_INFO.values():
        assert info.description and "\n" not in info.description and info.source


@pytest.mark.parametrize("name", DATASETS)
def test_each_data_set_has_the_classes_it_is_said_to_have(name):
    from ce_desktop.core.data import dataset_classes

    n_classes = 4 if name == "blobs" else 3
    made = make_dataset(name, n_samples=200, n_classes=n_classes)
    said = dataset_classes(name, n_classes)
    assert said == made.n_classes == len(np.unique(made.y_train))
    if name in ("digits", "breast_cancer", "iris", "wine"):
        loader = getattr(sk_datasets, f"load_{name}")
        assert said == len(np.unique(loader().target))


def test_a_binary_loss_on_more_classes_is_refused_before_any_data_is_made():
    from ce_desktop.core.messages import InvalidInput

    with pytest.raises(InvalidInput, match="bce needs two classes, the data has 10"):
        TrainConfig(dataset="digits", loss="bce").validate()
    with pytest.raises(InvalidInput, match="bce_logits needs two classes, the data has 4"):
        TrainConfig(dataset="blobs", n_classes=4, loss="bce_logits").validate()
    TrainConfig(dataset="digits", loss="ce").validate()
    TrainConfig(dataset="csv", csv_path="t.csv", loss="bce").validate()  # known once read
