"""The lesson, walked: every step's Show-me action puts the app into a state where the
step's predicate holds, read through the lesson's own controller on a lazily built window."""

import pytest
from PySide6.QtCore import QSettings

from ce_desktop.core.lesson.predicates import holds
from ce_desktop.core.lesson.steps import load_steps
from ce_desktop.ui.common import language
from ce_desktop.ui.lesson.pane import lesson_text

#: Steps whose task already holds in a fresh window: the coin opens fair.
HOLDS_AT_START = {"fair-coin"}
#: A training run or a landscape, in the worker process, on a busy machine.
WAIT_MS = 240_000


@pytest.fixture
def settings_dir(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    return tmp_path


def lazy_window(qtbot, remember_session=False, store_path=":memory:"):
    from ce_desktop.ui.app import MainWindow, create_application

    create_application()
    window = MainWindow(build_tabs=False, store_path=store_path,
                        remember_session=remember_session)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.content_ready, timeout=10_000):
        window.build_tabs(defer_hidden=True)
    return window


@pytest.mark.process
def test_every_step_shows_its_point_and_its_task_is_then_done(qtbot, tmp_path):
    # A store on disk, as the app has: the Keras step ticks the PyTorch run in the runs list.
    window = lazy_window(qtbot, store_path=str(tmp_path / "runs.sqlite"))
    assert window.show_lesson()
    lesson, dock = window.lesson, window.lesson_dock
    steps = lesson.steps
    assert len(steps) >= 15 and dock.isVisible()
    seen_done: list[bool] = []
    lesson.done_changed.connect(seen_done.append)
    for index, step in enumerate(steps):
        lesson.go(index)
        assert dock.progress_label.text() == f"{index + 1} / {len(steps)}"
        assert dock.title_label.text() == step.title
        before = holds(step.done, lesson.state())
        if step.id not in HOLDS_AT_START:
            assert not before, f"step {step.id}: its task is done before its action"
            assert "Not yet" in dock.done_label.text()
        dock.show_button.click()
        qtbot.waitUntil(lambda: not lesson.is_busy(), timeout=WAIT_MS)
        qtbot.waitUntil(lesson.is_done, timeout=WAIT_MS)
        # The pane's mark follows the change notifications, with no timer polling.
        qtbot.waitUntil(lambda: "Done" in dock.done_label.text(), timeout=5_000)
        assert holds(step.done, lesson.state()), step.id
    assert True in seen_done
    trainer = window.trainer_tab
    # The lesson's runs: the tutorial, at lr 1 (custom), Keras beside it, the smoothed tutorial.
    presets = [(run.preset, run.label_smoothing) for run in lesson._runs]
    assert presets == [("tutorial", 0.0), (None, 0.0), ("keras", 0.0), ("tutorial", 0.1)]
    assert [run.diverged for run in lesson._runs] == [False, True, False, False]
    assert trainer.last_result.config.label_smoothing == pytest.approx(0.1)
    window.close()


@pytest.mark.process
def test_a_run_that_ended_before_the_lesson_opened_counts(qtbot):
    window = lazy_window(qtbot)
    window.show_tab("trainer")
    trainer = window.trainer_tab
    trainer.apply_preset("tutorial")
    trainer.set_config_dict({**trainer.config_dict(), "lr": 1.0, "epochs": 3})
    with qtbot.waitSignal(trainer.run_completed, timeout=WAIT_MS):
        assert trainer.start()
    qtbot.waitUntil(lambda: not trainer.is_running(), timeout=WAIT_MS)
    assert window.show_lesson()
    lesson = window.lesson
    lesson.go(next(i for i, s in enumerate(lesson.steps) if s.id == "divergence"))
    assert lesson.is_done() and "Done" in window.lesson_dock.done_label.text()
    lesson.go(next(i for i, s in enumerate(lesson.steps) if s.id == "pytorch-run"))
    assert not lesson.is_done()  # the run ended, but not with the tutorial's settings
    window.close()


