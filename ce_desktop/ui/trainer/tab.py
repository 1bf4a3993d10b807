"""The trainer: configure a run, watch it learn live, read its test results."""

from __future__ import annotations

import contextlib
import math
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.core.data import DATASET_INFO
from ce_desktop.core.jobs import Failed
from ce_desktop.core.landscape.job import RunSource
from ce_desktop.core.runs.recorder import RunRecorder, RunResult, RunStarted
from ce_desktop.core.training.config import (
    ACTIVATIONS,
    ADAM_EPS_FORMS,
    BINARY_LOSSES,
    BOUNDS,
    DATASETS,
    LOSS_UNITS,
    LOSSES,
    OPTIMIZERS,
    PRESETS,
    TWO_FEATURE_DATASETS,
    TrainConfig,
)
from ce_desktop.core.training.model_files import (
    ModelEvaluated,
    ModelFileRead,
    ModelFileWritten,
    ModelNotEvaluated,
    ReadModelFile,
    WriteModelFile,
)
from ce_desktop.core.training.results import EpochRecord, SampleLosses, SamplePart
from ce_desktop.core.training.run import Epoch, Loading, Progress, Refused, TrainingJob
from ce_desktop.core.training.series import bits_learned, ema
from ce_desktop.core.training.verdict import Verdict, run_verdict
from ce_desktop.ui.common import style
from ce_desktop.ui.common.axes import label_axis
from ce_desktop.ui.common.file_dialogs import (
    choose_file_to_open,
    table_filters,
    with_file_to_open,
    with_file_to_save,
)
from ce_desktop.ui.common.formatting import format_number
from ce_desktop.ui.common.jobs import JobHandle
from ce_desktop.ui.common.language import translated
from ce_desktop.ui.common.plot_export import (
    DataTable,
    TableSource,
    quantity,
    set_table_source,
)
from ce_desktop.ui.common.session import Session
from ce_desktop.ui.common.widgets import (
    ProgressBar,
    button_row,
    form_group,
    push_button,
    scrolling,
    show_message,
    wheel_scrolls_the_page,
)
from ce_desktop.ui.trainer.apply_model import ModelApplier, TableModel

EMA_ALPHA = 0.3
#: Live curves are redrawn at most this often. pyqtgraph paints in Python on the GUI thread
#: and holds the GIL meanwhile, which slowed training by ~60 % when drawn every epoch
#: (benchmarks/worker.py).
REDRAW_INTERVAL_MS = 500
#: The decision boundary is redrawn at most this often (about seven frames a second).
DECISION_REDRAW_MS = 150
#: After a run's curves and message, the wait before its report is drawn (a turn of its own).
REPORT_DELAY_MS = 0
#: Lines of text the message under the buttons shows before it scrolls.
MESSAGE_LINES = 4
#: The live loss and accuracy plots never get shorter than this (they are the run).
LIVE_PLOT_MIN_HEIGHT = 150
# Compared runs: distinct from the live run's blue and orange.
COMPARISON_COLORS = ("#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f")


@dataclass(frozen=True)
class SampleSource:
    """The test samples on show and what a sample's card needs about their run."""

    samples: SampleLosses
    histogram_edges: np.ndarray
    config: TrainConfig
    class_names: tuple[str, ...]
    run_name: str
    validation: SampleLosses | None = None
    """The validation samples, which the Samples page shows by a switch."""


