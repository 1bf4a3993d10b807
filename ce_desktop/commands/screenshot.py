"""`ce-desktop screenshot`: the main window rendered offscreen, on one tab, to a PNG.

Qt is imported only when a screenshot is taken: ``cli`` reads this module's names to build
its help."""

from __future__ import annotations

import os
import sys
import time

from ce_desktop import APP_NAME

TABS = ("entropy", "surface", "trainer")
#: Sections of the loss-surface tab; the landscape is shown after a tutorial run.
SURFACE_SECTIONS = ("curves", "logistic", "landscape")
#: Sections of the trainer: samples shows the Samples view and the worst test sample's card;
#: pinned the worst test samples pinned and followed through a second run.
TRAINER_SECTIONS = ("samples", "pinned")
#: How many of the worst test samples the pinned section pins.
PINNED_WORST = 3
#: The data the trainer's screenshot trains on: the tutorial's, or the digits (images, with
#: softmax cross-entropy).
SCREENSHOT_DATASETS = ("tutorial", "digits")


def _run_tutorial(window, timeout_ms: int = 180_000, dataset: str = "tutorial") -> bool:
    """Run the tutorial preset in the trainer tab (on ``dataset``: the digits train with
    softmax cross-entropy) and wait for it, for the screenshot."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    loop = QEventLoop()
    tab = window.trainer_tab
    tab.run_completed.connect(lambda _result: loop.quit())
    QTimer.singleShot(timeout_ms, loop.quit)
    tab.apply_preset("tutorial")
    if dataset != "tutorial":
        tab.dataset_combo.setCurrentIndex(tab.dataset_combo.findData(dataset))
        tab.loss_combo.setCurrentIndex(tab.loss_combo.findData("ce"))
    if not tab.start():
        return False
    loop.exec()
    # run_completed arrives just before the job ends; let it end (its buttons follow).
    if tab.run is not None and not tab.run.wait(10):
        tab.shutdown()
        return False
    QCoreApplication.sendPostedEvents()
    return tab.last_result is not None and tab.last_result.status == "finished"


def _compute_landscape(window, timeout_ms: int = 120_000) -> bool:
    """Compute the last run's landscape on its PCA plane and wait for it."""
    from PySide6.QtCore import QEventLoop, QTimer

    panel = window.surface_tab.landscape_panel
    panel.refresh_sources()
    panel.plane_combo.setCurrentIndex(panel.plane_combo.findData("pca"))
    panel.size_combo.setCurrentIndex(panel.size_combo.findData(41))
    loop = QEventLoop()
    outcome: list[bool] = []
    panel.computation_finished.connect(lambda ok: (outcome.append(ok), loop.quit()))
    QTimer.singleShot(timeout_ms, loop.quit)
    if not panel.compute():
        return False
    loop.exec()
    return outcome == [True]


def _open_worst_sample(window) -> bool:
    """The trainer's Samples view with the card of the worst test sample (the table's first
    row: it is sorted by loss, worst first)."""
    tab = window.trainer_tab
    view = tab.samples_view
    tab.results_tabs.setCurrentWidget(view)
    if view.shown_rows() == 0:
        return False
    view.table.selectRow(0)
    return tab.open_sample(view.model.sample_at(0))


def _pin_worst(window, count: int = PINNED_WORST) -> bool:
    """Pin the ``count`` worst test samples of the run, as the Pin button does."""
    view = window.trainer_tab.samples_view
    if view.shown_rows() < count:
        return False
    for row in range(count):
        view.table.setCurrentIndex(view.model.index(row, 0))
        view.toggle_current_pin()
    return len(window.trainer_tab.pinned_view.indices()) == count


def _grab_with_card(window):
    """The window's picture with the sample card (a window of its own) drawn over it."""
    return _grab_with_windows(window, [window.trainer_tab.card_dialog])


def _grab_with_windows(window, others):
    """The window's picture with each visible window of ``others`` (the sample card, a
    floating lesson pane) drawn where it stands over it, framed as a window manager would."""
    from PySide6.QtGui import QColor, QPainter, QPen

    picture = window.grab()
    painter = QPainter(picture)
    for other in others:
        if other is None or not other.isVisible():
            continue
        offset = other.frameGeometry().topLeft() - window.frameGeometry().topLeft()
        painter.drawPixmap(offset, other.grab())
        painter.setPen(QPen(QColor("#606060"), 1))
        painter.drawRect(offset.x(), offset.y(), other.width() - 1, other.height() - 1)
    painter.end()
    return picture


