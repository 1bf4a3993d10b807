"""Saving a plot as PNG, SVG or CSV with pyqtgraph's own exporters."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters as exporters

#: File-dialog filters, in the order offered.
EXPORT_FILTERS = {
    ".png": "PNG image (*.png)",
    ".svg": "SVG vector image (*.svg)",
    ".csv": "CSV data (*.csv)",
}
PNG_EXPORT_WIDTH = 1600


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
        exporter = exporters.SVGExporter(item)
    elif suffix == ".csv":
        exporter = exporters.CSVExporter(item)
    else:
        raise ValueError(f"cannot export to '{suffix or path.name}': use .png, .svg or .csv")
    exporter.export(str(path))
    if not path.exists():
        raise OSError(f"the exporter wrote nothing to {path}")
    return path
