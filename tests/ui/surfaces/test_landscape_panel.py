"""The network-landscape panel driven through its controls, against the core's numbers."""

import numpy as np
import pytest
import torch
from conftest import show_widget

from ce_desktop.core.landscape import grid as landscape
from ce_desktop.core.landscape.events import GridUpdate
from ce_desktop.core.landscape.job import RunSource, prepare_subject
from ce_desktop.core.runs.store import RunStore
from ce_desktop.core.training.config import TrainConfig
from ce_desktop.core.training.trainer import Trainer
from ce_desktop.ui.common import style

#: Starts a process of its own: the app's worker or command line, or an external tool.
pytestmark = pytest.mark.process

TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def small_run():
    config = TrainConfig(dataset="moons", n_samples=400, hidden=(8,), loss="bce", epochs=4,
                         batch_size=32, lr=0.05, seed=4)
    trainer = Trainer(config)
    params = np.stack([record.params for record in trainer.epochs()])
    return config, params


@pytest.fixture(scope="module")
def large_run():
    """Enough samples that a 101 × 101 grid takes many chunks: something to cancel."""
    config = TrainConfig(dataset="moons", n_samples=6000, hidden=(16, 16), loss="bce_logits",
                         epochs=3, batch_size=256, lr=0.01, seed=2)
    trainer = Trainer(config)
    params = np.stack([record.params for record in trainer.epochs()])
    return config, params


def make_panel(qtbot, run=None, store=None):
    from ce_desktop.ui.surfaces.landscape_panel import LandscapePanel

    style.configure_pyqtgraph()
    # The key names the weights: each fixture's run has its own.
    source = (lambda: RunSource(f"test:{id(run)}", run[0], run[1], "test run")) if run else None
    panel = LandscapePanel(store=store, last_run=source)
    show_widget(qtbot, panel, 1400, 760)
    return panel


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def compute_and_wait(qtbot, panel) -> list[bool]:
    with qtbot.waitSignal(panel.computation_finished, timeout=TIMEOUT_MS) as blocker:
        assert panel.compute()
    return blocker.args


def test_an_11_by_11_landscape_shows_the_cores_grid(qtbot, small_run):
    panel = make_panel(qtbot, small_run)
    choose(panel.size_combo, 11)
    panel.span_spin.setValue(0.5)
    panel.seed_spin.setValue(9)
    assert compute_and_wait(qtbot, panel) == [True]
    shown = panel.image.image
    assert shown.shape == (11, 11)
    assert np.all(np.isfinite(shown))
    config, params = small_run
    subject = prepare_subject(config, params, "check")
    generator = torch.Generator().manual_seed(9)
    d1 = landscape.filter_normalized_direction(subject.model, generator)
    d2 = landscape.filter_normalized_direction(subject.model, generator)
    axis = np.linspace(-0.5, 0.5, 11)
    expected = landscape.loss_grid(subject.model, subject.dataset.X_train,
                                   subject.dataset.y_train, d1, d2, axis, axis, "bce")
    np.testing.assert_allclose(shown, expected, atol=1e-6)
    # Pixels are centred on grid points: the image spans ±(0.5 + half a cell).
    rect = panel.image.mapRectToParent(panel.image.boundingRect())
    assert rect.left() == pytest.approx(-0.55) and rect.right() == pytest.approx(0.55)
    assert panel.progress_bar.value() == panel.progress_bar.maximum() == 121
    assert panel.compute_button.isEnabled() and not panel.cancel_button.isEnabled()
    # The interpolation ends at the final weights: its loss at t = 1 is the centre's.
    ts, train = panel.interp_train.getData()
    assert train[np.argmin(np.abs(ts - 1.0))] == pytest.approx(expected[5, 5], abs=1e-5)
    assert "BCE (nats) at the final weights (★), on the training set" in panel.info_label.text()
    panel.show_readout_at(0.0, 0.0)
    assert panel.hover_label.text() == f"(0, 0): BCE (nats) = {expected[5, 5]:.4f}"


