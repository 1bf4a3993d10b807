"""Plots follow the palette: dark ink on white, or light ink on a dark ground."""

import pyqtgraph as pg

from ce_desktop.ui import style


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

    from ce_desktop.ui.decision_view import class_color_image

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
