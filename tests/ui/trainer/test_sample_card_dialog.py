"""The sample card and the routes to it, driven as a user drives them: a row of the Samples
table, a cell of the confusion matrix, a bin of the probability histograms, a point of the
decision boundary; the numbers shown against torch's cross-entropy and scipy's entropy."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.stats
import torch
import torch.nn.functional as F
from PySide6.QtCore import QPoint, QPointF, Qt

from ce_desktop.core.info import Unit
from ce_desktop.core.runs.recorder import RunResult
from ce_desktop.core.training.trainer import TrainConfig, Trainer
from ce_desktop.ui.trainer.sample_card import TERM
from ce_desktop.ui.trainer.samples_view import ROW


def trained(dataset: str, **settings):
    """A finished run's result, trained here (no worker process), and the model's logits
    on the test rows."""
    from ce_desktop.core.data import make_dataset

    if dataset == "digits":
        data = make_dataset("digits", seed=0)
    else:
        data = make_dataset(dataset, n_samples=400, noise=0.3, seed=2)
    config = TrainConfig(dataset=dataset, hidden=(16,), epochs=3, lr=0.01, **settings)
    trainer = Trainer(config, data)
    list(trainer.epochs())
    report = trainer.test_report()
    with torch.no_grad():
        logits = trainer.model(torch.as_tensor(data.X_test)).double()
    result = RunResult(run_id=7, status="finished", message=None, report=report,
                       class_names=data.class_names, state=None, config=config)
    return result, data, logits


@pytest.fixture(scope="module")
def digits_run():
    return trained("digits", loss="ce", label_smoothing=0.1)


@pytest.fixture(scope="module")
def moons_run():
    return trained("moons", loss="ce")


@pytest.fixture
def tab(qtbot):
    from ce_desktop.ui.common import style
    from ce_desktop.ui.trainer.tab import TrainerTab

    style.configure_pyqtgraph()
    tab = TrainerTab(None)
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    qtbot.waitExposed(tab)
    yield tab
    tab.card_dialog.close()


def finish(tab, result) -> None:
    """The run's end, as the trainer receives it from its job."""
    from conftest import end_run

    end_run(tab, result)


def number(label) -> float:
    return float(label.text().split()[0])


def shown_rows(view) -> list[int]:
    return [int(view.model.index(r, ROW).data()) for r in range(view.model.rowCount())]


def click_plot(qtbot, plot, x: float, y: float) -> QPoint:
    """Click ``plot`` where it draws the point (x, y); the widget position clicked."""
    qtbot.waitExposed(plot)
    position = plot.mapFromScene(plot.getPlotItem().vb.mapViewToScene(QPointF(x, y)))
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=position)
    return position


def evaluation_after(tab, result):
    """The Test results page of a finished run, on screen."""
    finish(tab, result)
    tab.results_tabs.setCurrentWidget(tab.evaluation_page)
    return tab.evaluation_panel