def test_pca_plane_draws_the_path_from_the_initial_to_the_final_weights(qtbot, small_run):
    panel = make_panel(qtbot, small_run)
    choose(panel.plane_combo, "pca")
    assert not panel.span_spin.isEnabled() and not panel.seed_spin.isEnabled()
    choose(panel.size_combo, 11)
    assert compute_and_wait(qtbot, panel) == [True]
    x, y = panel.path_curve.getData()
    assert len(x) == 5  # the initial weights and four epochs
    assert (x[-1], y[-1]) == pytest.approx((0.0, 0.0), abs=1e-9)
    start = panel.start_marker.data
    assert (start["x"][0], start["y"][0]) == pytest.approx((x[0], y[0]))
    text = panel.info_label.text()
    assert "of the path's variance" in text and "compare runs on fixed random directions" in text
    assert "PC 1" in panel.map_plot.getPlotItem().getAxis("bottom").labelText


def test_log_scale_shows_log10_of_the_same_grid(qtbot, small_run):
    panel = make_panel(qtbot, small_run)
    choose(panel.size_combo, 11)
    compute_and_wait(qtbot, panel)
    linear = panel.image.image.copy()
    panel.log_check.setChecked(True)
    np.testing.assert_allclose(panel.image.image, np.log10(linear), rtol=1e-12)
    assert panel.color_bar.getAxis("left").labelText == "log₁₀ BCE (nats)"


def test_cancel_mid_way_keeps_the_picture_and_leaves_the_panel_usable(qtbot, large_run):
    panel = make_panel(qtbot, large_run)
    choose(panel.size_combo, 101)
    grids = []

    def cancel_after_first_level(update):
        if isinstance(update, GridUpdate):
            grids.append(update)
            if update.complete:
                panel.cancel()

    with qtbot.waitSignal(panel.computation_finished, timeout=TIMEOUT_MS) as blocker:
        assert panel.compute()
        panel.job.job_event.connect(cancel_after_first_level)
    assert blocker.args == [False]
    assert panel.progress_bar.value() < 101 * 101
    assert panel.image.image is not None and np.all(np.isfinite(panel.image.image))
    assert panel.job is None
    assert panel.compute_button.isEnabled() and panel.source_combo.isEnabled()
    # Usable: the next computation (a small one) runs to the end.
    choose(panel.size_combo, 11)
    assert compute_and_wait(qtbot, panel) == [True]
    assert panel.image.image.shape == (11, 11)


def test_a_second_compute_while_running_is_refused(qtbot, large_run):
    panel = make_panel(qtbot, large_run)
    choose(panel.size_combo, 51)
    assert panel.compute()
    assert not panel.compute()
    assert not panel.compute_button.isEnabled() and panel.cancel_button.isEnabled()
    with qtbot.waitSignal(panel.computation_finished, timeout=TIMEOUT_MS):
        panel.cancel()


def test_shutdown_mid_computation_ends_the_job(qtbot, large_run):
    panel = make_panel(qtbot, large_run)
    choose(panel.size_combo, 101)
    assert panel.compute()
    job = panel.job
    qtbot.waitUntil(lambda: panel.progress_bar.value() > 0, timeout=TIMEOUT_MS)
    assert panel.shutdown()
    assert job.wait(0)


def test_stored_runs_are_offered_and_computed(qtbot, tmp_path, small_run):
    config, params = small_run
    store = RunStore(tmp_path / "runs.db")
    run_id = store.start_run(config.to_dict(), "stored moons")
    for epoch, vector in enumerate(params, start=1):
        store.add_epoch(run_id, {"epoch": epoch, "train_loss": 0.5, "val_loss": 0.5,
                                 "train_acc": 0.5, "val_acc": 0.5, "seconds": 0.1}, vector)
    store.finish_run(run_id, "finished", {"test_loss": 0.5, "test_acc": 0.5})
    broken = store.start_run(config.to_dict(), "foreign weights")
    store.add_epoch(broken, {"epoch": 1, "train_loss": 0.5, "val_loss": 0.5, "train_acc": 0.5,
                             "val_acc": 0.5, "seconds": 0.1}, np.zeros(7, dtype=np.float32))
    store.finish_run(broken, "finished", None)
    panel = make_panel(qtbot, store=store)
    labels = [panel.source_combo.itemText(i) for i in range(panel.source_combo.count())]
    assert labels == ["foreign weights — moons, 1 epoch", "stored moons — moons, 4 epochs"]
    choose(panel.source_combo, f"run:{run_id}")
    choose(panel.size_combo, 11)
    assert compute_and_wait(qtbot, panel) == [True]
    assert panel.image.image.shape == (11, 11)
    # A stored run whose weights do not fit its configuration: a message, nothing breaks.
    choose(panel.source_combo, f"run:{broken}")
    assert compute_and_wait(qtbot, panel) == [False]
    assert "builds a network with" in panel.info_label.text()
    assert panel.compute_button.isEnabled()
    store.close()


