"""Shared widgets: the progress bar that never repaints synchronously, plots painted once."""

import pyqtgraph as pg
from conftest import PaintCounter, show_widget
from PySide6.QtWidgets import QLabel, QProgressBar, QTabWidget

from ce_desktop.ui.common.widgets import ProgressBar, keep_plot_scenes_active


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

    from ce_desktop.ui.common.widgets import CONTOUR_POINTS, set_contour

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


def _plot_behind_a_tab(qtbot, stay_active: bool):
    """A tab widget whose second page is a plot; the plot's viewport paints are counted."""
    tabs = QTabWidget()
    plot = pg.PlotWidget()
    plot.plot([0, 1, 2], [2, 0, 1])
    plot.showGrid(x=True, y=True)
    tabs.addTab(QLabel("first"), "first")
    tabs.addTab(plot, "plot")
    show_widget(qtbot, tabs, 500, 400)
    tabs.activateWindow()
    qtbot.waitUntil(tabs.isActiveWindow)
    if stay_active:
        keep_plot_scenes_active(tabs)
    counter = PaintCounter(plot.viewport())
    return tabs, plot, counter.paints, counter


def _paints_when_brought_forward(qtbot, tabs, paints) -> list:
    for _ in range(2):  # the first showing lays the plot out; count the second
        tabs.setCurrentIndex(1)
        qtbot.wait(100)
        tabs.setCurrentIndex(0)
        qtbot.wait(100)
    paints.clear()
    tabs.setCurrentIndex(1)
    qtbot.wait(150)
    return list(paints)


def test_a_plain_plot_is_painted_twice_when_its_tab_comes_forward(qtbot):
    # The reason keep_plot_scenes_active exists: if this stops holding, it can go.
    tabs, plot, paints, _counter = _plot_behind_a_tab(qtbot, stay_active=False)
    counted = _paints_when_brought_forward(qtbot, tabs, paints)
    full = plot.viewport().size().toTuple()
    assert counted == [full, full]


def test_a_plot_whose_scene_stays_active_is_painted_once(qtbot):
    tabs, plot, paints, _counter = _plot_behind_a_tab(qtbot, stay_active=True)
    counted = _paints_when_brought_forward(qtbot, tabs, paints)
    assert counted == [plot.viewport().size().toTuple()]
    assert plot.scene().isActive()
    # Still a live plot: new data is drawn (twice, if the tick labels change width).
    paints.clear()
    plot.getPlotItem().listDataItems()[0].setData([0, 1, 2], [0, 1, 0])
    qtbot.wait(100)
    assert paints


def test_the_main_window_keeps_every_plot_scene_active(qtbot, tmp_path):
    from ce_desktop.ui.app import MainWindow

    window = MainWindow(store_path=str(tmp_path / "runs.sqlite"))
    qtbot.addWidget(window)
    views = window.findChildren(pg.GraphicsView)
    assert len(views) >= 15
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_tab("surface")
    qtbot.wait(50)
    shown = [v for v in views if v.isVisible()]
    assert len(shown) >= 3 and all(v.scene().isActive() for v in shown)
    window.show_tab("entropy")
    qtbot.wait(50)
    # Hidden with their tab, yet their scenes were not deactivated.
    assert not any(v.isVisible() for v in shown)
    assert all(v.scene().isActive() for v in shown)


def test_a_number_box_reports_a_finished_value_once(qapp):
    from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox

    from ce_desktop.ui.common.widgets import number_box

    changes = []
    box = number_box(0.5, 50.0, 6.0, 1.0, "tip", decimals=1, prefix="± ",
                     on_change=lambda: changes.append(box.value()))
    assert isinstance(box, QDoubleSpinBox)
    assert (box.minimum(), box.maximum(), box.value(), box.decimals()) == (0.5, 50.0, 6.0, 1)
    assert (box.prefix(), box.toolTip(), box.keyboardTracking()) == ("± ", "tip", False)
    box.setValue(7.5)
    assert changes == [7.5]
    whole = number_box(1, 2000, 100, 50, "steps")
    assert isinstance(whole, QSpinBox) and whole.keyboardTracking()
    assert (whole.minimum(), whole.maximum(), whole.singleStep()) == (1, 2000, 50)
