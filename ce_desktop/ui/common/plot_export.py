"""Saving a plot as PNG, SVG, PDF or CSV: pyqtgraph's image exporter, Qt's vector writers,
and for CSV the table each plot gives of what it shows."""

from __future__ import annotations

import csv
import itertools
import math
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters as exporters
from numpy.typing import ArrayLike
from pyqtgraph.parametertree import Parameter
from PySide6.QtCore import QT_TRANSLATE_NOOP, QBuffer, QByteArray, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageSize, QPaintDevice, QPainter, QPdfWriter, QPicture
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem

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
    """Paint the exporter's item into ``target`` of ``device``, background first, its
    items in pyqtgraph's export mode as its own exporters paint them.

    Outside export mode a scatter plot (every curve's ``symbol="o"``) draws its markers as
    fragments of one bitmap atlas; QSvgGenerator ignores a fragment's source rectangle and
    wrote the whole atlas squashed into each marker's box, and the PDF drew markers as
    bitmaps. In export mode each marker is drawn as its own vector path."""
    painter = QPainter(device)
    try:
        exporter.setExportMode(True, {"painter": painter, "antialias": True})
        painter.fillRect(target, exporter.getScene().views()[0].backgroundBrush())
        exporter.getScene().render(painter, target, exporter.getSourceRect())
    finally:
        exporter.setExportMode(False)
        painter.end()


class _ExporterWithoutSettings(exporters.Exporter):
    """An exporter whose right-click dialog shows no settings and offers no copy."""

    allowCopy = False

    def __init__(self, item) -> None:
        super().__init__(item)
        self.params = Parameter.create(name="params", type="group", children=[])

    def parameters(self) -> Parameter:
        return self.params


class _QtVectorExporter(_ExporterWithoutSettings):
    """An exporter with no settings that paints the plot into one of Qt's vector writers,
    at the resolution pyqtgraph's cached pictures were recorded at.

    pyqtgraph caches axes and labels as QPictures, recorded at the screen's logical
    resolution and replayed scaled to the target's: at QSvgGenerator's default 72 dpi they
    came out at 72/96 of the data's scale (an axis reading 0.39 for a 0.74 bar)."""

    suffix = ""

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

    def export(self, fileName=None, toBytes=False, copy=False):
        super().export(fileName, toBytes, copy)
        if fileName is not None:
            make_plain_svg(Path(fileName))

    def device(self, path: Path, size: QSizeF, dpi: int) -> QPaintDevice:
        generator = QSvgGenerator()
        generator.setResolution(dpi)
        generator.setFileName(str(path))
        generator.setSize(size.toSize())
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(path.stem)
        return generator


_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_MATRIX = re.compile(r"\s*matrix\(([^)]*)\)\s*")
#: Path commands whose arguments are all absolute (x, y) pairs: what Qt writes.
_PAIRED_COMMANDS = set("MLCQSTZ")
_GEOMETRY = {f"{{{_SVG_NS}}}{tag}" for tag in ("path", "polyline", "polygon", "rect")}
_Affine = tuple[float, float, float, float, float, float]


#: The most pixels a heat map's bitmap is enlarged to (see :func:`_sharpen_images`).
_MOST_IMAGE_PIXELS = 4_000_000
_PNG_URI = "data:image/png;base64,"


def make_plain_svg(path: Path) -> None:
    """Rewrite the SVG that QSvgGenerator wrote at ``path`` so that every renderer draws
    it as Qt does, not only those that honour what librsvg ignores (librsvg 2.54 as in
    Debian 12: GNOME's viewers, Inkscape's and LibreOffice's import): its lines and fills
    in the picture's own coordinates (:func:`_bake_scaled_strokes`), its heat maps with
    sharp cells (:func:`_sharpen_images`)."""
    ElementTree.register_namespace("", _SVG_NS)
    ElementTree.register_namespace("xlink", _XLINK_NS)
    tree = ElementTree.parse(path)
    _bake_scaled_strokes(tree)
    _sharpen_images(tree)
    tree.write(path, encoding="UTF-8", xml_declaration=True)


