"""Saving a plot as PNG, SVG, PDF or CSV: pyqtgraph's image exporter, Qt's vector writers,
and for CSV the table each plot gives of what it shows."""

from __future__ import annotations

import csv
import itertools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters as exporters
from numpy.typing import ArrayLike
from pyqtgraph.parametertree import Parameter
from PySide6.QtCore import QT_TRANSLATE_NOOP, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageSize, QPaintDevice, QPainter, QPdfWriter, QPicture
from PySide6.QtSvg import QSvgGenerator

from ce_desktop import APP_NAME
from ce_desktop.core.info import Unit

#: File-dialog filters, in the order offered (shown through translate("plot_export", …)).
EXPORT_FILTERS = {
    ".png": QT_TRANSLATE_NOOP("plot_export", "PNG image (*.png)"),
    ".svg": QT_TRANSLATE_NOOP("plot_export", "SVG vector image (*.svg)"),
    ".pdf": QT_TRANSLATE_NOOP("plot_export", "PDF document (*.pdf)"),
    ".csv": QT_TRANSLATE_NOOP("plot_export", "CSV data (*.csv)"),
}
PNG_EXPORT_WIDTH = 1600
#: Why a plot that has drawn nothing yet (a run's curves before a run) writes no CSV.
NO_DATA = "this plot holds no data to write as CSV"
#: The attribute of a plot widget that holds its table source.
_TABLE_SOURCE = "_ce_table_source"


@dataclass(frozen=True)
class DataTable:
    """What a plot shows, as its CSV export writes it: named columns of numbers or class
    names, each named by its quantity and unit (``epoch``, ``val_loss_nats``, ``class``,
    ``cost_bits``; see :func:`quantity`), classes numbered as the plot numbers them.

    A plot builds it from the arrays it drew; the UI computes nothing for it. Columns may
    differ in length (a path beside a grid): the shorter ones end in blank cells.
    """

    columns: tuple[tuple[str, np.ndarray], ...]

    def __post_init__(self) -> None:
        names = self.names()
        if not all(names) or len(set(names)) != len(names):
            raise ValueError(f"column names must be unique and not empty: {names}")
        for name, values in self.columns:
            if np.ndim(values) != 1:
                raise ValueError(f"column {name!r} has shape {np.shape(values)}, not (n,)")

    @classmethod
    def of(cls, columns: Mapping[str, ArrayLike]) -> DataTable:
        """A table of ``columns`` (name → values, in order); a single value is one row."""
        return cls(tuple((name, np.atleast_1d(np.asarray(values)))
                         for name, values in columns.items()))

    def names(self) -> list[str]:
        return [name for name, _ in self.columns]

    def is_empty(self) -> bool:
        return all(len(values) == 0 for _, values in self.columns)

    def joined(self, other: DataTable) -> DataTable:
        """This table's columns, then ``other``'s."""
        return DataTable(self.columns + other.columns)


#: What a plot calls to build its table when it is exported (None: nothing drawn yet).
TableSource = Callable[[], DataTable | None]


def quantity(name: str, unit: Unit | str | None = None) -> str:
    """A column's name: the quantity, then its unit when it has one: ``cost_bits``,
    ``val_loss_nats``; ``mse``, ``probability`` and ``epoch`` have none."""
    if isinstance(unit, Unit):
        unit = unit.plural
    return f"{name}_{unit}" if unit else name


def classes(k: int) -> np.ndarray:
    """Classes 1..K, as the plots number them."""
    return np.arange(1, k + 1)


def set_table_source(plot_widget: pg.GraphicsView, source: TableSource) -> None:
    """Give ``plot_widget`` the table its CSV export writes; ``source`` builds it from what
    the plot shows when the export happens (File → Export and the right-click dialog)."""
    setattr(plot_widget, _TABLE_SOURCE, source)


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
    """Swap pyqtgraph's broken SVG exporter for the Qt one in the Export… dialogs, and its
    CSV exporter for the plots' own tables; offer PDF there too."""
    registry = exporters.Exporter.Exporters
    registry[:] = [e for e in registry
                   if e not in (exporters.SVGExporter, exporters.CSVExporter)]
    for exporter in (TableCsvExporter, QtSvgExporter, QtPdfExporter):
        if exporter not in registry:
            exporter.register()


def export_plot(plot_widget: pg.PlotWidget, path: str | Path) -> Path:
    """Write the plot to ``path``; the suffix (.png, .svg, .pdf, .csv) picks the format.

    A CSV holds the plot's table (:func:`set_table_source`), not pyqtgraph's items."""
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
        return write_table(export_table(plot_widget), path)
    else:
        raise ValueError(
            f"cannot export to '{suffix or path.name}': use .png, .svg, .pdf or .csv")
    exporter.export(str(path))
    if not path.exists():
        raise OSError(f"the exporter wrote nothing to {path}")
    return path


def export_table(plot_widget: pg.GraphicsView) -> DataTable:
    """The table ``plot_widget``'s CSV export writes: what its table source gives now."""
    source = getattr(plot_widget, _TABLE_SOURCE, None)
    if source is None:
        # A plot without a source is a mistake of the app, not of the user: every plot a
        # tab offers has one (tests/ui/common/test_csv_export.py checks).
        raise ValueError("this plot has no table to write as CSV")
    table = source()
    if table is None or table.is_empty():
        raise ValueError(NO_DATA)
    return table


def write_table(table: DataTable, path: str | Path) -> Path:
    """Write ``table`` to ``path`` as UTF-8 CSV: the names, then one row per value."""
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.names())
        for row in itertools.zip_longest(*(values for _, values in table.columns),
                                         fillvalue=""):
            # str() of a numpy number is the shortest text that reads back as the same
            # number ("0.1", "inf"); class names are written as they are.
            writer.writerow([str(value) for value in row])
    return path


class TableCsvExporter(exporters.Exporter):
    """The right-click Export… dialog's CSV: the plot's own table (see
    :func:`set_table_source`), in place of pyqtgraph's CSVExporter, which names columns
    ``x0000``, ``y0000`` and drops bar charts."""

    Name = "CSV data"
    allowCopy = False

    def __init__(self, item) -> None:
        super().__init__(item)
        self.params = Parameter.create(name="params", type="group", children=[])

    def parameters(self) -> Parameter:
        return self.params

    def export(self, fileName=None, toBytes=False, copy=False):
        # Say that there is nothing to write before asking where to write it.
        table = export_table(self.getScene().views()[0])
        if fileName is None:
            self.fileSaveDialog(filter=["*.csv"])
            return None
        write_table(table, fileName)
        return None
