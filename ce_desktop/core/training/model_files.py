"""Reading and writing model files as jobs: they need torch, so they run in the worker
process, and the window receives plain arrays."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ce_desktop.core.data.preprocessing import Preprocessing
from ce_desktop.core.jobs import Control, Emit
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained, Message
from ce_desktop.core.training.config import TrainConfig
from ce_desktop.core.training.decision import DecisionGrid
from ce_desktop.core.training.results import TestReport


@dataclass(frozen=True)
class ModelFile:
    """What a model file holds, and where: the model's config and its weights, as arrays."""

    path: str
    config: dict[str, Any]
    state: dict[str, np.ndarray]
    preprocessing: dict[str, object] | None = None
    """For a model trained on a table of the user's own: the fitted transform of its
    columns (``Preprocessing.to_dict()``), saved in the file with the weights; None
    otherwise."""


@dataclass(frozen=True)
class ModelFileRead(ModelFile):
    """A model file that loaded."""


@dataclass(frozen=True)
class ModelEvaluated:
    """A loaded model tested on the held-out part of its data, as after its run."""

    report: TestReport
    class_names: tuple[str, ...]
    baseline_loss: float
    """Loss of a model that ignores its inputs (entropy of the class prior, nats)."""
    X_train: np.ndarray | None = None
    """Training features and labels, for two-feature data (the decision view)."""
    y_train: np.ndarray | None = None
    decision: DecisionGrid | None = None


@dataclass(frozen=True)
class ModelNotEvaluated:
    """The model loaded, but its data could not be read or do not fit it."""

    message: str


@dataclass(frozen=True)
class ModelFileWritten:
    path: str


@dataclass(frozen=True)
class ReadModelFile:
    """Load a model file (safely, ``weights_only``) and check that it rebuilds; then test it
    on its data set, as a run would have (a table through the preprocessing saved with it)."""

    path: str

    def run(self, control: Control, emit: Emit) -> None:
        from ce_desktop.core.training.models import load_model_file

        model, config, prep = load_model_file(self.path)
        state = {name: tensor.detach().numpy().copy()
                 for name, tensor in model.state_dict().items()}
        emit(ModelFileRead(self.path, config, state, None if prep is None else prep.to_dict()))
        emit(evaluate_model(config, model, control, prep))


def evaluate_model(config: dict[str, Any], model: Any, control: Control,
                   preprocessing: Preprocessing | None = None,
                   ) -> ModelEvaluated | ModelNotEvaluated:
    """Test ``model`` (a torch module built for ``config``) on the test split of the data
    ``config`` names; a table's features are made by the model's own ``preprocessing``,
    not by one fitted anew on the table as it is now."""
    from ce_desktop.core.data import LoadCancelled
    from ce_desktop.core.training.baseline import run_baseline
    from ce_desktop.core.training.run import decision_function
    from ce_desktop.core.training.trainer import Trainer, load_dataset

    try:
        settings = TrainConfig.from_dict(config)
        dataset = load_dataset(settings, should_stop=control.should_stop,
                               preprocessing=preprocessing)
        inputs = next(model.parameters()).shape[1]
        if inputs != dataset.n_features:
            return ModelNotEvaluated(Message(QT_TRANSLATE_NOOP(
                "core", "the model takes {inputs} features and {data} has {features}"),
                inputs=inputs, data=dataset.name, features=dataset.n_features))
        trainer = Trainer(settings, dataset)
        trainer.model.load_state_dict(model.state_dict())
    except LoadCancelled:
        return ModelNotEvaluated(Message(QT_TRANSLATE_NOOP(
            "core", "stopped while reading the data")))
    except Explained as error:
        return ModelNotEvaluated(error.message)
    except ValueError as error:
        return ModelNotEvaluated(str(error))
    except RuntimeError:  # load_state_dict: another number of classes than the data's
        return ModelNotEvaluated(Message(QT_TRANSLATE_NOOP(
            "core", "the model's output does not fit the classes of {data}"),
            data=dataset.name))
    grid_of = decision_function(trainer)
    return ModelEvaluated(
        report=trainer.test_report(), class_names=tuple(dataset.class_names),
        baseline_loss=run_baseline(settings, dataset),
        X_train=dataset.X_train if dataset.is_2d else None,
        y_train=dataset.y_train if dataset.is_2d else None,
        decision=grid_of() if grid_of else None)


@dataclass(frozen=True)
class WriteModelFile(ModelFile):
    """Save trained weights and their config as a model file."""

    def run(self, control: Control, emit: Emit) -> None:
        from ce_desktop.core.training.models import ModelError, save_state

        try:
            written = save_state(self.state, self.config, self.path,
                                 preprocessing=self.preprocessing)
        except (OSError, RuntimeError) as error:  # torch says RuntimeError for a missing folder
            reason = getattr(error, "strerror", None) or str(error)
            raise ModelError(QT_TRANSLATE_NOOP("core", "Could not save the model: {reason}"),
                             reason=reason) from None
        emit(ModelFileWritten(str(written)))
