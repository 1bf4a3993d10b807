"""Plots follow the palette: dark ink on white, or light ink on a dark ground."""

import pyqtgraph as pg

from ce_desktop.ui.common import style


def test_dark_mode_inverts_ink_and_paper_and_light_mode_restores_them(qapp):
    try:
        style.configure_pyqtgraph(dark=True)
        assert (style.TEXT, style.PAPER) == (style.DARK_INK, style.DARK_PAPER)
        assert pg.getConfigOption("background") == style.DARK_PAPER
        assert pg.getConfigOption("foreground") == style.DARK_INK
        widget = pg.PlotWidget()
        assert widget.backgroundBrush().color().name() == style.DARK_PAPER
    finally:
        style.configure_pyqtgraph(dark=False)
    assert (style.TEXT, style.PAPER) == (style.LIGHT_INK, style.LIGHT_PAPER)
    assert pg.getConfigOption("background") == style.LIGHT_PAPER


def test_the_palette_is_read_from_the_system(qapp):
    # Qt's offscreen platform reports no dark scheme; the app then draws light plots.
    assert style.system_is_dark() is False
    style.configure_pyqtgraph()
    assert style.TEXT == style.LIGHT_INK


def test_decision_regions_fade_towards_the_plot_ground(qapp):
    import numpy as np

    from ce_desktop.ui.trainer.decision_view import class_color_image

    predicted = np.zeros((1, 2), dtype=int)
    chance = np.array([[0.5, 0.5]])  # no better than chance: pure ground
    try:
        style.configure_pyqtgraph(dark=True)
        dark = class_color_image(predicted, chance, 2)
    finally:
        style.configure_pyqtgraph(dark=False)
    light = class_color_image(predicted, chance, 2)
    assert tuple(light[0, 0, :3]) == (255, 255, 255)
    assert tuple(dark[0, 0, :3]) == (0x1e, 0x1e, 0x1e)


def test_a_dark_palette_counts_as_dark_mode_and_legends_follow_it(qapp):
    saved_palette, saved_style = qapp.palette(), qapp.style().name()
    try:
        style.use_dark_palette(qapp)
        assert style.system_is_dark() is True
        style.configure_pyqtgraph()
        assert style.PAPER == style.DARK_PAPER
        brush = style.legend_brush(210)
        assert (brush.name(), brush.alpha()) == (style.DARK_PAPER, 210)
    finally:
        qapp.setStyle(saved_style)
        qapp.setPalette(saved_palette)
        style.configure_pyqtgraph(dark=False)
    assert style.system_is_dark() is False
    assert style.legend_brush().name() == "#ffffff"


def test_confusion_matrix_runs_from_the_plot_ground(qtbot):
    from ce_desktop.ui.trainer.evaluation_panel import HEATMAP_HIGH, EvaluationPanel

    try:
        style.configure_pyqtgraph(dark=True)
        panel = EvaluationPanel()
        qtbot.addWidget(panel)
        lut = panel.confusion_image.getColorMap().getLookupTable(nPts=2, alpha=False)
    finally:
        style.configure_pyqtgraph(dark=False)
    low, high = (pg.mkColor(tuple(int(v) for v in row)).name() for row in lut)
    assert (low, high) == (style.DARK_PAPER, HEATMAP_HIGH)
