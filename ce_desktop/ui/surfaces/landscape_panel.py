"""The trained network's loss landscape: a 2-D map (and 3-D surface) around its final
weights, the training path on a PCA plane, and the interpolation from its initial weights."""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.core.jobs import Failed
from ce_desktop.core.landscape.events import (
    GridUpdate,
    Interpolation,
    LandscapeEnded,
    PlaneReady,
)
from ce_desktop.core.landscape.job import GRID_SIZES, LandscapeJob, LandscapeSettings, RunSource
from ce_desktop.core.training.config import LOSS_UNITS as LOSS_UNIT_NAMES
from ce_desktop.ui.common import style
from ce_desktop.ui.common.axes import label_axis
from ce_desktop.ui.common.formatting import format_number
from ce_desktop.ui.common.jobs import JobHandle
from ce_desktop.ui.common.language import translated
from ce_desktop.ui.common.plot_export import DataTable, quantity, set_table_source
from ce_desktop.ui.common.session import Session
from ce_desktop.ui.common.widgets import (
    ProgressBar,
    SmoothImageItem,
    push_button,
    set_contour,
    show_every_choice_whole,
)

#: The trainer's last run, or None.
LastRun = Callable[[], "RunSource | None"]
CONTOUR_COUNT = 7
#: How much of a picture shows through once the controls no longer match it.
STALE_OPACITY = 0.35
COLOR_MAP = "viridis"
#: What the loss axis says for each criterion: cross-entropies are in nats, MSE is not.
#: Shown through tr() (context "LandscapePanel"), like PCA_NOTE.
LOSS_UNITS = {"bce": QT_TRANSLATE_NOOP("LandscapePanel", "BCE (nats)"),
              "bce_logits": QT_TRANSLATE_NOOP("LandscapePanel", "BCE (nats)"),
              "ce": QT_TRANSLATE_NOOP("LandscapePanel", "cross-entropy (nats)"),
              "mse": QT_TRANSLATE_NOOP("LandscapePanel", "MSE")}
PCA_NOTE = QT_TRANSLATE_NOOP(
    "LandscapePanel",
    "A PCA plane is fitted to this run's own path, so it differs from run to run: compare "
    "runs on fixed random directions (same seed), not on each one's PCA plane."
)


def opengl_unavailable_reason() -> str | None:
    """Why the 3-D view cannot be shown here, or None when it can."""
    from PySide6.QtGui import QGuiApplication, QOpenGLContext

    platform = QGuiApplication.platformName()
    if platform in ("offscreen", "minimal"):
        return QCoreApplication.translate(
            "LandscapePanel", "The 3-D view needs OpenGL, which the '{0}' display does not "
            "provide. The 2-D map shows the same numbers.").format(platform)
    try:
        import pyqtgraph.opengl  # noqa: F401
    except Exception as error:  # PyOpenGL missing or broken
        return QCoreApplication.translate(
            "LandscapePanel", "The 3-D view needs PyOpenGL, which could not be loaded ({0})."
        ).format(error)
    context = QOpenGLContext()
    if not context.create():
        return QCoreApplication.translate(
            "LandscapePanel",
            "The 3-D view needs OpenGL, and no OpenGL context could be created here.")
    return None


