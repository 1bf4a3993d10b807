"""The trainer tab driven through its widgets: live runs, stop, pause, close, bad input."""

import math

import numpy as np
import pytest

from ce_desktop.core.jobs import Failed
from ce_desktop.core.runs.store import RunStore
from ce_desktop.core.training.config import PRESETS, TrainConfig
from ce_desktop.core.training.run import Epoch, Loading

#: Starts a process of its own: the app's worker or command line, or an external tool.
pytestmark = pytest.mark.process

RUN_TIMEOUT_MS = 120_000


@pytest.fixture
def store(tmp_path):
    with RunStore(tmp_path / "runs.sqlite") as opened:
        yield opened


@pytest.fixture
def trainer_tab(qtbot, store):
    from ce_desktop.ui.common import style
    from ce_desktop.ui.trainer.tab import TrainerTab

    style.configure_pyqtgraph()
    tab = TrainerTab(store)
    qtbot.addWidget(tab)
    tab.resize(1300, 850)
    tab.show()
    yield tab
    assert tab.shutdown(), "the training thread did not stop within 2 s"


def small_moons(tab, epochs=3, **changes):
    tab.dataset_combo.setCurrentIndex(tab.dataset_combo.findData("moons"))
    tab.samples_spin.setValue(400)
    tab.hidden_edit.setText("8")
    tab.loss_combo.setCurrentIndex(tab.loss_combo.findData("bce_logits"))
    tab.lr_spin.setValue(0.05)
    tab.epochs_spin.setValue(epochs)
    for attribute, value in changes.items():
        widget = getattr(tab, attribute)
        if hasattr(widget, "findData"):
            widget.setCurrentIndex(widget.findData(value))
        else:
            widget.setValue(value)


def test_presets_fill_the_form(trainer_tab):
    for key in ("keras", "tutorial"):
        trainer_tab.apply_preset(key)
        assert trainer_tab.config_dict() == PRESETS[key].to_dict() | {"hidden": [10, 10]}
    assert trainer_tab.init_combo.currentData() == "pytorch"
    trainer_tab.apply_preset("keras")
    assert trainer_tab.clip_spin.value() == pytest.approx(1e-7)
    trainer_tab.lr_spin.setValue(0.01)
    assert trainer_tab.preset_combo.currentData() is None  # edited: now "Custom"
    assert trainer_tab.config_dict()["name"] == ""


def test_every_control_explains_itself(trainer_tab):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

    controls = [w for kind in (QAbstractSpinBox, QComboBox, QLineEdit, QAbstractButton)
                for w in trainer_tab.findChildren(kind)
                if w.isVisibleTo(trainer_tab) and not w.inherits("QScrollBar")]
    missing = [w.objectName() or type(w).__name__ for w in controls
               if not w.toolTip() and not (w.parent() and w.parent().toolTip())]
    # Spin box line edits and tab bars belong to a control that has the tooltip.
    missing = [m for m in missing if m not in ("qt_spinbox_lineedit", "QTabBar", "QLineEdit")]
    assert missing == []


def test_a_three_epoch_run_is_drawn_and_stored(qtbot, trainer_tab, store):
    trainer_tab.apply_preset("tutorial")
    trainer_tab.epochs_spin.setValue(3)
    epochs = []
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS) as completed:
        assert trainer_tab.start()
        trainer_tab.run.job_event.connect(
            lambda e: isinstance(e, Epoch) and epochs.append(e.record.epoch))
    result = completed.args[0]
    assert result.status == "finished"
    qtbot.waitUntil(lambda: not trainer_tab.is_running(), timeout=5000)
    assert epochs == [1, 2, 3]
    x, y = trainer_tab.val_curve.getData()
    assert list(x) == [1, 2, 3] and len(y) == 3
    assert list(y) == pytest.approx([r.val_loss for r in trainer_tab.history()])
    assert trainer_tab.baseline_line.isVisible()
    assert trainer_tab.baseline_line.value() == pytest.approx(math.log(2), abs=1e-3)
    assert "bits per sample learned" in trainer_tab.learned_label.text()
    assert trainer_tab.progress_bar.value() == trainer_tab.progress_bar.maximum()
    assert "Finished" in trainer_tab.message_label.text()
    (run,) = store.runs()
    assert run.status == "finished" and run.epochs == 3
    assert run.test_metrics["test_acc"] == pytest.approx(result.report.test_acc)
    assert trainer_tab.evaluation_panel.metric_labels["test_acc"].text().endswith("%")
    # The buttons follow the thread's finished signal, which arrives just after.
    qtbot.waitUntil(trainer_tab.start_button.isEnabled, timeout=5000)
    assert not trainer_tab.stop_button.isEnabled()


