"""PySide6 + pyqtgraph user interface: one module per tab, shared widgets, workers."""
