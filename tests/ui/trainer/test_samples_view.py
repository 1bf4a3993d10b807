"""The Samples page: one table row per test sample, sorted by its loss, filtered as the core
selects, and a histogram whose mean marker is the test loss; cleared for a new run."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from ce_desktop.core.training.results import SampleLosses
from ce_desktop.ui.trainer.samples_view import CORRECT, LOSS, PREDICTED, Q_TRUE, ROW, TRUE


def column(view, col: int) -> list[str]:
    model = view.model
    return [model.index(row, col).data() for row in range(model.rowCount())]


def losses(view) -> np.ndarray:
    return np.array([float(text) for text in column(view, LOSS)])


def made_samples() -> SampleLosses:
    """Eight samples of three classes; rows 1, 4 and 6 wrong, 1 and 6 confidently."""
    true = np.array([0, 0, 1, 1, 2, 2, 2, 1])
    q_true = np.array([0.9, 0.05, 0.6, 0.8, 0.3, 0.7, 0.02, 0.5])
    predicted = np.array([0, 1, 1, 1, 0, 2, 1, 1])
    q = np.zeros((8, 3), dtype=np.float32)
    for row, (t, p, qt) in enumerate(zip(true, predicted, q_true, strict=True)):
        q[row, t] = qt
        other = p if p != t else (t + 1) % 3
        q[row, other] = 1 - qt
    loss = -np.log(q_true)
    return SampleLosses(true, predicted, q, loss, loss / 8)


@pytest.fixture
def view(qtbot):
    from conftest import show_widget

    from ce_desktop.ui.common import style
    from ce_desktop.ui.trainer.samples_view import SamplesView

    style.configure_pyqtgraph()
    return show_widget(qtbot, SamplesView(), 800, 400)


def test_the_table_holds_every_sample_sorted_by_loss_and_filters_as_the_core_selects(view):
    samples = made_samples()
    view.show_samples(samples, float(samples.loss.mean()), ["a", "b", "c"], "nats")
    assert view.shown_rows() == 8
    assert view.model.headerData(LOSS, Qt.Orientation.Horizontal) == "loss (nats)"
    # Worst first: the confidently wrong rows 6 (q 0.02) and 1 (q 0.05).
    assert column(view, ROW)[:3] == ["6", "1", "4"]
    np.testing.assert_allclose(losses(view), np.sort(samples.loss)[::-1], atol=1e-4)
    assert column(view, TRUE)[:2] == ["c", "a"] and column(view, PREDICTED)[:2] == ["b", "b"]
    assert column(view, Q_TRUE)[0] == "0.0200"
    assert column(view, CORRECT) == ["✗", "✗", "✗", "✓", "✓", "✓", "✓", "✓"]

    view.wrong_check.setChecked(True)
    assert view.shown_rows() == 3 == samples.selection(wrong_only=True).sum()
    assert view.count_label.text() == "3 of 8 samples"
    view.class_combo.setCurrentIndex(view.class_combo.findData(2))
    assert sorted(column(view, ROW)) == ["4", "6"]
    view.wrong_check.setChecked(False)
    assert sorted(column(view, ROW)) == ["4", "5", "6"]
    view.confident_check.setChecked(True)
    assert column(view, ROW) == ["6"]
    view.class_combo.setCurrentIndex(view.class_combo.findData(None))
    assert column(view, ROW) == ["6", "1"]
    view.confident_check.setChecked(False)
    assert view.shown_rows() == 8


def test_clicking_a_header_sorts_by_that_column(qtbot, view):
    samples = made_samples()
    view.show_samples(samples, float(samples.loss.mean()), ["a", "b", "c"], "nats")
    header = view.table.horizontalHeader()

    def click(col):
        x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(x, header.height() // 2))

    click(Q_TRUE)
    q = [float(text) for text in column(view, Q_TRUE)]
    assert q == sorted(q) and header.sortIndicatorSection() == Q_TRUE
    click(LOSS)
    click(LOSS)
    ordered = losses(view)
    assert list(ordered) in (sorted(ordered), sorted(ordered, reverse=True))
    click(ROW)
    assert column(view, ROW) == [str(n) for n in range(8)]


def test_the_histogram_marks_the_test_loss_and_exports_its_bins(view):
    samples = made_samples()
    view.show_samples(samples, samples.mean_loss(), ["a", "b", "c"], "nats")
    assert view.mean_marker() == pytest.approx(samples.mean_loss())
    edges, counts = samples.histogram()
    x, y = view.histogram_curve.getData()
    np.testing.assert_allclose(x, edges)
    np.testing.assert_allclose(y, counts)
    table = view.histogram_table()
    assert table.names() == ["loss_from_nats", "loss_to_nats", "test_samples"]
    assert sum(table.columns[2][1]) == 8
    assert f"test loss {samples.mean_loss():.4f}" in view.share_label.text()
    assert f"{100 * samples.worst_share(0.1):.1f} %" in view.share_label.text()
    # MSE has no unit: the header and the export say so.
    view.show_samples(samples, samples.mean_loss(), ["a", "b", "c"], "")
    assert view.model.headerData(LOSS, Qt.Orientation.Horizontal) == "loss (squared error)"
    assert view.histogram_table().names()[0] == "squared_error_from"
    view.clear()
    assert view.shown_rows() == 0 and view.mean_marker() is None
    assert view.histogram_table() is None and view.pages.currentIndex() == 0


def test_the_loss_header_explains_the_loss_shown(view):
    samples = made_samples()
    view.show_samples(samples, samples.mean_loss(), ["a", "b", "c"], "nats")
    tip = view.model.headerData(LOSS, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "−log q(true class)" in tip and "weight" not in tip
    weighted = SampleLosses(samples.true_class, samples.predicted_class, samples.q,
                            samples.loss, samples.contribution * 1.5, weighted=True)
    view.show_samples(weighted, weighted.mean_loss(), ["a", "b", "c"], "nats")
    tip = view.model.headerData(LOSS, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "Without the class weights" in tip
    assert "Weighted mean (dashed) = test loss" in view.share_label.text()
    view.show_samples(samples, samples.mean_loss(), ["a", "b", "c"], "")
    tip = view.model.headerData(LOSS, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "squared error" in tip


def arrow_rows(view, col: int) -> list[int]:
    """Per pixel row, how many pixels the sort arrow of column ``col`` takes: the header
    drawn sorted by ``col`` against the same header sorted by another column; the arrow is
    the rightmost run of changed pixel columns (the label beside it moves over for it)."""
    header = view.table.horizontalHeader()
    left, width = header.sectionViewportPosition(col), header.sectionSize(col)
    order = header.sortIndicatorOrder()
    shots = []
    for section in (col, (col + 1) % (CORRECT + 1)):
        header.setSortIndicator(section, order)
        shots.append(header.grab().toImage())
    header.setSortIndicator(col, order)
    sorted_image, other = shots
    changed = [[sorted_image.pixel(x, y) != other.pixel(x, y)
                for x in range(left, left + width)] for y in range(sorted_image.height())]
    columns = [x for x in range(width) if any(row[x] for row in changed)]
    assert columns, "no sort arrow drawn"
    first = columns[-1]
    while first - 1 in columns:
        first -= 1
    counts = [sum(row[first:columns[-1] + 1]) for row in changed]
    return [count for count in counts if count]


@pytest.mark.parametrize("order", [Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder])
def test_the_sort_arrow_points_the_way_the_values_run_and_is_big_enough_to_see(view, order):
    """▼ for largest first (the loss column's worst-first order), ▲ for smallest first,
    as most applications draw it; Fusion on Linux drew it the other way round, small and
    faint."""
    samples = made_samples()
    view.show_samples(samples, float(samples.loss.mean()), ["a", "b", "c"], "nats")
    header = view.table.horizontalHeader()
    header.setSortIndicator(LOSS, order)
    rows = arrow_rows(view, LOSS)
    assert len(rows) >= 4 and max(rows) >= 7, rows  # at least 7 × 4 pixels
    if order == Qt.SortOrder.DescendingOrder:
        assert rows[0] > rows[-1], f"the arrow should point down: {rows}"
    else:
        assert rows[0] < rows[-1], f"the arrow should point up: {rows}"


def validation_set() -> SampleLosses:
    """Five validation samples of three classes, as the report's validation_samples."""
    samples = made_samples()
    keep = np.array([0, 2, 3, 5, 7])
    loss = samples.loss[keep]
    return SampleLosses(samples.true_class[keep], samples.predicted_class[keep],
                        samples.q[keep], loss, loss / 5, part="validation")


def test_the_switch_shows_the_validation_samples_and_their_loss(view):
    test, validation = made_samples(), validation_set()
    names = ["a", "b", "c"]
    view.show_samples(test, test.mean_loss(), names, "nats")
    # A report without validation samples: the switch stays on the test set.
    assert not view.part_combo.isEnabled() and view.part() == "test"
    assert not view.show_part("validation") and view.shown_rows() == 8

    view.show_samples(test, test.mean_loss(), names, "nats", validation=validation,
                      validation_loss=validation.mean_loss())
    assert view.part_combo.isEnabled()
    view.part_combo.setCurrentIndex(view.part_combo.findData("validation"))
    assert view.part() == "validation"
    assert view.shown_rows() == len(validation) == 5
    np.testing.assert_allclose(losses(view), np.sort(validation.loss)[::-1], atol=1e-4)
    assert view.mean_marker() == pytest.approx(validation.mean_loss())
    assert view.mean_marker() != pytest.approx(test.mean_loss())
    assert f"validation loss {validation.mean_loss():.4f}" in view.share_label.text()
    assert f"{100 * validation.worst_share(0.1):.1f} %" in view.share_label.text()
    assert view.count_label.text() == "5 of 5 samples"
    table = view.histogram_table()
    assert table.names()[2] == "validation_samples" and sum(table.columns[2][1]) == 5
    tip = view.model.headerData(ROW, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "validation set" in tip
    # The page's tooltips name the set shown, not the test set.
    for widget in (view.share_label, view.histogram_plot):
        assert "validation loss" in widget.toolTip() and "test" not in widget.toolTip()
    # The filters select among the validation samples.
    view.class_combo.setCurrentIndex(view.class_combo.findData(1))
    assert sorted(column(view, ROW)) == ["1", "2", "4"]
    assert view.count_label.text() == "3 of 5 samples"
    view.class_combo.setCurrentIndex(view.class_combo.findData(None))

    # Validation samples cannot be pinned: the Pin button says why.
    view.table.setCurrentIndex(view.model.index(0, ROW))
    assert not view.pin_button.isEnabled() and not view.pin_action.isEnabled()
    assert "Only test samples can be pinned" in view.pin_button.toolTip()
    pins = []
    view.pin_toggled.connect(pins.append)
    view.toggle_current_pin()
    assert pins == []

    # A new report keeps the choice; a route's samples (test samples) switch back.
    view.show_samples(test, test.mean_loss(), names, "nats", validation=validation,
                      validation_loss=validation.mean_loss())
    assert view.part() == "validation" and view.shown_rows() == 5
    view.show_subset(test.selection(true_class=2), "class c")
    assert view.part() == "test" and sorted(column(view, ROW)) == ["4", "5", "6"]
    assert view.mean_marker() == pytest.approx(test.mean_loss())
    assert view.histogram_table().names()[2] == "test_samples"
    for widget in (view.share_label, view.histogram_plot):
        assert "test loss" in widget.toolTip() and "validation" not in widget.toolTip()
    view.table.setCurrentIndex(view.model.index(0, ROW))
    assert view.pin_button.isEnabled()


def digit_samples(n: int) -> SampleLosses:
    """``n`` samples of ten classes with 8×8 images: a dark stroke down column 2 on a
    blank page, faint ink in the corner (0, 7)."""
    rng = np.random.default_rng(1)
    q = rng.dirichlet(np.ones(10), n).astype(np.float32)
    true = rng.integers(0, 10, n)
    loss = -np.log(q[np.arange(n), true].astype(np.float64))
    images = np.zeros((n, 8, 8), dtype=np.float32)
    images[:, :, 2] = 16
    images[:, 0, 7] = 4
    return SampleLosses(true, q.argmax(axis=1), q, loss, loss / n, images=images)


def test_digits_show_a_thumbnail_beside_their_true_class(view):
    from PySide6.QtGui import QPixmap

    from ce_desktop.ui.trainer.samples_view import THUMBNAIL_SIDE

    text_height = view.table.verticalHeader().defaultSectionSize()
    made = made_samples()
    view.show_samples(made, made.mean_loss(), ["a", "b", "c"], "nats")
    assert view.model.index(0, TRUE).data(Qt.ItemDataRole.DecorationRole) is None
    samples = digit_samples(2000)
    view.show_samples(samples, samples.mean_loss(), [str(c) for c in range(10)], "nats")
    picture = view.model.index(0, TRUE).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(picture, QPixmap)
    assert (picture.width(), picture.height()) == (THUMBNAIL_SIDE, THUMBNAIL_SIDE)
    image = picture.toImage()
    side = THUMBNAIL_SIDE // 8

    def lightness(row: int, col: int) -> int:
        return image.pixelColor(int((col + 0.5) * side), int((row + 0.5) * side)).lightness()

    # The ink is dark, the page white, faint ink in between; nearest-neighbour, so each
    # image pixel is a uniform block.
    assert lightness(3, 2) == 0 and lightness(3, 5) == 255
    assert 0 < lightness(0, 7) < 255
    assert {image.pixelColor(x, y).lightness() for x in range(2 * side, 3 * side)
            for y in range(side)} == {0}
    # Rows fit the thumbnail; the column fits it and the class.
    assert view.table.verticalHeader().defaultSectionSize() >= THUMBNAIL_SIDE
    assert view.table.horizontalHeader().sectionSize(TRUE) > THUMBNAIL_SIDE
    # Made as rows are drawn, not for every sample at once.
    assert 0 < len(view.model._thumbnails) < len(samples)
    # Data without images keeps the rows as tall as their text.
    view.show_samples(made, made.mean_loss(), ["a", "b", "c"], "nats")
    assert view.table.verticalHeader().defaultSectionSize() == text_height


def test_a_tiny_q_true_reads_as_its_value_not_as_zero(view):
    # A sample the model all but rules out: loss 20.85 nats, q(true) = e^-20.85 ≈ 8.8e-10.
    samples = made_samples()
    q = samples.q.copy()
    q[6, 2], q[6, 1] = np.float32(8.8e-10), np.float32(1 - 8.8e-10)
    loss = samples.loss.copy()
    loss[6] = -np.log(8.8e-10)
    tiny = SampleLosses(samples.true_class, samples.predicted_class, q, loss, loss / 8)
    view.show_samples(tiny, float(loss.mean()), ["a", "b", "c"], "nats")
    assert column(view, ROW)[0] == "6"
    assert column(view, Q_TRUE)[0] == "8.8e-10"
    assert column(view, LOSS)[0] == f"{-np.log(8.8e-10):.4f}"


def test_a_thumbnail_is_drawn_square_at_its_full_size(qtbot, view):
    """The table's icon size (16 px) once drew the 24 px thumbnails squeezed sideways."""
    from ce_desktop.ui.trainer.samples_view import THUMBNAIL_SIDE

    samples = digit_samples(20)
    inked = SampleLosses(samples.true_class, samples.predicted_class, samples.q,
                         samples.loss, samples.contribution,
                         images=np.full_like(samples.images, 16))
    view.show_samples(inked, inked.mean_loss(), [str(c) for c in range(10)], "nats")
    qtbot.wait(20)
    image = view.table.viewport().grab().toImage()
    cell = view.table.visualRect(view.model.index(0, TRUE))
    # Columns of the cell dark from top to bottom of the picture: the picture's width (the
    # class name's glyphs are shorter than it).
    full_columns = [
        x for x in range(cell.left(), cell.right())
        if sum(image.pixelColor(x, y).lightness() < 60
               for y in range(cell.top(), cell.bottom())) >= THUMBNAIL_SIDE - 1]
    assert len(full_columns) == THUMBNAIL_SIDE
    dark_rows = [y for y in range(cell.top(), cell.bottom())
                 if image.pixelColor(full_columns[0], y).lightness() < 60]
    assert len(dark_rows) == THUMBNAIL_SIDE


def test_tab_leaves_the_table(qtbot, view):
    samples = made_samples()
    view.show_samples(samples, float(samples.loss.mean()), ["a", "b", "c"], "nats")
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(0, ROW))
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    assert not view.table.hasFocus()
    assert view.table.currentIndex().row() == 0