def test_ema_and_log_axis_change_the_drawing_not_the_data(qtbot, trainer_tab):
    small_moons(trainer_tab, epochs=4)
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS):
        trainer_tab.start()
    raw = list(trainer_tab.train_curve.getData()[1])
    trainer_tab.smooth_check.setChecked(True)
    smoothed = list(trainer_tab.train_curve.getData()[1])
    assert smoothed[0] == raw[0] and smoothed[1] == pytest.approx(0.3 * raw[1] + 0.7 * raw[0])
    trainer_tab.smooth_check.setChecked(False)
    assert list(trainer_tab.train_curve.getData()[1]) == raw
    trainer_tab.log_check.setChecked(True)
    assert trainer_tab.loss_plot.getPlotItem().ctrl.logYCheck.isChecked()


def test_stop_mid_run_keeps_completed_epochs(qtbot, trainer_tab, store):
    small_moons(trainer_tab, epochs=2000)
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS) as completed:
        trainer_tab.start()
        qtbot.waitUntil(lambda: len(trainer_tab.history()) >= 2, timeout=RUN_TIMEOUT_MS)
        trainer_tab.stop_button.click()
    assert completed.args[0].status == "stopped"
    qtbot.waitUntil(lambda: not trainer_tab.is_running(), timeout=5000)
    kept = len(trainer_tab.history())
    assert 2 <= kept < 2000
    (run,) = store.runs()
    assert run.status == "stopped" and run.epochs == kept
    assert "Stopped" in trainer_tab.message_label.text()


def test_pause_holds_the_run_and_resume_continues(qtbot, trainer_tab):
    small_moons(trainer_tab, epochs=2000)
    trainer_tab.start()
    qtbot.waitUntil(lambda: len(trainer_tab.history()) >= 1, timeout=RUN_TIMEOUT_MS)
    trainer_tab.pause_button.click()
    assert trainer_tab.pause_button.text() == "Resume"
    qtbot.wait(300)  # let an epoch in flight arrive
    paused_at = len(trainer_tab.history())
    qtbot.wait(700)
    assert len(trainer_tab.history()) == paused_at
    trainer_tab.pause_button.click()
    qtbot.waitUntil(lambda: len(trainer_tab.history()) > paused_at, timeout=RUN_TIMEOUT_MS)
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS):
        trainer_tab.stop()


def test_a_diverging_run_ends_with_a_clear_message(qtbot, trainer_tab, store):
    small_moons(trainer_tab, epochs=5, optimizer_combo="sgd", lr_spin=10000.0)
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS) as completed:
        trainer_tab.start()
    assert completed.args[0].status == "failed"
    assert "diverged" in trainer_tab.message_label.text()
    assert "learning rate" in trainer_tab.message_label.text()
    assert store.runs()[0].status == "failed"


def test_bad_settings_are_reported_and_nothing_starts(trainer_tab):
    trainer_tab.hidden_edit.setText("ten, 10")
    assert not trainer_tab.start()
    assert "hidden layers must be whole numbers" in trainer_tab.message_label.text()
    assert trainer_tab.run is None


def test_a_malformed_csv_is_reported_with_its_line(qtbot, trainer_tab, tmp_path):
    path = tmp_path / "bad.csv"
    # Numbers with one typing error: a numeric column, so the cell is named.
    path.write_text("a,b,label\n1,2,x\n3,oops,y\n" + "5,6,x\n5,6,y\n" * 10, encoding="utf-8")
    trainer_tab.dataset_combo.setCurrentIndex(trainer_tab.dataset_combo.findData("csv"))
    trainer_tab.csv_edit.setText(str(path))
    trainer_tab.start()
    qtbot.waitUntil(lambda: not trainer_tab.is_running(), timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: "line 3" in trainer_tab.message_label.text(), timeout=5000)
    assert "'b'" in trainer_tab.message_label.text()
    assert trainer_tab.start_button.isEnabled()


def csv_of(tmp_path, rows: int):
    rng = np.random.default_rng(8)
    path = tmp_path / "big.csv"
    lines = ["a,b,label"] + [f"{rng.normal():.3f},{rng.normal():.3f},{i % 2}"
                             for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reading_a_csv_shows_its_progress(qtbot, trainer_tab, tmp_path):
    from ce_desktop.core.data import csv_table as data

    rows = 2 * data._PROGRESS_LINES  # a report every _PROGRESS_LINES lines
    trainer_tab.set_config_dict(TrainConfig(
        dataset="csv", csv_path=str(csv_of(tmp_path, rows)), loss="bce_logits", hidden=(4,),
        epochs=1).to_dict())
    reports = []
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS) as completed:
        assert trainer_tab.start()
        trainer_tab.run.job_event.connect(
            lambda e: isinstance(e, Loading) and reports.append(e.lines))
    assert completed.args[0].status == "finished"
    assert reports == [data._PROGRESS_LINES, rows]


