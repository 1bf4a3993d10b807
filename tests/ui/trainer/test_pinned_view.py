"""Watching a sample learn (issue 19): pinned from each route — the Samples table's context
menu, its Pin button, the P key, the sample card — at most five, kept for a new run on the
same data and dropped for other data; the lines drawn are the traced values of each epoch."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import Qt

from ce_desktop.core.runs.recorder import RunResult
from ce_desktop.core.training.config import TrainConfig
from ce_desktop.core.training.results import EpochRecord, SampleLosses, SampleTrace
from ce_desktop.core.training.run import Epoch
from ce_desktop.ui.trainer.samples_view import ROW

RUN_TIMEOUT_MS = 120_000
CONFIG = TrainConfig(dataset="digits", loss="ce", hidden=(16,), epochs=3, lr=0.01)
NAMES = tuple(str(k) for k in range(10))


def made_samples(n: int = 40) -> SampleLosses:
    """``n`` samples of ten classes with made-up predictions (q(true) falls with the row)."""
    true = np.arange(n) % 10
    q_true = np.linspace(0.95, 0.05, n)
    q = np.tile(((1 - q_true) / 9)[:, None], (1, 10)).astype(np.float32)
    q[np.arange(n), true] = q_true
    predicted = q.argmax(axis=1)
    loss = -np.log(q_true)
    return SampleLosses(true, predicted, q, loss, loss / n)


def finished(tab, samples: SampleLosses, config: TrainConfig = CONFIG,
             restored_epoch: int | None = None) -> None:
    """A run's end, as the trainer receives it from its job (no worker process)."""
    from ce_desktop.core.training.results import TestReport

    report = TestReport(test_loss=float(samples.loss.mean()), test_acc=0.5, test_auc=None,
                        confusion=np.zeros((10, 10), dtype=int),
                        calibration_predicted=np.zeros(0), calibration_observed=np.zeros(0),
                        histogram_edges=np.linspace(0, 1, 11),
                        histograms=np.zeros((10, 10), dtype=int), samples=samples)
    from conftest import end_run

    end_run(tab, RunResult(run_id=3, status="finished", message=None, report=report,
                           class_names=NAMES, state=None, config=config,
                           restored_epoch=restored_epoch))


def run_epochs(tab, config: TrainConfig, epochs: int, n: int = 40,
               seed: int = 0) -> list[SampleTrace]:
    """A run's start and ``epochs`` epoch events with made-up traces, as the tab gets them."""
    tab._clear_results()
    tab.pinned_view.start_run(config)
    rng = np.random.default_rng(seed)
    traces = []
    for epoch in range(1, epochs + 1):
        q = rng.uniform(0.01, 1, n).astype(np.float32)
        traces.append(SampleTrace(q, -np.log(q)))
        record = EpochRecord(epoch, 1.0, 1.0, 0.5, 0.5, 0.1, np.zeros(3))
        tab._on_run_event(Epoch(record, None, traces[-1]))
    return traces


@pytest.fixture
def tab(qtbot):
    from conftest import show_widget

    from ce_desktop.ui.common import style
    from ce_desktop.ui.trainer.tab import TrainerTab

    style.configure_pyqtgraph()
    tab = show_widget(qtbot, TrainerTab(None), 1280, 720)
    yield tab
    tab.card_dialog.close()
    assert tab.shutdown()


def row_of(view, sample: int) -> int:
    model = view.model
    return next(r for r in range(model.rowCount()) if model.sample_at(r) == sample)


def make_current(view, sample: int) -> None:
    view.table.setCurrentIndex(view.model.index(row_of(view, sample), ROW))