def test_without_any_run_the_panel_says_what_to_do(qtbot):
    panel = make_panel(qtbot)
    assert "No trained run yet" in panel.source_combo.currentText()
    assert not panel.compute_button.isEnabled()
    assert not panel.compute()


def test_three_d_view_explains_why_it_is_missing_offscreen(qtbot, small_run):
    from PySide6.QtWidgets import QLabel

    panel = make_panel(qtbot, small_run)
    panel.view_tabs.setCurrentWidget(panel.surface_page)
    labels = panel.surface_page.findChildren(QLabel)
    assert len(labels) == 1
    assert "needs OpenGL" in labels[0].text() and "2-D map" in labels[0].text()
    assert panel.gl_view is None


def test_every_control_explains_itself(qtbot, small_run):
    panel = make_panel(qtbot, small_run)
    for widget in (panel.source_combo, panel.plane_combo, panel.split_combo, panel.size_combo,
                   panel.span_spin, panel.seed_spin, panel.biases_check, panel.log_check,
                   panel.compute_button, panel.cancel_button):
        assert widget.toolTip(), widget


def test_a_new_computation_clears_the_last_runs_pictures(qtbot, small_run):
    from ce_desktop.ui.surfaces.landscape_panel import LandscapePanel

    config, params = small_run
    key = ["last:1"]
    style.configure_pyqtgraph()
    panel = show_widget(qtbot, LandscapePanel(
        last_run=lambda: RunSource(key[0], config, params, "test run")), 1400, 760)
    choose(panel.size_combo, 11)
    compute_and_wait(qtbot, panel)
    interpolation = panel.interp_train.getData()[1].copy()
    assert len(interpolation) > 0

    # Another plane of the same run: its map goes, its interpolation (the run's own) stays
    # rather than being cleared and repainted.
    choose(panel.plane_combo, "random")
    with qtbot.waitSignal(panel.computation_finished, timeout=TIMEOUT_MS):
        assert panel.compute()
        assert panel.image.image is None
        assert len(panel.end_marker.data) == 0
        np.testing.assert_array_equal(panel.interp_train.getData()[1], interpolation)

    # Another run: until its results arrive, nothing of the previous one is on screen.
    key[0] = "last:2"
    panel.refresh_sources()
    with qtbot.waitSignal(panel.computation_finished, timeout=TIMEOUT_MS):
        assert panel.compute()
        assert panel.interp_train.getData()[0] is None or len(panel.interp_train.getData()[0]) == 0
        assert panel.image.image is None
        assert len(panel.end_marker.data) == 0


def test_an_mse_run_is_labelled_mse_not_nats(qtbot):
    config = TrainConfig(dataset="moons", n_samples=300, hidden=(6,), loss="mse", epochs=3,
                         batch_size=32, lr=0.05, seed=5)
    params = np.stack([record.params for record in Trainer(config).epochs()])
    panel = make_panel(qtbot, (config, params))
    choose(panel.size_combo, 11)
    choose(panel.split_combo, "val")
    compute_and_wait(qtbot, panel)
    assert panel.color_bar.getAxis("left").labelText == "MSE"
    assert "MSE at the final weights (★), on the validation set" in panel.info_label.text()
    assert "nats" not in panel.info_label.text()


def test_a_run_deleted_meanwhile_gets_a_plain_message_and_leaves_the_list(qtbot, tmp_path,
                                                                          small_run):
    config, params = small_run
    store = RunStore(tmp_path / "runs.db")
    run_id = store.start_run(config.to_dict(), "soon gone")
    store.add_epoch(run_id, {"epoch": 1, "train_loss": 0.5, "val_loss": 0.5, "train_acc": 0.5,
                             "val_acc": 0.5, "seconds": 0.1}, params[0])
    store.finish_run(run_id, "finished", None)
    panel = make_panel(qtbot, store=store)
    choose(panel.source_combo, f"run:{run_id}")
    store.delete_run(run_id)
    assert not panel.compute()
    assert (f"Cannot compute the landscape: no run with id {run_id} in the run store</span>"
            in panel.info_label.text())
    assert panel.source_combo.findData(f"run:{run_id}") == -1
    store.close()


