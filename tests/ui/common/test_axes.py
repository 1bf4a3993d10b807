"""No SI prefix on any axis: ticks read the values the plots draw, in the unit they name.

pyqtgraph rescales a labelled axis whose values are small: per-class costs of 0.23 and 0.50
nats read "nats (x0.001)" with ticks 100–500. These tests walk every axis of the window, and
every line of the interface that labels one."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest

from ce_desktop.core.info import Unit
from ce_desktop.core.landscape.events import GridUpdate, PlaneReady
from ce_desktop.ui.common.axes import label_axis

UI = Path(__file__).resolve().parents[3] / "ce_desktop" / "ui"
#: Values far below 1, where pyqtgraph would pick the prefix µ ("(x1e-06)").
TINY = 0.0005


def every_axis(root) -> list[tuple[str, pg.AxisItem]]:
    """(where, axis) for each axis in every plot under ``root``, colour bars included."""
    found = []
    for view in root.findChildren(pg.GraphicsView):
        for item in view.scene().items():
            if isinstance(item, pg.AxisItem):
                owner = view.parent()
                where = f"{type(owner).__name__}/{type(view).__name__} {item.orientation}"
                found.append((where, item))
    return found


def shows_a_prefix(axis: pg.AxisItem) -> bool:
    label = axis.labelString()
    return (axis.autoSIPrefixScale != 1.0 or bool(axis.labelUnitPrefix)
            or "(x" in label or "(×" in label)


def fake_report():
    from ce_desktop.core.training.results import TestReport

    edges = np.linspace(0.0, 1.0, 11)
    return TestReport(
        test_loss=0.0004, test_acc=0.9, test_auc=0.95, confusion=np.array([[9, 1], [1, 9]]),
        calibration_predicted=np.array([0.0002, 0.0004]),
        calibration_observed=np.array([0.0001, 0.0003]), histogram_edges=edges,
        histograms=np.zeros((2, 10)))


def test_no_axis_of_the_window_shows_an_si_prefix_for_tiny_values(main_window):
    entropy = main_window.entropy_tab
    entropy.set_unit(Unit.BANS)
    entropy.set_p([0.5, 0.5])
    entropy.set_q([0.5005, 0.4995])
    main_window.trainer_tab.evaluation_panel.show_report(fake_report(), ["0", "1"])
    # A landscape's axes are labelled when its plane arrives: hand the panel one.
    landscape = main_window.surface_tab.landscape_panel
    axis = np.linspace(-TINY, TINY, 5)
    landscape._on_event(PlaneReady(axis, axis, None, None, TINY))
    landscape._on_event(GridUpdate(1, np.full((5, 5), TINY) + np.eye(5) * TINY, 25, 25, True))
    for name in main_window.tab_names():
        main_window.show_tab(name)
    axes = every_axis(main_window)
    labelled = [where for where, axis in axes if axis.labelText]
    assert len(labelled) >= 25, labelled
    for _, axis in axes:
        # As a linked view would when its plot draws values this small.
        axis.setRange(0.0, TINY)
    assert [(where, axis.labelString()) for where, axis in axes if shows_a_prefix(axis)] == []


def test_per_class_costs_in_nats_read_on_the_axis_as_on_the_bars(main_window):
    tab = main_window.entropy_tab
    tab.set_unit(Unit.NATS)
    tab.set_p([0.5, 0.5])
    tab.set_q([0.632, 0.368])
    costs = tab.comparison().contributions
    assert costs == pytest.approx([0.2294, 0.4999], abs=1e-4)
    shown = [label.toPlainText() for label in tab._contribution_labels]
    assert shown == ["0.23", "0.50"]
    axis = tab.contribution_plot.getPlotItem().getAxis("left")
    assert axis.labelText == "nats"
    assert "(x" not in axis.labelString() and axis.autoSIPrefixScale == 1.0
    # The ticks near the bars' tops read as the bars' labels do, not as 200 and 500.
    assert axis.tickStrings([0.2, 0.5], axis.autoSIPrefixScale * axis.scale, 0.1) == [
        "0.2", "0.5"]


def test_an_axis_labelled_after_its_prefix_was_chosen_reads_plain_again(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    axis = widget.getPlotItem().getAxis("left")
    axis.setLabel("cost")
    axis.setRange(0.0, 0.6)
    assert axis.autoSIPrefixScale == 1000.0  # pyqtgraph's own choice: "cost (x0.001)"
    label_axis(axis, "cost", "nats")
    axis.setRange(0.0, TINY)
    assert axis.labelString().endswith(">cost (nats)</span>")
    assert axis.autoSIPrefixScale == 1.0 and axis.labelUnitPrefix == ""
    assert axis.tickStrings([0.0002], axis.autoSIPrefixScale, 0.0001) == ["0.0002"]


#: Calls that label an axis, or turn its prefix on or off, other than through label_axis.
LABELLING_METHODS = {"setLabel", "setLabels", "enableAutoSIPrefix", "showLabel"}
LABELLING_KEYWORDS = {"labels", "units"}
#: Constructors that take an axis label themselves.
LABELLED_ITEMS = {"AxisItem": {"text", "units"}, "ColorBarItem": {"label"}}


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def test_every_axis_label_is_set_through_label_axis():
    offences = []
    for path in sorted(UI.rglob("*.py")):
        if path == UI / "common" / "axes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _callee(node)
            keywords = {keyword.arg for keyword in node.keywords}
            if (name in LABELLING_METHODS or keywords & LABELLING_KEYWORDS
                    or keywords & LABELLED_ITEMS.get(name, set())):
                offences.append(f"{path.relative_to(UI)}:{node.lineno} {name}")
    assert offences == []