def test_stop_while_reading_a_csv_trains_nothing(qtbot, trainer_tab, tmp_path):
    from ce_desktop.backend import process
    from ce_desktop.core.data import csv_table as data

    process.prestart(wait=True)  # else the stop lands while torch is loading
    trainer_tab.set_config_dict(TrainConfig(
        dataset="csv", csv_path=str(csv_of(tmp_path, 2 * data._PROGRESS_LINES)),
        epochs=1).to_dict())
    assert trainer_tab.start()
    trainer_tab.stop()
    qtbot.waitUntil(lambda: not trainer_tab.is_running(), timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: "Stopped while reading the data" in
                    trainer_tab.message_label.text(), timeout=5000)
    assert trainer_tab.history() == []
    qtbot.waitUntil(trainer_tab.start_button.isEnabled, timeout=5000)


def test_closing_the_window_mid_run_stops_the_worker(qtbot):
    from ce_desktop.ui.app import MainWindow, create_application

    create_application()
    window = MainWindow(store_path=":memory:")
    qtbot.addWidget(window)
    window.show()
    tab = window.trainer_tab
    small_moons(tab, epochs=5000)
    tab.start()
    qtbot.waitUntil(lambda: len(tab.history()) >= 1, timeout=RUN_TIMEOUT_MS)
    job = tab.run
    window.close()
    assert job.wait(0)
    assert tab.last_result is None or tab.last_result.status == "stopped"


def test_a_training_process_that_dies_mid_run_is_reported_and_its_epochs_kept(
    qtbot, trainer_tab, store
):
    small_moons(trainer_tab, epochs=5000)
    failures = []
    assert trainer_tab.start()
    trainer_tab.run.job_event.connect(
        lambda e: isinstance(e, Failed) and failures.append(e.message))
    qtbot.waitUntil(lambda: len(trainer_tab.history()) >= 2, timeout=RUN_TIMEOUT_MS)
    trainer_tab.run._runner.kill()  # as the system's out-of-memory killer would
    qtbot.waitUntil(lambda: not trainer_tab.is_running(), timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: failures != [], timeout=5000)
    assert "ended unexpectedly" in failures[0]
    qtbot.waitUntil(lambda: "ended unexpectedly" in trainer_tab.message_label.text(),
                    timeout=5000)
    (run,) = store.runs()
    assert run.status == "failed" and "ended unexpectedly" in run.message
    kept = store.epochs(run.id)
    assert len(kept) >= 2
    assert [e["epoch"] for e in kept] == list(range(1, len(kept) + 1))
    # The next run gets a new process and finishes.
    small_moons(trainer_tab, epochs=2)
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS) as completed:
        assert trainer_tab.start()
    assert completed.args[0].status == "finished"


def test_a_run_that_does_not_stop_in_time_has_its_process_killed(qtbot, trainer_tab, store):
    small_moons(trainer_tab, epochs=5000)
    assert trainer_tab.start()
    qtbot.waitUntil(lambda: len(trainer_tab.history()) >= 1, timeout=RUN_TIMEOUT_MS)
    process = trainer_tab.run._runner._process
    # 1 ms is shorter than the relay's poll interval, so the polite stop cannot land.
    assert trainer_tab.run.shutdown(seconds=0.001)
    qtbot.waitUntil(lambda: not trainer_tab.is_running(), timeout=10_000)
    assert not process.is_alive() and process._process.exitcode == -9
    (run,) = store.runs()
    assert "did not stop in time" in run.message
    kept = len(store.epochs(run.id))
    assert run.status == "stopped" and f"the {kept} completed epoch(s)" in run.message