def open_row(qtbot, view, row: int) -> None:
    table = view.table
    qtbot.waitExposed(table)
    rect = table.visualRect(view.model.index(row, ROW))
    # A double-click is a press first (the view opens the row it was pressed on).
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_double_clicking_the_worst_row_opens_its_card_with_torchs_numbers(qtbot, tab,
                                                                          digits_run):
    result, data, logits = digits_run
    finish(tab, result)
    tab.results_tabs.setCurrentWidget(tab.samples_view)
    view = tab.samples_view
    open_row(qtbot, view, 0)
    card = tab.card_dialog
    qtbot.waitUntil(card.isVisible)
    worst = int(np.argmax(result.report.samples.loss))
    assert card.card.index == worst
    y = torch.as_tensor(data.y_test)
    loss = F.cross_entropy(logits[worst:worst + 1], y[worst:worst + 1], label_smoothing=0.1)
    p = np.full(10, 0.01)
    p[data.y_test[worst]] += 0.9
    q = torch.softmax(logits[worst], 0).numpy()
    assert number(card.readouts["cross_entropy"]) == pytest.approx(loss.item(), abs=1e-4)
    assert number(card.readouts["entropy_p"]) == pytest.approx(scipy.stats.entropy(p),
                                                                abs=1e-4)
    assert number(card.readouts["kl_pq"]) == pytest.approx(scipy.stats.entropy(p, q),
                                                           abs=1e-4)
    terms = [float(text) for text in card.term_texts()]
    np.testing.assert_allclose(terms[:10], -p * np.log(q), atol=1e-4)
    assert terms[10] == pytest.approx(loss.item(), abs=1e-4)
    assert card.terms_table.item(10, TERM).text() == card.readouts["cross_entropy"].text()[:-5]
    assert str(data.y_test[worst]) in card.title_label.text()
    assert "ε = 0.1" in card.target_label.text()
    # A digit shows its picture: the 8×8 image, dark where the ink is.
    assert card.features.currentWidget() is card.image_label
    picture = card.image_label.pixmap().toImage()
    image = data.test_images[worst]
    ink = np.unravel_index(np.argmax(image), image.shape)
    blank = np.unravel_index(np.argmin(image), image.shape)
    side = picture.width() / 8
    assert (picture.pixelColor(int((ink[1] + 0.5) * side), int((ink[0] + 0.5) * side))
            .lightness() < picture.pixelColor(int((blank[1] + 0.5) * side),
                                              int((blank[0] + 0.5) * side)).lightness())
    # The bars are p and q.
    np.testing.assert_allclose(card.p_bars.opts["height"], p)
    np.testing.assert_allclose(card.q_bars.opts["height"], q, atol=1e-6)


def test_enter_on_a_row_opens_its_card_and_a_table_shows_its_features(qtbot, tab, moons_run):
    result, data, _logits = moons_run
    finish(tab, result)
    tab.results_tabs.setCurrentWidget(tab.samples_view)
    view = tab.samples_view
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(2, ROW))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    card = tab.card_dialog
    qtbot.waitUntil(card.isVisible)
    index = view.model.sample_at(2)
    assert card.card.index == index
    assert card.features.currentWidget() is card.feature_table
    table = card.feature_table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == list(
        data.feature_names)
    np.testing.assert_allclose([float(table.item(r, 1).text()) for r in range(2)],
                               data.X_test[index], atol=1e-3)
    loss = result.report.samples.loss[index]
    assert number(card.readouts["cross_entropy"]) == pytest.approx(loss, abs=1e-4)
    assert number(card.readouts["entropy_p"]) == 0


def test_a_confusion_cell_lists_its_samples(qtbot, tab, moons_run):
    result, data, _logits = moons_run
    panel = evaluation_after(tab, result)
    confusion = result.report.confusion
    # The off-diagonal cell true 0, predicted 1: clicked where the matrix draws it.
    click_plot(qtbot, panel.confusion_plot, 1.5, 0.5)
    view = tab.samples_view
    assert tab.results_tabs.currentWidget() is view
    rows = shown_rows(view)
    assert len(rows) == confusion[0, 1]
    assert all(data.y_test[r] == 0 and result.report.samples.predicted_class[r] == 1
               for r in rows)
    assert view.subset_bar.isVisible()
    assert f"{confusion[0, 1]} samples" in view.subset_label.text()
    assert view.count_label.text() == f"{confusion[0, 1]} of {len(data.y_test)} samples"
    # The diagonal cell, then every sample again.
    panel.choose_cell(QPointF(0.2, 0.7))
    assert view.shown_rows() == confusion[0, 0]
    view.subset_clear.click()
    assert view.shown_rows() == len(data.y_test) and not view.subset_bar.isVisible()


def test_a_histogram_bin_lists_its_samples(qtbot, tab, moons_run):
    result, _data, _logits = moons_run
    panel = evaluation_after(tab, result)
    report = result.report
    counts = report.histograms.sum(axis=0)
    b = int(np.argmax(counts))
    centre = (report.histogram_edges[b] + report.histogram_edges[b + 1]) / 2
    click_plot(qtbot, panel.histogram_plot, centre, 1.0)
    view = tab.samples_view
    assert tab.results_tabs.currentWidget() is view
    assert view.shown_rows() == counts[b]
    q1 = report.samples.q[shown_rows(view), 1]
    assert np.all((q1 >= report.histogram_edges[b]) & (q1 <= report.histogram_edges[b + 1]))
    assert f"{counts[b]} samples" in view.subset_label.text()


