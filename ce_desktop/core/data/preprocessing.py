"""A table's features made numbers: fitted with scikit-learn on the training rows, kept as
plain data, applied with numpy.

:func:`fit` builds a ``ColumnTransformer`` (numeric columns: median imputation with a
missing-value indicator, then standardisation; categorical columns: the most frequent value
for a gap, then one-hot encoding with rare levels grouped into one column, which also takes
levels never seen in training). Its fitted parameters become a :class:`Preprocessing`:
numbers, lists and strings only, so it goes into a run's record and into a model file as
JSON and a model file still loads with ``torch.load(weights_only=True)``. Its
:meth:`Preprocessing.apply` re-creates the transform with numpy alone (no pickled estimator).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

import numpy as np

#: A categorical level seen in fewer training rows than this is grouped with the other rare
#: ones (scikit-learn's ``min_frequency``).
MIN_LEVEL_ROWS = 5
FORMAT = 1
#: The name of the column that takes rare and unseen levels, after the column's name.
OTHER = "(other)"

#: A table's feature columns as :meth:`Preprocessing.apply` takes them: numeric columns as
#: float arrays with NaN for a gap, categorical ones as sequences of text with None for a gap.
Columns = Mapping[str, "np.ndarray | Sequence[str | None]"]


@dataclass(frozen=True)
class Preprocessing:
    """The fitted transform of a table's features, as plain data."""

    numeric: tuple[str, ...]
    medians: tuple[float, ...]
    indicated: tuple[int, ...]
    """Indices (into ``numeric``) of the columns that get a missing-value indicator: those
    with a gap in the training rows."""
    means: tuple[float, ...]
    scales: tuple[float, ...]
    """The scaler's, over the imputed numeric columns and then their indicators."""
    categorical: tuple[str, ...]
    fills: tuple[str, ...]
    levels: tuple[tuple[str, ...], ...]
    """Per categorical column, its frequent levels: one output column each, in this order."""
    grouped: tuple[tuple[str, ...], ...]
    """Per categorical column, its rare levels; when there are any, one more output column
    takes them and any level unseen in training (otherwise an unseen level is all zeros)."""
    label: str = ""
    """The label column of the table it was fitted on, and its classes in the network's
    order: what predictions are named by."""
    class_names: tuple[str, ...] = ()

    @property
    def output_names(self) -> tuple[str, ...]:
        names = [*self.numeric, *(f"{self.numeric[i]} (missing)" for i in self.indicated)]
        for column, levels, grouped in zip(self.categorical, self.levels, self.grouped,
                                           strict=True):
            names += [f"{column}={level}" for level in levels]
            if grouped:
                names.append(f"{column}={OTHER}")
        return tuple(names)

    @property
    def inputs(self) -> tuple[str, ...]:
        """The table columns the transform needs."""
        return (*self.numeric, *self.categorical)

    def apply(self, columns: Columns) -> np.ndarray:
        """The features of ``columns`` (n rows), as the fitted ColumnTransformer gives them."""
        n = len(next(iter(columns.values()))) if columns else 0
        numeric = np.empty((n, len(self.numeric)))
        for j, name in enumerate(self.numeric):
            numeric[:, j] = np.asarray(columns[name], dtype=np.float64)
        gaps = np.isnan(numeric)
        numeric = np.where(gaps, np.asarray(self.medians), numeric)
        scaled = np.hstack([numeric, gaps[:, list(self.indicated)].astype(np.float64)])
        parts = [(scaled - np.asarray(self.means)) / np.asarray(self.scales)]
        for name, fill, levels, grouped in zip(self.categorical, self.fills, self.levels,
                                               self.grouped, strict=True):
            cells = [fill if cell is None else cell for cell in columns[name]]
            position = {level: k for k, level in enumerate(levels)}
            width = len(levels) + bool(grouped)
            # An unseen level goes to the rare levels' column, if there is one, else nowhere.
            other = len(levels) if grouped else -1
            codes = np.array([position.get(cell, other) for cell in cells], dtype=np.int64)
            onehot = np.zeros((n, width))
            seen = codes >= 0
            onehot[np.flatnonzero(seen), codes[seen]] = 1.0
            parts.append(onehot)
        return np.hstack(parts) if parts else np.empty((n, 0))

    def to_dict(self) -> dict[str, object]:
        """JSON-able: numbers, strings and lists."""
        data: dict[str, object] = {"format": FORMAT}
        for key, value in asdict(self).items():
            data[key] = (value if isinstance(value, str)
                         else [list(v) if isinstance(v, tuple) else v for v in value])
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Preprocessing:
        """Rebuild from :meth:`to_dict`'s output, checking every field (a model file may
        come from anywhere); ValueError says what is wrong."""
        if not isinstance(data, Mapping) or data.get("format") != FORMAT:
            raise ValueError("not a preprocessing of this version")

        def texts(key: str) -> tuple[str, ...]:
            value = data.get(key)
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise ValueError(f"preprocessing field {key!r} is not a list of texts")
            return tuple(value)

        def numbers(key: str) -> tuple[float, ...]:
            value = data.get(key)
            if not (isinstance(value, list) and all(
                    isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                    for v in value)):
                raise ValueError(f"preprocessing field {key!r} is not a list of numbers")
            return tuple(float(v) for v in value)

        def nested(key: str) -> tuple[tuple[str, ...], ...]:
            value = data.get(key)
            if not (isinstance(value, list) and all(
                    isinstance(v, list) and all(isinstance(t, str) for t in v) for v in value)):
                raise ValueError(f"preprocessing field {key!r} is not a list of lists of texts")
            return tuple(tuple(v) for v in value)

        numeric, categorical = texts("numeric"), texts("categorical")
        indicated = tuple(int(i) for i in numbers("indicated"))
        prep = cls(numeric=numeric, medians=numbers("medians"), indicated=indicated,
                   means=numbers("means"), scales=numbers("scales"), categorical=categorical,
                   fills=texts("fills"), levels=nested("levels"), grouped=nested("grouped"),
                   label=str(data.get("label", "")),
                   class_names=texts("class_names") if "class_names" in data else ())
        k, m = len(numeric), len(indicated)
        if (len(prep.medians) != k or len(prep.means) != k + m or len(prep.scales) != k + m
                or any(not 0 <= i < k for i in indicated) or 0 in prep.scales
                or not len(prep.fills) == len(prep.levels) == len(prep.grouped)
                == len(categorical)):
            raise ValueError("preprocessing fields do not fit together")
        return prep