def test_save_and_load_a_model(qtbot, trainer_tab, tmp_path):
    import torch

    assert not trainer_tab.save_model_button.isEnabled()
    small_moons(trainer_tab, epochs=2, activation_combo="tanh")
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS) as completed:
        trainer_tab.start()
    qtbot.waitUntil(lambda: trainer_tab.save_model_button.isEnabled(), timeout=5000)
    path = tmp_path / "moons.pt"
    assert trainer_tab.save_model(str(path))
    qtbot.waitUntil(lambda: "Saved the model" in trainer_tab.message_label.text(),
                    timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: trainer_tab.file_job is None, timeout=5000)
    trainer_tab.apply_preset("tutorial")
    assert trainer_tab.load_model(str(path))
    qtbot.waitUntil(lambda: trainer_tab.loaded_model is not None, timeout=RUN_TIMEOUT_MS)
    assert trainer_tab.activation_combo.currentData() == "tanh"
    assert trainer_tab.hidden_edit.text() == "8"
    # The file holds exactly the trained weights, and a model rebuilt from it answers as
    # the trained one would.
    trained = completed.args[0].state
    loaded = trainer_tab.loaded_model.state
    assert loaded.keys() == trained.keys()
    assert all(np.array_equal(loaded[k], trained[k]) for k in trained)
    from ce_desktop.core.training.models import load_model

    model, _config = load_model(path)
    x = torch.randn(4, 2)
    expected = np.tanh(x.numpy() @ trained["0.weight"].T + trained["0.bias"])
    expected = expected @ trained["2.weight"].T + trained["2.bias"]
    np.testing.assert_allclose(model(x).detach().numpy(), expected, rtol=1e-5, atol=1e-6)
    # The loaded model is tested on its data and shown as after its run: the same test
    # figures, its decision regions, and none of the run's curves left over.
    qtbot.waitUntil(lambda: "test accuracy" in trainer_tab.message_label.text(),
                    timeout=RUN_TIMEOUT_MS)
    report = completed.args[0].report
    assert f"test loss {report.test_loss:.4f}" in trainer_tab.message_label.text()
    labels = trainer_tab.evaluation_panel.metric_labels
    assert labels["test_acc"].text() == f"{100.0 * report.test_acc:.1f} %"
    assert labels["test_auc"].text() == f"{report.test_auc:.3f}"
    assert trainer_tab.results_tabs.currentWidget() is trainer_tab.decision_view
    assert trainer_tab.decision_view.image_item.isVisible()
    assert trainer_tab.history() == [] and trainer_tab.val_curve.getData()[0] is None
    assert not trainer_tab.save_model_button.isEnabled()  # the run it belonged to is gone


def test_a_loaded_model_whose_data_are_gone_says_so(qtbot, trainer_tab, tmp_path):
    from ce_desktop.core.training.models import build_mlp, save_state

    model = build_mlp(3, 2, (4,), "relu", "bce_logits")
    config = {**TrainConfig(dataset="csv", csv_path=str(tmp_path / "gone.csv"), hidden=(4,),
                            loss="bce_logits").to_dict()}
    path = tmp_path / "orphan.pt"
    save_state({k: v.detach().numpy() for k, v in model.state_dict().items()}, config, path)
    assert trainer_tab.load_model(str(path))
    qtbot.waitUntil(lambda: "could not test it" in trainer_tab.message_label.text(),
                    timeout=RUN_TIMEOUT_MS)
    assert "gone.csv" in trainer_tab.message_label.text()
    assert trainer_tab.csv_edit.text().endswith("gone.csv")


def test_loading_a_foreign_file_is_refused_with_a_message(qtbot, trainer_tab, tmp_path):
    path = tmp_path / "notes.pt"
    path.write_text("not a model", encoding="utf-8")
    assert trainer_tab.load_model(str(path))
    qtbot.waitUntil(lambda: "not a ce-desktop model file" in trainer_tab.message_label.text(),
                    timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: trainer_tab.file_job is None, timeout=5000)
    assert trainer_tab.loaded_model is None
    assert trainer_tab.load_model_button.isEnabled()


def test_ticked_runs_are_overlaid_on_the_loss_plot(trainer_tab, store):
    from PySide6.QtCore import Qt

    run_id = store.start_run({"lr": 0.001}, "tutorial")
    for n, val in enumerate([0.5, 0.3, 0.1234], start=1):
        store.add_epoch(run_id, {"epoch": n, "train_loss": val + 0.1, "val_loss": val,
                                 "train_acc": 0.8, "val_acc": 0.75, "seconds": 0.1})
    store.finish_run(run_id, "finished", {"test_loss": 0.2, "test_acc": 0.925})
    tab = trainer_tab
    tab.runs_panel.refresh()
    tab.runs_panel.set_checked(run_id, True)
    (curve,) = tab.compared_curves()
    x, y = curve.getData()
    assert list(x) == [1, 2, 3] and list(y) == [0.5, 0.3, 0.1234]
    assert curve.opts["pen"].style() == Qt.PenStyle.DashLine
    tab.runs_panel.set_checked(run_id, False)
    assert tab.compared_curves() == []
    assert curve not in tab.loss_plot.getPlotItem().items


