"""The entropy explorer driven through its widgets, asserting on the numbers it shows."""

import csv
import math

import numpy as np
import pyqtgraph as pg
import pytest
import scipy.stats
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ce_desktop.core.info import Unit
from ce_desktop.ui.common import style


def readout(tab, key: str) -> str:
    return tab.readouts[key].text()


def drag(qtbot, editor, index: int, value: float) -> None:
    """Press on a bar top, move the mouse in steps to ``value``, release."""
    view = editor.plot_widget
    start = view.mapFromScene(editor.bar_top_scene_pos(index))
    end = view.mapFromScene(editor.view_box.mapViewToScene(pg.Point(index, value)))
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 11):
        QTest.mouseMove(viewport, start + (end - start) * step / 10)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_fair_coin_reads_exactly_one_bit(entropy_tab):
    coin = entropy_tab.coin_panel
    coin.set_probability(0.3)
    coin.set_probability(0.5)
    assert "H(0.500) = 1 bit" in coin.readout.text()
    assert "exactly one bit" in coin.readout.text()
    assert "= 1 bit; of tails" in coin.readout.text()


def test_dragging_the_coin_marker_updates_the_readout(entropy_tab):
    coin = entropy_tab.coin_panel
    coin.marker_line.setValue(0.25)
    assert coin.probability() == 0.25
    assert coin.slider.value() == pytest.approx(0.25)
    text = coin.readout.text()
    assert f"H(0.250) = {scipy.stats.entropy([0.25, 0.75], base=2):.4f} bits" in text
    assert "−log₂ p = 2 bits" in text
    assert f"{-math.log2(0.75):.4f} bits" in text
    coin.marker_line.setValue(1.0)
    assert "= 0 bits" in coin.readout.text() and "∞ bits" in coin.readout.text()


def test_readouts_match_scipy(entropy_tab):
    p, q = np.array([0.1, 0.2, 0.3, 0.4]), np.array([0.4, 0.3, 0.2, 0.1])
    entropy_tab.set_p(p)
    entropy_tab.set_q(q)
    assert readout(entropy_tab, "entropy_p") == f"{scipy.stats.entropy(p, base=2):.4f} bits"
    assert readout(entropy_tab, "entropy_q") == f"{scipy.stats.entropy(q, base=2):.4f} bits"
    ce = scipy.stats.entropy(p, base=2) + scipy.stats.entropy(p, q, base=2)
    assert readout(entropy_tab, "cross_entropy") == f"{ce:.4f} bits"
    assert readout(entropy_tab, "kl_pq") == f"{scipy.stats.entropy(p, q, base=2):.4f} bits"
    assert readout(entropy_tab, "kl_qp") == f"{scipy.stats.entropy(q, p, base=2):.4f} bits"
    assert readout(entropy_tab, "log_k") == "2 bits"
    perplexity = math.exp(scipy.stats.entropy(p))
    assert readout(entropy_tab, "perplexity_p") == f"{perplexity:.3f}"
    assert f"{ce:.4f} = " in entropy_tab.identity_label.text()
    heights = entropy_tab.contribution_bars.opts["height"]
    np.testing.assert_allclose(heights, -p * np.log2(q))


@pytest.mark.parametrize(
    ("unit", "expected"),
    [(Unit.BITS, "1 bit"), (Unit.NATS, "0.6931 nats"), (Unit.BANS, "0.3010 bans")],
)
def test_unit_switch_changes_every_readout_and_axis(entropy_tab, unit, expected):
    entropy_tab.set_p([0.5, 0.5])
    entropy_tab.set_q([0.5, 0.5])
    entropy_tab.unit_combo.setCurrentIndex(list(Unit).index(unit))
    assert entropy_tab.unit() is unit
    assert readout(entropy_tab, "entropy_p") == expected
    assert readout(entropy_tab, "cross_entropy") == expected
    assert readout(entropy_tab, "log_k") == expected
    coin_axis = entropy_tab.coin_panel.plot_widget.getPlotItem().getAxis("left").labelText
    assert unit.plural in coin_axis
    assert entropy_tab.contribution_plot.getPlotItem().getAxis("left").labelText == unit.plural
    assert expected in entropy_tab.coin_panel.readout.text()
    assert f"{expected.split()[0]} = " in entropy_tab.identity_label.text()


