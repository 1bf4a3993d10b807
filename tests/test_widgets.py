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


def test_contours_are_traced_on_a_thinned_grid_and_placed_on_the_full_one(qapp):
    import numpy as np
    import pyqtgraph as pg

    from ce_desktop.ui.widgets import CONTOUR_POINTS, set_contour

    n = 101
    centre = n / 2  # sample i sits at i + 0.5 in the image's pixel coordinates
    i = np.arange(n) + 0.5
    values = np.hypot(i[:, None] - centre, i[None, :] - centre)
    curve = pg.IsocurveItem()
    set_contour(curve, values, 30.0)
    assert curve.data.shape == (CONTOUR_POINTS, CONTOUR_POINTS)
    curve.generatePath()  # done lazily in the paint otherwise
    path = curve.mapToParent(curve.path)
    points = [path.elementAt(k) for k in range(path.elementCount())]
    radii = np.array([np.hypot(p.x - centre, p.y - centre) for p in points])
    assert len(radii) > 50
    # Linear interpolation between samples two pixels apart: within a tenth of a pixel.
    assert np.abs(radii - 30.0).max() < 0.1

    small = values[::4, ::4]
    set_contour(curve, small, 30.0)
    assert curve.data.shape == small.shape
    assert curve.transform().m11() == 1.0
