"""Right on every screen: every tab and section is usable at 1024 × 640 and 1280 × 720
logical pixels — no control outside the window, none over another, none squeezed below its
minimum size — and the primer opens without enlarging the window."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QScrollBar,
    QWidget,
)


def client_size(screen: tuple[int, int]) -> tuple[int, int]:
    """The window's own size on a screen of that size: less the window manager's frame, as the
    first window takes it (a 1024 × 640 screen leaves 1008 × 600 under openbox)."""
    from ce_desktop.ui.main_window import FRAME_ALLOWANCE

    return screen[0] - FRAME_ALLOWANCE[0], screen[1] - FRAME_ALLOWANCE[1]


SIZES = [client_size((1024, 640)), client_size((1280, 720))]
#: What a user reads or operates; plots are QAbstractScrollAreas (QGraphicsView).
CONTROLS = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QLabel, QLineEdit,
            QAbstractScrollArea)


def controls_of(page: QWidget) -> list[QWidget]:
    """The visible controls on ``page``, not the parts inside a control."""
    found = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, CONTROLS):
            continue
        if isinstance(widget, (QScrollArea, QScrollBar)):  # what an area holds is checked
            continue
        parent = widget.parentWidget()
        inside_control = False
        while parent is not None and parent is not page:
            if isinstance(parent, CONTROLS) and not isinstance(parent, QScrollArea):
                inside_control = True
                break
            parent = parent.parentWidget()
        if not inside_control:
            found.append(widget)
    return found


def scroll_area_of(widget: QWidget) -> QScrollArea | None:
    """The scroll area whose content ``widget`` is in (not its scroll bars), if any."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent if parent.widget().isAncestorOf(widget) else None
        parent = parent.parentWidget()
    return None


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def problems(page: QWidget, window: QWidget) -> list[str]:
    out = []
    controls = controls_of(page)
    for widget in controls:
        name = f"{type(widget).__name__} {widget.objectName() or ''}".strip()
        if isinstance(widget, QLabel) and widget.text():
            name += f" {widget.text()[:30]!r}"
        area = scroll_area_of(widget)
        # Inside a scroll area a control is reached by scrolling; the area must be in view.
        frame = area.widget() if area is not None else window
        if not frame.rect().contains(rect_in(widget, frame)):
            out.append(f"outside: {name} at {rect_in(widget, frame).getRect()}")
        hint = widget.minimumSizeHint()
        if isinstance(widget, QLabel) and widget.wordWrap():
            hint.setWidth(0)  # a wrapping label may be narrower than its longest word run
        if widget.width() < hint.width() - 1 or widget.height() < hint.height() - 1:
            out.append(f"squeezed: {name} is {widget.size().toTuple()}, "
                       f"needs {hint.toTuple()}")
    for area in {scroll_area_of(w) for w in controls} - {None}:
        if not window.rect().contains(rect_in(area, window)):
            out.append(f"outside: a scroll area at {rect_in(area, window).getRect()}")
    rects = [(w, rect_in(w, window)) for w in controls]
    for i, (a, rect_a) in enumerate(rects):
        for b, rect_b in rects[i + 1:]:
            if scroll_area_of(a) is not scroll_area_of(b):
                continue
            if rect_a.intersects(rect_b) and not (a.isAncestorOf(b) or b.isAncestorOf(a)):
                overlap = rect_a.intersected(rect_b)
                if overlap.width() > 2 and overlap.height() > 2:
                    out.append(f"overlap: {type(a).__name__} and {type(b).__name__} at "
                               f"{overlap.getRect()}")
    return out