def test_typing_a_value_renormalises_the_others_proportionally(entropy_tab):
    entropy_tab.set_p([0.25, 0.25, 0.5])
    entropy_tab.p_editor.spinboxes[0].setValue(0.6)
    np.testing.assert_allclose(entropy_tab.p(), [0.6, 0.4 / 3, 0.8 / 3])
    assert entropy_tab.p_editor.spinboxes[2].value() == pytest.approx(0.267, abs=1e-3)
    expected = scipy.stats.entropy([0.6, 0.4 / 3, 0.8 / 3], base=2)
    assert readout(entropy_tab, "entropy_p") == f"{expected:.4f} bits"


def test_dragging_a_bar_with_the_mouse_edits_p(qtbot, entropy_tab):
    entropy_tab.set_p([0.25, 0.25, 0.25, 0.25])
    drag(qtbot, entropy_tab.p_editor, 1, 0.7)
    p = entropy_tab.p()
    assert p[1] == pytest.approx(0.7, abs=0.02)  # one pixel of the plot is ~0.005
    np.testing.assert_allclose(p[[0, 2, 3]], (1 - p[1]) / 3)
    assert p.sum() == pytest.approx(1.0)
    assert readout(entropy_tab, "entropy_p") == f"{scipy.stats.entropy(p, base=2):.4f} bits"


def test_drag_api_and_read_only_q(entropy_tab):
    entropy_tab.set_q([0.5, 0.5])
    entropy_tab.q_editor.drag_bar(0, 0.9)
    np.testing.assert_allclose(entropy_tab.q(), [0.9, 0.1])
    entropy_tab.set_q_source("logits")
    assert not entropy_tab.q_editor.is_editable()
    before = entropy_tab.q()
    entropy_tab.q_editor.drag_bar(0, 0.2)
    np.testing.assert_allclose(entropy_tab.q(), before)


def test_q_zero_where_p_positive_shows_infinity_and_highlights_the_class(entropy_tab):
    entropy_tab.set_p([0.5, 0.5, 0.0])
    entropy_tab.set_q([1.0, 0.0, 0.0])
    assert readout(entropy_tab, "cross_entropy") == "∞ bits"
    assert readout(entropy_tab, "kl_pq") == "∞ bits"
    assert readout(entropy_tab, "kl_qp") == "1 bit"
    assert readout(entropy_tab, "entropy_p") == "1 bit"
    assert "class 2 zero probability" in entropy_tab.note_label.text()
    brushes = entropy_tab.q_editor.bars.opts["brushes"]
    colours = [b.color().name() for b in brushes]
    assert colours == [style.Q_COLOR, style.WARNING, style.Q_COLOR]
    labels = [label.textItem.toPlainText() for label in entropy_tab._contribution_labels]
    assert labels == ["0.00", "∞", "0.00"]  # −0.5·log 1 = 0; −0.5·log 0 = ∞
    assert "∞" in entropy_tab.identity_label.text()
    for label in entropy_tab.readouts.values():
        assert "nan" not in label.text().lower()
    # Repairing q clears the warning.
    entropy_tab.q_editor.drag_bar(1, 0.5)
    assert readout(entropy_tab, "cross_entropy") == "1 bit"
    assert entropy_tab.comparison().infinite_classes == ()


def test_one_hot_p_has_zero_entropy(entropy_tab):
    entropy_tab.p_preset_combo.setCurrentIndex(entropy_tab.p_preset_combo.findData("one-hot"))
    entropy_tab.p_preset_combo.activated.emit(entropy_tab.p_preset_combo.currentIndex())
    assert readout(entropy_tab, "entropy_p") == "0 bits"
    assert readout(entropy_tab, "perplexity_p") == "1"
    assert entropy_tab.p_preset_combo.currentIndex() == 0  # the menu resets to "Preset…"


def test_dice_presets_set_six_classes(entropy_tab):
    combo = entropy_tab.p_preset_combo
    combo.activated.emit(combo.findData("loaded die"))
    assert entropy_tab.classes_spin.value() == 6
    assert len(entropy_tab.p_editor.spinboxes) == 6
    assert entropy_tab.q().size == 6
    expected = scipy.stats.entropy([0.1] * 5 + [0.5], base=2)
    assert readout(entropy_tab, "entropy_p") == f"{expected:.4f} bits"


def test_class_count_resizes_everything(entropy_tab):
    entropy_tab.classes_spin.setValue(8)
    assert entropy_tab.p().size == 8 and entropy_tab.q().size == 8
    assert len(entropy_tab.q_editor.spinboxes) == 8
    assert len(entropy_tab.logit_spins) == 8
    assert readout(entropy_tab, "log_k") == "3 bits"
    entropy_tab.classes_spin.setValue(2)
    assert entropy_tab.p().sum() == pytest.approx(1.0)
    assert len(entropy_tab.p_editor.spinboxes) == 2


