"""PySide6 + pyqtgraph user interface: one module per tab, shared widgets, workers."""

from ce_desktop.ui.pyside_source_scan import skip_source_scan

# Before any of the interface's modules (and numpy and pyqtgraph after them) are imported.
skip_source_scan()
