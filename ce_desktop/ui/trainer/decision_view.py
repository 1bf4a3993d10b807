"""The decision boundary of a two-feature classifier over its training points."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

# decision imports torch only inside decision_grid, so this costs no torch import.
from ce_desktop.core.training.decision import grid_bounds
from ce_desktop.ui.common import style
from ce_desktop.ui.common.axes import label_axis
from ce_desktop.ui.common.plot_export import DataTable, set_table_source
from ce_desktop.ui.common.widgets import SmoothImageItem

if TYPE_CHECKING:
    from ce_desktop.core.training.decision import DecisionGrid

#: How far a fully confident background pixel goes from white towards its class colour;
#: below 1 so that points of the same class stay visible on their own region.
MAX_TINT = 0.5
POINT_SIZE = 7
BOUNDARY_PEN_WIDTH = 2.0
HINT_WIDTH_PX = 340


def class_color_image(predicted: np.ndarray, confidence: np.ndarray, n_classes: int) -> np.ndarray:
    """RGBA uint8 (ny, nx, 4): each pixel its class colour, faded to white as confidence → 1/K."""
    palette = np.array(
        [QColor(style.class_color(k)).getRgb()[:3] for k in range(n_classes)], dtype=np.float32
    )
    chance = 1.0 / n_classes
    # 0 where the model is no better than chance (confidence 1/K), 1 where it is certain.
    strength = np.clip((confidence - chance) / (1.0 - chance), 0.0, 1.0)
    # A diverged model's NaNs would otherwise turn into arbitrary bytes.
    strength = np.nan_to_num(strength, nan=0.0).astype(np.float32) * MAX_TINT
    # Faded towards the plot's ground: white, or the dark ground in dark mode.
    paper = np.array(QColor(style.PAPER).getRgb()[:3], dtype=np.float32)
    rgb = paper - strength[..., None] * (paper - palette[predicted])
    image = np.empty((*predicted.shape, 4), dtype=np.uint8)
    image[..., :3] = np.rint(rgb)
    image[..., 3] = 255
    return image


class DecisionView(QWidget):
    """Training points coloured by class over the model's decision regions."""

    point_chosen = Signal(float, float)
    """A click on the plot, where the view has points: its (x₁, x₂)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._extent: tuple[float, float, float, float] | None = None
        #: What is drawn, for the CSV export: the points, their class names, the regions.
        self._points: tuple[np.ndarray, np.ndarray] | None = None
        self._class_names: tuple[str, ...] = ()
        self._grid: DecisionGrid | None = None

        self.plot_widget = pg.PlotWidget()
        plot = self.plot_widget.getPlotItem()
        plot.setTitle(self.tr("Decision boundary"))
        label_axis(plot.getAxis("bottom"), "x₁")
        label_axis(plot.getAxis("left"), "x₂")
        plot.setAspectLocked(True)
        self.legend = plot.addLegend(offset=(-4, 4), labelTextSize="8pt")
        self.legend.setBrush(pg.mkBrush(style.legend_brush()))

        # Items are created here once and only refilled later: a new item per epoch
        # would pile up in the scene and slow every repaint.
        self.image_item = SmoothImageItem(axisOrder="row-major")
        self.image_item.setZValue(-10)
        plot.addItem(self.image_item)
        # As the image's child the isocurve shares its pixel coordinates: pyqtgraph puts
        # sample [i, j] at pixel centre (j + ½, i + ½), exactly where the image draws it.
        self.isocurve = pg.IsocurveItem(
            level=0.5, pen=pg.mkPen(style.TEXT, width=BOUNDARY_PEN_WIDTH), axisOrder="row-major"
        )
        self.isocurve.setParentItem(self.image_item)
        self.scatter = pg.ScatterPlotItem(size=POINT_SIZE, pen=pg.mkPen("w", width=0.8))
        plot.addItem(self.scatter)
        # The test sample whose card a click opened: a ring around where it lies.
        self.chosen_marker = pg.ScatterPlotItem(
            size=POINT_SIZE + 9, symbol="o", brush=None, pen=pg.mkPen(style.TEXT, width=2.5))
        plot.addItem(self.chosen_marker)
        self.hint = pg.TextItem(anchor=(0.5, 0.5), color=style.MUTED)
        self.hint.setTextWidth(HINT_WIDTH_PX)
        plot.addItem(self.hint)
        self.expect_two_features(False)
        self._legend_samples: list[pg.ScatterPlotItem] = []
        set_table_source(self.plot_widget, self.table)
        self.plot_widget.scene().sigMouseClicked.connect(self._on_click)
        self.plot_widget.setToolTip(self.tr(
            "After a run, click beside a point to open the card of the nearest test sample"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self.clear()

    # --- public API ----------------------------------------------------------------------

    def set_data(self, X: np.ndarray, y: np.ndarray, class_names: Sequence[str]) -> None:
        """Show the points X (n, 2) with labels y in 0..K−1; K = len(class_names)."""
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.int64)
        if X.ndim != 2 or X.shape[1] != 2:
            raise ValueError(
                f"the decision boundary needs a data set with two features; X has shape {X.shape}"
            )
        if y.shape != (X.shape[0],):
            raise ValueError(f"y has shape {y.shape}; expected ({X.shape[0]},)")
        k = len(class_names)
        if y.size and (y.min() < 0 or y.max() >= k):
            raise ValueError(f"labels must lie in 0..{k - 1}")

        brushes = np.empty(k, dtype=object)
        brushes[:] = [pg.mkBrush(style.class_color(c)) for c in range(k)]
        self.scatter.setData(x=X[:, 0], y=X[:, 1], brush=brushes[y])
        self._points = (X, y)
        self._class_names = tuple(str(name) for name in class_names)
        self._rebuild_legend(class_names)
        self.hint.hide()
        self._clear_grid()
        if len(X):
            self._show_range(grid_bounds(X))

    def show_grid(self, grid: DecisionGrid) -> None:
        """Colour the background by ``grid``'s predicted class; cheap enough for every epoch."""
        k = grid.n_classes
        self.image_item.setImage(
            class_color_image(grid.predicted(), grid.confidence(), k), autoLevels=False
        )
        extent = grid.extent()
        left, right, bottom, top = extent
        self.image_item.setRect(QRectF(left, bottom, right - left, top - bottom))
        self.image_item.show()
        self._grid = grid
        if k == 2:
            self.isocurve.setData(grid.probabilities[:, :, 1], level=0.5)
            self.isocurve.show()
        else:
            # Several classes meet along many curves; the colour changes show them.
            self.isocurve.setData(None)
            self.isocurve.hide()
        self.hint.hide()
        # Re-frame only for a new area, so a user's zoom survives epoch after epoch.
        if extent != self._extent:
            self._extent = extent
            self._show_range(extent)

    def mark_sample(self, point: tuple[float, float] | None) -> None:
        """Ring the test sample at ``point`` (None: no ring)."""
        if point is None:
            self.chosen_marker.clear()
        else:
            self.chosen_marker.setData(x=[point[0]], y=[point[1]])

    def marked_sample(self) -> tuple[float, float] | None:
        x, y = self.chosen_marker.getData()
        return (float(x[0]), float(y[0])) if len(x) else None

    def expect_two_features(self, two_features: bool) -> None:
        """Say what the empty view will show: the next run's boundary, when the chosen
        data have two features, or for which data sets it is drawn."""
        hint = (self.tr("Start a run: its decision boundary is drawn here as it learns.")
                if two_features else self.tr(
                    "The decision boundary is drawn for two-feature data sets "
                    "(moons, circles, XOR, spiral, blobs)."))
        self.hint.setHtml(f"<div style='text-align:center'>{html.escape(hint)}</div>")

    def clear(self) -> None:
        """Remove points, regions and legend, and show the hint again."""
        self.scatter.clear()
        self.chosen_marker.clear()
        self._points = None
        self._class_names = ()
        self._rebuild_legend(())
        self._clear_grid()
        self.hint.setPos(0.0, 0.0)
        self.hint.show()
        self._show_range((-1.0, 1.0, -1.0, 1.0))

    def plots(self) -> dict[str, pg.PlotWidget]:
        """The view's plots by title, for File → Export current plot."""
        return {self.tr("Decision boundary"): self.plot_widget}

    def table(self) -> DataTable | None:
        """The view as its CSV export writes it: each training point (x₁, x₂ and its class,
        named as in the legend), then each grid point of the regions with the class the
        model predicts there and its probability (how strongly the region is tinted)."""
        columns: dict[str, np.ndarray] = {}
        if self._points is not None:
            X, y = self._points
            # set_data checked that every label names one of the classes.
            columns |= {"x1": X[:, 0], "x2": X[:, 1], "class": self._names(0)[y]}
        grid = self._grid
        if grid is not None:
            # probabilities[i, j] is at (xs[j], ys[i]).
            x1, x2 = np.meshgrid(grid.xs, grid.ys)
            columns |= {"grid_x1": x1.ravel(), "grid_x2": x2.ravel(),
                        "predicted_class": self._names(grid.n_classes)[grid.predicted()].ravel(),
                        "confidence": grid.confidence().ravel()}
        return DataTable.of(columns) if columns else None

    def _on_click(self, event) -> None:
        if self._points is None:
            return
        point = self.plot_widget.getPlotItem().vb.mapSceneToView(event.scenePos())
        self.point_chosen.emit(float(point.x()), float(point.y()))

    def _names(self, k: int) -> np.ndarray:
        """The class names shown in the legend, and the indices of any more of ``k``
        classes (a grid that arrives before its points)."""
        names = list(self._class_names)
        names += [str(c) for c in range(len(names), k)]
        return np.array(names, dtype=object)

    # --- drawing -------------------------------------------------------------------------

    def _clear_grid(self) -> None:
        self._grid = None
        self.image_item.clear()
        self.image_item.hide()
        self.isocurve.setData(None)
        self.isocurve.hide()
        self._extent = None

    def _rebuild_legend(self, class_names: Sequence[str]) -> None:
        self.legend.clear()
        # Legend samples are never added to the plot; they only lend the legend their style.
        self._legend_samples = []
        for c, name in enumerate(class_names):
            # A ScatterPlotItem, not a PlotDataItem: the legend reads a PlotDataItem's symbol
            # style from its inner scatter, which stays at the defaults until data arrive.
            sample = pg.ScatterPlotItem(
                symbol="o", size=POINT_SIZE + 1, brush=style.class_color(c),
                pen=pg.mkPen("w", width=0.8),
            )
            # Legend labels are HTML; a CSV class may be called "<50K".
            self.legend.addItem(sample, self.tr("class {0}").format(html.escape(str(name))))
            self._legend_samples.append(sample)
        self.legend.setVisible(bool(class_names))

    def _show_range(self, bounds: tuple[float, float, float, float]) -> None:
        xmin, xmax, ymin, ymax = bounds
        self.plot_widget.getPlotItem().setRange(
            xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0
        )
