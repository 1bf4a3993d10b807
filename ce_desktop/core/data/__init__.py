"""Data sets for the trainer: the tutorial's, the synthetic 2-D ones, scikit-learn's bundled
real ones and the user's own CSV table.

``ce_desktop.core.data.load_csv`` is a documented entry point; this package's API is the names
below, whatever module holds them.
"""

from ce_desktop.core.data.csv_table import (
    MAX_CSV_BYTES,
    MAX_MAGNITUDE,
    MISSING_TOKENS,
    DataError,
    LoadCancelled,
    load_csv,
)
from ce_desktop.core.data.datasets import (
    BLOB_CLASSES,
    DATASET_INFO,
    DATASETS,
    Dataset,
    DatasetInfo,
    dataset_classes,
    make_dataset,
    tutorial_split,
)

__all__ = [
    "BLOB_CLASSES",
    "DATASETS",
    "DATASET_INFO",
    "MAX_CSV_BYTES",
    "MAX_MAGNITUDE",
    "MISSING_TOKENS",
    "DataError",
    "Dataset",
    "DatasetInfo",
    "LoadCancelled",
    "dataset_classes",
    "load_csv",
    "make_dataset",
    "tutorial_split",
]