def test_a_point_of_the_decision_view_opens_the_nearest_test_samples_card(qtbot, tab,
                                                                          moons_run):
    result, data, _logits = moons_run
    tab.decision_view.set_data(data.X_train, data.y_train, data.class_names)
    finish(tab, result)
    tab.results_tabs.setCurrentWidget(tab.decision_view)
    plot = tab.decision_view.plot_widget
    click = click_plot(qtbot, plot, *data.X_test[5])
    card = tab.card_dialog
    qtbot.waitUntil(card.isVisible)
    # The nearest test sample to where the click landed (a pixel from the target).
    landed = plot.getPlotItem().vb.mapSceneToView(plot.mapToScene(click))
    distances = np.linalg.norm(data.X_test - np.array([landed.x(), landed.y()]), axis=1)
    assert card.card.index == int(np.argmin(distances))
    np.testing.assert_allclose(tab.decision_view.marked_sample(),
                               data.X_test[card.card.index], atol=1e-6)
    assert number(card.readouts["cross_entropy"]) == pytest.approx(
        result.report.samples.loss[card.card.index], abs=1e-4)


def test_a_new_run_closes_the_card_and_forgets_its_samples(qtbot, tab, moons_run):
    result, _data, _logits = moons_run
    finish(tab, result)
    assert tab.open_sample(0) and tab.card_dialog.isVisible()
    tab._clear_results()
    assert not tab.card_dialog.isVisible() and not tab.open_sample(0)


def test_the_card_fits_a_small_screen(qtbot, tab, digits_run):
    from ce_desktop.ui.trainer.sample_card import CARD_SIZE

    result, _data, _logits = digits_run
    finish(tab, result)
    tab.open_sample(0)
    card = tab.card_dialog
    assert card.width() <= CARD_SIZE[0] and card.height() <= CARD_SIZE[1]
    assert card.minimumSizeHint().width() <= 1000 and card.minimumSizeHint().height() <= 580


def test_the_card_opens_in_the_explorer_with_the_same_numbers_and_comes_back(
        qtbot, main_window, digits_run):
    result, _data, _logits = digits_run
    trainer = main_window.trainer_tab
    finish(trainer, result)
    main_window.tabs.setCurrentWidget(trainer)
    trainer.open_sample(int(np.argmax(result.report.samples.loss)))
    card = trainer.card_dialog
    qtbot.mouseClick(card.explore_button, Qt.MouseButton.LeftButton)
    explorer = main_window.entropy_tab
    assert main_window.tabs.currentWidget() is explorer
    assert not card.isVisible()
    for key in ("entropy_p", "cross_entropy", "kl_pq"):
        assert explorer.readouts[key].text() == card.readouts[key].text()
    np.testing.assert_array_equal(explorer.p(), card.card.comparison.p)
    np.testing.assert_array_equal(explorer.q(), card.card.comparison.q)
    assert explorer.classes_spin.value() == 10
    assert explorer.unit_combo.currentData() is Unit.NATS
    banner = explorer.sample_banner
    assert banner.isVisible()
    assert f"sample {card.card.index}" in explorer.sample_label.text()
    # Editing q in the explorer changes the loss there, not on the card.
    before = card.readouts["cross_entropy"].text()
    explorer.set_q(np.full(10, 0.1))
    assert explorer.readouts["cross_entropy"].text() != before
    qtbot.mouseClick(explorer.back_button, Qt.MouseButton.LeftButton)
    assert main_window.tabs.currentWidget() is trainer
    qtbot.waitUntil(card.isVisible)
    assert card.readouts["cross_entropy"].text() == before


