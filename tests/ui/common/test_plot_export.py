"""Exports are true: every plot of the window, exported as SVG or PDF, draws what its PNG
export draws — axes at the data's scale — in Qt's SVG renderer and in librsvg too."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from ce_desktop.core.training.trainer import TestReport as Report
from ce_desktop.ui.common import plot_export
from ce_desktop.ui.common.plot_export import export_plot

#: Starts a process of its own: the app's worker or command line, or an external tool.
pytestmark = pytest.mark.process

#: Blocks of BLOCK × BLOCK pixels are compared by their mean colour: anti-aliasing differs
#: between renderers pixel by pixel, a misplaced axis or bar shifts whole blocks.
BLOCK = 8
DIFFERENT = 16
#: The share of blocks differing by more than DIFFERENT in a channel, over all the plots:
#: at most MOST_DIFFERENT in any plot, and at most TYPICAL_DIFFERENT in the median plot.
#: Measured on true exports: 0-0.016 (SVG), 0-0.011 (PDF), 0-0.008 (librsvg), median at
#: most 0.003; with the axes drawn at 75 % scale 0.026-0.26, median 0.07.
MOST_DIFFERENT = 0.045
TYPICAL_DIFFERENT = 0.015


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), :3].astype(float)


def blocks(values: np.ndarray) -> np.ndarray:
    h, w = (values.shape[0] // BLOCK) * BLOCK, (values.shape[1] // BLOCK) * BLOCK
    return values[:h, :w].reshape(h // BLOCK, BLOCK, w // BLOCK, BLOCK, 3).mean(axis=(1, 3))


def different_share(reference: QImage, picture: QImage) -> float:
    """The share of blocks that differ, allowing the whole picture a shift of one pixel
    (a PDF page is a whole number of points, so its picture may sit a pixel lower)."""
    ours, theirs = pixels(reference), pixels(picture)
    shares = []
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            moved = np.roll(theirs, (dy, dx), axis=(0, 1))[1:-1, 1:-1]
            difference = np.abs(blocks(ours[1:-1, 1:-1]) - blocks(moved)).max(axis=2)
            shares.append(float((difference > DIFFERENT).mean()))
    return min(shares)


def svg_picture(path, size) -> QImage:
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    QSvgRenderer(str(path)).render(painter)
    painter.end()
    return image


def assert_alike(shares: dict[str, float]) -> None:
    assert {name: share for name, share in shares.items() if share > MOST_DIFFERENT} == {}
    assert np.median(list(shares.values())) <= TYPICAL_DIFFERENT, shares


def binary_report() -> Report:
    counts = np.array([180, 90, 50, 30, 20, 15, 10, 8, 6, 5, 4, 4, 3, 3, 2, 2, 1, 1, 1, 0])
    return Report(
        test_loss=0.20678, test_acc=0.925, test_auc=0.97412,
        confusion=np.array([[462, 38], [37, 463]]),
        calibration_predicted=np.array([0.03, 0.15, 0.35, 0.55, 0.75, 0.97]),
        calibration_observed=np.array([0.02, 0.10, 0.38, 0.58, 0.80, 0.98]),
        histogram_edges=np.linspace(0.0, 1.0, 21),
        histograms=np.stack([counts, counts[::-1] + 1]),
    )


@pytest.fixture
def every_plot(main_window, monkeypatch):
    """(name, plot widget) of every plot in the window, at its size on a 1280 × 720 screen;
    PNG exports are at that size too, so that one picture can be laid over the other."""
    monkeypatch.setattr(plot_export, "PNG_EXPORT_WIDTH", 0)
    main_window.resize(1280, 720)
    # The trainer's test results as after a run, so that its histograms, reliability
    # diagram and confusion matrix are drawn, not empty.
    main_window.trainer_tab.evaluation_panel.show_report(binary_report(), ["0", "1"])
    found = []
    for name in main_window.tab_names():
        main_window.show_tab(name)
        tab = main_window.tabs.currentWidget()
        found += [(f"{name}: {title}", widget) for title, widget in tab.plots().items()]
    return found


def test_svg_exports_draw_what_the_png_exports_draw(every_plot, tmp_path):
    shares = {}
    for n, (name, widget) in enumerate(every_plot):
        png = QImage(str(export_plot(widget, tmp_path / f"{n}.png")))
        svg = export_plot(widget, tmp_path / f"{n}.svg")
        shares[name] = round(different_share(png, svg_picture(svg, png.size())), 4)
    assert len(shares) >= 15
    assert_alike(shares)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm is not installed")
def test_pdf_exports_draw_what_the_png_exports_draw(every_plot, tmp_path):
    shares = {}
    for n, (name, widget) in enumerate(every_plot):
        png = QImage(str(export_plot(widget, tmp_path / f"{n}.png")))
        pdf = export_plot(widget, tmp_path / f"{n}.pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
        # One page the plot's size (rounded up to whole points): at the screen's 96 dpi its
        # top left is the PNG, pixel for pixel.
        subprocess.run(["pdftoppm", "-png", "-singlefile", "-r", "96", str(pdf),
                        str(tmp_path / f"{n}-pdf")], check=True, timeout=60)
        page = QImage(str(tmp_path / f"{n}-pdf.png")).copy(0, 0, png.width(), png.height())
        shares[name] = round(different_share(png, page), 4)
    assert_alike(shares)


@pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="librsvg is not installed")
def test_librsvg_draws_every_svg_export_as_the_png_export(every_plot, tmp_path):
    """A second renderer draws the same pictures: librsvg (as in GNOME, Inkscape's import,
    browsers' thumbnails) honours no ``vector-effect``, so a curve written in data units
    under a large scale would come out hundreds of pixels wide."""
    shares = {}
    for n, (name, widget) in enumerate(every_plot):
        png = QImage(str(export_plot(widget, tmp_path / f"{n}.png")))
        svg = export_plot(widget, tmp_path / f"{n}.svg")
        drawn = tmp_path / f"{n}-rsvg.png"
        result = subprocess.run(
            ["rsvg-convert", "--width", str(png.width()), "--height", str(png.height()),
             "--background-color", "white", str(svg), "-o", str(drawn)],
            capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, (name, result.stderr)
        shares[name] = round(different_share(png, QImage(str(drawn))), 4)
    assert len(shares) >= 15
    assert_alike(shares)


def test_every_plot_draws_its_markers_as_vectors_in_svg(every_plot, tmp_path):
    """Every marker of every plot (loss curves, reliability diagram, landscape path, pinned
    samples, surfaces' points) is a vector shape at its point in the SVG: the only bitmaps
    are the heat maps' (pyqtgraph draws markers from a bitmap atlas outside export mode).
    Plots that show no points before a run are given two, in the middle of their view."""
    import pyqtgraph as pg
    from test_svg_markers import drawn

    checked = 0
    for n, (name, widget) in enumerate(every_plot):
        plot = widget.getPlotItem()
        (x0, x1), (y0, y1) = plot.getViewBox().viewRange()
        middle = {"x": [(2 * x0 + x1) / 3, (x0 + 2 * x1) / 3], "y": [(y0 + y1) / 2] * 2}
        for item in plot.getViewBox().addedItems:
            if isinstance(item, pg.PlotDataItem):
                empty = item.xData is None and item.opts["symbol"] is not None
            else:
                empty = isinstance(item, pg.ScatterPlotItem) and len(item.data) == 0
            if empty and item.isVisible():
                item.setData(**middle)
        shown = [item for item in widget.scene().items()
                 if plot.isAncestorOf(item) and item.isVisible()]
        scatters = [item for item in shown if isinstance(item, pg.ScatterPlotItem)]
        shapes, images = drawn(export_plot(widget, tmp_path / f"{n}.svg"))
        assert images == sum(isinstance(item, pg.ImageItem) for item in shown), name
        boxes = np.array([np.r_[points.min(axis=0), points.max(axis=0)] for points in shapes
                          if len(points)])
        view = plot.getViewBox().sceneBoundingRect()
        corner = plot.boundingRect().topLeft()
        for scatter in scatters:
            for x, y, size in zip(scatter.data["x"], scatter.data["y"], scatter.data["size"],
                                  strict=True):
                size = scatter.opts["size"] if size < 0 else size
                place = scatter.mapToScene(QPointF(x, y))
                if not view.contains(place):
                    continue
                place = plot.mapFromScene(place) - corner
                # A shape no wider than the marker around the point: the marker.
                around = ((boxes[:, 0] <= place.x() + 1) & (boxes[:, 2] >= place.x() - 1)
                          & (boxes[:, 1] <= place.y() + 1) & (boxes[:, 3] >= place.y() - 1)
                          & ((boxes[:, 2:] - boxes[:, :2]).max(axis=1) <= size + 1))
                assert around.any(), (name, x, y)
                checked += 1
    assert checked >= 100


def ink_width(image: QImage) -> int:
    """The width of what is drawn on the white picture."""
    drawn = np.nonzero((pixels(image) < 200).any(axis=(0, 2)))[0]
    return int(drawn[-1] - drawn[0] + 1) if len(drawn) else 0


def test_a_png_wider_than_the_screen_scales_the_legend_too(qtbot, monkeypatch, tmp_path):
    """An export at 1600 px of a 400 px plot draws its legend 4× as wide, as it does the
    title and ticks (pyqtgraph's legend ignores the export's scale unless told)."""
    import pyqtgraph as pg
    from conftest import show_widget

    widget = show_widget(qtbot, pg.PlotWidget(background="w"), 400, 300)
    plot = widget.getPlotItem()
    plot.hideAxis("left")
    plot.hideAxis("bottom")
    plot.addLegend(offset=(-4, 4), labelTextSize="8pt")
    # The curve lies outside the view: all that is drawn is the legend.
    plot.plot([10, 11], [10, 11], pen=pg.mkPen("k", width=2), name="a legend's long label")
    plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    monkeypatch.setattr(plot_export, "PNG_EXPORT_WIDTH", 0)
    on_screen = QImage(str(export_plot(widget, tmp_path / "screen.png")))
    monkeypatch.setattr(plot_export, "PNG_EXPORT_WIDTH", 4 * on_screen.width())
    wide = QImage(str(export_plot(widget, tmp_path / "wide.png")))
    assert wide.width() == 4 * on_screen.width()
    assert ink_width(on_screen) > 40
    assert ink_width(wide) == pytest.approx(4 * ink_width(on_screen), rel=0.1)