def test_finished_computations_are_let_go(qtbot, small_run):
    from conftest import live_job_handles

    before = live_job_handles()
    panel = make_panel(qtbot, small_run)
    choose(panel.size_combo, 11)
    for _ in range(3):
        compute_and_wait(qtbot, panel)
    qtbot.waitUntil(lambda: panel.job is None, timeout=5000)
    qtbot.wait(20)
    assert live_job_handles() - before == set()


def test_the_landscape_exports_its_grid_as_csv(qtbot, small_run, tmp_path):
    import csv

    from ce_desktop.ui.common.plot_export import export_plot

    panel = make_panel(qtbot, small_run)
    choose(panel.size_combo, 11)
    panel.span_spin.setValue(0.5)
    compute_and_wait(qtbot, panel)
    panel.log_check.setChecked(True)  # the picture shows log₁₀; the file holds the loss
    path = export_plot(panel.map_plot, tmp_path / "landscape.csv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    assert header == ["alpha", "beta", "train_loss_nats"]
    table = {(float(r[0]), float(r[1])): float(r[2]) for r in rows[1:]}
    assert len(table) == 121
    axis = np.linspace(-0.5, 0.5, 11)
    values = panel._values
    assert table[(axis[0], axis[0])] == values[0, 0]
    assert table[(axis[10], axis[3])] == values[10, 3]
    np.testing.assert_allclose(panel.image.image[10, 3], np.log10(values[10, 3]))

    path = export_plot(panel.interp_plot, tmp_path / "interpolation.csv")
    with path.open(encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    assert header == ["t", "train_loss_nats", "val_loss_nats"]
    ts, val = panel.interp_val.getData()
    assert [float(r[0]) for r in rows] == list(ts)
    assert [float(r[2]) for r in rows] == list(val)


def test_a_pca_landscape_exports_its_path_beside_its_grid(qtbot, small_run, tmp_path):
    import csv

    from ce_desktop.ui.common.plot_export import export_plot

    panel = make_panel(qtbot, small_run)
    choose(panel.size_combo, 11)
    choose(panel.plane_combo, "pca")
    choose(panel.split_combo, "val")
    compute_and_wait(qtbot, panel)
    path = export_plot(panel.map_plot, tmp_path / "landscape.csv")
    with path.open(encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    assert header == ["pc1", "pc2", "val_loss_nats", "path_epoch", "path_pc1", "path_pc2"]
    x, y = panel.path_curve.getData()
    points = len(x)  # the initial weights, then one point per epoch
    assert [r[3] for r in rows[:points]] == [str(n) for n in range(points)]
    assert rows[points][3] == "" and len(rows) == 121  # the path ends; the grid goes on
    assert [float(r[4]) for r in rows[:points]] == list(x)
    assert [float(r[5]) for r in rows[:points]] == list(y)


def test_a_picture_that_no_longer_matches_the_controls_is_marked_out_of_date(qtbot, small_run):
    panel = make_panel(qtbot, small_run)
    choose(panel.size_combo, 11)
    assert compute_and_wait(qtbot, panel) == [True]
    view_box = panel.map_plot.getPlotItem().getViewBox()
    assert not panel.is_stale() and view_box.opacity() == 1.0
    assert "Out of date" not in panel.info_label.text()
    choose(panel.plane_combo, "pca")
    assert panel.is_stale() and view_box.opacity() < 0.5
    assert "Out of date" in panel.info_label.text()
    choose(panel.plane_combo, "random")  # back to what was computed
    assert not panel.is_stale() and view_box.opacity() == 1.0
    panel.seed_spin.setValue(panel.seed_spin.value() + 1)
    assert panel.is_stale()
    assert compute_and_wait(qtbot, panel) == [True]
    assert not panel.is_stale() and "Out of date" not in panel.info_label.text()