def test_class_count_shows_and_hides_the_same_spin_boxes_and_labels(entropy_tab):
    editor = entropy_tab.p_editor
    first, logit = editor.spinboxes[0], entropy_tab.logit_spins[0]
    entropy_tab.classes_spin.setValue(12)
    entropy_tab.classes_spin.setValue(3)
    assert editor.spinboxes[0] is first and entropy_tab.logit_spins[0] is logit
    assert len(editor.spinboxes) == 3
    # The spin boxes of classes 4..12 still exist, hidden; a typed value reaches class 2.
    assert len(editor.spin_grid.findChildren(type(first))) == 12
    assert [s.isVisibleTo(entropy_tab) for s in editor.spin_grid.findChildren(type(first))] \
        == [True] * 3 + [False] * 9
    editor.spinboxes[1].setValue(0.5)
    assert entropy_tab.p()[1] == pytest.approx(0.5)
    labels = [label for label in entropy_tab._all_contribution_labels if label.isVisible()]
    assert len(labels) == 3
    assert [label.textItem.toPlainText() for label in labels] == [
        f"{value:.2f}" for value in entropy_tab.comparison().contributions]


def test_twelve_classes_with_logits_fit_without_overlapping(qtbot, tmp_path):
    from ce_desktop.ui.app import MainWindow

    window = MainWindow(store_path=str(tmp_path / "runs.sqlite"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tab = window.entropy_tab
    tab.set_q_source("logits")
    tab.classes_spin.setValue(12)
    qtbot.wait(100)
    editor = tab.q_editor
    plot_bottom = editor.plot_widget.mapTo(tab, editor.plot_widget.rect().bottomLeft()).y()
    grid_top = editor.spin_grid.mapTo(tab, editor.spin_grid.rect().topLeft()).y()
    assert grid_top > plot_bottom
    assert editor.plot_widget.height() >= editor.plot_widget.minimumHeight()


def test_q_from_logits_with_temperature(entropy_tab):
    entropy_tab.set_p([0.7, 0.2, 0.1])
    entropy_tab.set_q_source("logits")
    for spin, z in zip(entropy_tab.logit_spins, [2.0, 1.0, 0.0], strict=True):
        spin.setValue(z)
    z = np.array([2.0, 1.0, 0.0])
    expected_q = np.exp(z) / np.exp(z).sum()
    np.testing.assert_allclose(entropy_tab.q(), expected_q)
    np.testing.assert_allclose(entropy_tab.q_editor.distribution(), expected_q)
    assert readout(entropy_tab, "entropy_q") == (
        f"{scipy.stats.entropy(expected_q, base=2):.4f} bits"
    )
    entropy_tab.temperature_slider.setValue(10.0)
    hot = np.exp(z / 10) / np.exp(z / 10).sum()
    np.testing.assert_allclose(entropy_tab.q(), hot)
    assert readout(entropy_tab, "entropy_q") == f"{scipy.stats.entropy(hot, base=2):.4f} bits"


def test_label_smoothing_of_a_one_hot_target(entropy_tab):
    entropy_tab.set_p([0.0, 1.0, 0.0, 0.0])
    entropy_tab.set_q_source("smoothing")
    entropy_tab.epsilon_slider.setValue(0.2)
    np.testing.assert_allclose(entropy_tab.q(), [0.05, 0.85, 0.05, 0.05])
    assert readout(entropy_tab, "cross_entropy") == f"{-math.log2(0.85):.4f} bits"
    assert "class (2)" in entropy_tab.smoothing_note.text()


def test_cross_entropy_above_one_says_it_is_unbounded(entropy_tab):
    entropy_tab.set_p([0.9, 0.1])
    entropy_tab.set_q([0.1, 0.9])
    assert "not bounded by 1" in entropy_tab.note_label.text()


def test_edits_reach_the_status_bar(main_window):
    tab = main_window.entropy_tab
    tab.set_p([0.5, 0.5, 0.0])
    tab.set_q([1.0, 0.0, 0.0])
    assert "zero probability" in main_window.statusBar().currentMessage()


@pytest.mark.parametrize("suffix", [".png", ".svg", ".csv"])
def test_export_every_plot_in_every_format(main_window, tmp_path, suffix):
    tab = main_window.entropy_tab
    tab.set_p([0.5, 0.3, 0.2])
    for name in tab.plots():
        path = tmp_path / f"plot{suffix}"
        assert main_window.export_plot_to(name, str(path))
        if suffix == ".csv":
            header, *rows = list(csv.reader(path.open()))
            assert len(header) >= 2 and rows and all(float(v) >= 0 for v in rows[0] if v)
        else:
            assert path.stat().st_size > 1000
    assert "Saved" in main_window.statusBar().currentMessage()
    if suffix == ".png":
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    elif suffix == ".svg":
        assert "<svg" in path.read_text()


def test_csv_export_holds_the_curve(main_window, tmp_path):
    path = tmp_path / "coin.csv"
    assert main_window.export_plot_to("Binary entropy (coin)", str(path))
    rows = list(csv.reader(path.open()))
    values = [(float(r[0]), float(r[1])) for r in rows[1:] if r[0] and r[1]]
    peak = max(values, key=lambda xy: xy[1])
    assert peak == (0.5, 1.0)


def test_unknown_export_format_is_reported_not_raised(main_window, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(
        "ce_desktop.ui.main_window.QMessageBox.warning", lambda *args: warnings.append(args[2])
    )
    assert not main_window.export_plot_to("Distribution p", str(tmp_path / "plot.bmpx"))
    assert warnings and ".bmpx" in warnings[0]
    assert "Export failed" in main_window.statusBar().currentMessage()


def test_current_plot_follows_the_pointer(main_window, qtbot):
    assert main_window.current_plot_name() == "Distribution p"
    coin_view = main_window.entropy_tab.coin_panel.plot_widget
    QTest.mouseClick(coin_view.viewport(), Qt.MouseButton.RightButton)  # a press marks it
    qtbot.keyClick(coin_view, Qt.Key.Key_Escape)  # close pyqtgraph's context menu, if any
    assert main_window.current_plot_name() == "Binary entropy (coin)"


def test_csv_export_of_bars_holds_the_distribution(main_window, tmp_path):
    main_window.entropy_tab.set_p([0.5, 0.3, 0.2])
    path = tmp_path / "p.csv"
    assert main_window.export_plot_to("Distribution p", str(path))
    rows = list(csv.DictReader(path.open()))
    assert [float(r["probability"]) for r in rows] == [0.5, 0.3, 0.2]
    assert [r["class"] for r in rows] == ["1", "2", "3"]  # as the axis numbers them


@pytest.mark.parametrize("suffix", ["png", "svg", "csv"])
def test_export_to_an_unwritable_path_is_reported_not_raised(main_window, tmp_path,
                                                             monkeypatch, suffix):
    warnings = []
    monkeypatch.setattr(
        "ce_desktop.ui.main_window.QMessageBox.warning", lambda *args: warnings.append(args[2])
    )
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / f"plot.{suffix}"  # a path inside a file: no one can write there
    assert not main_window.export_plot_to("Distribution p", str(target))
    assert warnings and "plot" in warnings[0]
    assert "Export failed" in main_window.statusBar().currentMessage()
    assert not target.exists()


def test_every_control_shows_the_model_and_sends_it_one_edit(entropy_tab):
    """The model holds the state: a state applied to it shows in every control, and a
    control's edit reaches it as one change, never echoed back as another."""
    from ce_desktop.core.entropy.explorer import ExplorerState

    tab = entropy_tab
    changes = []
    tab.model.subscribe(lambda state, comparison: changes.append(state))
    state = ExplorerState(p=(0.6, 0.3, 0.1), q=(0.2, 0.3, 0.5), logits=(1.0, 0.5, -1.0),
                          q_source="logits", temperature=2.0, epsilon=0.25, unit=Unit.NATS)
    tab.set_state(state)
    assert tab.state() == state and len(changes) == 1
    assert tab.classes_spin.value() == 3
    assert tab.unit_combo.currentData() is Unit.NATS
    assert tab.q_source_combo.currentData() == "logits"
    assert tab.temperature_slider.value() == pytest.approx(2.0)
    assert tab.epsilon_slider.value() == pytest.approx(0.25)
    assert [spin.value() for spin in tab.logit_spins] == [1.0, 0.5, -1.0]
    np.testing.assert_allclose(tab.p_editor.distribution(), state.p)
    np.testing.assert_allclose(tab.q_editor.distribution(), tab.comparison().q)
    assert not tab.q_editor.is_editable() and not tab.q_preset_combo.isEnabled()

    tab.epsilon_slider.setValue(0.5)
    tab.logit_spins[1].setValue(2.0)
    assert len(changes) == 3
    assert tab.state().epsilon == pytest.approx(0.5)
    assert tab.state().logits == (1.0, 2.0, -1.0)
    assert tab.state().p == state.p and tab.state().q == state.q
