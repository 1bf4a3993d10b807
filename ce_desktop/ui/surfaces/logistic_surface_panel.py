"""Loss surfaces of two-weight logistic regression: BCE beside MSE, and descent on both."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.core.jobs import Failed
from ce_desktop.core.surfaces import logistic
from ce_desktop.core.surfaces.logistic import TrainerDataJob, TwoFeatureData
from ce_desktop.core.training.config import LOSS_UNITS
from ce_desktop.ui.common import style
from ce_desktop.ui.common.axes import label_axis, plain_ticks
from ce_desktop.ui.common.formatting import format_number
from ce_desktop.ui.common.jobs import JobHandle
from ce_desktop.ui.common.language import translated
from ce_desktop.ui.common.plot_export import DataTable, quantity, set_table_source
from ce_desktop.ui.common.widgets import SmoothImageItem, number_box, push_button, set_contour

LOSS_KEYS = ("bce", "mse")
#: Rows drawn from this module's own data sets, and from the trainer's (before its 60 %
#: training split): a few hundred points keep a 101 × 101 grid at tens of milliseconds.
OWN_SAMPLES = 200
TRAINER_SAMPLES = 400
TRAINER_DATASETS = ("moons", "circles", "spiral")
DEFAULT_START = (-5.0, -3.0)
DEFAULT_EXTENT = 6.0
DEFAULT_RESOLUTION = 101
DEFAULT_LR = 1.0
DEFAULT_STEPS = 100
CONTOUR_COUNT = 7
#: The animation shows about this many frames whatever the number of steps.
ANIMATION_FRAMES = 120
FRAME_MS = 25
COLORMAP = "viridis"
POINT_SIZE = 7
#: Paths are white over a dark shadow: visible on both ends of the viridis map.
PATH_PEN = pg.mkPen("w", width=2)
PATH_SHADOW = pg.mkPen(style.TEXT, width=4)
#: Each loss's colour: its current point on its surface and its model's boundary on the data.
LOSS_COLORS = {"bce": style.KL_COLOR, "mse": style.WARNING}
#: How far from the origin (in data units) the arrows pointing to the class-1 side end.
ARROW_REACH = 0.7


def _labelled_row(fields: Sequence[tuple[str, QWidget]], *after: QWidget) -> QHBoxLayout:
    """A row of labelled ``fields`` a little apart, then the ``after`` widgets, left-aligned."""
    row = QHBoxLayout()
    for label, widget in fields:
        row.addWidget(QLabel(label))
        row.addWidget(widget)
        row.addSpacing(8)
    for widget in after:
        row.addWidget(widget)
    row.addStretch(1)
    return row


class LogisticSurfacePanel(QWidget):
    """BCE and MSE surfaces of p = σ(w₁x₁ + w₂x₂) over (w₁, w₂), the data, and descent."""

    status_message = Signal(str)
    data_changed = Signal()
    """The panel's data set was replaced (trainer data sets arrive from a thread)."""
    descent_changed = Signal()
    """A descent ended, or was cleared by a new w or new data (the lesson watches it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_job: JobHandle | None = None
        """Making one of the trainer's data sets, while it runs."""
        self.X = np.zeros((0, 2))
        self.y = np.zeros(0)
        self.w1_values = np.zeros(0)
        self.w2_values = np.zeros(0)
        #: Raw loss surfaces by loss, entry [i, j] at (w1_values[i], w2_values[j]).
        self.surfaces: dict[str, np.ndarray] = {}
        #: Full descent paths by loss, (steps + 1, 2); empty until "Descend from here".
        self.paths: dict[str, np.ndarray] = {}
        self._shown_steps = 0
        self._w = np.array(DEFAULT_START)
        self._lr_used = DEFAULT_LR
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._advance)
        self._titles = {
            "bce": self.tr("BCE (log loss) over (w₁, w₂)"),
            "mse": self.tr("MSE of σ(w·x) over (w₁, w₂)"),
            "data": self.tr("Data and decision boundary w·x = 0"),
        }

        controls = self._build_controls()
        plots = self._build_plots()

        self.readout = QLabel()
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)
        self.readout.setMinimumHeight(44)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.explanation = QLabel(self.tr(
            "Each pixel is one model p = σ(w₁x₁ + w₂x₂) (no bias), coloured by its mean loss "
            "on the data; both maps share one colour scale. BCE is convex: gradient descent "
            "reaches the good region from anywhere. MSE through a sigmoid flattens into plateaus "
            "where the model is confidently wrong (σ′ ≈ 0), and descent started there stalls. "
            "Click either map to choose w; arrows on the data point to the side each model "
            "calls class 1."
        ))
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet(f"color: {style.MUTED};")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(controls)
        layout.addLayout(plots, 1)
        layout.addWidget(self.readout)
        layout.addWidget(self.explanation)

        self.load_dataset()

    # --- construction --------------------------------------------------------------------

    def _build_controls(self) -> QVBoxLayout:
        self.dataset_combo = QComboBox()
        choices = (
            ("separable", self.tr("Separable")),
            ("noisy", self.tr("Noisy (overlapping)")),
            ("xor", self.tr("XOR")),
            ("moons", self.tr("Moons (trainer)")),
            ("circles", self.tr("Circles (trainer)")),
            ("spiral", self.tr("Spiral (trainer)")),
        )
        for key, label in choices:
            self.dataset_combo.addItem(label, key)
        self.dataset_combo.setToolTip(self.tr(
            "The two-class, two-feature data the losses are measured on. Separable and noisy "
            "classes sit on either side of a line through the origin; XOR, moons, circles and "
            "spiral cannot be split by any line."
        ))
        self.dataset_combo.currentIndexChanged.connect(lambda _index: self.load_dataset())

        self.seed_spin = number_box(
            0, 9999, 0, 1, self.tr("Random seed of the data set: another sample"),
            on_change=lambda: self.load_dataset())
        self.extent_spin = number_box(
            0.5, 50.0, DEFAULT_EXTENT, 1.0,
            self.tr("The weight grid runs from −this to +this in w₁ and in w₂"),
            decimals=1, prefix="± ", on_change=lambda: self.recompute())
        # 201 × 201 still redraws in about a quarter of a second on the GUI thread.
        self.resolution_spin = number_box(
            11, 201, DEFAULT_RESOLUTION, 10,
            self.tr("Grid points per axis; an odd number puts a point at w = 0"),
            on_change=lambda: self.recompute())

        self.log_check = QCheckBox(self.tr("Log colour scale"))
        self.log_check.setChecked(True)
        self.log_check.setToolTip(self.tr(
            "Colour by log₁₀ of the loss. On a linear scale BCE's large values of confidently "
            "wrong models use up the colours and MSE (at most 1) looks flat."
        ))
        self.log_check.toggled.connect(lambda _on: self._draw_surfaces())

        self.lr_spin = number_box(
            0.01, 50.0, DEFAULT_LR, 0.1,
            self.tr("Learning rate η of plain gradient descent: w ← w − η ∇L"), decimals=2)
        # Both paths are computed up front on the GUI thread: 2000 steps take ~75 ms.
        self.steps_spin = number_box(
            1, 2000, DEFAULT_STEPS, 50,
            self.tr("Number of full-batch gradient steps on each surface"))

        self.descend_button = push_button(
            self.tr("Descend from here"),
            self.tr("Run gradient descent from the chosen w on both surfaces at once, each on "
                    "its own loss"),
            lambda: self.descend(),
        )
        self.stop_button = push_button(
            self.tr("Stop"), self.tr("Stop the descent where it is"), self.stop_descent
        )
        self.stop_button.setEnabled(False)

        # Two rows, the data and the descent: in one the panel needed 1191 px of width.
        rows = QVBoxLayout()
        rows.addLayout(_labelled_row([
            (self.tr("Data:"), self.dataset_combo),
            (self.tr("Seed:"), self.seed_spin),
            (self.tr("Weights:"), self.extent_spin),
            (self.tr("Grid:"), self.resolution_spin),
        ], self.log_check))
        rows.addLayout(_labelled_row([
            (self.tr("Learning rate:"), self.lr_spin),
            (self.tr("Steps:"), self.steps_spin),
        ], self.descend_button, self.stop_button))
        return rows

    def _build_plots(self) -> QHBoxLayout:
        cmap = pg.colormap.get(COLORMAP)
        self.surface_plots: dict[str, pg.PlotWidget] = {}
        self.images: dict[str, pg.ImageItem] = {}
        self.contours: dict[str, list[pg.IsocurveItem]] = {}
        self.path_curves: dict[str, pg.PlotDataItem] = {}
        self.current_markers: dict[str, pg.ScatterPlotItem] = {}
        self.start_markers: dict[str, pg.ScatterPlotItem] = {}
        for loss in LOSS_KEYS:
            widget = pg.PlotWidget()
            widget.setToolTip(self.tr("Click to choose the model w = (w₁, w₂)"))
            plot = widget.getPlotItem()
            plot.setTitle(self._titles[loss])
            label_axis(plot.getAxis("bottom"), "w₁")
            label_axis(plot.getAxis("left"), "w₂")
            plot.setAspectLocked(True)
            plot.hideButtons()
            # Items are made once and refilled: new items per redraw would pile up.
            image = SmoothImageItem(axisOrder="col-major")
            image.setColorMap(cmap)
            image.setZValue(-10)
            plot.addItem(image)
            curves = []
            for _ in range(CONTOUR_COUNT):
                # As the image's child an isocurve shares its pixel coordinates.
                curve = pg.IsocurveItem(pen=pg.mkPen(255, 255, 255, 150, width=1),
                                        axisOrder="col-major")
                curve.setParentItem(image)
                curves.append(curve)
            path = pg.PlotDataItem(pen=PATH_PEN, shadowPen=PATH_SHADOW)
            plot.addItem(path)
            start = pg.ScatterPlotItem(
                size=12, symbol="o", brush=pg.mkBrush("w"), pen=pg.mkPen(style.TEXT, width=1.5)
            )
            plot.addItem(start)
            current = pg.ScatterPlotItem(
                size=11, symbol="o", brush=pg.mkBrush(LOSS_COLORS[loss]), pen=pg.mkPen("w")
            )
            plot.addItem(current)
            widget.scene().sigMouseClicked.connect(partial(self._on_surface_click, loss))
            self.surface_plots[loss] = widget
            self.images[loss] = image
            self.contours[loss] = curves
            self.path_curves[loss] = path
            self.start_markers[loss] = start
            self.current_markers[loss] = current

        # One bar for both images: it sets the same levels on each.
        self.color_bar_widget = pg.GraphicsLayoutWidget()
        self.color_bar_widget.setFixedWidth(78)
        self.color_bar_widget.setToolTip(self.tr("The colour scale shared by both surfaces"))
        self.color_bar = pg.ColorBarItem(colorMap=cmap, interactive=False, width=16)
        self.color_bar.setImageItem([self.images[loss] for loss in LOSS_KEYS])
        # Log values such as −0.6 must not turn into "−600 (×0.001)".
        plain_ticks(self.color_bar.axis)
        self.color_bar_widget.addItem(self.color_bar)

        self.data_plot = pg.PlotWidget()
        plot = self.data_plot.getPlotItem()
        plot.setTitle(self._titles["data"])
        label_axis(plot.getAxis("bottom"), "x₁")
        label_axis(plot.getAxis("left"), "x₂")
        plot.setAspectLocked(True)
        plot.hideButtons()
        legend = plot.addLegend(offset=(-4, 4), labelTextSize="8pt")
        legend.setBrush(pg.mkBrush(style.legend_brush(210)))
        self.scatters = []
        for c in (0, 1):
            scatter = pg.ScatterPlotItem(
                size=POINT_SIZE, brush=pg.mkBrush(style.class_color(c)),
                pen=pg.mkPen("w", width=0.8),
                name=self.tr("class {0}").format(c),
            )
            plot.addItem(scatter)
            self.scatters.append(scatter)
        self.boundary_curve = plot.plot(
            pen=pg.mkPen(style.TEXT, width=2.5), name=self.tr("chosen w")
        )
        self.descent_boundaries = {
            "bce": plot.plot(
                pen=pg.mkPen(LOSS_COLORS["bce"], width=2.5), name=self.tr("BCE descent")
            ),
            "mse": plot.plot(
                pen=pg.mkPen(LOSS_COLORS["mse"], width=2.5, style=Qt.PenStyle.DashLine),
                name=self.tr("MSE descent"),
            ),
        }
        # w and −w draw the same line; an arrow along w shows which side the model calls 1.
        self.arrows: dict[pg.PlotDataItem, pg.ArrowItem] = {}
        for curve, color in (
            (self.boundary_curve, style.TEXT),
            (self.descent_boundaries["bce"], LOSS_COLORS["bce"]),
            (self.descent_boundaries["mse"], LOSS_COLORS["mse"]),
        ):
            arrow = pg.ArrowItem(
                headLen=11, tipAngle=40, tailLen=22, tailWidth=2.5,
                brush=pg.mkBrush(color), pen=pg.mkPen(None),
            )
            arrow.setToolTip(self.tr("Points to the side this model predicts as class 1"))
            arrow.hide()
            plot.addItem(arrow)
            self.arrows[curve] = arrow

        for loss in LOSS_KEYS:
            set_table_source(self.surface_plots[loss], partial(self.surface_table, loss))
        set_table_source(self.data_plot, self.data_table)

        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(self.surface_plots["bce"], 1)
        row.addWidget(self.surface_plots["mse"], 1)
        row.addWidget(self.color_bar_widget)
        row.addWidget(self.data_plot, 1)
        return row

    # --- public API ----------------------------------------------------------------------

    def plots(self) -> dict[str, pg.PlotWidget]:
        """The panel's plots by title, for File → Export current plot."""
        return {
            self._titles["bce"]: self.surface_plots["bce"],
            self._titles["mse"]: self.surface_plots["mse"],
            self._titles["data"]: self.data_plot,
        }

    def surface_table(self, loss: str) -> DataTable | None:
        """``loss``'s surface as its CSV export writes it: one row per grid point, w₁, w₂
        and the mean loss there (the loss itself, also under the log colour scale), then
        the descent path drawn so far, step by step."""
        surface = self.surfaces.get(loss)
        if surface is None:
            return None
        # surface[i, j] is at (w1_values[i], w2_values[j]).
        w1, w2 = np.meshgrid(self.w1_values, self.w2_values, indexing="ij")
        table = DataTable.of({"w1": w1.ravel(), "w2": w2.ravel(),
                              quantity(loss, LOSS_UNITS[loss]): surface.ravel()})
        path = self.shown_path(loss)
        if len(path):
            table = table.joined(DataTable.of({
                "descent_step": np.arange(len(path)),
                "descent_w1": path[:, 0], "descent_w2": path[:, 1]}))
        return table

    def data_table(self) -> DataTable:
        """The data as the scatter shows them: x₁, x₂ and the class (0 or 1, as in the
        legend)."""
        return DataTable.of({"x1": self.X[:, 0], "x2": self.X[:, 1],
                             "class": self.y.astype(int)})

    def dataset_key(self) -> str:
        return str(self.dataset_combo.currentData())

    def selected_weights(self) -> tuple[float, float]:
        return float(self._w[0]), float(self._w[1])

    def load_dataset(self) -> None:
        """Load the data set chosen in the combo box with the chosen seed, and redraw."""
        key = self.dataset_key()
        seed = self.seed_spin.value()
        name = self.dataset_combo.currentText()
        if self.data_job is not None:
            self.data_job.cancel()  # the user has chosen something else meanwhile
        if key in logistic.DATASETS:
            X, y = logistic.make_data(key, seed=seed, n_samples=OWN_SAMPLES)
            self.set_data(X, y, name)
            return
        # The trainer's data sets need scikit-learn, which the window's process never
        # imports: they are made in the worker process.
        self.status_message.emit(self.tr("Loading {0}…").format(name))
        job = JobHandle(TrainerDataJob(key, seed, TRAINER_SAMPLES), name="logistic data")
        job.job_event.connect(lambda event: self._on_trainer_data(event, name))
        job.finished.connect(lambda: self._on_data_job_finished(job))
        self.data_job = job
        job.start()

    def _on_trainer_data(self, event: object, name: str) -> None:
        if isinstance(event, TwoFeatureData):
            self.set_data(event.X, event.y, name)
        elif isinstance(event, Failed):
            self.status_message.emit(self.tr("Could not make {0}: {1}").format(
                name, translated(event)))

    def _on_data_job_finished(self, job: JobHandle) -> None:
        if self.data_job is job:
            self.data_job = None

    def shutdown(self) -> bool:
        """Cancel a data set being made (window closing); True if nothing is left running."""
        return self.data_job is None or self.data_job.shutdown()

    def set_data(self, X: np.ndarray, y: np.ndarray, name: str = "") -> None:
        """Measure the losses on (X (n, 2), y (n,) of 0/1) instead; the chosen w stays."""
        self.X, self.y = logistic.check_xy(X, y)
        for c, scatter in enumerate(self.scatters):
            points = self.X[self.y == c]
            scatter.setData(x=points[:, 0], y=points[:, 1])
        xmin, xmax, ymin, ymax = self._data_box()
        self.data_plot.getPlotItem().setRange(
            xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0
        )
        self.recompute()
        self.status_message.emit(self.tr("Loss surfaces: {0}, {1} points").format(
            name or self.tr("custom data"), len(self.X)
        ))
        self.data_changed.emit()

    def recompute(self) -> None:
        """Evaluate both surfaces on the grid the controls describe, and redraw."""
        self._clear_descent()
        values = logistic.weight_grid(self.extent_spin.value(), self.resolution_spin.value())
        self.w1_values = values
        self.w2_values = values.copy()
        self.surfaces = logistic.loss_surfaces(self.X, self.y, self.w1_values, self.w2_values)
        self._draw_surfaces()
        for loss in LOSS_KEYS:
            self.surface_plots[loss].getPlotItem().setRange(
                xRange=(values[0], values[-1]), yRange=(values[0], values[-1]), padding=0.02
            )
        self.select_weights(*self._w)

    def displayed_surfaces(self) -> dict[str, np.ndarray]:
        """What the images show: the surfaces, or log10 of them under the log colour scale."""
        if self.log_check.isChecked():
            return {loss: logistic.log10_loss(s) for loss, s in self.surfaces.items()}
        return dict(self.surfaces)

    def select_weights(self, w1: float, w2: float) -> None:
        """Choose the model w = (w1, w2), as a click on either surface does."""
        self._clear_descent()
        self._w = np.array([float(w1), float(w2)])
        for loss in LOSS_KEYS:
            self.start_markers[loss].setData([w1], [w2])
        self._set_boundary(self.boundary_curve, self._w)
        self._update_readout()

    def descend(self, steps: int | None = None) -> None:
        """Start animating gradient descent from the chosen w on both surfaces."""
        steps = self.steps_spin.value() if steps is None else int(steps)
        self._clear_descent()
        self._lr_used = self.lr_spin.value()
        self.paths = {
            loss: logistic.gradient_descent(self.X, self.y, self._w, loss, self._lr_used, steps)
            for loss in LOSS_KEYS
        }
        self._shown_steps = 0
        self._draw_descent()
        self.stop_button.setEnabled(True)
        self._timer.start()

    def finish_descent(self) -> None:
        """Jump to the end of the running descent."""
        if not self.paths:
            return
        self._timer.stop()
        self._shown_steps = len(self.paths["bce"]) - 1
        self._draw_descent()
        self._descent_over()

    def stop_descent(self) -> None:
        """Stop the animation where it is; the readout reports that step."""
        self._timer.stop()
        self._descent_over()

    def is_descending(self) -> bool:
        return self._timer.isActive()

    def has_descended(self) -> bool:
        """Whether a descent has run to its last step and is on screen."""
        return bool(self.paths) and self._shown_steps == len(self.paths["bce"]) - 1

    def shown_path(self, loss: str) -> np.ndarray:
        """The part of ``loss``'s descent path drawn so far, (k + 1, 2); empty before any."""
        if not self.paths:
            return np.zeros((0, 2))
        return self.paths[loss][: self._shown_steps + 1]

    # --- drawing -------------------------------------------------------------------------

    def _draw_surfaces(self) -> None:
        if not self.surfaces:
            return
        shown = self.displayed_surfaces()
        low, high = logistic.shared_levels(*shown.values())
        values = self.w1_values
        step = values[1] - values[0]
        # Pixel centres on the grid points: pixel i spans w_i ± step/2.
        rect = QRectF(
            values[0] - step / 2, self.w2_values[0] - step / 2,
            step * len(values), step * len(self.w2_values),
        )
        levels = logistic.contour_levels(low, high, CONTOUR_COUNT)
        for loss in LOSS_KEYS:
            image = self.images[loss]
            image.setImage(shown[loss], autoLevels=False, levels=(low, high))
            image.setRect(rect)
            for curve, level in zip(self.contours[loss], levels, strict=True):
                set_contour(curve, shown[loss], float(level))
        self.color_bar.setLevels((low, high))
        axis = self.color_bar.axis
        if self.log_check.isChecked():
            # Ticks name the losses themselves, placed at their logarithms.
            ticks = [
                (math.log10(v), format_number(v, max(0, -math.floor(math.log10(v)))))
                for v in logistic.log_ticks(low, high)
            ]
            axis.setTicks([ticks])
            label_axis(axis, self.tr("loss (log scale)"))
        else:
            axis.setTicks(None)
            label_axis(axis, self.tr("loss"))

    def _data_box(self) -> tuple[float, float, float, float]:
        if not len(self.X):
            return (-1.0, 1.0, -1.0, 1.0)
        return logistic.data_bounds(self.X, margin=0.5)

    def _set_boundary(self, curve: pg.PlotDataItem, w: np.ndarray | None) -> None:
        """Draw the boundary of w (None: hide it) and its arrow to the class-1 side."""
        arrow = self.arrows[curve]
        ends = None if w is None else logistic.decision_boundary(w, self._data_box())
        direction = None if w is None else logistic.class_one_direction(w)
        if ends is None or direction is None:
            curve.setData([], [])
            arrow.hide()
            return
        curve.setData(ends[:, 0], ends[:, 1])
        # The arrow points along −x at angle 0 and turns clockwise on screen, where y is down.
        arrow.setStyle(angle=180.0 - math.degrees(math.atan2(direction[1], direction[0])))
        arrow.setPos(*(ARROW_REACH * direction))
        arrow.show()

    def _on_surface_click(self, loss: str, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        view_box = self.surface_plots[loss].getPlotItem().vb
        if not view_box.sceneBoundingRect().contains(event.scenePos()):
            return  # a click on an axis or the title
        point = view_box.mapSceneToView(event.scenePos())
        self.select_weights(point.x(), point.y())

    def _advance(self) -> None:
        last = len(self.paths["bce"]) - 1
        stride = max(1, math.ceil(last / ANIMATION_FRAMES))
        self._shown_steps = min(last, self._shown_steps + stride)
        self._draw_descent()
        if self._shown_steps >= last:
            self._timer.stop()
            self._descent_over()

    def _draw_descent(self) -> None:
        for loss in LOSS_KEYS:
            path = self.shown_path(loss)
            self.path_curves[loss].setData(path[:, 0], path[:, 1])
            self.current_markers[loss].setData([path[-1, 0]], [path[-1, 1]])
            self._set_boundary(self.descent_boundaries[loss], path[-1])
        self._update_readout()

    def _descent_over(self) -> None:
        self.stop_button.setEnabled(False)
        self.descent_changed.emit()
        if self.paths:
            self.status_message.emit(self.tr("Gradient descent: {0} steps on each surface").format(
                self._shown_steps
            ))

    def _clear_descent(self) -> None:
        self._timer.stop()
        had_path = bool(self.paths)
        self.paths = {}
        self._shown_steps = 0
        self.stop_button.setEnabled(False)
        for loss in LOSS_KEYS:
            self.path_curves[loss].setData([], [])
            self.current_markers[loss].setData([], [])
            self._set_boundary(self.descent_boundaries[loss], None)
        if had_path:
            self.descent_changed.emit()

    def _update_readout(self) -> None:
        if not len(self.X):
            return
        w = self._w
        lines = [self.tr(
            "<b>w = ({0}, {1})</b>: BCE {2} nats, MSE {3}, accuracy {4} %; slope there "
            "|∇BCE| {5}, |∇MSE| {6}"
        ).format(
            format_number(w[0], 2), format_number(w[1], 2),
            format_number(logistic.loss_value(self.X, self.y, w, "bce")),
            format_number(logistic.loss_value(self.X, self.y, w, "mse")),
            format_number(100 * logistic.accuracy(self.X, self.y, w), 1),
            format_number(float(np.linalg.norm(logistic.loss_gradient(self.X, self.y, w, "bce")))),
            format_number(float(np.linalg.norm(logistic.loss_gradient(self.X, self.y, w, "mse")))),
        )]
        if self.paths:
            lines.append(self.tr("After {0} of {1} steps at learning rate {2}:").format(
                self._shown_steps, len(self.paths["bce"]) - 1, format_number(self._lr_used, 2)
            ))
            parts = []
            for loss, name, unit in (("bce", "BCE", self.tr(" nats")), ("mse", "MSE", "")):
                end = self.paths[loss][self._shown_steps]
                parts.append(self.tr(
                    "<span style='color:{0}'><b>{1}</b></span> is at ({2}, {3}): {1} {4}{5}, "
                    "accuracy {6} %"
                ).format(
                    LOSS_COLORS[loss], name, format_number(end[0], 2), format_number(end[1], 2),
                    format_number(logistic.loss_value(self.X, self.y, end, loss)),
                    html.escape(unit),
                    format_number(100 * logistic.accuracy(self.X, self.y, end), 1),
                ))
            lines[-1] += " " + "; ".join(parts)
        self.readout.setText("<br>".join(lines))
