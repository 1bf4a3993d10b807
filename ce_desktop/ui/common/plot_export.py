"""Saving a plot as PNG, SVG or CSV with pyqtgraph's exporters."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters as exporters
from pyqtgraph.parametertree import Parameter
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

#: File-dialog filters, in the order offered (shown through translate("plot_export", …)).
EXPORT_FILTERS = {
    ".png": QT_TRANSLATE_NOOP("plot_export", "PNG image (*.png)"),
    ".svg": QT_TRANSLATE_NOOP("plot_export", "SVG vector image (*.svg)"),
    ".csv": QT_TRANSLATE_NOOP("plot_export", "CSV data (*.csv)"),
}
PNG_EXPORT_WIDTH = 1600


class QtSvgExporter(exporters.Exporter):
    """SVG through Qt's own generator.

    pyqtgraph 0.14's SVGExporter fails on the closed paths ("… Z") that current Qt writes
    (pyqtgraph issue 3495); QSvgGenerator renders the same scene as true vectors. It
    replaces the broken exporter in every plot's right-click Export… dialog too.
    """

    Name = "SVG vector image"
    allowCopy = False

    def __init__(self, item) -> None:
        super().__init__(item)
        self.params = Parameter.create(name="params", type="group", children=[])

    def parameters(self) -> Parameter:
        return self.params

    def export(self, fileName=None, toBytes=False, copy=False):
        if fileName is None:
            self.fileSaveDialog(filter=["*.svg"])
            return None
        source = self.getSourceRect()
        target = QRectF(0, 0, source.width(), source.height())
        generator = QSvgGenerator()
        generator.setFileName(str(fileName))
        generator.setSize(source.size().toSize())
        generator.setViewBox(target)
        generator.setTitle(Path(fileName).stem)
        painter = QPainter(generator)
        try:
            background = self.getScene().views()[0].backgroundBrush()
            painter.fillRect(target, background)
            self.getScene().render(painter, target, source)
        finally:
            painter.end()
        return None


def install_exporters() -> None:
    """Swap pyqtgraph's broken SVG exporter for the Qt one in the Export… dialogs."""
    registry = exporters.Exporter.Exporters
    registry[:] = [e for e in registry if e is not exporters.SVGExporter]
    if QtSvgExporter not in registry:
        QtSvgExporter.register()


def export_plot(plot_widget: pg.PlotWidget, path: str | Path) -> Path:
    """Write the plot to ``path``; the suffix (.png, .svg, .csv) picks the format."""
    path = Path(path)
    suffix = path.suffix.lower()
    item = plot_widget.getPlotItem()
    if suffix == ".png":
        exporter = exporters.ImageExporter(item)
        # Well above screen size: sharp enough for slides and papers.
        on_screen = int(item.sceneBoundingRect().width())
        exporter.parameters()["width"] = max(PNG_EXPORT_WIDTH, on_screen)
    elif suffix == ".svg":
        exporter = QtSvgExporter(item)
    elif suffix == ".csv":
        _write_csv(plot_widget, path)
        return path
    else:
        raise ValueError(f"cannot export to '{suffix or path.name}': use .png, .svg or .csv")
    exporter.export(str(path))
    if not path.exists():
        raise OSError(f"the exporter wrote nothing to {path}")
    return path


BAR_COLUMNS = ("x", "x0", "y", "y0", "width", "height")


def plot_columns(plot_widget: pg.PlotWidget) -> list[tuple[str, np.ndarray]]:
    """Every data series a plot draws, as named columns: curves, points, bars and heatmaps
    (one row per pixel: its centre's x and y and its value)."""
    columns: list[tuple[str, np.ndarray]] = []
    for n, item in enumerate(plot_widget.getPlotItem().items):
        if isinstance(item, pg.ImageItem):
            columns += _image_columns(item, f"image {n + 1}")
            continue
        if isinstance(item, pg.PlotDataItem | pg.ScatterPlotItem):
            x, y = item.getData()
            if x is None or len(x) == 0:
                continue
            name = item.name() or f"series {n + 1}"
            columns += [(f"{name} x", np.asarray(x)), (f"{name} y", np.asarray(y))]
        elif isinstance(item, pg.BarGraphItem):
            name = item.opts.get("name") or f"bars {n + 1}"
            for key in BAR_COLUMNS:
                values = item.opts.get(key)
                # Scalars (a common bar width) are drawing settings, not data.
                if values is not None and np.ndim(values) == 1 and len(values):
                    columns.append((f"{name} {key}", np.asarray(values)))
    return columns


def _image_columns(item: pg.ImageItem, name: str) -> list[tuple[str, np.ndarray]]:
    """A scalar heatmap as x, y, value columns; colour images (RGB) hold no values."""
    image = item.image
    if image is None or np.ndim(image) != 2:
        return []
    values = np.asarray(image, dtype=float)
    if item.axisOrder == "row-major":
        values = values.T  # now values[i, j] is column i (x), row j (y)
    rect = item.mapRectToParent(item.boundingRect())
    nx, ny = values.shape
    xs = rect.left() + (np.arange(nx) + 0.5) * rect.width() / nx
    ys = rect.top() + (np.arange(ny) + 0.5) * rect.height() / ny
    grid_x, grid_y = np.meshgrid(xs, ys, indexing="ij")
    return [(f"{name} x", grid_x.ravel()), (f"{name} y", grid_y.ravel()),
            (f"{name} value", values.ravel())]


def _write_csv(plot_widget: pg.PlotWidget, path: Path) -> None:
    """One column per series; pyqtgraph's CSVExporter would drop the bar charts."""
    columns = plot_columns(plot_widget)
    if not columns:
        raise ValueError("this plot holds no data to write as CSV")
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([name for name, _ in columns])
        for row in itertools.zip_longest(*(values for _, values in columns), fillvalue=""):
            writer.writerow([v if v == "" else f"{float(v):.10g}" for v in row])
