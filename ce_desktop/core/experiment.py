"""An experiment file: the entropy explorer's state and the trainer's settings, as JSON,
so an experiment can be shared and reproduced."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ce_desktop.core.bounded_reads import read_small_text
from ce_desktop.core.entropy.explorer import ExplorerState, check_state
from ce_desktop.core.jobs import Control, Emit
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained, InvalidInput
from ce_desktop.core.training.config import TrainConfig

FORMAT = "ce-desktop-experiment/1"
#: An experiment file is a few kilobytes; anything this large is not one.
MAX_BYTES = 1_000_000


class ExperimentError(Explained, ValueError):
    """A file that is not a usable experiment, with the reason."""

    @classmethod
    def because(cls, error: Explained) -> ExperimentError:
        """The same message (its template and values kept, for translation)."""
        return cls(error.message.template, **error.message.values)


def check_entropy_state(state: Any) -> ExplorerState:
    """The entropy explorer's state read from its JSON form, every field checked
    (:func:`~ce_desktop.core.entropy.explorer.check_state`); ExperimentError otherwise."""
    try:
        return check_state(state)
    except InvalidInput as error:
        raise ExperimentError.because(error) from None


def save_experiment(path: str | os.PathLike, entropy_state: ExplorerState,
                    trainer_config: dict[str, Any]) -> Path:
    """Write both parts (checked first) as JSON and return the path."""
    config = TrainConfig.from_dict(trainer_config)
    config.validate()
    document = {"format": FORMAT,
                "entropy": check_entropy_state(entropy_state.to_dict()).to_dict(),
                "trainer": config.to_dict()}
    path = Path(path)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path


def load_experiment(path: str | os.PathLike) -> tuple[ExplorerState, dict[str, Any]]:
    """(entropy state, trainer config dict), both checked; ExperimentError naming the
    problem otherwise. Nothing is applied here, so a bad file changes nothing."""
    path = Path(path)
    try:
        text = read_small_text(path, MAX_BYTES)
    except FileNotFoundError:
        raise ExperimentError(QT_TRANSLATE_NOOP("core", "{path} does not exist"),
                              path=path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ExperimentError(QT_TRANSLATE_NOOP("core", "cannot read {path}: {reason}"),
                              path=path.name, reason=error) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExperimentError(QT_TRANSLATE_NOOP("core", "{name} is not valid JSON: {reason}"),
                              name=path.name, reason=error) from None
    except RecursionError:
        raise ExperimentError(QT_TRANSLATE_NOOP(
            "core", "{name} is nested too deeply to be an experiment"), name=path.name) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExperimentError(QT_TRANSLATE_NOOP(
            "core", "{name} is not a ce-desktop experiment file"), name=path.name)
    state = check_entropy_state(document.get("entropy"))
    trainer = document.get("trainer")
    if not isinstance(trainer, dict):
        raise ExperimentError(QT_TRANSLATE_NOOP("core",
                                                "the trainer section must be a JSON object"))
    try:
        config = TrainConfig.from_dict(trainer)
        config.validate()
    except (ValueError, TypeError) as error:
        raise ExperimentError(QT_TRANSLATE_NOOP("core", "trainer: {reason}"),
                              reason=error) from None
    return state, config.to_dict()


@dataclass(frozen=True)
class ExperimentRead:
    """An experiment file's contents, checked whole: ready to be applied whole."""

    path: str
    state: ExplorerState
    config: dict[str, object]
    """The trainer's settings, as ``TrainConfig.to_dict()`` gives them."""


@dataclass(frozen=True)
class ReadExperiment:
    """Reading an experiment file as a job, so that a slow disk never holds up the window:
    one :class:`ExperimentRead`, or a ``Failed`` event with the reason."""

    path: str

    def run(self, control: Control, emit: Emit) -> None:
        if control.should_stop():
            return
        state, config = load_experiment(self.path)
        emit(ExperimentRead(self.path, state, config))
