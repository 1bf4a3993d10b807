"""What a training run reports, as plain numbers: a record per epoch and the test report.

Kept apart from the training loop so that whoever receives them (the window, the run store)
does not import torch to read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

import numpy as np

#: What a run's state is in the run store; a run that ended is one of the last three.
RunStatus = Literal["running", "finished", "stopped", "failed"]
STATUSES: tuple[str, ...] = get_args(RunStatus)
#: What an epoch record holds besides its weights, in this order (the store's CSV columns).
EPOCH_FIELDS = ("epoch", "train_loss", "val_loss", "train_acc", "val_acc", "seconds")


@dataclass
class EpochRecord:
    """One finished epoch."""

    epoch: int
    train_loss: float
    """Sample-weighted mean of the batch losses over the epoch."""
    val_loss: float
    train_acc: float
    val_acc: float
    seconds: float
    params: np.ndarray = field(repr=False)
    """Flat parameters after the epoch (parameters_to_vector order), for trajectories."""

    def as_dict(self) -> dict[str, float]:
        return {k: getattr(self, k) for k in EPOCH_FIELDS}


@dataclass
class TestReport:
    """How the trained model does on the held-out test set."""

    test_loss: float
    test_acc: float
    test_auc: float | None
    confusion: np.ndarray
    calibration_predicted: np.ndarray
    """Mean predicted probability per non-empty bin (reliability diagram x)."""
    calibration_observed: np.ndarray
    """Observed frequency per non-empty bin (reliability diagram y)."""
    histogram_edges: np.ndarray
    histograms: np.ndarray
    """Per true class: counts of its samples' predicted probability (of class 1 when binary,
    of the true class otherwise) in each bin."""

    def metrics(self) -> dict[str, float]:
        out = {"test_loss": self.test_loss, "test_acc": self.test_acc}
        if self.test_auc is not None:
            out["test_auc"] = self.test_auc
        return out
