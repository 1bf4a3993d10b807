"""SVG exports draw point markers as vectors: each curve's ``symbol="o"`` is a circle path
at its data point, never a bitmap (pyqtgraph draws markers from one bitmap atlas on
screen; Qt's SVG writer put the whole atlas, squashed, into every marker's box)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ElementTree

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF

from ce_desktop.ui.common.plot_export import export_plot

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
#: How far (pixels) a marker's centre may lie from its data point's place in the picture.
NEAR = 1.5


def affine(transform: str | None) -> np.ndarray:
    """An SVG ``matrix(a,b,c,d,e,f)`` (or none) as a 3 × 3 matrix."""
    if not transform:
        return np.eye(3)
    assert transform.strip().startswith("matrix("), transform
    a, b, c, d, e, f = (float(v) for v in NUMBER.findall(transform))
    return np.array([[a, c, e], [b, d, f], [0.0, 0.0, 1.0]])


def drawn(path) -> tuple[list[np.ndarray], int]:
    """Every path's points in the picture's pixels (its groups' transforms applied), and
    how many ``<image>`` elements the SVG holds."""
    root = ElementTree.parse(path).getroot()
    shapes: list[np.ndarray] = []

    def visit(element: ElementTree.Element, matrix: np.ndarray) -> None:
        matrix = matrix @ affine(element.get("transform"))
        if element.tag == f"{SVG}path":
            xy = np.array([float(v) for v in NUMBER.findall(element.get("d", ""))])
            points = np.vstack([xy.reshape(-1, 2).T, np.ones(len(xy) // 2)])
            shapes.append((matrix @ points)[:2].T)
        for child in element:
            visit(child, matrix)

    visit(root, np.eye(3))
    return shapes, len(list(root.iter(f"{SVG}image")))


def markers(shapes: list[np.ndarray], size: float) -> np.ndarray:
    """The centres (x, y) of the shapes ``size`` pixels wide and high: the markers."""
    centres = [(points.min(axis=0) + points.max(axis=0)) / 2 for points in shapes
               if np.allclose(np.ptp(points, axis=0), size, atol=0.5)]
    return np.array(sorted(centres, key=tuple)).reshape(-1, 2)


def expected(plot: pg.PlotItem, xs, ys) -> np.ndarray:
    """Where the data points (xs, ys) lie in the exported picture, whose top left is the
    plot item's."""
    corner = plot.boundingRect().topLeft()
    places = []
    for x, y in zip(xs, ys, strict=True):
        place = plot.mapFromScene(plot.getViewBox().mapViewToScene(QPointF(x, y))) - corner
        places.append((place.x(), place.y()))
    return np.array(sorted(places))


def test_an_svg_draws_each_marker_as_a_circle_at_its_point(qtbot, tmp_path):
    from conftest import show_widget

    widget = show_widget(qtbot, pg.PlotWidget(background="w"), 420, 300)
    epochs, loss = [1, 2, 3, 4, 5], [0.69, 0.41, 0.33, 0.29, 0.27]
    widget.plot(epochs, loss, pen=pg.mkPen("b", width=2), symbol="o", symbolSize=6,
                symbolBrush="r")
    qtbot.wait(10)
    svg = export_plot(widget, tmp_path / "loss.svg")
    shapes, images = drawn(svg)
    assert images == 0
    found = markers(shapes, 6)
    wanted = expected(widget.getPlotItem(), epochs, loss)
    assert found.shape == wanted.shape == (5, 2)
    assert np.abs(found - wanted).max() <= NEAR, (found, wanted)
    # Each a circle: its outline's points all lie about 3 px from its centre (the Bézier
    # arcs' control points a little farther, at 3·√(1 + 0.552²)).
    for centre in found:
        near = [points for points in shapes
                if np.allclose((points.min(axis=0) + points.max(axis=0)) / 2, centre)]
        radii = np.hypot(*(near[0] - centre).T)
        assert radii.min() == pytest.approx(3, abs=0.05)
        assert radii.max() == pytest.approx(3 * math.hypot(1, 0.5523), abs=0.05)


def test_an_svg_export_leaves_the_plot_drawing_markers_from_its_cache(qtbot, tmp_path):
    """Export mode is for the export only: afterwards the plot is drawn as before."""
    from conftest import show_widget

    widget = show_widget(qtbot, pg.PlotWidget(background="w"), 300, 200)
    curve = widget.plot([0, 1], [0, 1], symbol="o")
    export_plot(widget, tmp_path / "plot.svg")
    items = [curve.scatter, widget.getPlotItem(), widget.getPlotItem().getViewBox()]
    assert [item._exportOpts for item in items] == [False, False, False]
