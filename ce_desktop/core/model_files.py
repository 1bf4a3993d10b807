"""Reading and writing model files as jobs: they need torch, so they run in the worker
process, and the window receives plain arrays."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ce_desktop.core.jobs import Control, Emit
from ce_desktop.core.messages import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class ModelFileRead:
    """A model file that loaded: its config and its weights, as arrays."""

    path: str
    config: dict[str, Any]
    state: dict[str, np.ndarray]


@dataclass(frozen=True)
class ModelFileWritten:
    path: str


@dataclass(frozen=True)
class ReadModelFile:
    """Load a model file (safely, ``weights_only``) and check that it rebuilds."""

    path: str

    def run(self, control: Control, emit: Emit) -> None:
        from ce_desktop.core.models import load_model

        model, config = load_model(self.path)
        state = {name: tensor.detach().numpy().copy()
                 for name, tensor in model.state_dict().items()}
        emit(ModelFileRead(self.path, config, state))


@dataclass(frozen=True)
class WriteModelFile:
    """Save trained weights and their config as a model file."""

    path: str
    config: dict[str, Any]
    state: dict[str, np.ndarray]

    def run(self, control: Control, emit: Emit) -> None:
        from ce_desktop.core.models import ModelError, save_state

        try:
            written = save_state(self.state, self.config, self.path)
        except (OSError, RuntimeError) as error:  # torch says RuntimeError for a missing folder
            reason = getattr(error, "strerror", None) or str(error)
            raise ModelError(QT_TRANSLATE_NOOP("core", "Could not save the model: {reason}"),
                             reason=reason) from None
        emit(ModelFileWritten(str(written)))