class TrainerTab(QWidget):
    """Tab 3: the tutorial's run in one click, then any data, model, loss and optimiser."""

    status_message = Signal(str)
    run_completed = Signal(object)
    """Emitted with the RunResult when a run ends (finished, stopped or failed)."""
    explore_sample = Signal(object)
    """A sample card's "Open in the entropy explorer": a SampleInExplorer."""
    samples_replaced = Signal()
    """The samples a card can show belong to another run (or model) now, or to none."""

    def __init__(self, store=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.run: JobHandle | None = None
        self.last_result: RunResult | None = None
        self._csv_roles: dict[str, str] = {}
        self.import_dialog = None
        """The import dialog, while it is open."""
        self.import_runner = None
        """Where the import dialog reads tables (None: the worker process)."""
        self._summary_path = ""
        self.loaded_model: ModelFileRead | None = None
        """The model most recently loaded from a file: its config and weights."""
        self.file_job: JobHandle | None = None
        """Saving or loading a model file, while it runs."""
        self.applier = ModelApplier(self)
        """Apply model to data…: its job, while it runs."""
        self.applier.message.connect(self._show_message)
        self.applier.progress.connect(self._on_apply_progress)
        self.applier.busy_changed.connect(self._on_apply_busy)
        self._history: list = []
        #: The loss the run in the live plots trains on (a key of LOSS_UNITS).
        self._history_loss = ""
        self._compared_runs: list = []
        self._completed_runs = 0
        self._started: RunStarted | None = None
        self._run_clock = 0.0
        self._applying_preset = False
        self._name = ""
        self._sample_source: SampleSource | None = None
        """The test samples shown, and what their cards need to know about the run."""

        form_panel = self._build_form()
        plots = self._build_plots()
        self.dataset_combo.currentIndexChanged.connect(self._update_decision_hint)
        self._update_decision_hint()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(form_panel)
        splitter.addWidget(plots)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._set_running(False)

    # --- construction --------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        self.preset_combo = QComboBox()
        self.preset_combo.addItem(self.tr("Tutorial (PyTorch)"), "tutorial")
        self.preset_combo.addItem(self.tr("Tutorial (Keras defaults)"), "keras")
        self.preset_combo.addItem(self.tr("Custom"), None)
        self.preset_combo.setToolTip(self.tr(
            "Tutorial: 20-10-10-1 ReLU MLP, sigmoid + BCE, Adam 0.001, batch 32, 20 epochs on "
            "make_classification(10000, n_informative=10). Keras: the same with Glorot init, "
            "Adam ε = 1e-7 and BCE clipped at 1e-7."))
        self.preset_combo.activated.connect(self._on_preset)

        defaults = TrainConfig()

        def spin(setting, tip, decimals=None, step=None):
            """A box for a numeric setting, with the range the config accepts."""
            box = QDoubleSpinBox() if decimals is not None else QSpinBox()
            if decimals is not None:
                box.setDecimals(decimals)
            box.setRange(*BOUNDS[setting])
            if step is not None:
                box.setSingleStep(step)
            box.setValue(getattr(defaults, setting))
            box.setToolTip(tip)
            box.valueChanged.connect(self._on_edited)
            return box

        def combo(items, tip):
            box = QComboBox()
            for item in items:
                box.addItem(item, item)
            box.setToolTip(tip)
            box.currentIndexChanged.connect(self._on_edited)
            return box

        self.dataset_combo = combo(DATASETS, self.tr(
            "tutorial: the tutorial's 20-feature data; moons … blobs: 2-D sets whose decision "
            "boundary is drawn live; digits, breast_cancer, iris, wine: real data bundled "
            "with scikit-learn (more than two classes: loss ce); csv: your own file"))
        self.dataset_combo.setItemText(self.dataset_combo.findData("digits"),
                                       self.tr("digits (8×8 images)"))
        for name, info in DATASET_INFO.items():
            self.dataset_combo.setItemData(self.dataset_combo.findData(name),
                                           f"{translated(info.description)}\n{info.source}",
                                           Qt.ItemDataRole.ToolTipRole)
        self.dataset_combo.currentIndexChanged.connect(self._update_enabled)
        self.samples_spin = spin("n_samples", self.tr("Number of points (2-D sets)"))
        self.noise_spin = spin("noise", self.tr("Noise of the 2-D sets"), 2, 0.05)
        self.classes_spin = spin("n_classes", self.tr("Number of classes (blobs)"))
        self.data_seed_spin = spin("data_seed", self.tr("Seed of the data and its split"))
        self.csv_edit = QLineEdit()
        self.csv_edit.setPlaceholderText(self.tr("CSV file…"))
        self.csv_edit.setToolTip(self.tr(
            "A table of number and category columns (gaps are filled) and a label column"))
        self.csv_edit.textChanged.connect(self._on_edited)
        self.csv_button = push_button(
            self.tr("Browse…"),
            self.tr("Choose a CSV file"),
            self._browse_csv,
        )
        self.target_edit = QLineEdit()
        self.target_edit.setPlaceholderText(self.tr("last column"))
        self.target_edit.setToolTip(self.tr("Name of the label column (default: the last)"))
        self.target_edit.textChanged.connect(self._on_edited)
        self.columns_button = push_button(
            self.tr("Columns…"),
            self.tr("Look at the file again: its preview, each column's role and what will be "
                    "done to it"),
            lambda: self.open_data(self.csv_edit.text().strip() or None),
        )
        self.csv_summary_label = QLabel()
        self.csv_summary_label.setWordWrap(True)
        self.csv_summary_label.setToolTip(self.tr("The table as the import dialog read it"))
        self.csv_edit.textChanged.connect(self._on_csv_path_edited)
        csv_row = QHBoxLayout()
        csv_row.addWidget(self.csv_edit, 1)
        csv_row.addWidget(self.csv_button)
        # Below the path, which keeps the width of the narrow form.
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.csv_summary_label, 1)
        summary_row.addWidget(self.columns_button, 0, Qt.AlignmentFlag.AlignTop)

        data = form_group(self.tr("Data"), [
            (self.tr("Data set:"), self.dataset_combo),
            (self.tr("Samples:"), self.samples_spin),
            (self.tr("Noise:"), self.noise_spin),
            (self.tr("Classes:"), self.classes_spin),
            (self.tr("Data seed:"), self.data_seed_spin),
            (self.tr("File:"), csv_row),
            ("", summary_row),
            (self.tr("Label column:"), self.target_edit),
        ])

        self.hidden_edit = QLineEdit("10, 10")
        self.hidden_edit.setToolTip(self.tr("Hidden layer sizes, comma-separated"))
        self.hidden_edit.textChanged.connect(self._on_edited)
        self.activation_combo = combo(ACTIVATIONS, self.tr("Activation after each hidden layer"))
        self.init_combo = combo(("pytorch", "keras"), self.tr(
            "pytorch: PyTorch's default (Kaiming-uniform); keras: Glorot-uniform, zero biases"))
        model = form_group(self.tr("Model"), [
            (self.tr("Hidden layers:"), self.hidden_edit),
            (self.tr("Activation:"), self.activation_combo),
            (self.tr("Initialisation:"), self.init_combo),
        ])

        self.loss_combo = combo(LOSSES, self.tr(
            "bce: sigmoid output + BCELoss (the tutorial); bce_logits: logit output + "
            "BCEWithLogitsLoss (numerically stable, recommended); ce: softmax cross-entropy "
            "(multi-class); mse: squared error, for comparison"))
        self.smoothing_spin = spin("label_smoothing", self.tr("Label smoothing ε"), 3, 0.01)
        self.pos_weight_spin = spin("pos_weight", self.tr(
            "Weight of the positive class (binary tasks)"), 2, 0.1)
        self.clip_spin = spin("clip_eps", self.tr(
            "Clip probabilities to [ε, 1 − ε] inside BCE, as Keras does (1e-7)"), 8, 1e-7)
        loss = form_group(self.tr("Loss"), [
            (self.tr("Loss:"), self.loss_combo),
            (self.tr("Label smoothing:"), self.smoothing_spin),
            (self.tr("Positive weight:"), self.pos_weight_spin),
            (self.tr("Clip ε:"), self.clip_spin),
        ])

        self.optimizer_combo = combo(OPTIMIZERS, self.tr("Optimisation algorithm"))
        self.lr_spin = spin("lr", self.tr("Learning rate"), 6, 1e-4)
        self.decay_spin = spin("weight_decay", self.tr("Weight decay (L2 penalty)"), 6, 1e-4)
        self.momentum_spin = spin("momentum", self.tr("Momentum (SGD, RMSprop)"), 3, 0.05)
        self.adam_eps_spin = spin("adam_eps", self.tr(
            "Adam's ε: PyTorch's default is 1e-8, Keras' 1e-7"), 10, 1e-8)
        self.eps_form_combo = combo(ADAM_EPS_FORMS, self.tr(
            "Where Adam adds ε: pytorch adds it to the bias-corrected √v̂, keras to the raw √v "
            "(the step is then α·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m/(√v + ε)), as Keras does"))
        self.batch_spin = spin("batch_size", self.tr("Mini-batch size"))
        self.epochs_spin = spin("epochs", self.tr("Number of passes over the data"))
        self.seed_spin = spin("seed", self.tr(
            "Seed of the initial weights and the shuffling: same seed, same run"))
        self.patience_spin = spin("patience", self.tr(
            "Early stopping: end the run after this many epochs without a lower validation "
            "loss (0: off)"))
        self.patience_spin.setSpecialValueText(self.tr("off"))
        self.patience_spin.setSuffix(self.tr(" epochs"))
        self.restore_best_check = QCheckBox(self.tr("restore the best epoch's weights"))
        self.restore_best_check.setChecked(True)
        self.restore_best_check.setToolTip(self.tr(
            "When the run ends, stopped early or not, keep the weights of the epoch with the "
            "lowest validation loss"))
        self.restore_best_check.toggled.connect(self._on_edited)
        self.patience_spin.valueChanged.connect(self._update_enabled)
        optimiser = form_group(self.tr("Optimiser"), [
            (self.tr("Optimiser:"), self.optimizer_combo),
            (self.tr("Learning rate:"), self.lr_spin),
            (self.tr("Weight decay:"), self.decay_spin),
            (self.tr("Momentum:"), self.momentum_spin),
            (self.tr("Adam ε:"), self.adam_eps_spin),
            (self.tr("ε added to:"), self.eps_form_combo),
            (self.tr("Batch size:"), self.batch_spin),
            (self.tr("Epochs:"), self.epochs_spin),
            (self.tr("Seed:"), self.seed_spin),
            (self.tr("Early stopping:"), self.patience_spin),
            self.restore_best_check,  # across both columns: the form stays narrow
        ])

        self.start_button = push_button(
            self.tr("Start"), self.tr("Train with these settings"), self.start)
        self.pause_button = push_button(
            self.tr("Pause"), self.tr("Pause or resume between mini-batches"), self.toggle_pause)
        self.stop_button = push_button(
            self.tr("Stop"), self.tr("Stop; completed epochs are kept"), self.stop)
        buttons = button_row(self.start_button, self.pause_button, self.stop_button)
        self.save_model_button = push_button(self.tr("Save model…"), self.tr(
            "Save the last run's weights and settings (PyTorch state_dict + config)"),
            self.choose_where_to_save_model)
        self.load_model_button = push_button(self.tr("Load model…"), self.tr(
            "Load a saved model; its settings fill the form. Files are read with "
            "weights_only=True: a file carrying code is refused"), self.choose_model_to_load)
        self.apply_model_button = push_button(
            self.tr("Apply model to data…"), "", self.apply_model_to_data)
        model_buttons = button_row(self.save_model_button, self.load_model_button)
        apply_buttons = button_row(self.apply_model_button)
        self.progress_bar = ProgressBar()
        self.progress_bar.setToolTip(self.tr("Mini-batches done"))
        self.eta_label = QLabel()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # A fixed room for the message, scrolled when longer: a label that grew with its text
        # moved every button above it up and down between two clicks.
        message_area = QScrollArea()
        message_area.setWidget(self.message_label)
        message_area.setWidgetResizable(True)
        message_area.setFrameShape(QFrame.Shape.NoFrame)
        message_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        message_area.setFixedHeight(MESSAGE_LINES * self.fontMetrics().lineSpacing()
                                    + 2 * message_area.frameWidth() + 4)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.preset_combo)
        for group in (data, model, loss, optimiser):
            column.addWidget(group)
        column.addStretch(1)
        wheel_scrolls_the_page(inner)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(330)
        panel = QWidget()
        outer = QVBoxLayout(panel)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)
        outer.addLayout(model_buttons)
        outer.addLayout(apply_buttons)
        outer.addWidget(self.progress_bar)
        outer.addWidget(self.eta_label)
        outer.addWidget(message_area)
        self.apply_preset("tutorial")
        return panel

    def _epoch_plot(self, title: str, y_label: str, legend_offset: tuple[int, int],
                    table: TableSource) -> pg.PlotWidget:
        """A plot of a quantity per epoch, with its legend at ``legend_offset`` and its CSV
        export writing ``table``."""
        widget = pg.PlotWidget()
        plot = widget.getPlotItem()
        plot.setTitle(title)
        label_axis(plot.getAxis("bottom"), self.tr("epoch"))
        label_axis(plot.getAxis("left"), y_label)
        style.faint_grid(plot)
        plot.addLegend(offset=legend_offset)
        set_table_source(widget, table)
        return widget

    def _build_plots(self) -> QWidget:
        self.loss_plot = self._epoch_plot(self.tr("Loss per epoch"), self.tr("loss (nats)"),
                                          (-8, 8), self._loss_table)
        loss = self.loss_plot.getPlotItem()
        self.train_curve = loss.plot(pen=pg.mkPen(style.P_COLOR, width=2), symbol="o",
                                     symbolSize=5, symbolBrush=style.P_COLOR,
                                     name=self.tr("train"))
        self.val_curve = loss.plot(pen=pg.mkPen(style.Q_COLOR, width=2), symbol="o",
                                   symbolSize=5, symbolBrush=style.Q_COLOR,
                                   name=self.tr("validation"))
        self.baseline_line = pg.InfiniteLine(
            angle=0, pen=pg.mkPen(style.MUTED, width=1.5, style=Qt.PenStyle.DashLine),
            label=self.tr("no-information baseline"), labelOpts={"position": 0.4,
                                                                 "color": style.MUTED},
        )
        self.baseline_line.setVisible(False)
        loss.addItem(self.baseline_line)
        self.hover_label = pg.TextItem(anchor=(0, 0), color=style.TEXT, fill=(255, 255, 255, 220))
        self.hover_label.setVisible(False)
        loss.addItem(self.hover_label, ignoreBounds=True)
        # The pointer leaving the plot takes its readout with it.
        self.loss_plot.installEventFilter(self)
        self._hover_proxy = pg.SignalProxy(self.loss_plot.scene().sigMouseMoved, rateLimit=30,
                                           slot=self._on_hover)

        self.acc_plot = self._epoch_plot(self.tr("Accuracy per epoch"), self.tr("accuracy"),
                                         (-8, -8), self._accuracy_table)
        acc = self.acc_plot.getPlotItem()
        self.train_acc_curve = acc.plot(pen=pg.mkPen(style.P_COLOR, width=2),
                                        name=self.tr("train"))
        self.val_acc_curve = acc.plot(pen=pg.mkPen(style.Q_COLOR, width=2),
                                      name=self.tr("validation"))
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(REDRAW_INTERVAL_MS)
        self._redraw_timer.timeout.connect(self._redraw_live)
        # The decision boundary is coalesced too, on a shorter clock so it still animates:
        # drawing it for every epoch of a small data set (an epoch every few ms) kept the
        # event loop busy for 300 ms at a time.
        self._pending_decision = None
        self._decision_timer = QTimer(self)
        self._decision_timer.setSingleShot(True)
        self._decision_timer.setInterval(DECISION_REDRAW_MS)
        self._decision_timer.timeout.connect(self._show_pending_decision)

        self.smooth_check = QCheckBox(self.tr("EMA smoothing"))
        self.smooth_check.setToolTip(self.tr("Show exponential moving averages (α = 0.3)"))
        self.smooth_check.toggled.connect(self._redraw_curves)
        self.log_check = QCheckBox(self.tr("log loss axis"))
        self.log_check.setToolTip(self.tr("Logarithmic loss axis"))
        self.log_check.toggled.connect(lambda on: self.loss_plot.setLogMode(y=on))
        self.learned_label = QLabel()
        self.learned_label.setTextFormat(Qt.TextFormat.RichText)
        # As tall empty as with its bold rich text: a row that grows by two pixels with the
        # first epoch resizes both live plots, which then repaint their axes from scratch.
        # It wraps rather than widening the window (past a 1024 px screen at the first
        # epoch), and two lines are kept for it whether it wraps or not.
        self.learned_label.setWordWrap(True)
        self.learned_label.setText("<b>0.0</b><br><b>0.0</b>")
        self.learned_label.setFixedHeight(self.learned_label.sizeHint().height())
        self.learned_label.clear()
        self.learned_label.setToolTip(self.tr(
            "Bits learned = (baseline − validation loss) / ln 2: the information per sample the "
            "model extracts beyond the class frequencies. With a positive weight other than 1 "
            "the losses are weighted means, not information per sample: the line gives how "
            "far the weighted loss is below the weighted baseline, in nats"))
        options = QHBoxLayout()
        options.addWidget(self.learned_label, 1)
        options.addWidget(self.smooth_check)
        options.addWidget(self.log_check)

        from ce_desktop.ui.trainer.decision_view import DecisionView
        from ce_desktop.ui.trainer.evaluation_panel import EvaluationPanel
        from ce_desktop.ui.trainer.pinned_view import PinnedView
        from ce_desktop.ui.trainer.runs_panel import RunsPanel
        from ce_desktop.ui.trainer.samples_view import SamplesView

        self.decision_view = DecisionView()
        self.evaluation_panel = EvaluationPanel()
        self.samples_view = SamplesView()
        self.pinned_view = PinnedView()
        self.runs_panel = RunsPanel(self.store)
        from ce_desktop.ui.trainer.sample_card import SampleCardDialog

        self.card_dialog = SampleCardDialog(self)
        self.card_dialog.open_in_explorer.connect(self._on_open_in_explorer)
        self.samples_view.sample_chosen.connect(
            lambda index: self.open_sample(index, self.samples_view.part()))
        self.samples_view.pin_toggled.connect(self._toggle_pin)
        self.card_dialog.pin_toggled.connect(self._toggle_pin)
        self.pinned_view.pins_changed.connect(self._show_pins)
        self.pinned_view.sample_chosen.connect(self.open_sample)
        self.pinned_view.status_message.connect(self.status_message)
        self.evaluation_panel.cell_chosen.connect(self._show_cell)
        self.evaluation_panel.bin_chosen.connect(self._show_bin)
        self.decision_view.point_chosen.connect(self._open_nearest)
        self.runs_panel.comparison_changed.connect(self._show_comparison)
        self.runs_panel.status_message.connect(self.status_message)
        self._compared_curves: list[pg.PlotDataItem] = []
        self.results_tabs = QTabWidget()
        self.results_tabs.addTab(self.decision_view, self.tr("Decision boundary"))
        # Its four plots need about 420 px; in a short window they scroll, and the live
        # plots above keep their room.
        self.evaluation_page = scrolling(self.evaluation_panel)
        self.results_tabs.addTab(self.evaluation_page, self.tr("Test results"))
        self.results_tabs.addTab(self.samples_view, self.tr("Samples"))
        self.results_tabs.addTab(self.pinned_view, self.tr("Pinned"))
        self.results_tabs.addTab(self.runs_panel, self.tr("Runs"))

        live = QWidget()
        live_layout = QHBoxLayout(live)
        live_layout.setContentsMargins(0, 0, 0, 0)
        live_layout.addWidget(self.loss_plot, 3)
        live_layout.addWidget(self.acc_plot, 2)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(options)
        top_layout.addWidget(live, 1)
        for plot in (self.loss_plot, self.acc_plot):
            plot.setMinimumHeight(LIVE_PLOT_MIN_HEIGHT)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.results_tabs)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([420, 420])
        return splitter

    # --- configuration -------------------------------------------------------------------

    # --- remembered settings ---------------------------------------------------------------

    settings_group = "trainer"
    settings_version = 1

    def save_settings(self, session: Session) -> None:
        session.set("trainer/preset", self.preset_combo.currentData() or "")
        # A half-typed field: keep the last good configuration.
        with contextlib.suppress(ValueError):
            session.set("trainer/config", self.config_dict())

    def restore_settings(self, session: Session, version: int) -> None:
        preset = session.text("trainer/preset", tuple(PRESETS))
        config = session.mapping("trainer/config")
        if preset:
            self.apply_preset(preset)
        elif config is not None:
            with contextlib.suppress(ValueError, TypeError, KeyError):
                self.set_config_dict(TrainConfig.from_dict(config).to_dict())

    def reset_settings(self) -> None:
        self.apply_preset("tutorial")

    def apply_preset(self, key: str) -> None:
        self.set_config_dict(PRESETS[key].to_dict())
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(key))

    def _combo_fields(self) -> dict[str, QComboBox]:
        """The form's combo boxes by TrainConfig setting (their item data are the values)."""
        return {"dataset": self.dataset_combo, "loss": self.loss_combo,
                "optimizer": self.optimizer_combo, "activation": self.activation_combo,
                "init": self.init_combo, "adam_eps_form": self.eps_form_combo}

    def _spin_fields(self) -> dict[str, QSpinBox | QDoubleSpinBox]:
        """The form's number boxes by TrainConfig setting."""
        return {"n_samples": self.samples_spin, "noise": self.noise_spin,
                "n_classes": self.classes_spin, "data_seed": self.data_seed_spin,
                "label_smoothing": self.smoothing_spin, "pos_weight": self.pos_weight_spin,
                "clip_eps": self.clip_spin, "lr": self.lr_spin, "weight_decay": self.decay_spin,
                "momentum": self.momentum_spin, "adam_eps": self.adam_eps_spin,
                "batch_size": self.batch_spin, "epochs": self.epochs_spin,
                "seed": self.seed_spin, "patience": self.patience_spin}

    def set_config_dict(self, config: dict) -> None:
        """Show a config (a TrainConfig.to_dict()) in the form."""
        # A config from an older file lacks newer settings: show their defaults.
        config = {**TrainConfig().to_dict(), **config}
        self._applying_preset = True
        try:
            for key, combo_box in self._combo_fields().items():
                combo_box.setCurrentIndex(combo_box.findData(config[key]))
            for key, box in self._spin_fields().items():
                box.setValue(config[key])
            self.restore_best_check.setChecked(bool(config["restore_best"]))
            self.hidden_edit.setText(", ".join(str(h) for h in config["hidden"]))
            self.csv_edit.setText(config.get("csv_path") or "")
            self.target_edit.setText(config.get("csv_target") or "")
            # Not on the form: kept so that a loaded config trains as it was saved.
            self._csv_roles = dict(config.get("csv_roles") or {})
            self._name = config.get("name", "")
        finally:
            self._applying_preset = False
        # Whatever the source, these are custom settings until apply_preset says otherwise.
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(None))
        self._update_enabled()

    def config_dict(self) -> dict:
        """The form as a TrainConfig dict; ValueError if a field cannot be read."""
        text = self.hidden_edit.text().replace(";", ",")
        try:
            hidden = [int(part) for part in text.split(",") if part.strip()]
        except ValueError:
            message = self.tr("hidden layers must be whole numbers such as 10, 10")
            raise ValueError(message) from None
        preset = self.preset_combo.currentData()
        return {
            "name": self._name if preset else "",
            "csv_path": self.csv_edit.text().strip() or None,
            "csv_target": self.target_edit.text().strip() or None,
            "csv_roles": dict(self._csv_roles),
            "hidden": hidden,
            "restore_best": self.restore_best_check.isChecked(),
            **{key: box.currentData() for key, box in self._combo_fields().items()},
            **{key: box.value() for key, box in self._spin_fields().items()},
        }

    def _on_preset(self, index: int) -> None:
        key = self.preset_combo.itemData(index)
        if key is not None:
            self.apply_preset(key)

    def _on_edited(self, *_args) -> None:
        if not self._applying_preset:
            self.preset_combo.setCurrentIndex(self.preset_combo.findData(None))

    def _update_decision_hint(self, *_args) -> None:
        two_features = self.dataset_combo.currentData() in TWO_FEATURE_DATASETS
        self.decision_view.expect_two_features(two_features)

    def _update_enabled(self, *_args) -> None:
        dataset = self.dataset_combo.currentData()
        # The size and noise of the 2-D sets; every set but the tutorial's is split by seed.
        for widget in (self.samples_spin, self.noise_spin):
            widget.setEnabled(dataset in TWO_FEATURE_DATASETS)
        self.data_seed_spin.setEnabled(dataset != "tutorial")
        self.classes_spin.setEnabled(dataset == "blobs")
        self.restore_best_check.setEnabled(self.patience_spin.value() > 0)
        for widget in (self.csv_edit, self.target_edit):
            widget.setEnabled(dataset == "csv")
        self.columns_button.setEnabled(dataset == "csv" and bool(self.csv_edit.text().strip()))

    def _browse_csv(self) -> None:
        self.open_data()

    def open_data(self, path: str | None = None) -> bool:
        """Open the import dialog on ``path`` (None: ask for a file first); its OK makes the
        table the trainer's data set. False if no file was chosen."""
        if path is None:
            path = choose_file_to_open(self, self.tr("Open a table"), table_filters())
            if not path:
                return False
        from ce_desktop.ui.trainer.import_dialog import ImportDialog

        same_file = path == self.csv_edit.text().strip()
        # The label and roles chosen before belong to the file they were chosen for.
        target = (self.target_edit.text().strip() or None) if same_file else None
        roles = self._csv_roles if same_file else None
        if self.import_dialog is not None:
            self.import_dialog.reject()
        dialog = ImportDialog(path, target, roles, runner=self.import_runner, parent=self)
        dialog.accepted.connect(lambda: self._apply_import(dialog))
        dialog.finished.connect(lambda _result: self._forget_import_dialog(dialog))
        self.import_dialog = dialog
        dialog.open()
        return True

    def _forget_import_dialog(self, dialog) -> None:
        if self.import_dialog is dialog:
            self.import_dialog = None
        dialog.deleteLater()

    def _apply_import(self, dialog) -> None:
        """The dialog's choice becomes the data set: this file, its label and roles."""
        choice = dialog.choice()
        if choice is None:
            return
        self.dataset_combo.setCurrentIndex(self.dataset_combo.findData("csv"))
        self.csv_edit.setText(choice.path)
        self.target_edit.setText(choice.target)
        self._csv_roles = dict(choice.roles)
        self._on_edited()
        self.csv_summary_label.setText(self.tr(
            "{0}: {1} rows, {2} features, label {3} ({4} classes)").format(
            choice.name, choice.rows, choice.features, choice.target, choice.classes))
        self._summary_path = choice.path
        if choice.classes > 2 and self.loss_combo.currentData() in BINARY_LOSSES:
            # A binary loss cannot train more than two classes: the run would be refused.
            self.loss_combo.setCurrentIndex(self.loss_combo.findData("ce"))
            self._show_message(self.tr(
                "{0} classes: the loss is now ce (softmax cross-entropy)").format(choice.classes))
        if dialog.train_requested:
            self.start()

    def _on_csv_path_edited(self, text: str) -> None:
        # The summary and the roles describe the file the dialog read, not another one.
        if text.strip() != self._summary_path:
            self.csv_summary_label.clear()
        self._update_enabled()

    # --- running -------------------------------------------------------------------------

    def start(self) -> bool:
        """Start a run with the form's settings; False (with a message) if it cannot."""
        if (self.run is not None and self.run.is_running()) or self.applier.is_running():
            return False
        try:
            config = TrainConfig.from_dict(self.config_dict())
            config.validate()
        except ValueError as error:
            self._show_message(self.tr("Cannot start: {0}").format(translated(error)), error=True)
            return False
        self._history_loss = config.loss  # the unit of the curves' CSV columns
        # MSE is not in nats: its curves are squared errors.
        label_axis(self.loss_plot.getAxis("left"), self.tr("loss (nats)")
                   if LOSS_UNITS.get(config.loss) else self.tr("loss (squared error)"))
        self.last_result = None
        # A fixed epoch axis, framed now in the same repaint as the cleared curves: auto-
        # ranging x, or framing when the worker reports the start, repaints the axes again.
        for plot in (self.loss_plot, self.acc_plot):
            plot.getPlotItem().setXRange(0.5, config.epochs + 0.5, padding=0.02)
            plot.getPlotItem().enableAutoRange(x=False)
        self._clear_results()
        self.pinned_view.start_run(config)  # pins of the same data outlive the last run
        self.eta_label.setText(self.tr("Loading data and PyTorch…"))
        self._show_message("")
        recorder = RunRecorder(config, self.store)
        # The recorder writes to the store in the job's thread, not on the GUI thread.
        self.run = JobHandle(TrainingJob(config.to_dict()), relay=recorder.record,
                             name="training")
        self.run.job_event.connect(self._on_run_event)
        self.run.finished.connect(lambda: self._set_running(False))
        self._set_running(True)
        self._run_clock = time.monotonic()
        self.run.start()
        return True

    def _clear_results(self) -> None:
        """Take everything of the last run (or loaded model) off the screen."""
        self._history = []
        self._started = None
        self._redraw_curves()
        self.evaluation_panel.clear()
        self.samples_view.clear()
        self._sample_source = None
        self.samples_replaced.emit()
        self.card_dialog.hide()
        self._decision_timer.stop()
        self._pending_decision = None
        self.decision_view.clear()
        self.hover_label.setVisible(False)  # its numbers are the last run's
        self.baseline_line.setVisible(False)
        self.learned_label.clear()
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("%p%")
        self.eta_label.clear()

    def toggle_pause(self) -> None:
        if self.run is None or not self.run.is_running():
            return
        if self.run.is_paused():
            self.run.resume()
            self.pause_button.setText(self.tr("Pause"))
            self._show_message(self.tr("Resumed."))
        else:
            self.run.pause()
            self.pause_button.setText(self.tr("Resume"))
            self._show_message(self.tr("Paused between mini-batches."))

    def stop(self) -> None:
        """Stop the run, or the prediction of Apply model to data…"""
        if self.run is not None and self.run.is_running():
            self.run.stop()
        self.applier.stop()

    def shutdown(self) -> bool:
        """Stop any run or file job and end it (window closing); True if nothing is left
        running."""
        jobs = [job for job in (self.run, self.file_job) if job is not None]
        if self.import_dialog is not None:
            jobs.append(self.import_dialog)
        return all([job.shutdown() for job in jobs] + [self.applier.shutdown()])

    def is_running(self) -> bool:
        return self.run is not None and self.run.is_running()

    def save_model(self, path: str) -> bool:
        """Start saving the last run's model (in the worker process); the outcome is shown
        when it is done. False (with a message) if there is nothing to save."""
        result = self._model_to_save()
        if result is None:
            return False
        return self._start_file_job(WriteModelFile(path, result.config.to_dict(),
                                                   result.state, result.preprocessing))

    def load_model(self, path: str) -> bool:
        """Start loading a saved model (in the worker process, ``weights_only``); its
        settings fill the form when it is read. Foreign or unsafe files are refused."""
        return self._start_file_job(ReadModelFile(path))

    def _start_file_job(self, job: ReadModelFile | WriteModelFile) -> bool:
        if self.file_job is not None:
            return False
        self.file_job = JobHandle(job, name="model file")
        self.file_job.job_event.connect(self._on_file_event)
        self.file_job.finished.connect(self._on_file_job_finished)
        self._set_running(self.is_running())
        self.file_job.start()
        return True

    def _on_file_event(self, event: object) -> None:
        if isinstance(event, ModelFileWritten):
            self._show_message(self.tr("Saved the model to {0}").format(event.path))
        elif isinstance(event, ModelFileRead):
            self._apply_loaded_model(event)
        elif isinstance(event, ModelEvaluated):
            self._show_loaded_model(event)
        elif isinstance(event, ModelNotEvaluated) and self.loaded_model is not None:
            self._show_message(self.tr("Loaded {0}, but could not test it: {1}").format(
                Path(self.loaded_model.path).name, translated(event.message)), error=True)
        elif isinstance(event, Failed):
            text = (self.tr("Could not load the model: {0}")
                    if isinstance(self.file_job.job, ReadModelFile)
                    else self.tr("Could not save the model: {0}"))
            self._show_message(text.format(translated(event)), error=True)

    def _apply_loaded_model(self, event: ModelFileRead) -> None:
        try:
            settings = TrainConfig.from_dict(event.config)
        except ValueError as error:
            self._show_message(self.tr("Could not load the model: {0}").format(
                translated(error)), error=True)
            return
        self.loaded_model = event
        self.set_config_dict(settings.to_dict())
        # What is on screen belongs to the last run, not to this model: clear it.
        self._clear_results()
        self.pinned_view.forget_run()  # the pinned lines were the last run's
        self.last_result = None
        self._set_running(self.is_running())
        self._show_message(self.tr("Loaded {0}: hidden layers {1}, loss {2}; testing it…")
                           .format(Path(event.path).name, list(settings.hidden),
                                   settings.loss))

    def _show_loaded_model(self, event: ModelEvaluated) -> None:
        """The loaded model's test results and decision regions, as after its run."""
        self.evaluation_panel.show_report(event.report, event.class_names)
        loss = self.loaded_model.config.get("loss", "") if self.loaded_model else ""
        self.samples_view.show_samples(event.report.samples, event.report.test_loss,
                                       event.class_names, LOSS_UNITS.get(loss, ""),
                                       validation=event.report.validation_samples,
                                       validation_loss=event.report.validation_loss)
        if self.loaded_model is not None:
            with contextlib.suppress(ValueError, TypeError, KeyError):
                self._set_sample_source(
                    event.report, TrainConfig.from_dict(self.loaded_model.config),
                    event.class_names, Path(self.loaded_model.path).name)
        if event.decision is not None:
            self.decision_view.set_data(event.X_train, event.y_train, event.class_names)
            self.decision_view.show_grid(event.decision)
            self.results_tabs.setCurrentWidget(self.decision_view)
        else:
            self.results_tabs.setCurrentWidget(self.evaluation_page)
        metrics = event.report.metrics()
        name = Path(self.loaded_model.path).name if self.loaded_model else ""
        self._show_message(self.tr(
            "Loaded {0}: test accuracy {1:.1%}, test loss {2:.4f} (baseline {3:.4f})").format(
            name, metrics["test_acc"], metrics["test_loss"], event.baseline_loss))

    def _on_file_job_finished(self) -> None:
        self.file_job = None
        self._set_running(self.is_running())

    def _model_to_save(self) -> RunResult | None:
        """The last run, when it left a model to save; else None, and the message says so."""
        result = self.last_result
        if result is None or result.state is None or result.status == "failed":
            self._show_message(self.tr("Train a model first; a failed run has none to save."),
                               error=True)
            return None
        return result

    def choose_where_to_save_model(self) -> None:
        """Save model…: ask where, then save; says so at once when there is no model."""
        if self._model_to_save() is None:
            return
        with_file_to_save(self, self.tr("Save model"), "model.pt",
                          self.tr("PyTorch model (*.pt)"), self.save_model)

    def choose_model_to_load(self) -> None:
        """Load model…: ask for a model file, then load it."""
        with_file_to_open(self, self.tr("Load model"),
                          self.tr("PyTorch model (*.pt);;All files (*)"), self.load_model)

    def _set_running(self, running: bool) -> None:
        applying = self.applier.is_running()
        idle = not running and self.file_job is None and not applying
        self.start_button.setEnabled(not running and not applying)
        self.load_model_button.setEnabled(idle)
        self.save_model_button.setEnabled(idle and self.last_result is not None
                                          and self.last_result.status != "failed")
        table_model = self.table_model()
        self.apply_model_button.setEnabled(idle and table_model is not None)
        self.apply_model_button.setToolTip(
            self.tr("Predict a table with this model: a CSV of its rows with the predicted "
                    "class, each class's probability and, where the label is there, each "
                    "row's cross-entropy") if table_model is not None
            else self._needs_table_model())
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running or applying)
        self.pause_button.setText(self.tr("Pause"))

    # --- Apply model to data… -------------------------------------------------------------

    def table_model(self) -> TableModel | None:
        """The model on show (the last run's, else the one loaded) if it was trained on a
        table of the user's own; None otherwise."""
        result = self.last_result
        if result is not None:
            if result.status == "failed" or result.state is None or not result.preprocessing:
                return None
            return TableModel(result.config.to_dict(), result.state, result.preprocessing,
                              self._run_label(result))
        loaded = self.loaded_model
        if loaded is None or not loaded.preprocessing or self.is_running():
            return None
        return TableModel(loaded.config, loaded.state, loaded.preprocessing,
                          Path(loaded.path).name)

    def _needs_table_model(self) -> str:
        return self.tr("Apply model to data… needs a model trained on a table of your own: "
                       "train on a CSV table, or load a model saved from such a run")

    def apply_model_to_data(self) -> bool:
        """Ask for a table and where to write its predictions, then predict it with the
        model on show; says why not when there is no model trained on a table."""
        model = self.table_model()
        if model is None or not self.apply_model_button.isEnabled():
            self._show_message(self._needs_table_model() if model is None
                               else self.tr("Wait until the running job is over."), error=True)
            return False
        return self.applier.choose_and_start(self, model)

    def _on_apply_busy(self) -> None:
        # The last job's progress line goes when a prediction starts, and when it ends.
        self.eta_label.clear()
        if self.applier.is_running():
            self.progress_bar.setValue(0)
        self._set_running(self.is_running())

    def _on_apply_progress(self, stage: str, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        template = (self.tr("Reading the table: {0:,} of {1:,} lines") if stage == "reading"
                    else self.tr("Writing the predictions: {0:,} of {1:,} rows"))
        self.eta_label.setText(template.format(done, total))

    def _show_message(self, text: str, error: bool = False) -> None:
        show_message(self.message_label, text, error)
        if text:
            self.status_message.emit(text)

    # --- the run's events ----------------------------------------------------------------

    def _on_run_event(self, event: object) -> None:
        if isinstance(event, Progress):
            self._on_progress(event.batches_done, event.batches_total)
        elif isinstance(event, Epoch):
            self._on_epoch(event)
        elif isinstance(event, Loading):
            self._on_loading(event.lines, event.total)
        elif isinstance(event, RunStarted):
            self._on_run_started(event)
        elif isinstance(event, RunResult):
            self._on_run_finished(event)
        elif isinstance(event, Refused):
            self._on_run_failed(translated(event.message))
        elif isinstance(event, Failed):
            self._on_run_failed(translated(event))

    def _on_run_started(self, info: RunStarted) -> None:
        self._started = info
        self.pinned_view.set_class_names(info.class_names)
        self.progress_bar.setRange(0, info.epochs * info.batches_per_epoch)
        self.baseline_line.setValue(info.baseline_loss)
        # Shown first: a hidden label ignores a new format (pyqtgraph's InfLineLabel), and
        # kept saying "no-information baseline" without its value.
        self.baseline_line.setVisible(True)
        self.baseline_line.label.setFormat(
            (self.tr("weighted no-information baseline {0:.3f}") if info.baseline_weighted
             else self.tr("no-information baseline {0:.3f}")).format(info.baseline_loss))
        if info.is_2d:
            self.decision_view.set_data(info.X_train, info.y_train, info.class_names)
            self.results_tabs.setCurrentWidget(self.decision_view)
        elif self.pinned_view.indices():
            self.results_tabs.setCurrentWidget(self.pinned_view)  # watch them learn
        self._update_ranges()  # the baseline is part of the loss plot's auto-range
        self._run_clock = time.monotonic()
        self.runs_panel.refresh()
        self._training_text = self.tr("Training {0}…").format(info.name)
        self._live_verdict: str | None = None
        self._show_message(self._training_text)

    def _on_epoch(self, update: Epoch) -> None:
        self._history.append(update.record)
        self.pinned_view.record(update.record.epoch, update.samples)
        if not self._redraw_timer.isActive():
            self._redraw_timer.start()
        if update.decision is not None:
            self._pending_decision = update.decision
            if not self._decision_timer.isActive():
                self._decision_timer.start()
        self._show_learned(update.record)

    def _show_learned(self, record: EpochRecord, kept: bool = False) -> None:
        """The "bits learned" line for ``record``: the latest epoch during a run; after it,
        the epoch whose weights the run kept (``kept``: an earlier one, put back)."""
        if self._started is None:
            return
        baseline = self._started.baseline_loss
        if self._started.baseline_weighted:
            # A weighted mean loss is not information per sample: its drop below the
            # weighted baseline is said in nats, not as bits learned.
            template = (self.tr("kept epoch {0}: weighted validation loss <b>{1:.4f}</b> "
                                "nats — <b>{2:.3f}</b> below the weighted baseline {3:.3f}")
                        if kept else
                        self.tr("epoch {0}: weighted validation loss <b>{1:.4f}</b> nats — "
                                "<b>{2:.3f}</b> below the weighted baseline {3:.3f}"))
            below = baseline - record.val_loss
            text = template.format(record.epoch, record.val_loss, below, baseline)
        else:
            below = bits_learned(baseline, record.val_loss)
            template = (self.tr("kept epoch {0}: validation loss <b>{1:.4f}</b> nats — "
                                "<b>{2:.3f}</b> of {3:.3f} bits per sample learned") if kept
                        else self.tr("epoch {0}: validation loss <b>{1:.4f}</b> nats — "
                                     "<b>{2:.3f}</b> of {3:.3f} bits per sample learned"))
            text = template.format(record.epoch, record.val_loss, below,
                                   baseline / math.log(2))
        if below < 0:
            text += self.tr(" (negative: worse than answering the class frequencies)")
        self.learned_label.setText(text)

    def _redraw_live(self) -> None:
        """The redraw timer's turn during a run: the curves, and what they say so far once
        the evidence is clear (judged here, at most every REDRAW_INTERVAL_MS, not for each
        epoch: it reads the whole history)."""
        self._redraw_curves()
        verdict = self._verdict(running=True)  # alarms only: the run has epochs to go
        text = translated(verdict.message) if verdict is not None else None
        if text == getattr(self, "_live_verdict", None):
            return
        # A verdict the later epochs no longer bear out (the fall levelled off) goes: the
        # label says only what the curves say now, as the final verdict will.
        self._live_verdict = text
        if text is not None:
            self._show_message(text, error=True)
        else:
            self._show_message(getattr(self, "_training_text", ""))

    def _verdict(self, test_loss: float | None = None, kept_epoch: int | None = None,
                 running: bool = False) -> Verdict | None:
        """What the run's curves say (core.verdict), or None before it started."""
        if self._started is None:
            return None
        return run_verdict([r.train_loss for r in self._history],
                           [r.val_loss for r in self._history],
                           self._started.baseline_loss, test_loss, kept_epoch, running=running)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(done)
        elapsed = time.monotonic() - self._run_clock
        if done and total and done < total:
            remaining = elapsed / done * (total - done)
            self.eta_label.setText(self.tr("{0:.0f} s elapsed, about {1:.0f} s left").format(
                elapsed, remaining))
        elif done and done >= total:
            self.eta_label.setText(self.tr("{0:.1f} s").format(elapsed))

    def _on_run_finished(self, result: RunResult) -> None:
        self._completed_runs += 1
        self.last_result = result
        # "About 1 s left" must not outlive a run that was stopped or failed.
        elapsed = time.monotonic() - self._run_clock
        self.eta_label.setText(self.tr("{0:.1f} s").format(elapsed))
        self._redraw_timer.stop()
        self._decision_timer.stop()
        self._show_pending_decision()
        self._redraw_curves()
        self.pinned_view.mark_restored(result.restored_epoch)
        if result.status == "finished" and self._history:
            # Every number shown now describes the model the run kept.
            kept = result.restored_epoch
            if kept is not None and 1 <= kept <= len(self._history):
                self._show_learned(self._history[kept - 1], kept=True)
            self.progress_bar.setValue(self.progress_bar.maximum())
            if self._started is not None and len(self._history) < self._started.epochs:
                self.progress_bar.setFormat(self.tr("stopped early at epoch {0}").format(
                    len(self._history)))
        if result.status == "finished":
            metrics = result.report.metrics() if result.report else {}
            text = self.tr("Run complete: test accuracy {0:.1%}, test loss {1:.4f}").format(
                metrics.get("test_acc", math.nan), metrics.get("test_loss", math.nan))
            if result.message:  # stopped early
                text += "\n" + translated(result.message)
            verdict = self._verdict(metrics.get("test_loss"), result.restored_epoch)
            if verdict is not None:
                text += "\n" + translated(verdict.message)
            if result.store_problem:
                text += "\n" + translated(result.store_problem)
            self._show_message(text, error=verdict is not None or bool(result.store_problem))
        else:
            text = translated(result.message or result.status)
            if result.store_problem:
                text += "\n" + translated(result.store_problem)
            self._show_message(text, error=result.status == "failed"
                               or bool(result.store_problem))
        # The report's pages are drawn on a later turn of the event loop: drawn in one turn
        # with the curves and the message they paused the window for 60-120 ms.
        QTimer.singleShot(REPORT_DELAY_MS, self, lambda: self._show_run_report(result))

    def _show_run_report(self, result: RunResult) -> None:
        """The finished run's test report on its pages, the run in the list of runs, and
        the run announced to whoever follows runs."""
        if self.last_result is result and result.report is not None:
            self.evaluation_panel.show_report(result.report, result.class_names)
            self.samples_view.show_samples(result.report.samples, result.report.test_loss,
                                           result.class_names,
                                           LOSS_UNITS.get(result.config.loss, ""),
                                           validation=result.report.validation_samples,
                                           validation_loss=result.report.validation_loss)
            self._set_sample_source(result.report, result.config, result.class_names,
                                    self._run_label(result))
            watching = self.results_tabs.currentWidget() is self.pinned_view
            if not (self._started and self._started.is_2d) and not watching:
                self.results_tabs.setCurrentWidget(self.evaluation_page)
        self.runs_panel.refresh()
        self.run_completed.emit(result)

    def _on_loading(self, lines: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(lines)
        self.eta_label.setText(self.tr("Reading the data: {0:,} of {1:,} lines").format(
            lines, total))

    def _on_run_failed(self, message: str) -> None:
        self.eta_label.clear()
        self._show_message(self.tr("The run could not start or failed: {0}").format(message),
                           error=True)

    # --- one sample: its card, the routes to it, the explorer --------------------------------

    def _run_label(self, result: RunResult) -> str:
        if result.config.name:
            return result.config.name
        return (self.tr("run {0}").format(result.run_id) if result.run_id
                else self.tr("last run"))

    def _set_sample_source(self, report, config: TrainConfig, class_names,
                           run_name: str) -> None:
        samples = report.samples
        self._sample_source = (None if samples is None else SampleSource(
            samples, report.histogram_edges, config, tuple(str(n) for n in class_names),
            run_name, report.validation_samples))
        self.samples_replaced.emit()
        self._show_pins()

    def open_sample(self, index: int, part: SamplePart = "test") -> bool:
        """Open the card of test (or validation) sample ``index``, the Samples page showing
        its set; False when no such samples are shown."""
        source = self._sample_source
        samples = (None if source is None else
                   source.samples if part == "test" else source.validation)
        if samples is None or not 0 <= index < len(samples):
            return False
        from ce_desktop.core.training.sample_card import sample_card

        self.samples_view.show_part(part)  # a route from a plot goes back to the test set
        card = sample_card(samples, index, source.config)
        self.card_dialog.show_card(card, source.class_names, source.run_name)
        self.card_dialog.set_pinned(self.pinned_view.is_pinned(source.config, index))
        features = samples.features
        if features is not None and features.shape[1] == 2:
            self.decision_view.mark_sample((float(features[index, 0]),
                                            float(features[index, 1])))
        return True

    def _toggle_pin(self, index: int) -> None:
        """Pin or unpin test sample ``index`` of the samples on show (the table, a card)."""
        source = self._sample_source
        if source is not None and 0 <= index < len(source.samples):
            self.pinned_view.toggle(source.config, index,
                                    int(source.samples.true_class[index]), source.class_names)

    def _show_pins(self) -> None:
        """Mark the pinned samples in the table and on the card."""
        source = self._sample_source
        pinned = self.pinned_view.pinned_in(source.config) if source is not None else {}
        self.samples_view.set_pinned(pinned)
        card = self.card_dialog.card
        self.card_dialog.set_pinned(card is not None and card.index in pinned)

    def _on_open_in_explorer(self, request) -> None:
        self.card_dialog.hide()  # it floats above every tab; the explorer takes the screen
        self.explore_sample.emit(request)

    def _show_cell(self, true: int, predicted: int) -> None:
        source = self._sample_source
        if source is None:
            return
        keep = source.samples.selection(true_class=true, predicted_class=predicted)
        names = source.class_names
        self._show_subset(keep, self.tr("True class {0}, predicted {1}: {2} samples").format(
            names[true], names[predicted], int(keep.sum())))

    def _show_bin(self, b: int) -> None:
        source = self._sample_source
        if source is None:
            return
        edges = source.histogram_edges
        keep = source.samples.selection(probability_bin=(edges, b))
        what = (self.tr("P(class {0})").format(source.class_names[1])
                if len(source.class_names) == 2 else self.tr("q(true class)"))
        self._show_subset(keep, self.tr("{0} from {1} to {2}: {3} samples").format(
            what, format_number(float(edges[b]), 2), format_number(float(edges[b + 1]), 2),
            int(keep.sum())))

    def _show_subset(self, keep: np.ndarray, description: str) -> None:
        self.samples_view.show_subset(keep, description)
        self.results_tabs.setCurrentWidget(self.samples_view)

    def _open_nearest(self, x: float, y: float) -> None:
        source = self._sample_source
        if source is not None:
            index = source.samples.nearest((x, y))
            if index is not None:
                self.open_sample(index)

    # --- drawing -------------------------------------------------------------------------

    def _show_pending_decision(self) -> None:
        if self._pending_decision is not None:
            self.decision_view.show_grid(self._pending_decision)
            self._pending_decision = None

    def history(self) -> list:
        return list(self._history)

    def baseline_loss(self) -> float | None:
        """The last run's no-information baseline (nats); None before a run started."""
        return self._started.baseline_loss if self._started is not None else None

    def last_run_source(self) -> RunSource | None:
        """The last run, for its landscape, if it completed an epoch."""
        result = self.last_result
        if result is None or not self._history:
            return None
        # Without a store a run has no id; count runs so that a rebuilt run cached for its
        # landscape is never reused for a newer one.
        key = f"run:{result.run_id}" if result.run_id else f"last:{self._completed_runs}"
        name = result.config.name or (self.tr("run {0}").format(result.run_id) if result.run_id
                                      else self.tr("last run"))
        return RunSource(key, result.config,
                         np.stack([record.params for record in self._history]), name)

    def _series(self) -> dict[str, np.ndarray]:
        """The live curves' values by record field, smoothed when EMA smoothing is on."""
        series = {}
        for field in ("train_loss", "val_loss", "train_acc", "val_acc"):
            values = [getattr(r, field) for r in self._history]
            if self.smooth_check.isChecked() and values:
                values = ema(values, EMA_ALPHA)
            series[field] = np.asarray(values, dtype=float)
        return series

    def _redraw_curves(self, *_args) -> None:
        epochs = np.array([r.epoch for r in self._history], dtype=float)
        series = self._series()
        for curve, field in ((self.train_curve, "train_loss"), (self.val_curve, "val_loss"),
                             (self.train_acc_curve, "train_acc"),
                             (self.val_acc_curve, "val_acc")):
            curve.setData(epochs, series[field])
        self.pinned_view.redraw()
        self._update_ranges()

    def _loss_table(self) -> DataTable:
        """The loss plot as its CSV export writes it: epoch, training and validation loss
        (their moving averages when EMA smoothing is on), in the run's loss unit; then each
        compared run's validation loss by epoch."""
        series = self._series()
        smoothed = "_ema" if self.smooth_check.isChecked() else ""
        unit = LOSS_UNITS.get(self._history_loss, "")
        table = DataTable.of({
            "epoch": np.array([r.epoch for r in self._history], dtype=int),
            quantity(f"train_loss{smoothed}", unit): series["train_loss"],
            quantity(f"val_loss{smoothed}", unit): series["val_loss"],
        })
        for run in self._compared_runs:
            table = table.joined(DataTable.of({
                f"run_{run.run_id}_epoch": run.epochs,
                quantity(f"run_{run.run_id}_val_loss", LOSS_UNITS.get(run.loss, "")):
                    run.val_loss,
            }))
        return table

    def _accuracy_table(self) -> DataTable:
        """The accuracy plot as its CSV export writes it: epoch and the share of correct
        predictions (0–1) on each split."""
        series = self._series()
        smoothed = "_ema" if self.smooth_check.isChecked() else ""
        return DataTable.of({
            "epoch": np.array([r.epoch for r in self._history], dtype=int),
            f"train_accuracy{smoothed}": series["train_acc"],
            f"val_accuracy{smoothed}": series["val_acc"],
        })

    def _update_ranges(self) -> None:
        for plot in (self.loss_plot, self.acc_plot):
            # Auto-range now rather than in the paint: pyqtgraph does it at the start of
            # paintEvent, and the axes it changes there ask for a second full repaint.
            plot.getPlotItem().getViewBox().prepareForPaint()

    def _show_comparison(self, runs: list) -> None:
        """Overlay the validation loss of each ticked stored run on the loss plot."""
        plot = self.loss_plot.getPlotItem()
        for curve in self._compared_curves:
            plot.removeItem(curve)
            if plot.legend is not None:
                plot.legend.removeItem(curve)
        self._compared_curves = []
        self._compared_runs = list(runs)
        for n, run in enumerate(runs):
            color = COMPARISON_COLORS[n % len(COMPARISON_COLORS)]
            curve = plot.plot(run.epochs, run.val_loss,
                              pen=pg.mkPen(color, width=1.5, style=Qt.PenStyle.DashLine),
                              name=self.tr("{0} (val)").format(run.name))
            self._compared_curves.append(curve)

    def compared_curves(self) -> list[pg.PlotDataItem]:
        return list(self._compared_curves)

    def _on_hover(self, event) -> None:
        position = event[0]
        plot = self.loss_plot.getPlotItem()
        if not self._history or not plot.sceneBoundingRect().contains(position):
            self.hover_label.setVisible(False)
            return
        point = plot.vb.mapSceneToView(position)
        index = min(max(round(point.x()) - 1, 0), len(self._history) - 1)
        record = self._history[index]
        self.hover_label.setText(self.tr(
            "epoch {0}\ntrain loss {1:.4f}\nval loss {2:.4f}\nval acc {3:.3f}").format(
                record.epoch, record.train_loss, record.val_loss, record.val_acc))
        self.hover_label.setPos(point.x(), point.y())
        self.hover_label.setVisible(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.loss_plot and event.type() == QEvent.Type.Leave:
            self.hover_label.setVisible(False)
        return super().eventFilter(watched, event)

    def plots(self) -> dict[str, pg.PlotWidget]:
        plots = {self.tr("Loss per epoch"): self.loss_plot,
                 self.tr("Accuracy per epoch"): self.acc_plot}
        plots.update(self.decision_view.plots())
        plots.update(self.evaluation_panel.plots())
        plots.update(self.samples_view.plots())
        plots.update(self.pinned_view.plots())
        return plots