def _open_window(lang: str | None, theme: str, width: int, height: int):
    """The application and an offscreen main window in ``lang``, or an exit code."""
    from ce_desktop.ui.common import language

    chosen = language.normalise(lang or language.SOURCE_LANGUAGE)
    if chosen is None:
        print(f"{APP_NAME}: no translation for {lang!r}; available: "
              f"{', '.join(language.LANGUAGES)}", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ce_desktop.ui.app import MainWindow, create_application

    # The translator is installed before any widget exists: every tr() then translates.
    app = create_application(language=chosen)
    if language.current_language() != chosen:
        print(f"{APP_NAME}: could not load the {chosen} translation from "
              f"{language.qm_path(chosen)}", file=sys.stderr)
        return 1
    if theme == "dark":
        from ce_desktop.ui.common import style

        style.use_dark_palette(app)
    # Screenshots never touch the user's run store.
    window = MainWindow(store_path=":memory:")
    window.resize(width, height)
    return app, window


def _save(app, window, path: str, with_card: bool = False) -> int:
    """Save the window's picture (with the sample card over it when ``with_card``, and the
    lesson pane where it floats)."""
    for _ in range(3):
        app.processEvents()
    dock = window.lesson_dock
    floating = [dock] if dock is not None and dock.isFloating() else []
    picture = (_grab_with_card(window) if with_card
               else _grab_with_windows(window, floating))
    if not picture.save(path, "PNG"):
        print(f"{APP_NAME}: could not write {path}", file=sys.stderr)
        return 1
    print(path)
    if with_card:
        window.trainer_tab.card_dialog.close()
    window.close()
    return 0


def lesson_screenshot(number: int, path: str, width: int, height: int, lang: str | None,
                      theme: str = "light", timeout_s: float = 300.0) -> int:
    """Render the window with the lesson pane at step ``number`` (from 1) after its Show-me
    action, waiting for a run or landscape it starts, and save it as a PNG."""
    opened = _open_window(lang, theme, width, height)
    if isinstance(opened, int):
        return opened
    app, window = opened
    window.show()
    if not window.show_lesson():
        return 1
    lesson = window.lesson
    if number > len(lesson.steps):
        print(f"{APP_NAME}: the lesson has {len(lesson.steps)} steps, not {number}",
              file=sys.stderr)
        return 2
    lesson.go(number - 1)
    lesson.show_me()
    deadline = time.monotonic() + timeout_s
    while (lesson.is_busy() or not lesson.is_done()) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    if not lesson.is_done():
        print(f"{APP_NAME}: step {number} ({lesson.step.id}) was not done in {timeout_s:.0f} s",
              file=sys.stderr)
        return 1
    # Let a run's job end (its buttons follow) before the picture is taken.
    trainer = window.trainer_tab if window.tab_is_built("trainer") else None
    if trainer is not None and trainer.run is not None:
        trainer.run.wait(10)
    return _save(app, window, path)


def screenshot(tab: str, path: str, width: int, height: int, lang: str | None,
               theme: str = "light", section: str | None = None,
               dataset: str = "tutorial") -> int:
    """Render the main window offscreen on ``tab`` and save it as a PNG; the trainer's
    ``section`` "samples" adds the Samples view and the worst test sample's card, "pinned"
    the worst test samples pinned and followed through a second run."""
    sections = {"surface": SURFACE_SECTIONS, "trainer": TRAINER_SECTIONS}.get(tab, ())
    if tab == "surface" and section is None:
        section = "landscape"
    if section is not None and section not in sections:
        print(f"{APP_NAME}: the {tab} tab has no section {section!r}"
              + (f"; choose {', '.join(sections)}" if sections else ""), file=sys.stderr)
        return 2
    opened = _open_window(lang, theme, width, height)
    if isinstance(opened, int):
        return opened
    app, window = opened
    window.show_tab(tab)
    window.show()
    if tab == "surface":
        window.surface_tab.show_section(section)
    needs_run = tab == "trainer" or (tab == "surface" and section == "landscape")
    if needs_run and not _run_tutorial(window, dataset=dataset):
        print(f"{APP_NAME}: the tutorial run did not finish", file=sys.stderr)
        return 1
    samples = tab == "trainer" and section == "samples"
    if samples and not _open_worst_sample(window):
        print(f"{APP_NAME}: the run has no test samples to show", file=sys.stderr)
        return 1
    if tab == "trainer" and section == "pinned":
        # Pinned after the first run, followed through a second one on the same data.
        if not (_pin_worst(window) and _run_tutorial(window, dataset=dataset)):
            print(f"{APP_NAME}: the pinned samples' run did not finish", file=sys.stderr)
            return 1
        window.trainer_tab.results_tabs.setCurrentWidget(window.trainer_tab.pinned_view)
    if tab == "surface" and section == "landscape" and not _compute_landscape(window):
        print(f"{APP_NAME}: the landscape was not computed", file=sys.stderr)
        return 1
    return _save(app, window, path, with_card=samples)
