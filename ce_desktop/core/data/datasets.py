"""The data set type, the tutorial's data and split, the synthetic 2-D data sets and
scikit-learn's bundled real data sets (digits, breast cancer, iris, wine).

scikit-learn is imported inside the functions that need it: importing it costs ~1.6 s and the
window must open without it.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from ce_desktop.core.messages import QT_TRANSLATE_NOOP

DATASETS: tuple[str, ...] = ("tutorial", "moons", "circles", "xor", "spiral", "blobs", "digits",
                             "breast_cancer", "iris", "wine")
#: scikit-learn's real data sets, bundled with it (no download): name → its loader's name.
BUNDLED: dict[str, str] = {"digits": "load_digits", "breast_cancer": "load_breast_cancer",
                           "iris": "load_iris", "wine": "load_wine"}


@dataclass(frozen=True)
class DatasetInfo:
    """What a named data set is, in one line, and where it comes from."""

    description: str
    source: str


#: One line on each data set (translated by the interface) and its source.
DATASET_INFO: dict[str, DatasetInfo] = {
    "tutorial": DatasetInfo(QT_TRANSLATE_NOOP(
        "core", "the tutorial's data: 10,000 rows, 20 features, two classes"),
        "sklearn.datasets.make_classification(random_state=2022)"),
    "moons": DatasetInfo(QT_TRANSLATE_NOOP("core", "two interleaving half circles, 2-D"),
                         "sklearn.datasets.make_moons"),
    "circles": DatasetInfo(QT_TRANSLATE_NOOP("core", "a circle inside a circle, 2-D"),
                           "sklearn.datasets.make_circles"),
    "xor": DatasetInfo(QT_TRANSLATE_NOOP("core", "four quadrants, opposite ones alike, 2-D"),
                       "ce-desktop (core/data/datasets.py)"),
    "spiral": DatasetInfo(QT_TRANSLATE_NOOP("core", "two interleaved spiral arms, 2-D"),
                          "ce-desktop (core/data/datasets.py)"),
    "blobs": DatasetInfo(QT_TRANSLATE_NOOP("core", "3 to 5 Gaussian clusters, 2-D"),
                         "sklearn.datasets.make_blobs"),
    "digits": DatasetInfo(QT_TRANSLATE_NOOP(
        "core", "1797 handwritten digits as 8×8 images, ten classes"),
        "UCI Optical Recognition of Handwritten Digits, via sklearn.datasets.load_digits"),
    "breast_cancer": DatasetInfo(QT_TRANSLATE_NOOP(
        "core", "569 breast tumours, 30 measurements of cell nuclei, malignant or benign"),
        "UCI Breast Cancer Wisconsin (Diagnostic), via sklearn.datasets.load_breast_cancer"),
    "iris": DatasetInfo(QT_TRANSLATE_NOOP(
        "core", "150 iris flowers, 4 measurements of sepals and petals, three species"),
        "Fisher (1936), UCI Iris, via sklearn.datasets.load_iris"),
    "wine": DatasetInfo(QT_TRANSLATE_NOOP(
        "core", "178 Italian wines, 13 chemical measurements, three cultivars"),
        "UCI Wine, via sklearn.datasets.load_wine"),
}
BLOB_CLASSES = range(3, 6)
#: The image data sets: their test and validation rows keep their raw pixels
#: (``Dataset.test_images``, ``Dataset.val_images``).
IMAGE_DATASETS: tuple[str, ...] = ("digits",)
#: Classes of each bundled data set (the generated ones have two, blobs as many as asked).
BUNDLED_CLASSES: dict[str, int] = {"digits": 10, "breast_cancer": 2, "iris": 3, "wine": 3}


def dataset_classes(name: str, n_classes: int) -> int | None:
    """How many classes data set ``name`` has (``n_classes`` is blobs' setting); None for
    a data set known only once read (a table) or an unknown name."""
    if name in BUNDLED_CLASSES:
        return BUNDLED_CLASSES[name]
    if name == "blobs":
        return n_classes
    return 2 if name in DATASETS else None


@dataclass(frozen=True, eq=False)  # eq=False: arrays have no single truth value
class Dataset:
    """A classification data set, already split into train, validation and test parts."""

    name: str
    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    feature_names: tuple[str, ...]
    class_names: tuple[str, ...]
    test_images: np.ndarray | None = None
    """For image data: the test rows' raw pixels, unscaled, as images (n_test, height,
    width), in the order of ``X_test``; None for tables. The features are standardised, so
    this is what a picture of a test sample is drawn from."""
    val_images: np.ndarray | None = None
    """The same for the validation rows (n_val, height, width), in the order of ``X_val``."""
    preprocessing: dict[str, object] | None = None
    """For a table of the user's own: the fitted transform from its columns to the features,
    as plain data (``Preprocessing.to_dict()``), to store with the run and the model."""

    def __post_init__(self) -> None:
        d = len(self.feature_names)
        for part in ("train", "val", "test"):
            X = np.asarray(getattr(self, f"X_{part}"), dtype=np.float32)
            y = np.asarray(getattr(self, f"y_{part}"), dtype=np.int64)
            if X.ndim != 2 or X.shape[1] != d:
                raise ValueError(f"X_{part} has shape {X.shape}; expected (n, {d})")
            if y.shape != (X.shape[0],):
                raise ValueError(f"y_{part} has shape {y.shape}; expected ({X.shape[0]},)")
            if y.size and (y.min() < 0 or y.max() >= len(self.class_names)):
                raise ValueError(f"y_{part} has labels outside 0..{len(self.class_names) - 1}")
            # The dataclass is frozen; this is the one place the fields are normalised.
            object.__setattr__(self, f"X_{part}", X)
            object.__setattr__(self, f"y_{part}", y)
        object.__setattr__(self, "feature_names", tuple(self.feature_names))
        object.__setattr__(self, "class_names", tuple(self.class_names))
        for part in ("test", "val"):
            given = getattr(self, f"{part}_images")
            if given is None:
                continue
            images = np.asarray(given, dtype=np.float32)
            rows = len(getattr(self, f"y_{part}"))
            if images.ndim != 3 or images.shape[0] != rows:
                raise ValueError(f"{part}_images has shape {images.shape}; expected "
                                 f"({rows}, height, width)")
            object.__setattr__(self, f"{part}_images", images)

    @property
    def n_features(self) -> int:
        return len(self.feature_names)

    @property
    def n_classes(self) -> int:
        return len(self.class_names)

    @property
    def is_binary(self) -> bool:
        return self.n_classes == 2

    @property
    def is_2d(self) -> bool:
        return self.n_features == 2

    def class_prior(self) -> np.ndarray:
        """Class frequencies of the training labels (sums to 1)."""
        counts = np.bincount(self.y_train, minlength=self.n_classes)
        return counts / counts.sum()


# --------------------------------------------------------------------------- tutorial


def tutorial_split() -> Dataset:
    """The tutorial's data: 6300 train / 2700 validation / 1000 test rows, 20 raw features."""
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    X, y = make_classification(n_samples=10000, n_informative=10, random_state=2022)
    X_new, X_test = X[:9000], X[9000:]
    y_new, y_test = y[:9000], y[9000:]
    # The tutorial leaves this split unseeded; 2022 makes every run the same.
    X_train, X_val, y_train, y_val = train_test_split(
        X_new, y_new, test_size=0.3, random_state=2022
    )
    return Dataset(
        name="tutorial",
        X_train=X_train, y_train=y_train,
        X_val=X_val, y_val=y_val,
        X_test=X_test, y_test=y_test,
        feature_names=tuple(f"x{i}" for i in range(1, 21)),
        class_names=("0", "1"),
    )


