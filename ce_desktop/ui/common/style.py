"""Colours, fonts and plot defaults shared by every tab."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPalette, QPolygonF
from PySide6.QtWidgets import QApplication, QHeaderView, QProxyStyle, QStyle, QStyleOptionHeader

LIGHT_INK, LIGHT_PAPER = "#303030", "#ffffff"
DARK_INK, DARK_PAPER = "#e0e0e0", "#1e1e1e"
TEXT = LIGHT_INK
"""Ink of plot text and axes; follows the palette (see :func:`configure_pyqtgraph`)."""
PAPER = LIGHT_PAPER
P_COLOR = "#1f77b4"  # the true distribution p
Q_COLOR = "#ff7f0e"  # the model's distribution q
KL_COLOR = "#9467bd"  # the divergence between them
WARNING = "#d62728"  # infinite costs, errors
MUTED = "#9a9a9a"
#: One colour per class (matplotlib's tab10, a qualitative palette; p is tab:blue); cycles
#: beyond ten.
CLASS_COLORS: tuple[str, ...] = (
    "#1f77b4",  # blue
    "#ff7f0e",  # orange
    "#2ca02c",  # green
    "#d62728",  # red
    "#9467bd",  # purple
    "#8c564b",  # brown
    "#e377c2",  # pink
    "#7f7f7f",  # grey
    "#bcbd22",  # olive
    "#17becf",  # cyan
)


def class_color(index: int) -> str:
    """The hex colour of class ``index``."""
    return CLASS_COLORS[index % len(CLASS_COLORS)]


def system_is_dark() -> bool:
    """True when the desktop asks for a dark colour scheme (Qt 6.5+ knows)."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        return True
    # Some desktops set a dark palette without reporting a colour scheme.
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def use_dark_palette(app: QGuiApplication) -> None:
    """Fusion with a dark palette: what a dark desktop gives, for screenshots and checks."""
    app.setStyle("Fusion")
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, "#2b2b2b"), (roles.WindowText, DARK_INK), (roles.Base, DARK_PAPER),
        (roles.AlternateBase, "#333333"), (roles.ToolTipBase, "#3a3a3a"),
        (roles.ToolTipText, DARK_INK), (roles.Text, DARK_INK), (roles.Button, "#353535"),
        (roles.ButtonText, DARK_INK), (roles.BrightText, "#ff6666"), (roles.Link, "#6fa8dc"),
        (roles.Highlight, "#2f65ca"), (roles.HighlightedText, "#ffffff"),
        (roles.PlaceholderText, MUTED),
    ):
        palette.setColor(role, QColor(color))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.Text, QColor("#7a7a7a"))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, QColor("#7a7a7a"))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.WindowText, QColor("#7a7a7a"))
    app.setPalette(palette)


def legend_brush(alpha: int = 200) -> QColor:
    """The plot ground, slightly see-through: behind legends and value labels."""
    color = QColor(PAPER)
    color.setAlpha(alpha)
    return color


def configure_pyqtgraph(dark: bool | None = None) -> None:
    """Plots that match the palette, antialiased: dark ink on white, or light ink on a dark
    ground when the system is in dark mode (``dark`` overrides). Call before building plots."""
    global TEXT, PAPER
    if dark is None:
        dark = system_is_dark()
    TEXT, PAPER = (DARK_INK, DARK_PAPER) if dark else (LIGHT_INK, LIGHT_PAPER)
    pg.setConfigOptions(antialias=True, background=PAPER, foreground=TEXT)


def two_grid_levels(plot: pg.PlotItem) -> None:
    """Draw ticks and grid lines of two levels, not pyqtgraph's three.

    The third level adds ~45 nearly invisible (alpha 2/255) grid lines per axis and is most
    of an axis's paint time: 12 ms a paint for the wide histogram's left axis.
    """
    for side in ("left", "bottom"):
        plot.getAxis(side).setStyle(maxTickLevel=1)


def faint_grid(plot: pg.PlotItem) -> None:
    """The plots' faint grid, at two levels (see :func:`two_grid_levels`)."""
    plot.showGrid(x=True, y=True, alpha=0.2)
    two_grid_levels(plot)


def small_font() -> QFont:
    font = QFont()
    font.setPointSizeF(max(font.pointSizeF() - 1.5, 7.0))
    return font


#: The sort arrow's size in pixels (at 1×): Fusion's 8 × 4 pixel arrow in grey was easy to miss.
SORT_ARROW_SIZE = (9, 5)


class SortArrowStyle(QProxyStyle):
    """The application's style, with the sort arrow of a table's header drawn as most
    applications draw it: ▲ when the smallest values come first, ▼ when the largest do.

    Fusion on Linux draws them the other way round (GTK's old convention), so a column sorted
    worst-first showed ▲, which reads as "smallest first"."""

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if (element != QStyle.PrimitiveElement.PE_IndicatorHeaderArrow
                or not isinstance(option, QStyleOptionHeader)):
            super().drawPrimitive(element, option, painter, widget)
            return
        indicator = option.sortIndicator
        if indicator == QStyleOptionHeader.SortIndicator.None_:
            return
        # QHeaderView gives ascending order as SortDown and descending as SortUp.
        ascending = indicator == QStyleOptionHeader.SortIndicator.SortDown
        rect = option.rect
        width = min(SORT_ARROW_SIZE[0], rect.width())
        height = min(SORT_ARROW_SIZE[1], rect.height())
        left = rect.x() + (rect.width() - width) / 2
        top = rect.y() + (rect.height() - height) / 2
        tip, base = (top, top + height) if ascending else (top + height, top)
        triangle = QPolygonF([QPointF(left, base), QPointF(left + width, base),
                              QPointF(left + width / 2, tip)])
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(option.palette.color(QPalette.ColorRole.ButtonText))
        painter.drawPolygon(triangle)
        painter.restore()


def legible_sort_arrows(header: QHeaderView) -> None:
    """Draw ``header``'s sort arrow with :class:`SortArrowStyle` over the application's style."""
    base = QApplication.style().name()
    proxy = SortArrowStyle(base)
    proxy.setParent(header)  # a widget does not own its style: the header keeps it alive
    header.setStyle(proxy)
