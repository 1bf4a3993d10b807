"""Shared widgets: the progress bar that never repaints synchronously."""

from conftest import show_widget
from PySide6.QtWidgets import QProgressBar

from ce_desktop.ui.widgets import ProgressBar


def counting(base):
    class Counting(base):
        paints = 0

        def paintEvent(self, event):
            type(self).paints += 1
            super().paintEvent(event)

    return Counting


def test_plain_qprogressbar_repaints_inside_setvalue(qtbot):
    # The reason ProgressBar exists: if this ever stops holding, it can go.
    bar = show_widget(qtbot, counting(QProgressBar)(), 300, 30)
    bar.setRange(0, 100)
    qtbot.wait(50)
    before = bar.paints
    bar.setValue(37)
    assert bar.paints > before


def test_progress_bar_paints_with_the_next_frame_and_shows_the_value(qtbot):
    bar = show_widget(qtbot, counting(ProgressBar)(), 300, 30)
    bar.setRange(0, 100)
    qtbot.wait(50)
    before = bar.paints
    bar.setValue(37)
    bar.setMaximum(200)
    bar.setRange(0, 400)
    assert bar.paints == before
    assert (bar.value(), bar.maximum()) == (37, 400)
    assert bar.updatesEnabled()
    qtbot.waitUntil(lambda: bar.paints > before, timeout=2000)
    assert bar.text() == "9%"