def test_back_to_sample_opens_the_sample_the_explorer_shows_and_goes_with_its_run(
        qtbot, main_window, digits_run):
    """The banner's way back once reopened whichever card was opened last, even one of a
    later run."""
    result, _data, _logits = digits_run
    trainer = main_window.trainer_tab
    finish(trainer, result)
    main_window.tabs.setCurrentWidget(trainer)
    worst, best = (int(i) for i in (np.argmax(result.report.samples.loss),
                                    np.argmin(result.report.samples.loss)))
    trainer.open_sample(worst)
    card = trainer.card_dialog
    qtbot.mouseClick(card.explore_button, Qt.MouseButton.LeftButton)
    explorer = main_window.entropy_tab
    # Another card of the same run is opened meanwhile; the explorer still shows the worst.
    main_window.tabs.setCurrentWidget(trainer)
    trainer.open_sample(best)
    assert card.card.index == best
    main_window.tabs.setCurrentWidget(explorer)
    qtbot.mouseClick(explorer.back_button, Qt.MouseButton.LeftButton)
    assert main_window.tabs.currentWidget() is trainer
    assert card.card.index == worst and card.isVisible()
    # A new run replaces the samples: the explorer no longer offers the way back.
    qtbot.mouseClick(card.explore_button, Qt.MouseButton.LeftButton)
    assert explorer.sample_banner.isVisible()
    finish(trainer, result)
    assert explorer.sample_banner.isHidden()


def test_the_card_of_a_run_with_more_classes_than_the_explorer_cannot_open_there(qtbot, tab):
    from ce_desktop.core.training.results import SampleLosses, TestReport

    k = 13
    q = np.full((2, k), 1 / k, dtype=np.float32)
    samples = SampleLosses(np.array([0, 1]), np.array([0, 0]), q, np.full(2, np.log(k)),
                           np.full(2, np.log(k) / 2))
    report = TestReport(float(np.log(k)), 0.5, None, np.zeros((k, k), dtype=int),
                        np.zeros(0), np.zeros(0), np.arange(21) / 20,
                        np.zeros((k, 20), dtype=int), samples)
    names = tuple(f"c{i}" for i in range(k))
    finish(tab, RunResult(None, "finished", None, report, names, None,
                          TrainConfig(dataset="csv", loss="ce")))
    tab.open_sample(1)
    card = tab.card_dialog
    assert not card.explore_button.isEnabled()
    assert "13" in card.explore_button.toolTip()
    assert not card.features.isVisible()
    assert number(card.readouts["cross_entropy"]) == pytest.approx(np.log(k), abs=1e-4)


def test_a_validation_row_opens_a_validation_card_and_a_route_goes_back_to_test(
        qtbot, tab, digits_run):
    result, data, _logits = digits_run
    finish(tab, result)
    tab.results_tabs.setCurrentWidget(tab.samples_view)
    view = tab.samples_view
    view.part_combo.setCurrentIndex(view.part_combo.findData("validation"))
    validation = result.report.validation_samples
    assert view.shown_rows() == len(data.y_val) == len(validation)
    assert view.mean_marker() == pytest.approx(result.report.validation_loss)
    open_row(qtbot, view, 0)
    card = tab.card_dialog
    qtbot.waitUntil(card.isVisible)
    worst = int(np.argmax(validation.loss))
    assert card.card.index == worst and card.card.part == "validation"
    assert card.title_label.text().startswith(f"Validation sample {worst}:")
    assert card.windowTitle().startswith("Validation sample")
    assert number(card.readouts["cross_entropy"]) == pytest.approx(validation.loss[worst],
                                                                   abs=1e-4)
    q = validation.q[worst].astype(np.float64)
    np.testing.assert_allclose(card.q_bars.opts["height"], q / q.sum(), atol=1e-6)
    assert str(data.y_val[worst]) in card.title_label.text()
    np.testing.assert_array_equal(card.card.image, data.val_images[worst])
    # Pins follow test samples: the card says so instead of pinning.
    assert not card.pin_button.isEnabled()
    assert "Only test samples can be pinned" in card.pin_button.toolTip()

    # A test sample's card (a route from a plot) switches the page back to the test set.
    assert tab.open_sample(3)
    assert view.part() == "test" and view.shown_rows() == len(data.y_test)
    assert card.card.part == "test" and card.title_label.text().startswith("Test sample 3:")
    assert card.pin_button.isEnabled()


def test_a_confusion_cell_shows_test_samples_even_from_the_validation_set(qtbot, tab,
                                                                          moons_run):
    result, _data, _logits = moons_run
    finish(tab, result)
    view = tab.samples_view
    assert view.show_part("validation") and view.part() == "validation"
    panel = evaluation_after(tab, result)
    click_plot(qtbot, panel.confusion_plot, 0.5, 0.5)
    assert tab.results_tabs.currentWidget() is view and view.part() == "test"
    assert view.shown_rows() == result.report.confusion[0, 0]