def test_each_route_pins_and_unpins_and_the_table_and_card_show_it(qtbot, tab):
    samples = made_samples()
    finished(tab, samples)
    tab.results_tabs.setCurrentWidget(tab.samples_view)
    view, pinned = tab.samples_view, tab.pinned_view
    qtbot.waitExposed(view.table)
    assert not view.pin_button.isEnabled()  # no row chosen yet

    # The context menu of a row: the row becomes current and its action pins it.
    rect = view.table.visualRect(view.model.index(row_of(view, 17), ROW))
    menu = view.context_menu(rect.center())
    qtbot.addWidget(menu)
    (action,) = menu.actions()
    assert view.current_sample() == 17 and action.text() == "Pin"
    action.trigger()
    assert pinned.indices() == [17]
    assert action.text() == "Unpin" and view.pin_button.text() == "Unpin"
    # Its row shows the line's colour.
    colour = view.model.index(row_of(view, 17), ROW).data(Qt.ItemDataRole.DecorationRole)
    assert colour.name() == pinned.colors()[17]

    # The Pin button.
    make_current(view, 3)
    assert view.pin_button.text() == "Pin"
    qtbot.mouseClick(view.pin_button, Qt.MouseButton.LeftButton)
    assert pinned.indices() == [17, 3]

    # The P key, in the table.
    make_current(view, 25)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_P)
    assert pinned.indices() == [17, 3, 25]
    qtbot.keyClick(view.table, Qt.Key.Key_P)  # again: unpinned
    assert pinned.indices() == [17, 3]

    # The card.
    assert tab.open_sample(8)
    card = tab.card_dialog
    assert card.pin_button.text() == "Pin this sample"
    qtbot.mouseClick(card.pin_button, Qt.MouseButton.LeftButton)
    assert pinned.indices() == [17, 3, 8] and card.pin_button.text() == "Unpin this sample"
    assert tab.open_sample(17) and card.pin_button.text() == "Unpin this sample"
    qtbot.mouseClick(card.pin_button, Qt.MouseButton.LeftButton)
    assert pinned.indices() == [3, 8]
    assert view.model.index(row_of(view, 17), ROW).data(Qt.ItemDataRole.DecorationRole) is None

    # The legend names each line by its row and true class, in the order pinned.
    assert pinned.legend_texts() == ["row 3 (true 3)", "row 8 (true 8)"]
    # And the Pinned page's own list unpins.
    pinned.pin_list.setCurrentRow(0)
    qtbot.mouseClick(pinned.unpin_button, Qt.MouseButton.LeftButton)
    assert pinned.indices() == [8]


def test_a_sixth_pin_is_refused_politely(qtbot, tab):
    finished(tab, made_samples())
    view, pinned = tab.samples_view, tab.pinned_view
    messages = []
    tab.status_message.connect(messages.append)
    for sample in (0, 1, 2, 3, 4):
        make_current(view, sample)
        view.toggle_current_pin()
    make_current(view, 30)
    view.toggle_current_pin()
    assert pinned.indices() == [0, 1, 2, 3, 4]
    assert messages[-1] == "Up to 5 samples can be pinned; unpin one to pin test sample 30."
    assert pinned.note_label.text() == messages[-1]
    assert len(set(pinned.colors().values())) == 5


def test_the_lines_are_each_epochs_traced_values_and_pins_outlive_a_run_on_the_same_data(
        qtbot, tab):
    """Pinned in a finished run's table; the next run's epochs (as its job sends them) are
    drawn from epoch 1; a run on other data unpins them and says so."""
    finished(tab, made_samples())
    tab.results_tabs.setCurrentWidget(tab.pinned_view)
    for sample in (5, 12):
        tab._toggle_pin(sample)
    pinned = tab.pinned_view
    # A new run on the same data, as the tab starts it: the table is empty meanwhile.
    tab._clear_results()
    pinned.start_run(dataclasses.replace(CONFIG, lr=0.1, epochs=5))
    assert tab.samples_view.shown_rows() == 0
    rng = np.random.default_rng(0)
    traces = []
    for epoch in (1, 2, 3):
        q = rng.uniform(0.01, 1, 40).astype(np.float32)
        traces.append(SampleTrace(q, -np.log(q)))
        record = EpochRecord(epoch, 1.0, 1.0, 0.5, 0.5, 0.1, np.zeros(3))
        tab._on_run_event(Epoch(record, None, traces[-1]))
    # Drawn when the live plots' redraw timer fires, as the curves are.
    qtbot.waitUntil(lambda: pinned.curve_data(12)[0][0] is not None
                    and len(pinned.curve_data(12)[0][0]) == 3)
    for sample in (5, 12):
        (qx, qy), (lx, ly) = pinned.curve_data(sample)
        assert list(qx) == list(lx) == [1, 2, 3]
        assert list(qy) == [float(t.q_true[sample]) for t in traces]
        assert list(ly) == [float(t.loss[sample]) for t in traces]
    # During the run the table is empty: the Pinned page's own list still unpins.
    pinned.pin_list.setCurrentRow(0)
    qtbot.mouseClick(pinned.unpin_button, Qt.MouseButton.LeftButton)
    assert pinned.indices() == [12]

    messages = []
    pinned.status_message.connect(messages.append)
    pinned.start_run(dataclasses.replace(CONFIG, data_seed=4))  # another split
    assert pinned.indices() == [] and pinned.pages.currentIndex() == 0
    assert "unpinned" in messages[-1] and "other data" in messages[-1]