def _bake_scaled_strokes(tree: ElementTree.ElementTree) -> None:
    """Put every line and fill in the picture's own (pixel) coordinates, under no scale.

    QSvgGenerator writes a curve as pyqtgraph paints it: its points in data units, in a
    group scaled to the view (x 252, y -22.6 for the coin plot), its line kept thin by
    ``vector-effect="non-scaling-stroke"``. Qt's renderer and browsers honour that; librsvg
    (GNOME, Inkscape's import, LibreOffice) and SVG Tiny 1.1 readers do not, and drew the
    lines hundreds of pixels wide: the coin plot a solid orange rectangle. So each such
    line or fill gets the group's transform applied to its points (as pyqtgraph's own
    SVGExporter does in ``correctCoordinates``) and moves into a group without it. Text and
    images stay under their transform, which every renderer applies alike; so does a line
    whose width is meant to scale (no ``vector-effect``), since no width would equal it.
    """
    groups = [(parent, child) for parent in tree.iter() for child in parent
              if child.tag == f"{{{_SVG_NS}}}g" and _scales(child.get("transform"))]
    for parent, group in groups:
        _split_group(parent, group)


def _sharpen_images(tree: ElementTree.ElementTree) -> None:
    """Enlarge each bitmap drawn magnified with ``image-rendering="optimizeSpeed"`` (a
    heat map: the confusion matrix's 2 × 2 counts, a colour bar) by whole factors, each
    pixel a block, so that it keeps its sharp cells where a renderer smooths it anyway.

    Qt's renderer and browsers draw such a bitmap pixel by pixel, as the PNG export does;
    librsvg ignores the hint (and ``pixelated``, which it does not know either) and blends
    neighbouring cells across the whole picture. The enlarged bitmap is blended only along
    the cells' edges, under a pixel wide."""
    for group in tree.iter(f"{{{_SVG_NS}}}g"):
        a, b, c, d, _, _ = _affine(group.get("transform")) or (1, 0, 0, 1, 0, 0)
        for image in group.findall(f"{{{_SVG_NS}}}image"):
            if image.get("image-rendering") != "optimizeSpeed":
                continue
            href = f"{{{_XLINK_NS}}}href"
            uri = image.get(href, "")
            if not uri.startswith(_PNG_URI):
                continue
            bitmap = QImage.fromData(QByteArray.fromBase64(uri[len(_PNG_URI):].encode()))
            if bitmap.isNull():
                continue
            width, height = float(image.get("width", 0)), float(image.get("height", 0))
            # Picture pixels per bitmap pixel, along each of the bitmap's axes.
            across = width * math.hypot(a, b) / bitmap.width()
            down = height * math.hypot(c, d) / bitmap.height()
            kx, ky = max(1, math.ceil(across)), max(1, math.ceil(down))
            if (kx, ky) == (1, 1) or (
                    bitmap.width() * kx * bitmap.height() * ky > _MOST_IMAGE_PIXELS):
                continue
            enlarged = _enlarged(bitmap, kx, ky)
            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QBuffer.OpenModeFlag.WriteOnly)
            enlarged.save(buffer, "PNG")
            buffer.close()
            image.set(href, _PNG_URI + bytes(data.toBase64()).decode("ascii"))


def _enlarged(bitmap: QImage, kx: int, ky: int) -> QImage:
    """``bitmap`` with each pixel a block of ``kx`` × ``ky``: exactly, which
    ``QImage.scaled`` with FastTransformation is not (its 2 → 586 puts the edge at 315)."""
    bitmap = bitmap.convertToFormat(QImage.Format.Format_ARGB32)
    rows = np.frombuffer(bitmap.constBits(), np.uint8).reshape(
        bitmap.height(), bitmap.bytesPerLine())[:, :bitmap.width() * 4]
    pixels = rows.reshape(bitmap.height(), bitmap.width(), 4)
    blocks = np.ascontiguousarray(np.repeat(np.repeat(pixels, ky, axis=0), kx, axis=1))
    height, width = blocks.shape[:2]
    return QImage(blocks.data, width, height, width * 4, QImage.Format.Format_ARGB32).copy()


def _affine(transform: str | None) -> _Affine | None:
    match = _MATRIX.fullmatch(transform or "")
    if match is None:
        return None
    values = [float(v) for v in _NUMBER.findall(match.group(1))]
    return tuple(values) if len(values) == 6 else None  # type: ignore[return-value]


def _scales(transform: str | None) -> bool:
    """Whether ``transform`` is a matrix that does more than move."""
    affine = _affine(transform)
    return affine is not None and affine[:4] != (1.0, 0.0, 0.0, 1.0)


