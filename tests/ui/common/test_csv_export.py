"""CSV exports are true: each plot writes the data it draws, each column named by its
quantity and unit (``cost_nats``, ``val_loss_nats``, ``probability``), classes numbered or
named as the plot labels them (1..K in the entropy explorer), never pyqtgraph's ``x``,
``height`` or ``x0000``. Every file is written through the real export path and read back."""

from __future__ import annotations

import csv
import math
import re

import numpy as np
import pytest

from ce_desktop.core.entropy import explorer
from ce_desktop.core.info import Unit
from ce_desktop.ui.common import plot_export
from ce_desktop.ui.common.plot_export import export_plot, export_table

RUN_TIMEOUT_MS = 120_000
#: Column names pyqtgraph's exporters and the old generic export made up.
GENERIC = re.compile(r"^(x|y|x0|y0|width|height|[xy]\d{4})$|^(image|series|bars) \d|"
                     r" (x|y|height|value)$")


def read_csv(path) -> tuple[list[str], dict[str, list[str]]]:
    """The header, and each column's cells down to its last filled one."""
    with open(path, newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    assert all(len(row) == len(header) for row in rows)
    columns = {}
    for i, name in enumerate(header):
        cells = [row[i] for row in rows]
        while cells and cells[-1] == "":
            cells.pop()
        columns[name] = cells
    return header, columns


def numbers(cells: list[str]) -> np.ndarray:
    return np.array([float(cell) for cell in cells])


def exported(main_window, tab: str, plot: str, tmp_path):
    """Export ``plot`` of ``tab`` as File → Export does, and read it back."""
    main_window.show_tab(tab)
    path = tmp_path / "plot.csv"
    assert main_window.export_plot_to(plot, str(path))
    return read_csv(path)


def assert_named(header: list[str]) -> None:
    assert header and not [name for name in header if GENERIC.search(name)], header


# --- the entropy explorer -----------------------------------------------------------------


def test_the_distributions_export_classes_1_to_k_and_their_probabilities(main_window,
                                                                          tmp_path):
    tab = main_window.entropy_tab
    tab.set_p([0.5, 0.3, 0.2])
    tab.set_q([0.1, 0.2, 0.3, 0.4])
    for plot, expected in (("Distribution p", tab.p()), ("Distribution q", tab.q())):
        header, columns = exported(main_window, "entropy", plot, tmp_path)
        assert header == ["class", "probability"]
        # As the bars' axis reads: 1..K, not 0..K−1.
        assert columns["class"] == ["1", "2", "3", "4"]
        assert list(numbers(columns["probability"])) == list(expected)


def test_per_class_costs_are_exported_in_the_unit_shown(main_window, tmp_path):
    tab = main_window.entropy_tab
    tab.set_unit(Unit.NATS)
    tab.set_p([0.5, 0.5])
    tab.set_q([0.632, 0.368])
    header, columns = exported(main_window, "entropy", "Per-class cost", tmp_path)
    assert header == ["class", "cost_nats"]
    assert columns["class"] == ["1", "2"]
    costs = numbers(columns["cost_nats"])
    assert list(costs) == list(tab.comparison().contributions)
    assert costs == pytest.approx([0.2294, 0.4999], abs=1e-4)  # the bars read 0.23, 0.50

    tab.set_unit(Unit.BITS)
    header, columns = exported(main_window, "entropy", "Per-class cost", tmp_path)
    assert header == ["class", "cost_bits"]
    assert numbers(columns["cost_bits"]) == pytest.approx(costs / math.log(2))
    # An infinite cost is drawn as a full red bar, and written as what it is.
    tab.set_q([1.0, 0.0])
    _, columns = exported(main_window, "entropy", "Per-class cost", tmp_path)
    assert columns["cost_bits"] == ["0.0", "inf"]


def test_the_identity_exports_its_three_quantities(main_window, tmp_path):
    tab = main_window.entropy_tab
    tab.set_unit(Unit.BANS)
    tab.set_p([0.5, 0.3, 0.2])
    tab.set_q([0.2, 0.3, 0.5])
    c = tab.comparison()
    header, columns = exported(main_window, "entropy", "Identity H(p,q) = H(p) + KL",
                               tmp_path)
    assert header == ["entropy_p_bans", "kl_pq_bans", "cross_entropy_bans"]
    assert [float(columns[name][0]) for name in header] == [c.entropy_p, c.kl_pq,
                                                           c.cross_entropy]


def test_the_coin_exports_its_curves_in_the_unit_shown(main_window, tmp_path):
    main_window.entropy_tab.set_unit(Unit.NATS)
    header, columns = exported(main_window, "entropy", "Binary entropy (coin)", tmp_path)
    assert header == ["p_heads", "entropy_nats", "surprise_heads_nats", "surprise_tails_nats"]
    p, entropy = explorer.binary_entropy_curve(Unit.NATS)
    assert list(numbers(columns["p_heads"])) == list(p)
    assert list(numbers(columns["entropy_nats"])) == list(entropy)
    middle = len(p) // 2
    assert float(columns["entropy_nats"][middle]) == pytest.approx(math.log(2))
    assert columns["surprise_heads_nats"][0] == "inf"
    assert columns["surprise_tails_nats"][-1] == "inf"


# --- the loss surfaces tab ----------------------------------------------------------------


def test_the_per_sample_loss_curves_export_every_curve(main_window, tmp_path):
    panel = main_window.surface_tab.curves_panel
    panel.set_label(0.8)
    panel.set_smoothing(0.1)
    panel.set_classes(4)
    c = panel.binary_curves()
    header, columns = exported(main_window, "surface", "Loss against p", tmp_path)
    assert header == ["p", "bce_y1_nats", "bce_y0_nats", "mse_y1", "mse_y0",
                      "bce_target_nats", "mse_target"]
    assert list(numbers(columns["p"])) == list(c.p)
    assert list(numbers(columns["bce_target_nats"])) == list(c.target.bce)
    assert list(numbers(columns["mse_y0"])) == list(c.negative.mse)

    header, columns = exported(main_window, "surface", "Gradient with respect to the logit z",
                               tmp_path)
    assert header == ["p", "bce_gradient_y1", "bce_gradient_y0", "mse_gradient_y1",
                      "mse_gradient_y0", "bce_gradient_target", "mse_gradient_target"]
    assert list(numbers(columns["mse_gradient_y1"])) == list(c.positive.mse_gradient)

    header, columns = exported(main_window, "surface",
                               "Categorical CE against the true-class logit", tmp_path)
    assert header == ["z_true", "ce_nats", "ce_smoothed_nats"]
    categorical = panel.categorical_curves()
    assert list(numbers(columns["z_true"])) == list(categorical.z)
    assert list(numbers(columns["ce_smoothed_nats"])) == list(categorical.smoothed.ce)
    assert categorical.smoothed.k == 4


def test_the_logistic_surfaces_export_the_loss_at_every_weight(main_window, tmp_path):
    panel = main_window.surface_tab.logistic_panel
    panel.resolution_spin.setValue(11)
    assert panel.log_check.isChecked()  # the picture shows log₁₀; the file holds the loss
    titles = list(panel.plots())
    for loss, title, column in (("bce", titles[0], "bce_nats"), ("mse", titles[1], "mse")):
        header, columns = exported(main_window, "surface", title, tmp_path)
        assert header == ["w1", "w2", column]
        w1, w2, value = (numbers(columns[name]) for name in header)
        assert len(value) == 121
        i, j = 7, 2
        row = i * 11 + j
        assert (w1[row], w2[row]) == (panel.w1_values[i], panel.w2_values[j])
        assert value[row] == panel.surfaces[loss][i, j]

    panel.descend(steps=5)
    panel.finish_descent()
    header, columns = exported(main_window, "surface", titles[0], tmp_path)
    assert header == ["w1", "w2", "bce_nats", "descent_step", "descent_w1", "descent_w2"]
    assert columns["descent_step"] == ["0", "1", "2", "3", "4", "5"]
    path = panel.shown_path("bce")
    assert list(numbers(columns["descent_w2"])) == list(path[:, 1])

    header, columns = exported(main_window, "surface", titles[2], tmp_path)
    assert header == ["x1", "x2", "class"]
    assert list(numbers(columns["x1"])) == list(panel.X[:, 0])
    assert columns["class"] == [str(int(c)) for c in panel.y]  # as the legend: class 0, 1


# --- the trainer --------------------------------------------------------------------------


@pytest.fixture
def trained_tab(qtbot, tmp_path):
    """A trainer tab after a three-epoch run on two-feature data, with its own store."""
    from ce_desktop.core.runs.store import RunStore
    from ce_desktop.ui.common import style
    from ce_desktop.ui.trainer.tab import TrainerTab

    style.configure_pyqtgraph()
    with RunStore(tmp_path / "runs.sqlite") as store:
        tab = TrainerTab(store)
        qtbot.addWidget(tab)
        tab.resize(1300, 850)
        tab.show()
        tab.dataset_combo.setCurrentIndex(tab.dataset_combo.findData("moons"))
        tab.samples_spin.setValue(400)
        tab.hidden_edit.setText("8")
        tab.loss_combo.setCurrentIndex(tab.loss_combo.findData("bce_logits"))
        tab.epochs_spin.setValue(3)
        with qtbot.waitSignal(tab.run_completed, timeout=RUN_TIMEOUT_MS) as completed:
            assert tab.start()
        qtbot.waitUntil(lambda: not tab.is_running(), timeout=5000)
        yield tab, completed.args[0], store
        assert tab.shutdown()


def test_the_trainer_exports_what_its_plots_draw(trained_tab, tmp_path):
    tab, result, store = trained_tab
    history = tab.history()
    header, columns = read_csv(export_plot(tab.loss_plot, tmp_path / "loss.csv"))
    assert header == ["epoch", "train_loss_nats", "val_loss_nats"]
    assert columns["epoch"] == ["1", "2", "3"]
    assert list(numbers(columns["val_loss_nats"])) == [r.val_loss for r in history]

    tab.smooth_check.setChecked(True)
    header, columns = read_csv(export_plot(tab.loss_plot, tmp_path / "loss.csv"))
    assert header == ["epoch", "train_loss_ema_nats", "val_loss_ema_nats"]
    assert list(numbers(columns["train_loss_ema_nats"])) == list(tab.train_curve.getData()[1])
    tab.smooth_check.setChecked(False)

    # A compared run's validation loss, drawn dashed on the same plot, comes along.
    run_id = store.start_run({"loss": "mse"}, "other")
    store.add_epoch(run_id, {"epoch": 1, "train_loss": 0.3, "val_loss": 0.25,
                             "train_acc": 0.8, "val_acc": 0.75, "seconds": 0.1})
    store.finish_run(run_id, "finished", {"test_loss": 0.2, "test_acc": 0.9})
    tab.runs_panel.refresh()
    tab.runs_panel.set_checked(run_id, True)
    header, columns = read_csv(export_plot(tab.loss_plot, tmp_path / "loss.csv"))
    assert header[3:] == [f"run_{run_id}_epoch", f"run_{run_id}_val_loss"]  # MSE: no unit
    assert columns[f"run_{run_id}_val_loss"] == ["0.25"]

    header, columns = read_csv(export_plot(tab.acc_plot, tmp_path / "acc.csv"))
    assert header == ["epoch", "train_accuracy", "val_accuracy"]
    assert list(numbers(columns["val_accuracy"])) == [r.val_acc for r in history]

    report, names = result.report, list(result.class_names)
    header, columns = read_csv(export_plot(tab.evaluation_panel.confusion_plot,
                                           tmp_path / "confusion.csv"))
    assert header == ["true_class", "predicted_class", "test_samples"]
    assert columns["true_class"] == [names[0], names[0], names[1], names[1]]
    assert columns["predicted_class"] == names * 2
    assert list(numbers(columns["test_samples"])) == list(np.ravel(report.confusion))

    header, columns = read_csv(export_plot(tab.evaluation_panel.reliability_plot,
                                           tmp_path / "reliability.csv"))
    assert header == ["mean_predicted_probability", "observed_frequency"]
    assert list(numbers(columns["observed_frequency"])) == list(report.calibration_observed)

    header, columns = read_csv(export_plot(tab.evaluation_panel.histogram_plot,
                                           tmp_path / "histograms.csv"))
    assert header == [f"p_class_{names[1]}_from", f"p_class_{names[1]}_to",
                      f"test_samples_true_class_{names[0]}",
                      f"test_samples_true_class_{names[1]}"]
    assert list(numbers(columns[header[1]])) == list(report.histogram_edges[1:])
    assert list(numbers(columns[header[2]])) == list(report.histograms[0])


def test_the_decision_boundary_exports_its_points_and_regions(trained_tab, tmp_path):
    tab, result, _ = trained_tab
    view = tab.decision_view
    header, columns = read_csv(export_plot(view.plot_widget, tmp_path / "decision.csv"))
    assert header == ["x1", "x2", "class", "grid_x1", "grid_x2", "predicted_class",
                      "confidence"]
    x, _ = view.scatter.getData()
    assert list(numbers(columns["x1"])) == list(x)
    assert set(columns["class"]) == set(result.class_names)
    grid = view._grid
    assert len(columns["grid_x1"]) == grid.xs.size * grid.ys.size
    # Row r is grid point (xs[j], ys[i]) with r = i·nx + j.
    i, j = 3, 5
    row = i * grid.xs.size + j
    assert (float(columns["grid_x1"][row]), float(columns["grid_x2"][row])) == (
        grid.xs[j], grid.ys[i])
    assert columns["predicted_class"][row] == result.class_names[grid.predicted()[i, j]]
    assert float(columns["confidence"][row]) == grid.confidence()[i, j]


def test_a_multiclass_report_names_its_axes_quantities(qtbot, tmp_path):
    from conftest import show_widget

    from ce_desktop.core.training.results import TestReport
    from ce_desktop.ui.common import style
    from ce_desktop.ui.trainer.evaluation_panel import EvaluationPanel

    style.configure_pyqtgraph()
    panel = show_widget(qtbot, EvaluationPanel(), 700, 500)
    report = TestReport(
        test_loss=0.5, test_acc=0.8, test_auc=None,
        confusion=np.array([[50, 300, 0], [0, 60, 5], [10, 20, 400]]),
        calibration_predicted=np.array([0.4, 0.6, 0.8]),
        calibration_observed=np.array([0.35, 0.55, 0.85]),
        histogram_edges=np.linspace(0.0, 1.0, 5), histograms=np.arange(12).reshape(3, 4))
    panel.show_report(report, ["setosa", "versicolor", "virginica"])
    header, columns = read_csv(export_plot(panel.confusion_plot, tmp_path / "c.csv"))
    # True "setosa" is mostly predicted "versicolor": the second cell of the first row.
    assert (columns["true_class"][1], columns["predicted_class"][1],
            columns["test_samples"][1]) == ("setosa", "versicolor", "300")
    header, _ = read_csv(export_plot(panel.reliability_plot, tmp_path / "r.csv"))
    assert header == ["confidence", "observed_accuracy"]
    header, columns = read_csv(export_plot(panel.histogram_plot, tmp_path / "h.csv"))
    assert header[:2] == ["p_true_class_from", "p_true_class_to"]
    assert columns["test_samples_true_class_virginica"] == ["8", "9", "10", "11"]


# --- every plot ---------------------------------------------------------------------------


def test_every_plot_of_the_window_exports_a_named_table_or_says_it_has_none_yet(main_window):
    written = 0
    for name in main_window.tab_names():
        main_window.show_tab(name)
        for title, widget in main_window.tabs.currentWidget().plots().items():
            try:
                table = export_table(widget)
            except ValueError as error:
                # Before a run or a landscape; a plot without a table says otherwise.
                assert str(error) == plot_export.NO_DATA, title
                continue
            assert_named(table.names())
            written += 1
    assert written >= 11


def test_the_right_click_export_dialog_writes_the_same_table(main_window, tmp_path):
    import pyqtgraph.exporters as exporters

    assert plot_export.TableCsvExporter in exporters.listExporters()
    assert exporters.CSVExporter not in exporters.listExporters()
    main_window.entropy_tab.set_p([0.5, 0.3, 0.2])
    widget = main_window.entropy_tab.contribution_plot
    plot_export.TableCsvExporter(widget.getPlotItem()).export(str(tmp_path / "dialog.csv"))
    export_plot(widget, tmp_path / "menu.csv")
    assert (tmp_path / "dialog.csv").read_bytes() == (tmp_path / "menu.csv").read_bytes()


def test_tables_refuse_unnamed_repeated_or_flat_columns():
    from ce_desktop.ui.common.plot_export import DataTable

    with pytest.raises(ValueError, match="unique"):
        DataTable.of({"class": [1, 2], "": [3, 4]})
    with pytest.raises(ValueError, match="unique"):
        DataTable((("class", np.arange(2)), ("class", np.arange(2))))
    with pytest.raises(ValueError, match="shape"):
        DataTable.of({"grid": np.zeros((2, 2))})
