"""The loss-surface viewer: why classifiers train on cross-entropy, and what a trained
network walked through. One section per question."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ce_desktop.ui.common.session import Session, restore_view, save_view
from ce_desktop.ui.common.widgets import keep_plot_whole
from ce_desktop.ui.surfaces.landscape_panel import LandscapePanel, LastRun
from ce_desktop.ui.surfaces.logistic_surface_panel import LogisticSurfacePanel
from ce_desktop.ui.surfaces.loss_curves_panel import LossCurvesPanel


class SurfaceTab(QWidget):
    """Sections: per-sample loss curves, logistic-regression surfaces, and the trained
    network's landscape."""

    status_message = Signal(str)

    def __init__(self, store=None, last_run: LastRun | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.curves_panel = LossCurvesPanel()
        self.logistic_panel = LogisticSurfacePanel()
        self.landscape_panel = LandscapePanel(store, last_run)
        self.sections = QTabWidget()
        self._section_names: dict[str, QWidget] = {}
        for name, panel, title, tip in (
            ("curves", self.curves_panel, self.tr("Per-sample losses"),
             self.tr("BCE and MSE of one prediction, their gradients, soft labels, label "
                     "smoothing and the categorical version")),
            ("logistic", self.logistic_panel, self.tr("BCE vs MSE surfaces"),
             self.tr("Loss over the two weights of a logistic regression: cross-entropy is "
                     "a bowl, squared error through a sigmoid has plateaus")),
            ("landscape", self.landscape_panel, self.tr("Network landscape"),
             self.tr("The loss around a trained network's weights, its training path and "
                     "the line from its initial weights")),
        ):
            index = self.sections.addTab(panel, title)
            self.sections.setTabToolTip(index, tip)
            self._section_names[name] = panel
            panel.status_message.connect(self.status_message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sections)
        for plot in self.findChildren(pg.PlotWidget):
            keep_plot_whole(plot)

    # --- remembered settings ---------------------------------------------------------------

    settings_group = "surface"
    settings_version = 1

    def save_settings(self, session: Session) -> None:
        session.set("surface/section", self.current_section_name())
        save_view(self.landscape_panel, session)

    def restore_settings(self, session: Session, version: int) -> None:
        restore_view(self.landscape_panel, session)
        section = session.text("surface/section", tuple(self.section_names()))
        if section:
            self.show_section(section)

    def reset_settings(self) -> None:
        self.landscape_panel.reset_settings()
        self.show_section(self.section_names()[0])

    def compute_landscape(self) -> None:
        """Bring the landscape forward and compute it."""
        self.show_section("landscape")
        self.landscape_panel.compute()

    def runs_changed(self) -> None:
        """A run ended or the store changed: offer the runs there are now."""
        self.landscape_panel.refresh_sources()

    def lay_out_sections(self) -> None:
        """Show each section once, within this turn of the event loop, so that each is laid
        out at its real size; the current one returns."""
        current = self.sections.currentWidget()
        for section in self.section_pages():
            self.sections.setCurrentWidget(section)
        self.sections.setCurrentWidget(current)

    def section_names(self) -> list[str]:
        return list(self._section_names)

    def section_pages(self) -> list[QWidget]:
        return list(self._section_names.values())

    def current_section_name(self) -> str:
        current = self.sections.currentWidget()
        return next(name for name, panel in self._section_names.items() if panel is current)

    def show_section(self, name: str) -> None:
        if name not in self._section_names:
            raise ValueError(f"no section named {name!r}; sections: "
                             f"{', '.join(self._section_names)}")
        self.sections.setCurrentWidget(self._section_names[name])

    def plots(self) -> dict[str, pg.PlotWidget]:
        """Every section's plots by title, for File → Export current plot."""
        # The section on screen first: File → Export offers its plot by default.
        current = self.sections.currentWidget()
        plots: dict[str, pg.PlotWidget] = dict(current.plots())
        for panel in self._section_names.values():
            plots.update(panel.plots())
        return plots

    def shutdown(self) -> bool:
        """Stop a landscape computation (window closing); True if nothing is left running."""
        return all([self.landscape_panel.shutdown(), self.logistic_panel.shutdown()])