# --------------------------------------------------------------------------- synthetic 2-D


def make_dataset(
    name: str, *, n_samples: int = 1000, noise: float = 0.2, n_classes: int = 3, seed: int = 0
) -> Dataset:
    """A named data set; the 2-D ones and digits are split 60/20/20 (stratified) and
    standardised on the training rows.

    ``n_samples`` and ``noise`` apply to the 2-D sets only (the bundled real sets have their
    own rows).
    ``noise`` is the standard deviation of the Gaussian noise added to the points (for
    blobs, ``5 * noise`` is the cluster standard deviation, so the default 0.2 gives
    scikit-learn's default of 1). ``n_classes`` (3 to 5) is used by blobs only.
    """
    if name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; choose one of {', '.join(DATASETS)}")
    if name == "tutorial":
        return tutorial_split()
    if name == "digits":
        return digits(seed)
    if name in BUNDLED:
        return bundled(name, seed)
    if not (isinstance(noise, (int, float)) and math.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    k = n_classes if name == "blobs" else 2
    if name == "blobs" and n_classes not in BLOB_CLASSES:
        raise ValueError(f"blobs needs 3 to 5 classes, got {n_classes}")
    # Ten rows per class keeps every class in each of the three parts.
    if n_samples < 10 * k:
        raise ValueError(f"{name} with {k} classes needs n_samples >= {10 * k}, got {n_samples}")

    X, y = _GENERATORS[name](n_samples, noise, k, seed)
    train, val, test = split_indices(y, 0.2, 0.2, seed)
    return standardised(
        name, X, y, train, val, test, ("x1", "x2"), tuple(str(c) for c in range(k))
    )


def _moons(n: int, noise: float, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import make_moons

    return make_moons(n, noise=noise, random_state=seed)


def _circles(n: int, noise: float, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import make_circles

    return make_circles(n, noise=noise, factor=0.5, random_state=seed)


def _blobs(n: int, noise: float, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import make_blobs

    return make_blobs(n, n_features=2, centers=k, cluster_std=5 * noise, random_state=seed)


def _balanced_labels(n: int, rng: np.random.Generator) -> np.ndarray:
    """n labels, half 0 and half 1 (0 gets the odd one), in random order."""
    return rng.permutation(np.arange(n) % 2)


def _xor(n: int, noise: float, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = _balanced_labels(n, rng)
    # Uniform in [-1, 1]² given the class: x·y > 0 means both coordinates share a sign.
    magnitude = rng.uniform(0.0, 1.0, size=(n, 2))
    sign_x = rng.choice([-1.0, 1.0], size=n)
    sign_y = np.where(y == 1, sign_x, -sign_x)
    X = magnitude * np.column_stack([sign_x, sign_y])
    return X + rng.normal(scale=noise, size=X.shape), y


def _spiral(n: int, noise: float, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = _balanced_labels(n, rng)
    # sqrt spreads points evenly along the arm; the arm turns 1.5 times out to radius 1,
    # and the second arm is the first turned by half a turn.
    t = 0.05 + 0.95 * np.sqrt(rng.uniform(size=n))
    angle = 3 * np.pi * t + np.pi * y
    X = t[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    # Neighbouring arms are 1/3 apart, so noise 1 blurs them completely.
    return X + rng.normal(scale=0.3 * noise, size=X.shape), y


_GENERATORS = {
    "moons": _moons,
    "circles": _circles,
    "xor": _xor,
    "spiral": _spiral,
    "blobs": _blobs,
}


# --------------------------------------------------------------------------- digits


def digits(seed: int = 0) -> Dataset:
    """scikit-learn's bundled handwritten digits: 1797 images of 8×8 pixels (values 0–16),
    ten classes; 64 features named ``pixel_<row>_<column>``, split 60/20/20 (stratified by
    ``seed``) and standardised on the training rows. The test and validation rows keep their
    raw images."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    X, y, images = bunch.data, bunch.target, bunch.images
    height, width = images.shape[1:]
    train, val, test = split_indices(y, 0.2, 0.2, seed)
    names = tuple(f"pixel_{r}_{c}" for r in range(height) for c in range(width))
    split = standardised("digits", X, y, train, val, test, names,
                         tuple(str(c) for c in range(10)))
    return dataclasses.replace(split, test_images=images[test], val_images=images[val])


def bundled(name: str, seed: int = 0) -> Dataset:
    """One of scikit-learn's bundled real tables (:data:`BUNDLED`), split 60/20/20
    (stratified by ``seed``) and standardised on the training rows."""
    from sklearn import datasets

    bunch = getattr(datasets, BUNDLED[name])()
    X, y = bunch.data, bunch.target
    train, val, test = split_indices(y, 0.2, 0.2, seed)
    return standardised(name, X, y, train, val, test, tuple(str(f) for f in bunch.feature_names),
                        tuple(str(c) for c in bunch.target_names))


# --------------------------------------------------------------------------- shared


def split_indices(
    y: np.ndarray, val_fraction: float, test_fraction: float, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row indices of train, val and test, each stratified by class."""
    from sklearn.model_selection import train_test_split

    # Whole numbers of rows: float sizes are rounded up by scikit-learn, and the val share
    # of the remainder (e.g. 0.1 / 0.7 · 140 = 20.000000000000004) would take one row too many.
    # Callers first make sure every class has at least 1 / (smallest fraction) rows; with
    # that, stratification is always possible, so there is no unstratified fallback.
    n = len(y)
    n_test = round(test_fraction * n)
    n_val = round(val_fraction * n)
    rest, test = train_test_split(
        np.arange(n), test_size=n_test, random_state=seed, stratify=y
    )
    train, val = train_test_split(rest, test_size=n_val, random_state=seed, stratify=y[rest])
    return train, val, test


def standardised(
    name: str,
    X: np.ndarray,
    y: np.ndarray,
    train: np.ndarray,
    val: np.ndarray,
    test: np.ndarray,
    feature_names: tuple[str, ...],
    class_names: tuple[str, ...],
) -> Dataset:
    """The split data set with a StandardScaler fitted on the training rows only."""
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(X[train])
    parts = [scaler.transform(X[rows]) for rows in (train, val, test)]
    return Dataset(
        name=name,
        X_train=parts[0], y_train=y[train],
        X_val=parts[1], y_val=y[val],
        X_test=parts[2], y_test=y[test],
        feature_names=feature_names,
        class_names=class_names,
    )
