"""Saving a plot as PNG, SVG, PDF or CSV: pyqtgraph's exporters, and Qt's vector writers."""

from __future__ import annotations

import csv
import itertools
import math
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters as exporters
from pyqtgraph.parametertree import Parameter
from PySide6.QtCore import QT_TRANSLATE_NOOP, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageSize, QPaintDevice, QPainter, QPdfWriter, QPicture
from PySide6.QtSvg import QSvgGenerator

from ce_desktop import APP_NAME

#: File-dialog filters, in the order offered (shown through translate("plot_export", …)).
EXPORT_FILTERS = {
    ".png": QT_TRANSLATE_NOOP("plot_export", "PNG image (*.png)"),
    ".svg": QT_TRANSLATE_NOOP("plot_export", "SVG vector image (*.svg)"),
    ".pdf": QT_TRANSLATE_NOOP("plot_export", "PDF document (*.pdf)"),
    ".csv": QT_TRANSLATE_NOOP("plot_export", "CSV data (*.csv)"),
}
PNG_EXPORT_WIDTH = 1600


def _render_scene(exporter: exporters.Exporter, device: QPaintDevice,
                  target: QRectF) -> None:
    """Paint the exporter's item into ``target`` of ``device``, background first."""
    painter = QPainter(device)
    try:
        painter.fillRect(target, exporter.getScene().views()[0].backgroundBrush())
        exporter.getScene().render(painter, target, exporter.getSourceRect())
    finally:
        painter.end()


class _QtVectorExporter(exporters.Exporter):
    """An exporter with no settings that paints the plot into one of Qt's vector writers,
    at the resolution pyqtgraph's cached pictures were recorded at.

    pyqtgraph caches axes and labels as QPictures, recorded at the screen's logical
    resolution and replayed scaled to the target's: at QSvgGenerator's default 72 dpi they
    came out at 72/96 of the data's scale (an axis reading 0.39 for a 0.74 bar)."""

    allowCopy = False
    suffix = ""

    def __init__(self, item) -> None:
        super().__init__(item)
        self.params = Parameter.create(name="params", type="group", children=[])

    def parameters(self) -> Parameter:
        return self.params

    def export(self, fileName=None, toBytes=False, copy=False):
        if fileName is None:
            self.fileSaveDialog(filter=[f"*{self.suffix}"])
            return None
        source = self.getSourceRect()
        target = QRectF(0, 0, source.width(), source.height())
        device = self.device(Path(fileName), source.size(), QPicture().logicalDpiX())
        _render_scene(self, device, target)
        return None

    def device(self, path: Path, size: QSizeF, dpi: int) -> QPaintDevice:
        """The writer for ``path``, a plot of ``size`` pixels at ``dpi``."""
        raise NotImplementedError


class QtSvgExporter(_QtVectorExporter):
    """SVG through Qt's own generator.

    pyqtgraph 0.14's SVGExporter fails on the closed paths ("… Z") that current Qt writes
    (pyqtgraph issue 3495); QSvgGenerator renders the same scene as true vectors. It
    replaces the broken exporter in every plot's right-click Export… dialog too.
    """

    Name = "SVG vector image"
    suffix = ".svg"

    def device(self, path: Path, size: QSizeF, dpi: int) -> QPaintDevice:
        generator = QSvgGenerator()
        generator.setResolution(dpi)
        generator.setFileName(str(path))
        generator.setSize(size.toSize())
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(path.stem)
        return generator


class QtPdfExporter(_QtVectorExporter):
    """A one-page vector PDF the size of the plot (for reports and papers), through Qt's
    PDF writer; offered in every plot's right-click Export… dialog too."""

    Name = "PDF document"
    suffix = ".pdf"

    def device(self, path: Path, size: QSizeF, dpi: int) -> QPaintDevice:
        writer = QPdfWriter(str(path))
        writer.setResolution(dpi)
        writer.setTitle(path.stem)
        writer.setCreator(APP_NAME)
        # Whole points (a PDF page is measured in them), rounded up: the plot is drawn at
        # its own size from the top left, never rescaled to a rounded page.
        points = QSizeF(math.ceil(size.width() * 72 / dpi), math.ceil(size.height() * 72 / dpi))
        writer.setPageSize(QPageSize(points, QPageSize.Unit.Point, "plot",
                                     QPageSize.SizeMatchPolicy.ExactMatch))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0))
        return writer


def install_exporters() -> None:
    """Swap pyqtgraph's broken SVG exporter for the Qt one in the Export… dialogs, and
    offer PDF there too."""
    registry = exporters.Exporter.Exporters
    registry[:] = [e for e in registry if e is not exporters.SVGExporter]
    for exporter in (QtSvgExporter, QtPdfExporter):
        if exporter not in registry:
            exporter.register()


def export_plot(plot_widget: pg.PlotWidget, path: str | Path) -> Path:
    """Write the plot to ``path``; the suffix (.png, .svg, .pdf, .csv) picks the format."""
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
    elif suffix == ".pdf":
        exporter = QtPdfExporter(item)
    elif suffix == ".csv":
        _write_csv(plot_widget, path)
        return path
    else:
        raise ValueError(
            f"cannot export to '{suffix or path.name}': use .png, .svg, .pdf or .csv")
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
