"""A horizontal slider for a real number, with a box beside it that shows and takes the value.

It replaces superqt's ``QLabeledDoubleSlider``: importing superqt for that one widget cost
0.06–0.12 s on the way to the first usable tab, since its package imports every widget it has
(docs/performance.md, start-up).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QHBoxLayout, QSlider, QWidget


class LabeledSlider(QWidget):
    """A slider over [minimum, maximum] in steps of 10**-decimals, and an editable box.

    ``valueChanged`` is sent once per change, whether it came from the slider, the box or
    :meth:`setValue`; blocking this widget's signals silences it (the parts keep in step).
    """

    valueChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._minimum = 0.0
        self._maximum = 1.0
        self._decimals = 2
        self._value = 0.0
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.box = QDoubleSpinBox()
        self.box.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.box.setFrame(False)  # reads as the slider's label; a click still edits it
        self.box.setStyleSheet("background: transparent")
        self.box.setKeyboardTracking(False)  # a half-typed number is not a value yet
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.box)
        self.setFocusProxy(self.slider)
        self._configure()
        self.slider.valueChanged.connect(self._slider_moved)
        self.box.valueChanged.connect(self._box_edited)

    def _scale(self) -> float:
        return 10.0 ** self._decimals

    def _configure(self) -> None:
        """Give both parts the range, the decimals and the value again."""
        scale = self._scale()
        for part in (self.slider, self.box):
            part.blockSignals(True)
        try:
            self.box.setDecimals(self._decimals)
            self.box.setRange(self._minimum, self._maximum)
            self.box.setValue(self._value)
            self.slider.setRange(round(self._minimum * scale), round(self._maximum * scale))
            self.slider.setValue(round(self._value * scale))
        finally:
            for part in (self.slider, self.box):
                part.blockSignals(False)

    def setRange(self, minimum: float, maximum: float) -> None:
        self._minimum, self._maximum = float(minimum), float(maximum)
        self._value = min(max(self._value, self._minimum), self._maximum)
        self._configure()

    def setDecimals(self, decimals: int) -> None:
        self._decimals = int(decimals)
        self._configure()

    def setSingleStep(self, step: float) -> None:
        """The step of the arrow keys (the slider's page step is ten of them)."""
        steps = max(1, round(step * self._scale()))
        self.slider.setSingleStep(steps)
        self.slider.setPageStep(10 * steps)
        self.box.setSingleStep(step)

    def setToolTip(self, text: str) -> None:
        super().setToolTip(text)
        self.slider.setToolTip(text)
        self.box.setToolTip(text)

    def minimum(self) -> float:
        return self._minimum

    def maximum(self) -> float:
        return self._maximum

    def value(self) -> float:
        return self._value

    def setValue(self, value: float) -> None:
        value = min(max(float(value), self._minimum), self._maximum)
        if value == self._value:
            return
        self._value = value
        self._configure()
        self.valueChanged.emit(value)

    def _slider_moved(self, position: int) -> None:
        self.setValue(position / self._scale())

    def _box_edited(self, value: float) -> None:
        self.setValue(value)