def test_undoing_a_task_takes_its_mark_away(qtbot):
    window = lazy_window(qtbot)
    window.show_lesson()
    lesson, dock = window.lesson, window.lesson_dock
    lesson.go(next(i for i, s in enumerate(lesson.steps) if s.id == "sure-outcome"))
    assert not lesson.is_done()
    dock.show_button.click()
    assert lesson.is_done() and "Done" in dock.done_label.text()
    window.entropy_tab.coin_panel.set_probability(0.3)  # the user moves the slider
    assert not lesson.is_done() and "Not yet" in dock.done_label.text()
    window.close()


def test_back_next_and_the_step_list_move_through_the_steps(qtbot):
    window = lazy_window(qtbot)
    window.show_lesson()
    lesson, dock = window.lesson, window.lesson_dock
    assert lesson.index == 0 and not dock.back_button.isEnabled()
    dock.next_button.click()
    dock.next_button.click()
    assert lesson.index == 2 and dock.progress_label.text() == f"3 / {len(lesson.steps)}"
    dock.back_button.click()
    assert lesson.index == 1
    dock.step_combo.setCurrentIndex(len(lesson.steps) - 1)
    assert lesson.index == len(lesson.steps) - 1 and not dock.next_button.isEnabled()
    assert dock.text_label.text() == lesson.steps[-1].text
    window.close()


def test_the_lesson_remembers_where_the_user_stopped(qtbot, settings_dir):
    window = lazy_window(qtbot, remember_session=True)
    window.show_lesson()
    window.lesson.go(4)
    window.close()
    again = lazy_window(qtbot, remember_session=True)
    again.show_lesson()
    assert again.lesson.index == 4
    assert again.lesson_dock.progress_label.text().startswith("5 / ")
    again.close()


def test_the_first_start_offers_the_lesson_once(qtbot, settings_dir):
    first = lazy_window(qtbot, remember_session=True)
    assert first.lesson_offer is not None and first.lesson_offer.isVisible()
    first.lesson_offer.click()
    assert first.lesson_dock is not None and first.lesson_dock.isVisible()
    assert first.lesson_offer is None
    first.close()
    second = lazy_window(qtbot, remember_session=True)
    assert second.lesson_offer is None
    assert second.lesson_action.isEnabled()
    second.close()


def test_help_lesson_opens_the_pane_without_enlarging_a_small_window(qtbot):
    window = lazy_window(qtbot)
    window.resize(1008, 600)
    qtbot.wait(50)
    size = window.size()
    window.lesson_action.trigger()
    qtbot.wait(50)
    assert window.lesson_dock.isVisible()
    assert window.size() == size


def test_every_step_text_has_a_chinese_translation(qapp):
    steps = load_steps()
    assert language.install("zh_CN", qapp)
    try:
        for step in steps:
            for text in step.texts():
                translated = lesson_text(text)
                assert translated != text, (step.id, text)
                assert any("\u4e00" <= ch <= "\u9fff" for ch in translated), (step.id, text)
    finally:
        language.remove(qapp)


def test_a_bad_steps_file_is_refused_with_its_reason_and_no_pane(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from ce_desktop.core.lesson import steps as steps_module

    bad = tmp_path / "steps.json"
    bad.write_text('{"steps": [{"id": "x", "title": "t", "text": "t", "look_at": "l", '
                   '"task": "t", "action": {"name": "fly"}, "done": {"name": "samples_shown"}}]}',
                   encoding="utf-8")
    real = steps_module.load_steps
    monkeypatch.setattr(steps_module, "load_steps", lambda path=bad: real(path))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, title, text: warnings.append((title, text)))
    window = lazy_window(qtbot)
    assert not window.show_lesson()
    assert window.lesson_dock is None and window.lesson is None
    assert len(warnings) == 1 and "step 1 (x): unknown action 'fly'" in warnings[0][1]
    assert "unknown action" in window.statusBar().currentMessage()
    window.close()