def fit(columns: Columns, numeric: Sequence[str], categorical: Sequence[str],
        rows: np.ndarray) -> Preprocessing:
    """Fit the ColumnTransformer on the training ``rows`` of ``columns`` and keep its
    parameters."""
    transformer = fitted_transformer(columns, numeric, categorical, rows)
    return from_transformer(transformer, numeric, categorical)


def as_matrix(columns: Columns, numeric: Sequence[str], categorical: Sequence[str],
              rows: np.ndarray | None = None) -> np.ndarray:
    """The columns as one object array, numeric ones first, a gap as NaN: what
    scikit-learn's transformer is fitted on."""
    names = [*numeric, *categorical]
    n = len(next(iter(columns.values()))) if columns else 0
    matrix = np.empty((n, len(names)), dtype=object)
    for j, name in enumerate(numeric):
        matrix[:, j] = np.asarray(columns[name], dtype=np.float64)
    for j, name in enumerate(categorical, start=len(numeric)):
        matrix[:, j] = [math.nan if cell is None else cell for cell in columns[name]]
    return matrix if rows is None else matrix[rows]


def fitted_transformer(columns: Columns, numeric: Sequence[str], categorical: Sequence[str],
                       rows: np.ndarray):  # -> sklearn ColumnTransformer (imported lazily)
    """scikit-learn's ColumnTransformer, fitted on ``rows``."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    k = len(numeric)
    parts = []
    if numeric:
        parts.append(("numeric", make_pipeline(
            # keep_empty_features: a column with no number in the training rows still
            # yields its column (of zeros) rather than vanishing.
            SimpleImputer(strategy="median", add_indicator=True, keep_empty_features=True),
            StandardScaler()), list(range(k))))
    if categorical:
        parts.append(("categorical", make_pipeline(
            SimpleImputer(strategy="most_frequent"),
            OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=MIN_LEVEL_ROWS,
                          sparse_output=False)), list(range(k, k + len(categorical)))))
    transformer = ColumnTransformer(parts, sparse_threshold=0.0)
    return transformer.fit(as_matrix(columns, numeric, categorical, rows))


def from_transformer(transformer, numeric: Sequence[str],
                     categorical: Sequence[str]) -> Preprocessing:
    """The plain-data parameters of a fitted :func:`fitted_transformer`."""
    indicated: tuple[int, ...] = ()
    medians: tuple[float, ...] = ()
    means: tuple[float, ...] = ()
    scales: tuple[float, ...] = ()
    if numeric:
        imputer, scaler = (step for _, step in transformer.named_transformers_["numeric"].steps)
        if imputer.indicator_ is not None:
            indicated = tuple(int(i) for i in imputer.indicator_.features_)
        medians = tuple(float(v) for v in imputer.statistics_)
        means = tuple(float(v) for v in scaler.mean_)
        scales = tuple(float(v) for v in scaler.scale_)
    fills: tuple[str, ...] = ()
    levels: list[tuple[str, ...]] = []
    grouped: list[tuple[str, ...]] = []
    if categorical:
        cat_imputer, encoder = (step for _, step in
                                transformer.named_transformers_["categorical"].steps)
        fills = tuple(str(v) for v in cat_imputer.statistics_)
        for j, seen in enumerate(encoder.categories_):
            rare = encoder.infrequent_categories_[j]
            rare_set = set() if rare is None else {str(v) for v in rare}
            levels.append(tuple(str(v) for v in seen if str(v) not in rare_set))
            grouped.append(tuple(str(v) for v in seen if str(v) in rare_set))
    return Preprocessing(tuple(numeric), medians, indicated, means, scales, tuple(categorical),
                         fills, tuple(levels), tuple(grouped))