def test_finished_runs_are_released(qtbot, trainer_tab):
    from conftest import live_job_handles

    before = live_job_handles()  # other tests' tabs may still hold their last run
    for _ in range(3):
        small_moons(trainer_tab, epochs=1)
        with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS):
            trainer_tab.start()
        qtbot.waitUntil(trainer_tab.start_button.isEnabled, timeout=5000)
    qtbot.wait(50)
    assert live_job_handles() - before == {id(trainer_tab.run)}


def test_a_second_start_while_a_run_is_active_is_refused(qtbot, trainer_tab):
    small_moons(trainer_tab, epochs=500)
    assert trainer_tab.start()
    first = trainer_tab.run
    assert not trainer_tab.start()
    assert trainer_tab.run is first
    assert not trainer_tab.start_button.isEnabled()
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS) as completed:
        trainer_tab.stop()
    assert completed.args[0].status == "stopped"


def test_a_batch_larger_than_the_data_is_reported_and_nothing_trains(qtbot, trainer_tab):
    small_moons(trainer_tab, epochs=2)
    trainer_tab.batch_spin.setValue(1000)
    assert trainer_tab.start()
    qtbot.waitUntil(lambda: not trainer_tab.is_running(), timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: "is larger than the 240 training rows" in
                    trainer_tab.message_label.text(), timeout=5000)
    assert trainer_tab.history() == []


def test_the_form_does_not_accept_zero_or_negative_rates_batches_or_epochs(trainer_tab):
    trainer_tab.lr_spin.setValue(-1.0)
    trainer_tab.batch_spin.setValue(0)
    trainer_tab.epochs_spin.setValue(0)
    config = trainer_tab.config_dict()
    assert config["lr"] > 0 and config["batch_size"] == 1 and config["epochs"] == 1


@pytest.fixture
def chinese(qapp):
    from ce_desktop.ui.common import language

    assert language.install("zh_CN", qapp)
    yield
    language.remove(qapp)


def test_core_messages_reach_a_chinese_interface_in_chinese(qtbot, chinese, trainer_tab,
                                                            tmp_path):
    path = tmp_path / "坏.csv"
    path.write_text("a,b,标签\n1,2,x\n3,oops,y\n" + "5,6,x\n5,6,y\n" * 10, encoding="utf-8")
    trainer_tab.dataset_combo.setCurrentIndex(trainer_tab.dataset_combo.findData("csv"))
    trainer_tab.csv_edit.setText(str(path))
    trainer_tab.start()
    qtbot.waitUntil(lambda: not trainer_tab.is_running(), timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: "不是数字" in trainer_tab.message_label.text(), timeout=5000)
    assert "第 3 行，列 'b'：'oops' 不是数字" in trainer_tab.message_label.text()

    small_moons(trainer_tab, epochs=5, optimizer_combo="sgd", lr_spin=10000.0)
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS):
        trainer_tab.start()
    text = trainer_tab.message_label.text()
    assert text.startswith("训练发散了：损失在第 1 轮")
    assert "学习率（10000）对 sgd 优化器来说可能太高" in text


def test_a_run_keeps_the_live_plots_size_and_frames_its_epochs_at_start(qtbot, trainer_tab):
    # Any resize of the live plots repaints their axes from scratch in the pause at a run's
    # start: a label that grew with the first epoch, or the test-results panel changing its
    # minimum size (the splitter then moved). The epoch axis is framed in start() itself.
    def sizes():
        qtbot.wait(20)  # let layouts and the splitter settle
        return [trainer_tab.loss_plot.size().toTuple(), trainer_tab.acc_plot.size().toTuple()]

    trainer_tab.results_tabs.setCurrentWidget(trainer_tab.evaluation_page)
    small_moons(trainer_tab, epochs=4)
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS):
        assert trainer_tab.start()
    trainer_tab.results_tabs.setCurrentWidget(trainer_tab.evaluation_page)
    first = sizes()
    assert trainer_tab.learned_label.text() != ""
    qtbot.waitUntil(lambda: not trainer_tab.is_running(), timeout=RUN_TIMEOUT_MS)
    small_moons(trainer_tab, epochs=6)
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS):
        assert trainer_tab.start()
        x_range = trainer_tab.loss_plot.getPlotItem().getViewBox().viewRange()[0]
        assert x_range[0] < 0.5 < 6.5 < x_range[1] < 6.7
        assert sizes() == first
    assert sizes() == first


