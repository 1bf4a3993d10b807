"""The entropy explorer: edit p and q, read H(p), H(p,q), both KLs and per-class costs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.core.entropy import distributions, explorer
from ce_desktop.core.entropy.model import ExplorerModel
from ce_desktop.core.info import Unit
from ce_desktop.core.messages import InvalidInput
from ce_desktop.ui.common import style
from ce_desktop.ui.common.axes import label_axis
from ce_desktop.ui.common.formatting import INFINITY, format_number, format_quantity, unit_name
from ce_desktop.ui.common.labeled_slider import LabeledSlider
from ce_desktop.ui.common.language import translated
from ce_desktop.ui.common.plot_export import DataTable, classes, quantity, set_table_source
from ce_desktop.ui.common.session import Session
from ce_desktop.ui.common.widgets import (
    CurrentPageStack,
    SpinBoxGrid,
    scrolling,
    show_first,
)
from ce_desktop.ui.entropy.coin_panel import CoinPanel
from ce_desktop.ui.entropy.distribution_editor import SPINBOXES_PER_ROW, DistributionEditor

if TYPE_CHECKING:  # the trainer's card module is imported when a sample arrives, not at start-up
    from ce_desktop.core.training.sample_card import SampleInExplorer

EXPLANATION_HTML = QT_TRANSLATE_NOOP("EntropyTab", """
<h3>Entropy</h3>
<p><b>H(p) = −Σ<sub>i</sub> p<sub>i</sub> log p<sub>i</sub></b> is the average surprise of
outcomes drawn from p: the fewest bits per outcome any code can average. A fair coin has
H = 1 bit; a certain outcome has H = 0; K equally likely classes have the maximum, log K.</p>
<h3>Cross-entropy</h3>
<p><b>H(p, q) = −Σ<sub>i</sub> p<sub>i</sub> log q<sub>i</sub></b> is the average cost of
coding outcomes of p with a code built for q. It is the loss a classifier minimises:
p is the label, q the prediction. It is <b>not bounded by 1</b>: a classifier that always
answers ½ on balanced binary data pays ln 2 ≈ 0.693 nats (1 bit) per sample, and a confident
wrong answer costs without bound — q<sub>i</sub> = 0 where p<sub>i</sub> &gt; 0 costs ∞.</p>
<h3>KL divergence</h3>
<p><b>KL(p‖q) = Σ<sub>i</sub> p<sub>i</sub> log(p<sub>i</sub>/q<sub>i</sub>) ≥ 0</b> is the
extra cost of using q instead of p, so <b>H(p, q) = H(p) + KL(p‖q)</b>. With p fixed (the
labels), minimising cross-entropy and minimising KL are the same thing. KL is not
symmetric: KL(q‖p) is usually different.</p>
<h3>Softmax, temperature and label smoothing</h3>
<p>A network outputs logits z; q = softmax(z / T). A high temperature T flattens q, a low
one sharpens it. Label smoothing replaces a one-hot target by (1 − ε)·onehot + ε/K, so the
best possible loss is no longer 0 and the model is discouraged from infinite confidence.</p>
<h3>Units</h3>
<p>log<sub>2</sub> gives bits, ln gives nats (PyTorch's losses), log<sub>10</sub> gives
bans. 1 bit = ln 2 nats ≈ 0.693 nats.</p>
""")
#: The core's preset names, shown through tr().
PRESET_NAMES = {
    "uniform": QT_TRANSLATE_NOOP("EntropyTab", "uniform"),
    "one-hot": QT_TRANSLATE_NOOP("EntropyTab", "one-hot"),
    "peaked": QT_TRANSLATE_NOOP("EntropyTab", "peaked"),
    "fair die": QT_TRANSLATE_NOOP("EntropyTab", "fair die"),
    "loaded die": QT_TRANSLATE_NOOP("EntropyTab", "loaded die"),
}


class EntropyTab(QWidget):
    """Tab 1: distributions p and q, and every quantity that compares them."""

    status_message = Signal(str)
    back_to_run = Signal(object)
    """The banner's "Back to sample N": return to the trainer with that sample's card (the
    :class:`SampleInExplorer` shown)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The explorer's state; the widgets send it their edits and show what it holds.
        self.model = ExplorerModel()
        self._shown: explorer.ExplorerState | None = None

        self._build_controls()
        self.coin_panel = CoinPanel()
        p_group = self._build_p_group()
        q_group = self._build_q_group()
        comparison_group = self._build_comparison_group()
        readout_group = self._build_readouts()
        self.explanation = QTextBrowser()
        self.explanation.setHtml(self.tr(EXPLANATION_HTML))
        self.explanation.setOpenExternalLinks(False)
        # It scrolls; a few lines are enough where the window is short.
        self.explanation.setMinimumHeight(50)
        explanation_group = QGroupBox(self.tr("What the numbers mean"))
        QVBoxLayout(explanation_group).addWidget(self.explanation)

        content = QWidget()
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(p_group, 0, 0)
        grid.addWidget(q_group, 1, 0)
        grid.addWidget(comparison_group, 0, 1, 2, 1)
        grid.addWidget(self.coin_panel, 0, 2)
        grid.addWidget(explanation_group, 1, 2)
        for column, stretch in enumerate((4, 4, 3)):
            grid.setColumnStretch(column, stretch)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self._build_sample_banner())
        layout.addLayout(self._controls)
        # In a short window (a laptop screen) the editors and plots scroll, rather than being
        # squeezed or making the window taller than the screen; the readouts stay in view.
        layout.addWidget(scrolling(content), 1)
        layout.addWidget(readout_group)

        self.unit_combo.currentIndexChanged.connect(
            lambda _: self.model.set_unit(self.unit_combo.currentData()))
        self.classes_spin.valueChanged.connect(self.set_class_count)
        self.coin_panel.probability_changed.connect(self._on_coin_changed)
        self.model.subscribe(self._show)
        self._show(self.model.state, self.model.comparison)

    # --- construction --------------------------------------------------------------------

    def _build_sample_banner(self) -> QWidget:
        """The line that says which trainer sample is shown, with the way back to it."""
        self.sample_banner = QWidget()
        self._sample: SampleInExplorer | None = None
        """The trainer sample the banner names, for the way back."""
        self.sample_banner.setStyleSheet(
            f"QWidget#sampleBanner {{ border: 1px solid {style.Q_COLOR}; border-radius: 3px }}")
        self.sample_banner.setObjectName("sampleBanner")
        self.sample_label = QLabel()
        self.sample_label.setWordWrap(True)
        self.back_button = QPushButton()
        self.back_button.setToolTip(self.tr("Return to the trainer with this sample's card"))
        self.back_button.clicked.connect(self._on_back)
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setToolTip(self.tr("Hide this line; the p and q stay"))
        self.dismiss_button.clicked.connect(self.forget_sample)
        row = QHBoxLayout(self.sample_banner)
        row.setContentsMargins(6, 3, 6, 3)
        row.addWidget(self.sample_label, 1)
        row.addWidget(self.back_button)
        row.addWidget(self.dismiss_button)
        self.sample_banner.hide()
        return self.sample_banner

    def show_sample(self, request: SampleInExplorer) -> bool:
        """Show a trainer sample's p and q (K and the unit with them) and the way back;
        False, with a status message, when the explorer cannot show it."""
        from ce_desktop.core.training.sample_card import explorer_state

        card = request.card
        try:
            self.model.apply(explorer_state(card, self.model.state))
        except InvalidInput as error:
            self.status_message.emit(translated(error))
            return False
        names = request.class_names
        true = card.true_class
        text = (self.tr(
            "Validation sample {0} of {1}: p is its label, q the model's prediction. Its "
            "true class {2} is class {3} here. Edit q to watch its loss change.")
            if card.part == "validation" else self.tr(
            "Test sample {0} of {1}: p is its label, q the model's prediction. Its true "
            "class {2} is class {3} here. Edit q to watch its loss change."))
        self.sample_label.setText(text.format(card.index, request.run_name, names[true],
                                              true + 1))
        self.back_button.setText(self.tr("Back to sample {0} of {1}").format(
            card.index, request.run_name))
        self._sample = request
        self.sample_banner.show()
        return True

    def forget_sample(self) -> None:
        """Take the banner away: its sample is no longer one the trainer shows (a later run or
        model replaced it), or the user dismissed it. p and q stay as they are."""
        self._sample = None
        self.sample_banner.hide()

    def _on_back(self) -> None:
        if self._sample is not None:
            self.back_to_run.emit(self._sample)

    def _build_controls(self) -> None:
        self.unit_combo = QComboBox()
        for unit in Unit:
            self.unit_combo.addItem(f"{unit_name(unit)} ({unit.log_symbol})", unit)
        self.unit_combo.setToolTip(
            self.tr("Logarithm base of every readout and axis: bits (2), nats (e), bans (10)")
        )
        self.classes_spin = QSpinBox()
        self.classes_spin.setRange(distributions.MIN_CLASSES, distributions.MAX_CLASSES)
        self.classes_spin.setValue(self.model.state.classes)
        self.classes_spin.setToolTip(self.tr("Number of classes K of both distributions"))
        self._controls = QHBoxLayout()
        self._controls.addWidget(QLabel(self.tr("Units:")))
        self._controls.addWidget(self.unit_combo)
        self._controls.addSpacing(16)
        self._controls.addWidget(QLabel(self.tr("Classes K:")))
        self._controls.addWidget(self.classes_spin)
        self._controls.addStretch(1)

    def _preset_combo(self, which: str, tooltip: str) -> QComboBox:
        """A menu of the preset distributions that replaces ``which`` ("p" or "q")."""
        combo = QComboBox()
        combo.addItem(self.tr("Preset…"), None)
        for name in distributions.PRESETS:
            combo.addItem(self.tr(PRESET_NAMES.get(name, name)), name)
        combo.setToolTip(tooltip)
        combo.activated.connect(lambda index: self._apply_preset(which, combo, index))
        return combo

    def _build_p_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("p — the true distribution (the labels)"))
        self.p_preset_combo = self._preset_combo(
            "p", self.tr("Replace p by a preset distribution"))
        self.p_editor = DistributionEditor(style.P_COLOR)
        self.p_editor.setToolTip(self.tr("Drag a bar top, or type a value below"))
        self.p_editor.distribution_changed.connect(self.model.set_p)
        header = QHBoxLayout()
        header.addWidget(QLabel(self.tr("Drag bars or type values; the rest rescale.")), 1)
        header.addWidget(self.p_preset_combo)
        layout = QVBoxLayout(group)
        layout.addLayout(header)
        layout.addWidget(self.p_editor, 1)
        return group

    def _build_q_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("q — the model's distribution (the prediction)"))
        self.q_source_combo = QComboBox()
        self.q_source_combo.addItem(self.tr("Edit q directly"), "direct")
        self.q_source_combo.addItem(self.tr("q = softmax(logits / T)"), "logits")
        self.q_source_combo.addItem(self.tr("q = label-smoothed one-hot of p"), "smoothing")
        self.q_source_combo.setToolTip(self.tr("Where q comes from"))
        self.q_source_combo.currentIndexChanged.connect(
            lambda _: self.model.set_q_source(self.q_source_combo.currentData()))
        self.q_preset_combo = self._preset_combo(
            "q", self.tr("Replace q by a preset distribution"))

        self.q_editor = DistributionEditor(style.Q_COLOR)
        self.q_editor.distribution_changed.connect(self.model.set_q)

        self.q_options = CurrentPageStack()
        self.q_options.addWidget(QWidget())
        self.q_options.addWidget(self._build_logit_controls())
        self.q_options.addWidget(self._build_smoothing_controls())

        header = QHBoxLayout()
        header.addWidget(self.q_source_combo, 1)
        header.addWidget(self.q_preset_combo)
        layout = QVBoxLayout(group)
        layout.addLayout(header)
        layout.addWidget(self.q_editor, 1)
        layout.addWidget(self.q_options)
        return group

    def _build_logit_controls(self) -> QWidget:
        box = QWidget()
        self.logit_grid = SpinBoxGrid(distributions.MAX_CLASSES, SPINBOXES_PER_ROW,
                                      self._make_logit_spin)
        self.temperature_slider = LabeledSlider()
        self.temperature_slider.setRange(*explorer.TEMPERATURE_RANGE)
        self.temperature_slider.setValue(self.model.state.temperature)
        self.temperature_slider.setDecimals(2)
        self.temperature_slider.setToolTip(
            self.tr("Temperature T: high flattens q towards uniform, low sharpens it to one-hot")
        )
        self.temperature_slider.valueChanged.connect(self.model.set_temperature)
        form = QFormLayout()
        form.addRow(self.tr("Temperature T:"), self.temperature_slider)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Logits z:")))
        layout.addWidget(self.logit_grid)
        layout.addLayout(form)
        return box

    def _build_smoothing_controls(self) -> QWidget:
        box = QWidget()
        self.epsilon_slider = LabeledSlider()
        self.epsilon_slider.setRange(*explorer.EPSILON_RANGE)
        self.epsilon_slider.setDecimals(3)
        self.epsilon_slider.setValue(self.model.state.epsilon)
        self.epsilon_slider.setToolTip(
            self.tr("Label smoothing ε: q = (1 − ε)·onehot(argmax p) + ε/K")
        )
        self.epsilon_slider.valueChanged.connect(self.model.set_epsilon)
        self.smoothing_note = QLabel()
        self.smoothing_note.setWordWrap(True)
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Smoothing ε:"), self.epsilon_slider)
        form.addRow(self.smoothing_note)
        return box

    def _build_comparison_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Comparing p with q"))
        self.identity_plot = pg.PlotWidget()
        self.identity_plot.setMinimumHeight(120)
        self.identity_plot.setMaximumHeight(170)
        identity = self.identity_plot.getPlotItem()
        identity.setTitle(self.tr("H(p, q) = H(p) + KL(p‖q)"))
        identity.setMouseEnabled(x=False, y=False)
        identity.hideButtons()
        identity.getAxis("left").setTicks([[(0, "H(p,q)"), (1, "H(p)")]])
        self.identity_entropy_bar = pg.BarGraphItem(
            x0=[0], y=[0], width=[0], height=0.6, brush=style.P_COLOR, name="H(p)"
        )
        self.identity_kl_bar = pg.BarGraphItem(
            x0=[0], y=[0], width=[0], height=0.6, brush=style.KL_COLOR, name="KL(p‖q)"
        )
        self.identity_reference_bar = pg.BarGraphItem(
            x0=[0], y=[1], width=[0], height=0.6, brush=style.P_COLOR, name="H(p) in H(p,q)"
        )
        for item in (self.identity_entropy_bar, self.identity_kl_bar, self.identity_reference_bar):
            identity.addItem(item)
        set_table_source(self.identity_plot, self._identity_table)
        self.identity_label = QLabel()
        self.identity_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.identity_label.setTextFormat(Qt.TextFormat.RichText)

        self.contribution_plot = pg.PlotWidget()
        contributions = self.contribution_plot.getPlotItem()
        contributions.setTitle(self.tr("Per-class cost −p<sub>i</sub> log q<sub>i</sub>"))
        contributions.setMouseEnabled(x=False, y=False)
        contributions.hideButtons()
        contributions.showGrid(y=True, alpha=0.25)
        style.two_grid_levels(contributions)
        self.contribution_bars = pg.BarGraphItem(x=[], height=[], width=0.7, name="-p log q")
        contributions.addItem(self.contribution_bars)
        set_table_source(self.contribution_plot, self._contribution_table)
        # One label per class up to the largest K, made once; K changes show or hide them.
        self._all_contribution_labels: list[pg.TextItem] = []
        for _ in range(distributions.MAX_CLASSES):
            label = pg.TextItem(anchor=(0.5, 1.0))
            label.setFont(style.small_font())
            contributions.addItem(label)
            self._all_contribution_labels.append(label)
        self._contribution_labels: list[pg.TextItem] = []

        layout = QVBoxLayout(group)
        layout.addWidget(self.identity_plot)
        layout.addWidget(self.identity_label)
        layout.addWidget(self.contribution_plot, 1)
        return group

    def _build_readouts(self) -> QGroupBox:
        group = QGroupBox(self.tr("Readouts"))
        names = {
            "entropy_p": self.tr("H(p)"),
            "entropy_q": self.tr("H(q)"),
            "cross_entropy": self.tr("H(p, q)"),
            "kl_pq": self.tr("KL(p‖q)"),
            "kl_qp": self.tr("KL(q‖p)"),
            "perplexity_p": self.tr("perplexity of p"),
            "perplexity_q": self.tr("perplexity of q"),
            "log_k": self.tr("log K (maximum H)"),
        }
        tips = {
            "entropy_p": self.tr("Entropy of p: the average surprise of the labels"),
            "entropy_q": self.tr("Entropy of q: how unsure the prediction is"),
            "cross_entropy": self.tr("Cross-entropy: the loss of predicting q when the truth is p"),
            "kl_pq": self.tr("Extra cost of coding p with q's code; cross-entropy minus H(p)"),
            "kl_qp": self.tr("The reverse divergence: KL is not symmetric"),
            "perplexity_p": self.tr("Effective number of equally likely classes in p"),
            "perplexity_q": self.tr("Effective number of equally likely classes in q"),
            "log_k": self.tr("Entropy of the uniform distribution over K classes"),
        }
        self.readouts: dict[str, QLabel] = {}
        grid = QGridLayout(group)
        for n, (key, caption) in enumerate(names.items()):
            title = QLabel(caption + ":")
            title.setToolTip(tips[key])
            value = QLabel()
            value.setObjectName(f"readout_{key}")
            value.setToolTip(tips[key])
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            font = value.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() + 1)
            value.setFont(font)
            row, col = divmod(n, 4)
            grid.addWidget(title, row, 2 * col, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(value, row, 2 * col + 1)
            self.readouts[key] = value
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setTextFormat(Qt.TextFormat.RichText)
        grid.addWidget(self.note_label, 2, 0, 1, 8)
        return group

    # --- public API ----------------------------------------------------------------------

    # --- remembered settings ---------------------------------------------------------------

    settings_group = "entropy"
    settings_version = 1

    def save_settings(self, session: Session) -> None:
        session.set("entropy/unit", self.unit().name)

    def restore_settings(self, session: Session, version: int) -> None:
        unit = session.text("entropy/unit", tuple(u.name for u in Unit))
        if unit:
            self.set_unit(Unit[unit])

    def reset_settings(self) -> None:
        self.set_unit(Unit.BITS)

    def unit(self) -> Unit:
        return self.model.state.unit

    def set_unit(self, unit: Unit) -> None:
        self.model.set_unit(unit)

    def p(self) -> np.ndarray:
        return np.array(self.model.state.p)

    def q(self) -> np.ndarray:
        """The q currently compared with p, whatever its source."""
        return self.model.comparison.q.copy()

    def q_source(self) -> explorer.QSource:
        return self.model.state.q_source

    def set_q_source(self, source: explorer.QSource) -> None:
        self.model.set_q_source(source)

    def set_p(self, p) -> None:
        """Replace p (its size sets K; q is resized to match)."""
        self.model.set_p(p)

    def set_q(self, q) -> None:
        """Replace the directly edited q (its size sets K; p is resized to match)."""
        self.model.set_q(q)

    def set_logits(self, logits) -> None:
        self.model.set_logits(logits)

    def set_class_count(self, k: int) -> None:
        self.model.set_class_count(k)

    def state(self) -> explorer.ExplorerState:
        """Everything needed to show this comparison again (an experiment file's part)."""
        return self.model.state

    def set_state(self, state: explorer.ExplorerState) -> None:
        """Show a state from :meth:`state` (checked by core.experiment when read)."""
        self.model.apply(state)

    def comparison(self) -> explorer.Comparison:
        return self.model.comparison

    def plots(self) -> dict[str, pg.PlotWidget]:
        """The tab's plots by title, for File → Export current plot."""
        return {
            self.tr("Distribution p"): self.p_editor.plot_widget,
            self.tr("Distribution q"): self.q_editor.plot_widget,
            self.tr("Per-class cost"): self.contribution_plot,
            self.tr("Identity H(p,q) = H(p) + KL"): self.identity_plot,
            self.tr("Binary entropy (coin)"): self.coin_panel.plot_widget,
        }

    def _contribution_table(self) -> DataTable:
        """The per-class costs as a CSV export writes them: class 1..K and −p_i log q_i in
        the unit shown (inf where the bar is drawn full height in red)."""
        c = self.comparison()
        return DataTable.of({"class": classes(c.contributions.size),
                             quantity("cost", c.unit): c.contributions})

    def _identity_table(self) -> DataTable:
        """The identity's three bars as one row: H(p), KL(p‖q) and H(p, q)."""
        c = self.comparison()
        return DataTable.of({quantity("entropy_p", c.unit): c.entropy_p,
                             quantity("kl_pq", c.unit): c.kl_pq,
                             quantity("cross_entropy", c.unit): c.cross_entropy})

    # --- reactions -----------------------------------------------------------------------

    def _on_coin_changed(self, p: float) -> None:
        unit = self.unit()
        reading = explorer.coin(p, unit)
        self.status_message.emit(
            self.tr("Coin with P(heads) = {0}: H = {1}").format(
                format_number(p, 3), format_quantity(reading.entropy, unit)
            )
        )

    def _apply_preset(self, which: str, combo: QComboBox, index: int) -> None:
        name = combo.itemData(index)
        combo.setCurrentIndex(0)  # the menu reads "Preset…" again
        if name is not None:
            self.model.set_preset(which, name)

    # --- drawing -------------------------------------------------------------------------

    def _make_logit_spin(self, i: int) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(-1000.0, 1000.0)
        spin.setDecimals(2)
        spin.setSingleStep(0.5)
        spin.setKeyboardTracking(False)
        spin.setToolTip(self.tr("Logit z of class {0}").format(i + 1))
        spin.valueChanged.connect(lambda value: self.model.set_logit(i, value))
        return spin

    @property
    def logit_spins(self) -> list[QDoubleSpinBox]:
        """The logit spin boxes of classes 1..K."""
        return self.logit_grid.spinboxes

    def _show(self, state: explorer.ExplorerState, c: explorer.Comparison) -> None:
        """Show the model's state and its comparison: every control, editor and plot.

        The model calls this after each change; a control is set with its signals blocked,
        so showing a value never sends it back as an edit."""
        shown, self._shown = self._shown, state
        k = state.classes
        _set_quietly(self.classes_spin.setValue, self.classes_spin, k)
        _set_quietly(self.unit_combo.setCurrentIndex, self.unit_combo,
                     list(Unit).index(state.unit))
        _set_quietly(self.q_source_combo.setCurrentIndex, self.q_source_combo,
                     explorer.Q_SOURCES.index(state.q_source))
        if self.temperature_slider.value() != state.temperature:
            _set_quietly(self.temperature_slider.setValue, self.temperature_slider,
                         state.temperature)
        if self.epsilon_slider.value() != state.epsilon:
            _set_quietly(self.epsilon_slider.setValue, self.epsilon_slider, state.epsilon)
        if shown is None or shown.unit != state.unit:
            self.coin_panel.set_unit(state.unit)
        if shown is None or shown.q_source != state.q_source:
            direct = state.q_source == "direct"
            self.q_options.setCurrentIndex(explorer.Q_SOURCES.index(state.q_source))
            self.q_editor.set_editable(direct)
            self.q_preset_combo.setEnabled(direct)
        self.p_editor.set_distribution(state.p)
        if shown is None or shown.logits != state.logits:
            self.logit_grid.show_count(k)
            self.logit_grid.set_values(state.logits)
        self.q_editor.set_distribution(c.q)
        self.q_editor.set_highlighted(c.infinite_classes)
        self._show_readouts(c)
        self._draw_identity(c)
        self._draw_contributions(c)
        self._show_note(c)
        if state.q_source == "smoothing":
            self.smoothing_note.setText(
                self.tr("The target is the one-hot of p's most likely class ({0}).").format(
                    explorer.smoothing_class(state.p) + 1
                )
            )

    def _show_readouts(self, c: explorer.Comparison) -> None:
        unit = c.unit
        for key in ("entropy_p", "entropy_q", "cross_entropy", "kl_pq", "kl_qp", "log_k"):
            self.readouts[key].setText(format_quantity(getattr(c, key), unit))
        self.readouts["perplexity_p"].setText(format_number(c.perplexity_p, 3))
        self.readouts["perplexity_q"].setText(format_number(c.perplexity_q, 3))
        infinite = bool(c.infinite_classes)
        for key in ("cross_entropy", "kl_pq"):
            color = style.WARNING if infinite else style.TEXT
            self.readouts[key].setStyleSheet(f"color: {color}")

    def _draw_identity(self, c: explorer.Comparison) -> None:
        unit = unit_name(c.unit)
        infinite = not np.isfinite(c.kl_pq)
        right = max(c.entropy_p + (0.0 if infinite else c.kl_pq), c.log_k, 1e-3) * 1.05
        # An infinite divergence fills the rest of the axis in the warning colour.
        kl_width = right - c.entropy_p if infinite else c.kl_pq
        self.identity_entropy_bar.setOpts(x0=[0], y=[1], width=[c.entropy_p], height=0.6)
        self.identity_reference_bar.setOpts(x0=[0], y=[0], width=[c.entropy_p], height=0.6)
        self.identity_kl_bar.setOpts(
            x0=[c.entropy_p], y=[0], width=[kl_width], height=0.6,
            brush=style.WARNING if infinite else style.KL_COLOR,
        )
        plot = self.identity_plot.getPlotItem()
        label_axis(plot.getAxis("bottom"), unit)
        plot.setRange(xRange=(0, right), yRange=(-0.5, 1.5), padding=0)
        kl_color = style.WARNING if infinite else style.KL_COLOR
        self.identity_label.setText(
            "H(p, q) = <span style='color:{p}'>H(p)</span> + "  # symbols, no words
            "<span style='color:{kl}'>KL(p‖q)</span>: <b>{ce} = {h} + {d}</b> {unit}".format(
                p=style.P_COLOR, kl=kl_color, ce=format_number(c.cross_entropy),
                h=format_number(c.entropy_p), d=format_number(c.kl_pq), unit=unit,
            )
        )

    def _draw_contributions(self, c: explorer.Comparison) -> None:
        k = c.contributions.size
        finite = c.contributions[np.isfinite(c.contributions)]
        ceiling = max(float(finite.max()) if finite.size else 0.0, c.log_k / 2, 1e-3) * 1.25
        heights = np.where(np.isfinite(c.contributions), c.contributions, ceiling)
        brushes = [
            pg.mkBrush(style.WARNING if i in c.infinite_classes else style.P_COLOR)
            for i in range(k)
        ]
        self.contribution_bars.setOpts(
            x=np.arange(k), height=heights, width=0.7, brushes=brushes, pen=None
        )
        plot = self.contribution_plot.getPlotItem()
        if len(self._contribution_labels) != k:
            self._contribution_labels = show_first(self._all_contribution_labels, k)
        for i, (label, value) in enumerate(zip(self._contribution_labels, c.contributions,
                                               strict=True)):
            label.setText(INFINITY if np.isinf(value) else f"{value:.2f}")
            label.setColor(style.WARNING if i in c.infinite_classes else style.TEXT)
            label.setPos(i, heights[i])
        plot.getAxis("bottom").setTicks([[(i, str(i + 1)) for i in range(k)]])
        label_axis(plot.getAxis("left"), unit_name(c.unit))
        label_axis(plot.getAxis("bottom"), self.tr("class"))
        plot.setRange(xRange=(-0.6, k - 0.4), yRange=(0, ceiling * 1.15), padding=0)

    def _show_note(self, c: explorer.Comparison) -> None:
        unit = c.unit
        if c.infinite_classes:
            classes = ", ".join(str(i + 1) for i in c.infinite_classes)
            text = self.tr(
                "q gives class {0} zero probability although p does not: coding it costs "
                "infinitely many {1}, so H(p, q) = KL(p‖q) = ∞."
            ).format(classes, unit_name(unit))
            color = style.WARNING
        elif c.cross_entropy > 1.0:
            text = self.tr(
                "Cross-entropy is not bounded by 1: here H(p, q) = {0}."
            ).format(format_quantity(c.cross_entropy, unit))
            color = style.TEXT
        elif c.kl_pq == 0.0:
            text = self.tr("q equals p: KL(p‖q) = 0 and the cross-entropy is as low as it gets, "
                           "H(p).")
            color = style.TEXT
        else:
            text = self.tr("KL(p‖q) = {0} is the price of predicting q instead of p.").format(
                format_quantity(c.kl_pq, unit)
            )
            color = style.TEXT
        self.note_label.setText(f'<span style="color:{color}">{text}</span>')
        self.status_message.emit(text)


def _set_quietly(setter, widget: QWidget, value) -> None:
    """``setter(value)`` with ``widget``'s signals blocked: shown, not sent back as an edit."""
    blocked = widget.blockSignals(True)
    try:
        setter(value)
    finally:
        widget.blockSignals(blocked)
