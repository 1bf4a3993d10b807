"""The labelled slider: its slider and its box agree, and each change is sent once."""

import pytest
from PySide6.QtCore import Qt

from ce_desktop.ui.common.labeled_slider import LabeledSlider

pytestmark = pytest.mark.gui


@pytest.fixture
def slider(qtbot):
    widget = LabeledSlider()
    widget.setRange(0.0, 0.5)
    widget.setDecimals(3)
    widget.setSingleStep(0.005)
    widget.setValue(0.1)
    qtbot.addWidget(widget)
    return widget


def test_set_value_moves_both_parts_and_is_sent_once(slider, qtbot):
    sent = []
    slider.valueChanged.connect(sent.append)
    slider.setValue(0.25)
    assert sent == [0.25]
    assert slider.value() == 0.25
    assert slider.slider.value() == 250
    assert slider.box.value() == pytest.approx(0.25)
    slider.setValue(0.25)  # no change, nothing sent
    assert sent == [0.25]


def test_values_outside_the_range_are_clamped(slider):
    slider.setValue(3.0)
    assert slider.value() == 0.5
    slider.setValue(-1.0)
    assert slider.value() == 0.0
    assert (slider.minimum(), slider.maximum()) == (0.0, 0.5)


def test_the_arrow_key_steps_by_the_single_step(slider, qtbot):
    sent = []
    slider.valueChanged.connect(sent.append)
    qtbot.keyClick(slider.slider, Qt.Key.Key_Right)
    assert sent == [pytest.approx(0.105)]
    assert slider.box.value() == pytest.approx(0.105)


def test_typing_in_the_box_moves_the_slider(slider, qtbot):
    sent = []
    slider.valueChanged.connect(sent.append)
    slider.box.selectAll()
    qtbot.keyClicks(slider.box, "0.42")
    assert sent == []  # a half-typed number is not a value
    qtbot.keyClick(slider.box, Qt.Key.Key_Return)
    assert sent == [pytest.approx(0.42)]
    assert slider.slider.value() == 420


def test_blocked_signals_keep_the_parts_in_step(slider):
    sent = []
    slider.valueChanged.connect(sent.append)
    slider.blockSignals(True)
    slider.setValue(0.3)
    slider.blockSignals(False)
    assert sent == []
    assert (slider.slider.value(), slider.box.value()) == (300, pytest.approx(0.3))


def test_the_tooltip_reaches_both_parts(slider):
    slider.setToolTip("smoothing")
    assert slider.slider.toolTip() == slider.box.toolTip() == "smoothing"