def test_nothing_of_a_run_outlives_it_on_screen(qtbot, trainer_tab):
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtWidgets import QApplication

    small_moons(trainer_tab, epochs=500)
    assert trainer_tab.start()
    qtbot.waitUntil(lambda: len(trainer_tab.history()) >= 2, timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: "left" in trainer_tab.eta_label.text(), timeout=RUN_TIMEOUT_MS)
    # The readout of the point under the pointer, then the pointer leaves the plot.
    plot = trainer_tab.loss_plot.getPlotItem()
    trainer_tab._on_hover((plot.vb.mapViewToScene(QPointF(1, 0.5)),))
    assert trainer_tab.hover_label.isVisible()
    QApplication.sendEvent(trainer_tab.loss_plot, QEvent(QEvent.Type.Leave))
    assert not trainer_tab.hover_label.isVisible()
    trainer_tab._on_hover((plot.vb.mapViewToScene(QPointF(1, 0.5)),))
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS):
        trainer_tab.stop()
    # A stopped run says how long it ran, not how long it has left.
    assert "left" not in trainer_tab.eta_label.text()
    assert trainer_tab.eta_label.text().endswith(" s")
    qtbot.waitUntil(lambda: not trainer_tab.is_running(), timeout=RUN_TIMEOUT_MS)
    small_moons(trainer_tab, epochs=1)
    assert trainer_tab.start()
    assert not trainer_tab.hover_label.isVisible()  # it held the last run's numbers
    qtbot.waitUntil(lambda: not trainer_tab.is_running(), timeout=RUN_TIMEOUT_MS)


def test_the_empty_decision_view_says_what_it_will_show(trainer_tab):
    def hint() -> str:
        return trainer_tab.decision_view.hint.textItem.toPlainText()

    trainer_tab.apply_preset("tutorial")
    assert "two-feature data sets" in hint()
    trainer_tab.dataset_combo.setCurrentIndex(trainer_tab.dataset_combo.findData("moons"))
    assert "Start a run" in hint()


def test_a_run_that_ends_far_above_the_baseline_is_said_to_have_diverged(qtbot, trainer_tab):
    small_moons(trainer_tab, epochs=3, loss_combo="bce", optimizer_combo="sgd")
    trainer_tab.lr_spin.setValue(1000)
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS) as completed:
        assert trainer_tab.start()
    assert completed.args[0].status == "finished"
    text = trainer_tab.message_label.text()
    assert text.startswith("Finished:") and "Diverged: the validation loss ended at" in text
    assert "negative: worse than answering" in trainer_tab.learned_label.text()


def test_early_stopping_is_set_in_the_form_and_said_after_the_run(qtbot, trainer_tab, store):
    assert trainer_tab.patience_spin.text() == "off"
    assert not trainer_tab.restore_best_check.isEnabled()
    small_moons(trainer_tab, epochs=100, samples_spin=200, noise_spin=0.4, patience_spin=3)
    assert trainer_tab.restore_best_check.isEnabled()
    assert trainer_tab.config_dict()["patience"] == 3
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS) as completed:
        assert trainer_tab.start()
    result = completed.args[0]
    assert result.status == "finished" and result.restored_epoch is not None
    assert len(trainer_tab.history()) == result.restored_epoch + 3 < 100
    text = trainer_tab.message_label.text()
    assert "Finished" in text and "Stopped early" in text
    assert f"weights of epoch {result.restored_epoch}" in text
    (run,) = store.runs()
    assert run.status == "finished" and "Stopped early" in run.message


def test_after_an_early_stop_every_number_shown_is_the_kept_epochs(qtbot, trainer_tab):
    small_moons(trainer_tab, epochs=100, samples_spin=200, noise_spin=0.4, patience_spin=3)
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS) as completed:
        assert trainer_tab.start()
    result = completed.args[0]
    kept = trainer_tab.history()[result.restored_epoch - 1]
    learned = trainer_tab.learned_label.text()
    assert learned.startswith(f"kept epoch {kept.epoch}: validation loss <b>{kept.val_loss:.4f}")
    # The bar reads as finished, and says where the run stopped.
    bar = trainer_tab.progress_bar
    assert bar.value() == bar.maximum()
    assert bar.text() == f"stopped early at epoch {len(trainer_tab.history())}"