def combo_text_problems(page: QWidget) -> list[str]:
    """Combo boxes too narrow for the choice they show ("Random (filter-normalised")."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    out = []
    for combo in page.findChildren(QComboBox):
        if not combo.isVisible() or not combo.currentText():
            continue
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                             QStyle.SubControl.SC_ComboBoxEditField, combo)
        needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
        if needed > field.width():
            out.append(f"cut off: {combo.currentText()!r} in a box showing {field.width()} px")
    return out


def plot_text_problems(page: QWidget) -> list[str]:
    """Plots larger than their view (their minimum size is more than the layout gave them),
    titles wider than their plot and axis labels longer than their axis: all are drawn cut
    off ("information (bi")."""
    out = []
    for widget in page.findChildren(pg.PlotWidget):
        if not widget.isVisible():
            continue
        plot = widget.getPlotItem()
        drawn = plot.geometry()
        if drawn.width() > widget.width() + 1 or drawn.height() > widget.height() + 1:
            out.append(f"cut off: a plot drawn {drawn.width():.0f} × {drawn.height():.0f} in a "
                       f"view {widget.width()} × {widget.height()} ({plot.titleLabel.text!r})")
        title = plot.titleLabel
        wide = title.item.boundingRect().width()
        if title.isVisible() and title.text and wide > plot.width() + 1:
            out.append(f"cut off: title {title.text!r} in a plot {plot.width():.0f} wide")
        for side in ("left", "right", "bottom"):
            axis = plot.getAxis(side)
            if not (axis.isVisible() and axis.label.isVisible() and axis.labelText):
                continue
            room = axis.height() if side != "bottom" else axis.width()
            if axis.label.boundingRect().width() > room + 1:
                out.append(f"cut off: {side} axis label {axis.labelText!r} on an axis "
                           f"{room:.0f} long")
    return out


@pytest.fixture(params=["en", "zh_CN"])
def window(qtbot, request):
    """The window in English and in Chinese (whose labels have other widths)."""
    from ce_desktop.ui.app import MainWindow, create_application
    from ce_desktop.ui.common import language

    create_application()
    if request.param != "en":
        assert language.install(request.param)
        request.addfinalizer(language.remove)
    window = MainWindow(store_path=":memory:")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def pages(window):
    """(name, page) for every tab and every section of the surfaces tab, each shown."""
    for name in window.tab_names():
        window.show_tab(name)
        if name != "surface":
            yield name, window.tabs.currentWidget()
            continue
        for section in window.surface_tab.section_names():
            window.surface_tab.show_section(section)
            yield f"surface/{section}", window.surface_tab.sections.currentWidget()


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_page_fits_the_window(qtbot, window, size):
    window.resize(*size)
    qtbot.wait(50)
    assert window.size().toTuple() == size
    found = {}
    for name, page in pages(window):
        qtbot.wait(20)
        found[name] = (problems(page, window) + plot_text_problems(page)
                       + combo_text_problems(page))
    assert found == {name: [] for name in found}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_primer_does_not_enlarge_the_window(qtbot, window, size):
    window.resize(*size)
    qtbot.wait(50)
    window.show_primer()
    qtbot.wait(50)
    assert window.primer_dock.isVisible()
    assert window.size().toTuple() == size
    window.primer_dock.close()
    qtbot.wait(20)
    assert window.size().toTuple() == size


def test_the_first_window_fits_the_available_screen(qtbot, monkeypatch):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    from ce_desktop.ui.app import MainWindow, create_application
    from ce_desktop.ui.main_window import DEFAULT_SIZE, FRAME_ALLOWANCE

    create_application()
    window = MainWindow(store_path=":memory:", build_tabs=False)
    qtbot.addWidget(window)
    # A 1280 × 720 laptop screen less a 32 px panel.
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1280, 688))
    assert window.first_size() == (1280 - FRAME_ALLOWANCE[0], 688 - FRAME_ALLOWANCE[1])
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 2560, 1400))
    assert window.first_size() == DEFAULT_SIZE


def test_a_finished_run_keeps_the_trainer_inside_a_small_window(qtbot, window):
    """The results of a run (the bits-learned line, the test report) once widened the window
    past a 1024 px screen and squeezed the live plots to a sliver."""
    window.resize(1024, 640)
    window.show_tab("trainer")
    tab = window.trainer_tab
    tab.apply_preset("tutorial")
    tab.epochs_spin.setValue(2)
    with qtbot.waitSignal(tab.run_completed, timeout=180_000):
        assert tab.start()
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=10_000)
    qtbot.wait(50)
    assert "1.000" in tab.learned_label.text()  # "… of 1.000 bits per sample learned"
    assert window.size().toTuple() == (1024, 640)
    assert tab.loss_plot.height() >= tab.loss_plot.minimumHeight() >= 150
    for page in range(tab.results_tabs.count()):
        tab.results_tabs.setCurrentIndex(page)
        qtbot.wait(20)
        assert problems(tab, window) == [], tab.results_tabs.tabText(page)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_samples_page_of_a_ten_class_run_fits(qtbot, window, size):
    """The Samples page (its table, filters, histogram and the line under it) at both sizes,
    after a run on digits: ten classes in the filter, a header with the loss's unit."""
    window.resize(*size)
    window.show_tab("trainer")
    tab = window.trainer_tab
    tab.dataset_combo.setCurrentIndex(tab.dataset_combo.findData("digits"))
    tab.loss_combo.setCurrentIndex(tab.loss_combo.findData("ce"))
    tab.hidden_edit.setText("8")
    tab.epochs_spin.setValue(1)
    with qtbot.waitSignal(tab.run_completed, timeout=180_000):
        assert tab.start()
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=10_000)
    tab.results_tabs.setCurrentWidget(tab.samples_view)
    tab.samples_view.class_combo.setCurrentIndex(10)  # "class 9", the longest choice
    qtbot.wait(50)
    assert window.size().toTuple() == size
    assert tab.samples_view.shown_rows() > 0
    assert (problems(tab.samples_view, window) + plot_text_problems(tab.samples_view)
            + combo_text_problems(tab.samples_view)) == []


