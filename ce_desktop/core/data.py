"""The tutorial's data set and split, synthetic 2-D data sets, and CSV loading.

scikit-learn is imported inside the functions that need it: importing it costs ~1.6 s and the
window must open without it.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ce_desktop.core.bounded_reads import FileRefused, regular_file
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained, Listing, Message

DATASETS: tuple[str, ...] = ("tutorial", "moons", "circles", "xor", "spiral", "blobs")
BLOB_CLASSES = range(3, 6)
#: Cells (compared case-insensitively, after stripping) that mean "no value here".
MISSING_TOKENS = frozenset({"", "na", "n/a", "nan", "null"})
#: Bytes looked at to tell a binary file from text.
_SNIFF_BYTES = 8192
#: The reader holds the whole text and its cells: about 17× the file at peak.
MAX_CSV_BYTES = 500_000_000
#: The largest feature value: its square, summed over a million rows, still fits a float.
MAX_MAGNITUDE = 1e150
#: How many short classes an error message lists before summarising the rest.
_MAX_LISTED = 5


class DataError(Explained, ValueError):
    """Bad data, with a message naming the row and/or column."""


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
    """A named data set; the 2-D ones are split 60/20/20 (stratified) and standardised.

    ``noise`` is the standard deviation of the Gaussian noise added to the points (for
    blobs, ``5 * noise`` is the cluster standard deviation, so the default 0.2 gives
    scikit-learn's default of 1). ``n_classes`` (3 to 5) is used by blobs only.
    """
    if name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; choose one of {', '.join(DATASETS)}")
    if name == "tutorial":
        return tutorial_split()
    if not (isinstance(noise, (int, float)) and math.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    k = n_classes if name == "blobs" else 2
    if name == "blobs" and n_classes not in BLOB_CLASSES:
        raise ValueError(f"blobs needs 3 to 5 classes, got {n_classes}")
    # Ten rows per class keeps every class in each of the three parts.
    if n_samples < 10 * k:
        raise ValueError(f"{name} with {k} classes needs n_samples >= {10 * k}, got {n_samples}")

    X, y = _GENERATORS[name](n_samples, noise, k, seed)
    train, val, test = _split_indices(y, 0.2, 0.2, seed)
    return _standardised(
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


# --------------------------------------------------------------------------- shared


def _split_indices(
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


def _standardised(
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


# --------------------------------------------------------------------------- CSV


def load_csv(
    path: str | os.PathLike[str],
    target: str | None = None,
    *,
    val_fraction: float = 0.2,
    test_fraction: float = 0.2,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Dataset:
    """A CSV file (UTF-8 or GBK) with a header row, numeric features and a class column.

    The class column is ``target`` or, when that is None, the last column. Labels may be
    numbers or text. Rows are split (stratified) into train/val/test by the fractions and the
    features standardised with a scaler fitted on the training rows. Blank lines are skipped.
    Raises :class:`DataError` naming the line and column of the first problem in the file.
    ``progress(lines read, lines in the file)`` is called while reading; when
    ``should_stop()`` turns true, :class:`LoadCancelled` is raised.
    """
    for label, fraction in (("val_fraction", val_fraction), ("test_fraction", test_fraction)):
        if not 0 < fraction < 1:
            raise ValueError(f"{label} must be between 0 and 1 (exclusive), got {fraction!r}")
    if val_fraction + test_fraction >= 1:
        raise ValueError(
            f"val_fraction + test_fraction must be below 1 to leave training rows, got "
            f"{val_fraction} + {test_fraction}"
        )

    path = Path(path)
    header, rows = _read_table(path, progress, should_stop)
    if target is None:
        target_index = len(header) - 1
    elif target in header:
        target_index = header.index(target)
    else:
        columns = ", ".join(repr(h) for h in header)
        raise DataError(QT_TRANSLATE_NOOP("core", "no column named {target!r}; the columns are "
                                          "{columns}"), target=target, columns=columns)
    target_name = header[target_index]
    feature_index = [j for j in range(len(header)) if j != target_index]
    feature_names = tuple(header[j] for j in feature_index)

    X, labels = _fast_table(rows, len(header), feature_index, target_index)
    if X is None:
        # Slow path, only for a file with a problem: find the first one and name it.
        X = np.empty((len(rows), len(feature_index)), dtype=np.float64)
        labels = []
        for i, (line, cells) in enumerate(rows):
            if len(cells) != len(header):
                raise DataError(QT_TRANSLATE_NOOP(
                    "core", "line {line} has {cells} cells, the header has {columns}"),
                    line=line, cells=len(cells), columns=len(header))
            X[i] = _parse_features(line, cells, feature_index, header)
            label = cells[target_index].strip()
            if label.lower() in MISSING_TOKENS:
                raise DataError(QT_TRANSLATE_NOOP("core", "{where}: missing value"),
                                where=_cell(line, target_name))
            labels.append(label)

    _check_magnitudes(X, rows, feature_names)
    y, class_names = _encode_labels(labels, target_name)
    _check_class_sizes(y, class_names, val_fraction, test_fraction)
    train, val, test = _split_indices(y, val_fraction, test_fraction, seed)
    return _standardised(path.name, X, y, train, val, test, feature_names, class_names)


def _check_magnitudes(X: np.ndarray, rows: list[tuple[int, list[str]]],
                      feature_names: tuple[str, ...]) -> None:
    """Refuse finite cells so large (such as 1e308) that their squares overflow: the
    standardised features, and then the network, would see inf or NaN."""
    too_large = np.abs(X) > MAX_MAGNITUDE
    if too_large.any():
        row, column = (int(i) for i in np.argwhere(too_large)[0])
        raise DataError(QT_TRANSLATE_NOOP(
            "core", "{where}: {value:g} is too large to compute with (at most {limit:g}); "
            "rescale the column"), where=_cell(rows[row][0], feature_names[column]),
            value=float(X[row, column]), limit=MAX_MAGNITUDE)


class LoadCancelled(DataError):
    """Reading a file was stopped on request."""


def _fast_table(rows: list[tuple[int, list[str]]], width: int, feature_index: list[int],
                target_index: int) -> tuple[np.ndarray | None, list[str]]:
    """Features and labels of a well-formed table in whole-table passes, or (None, [])
    when anything is off (the caller then finds and names the problem row by row).

    Row-by-row parsing with a check per cell took 13 s for a million rows; this takes a
    third of that."""
    if any(len(cells) != width for _, cells in rows):
        return None, []
    try:
        X = np.array([[float(cells[j]) for j in feature_index] for _, cells in rows],
                     dtype=np.float64).reshape(len(rows), len(feature_index))
    except ValueError:
        return None, []
    labels = [cells[target_index].strip() for _, cells in rows]
    if not np.isfinite(X).all() or any(label.lower() in MISSING_TOKENS for label in labels):
        return None, []
    return X, labels


#: Lines read between two progress reports (and stop checks).
_PROGRESS_LINES = 50_000


def _read_table(
    path: Path,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-blank rows after it, each with its 1-based line number."""
    try:
        if regular_file(path).stat().st_size > MAX_CSV_BYTES:
            raise DataError(QT_TRANSLATE_NOOP(
                "core", "{name} is larger than {limit} MB, more than the trainer reads"),
                name=path.name, limit=MAX_CSV_BYTES // 1_000_000)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(QT_TRANSLATE_NOOP("core", "file not found: {path}"), path=path) from None
    except FileRefused as exc:
        raise DataError(QT_TRANSLATE_NOOP("core", "cannot read {path}: {reason}"),
                        path=path, reason=exc) from None
    except OSError as exc:
        raise DataError(QT_TRANSLATE_NOOP("core", "cannot read {path}: {reason}"),
                        path=path, reason=exc.strerror or exc) from None
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16's
        raise DataError(QT_TRANSLATE_NOOP(
            "core", "{name} is not UTF-8 text (it is UTF-32); save it as CSV UTF-8"),
            name=path.name)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(QT_TRANSLATE_NOOP(
            "core", "{name} is not UTF-8 text (it is UTF-16); save it as CSV UTF-8"),
            name=path.name)
    if b"\x00" in raw[:_SNIFF_BYTES]:
        raise DataError(QT_TRANSLATE_NOOP(
            "core", "{name} is a binary file, not CSV text (it contains NUL bytes)"),
            name=path.name)
    text = _decode(raw, path.name)
    if not text.strip():
        raise DataError(QT_TRANSLATE_NOOP("core", "{name} is empty"), name=path.name)

    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    total_lines = text.count("\n") + 1
    try:
        for cells in reader:
            if reader.line_num % _PROGRESS_LINES == 0:
                if should_stop is not None and should_stop():
                    raise LoadCancelled(QT_TRANSLATE_NOOP("core", "reading {name} was stopped"),
                                        name=path.name)
                if progress is not None:
                    progress(reader.line_num, total_lines)
            # Spreadsheets often leave lines of empty cells (",,,") below the data.
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = _check_header(cells, reader.line_num)
                continue
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise DataError(QT_TRANSLATE_NOOP("core", "line {line}: {reason}"),
                        line=reader.line_num, reason=exc) from None
    assert header is not None  # a non-blank text has a non-blank row
    if not rows:
        raise DataError(QT_TRANSLATE_NOOP("core", "{name} has a header but no data rows"),
                        name=path.name)
    return header, rows


def _decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) or, failing that, GB18030 — the superset of GBK that
    Chinese-language spreadsheets write by default."""
    try:
        # A file saved twice with a BOM starts with two; neither belongs to the header.
        return raw.decode("utf-8-sig").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        pass
    line = raw[: utf8_error.start].count(b"\n") + 1
    raise DataError(QT_TRANSLATE_NOOP(
        "core", "{name} is neither UTF-8 nor GBK text: line {line} has the byte 0x{byte:02x}; "
        "save the file as CSV UTF-8"), name=name, line=line, byte=raw[utf8_error.start]) from None


def _delimiter(text: str) -> str:
    """Comma, unless the header line is clearly split by semicolons, tabs or bars instead
    (European spreadsheets write semicolons)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if "," in first:
        return ","
    counts = {sep: first.count(sep) for sep in (";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _check_header(cells: list[str], line: int) -> list[str]:
    header = [cell.strip() for cell in cells]
    if len(header) < 2:
        raise DataError(QT_TRANSLATE_NOOP(
            "core", "line {line}: the header has only one column ({column!r}); a CSV needs "
            "feature columns and a class column separated by commas (or semicolons or tabs)"),
            line=line, column=header[0])
    for j, name in enumerate(header, start=1):
        if not name:
            raise DataError(QT_TRANSLATE_NOOP(
                "core", "line {line}: column {index} of the header has no name"),
                line=line, index=j)
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise DataError(QT_TRANSLATE_NOOP(
                "core", "line {line}: the header names column {column!r} twice"),
                line=line, column=name)
        seen.add(name)
    return header


def _parse_features(
    line: int, cells: list[str], feature_index: Sequence[int], header: Sequence[str]
) -> list[float]:
    """The row's feature values, or a DataError for the first cell that is not a number."""
    try:
        values = [float(cells[j]) for j in feature_index]
        if all(math.isfinite(v) for v in values):
            return values
    except ValueError:
        pass
    # Slow path, only for a bad row: find the cell and say what is wrong with it.
    for j in feature_index:
        cell = cells[j].strip()
        where = _cell(line, header[j])
        if cell.lower() in MISSING_TOKENS:
            raise DataError(QT_TRANSLATE_NOOP("core", "{where}: missing value"), where=where)
        try:
            value = float(cell)
        except ValueError:
            raise DataError(QT_TRANSLATE_NOOP("core", "{where}: {cell!r} is not a number"),
                            where=where, cell=cell) from None
        if math.isnan(value):
            raise DataError(QT_TRANSLATE_NOOP("core", "{where}: missing value"), where=where)
        if math.isinf(value):
            raise DataError(QT_TRANSLATE_NOOP("core", "{where}: {cell!r} is an infinite value"),
                            where=where, cell=cell)
    raise AssertionError("unreachable: a bad row has a bad cell")


def _cell(line: int, column: str) -> Message:
    """Where a cell is, for messages: "line 3, column 'x'"."""
    return Message(QT_TRANSLATE_NOOP("core", "line {line}, column {column!r}"),
                   line=line, column=column)


def _encode_labels(labels: list[str], target_name: str) -> tuple[np.ndarray, tuple[str, ...]]:
    """Labels → 0..K-1 with LabelEncoder, and the class names in LabelEncoder's order.

    Labels that are all numbers are encoded as numbers so that 2 sorts before 10; each class
    is then named by the text of its first occurrence.
    """
    from sklearn.preprocessing import LabelEncoder

    numeric = _as_numbers(labels)
    encoder = LabelEncoder()
    if numeric is None:
        y = encoder.fit_transform(labels)
        class_names = tuple(str(c) for c in encoder.classes_)
    else:
        y = encoder.fit_transform(numeric)
        first = {}
        for label, code in zip(labels, y, strict=True):
            first.setdefault(int(code), label)
        class_names = tuple(first[c] for c in range(len(encoder.classes_)))
    if len(class_names) < 2:
        raise DataError(QT_TRANSLATE_NOOP(
            "core", "column {column!r} has only one class ({name!r}); a classifier needs at "
            "least two"), column=target_name, name=class_names[0])
    return y.astype(np.int64), class_names


def _as_numbers(labels: list[str]) -> np.ndarray | None:
    try:
        values = np.array([float(label) for label in labels])
    except ValueError:
        return None
    return values if np.isfinite(values).all() else None


def _check_class_sizes(
    y: np.ndarray, class_names: tuple[str, ...], val_fraction: float, test_fraction: float
) -> None:
    """Raise unless every class has enough rows to appear in train, val and test."""
    smallest = min(val_fraction, test_fraction, 1 - val_fraction - test_fraction)
    # A class of n rows puts about n·fraction rows into each part; that must reach 1.
    needed = max(3, math.ceil(1 / smallest - 1e-9))
    counts = np.bincount(y, minlength=len(class_names))
    short = [(class_names[c], int(n)) for c, n in enumerate(counts) if n < needed]
    if not short:
        return
    listed: str = Listing([
        Message(QT_TRANSLATE_NOOP("core", "class {name!r} has 1 row"), name=name) if n == 1
        else Message(QT_TRANSLATE_NOOP("core", "class {name!r} has {count} rows"),
                     name=name, count=n)
        for name, n in short[:_MAX_LISTED]
    ])
    if len(short) > _MAX_LISTED:
        listed = Message(QT_TRANSLATE_NOOP("core", "{classes} and {count} more classes are short"),
                         classes=listed, count=len(short) - _MAX_LISTED)
    raise DataError(QT_TRANSLATE_NOOP(
        "core", "too few rows: every class needs at least {needed} so that train, validation "
        "and test each get one (val_fraction {val}, test_fraction {test}); {short}"),
        needed=needed, val=val_fraction, test=test_fraction, short=listed)