def test_a_live_verdict_the_later_epochs_no_longer_bear_out_is_withdrawn(
        qtbot, trainer_tab, monkeypatch):
    from ce_desktop.core.messages import Message
    from ce_desktop.core.training.verdict import Verdict

    said: list[Verdict | None] = [Verdict("not_finished", Message("Not finished: falling"))]
    monkeypatch.setattr("ce_desktop.ui.trainer.tab.run_verdict", lambda *args: said[0])
    small_moons(trainer_tab, epochs=10_000)  # still running while the verdicts are read
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS):
        assert trainer_tab.start()
        qtbot.waitUntil(lambda: bool(trainer_tab.history()), timeout=RUN_TIMEOUT_MS)
        trainer_tab._redraw_live()
        assert trainer_tab.message_label.text() == "Not finished: falling"
        said[0] = None  # the next epochs say otherwise
        trainer_tab._redraw_live()
        assert "Not finished" not in trainer_tab.message_label.text()
        assert trainer_tab.message_label.text().startswith("Training")
        trainer_tab.stop()


def test_a_config_from_before_the_newer_settings_shows_their_defaults(trainer_tab):
    trainer_tab.patience_spin.setValue(5)
    trainer_tab.eps_form_combo.setCurrentIndex(trainer_tab.eps_form_combo.findData("keras"))
    older = PRESETS["tutorial"].to_dict()
    for key in ("patience", "restore_best", "adam_eps_form"):
        del older[key]
    trainer_tab.set_config_dict(older)
    assert trainer_tab.config_dict() == PRESETS["tutorial"].to_dict() | {
        "hidden": [10, 10], "name": ""}


def _wheel_down(qapp, widget):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent

    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    qapp.sendEvent(widget, event)


def test_the_wheel_scrolls_the_form_without_changing_the_boxes_it_passes(qapp, trainer_tab):
    from PySide6.QtWidgets import QScrollArea

    trainer_tab.resize(1024, 500)
    qapp.processEvents()
    scroll = next(area for area in trainer_tab.findChildren(QScrollArea)
                  if area.isAncestorOf(trainer_tab.activation_combo))
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0
    before = (trainer_tab.activation_combo.currentIndex(), trainer_tab.lr_spin.value())
    _wheel_down(qapp, trainer_tab.activation_combo)
    _wheel_down(qapp, trainer_tab.lr_spin)
    assert (trainer_tab.activation_combo.currentIndex(), trainer_tab.lr_spin.value()) == before
    assert bar.value() > 0
    # A box the user has clicked into takes the wheel as usual.
    trainer_tab.activation_combo.setFocus()
    qapp.processEvents()
    if trainer_tab.activation_combo.hasFocus():  # focus needs an active window
        _wheel_down(qapp, trainer_tab.activation_combo)
        assert trainer_tab.activation_combo.currentIndex() == before[0] + 1


def test_the_forms_number_boxes_have_the_ranges_the_config_accepts(trainer_tab):
    from ce_desktop.core.training.config import BOUNDS

    boxes = trainer_tab._spin_fields()
    assert set(boxes) == set(BOUNDS)
    for key, box in boxes.items():
        assert (box.minimum(), box.maximum()) == pytest.approx(BOUNDS[key]), key
        # Every value the form can hold is one the config validates.
        for value in (box.minimum(), box.maximum()):
            box.setValue(value)
            TrainConfig.from_dict(trainer_tab.config_dict()).validate()
        box.setValue(getattr(TrainConfig(), key))


def test_the_loss_axis_names_the_runs_unit(qtbot, trainer_tab):
    axis = trainer_tab.loss_plot.getAxis("left")
    for loss, label in (("mse", "loss (squared error)"), ("bce_logits", "loss (nats)")):
        small_moons(trainer_tab, epochs=1, loss_combo=loss)
        with qtbot.waitSignal(trainer_tab.run_completed, timeout=RUN_TIMEOUT_MS):
            assert trainer_tab.start()
        assert axis.labelText == label


@pytest.mark.parametrize("size", [(1280, 720), (1024, 640)])
def test_the_form_fits_its_column_without_a_sideways_scroll(qtbot, main_window, size):
    from PySide6.QtWidgets import QScrollArea

    main_window.resize(*size)
    main_window.show_tab("trainer")
    tab = main_window.trainer_tab
    qtbot.waitUntil(lambda: tab.isVisible())
    scroll = next(area for area in tab.findChildren(QScrollArea)
                  if area.isAncestorOf(tab.restore_best_check))
    qtbot.wait(50)
    assert not scroll.horizontalScrollBar().isVisible()


