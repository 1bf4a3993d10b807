"""The divergence step's predicate: a run whose verdict says diverged, or that the trainer
ended as diverged, satisfies it; a run that learned does not. Judged on real runs."""

import math

import pytest

from ce_desktop.core.jobs import Flags
from ce_desktop.core.lesson.predicates import LessonState, RunFacts, holds
from ce_desktop.core.lesson.steps import Call
from ce_desktop.core.messages import Message
from ce_desktop.core.training.config import PRESETS, TrainConfig
from ce_desktop.core.training.run import Ended, Epoch, Started, run_training
from ce_desktop.core.training.verdict import failed_as_diverged

DIVERGED = Call("run_diverged")


def tutorial_run(**changes) -> RunFacts:
    """The facts of a real run of the tutorial preset with ``changes``, as the lesson has them."""
    config = TrainConfig.from_dict({**PRESETS["tutorial"].to_dict(), **changes})
    events: list[object] = []
    run_training(config, Flags(), events.append)
    started = next(e for e in events if isinstance(e, Started))
    history = [e.record for e in events if isinstance(e, Epoch)]
    ended = events[-1]
    assert isinstance(ended, Ended)
    return RunFacts(
        run_id=None, status=ended.status, preset=None, label_smoothing=0.0,
        test_loss=ended.report.test_loss if ended.report else None, baseline=None,
        train_losses=tuple(r.train_loss for r in history),
        val_losses=tuple(r.val_loss for r in history),
        training_baseline=started.baseline_loss, kept_epoch=ended.restored_epoch,
        failed_diverged=failed_as_diverged(ended.message))


@pytest.fixture(scope="module")
def runs() -> dict[str, RunFacts]:
    return {"lr 1": tutorial_run(lr=1.0, epochs=5), "tutorial": tutorial_run()}


def test_the_tutorial_at_lr_1_has_diverged_and_at_its_own_lr_has_not(runs):
    wild, good = runs["lr 1"], runs["tutorial"]
    # The oracle: a balanced binary set answers ln 2 with no information; the run at lr 1
    # ends many times above that, the tutorial's own far below it.
    assert wild.training_baseline == pytest.approx(math.log(2), abs=0.01)
    assert not math.isfinite(wild.val_losses[-1]) or wild.val_losses[-1] > 3 * math.log(2)
    assert good.val_losses[-1] < math.log(2)
    assert holds(DIVERGED, LessonState(runs=(wild,)))
    assert not holds(DIVERGED, LessonState(runs=(good,)))


def test_only_the_last_run_counts(runs):
    assert not holds(DIVERGED, LessonState(runs=(runs["lr 1"], runs["tutorial"])))
    assert holds(DIVERGED, LessonState(runs=(runs["tutorial"], runs["lr 1"])))
    assert not holds(DIVERGED, LessonState())


def test_a_run_the_trainer_ended_as_diverged_counts_and_another_failure_does_not():
    from ce_desktop.core.data import make_dataset
    from ce_desktop.core.training.trainer import Trainer

    moons = make_dataset("moons", n_samples=600, noise=0.2, seed=1)
    trainer = Trainer(TrainConfig(dataset="moons", n_samples=600, data_seed=1, hidden=(8,),
                                  optimizer="sgd", lr=1e4, momentum=0.9, epochs=5,
                                  loss="bce_logits"), moons)
    list(trainer.epochs())
    assert trainer.status == "failed" and failed_as_diverged(trainer.message)

    def failed(message) -> RunFacts:
        return RunFacts(None, "failed", None, 0.0, None, None,
                        failed_diverged=failed_as_diverged(message))

    assert holds(DIVERGED, LessonState(runs=(failed(trainer.message),)))
    other = Message("cannot read the data: {reason}", reason="gone")
    assert not holds(DIVERGED, LessonState(runs=(failed(other),)))
    assert not failed_as_diverged(str(trainer.message))  # only the trainer's own message