class LandscapePanel(QWidget):
    """Controls on the left; map and 3-D surface in the middle; interpolation on the right."""

    status_message = Signal(str)
    computation_finished = Signal(bool)
    """Emitted when a computation ends: True if complete, False if stopped or failed."""

    def __init__(self, store=None, last_run: LastRun | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._last_run = last_run or (lambda: None)
        self.job: JobHandle | None = None
        self._job_key = ""
        #: The run whose initial-to-final interpolation is drawn, if any.
        self._interpolation_key: str | None = None
        self._interpolation: Interpolation | None = None
        self._plane = None
        self._values: np.ndarray | None = None
        self._stride = 1
        self._started_at = 0.0
        self._loss_unit = self.tr("loss")
        #: The unit of the computed run's loss ("nats", or "" for MSE), for the exports.
        self._loss_unit_name = ""
        self._split_name = ""
        self._finished_state: bool | None = None
        self._computed_settings: LandscapeSettings | None = None
        self._stale_shown = False
        self.gl_view = None
        self.gl_surface = None

        layout = QHBoxLayout(self)
        layout.addWidget(self._build_controls())
        self.view_tabs = QTabWidget()
        self.view_tabs.addTab(self._build_map(), self.tr("2-D map"))
        self.surface_page = QWidget()
        QVBoxLayout(self.surface_page)
        self.view_tabs.addTab(self.surface_page, self.tr("3-D surface"))
        self.view_tabs.currentChanged.connect(self._on_view_changed)
        layout.addWidget(self.view_tabs, 3)
        layout.addWidget(self._build_interpolation(), 2)
        set_table_source(self.map_plot, self.map_table)
        set_table_source(self.interp_plot, self.interpolation_table)
        self._on_plane_changed()
        self.refresh_sources()
        for combo in (self.source_combo, self.plane_combo, self.split_combo, self.size_combo):
            combo.currentIndexChanged.connect(self._mark_if_stale)
        for box in (self.span_spin, self.seed_spin):
            box.valueChanged.connect(self._mark_if_stale)
        self.biases_check.toggled.connect(self._mark_if_stale)

    # --- construction --------------------------------------------------------------------

    def _build_controls(self) -> QWidget:
        box = QGroupBox(self.tr("Landscape of a trained network"))
        form = QFormLayout()
        self.source_combo = QComboBox()
        self.source_combo.setToolTip(self.tr(
            "The trained run whose weights are the centre of the landscape: the trainer's "
            "last run or any stored run"))
        form.addRow(self.tr("Run"), self.source_combo)
        self.plane_combo = QComboBox()
        self.plane_combo.addItem(self.tr("Random (filter-normalised)"), "random")
        self.plane_combo.addItem(self.tr("PCA of the training path"), "pca")
        self.plane_combo.setToolTip(self.tr(
            "Random: two Gaussian directions, each row rescaled to its weights' norm (Li et "
            "al. 2018). PCA: the two directions the training path moved along most, with "
            "the path drawn on the map"))
        self.plane_combo.currentIndexChanged.connect(self._on_plane_changed)
        # Its longest choice was cut to "Random (filter-normalised" in a 1024 px window.
        show_every_choice_whole(self.plane_combo)
        form.addRow(self.tr("Plane"), self.plane_combo)
        self.split_combo = QComboBox()
        self.split_combo.addItem(self.tr("Training set"), "train")
        self.split_combo.addItem(self.tr("Validation set"), "val")
        self.split_combo.setToolTip(self.tr("The samples the loss is averaged over"))
        form.addRow(self.tr("Loss on"), self.split_combo)
        self.size_combo = QComboBox()
        for size in GRID_SIZES:
            self.size_combo.addItem(f"{size} × {size}", size)
        self.size_combo.setCurrentIndex(GRID_SIZES.index(31))
        self.size_combo.setToolTip(self.tr(
            "Grid points per side. A coarse grid appears first and is refined in place"))
        form.addRow(self.tr("Grid"), self.size_combo)
        # The panel is 300 px wide: long names (a stored run's) are elided in the box and
        # shown whole in its list.
        for combo in (self.source_combo, self.plane_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.span_spin = QDoubleSpinBox()
        self.span_spin.setRange(0.05, 20.0)
        self.span_spin.setSingleStep(0.25)
        self.span_spin.setValue(1.0)
        self.span_spin.setPrefix("± ")
        self.span_spin.setToolTip(self.tr(
            "How far the map reaches along each random direction; 1 is a step as long as "
            "the weights themselves, filter by filter"))
        form.addRow(self.tr("Range"), self.span_spin)
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2**31 - 1)
        self.seed_spin.setToolTip(self.tr(
            "Seed of the random directions: the same seed gives the same directions, so "
            "two runs of one architecture can be compared"))
        form.addRow(self.tr("Direction seed"), self.seed_spin)
        self.biases_check = QCheckBox(self.tr("Move biases too"))
        self.biases_check.setToolTip(self.tr(
            "Off (as Li et al.): biases stay at their trained values. On: they get a random "
            "direction scaled to their norm"))
        form.addRow("", self.biases_check)
        self.log_check = QCheckBox(self.tr("Log colour scale"))
        self.log_check.setToolTip(self.tr("Colour by log₁₀ of the loss, to see the valley "
                                          "floor next to high walls"))
        self.log_check.toggled.connect(self._redraw_map)
        form.addRow("", self.log_check)

        self.compute_button = push_button(self.tr("Compute"), self.tr(
            "Compute the landscape in the background; the window stays usable"), self.compute)
        self.cancel_button = push_button(self.tr("Cancel"), self.tr(
            "Stop the computation; what is already drawn stays"), self.cancel)
        self.cancel_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compute_button)
        buttons.addWidget(self.cancel_button)
        self.progress_bar = ProgressBar()
        self.progress_bar.setToolTip(self.tr("Grid points evaluated"))
        self.progress_bar.setFormat("%v / %m")
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setTextFormat(Qt.TextFormat.RichText)
        self.info_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.info_label.setFont(style.small_font())

        column = QVBoxLayout(box)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self.progress_bar)
        column.addWidget(self.info_label, 1)
        # Wide enough for the form's longest choice, in either language.
        margins = column.contentsMargins()
        box.setFixedWidth(max(300, form.sizeHint().width() + margins.left() + margins.right()))
        return box

    def _build_map(self) -> QWidget:
        self.map_plot = pg.PlotWidget()
        plot = self.map_plot.getPlotItem()
        plot.setAspectLocked(False)
        plot.showGrid(x=False, y=False)
        # Smooth scaling: pixel centres are the grid points, so a coarse level already
        # reads as a surface rather than as blocks.
        self.image = SmoothImageItem(axisOrder="col-major")
        self.color_map = pg.colormap.get(COLOR_MAP)
        self.image.setColorMap(self.color_map)
        plot.addItem(self.image)
        self.color_bar = pg.ColorBarItem(colorMap=self.color_map, interactive=False, width=14)
        self.color_bar.setImageItem(self.image, insert_in=plot)
        label_axis(self.color_bar.getAxis("left"), self.tr("loss (nats)"))
        self.contours = []
        for _ in range(CONTOUR_COUNT):
            contour = pg.IsocurveItem(pen=pg.mkPen((255, 255, 255, 150), width=1))
            contour.setParentItem(self.image)
            self.contours.append(contour)
        self.path_curve = pg.PlotDataItem(
            pen=pg.mkPen(style.Q_COLOR, width=2), symbol="o", symbolSize=5,
            symbolBrush=pg.mkBrush(style.Q_COLOR), symbolPen=None,
        )
        self.path_curve.setZValue(10)
        plot.addItem(self.path_curve)
        self.start_marker = pg.ScatterPlotItem(size=12, symbol="t1", brush=pg.mkBrush("w"),
                                               pen=pg.mkPen(style.Q_COLOR, width=2))
        self.end_marker = pg.ScatterPlotItem(size=16, symbol="star",
                                             brush=pg.mkBrush(style.WARNING),
                                             pen=pg.mkPen("w", width=1))
        for marker in (self.start_marker, self.end_marker):
            marker.setZValue(11)
            plot.addItem(marker)
        self.hover_label = QLabel(" ")
        self.hover_label.setFont(style.small_font())
        self.map_plot.scene().sigMouseMoved.connect(self._on_map_hover)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.map_plot, 1)
        column.addWidget(self.hover_label)
        return page

    def _build_interpolation(self) -> QWidget:
        self.interp_plot = pg.PlotWidget()
        plot = self.interp_plot.getPlotItem()
        plot.setTitle(self.tr("From the initial to the final weights"), size="10pt")
        label_axis(plot.getAxis("bottom"), self.tr("t   in   (1 − t)·θ_initial + t·θ_final"))
        label_axis(plot.getAxis("left"), self.tr("loss (nats)"))
        style.faint_grid(plot)
        # Bottom left: the curve starts high at t = 0 and ends low at t = 1.
        plot.addLegend(offset=(10, -10), labelTextSize="8pt")
        self.interp_train = plot.plot(pen=pg.mkPen(style.P_COLOR, width=2),
                                      name=self.tr("training"))
        self.interp_val = plot.plot(pen=pg.mkPen(style.Q_COLOR, width=2),
                                    name=self.tr("validation"))
        dashed = pg.mkPen(style.MUTED, style=Qt.PenStyle.DashLine)
        for t, text in ((0.0, self.tr("initial")), (1.0, self.tr("final"))):
            line = pg.InfiniteLine(t, angle=90, pen=dashed, label=text,
                                   labelOpts={"position": 0.55, "color": style.MUTED})
            plot.addItem(line)
        note = QLabel(self.tr(
            "Goodfellow et al. (2015): the loss along the straight line between the network "
            "before and after training. A smooth descent with no bump means the optimiser "
            "had an easy valley to follow, even though it walked a curved path."))
        note.setWordWrap(True)
        note.setFont(style.small_font())
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.interp_plot, 1)
        column.addWidget(note)
        return page

    # --- sources -------------------------------------------------------------------------

    def refresh_sources(self) -> None:
        """List the trainer's last run and every stored run that kept its weights."""
        current = self.source_combo.currentData()
        self.source_combo.clear()
        last = self._last_run()
        if last is not None:
            self.source_combo.addItem(self.tr("Trainer's last run ({0})").format(last.label),
                                      "last")
        if self.store is not None:
            try:
                runs = self.store.runs()
            except Exception as error:  # a broken store must not break the tab
                self.status_message.emit(self.tr("Could not read stored runs: {0}").format(error))
                runs = []
            for run in runs:
                if run.epochs and run.status != "running":
                    epochs = (self.tr("1 epoch") if run.epochs == 1
                              else self.tr("{0} epochs").format(run.epochs))
                    self.source_combo.addItem(
                        self.tr("{0} — {1}, {2}").format(
                            run.name, run.config.get("dataset", "?"), epochs),
                        f"run:{run.id}")
        if self.source_combo.count() == 0:
            # The box says what there is; the line below it, where there is room, what to do.
            self.source_combo.addItem(self.tr("No trained run yet"), None)
            if self.job is None and self._plane is None and not self.info_label.text():
                self.info_label.setText(self.tr(
                    "Train a run in the Trainer tab: it appears here, and Compute draws the "
                    "loss around its final weights."))
        view = self.source_combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth())
        index = self.source_combo.findData(current)
        if index >= 0:
            self.source_combo.setCurrentIndex(index)
        self._update_buttons()
        self._mark_if_stale()

    # --- staleness -------------------------------------------------------------------------

    def _chosen_key(self) -> str | None:
        """The cache key of the run chosen now (None if there is none)."""
        choice = self.source_combo.currentData()
        if choice == "last":
            last = self._last_run()
            return last.key if last is not None else None
        return choice

    def is_stale(self) -> bool:
        """True when the picture shown was computed for another run or other settings."""
        if self.job is not None or self._plane is None:
            return False
        return (self._chosen_key() != self._job_key
                or self.settings() != self._computed_settings)

    def _mark_if_stale(self, *_args) -> None:
        """Dim a picture that no longer matches the controls, and say so."""
        stale = self.is_stale()
        self.map_plot.getPlotItem().getViewBox().setOpacity(STALE_OPACITY if stale else 1.0)
        if stale != self._stale_shown:
            self._stale_shown = stale
            self._show_info()

    def _resolve_source(self) -> RunSource:
        """The chosen run."""
        choice = self.source_combo.currentData()
        if choice == "last":
            last = self._last_run()
            if last is None:
                raise ValueError(self.tr("The trainer has no finished run any more"))
            return last
        if isinstance(choice, str) and choice.startswith("run:"):
            from ce_desktop.core.training.config import TrainConfig

            run_id = int(choice.split(":", 1)[1])
            summary = self.store.run(run_id)
            return RunSource(choice, TrainConfig.from_dict(summary.config),
                             self.store.parameters(run_id), summary.name)
        raise ValueError(self.tr("Train a run in the Trainer tab first"))

    # --- computing -----------------------------------------------------------------------

    def settings(self) -> LandscapeSettings:
        return LandscapeSettings(
            plane=self.plane_combo.currentData(), size=self.size_combo.currentData(),
            span=self.span_spin.value(), split=self.split_combo.currentData(),
            include_biases=self.biases_check.isChecked(), seed=self.seed_spin.value(),
        )

    # --- remembered settings ---------------------------------------------------------------

    settings_group = "landscape"
    settings_version = 1

    def save_settings(self, session: Session) -> None:
        session.set("landscape/settings", dataclasses.asdict(self.settings()))
        session.set("landscape/log_scale", self.log_check.isChecked())

    def restore_settings(self, session: Session, version: int) -> None:
        stored = session.mapping("landscape/settings")
        if stored is not None:
            try:
                settings = LandscapeSettings(**stored)
                settings.validate()
            except (ValueError, TypeError):
                settings = None
            if settings is not None:
                self.set_settings(settings)
        log_scale = session.flag("landscape/log_scale")
        if log_scale is not None:
            self.log_check.setChecked(log_scale)

    def reset_settings(self) -> None:
        self.set_settings(LandscapeSettings())
        self.log_check.setChecked(False)

    def set_settings(self, settings: LandscapeSettings) -> None:
        """Show ``settings`` in the controls (a grid size not offered keeps the current one)."""
        for combo, value in ((self.plane_combo, settings.plane),
                             (self.size_combo, settings.size),
                             (self.split_combo, settings.split)):
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)
        self.span_spin.setValue(settings.span)
        self.seed_spin.setValue(settings.seed)
        self.biases_check.setChecked(settings.include_biases)

    def is_running(self) -> bool:
        return self.job is not None

    def compute(self) -> bool:
        """Start computing the chosen run's landscape; False (with a message) if it cannot."""
        if self.job is not None:
            return False
        try:
            source = self._resolve_source()
            settings = self.settings()
            settings.validate()
        except KeyError as error:  # the run was deleted since the list was filled
            self._show_error(translated(error.args[0]) if error.args else str(error))
            self.refresh_sources()
            return False
        except Exception as error:  # bad store rows, configs from elsewhere, …
            self._show_error(translated(error))
            return False
        loss = source.config.loss
        self._loss_unit = self.tr(LOSS_UNITS[loss]) if loss in LOSS_UNITS else self.tr("loss")
        self._loss_unit_name = LOSS_UNIT_NAMES.get(loss, "")
        self._split_name = self.split_combo.currentText().lower()
        # The interpolation depends on the run alone: a new plane, grid or split keeps it.
        self._clear_pictures(keep_interpolation=source.key == self._interpolation_key)
        self._computed_settings = settings
        self.job = JobHandle(LandscapeJob(source, settings), name="landscape")
        self._job_key = source.key
        self.job.job_event.connect(self._on_event)
        self.job.finished.connect(self._on_done)
        self.progress_bar.setRange(0, settings.size * settings.size)
        self.progress_bar.setValue(0)
        self.info_label.setText(self.tr("Preparing {0}…").format(source.label))
        self._started_at = time.monotonic()
        self._finished_state = None
        self.job.start()
        self._update_buttons()
        return True

    def _clear_pictures(self, keep_interpolation: bool = False) -> None:
        """Forget the last computation's pictures: none may sit next to a new run's."""
        self._stale_shown = False
        self.map_plot.getPlotItem().getViewBox().setOpacity(1.0)
        self._plane = None
        self._values = None
        self.image.clear()
        for contour in self.contours:
            contour.setData(None)
        self.path_curve.setData([], [])
        if not keep_interpolation:
            # Clearing it repaints the plot, axes and all (10-15 ms of a paused window).
            self.interp_train.setData([], [])
            self.interp_val.setData([], [])
            self._interpolation_key = None
            self._interpolation = None
        for marker in (self.start_marker, self.end_marker):
            marker.setData([], [])
        if self.gl_surface is not None:
            self.gl_surface.setData(z=np.zeros((2, 2)))
        self.hover_label.setText(" ")
        label_axis(self.interp_plot.getPlotItem().getAxis("left"), self._loss_unit)
        label_axis(self.color_bar.getAxis("left"), self._loss_unit)

    def showEvent(self, event) -> None:
        # Runs may have been added, renamed or deleted in the Trainer tab meanwhile.
        if self.job is None:
            self.refresh_sources()
        super().showEvent(event)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.stop()

    def shutdown(self) -> bool:
        """Stop and end the computation (window closing); True if nothing is left running."""
        if self.job is None:
            return True
        return self.job.shutdown()

    # --- the computation's events --------------------------------------------------------

    def _on_event(self, event: object) -> None:
        if isinstance(event, GridUpdate):
            self._on_grid(event)
            self._on_progress(event.done, event.total)
        elif isinstance(event, PlaneReady):
            self._on_plane_ready(event)
        elif isinstance(event, Interpolation):
            self._on_interpolation(event)
        elif isinstance(event, LandscapeEnded):
            self._on_finished(event.complete)
        elif isinstance(event, Failed):
            self._show_error(translated(event))

    def _on_plane_ready(self, plane: PlaneReady) -> None:
        self._plane = plane
        plot = self.map_plot.getPlotItem()
        if plane.path is not None:
            ratio = plane.explained_variance_ratio
            label_axis(plot.getAxis("bottom"),
                       self.tr("PC 1 ({0:.1%} of the path's variance)").format(ratio[0]))
            label_axis(plot.getAxis("left"), self.tr("PC 2 ({0:.1%})").format(ratio[1]))
            self.path_curve.setData(plane.path[:, 0], plane.path[:, 1])
            self.start_marker.setData([plane.path[0, 0]], [plane.path[0, 1]])
        else:
            label_axis(plot.getAxis("bottom"), self.tr("α   along direction 1"))
            label_axis(plot.getAxis("left"), self.tr("β   along direction 2"))
            self.path_curve.setData([], [])
            self.start_marker.setData([], [])
        self.end_marker.setData([0.0], [0.0])
        plot.setRange(xRange=(plane.alphas[0], plane.alphas[-1]),
                      yRange=(plane.betas[0], plane.betas[-1]), padding=0)
        self._show_info()

    def _on_grid(self, update: GridUpdate) -> None:
        if self._plane is None:
            return
        self._values = update.values
        self._stride = update.stride
        self._redraw_map(contours=update.complete)
        if update.complete and update.stride == 1:
            self._draw_surface()

    def _on_interpolation(self, interpolation: Interpolation) -> None:
        self.interp_train.setData(interpolation.ts, interpolation.train)
        self.interp_val.setData(interpolation.ts, interpolation.val)
        self._interpolation = interpolation
        self._interpolation_key = self._job_key

    def _on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setMaximum(total)
        self.progress_bar.setValue(done)

    def _on_finished(self, completed: bool) -> None:
        self._finished_state = completed
        seconds = time.monotonic() - self._started_at
        if completed:
            self.status_message.emit(self.tr("Landscape ready: {0} points in {1:.1f} s").format(
                self.progress_bar.maximum(), seconds))
        else:
            self.status_message.emit(self.tr(
                "Landscape stopped after {0} of {1} points; the picture so far is kept").format(
                    self.progress_bar.value(), self.progress_bar.maximum()))
        self._show_info()

    def _on_done(self) -> None:
        self.job = None
        self._update_buttons()
        self._mark_if_stale()
        self.computation_finished.emit(bool(self._finished_state))

    def _show_error(self, message: str) -> None:
        self._finished_state = False
        text = self.tr("Cannot compute the landscape: {0}").format(message)
        self.info_label.setText(f"<span style='color:{style.WARNING}'>{text}</span>")
        self.status_message.emit(self.tr("Landscape: {0}").format(message))

    # --- drawing -------------------------------------------------------------------------

    def display_values(self) -> np.ndarray | None:
        """The map as drawn: the grid so far, in log₁₀ when the log scale is on."""
        if self._values is None:
            return None
        if self.log_check.isChecked():
            return np.log10(np.maximum(self._values, 1e-12))
        return self._values

    def _redraw_map(self, *_args, contours: bool = True) -> None:
        values = self.display_values()
        if values is None or self._plane is None:
            return
        finite = values[np.isfinite(values)]
        if finite.size == 0:
            return
        low, high = float(finite.min()), float(finite.max())
        if high <= low:
            high = low + 1e-9
        self.image.setImage(values, autoLevels=False, levels=(low, high))
        self.image.setRect(self._cell_rect(values.shape))
        self.color_bar.setLevels((low, high))
        label_axis(self.color_bar.getAxis("left"),
                   self.tr("log₁₀ {0}").format(self._loss_unit) if self.log_check.isChecked()
                   else self._loss_unit)
        if contours:
            levels = np.quantile(finite, np.linspace(0.08, 0.92, CONTOUR_COUNT))
            for contour, level in zip(self.contours, levels, strict=True):
                set_contour(contour, values, float(level))

    def map_table(self) -> DataTable | None:
        """The map as its CSV export writes it: one row per grid point computed so far, its
        coordinates on the plane (α, β or PC 1, PC 2) and the loss there on the chosen split
        (the loss itself, also under the log colour scale); then a PCA plane's path, from
        the initial weights (epoch 0) to the final ones."""
        plane, values = self._plane, self._values
        if plane is None or values is None:
            return None
        names = ("alpha", "beta") if plane.path is None else ("pc1", "pc2")
        # values[i, j] is at (alphas[i], betas[j]) of the sub-grid drawn so far.
        a, b = np.meshgrid(plane.alphas[::self._stride], plane.betas[::self._stride],
                           indexing="ij")
        split = self._computed_settings.split if self._computed_settings else "train"
        table = DataTable.of({names[0]: a.ravel(), names[1]: b.ravel(),
                              quantity(f"{split}_loss", self._loss_unit_name): values.ravel()})
        if plane.path is not None:
            table = table.joined(DataTable.of({
                "path_epoch": np.arange(len(plane.path)),
                "path_pc1": plane.path[:, 0], "path_pc2": plane.path[:, 1]}))
        return table

    def interpolation_table(self) -> DataTable | None:
        """The interpolation as its CSV export writes it: t and the loss on each split."""
        interpolation = self._interpolation
        if interpolation is None:
            return None
        unit = self._loss_unit_name
        return DataTable.of({"t": interpolation.ts,
                             quantity("train_loss", unit): interpolation.train,
                             quantity("val_loss", unit): interpolation.val})

    def _cell_rect(self, shape: tuple[int, int]) -> QRectF:
        """The rectangle whose pixels are centred on the sub-grid's points."""
        alphas = self._plane.alphas[::self._stride]
        betas = self._plane.betas[::self._stride]
        dx = (alphas[-1] - alphas[0]) / max(shape[0] - 1, 1) or 1.0
        dy = (betas[-1] - betas[0]) / max(shape[1] - 1, 1) or 1.0
        return QRectF(alphas[0] - dx / 2, betas[0] - dy / 2,
                      alphas[-1] - alphas[0] + dx, betas[-1] - betas[0] + dy)

    def _show_info(self) -> None:
        plane = self._plane
        if plane is None:
            return
        parts = [f"<span style='color:{style.WARNING}'>" + self.tr(
            "Out of date: the run or the settings changed since this picture was computed. "
            "Compute to draw it again.") + "</span>"] if self._stale_shown else []
        parts += [self.tr("{0} at the final weights (★), on the {1}: <b>{2}</b>").format(
            self._loss_unit, self._split_name, format_number(plane.center_loss))]
        if plane.path is not None:
            ratio = plane.explained_variance_ratio
            parts.append(self.tr(
                "The plane holds {0:.1%} of the path's variance (PC 1 {1:.1%}, PC 2 {2:.1%}); "
                "▲ marks the initial weights.").format(ratio.sum(), ratio[0], ratio[1]))
            parts.append(f"<i>{self.tr(PCA_NOTE)}</i>")
        else:
            parts.append(self.tr(
                "Directions are Gaussian, each row rescaled to the norm of the matching row "
                "of the weights, so the map's scale means the same in every layer."))
        self.info_label.setText("<br><br>".join(parts))

    def _on_map_hover(self, position) -> None:
        if self._values is None or self._plane is None:
            return
        view = self.map_plot.getPlotItem().vb
        if not view.sceneBoundingRect().contains(position):
            return
        point = view.mapSceneToView(position)
        self.show_readout_at(point.x(), point.y())

    def show_readout_at(self, a: float, b: float) -> None:
        """Write the loss of the grid point nearest (a, b) under the map."""
        alphas = self._plane.alphas[::self._stride]
        betas = self._plane.betas[::self._stride]
        i = int(np.abs(alphas - a).argmin())
        j = int(np.abs(betas - b).argmin())
        value = self._values[i, j]
        self.hover_label.setText(self.tr("({0}, {1}): {2} = {3}").format(
            format_number(float(alphas[i]), 3), format_number(float(betas[j]), 3),
            self._loss_unit, format_number(float(value)) if math.isfinite(value) else "—"))

    def _on_view_changed(self, index: int) -> None:
        if self.view_tabs.widget(index) is self.surface_page:
            self._ensure_surface_view()
            self._draw_surface()

    def _ensure_surface_view(self) -> None:
        layout = self.surface_page.layout()
        if layout.count():
            return
        reason = opengl_unavailable_reason()
        if reason is not None:
            message = QLabel(reason)
            message.setWordWrap(True)
            message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(message)
            return
        import pyqtgraph.opengl as gl

        self.gl_view = gl.GLViewWidget()
        self.gl_view.setBackgroundColor(style.PAPER)
        self.gl_view.setCameraPosition(distance=3.6, elevation=30, azimuth=-60)
        floor = gl.GLGridItem(color=(0, 0, 0, 60))
        floor.setSize(2, 2)
        floor.setSpacing(0.25, 0.25)
        self.gl_view.addItem(floor)
        self.gl_surface = gl.GLSurfacePlotItem(smooth=False, computeNormals=False)
        self.gl_view.addItem(self.gl_surface)
        layout.addWidget(self.gl_view)

    def _draw_surface(self) -> None:
        """Put the finished grid on the 3-D surface, scaled into a unit cube."""
        if self.gl_surface is None or self._values is None or self._stride != 1:
            return
        values = self.display_values()
        finite = values[np.isfinite(values)]
        if finite.size == 0:
            return
        low, high = float(finite.min()), float(finite.max())
        heights = (np.nan_to_num(values, nan=high) - low) / ((high - low) or 1.0)
        x = np.linspace(-1.0, 1.0, values.shape[0])
        y = np.linspace(-1.0, 1.0, values.shape[1])
        colors = self.color_map.map(heights.reshape(-1), mode="float")
        self.gl_surface.setData(x=x, y=y, z=heights, colors=colors.reshape(-1, 4))

    # --- state ---------------------------------------------------------------------------

    def _on_plane_changed(self, *_args) -> None:
        random_plane = self.plane_combo.currentData() == "random"
        for widget in (self.span_spin, self.seed_spin, self.biases_check):
            widget.setEnabled(random_plane)

    def _update_buttons(self) -> None:
        running = self.job is not None
        has_source = self.source_combo.currentData() is not None
        self.compute_button.setEnabled(not running and has_source)
        self.cancel_button.setEnabled(running)
        self.source_combo.setEnabled(not running)

    def plots(self) -> dict[str, pg.PlotWidget]:
        return {self.tr("Network loss landscape"): self.map_plot,
                self.tr("Interpolation initial → final"): self.interp_plot}