def test_a_sample_pinned_after_a_run_shows_every_epoch_of_it(qtbot, tab):
    """The worst sample pinned in the Samples table after a five-epoch run: its lines have
    five points, each epoch's traced values."""
    config = dataclasses.replace(CONFIG, epochs=5)
    traces = run_epochs(tab, config, 5)
    finished(tab, made_samples(), config)
    pinned = tab.pinned_view
    assert pinned.pins.history.whole
    view = tab.samples_view
    view.table.setCurrentIndex(view.model.index(0, ROW))  # the worst sample: row 39
    worst = view.current_sample()
    assert worst == 39
    view.toggle_current_pin()
    tab.results_tabs.setCurrentWidget(pinned)
    (qx, qy), (lx, ly) = pinned.curve_data(worst)
    assert list(qx) == list(lx) == [1, 2, 3, 4, 5]
    assert list(qy) == [float(t.q_true[worst]) for t in traces]
    assert list(ly) == [float(t.loss[worst]) for t in traces]
    assert pinned.restored_epoch() is None  # the run kept its last epoch
    assert pinned.note_label.text() == "Pinned test sample 39."
    table = pinned.loss_table()
    assert list(table.columns[0][1]) == [1, 2, 3, 4, 5]


def test_past_the_budget_a_late_pin_starts_where_it_was_pinned_and_the_note_says_so(
        qtbot, tab):
    pinned = tab.pinned_view
    pinned.pins.history.budget = 40 * 3 * 8 - 1  # three epochs of 40 samples do not fit
    config = dataclasses.replace(CONFIG, epochs=3)
    finished(tab, made_samples(), config)
    tab._toggle_pin(4)  # pinned before the run: followed from its first epoch
    traces = run_epochs(tab, config, 2)
    pinned.toggle(config, 7, 7, NAMES)  # during it: from the epoch it was pinned at
    assert pinned.pins.history.whole is False
    assert "starts where it was pinned" in pinned.note_label.text()
    assert pinned.curve_data(7)[0][0].tolist() == [2]
    assert pinned.curve_data(7)[0][1].tolist() == [float(traces[1].q_true[7])]
    assert pinned.curve_data(4)[0][0].tolist() == [1, 2]


def test_the_epoch_whose_weights_were_restored_is_marked(qtbot, tab):
    """Early stopping put epoch 3's weights back after six epochs: a dashed line at epoch 3
    in both plots, named on the q plot, its tooltip naming the epoch; a new run takes it
    away."""
    config = dataclasses.replace(CONFIG, epochs=10, patience=3)
    run_epochs(tab, config, 6)
    finished(tab, made_samples(), config, restored_epoch=3)
    pinned = tab.pinned_view
    assert pinned.restored_epoch() is None  # no pins: the page shows its hint
    tab._toggle_pin(12)
    tab.results_tabs.setCurrentWidget(pinned)
    assert len(pinned.curve_data(12)[0][0]) == 6
    assert pinned.restored_epoch() == 3
    for line in pinned.restored_lines:
        assert line.isVisible() and line.value() == 3
        assert line.toolTip().startswith("Weights of epoch 3 restored")
    assert pinned.restored_lines[0].label.toPlainText() == "weights restored"
    assert pinned.note_label.text() == "Pinned test sample 12."

    run_epochs(tab, config, 1)
    assert pinned.restored_epoch() is None


def test_the_pinned_page_with_all_its_notes_fits_a_small_window(qtbot, main_window):
    """A message and the budget's note, wrapped under the plots of a 1024 × 640 screen:
    nothing squeezed or overlapping, every line of the note shown, and the restored line's
    name on the side with room."""
    from ui.test_fit import SIZES, problems

    window = main_window
    window.resize(*SIZES[0])
    window.show_tab("trainer")
    tab = window.trainer_tab
    pinned = tab.pinned_view
    config = dataclasses.replace(CONFIG, epochs=10, patience=3)
    pinned.pins.history.budget = 10
    run_epochs(tab, config, 6)
    finished(tab, made_samples(), config, restored_epoch=5)
    tab.results_tabs.setCurrentWidget(pinned)
    for sample in (1, 2, 3):
        tab._toggle_pin(sample)
    assert pinned.note_label.text().count("\n") == 1
    qtbot.waitUntil(lambda: problems(pinned, window) == [])
    assert window.size().toTuple() == SIZES[0]
    # Epoch 5 of 10: named to the right of the line, inside the plot.
    label = pinned.restored_lines[0].label
    assert label.isVisible() and label.anchors == [(0, 0), (0, 0)]
    # The note shows all its wrapped lines.
    note = pinned.note_label
    qtbot.waitUntil(lambda: note.height() >= note.heightForWidth(note.width())
                    and note.geometry().bottom() < note.parentWidget().height())
    window.close()