def _split_group(parent: ElementTree.Element, group: ElementTree.Element) -> None:
    """Replace ``group`` by groups in the same order: its bakeable children, baked, in
    copies without its transform; the others in copies with it."""
    affine = _affine(group.get("transform"))
    assert affine is not None
    unstroked = group.get("stroke") == "none"
    runs: list[tuple[bool, list[ElementTree.Element]]] = []
    for child in list(group):
        baked = _baked(child, affine, unstroked)
        if baked is None:
            if not runs or runs[-1][0]:
                runs.append((False, []))
            runs[-1][1].append(child)
        else:
            if not runs or not runs[-1][0]:
                runs.append((True, []))
            runs[-1][1].append(baked)
    if not any(is_baked for is_baked, _ in runs):
        return
    position = list(parent).index(group)
    parent.remove(group)
    for offset, (is_baked, children) in enumerate(runs):
        copy = ElementTree.Element(group.tag, dict(group.attrib))
        if is_baked:
            del copy.attrib["transform"]
        copy.text, copy.tail = group.text, group.tail
        copy.extend(children)
        parent.insert(position + offset, copy)


def _baked(element: ElementTree.Element, affine: _Affine,
           unstroked: bool) -> ElementTree.Element | None:
    """``element`` with ``affine`` applied to its points, or None if it keeps the
    transform (not a line or fill, a line whose width scales, a shape Qt does not write)."""
    if element.tag not in _GEOMETRY or len(element):
        return None
    if not unstroked and element.get("vector-effect") != "non-scaling-stroke":
        return None
    attributes = {k: v for k, v in element.attrib.items() if k != "vector-effect"}
    tag = element.tag.rpartition("}")[2]
    points = attributes.get("d" if tag == "path" else "points", "")
    if len(_NUMBER.findall(points)) % 2:
        return None
    if tag == "path":
        d = attributes["d"]
        if not set(re.findall(r"[A-Za-z]", _NUMBER.sub(" ", d))) <= _PAIRED_COMMANDS:
            return None
        attributes["d"] = _map_pairs(d, affine)
    elif tag in ("polyline", "polygon"):
        attributes["points"] = _map_pairs(attributes["points"], affine)
    else:  # rect: its corners, as a path (under a rotation or flip it is no longer one)
        if "rx" in attributes or "ry" in attributes:
            return None
        x, y, w, h = (float(attributes.pop(k, "0")) for k in ("x", "y", "width", "height"))
        attributes["d"] = _map_pairs(
            f"M{x},{y} L{x + w},{y} L{x + w},{y + h} L{x},{y + h} Z", affine)
        tag = "path"
    baked = ElementTree.Element(f"{{{_SVG_NS}}}{tag}", attributes)
    baked.tail = element.tail
    return baked


def _map_pairs(text: str, affine: _Affine) -> str:
    """``text`` with each (x, y) pair of numbers mapped through ``affine``."""
    a, b, c, d, e, f = affine
    numbers = iter(_NUMBER.finditer(text))
    out, end = [], 0
    for first in numbers:
        second = next(numbers)
        x, y = float(first.group()), float(second.group())
        out += [text[end:first.start()], _short(a * x + c * y + e),
                text[first.end():second.start()], _short(b * x + d * y + f)]
        end = second.end()
    out.append(text[end:])
    return "".join(out)


def _short(value: float) -> str:
    """A pixel coordinate to a thousandth of a pixel."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


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
    with _legends_scaled(item):
        exporter.export(str(path))
    if not path.exists():
        raise OSError(f"the exporter wrote nothing to {path}")
    return path


@contextmanager
def _legends_scaled(item: pg.PlotItem) -> Iterator[None]:
    """Let ``item``'s legends scale with the rest of the plot while it is exported.

    pyqtgraph's legend ignores the transformations of the views it is drawn in, so an image
    export wider than the screen (1600 px from a 600 px plot) scaled the title, ticks and
    curves 2.6× and drew the legend at screen size, near its scaled corner. Its parent, the
    view box, is not scaled on screen, so without the flag it lies where it lay."""
    flag = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
    legends = [child for child in item.scene().items()
               if isinstance(child, pg.LegendItem) and item.isAncestorOf(child)
               and child.flags() & flag]
    for legend in legends:
        legend.setFlag(flag, False)
    try:
        yield
    finally:
        for legend in legends:
            legend.setFlag(flag, True)


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


class TableCsvExporter(_ExporterWithoutSettings):
    """The right-click Export… dialog's CSV: the plot's own table (see
    :func:`set_table_source`), in place of pyqtgraph's CSVExporter, which names columns
    ``x0000``, ``y0000`` and drops bar charts."""

    Name = "CSV data"

    def export(self, fileName=None, toBytes=False, copy=False):
        # Say that there is nothing to write before asking where to write it.
        table = export_table(self.getScene().views()[0])
        if fileName is None:
            self.fileSaveDialog(filter=["*.csv"])
            return None
        write_table(table, fileName)
        return None