#: What each lesson step tells the user to look at, which the lesson pane must not cover.
LESSON_TARGETS = {
    "fair-coin": lambda w: [w.entropy_tab.coin_panel],
    "sure-outcome": lambda w: [w.entropy_tab.coin_panel],
    "k-classes": lambda w: [w.entropy_tab.readouts[k] for k in ("entropy_p", "log_k")],
    "cross-entropy": lambda w: [w.entropy_tab.identity_plot],
    "kl-asymmetry": lambda w: [w.entropy_tab.readouts[k] for k in ("kl_pq", "kl_qp")],
    "q-zero": lambda w: [w.entropy_tab.readouts["cross_entropy"]],
    "bce-one-sample": lambda w: [w.surface_tab.curves_panel.loss_plot,
                                 w.surface_tab.curves_panel.loss_readout],
    "not-bounded": lambda w: [w.entropy_tab.readouts["cross_entropy"]],
    "softmax": lambda w: [w.entropy_tab.readouts["cross_entropy"]],
    "bce-vs-mse": lambda w: [*w.surface_tab.logistic_panel.surface_plots.values(),
                             w.surface_tab.logistic_panel.readout],
    "pytorch-run": lambda w: [w.trainer_tab.loss_plot],
    "divergence": lambda w: [w.trainer_tab.loss_plot, w.trainer_tab.message_label],
    "keras-run": lambda w: [w.trainer_tab.loss_plot],
    "label-smoothing": lambda w: [w.trainer_tab.loss_plot],
    "one-sample": lambda w: [w.trainer_tab.samples_view],
    "landscape": lambda w: [w.surface_tab.landscape_panel.map_plot,
                            w.surface_tab.landscape_panel.interp_plot],
}


def show_step_without_a_run(window, lesson) -> None:
    """The step's Show-me action, or for one that trains, the tab it trains on."""
    action = lesson.step.action.name
    if action == "train":
        window.show_tab("trainer")
    elif action == "show_samples":
        window.show_tab("trainer")
        window.trainer_tab.results_tabs.setCurrentWidget(window.trainer_tab.samples_view)
    elif action == "landscape":
        window.show_tab("surface")
        window.surface_tab.show_section("landscape")
    else:
        lesson.show_me()


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def settle(qtbot, widgets: list[QWidget], rounds: int = 20) -> None:
    """Wait until the widgets' places on the screen stop changing (layouts run in turns)."""
    before = None
    for _ in range(rounds):
        qtbot.wait(30)
        now = [global_rect(widget).getRect() for widget in widgets]
        if now == before:
            return
        before = now


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_lesson_pane_fits_every_step_and_covers_nothing_it_names(qtbot, window, size):
    """Docked beside the tabs or floating over them, at every step: the window keeps its
    size, the pane lies inside the tabs' area with all of its controls, the tabs keep their
    minimum sizes, and the pane covers nothing the step tells the user to look at."""
    window.resize(*size)
    qtbot.wait(50)
    assert window.show_lesson()
    lesson, dock = window.lesson, window.lesson_dock
    assert set(LESSON_TARGETS) == {step.id for step in lesson.steps}
    found = {}
    for index, step in enumerate(lesson.steps):
        lesson.go(index)
        show_step_without_a_run(window, lesson)
        targets = LESSON_TARGETS[step.id](window)
        settle(qtbot, [dock, *targets])  # the explorer lays out its new number of classes
        out = [] if window.size().toTuple() == size else [f"window {window.size().toTuple()}"]
        out += problems(dock.widget(), dock)
        if not dock.isFloating():  # docked, it takes the tabs' room: they must still fit
            out += problems(window.tabs.currentWidget(), window)
        else:
            pane = dock.frameGeometry()
            if not global_rect(window.centralWidget()).contains(pane):
                out.append(f"pane {pane.getRect()} outside the tabs")
            if dock.texts_area.verticalScrollBar().maximum() > 0:
                out.append("the step's texts scroll")
            for target in targets:
                if target.isVisible() and global_rect(target).intersects(pane):
                    out.append(f"covers {type(target).__name__} at "
                               f"{global_rect(target).getRect()}: pane at {pane.getRect()}")
        found[step.id] = out
    assert found == {step.id: [] for step in lesson.steps}
    assert window.size().toTuple() == size
    # Folded, the pane keeps only its step list, mark and buttons.
    dock.set_folded(True)
    qtbot.wait(20)
    assert not dock.texts_area.isVisible() and dock.next_button.isVisible()
    if dock.isFloating():  # and it is no taller than what it keeps
        assert dock.height() <= dock.needed_height(dock.width()) < 200
    assert problems(dock.widget(), dock) == [] and window.size().toTuple() == size