def test_a_loaded_model_has_no_epochs_to_draw(qtbot, tab):
    from ce_desktop.core.training.model_files import ModelFileRead

    run_epochs(tab, CONFIG, 3)
    finished(tab, made_samples(), restored_epoch=2)
    tab._toggle_pin(5)
    pinned = tab.pinned_view
    assert len(pinned.curve_data(5)[0][0]) == 3
    tab._on_file_event(ModelFileRead("model.pt", CONFIG.to_dict(), {}))
    assert pinned.indices() == [5]
    assert pinned.curve_data(5)[0][0] is None or len(pinned.curve_data(5)[0][0]) == 0
    assert pinned.restored_epoch() is None
    assert "has no history of epochs" in pinned.note_label.text()
    pinned.unpin(5)
    finished(tab, made_samples())  # the model's test, as its evaluation shows it
    tab._toggle_pin(6)
    assert pinned.curve_data(6)[0][0] is None or len(pinned.curve_data(6)[0][0]) == 0


@pytest.mark.process
def test_pinned_in_a_finished_run_the_samples_learn_live_in_the_next_real_run(qtbot, tab):
    """A real digits run; three samples pinned in its table (the worst, one by P, one from its
    card); a second run draws their traced q(true) and loss from its first epoch, while it
    runs; a run on another split unpins them and says so."""
    tab.dataset_combo.setCurrentIndex(tab.dataset_combo.findData("digits"))
    tab.loss_combo.setCurrentIndex(tab.loss_combo.findData("ce"))
    tab.hidden_edit.setText("16")
    tab.epochs_spin.setValue(2)
    with qtbot.waitSignal(tab.run_completed, timeout=RUN_TIMEOUT_MS):
        assert tab.start()
    view, pinned = tab.samples_view, tab.pinned_view
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=5000)
    tab.results_tabs.setCurrentWidget(view)
    view.table.setCurrentIndex(view.model.index(0, ROW))  # the worst sample
    worst = view.current_sample()
    view.pin_button.click()
    make_current(view, 100)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_P)
    assert tab.open_sample(200)
    tab.card_dialog.pin_button.click()
    assert pinned.indices() == [worst, 100, 200]

    tab.epochs_spin.setValue(4)
    traces: dict[int, SampleTrace] = {}
    followed = []

    def on_event(event):
        """After the tab's own handler: what the pins hold as each epoch arrives."""
        if isinstance(event, Epoch):
            traces[event.record.epoch] = event.samples
            followed.append(len(pinned.pins.samples[0].epochs))

    with qtbot.waitSignal(tab.run_completed, timeout=RUN_TIMEOUT_MS):
        assert tab.start()
        tab.run.job_event.connect(on_event)
        assert view.shown_rows() == 0 and pinned.indices() == [worst, 100, 200]
    assert sorted(traces) == [1, 2, 3, 4] and followed == [1, 2, 3, 4]  # epoch by epoch
    true = tab._sample_source.samples.true_class
    for sample in (worst, 100, 200):
        (qx, qy), (lx, ly) = pinned.curve_data(sample)
        assert list(qx) == list(lx) == [1, 2, 3, 4]
        np.testing.assert_array_equal(qy, [float(traces[e].q_true[sample]) for e in qx])
        np.testing.assert_array_equal(ly, [float(traces[e].loss[sample]) for e in lx])
        # The last epoch's values are the finished run's own (no early stopping here).
        assert ly[-1] == pytest.approx(tab._sample_source.samples.loss[sample], rel=1e-5)
    assert pinned.legend_texts() == [f"row {s} (true {true[s]})" for s in (worst, 100, 200)]
    assert view.model.index(0, ROW).data(Qt.ItemDataRole.DecorationRole) is not None

    messages = []
    tab.status_message.connect(messages.append)
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=5000)
    tab.data_seed_spin.setValue(tab.data_seed_spin.value() + 1)
    tab.epochs_spin.setValue(1)
    with qtbot.waitSignal(tab.run_completed, timeout=RUN_TIMEOUT_MS):
        assert tab.start()
    assert pinned.indices() == []
    assert any("pinned samples were unpinned" in text for text in messages)