def test_a_digits_run_fills_the_samples_page_a_new_run_clears_it_a_loaded_model_refills_it(
        qtbot, trainer_tab, tmp_path):
    """Issue 19's Samples page after a real run: one row per test sample, worst first."""
    from ce_desktop.ui.trainer.samples_view import LOSS, TRUE

    tab = trainer_tab
    tab.dataset_combo.setCurrentIndex(tab.dataset_combo.findData("digits"))
    assert tab.dataset_combo.currentText() == "digits (8×8 images)"
    assert not tab.samples_spin.isEnabled() and tab.data_seed_spin.isEnabled()
    tab.loss_combo.setCurrentIndex(tab.loss_combo.findData("ce"))
    tab.smoothing_spin.setValue(0.1)
    tab.hidden_edit.setText("16")
    tab.epochs_spin.setValue(3)
    with qtbot.waitSignal(tab.run_completed, timeout=RUN_TIMEOUT_MS) as completed:
        assert tab.start()
    report = completed.args[0].report
    samples = report.samples
    view = tab.samples_view

    def losses() -> np.ndarray:
        model = view.model
        return np.array([float(model.index(row, LOSS).data())
                         for row in range(model.rowCount())])

    assert view.shown_rows() == len(samples) == 359
    shown = losses()
    assert list(shown) == sorted(shown, reverse=True)
    np.testing.assert_allclose(shown, np.sort(samples.loss)[::-1], atol=1e-4)
    assert view.mean_marker() == pytest.approx(report.test_loss, abs=1e-9)
    assert samples.loss.mean() == pytest.approx(report.test_loss, abs=1e-6)
    assert samples.images.shape == (359, 8, 8)
    assert view.class_combo.count() == 11
    view.wrong_check.setChecked(True)
    assert view.shown_rows() == (~samples.correct).sum() == round(359 * (1 - report.test_acc))
    view.class_combo.setCurrentIndex(view.class_combo.findData(3))
    assert view.shown_rows() == samples.selection(wrong_only=True, true_class=3).sum()
    assert {view.model.index(row, TRUE).data() for row in range(view.shown_rows())} <= {"3"}
    assert "Per-sample losses" in tab.plots()

    path = str(tmp_path / "digits.pt")
    assert tab.save_model(path)
    qtbot.waitUntil(lambda: tab.file_job is None, timeout=RUN_TIMEOUT_MS)

    # A new run takes the old samples off the page at once; the filters stay as they were.
    tab.epochs_spin.setValue(1)
    with qtbot.waitSignal(tab.run_completed, timeout=RUN_TIMEOUT_MS) as completed:
        assert tab.start()
        assert view.shown_rows() == 0 and view.mean_marker() is None
    again = completed.args[0].report.samples
    assert view.shown_rows() == again.selection(wrong_only=True, true_class=3).sum()
    view.wrong_check.setChecked(False)
    view.class_combo.setCurrentIndex(0)
    assert view.shown_rows() == 359

    assert tab.load_model(path)
    qtbot.waitUntil(lambda: tab.file_job is None, timeout=RUN_TIMEOUT_MS)
    assert view.shown_rows() == 359
    assert view.mean_marker() == pytest.approx(report.test_loss, abs=1e-6)
    np.testing.assert_allclose(losses(), shown, atol=1e-4)


def test_a_longer_message_does_not_move_the_buttons(qtbot, trainer_tab):
    """The message under the buttons grew with its text and moved every button above it
    between two clicks."""
    trainer_tab.resize(1000, 600)
    qtbot.waitExposed(trainer_tab)

    def button_y() -> int:
        qtbot.wait(20)
        return trainer_tab.apply_model_button.mapTo(trainer_tab, trainer_tab.rect().topLeft()).y()

    trainer_tab._show_message("Ready.")
    short = button_y()
    trainer_tab._show_message("\n".join(["A finished run's long report."] * 9), error=True)
    assert button_y() == short
    assert "long report" in trainer_tab.message_label.text()


def test_a_start_that_cannot_work_leaves_the_last_run_on_screen(qtbot, trainer_tab):
    """Digits with a binary loss was refused by the worker after the last run's curves and
    report had been cleared."""
    small_moons(trainer_tab)
    with qtbot.waitSignal(trainer_tab.run_completed, timeout=120_000):
        assert trainer_tab.start()
    qtbot.waitUntil(lambda: not trainer_tab.is_running(), timeout=5000)
    history = trainer_tab.history()
    assert len(history) == 3
    trainer_tab.dataset_combo.setCurrentIndex(trainer_tab.dataset_combo.findData("digits"))
    trainer_tab.loss_combo.setCurrentIndex(trainer_tab.loss_combo.findData("bce"))
    assert not trainer_tab.start()
    assert "bce needs two classes, the data has 10" in trainer_tab.message_label.text()
    assert trainer_tab.history() == history
    assert trainer_tab.last_result is not None
    assert trainer_tab.save_model_button.isEnabled()
