"""The import dialog: a table's first rows, each column's kind, gaps, role and treatment,
the label's classes and baseline, and every problem of the file at once, in place.

Reading and summarising run as a job in the worker process
(:class:`~ce_desktop.core.data.table_job.SummariseTable`); a changed role summarises again
(the worker keeps the table it read). Every number shown comes from the core.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.backend import Runner
from ce_desktop.core.data.columns import Problem, Role, TableSummary, is_missing
from ce_desktop.core.data.table_job import SummariseTable, TableSummarised
from ce_desktop.core.data.treatment import Treatment
from ce_desktop.core.info import Unit
from ce_desktop.core.jobs import Failed, Stopped
from ce_desktop.core.training.run import Loading
from ce_desktop.ui.common import style
from ce_desktop.ui.common.formatting import format_number, format_quantity
from ce_desktop.ui.common.jobs import JobHandle
from ce_desktop.ui.common.language import translated
from ce_desktop.ui.common.widgets import ProgressBar, push_button, show_message

#: The dialog's size when the screen has room; a smaller screen gets what it has.
DIALOG_SIZE = (1180, 760)
#: A cell with a problem, and the rest of its column.
PROBLEM_CELL = QColor(style.WARNING).lighter(170)
PROBLEM_COLUMN = QColor(style.WARNING).lighter(190)
#: A gap: a cell with no value ("", NA, null, …), to be filled or to be a problem.
MISSING_CELL = QColor(style.MUTED).lighter(135)
#: The role combo's choices, in this order.
ROLES: tuple[Role, ...] = ("numeric", "categorical", "label", "ignore")
NAME, KIND, MISSING, ROLE, TREATMENT = range(5)
_ROOT = QModelIndex()


#: Qt's QWIDGETSIZE_MAX (PySide does not export it): no maximum size.
WIDGET_SIZE_MAX = (1 << 24) - 1


@dataclass(frozen=True)
class ImportChoice:
    """What the dialog hands the trainer on OK: the file, its label and every other
    column's role, and what a one-line summary needs."""

    path: str
    target: str
    roles: dict[str, str]
    name: str
    rows: int
    features: int
    classes: int


def kind_name(kind: str) -> str:
    """A column kind (``ColumnKind``) in words, in the interface's language."""
    names = {"numeric": QCoreApplication.translate("ImportDialog", "numeric"),
             "categorical": QCoreApplication.translate("ImportDialog", "categorical"),
             "text": QCoreApplication.translate("ImportDialog", "free text / identifier"),
             "date": QCoreApplication.translate("ImportDialog", "date"),
             "constant": QCoreApplication.translate("ImportDialog", "constant")}
    return names.get(kind, kind)


def role_name(role: str) -> str:
    """A column role in words, in the interface's language."""
    names = {"numeric": QCoreApplication.translate("ImportDialog", "feature (numeric)"),
             "categorical": QCoreApplication.translate("ImportDialog",
                                                       "feature (categorical)"),
             "label": QCoreApplication.translate("ImportDialog", "label"),
             "ignore": QCoreApplication.translate("ImportDialog", "ignore")}
    return names.get(role, role)


class PreviewModel(QAbstractTableModel):
    """The first rows of the table as read, its columns and cells with problems marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header: tuple[str, ...] = ()
        self.rows: tuple[tuple[str, ...], ...] = ()
        self.lines: tuple[int, ...] = ()
        self.kinds: dict[str, str] = {}
        self.column_problems: dict[int, list[str]] = {}
        self.cell_problems: dict[tuple[int, int], list[str]] = {}

    def show(self, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
             lines: tuple[int, ...], kinds: dict[str, str],
             problems: tuple[Problem, ...]) -> None:
        self.beginResetModel()
        self.header, self.rows, self.lines, self.kinds = header, rows, lines, kinds
        self.column_problems, self.cell_problems = {}, {}
        index = {name: j for j, name in enumerate(header)}
        row_of = {line: i for i, line in enumerate(lines)}
        for problem in problems:
            j = index.get(problem.column) if problem.column is not None else None
            if j is None:
                continue
            text = translated(problem.message)
            self.column_problems.setdefault(j, []).append(text)
            if problem.line in row_of:
                self.cell_problems.setdefault((row_of[problem.line], j), []).append(text)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.header)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        cells = self.rows[row]
        cell = cells[column] if column < len(cells) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            # One line per row: a line break inside a quoted cell is shown as a sign.
            return cell.replace("\r\n", "⏎").replace("\n", "⏎")
        if role == Qt.ItemDataRole.ToolTipRole:
            problems = self.cell_problems.get((row, column))
            return "\n".join([cell, *problems]) if problems else (cell or None)
        if role == Qt.ItemDataRole.BackgroundRole:
            if (row, column) in self.cell_problems:
                return PROBLEM_CELL
            if column in self.column_problems:
                return PROBLEM_COLUMN
            if is_missing(cell.strip()):
                return MISSING_CELL
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole:
            if horizontal:
                return self.header[section] if section < len(self.header) else None
            return str(self.lines[section]) if section < len(self.lines) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if horizontal and section < len(self.header):
                name = self.header[section]
                lines = [QCoreApplication.translate("ImportDialog", "{0}: {1}").format(
                    name, kind_name(self.kinds.get(name, "")))]
                return "\n".join(lines + self.column_problems.get(section, []))
            if not horizontal:
                return QCoreApplication.translate(
                    "ImportDialog", "Line {0} of the file").format(self.lines[section])
        if (role == Qt.ItemDataRole.BackgroundRole and horizontal
                and section in self.column_problems):
            return PROBLEM_CELL
        return None


class ColumnsModel(QAbstractTableModel):
    """One row per column of the table: name, kind, missing cells, role, treatment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: TableSummary | None = None
        self.treatments: dict[str, Treatment] = {}
        self.problem_columns: set[str] = set()

    def show(self, summary: TableSummary, treatments: tuple[Treatment, ...]) -> None:
        self.beginResetModel()
        self.summary = summary
        self.treatments = {t.column: t for t in treatments}
        self.problem_columns = {p.column for p in summary.problems if p.column is not None}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() or self.summary is None else len(self.summary.columns)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 5

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.summary is None:
            return None
        column = self.summary.columns[index.row()]
        treatment = self.treatments.get(column.name)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = {NAME: column.name, KIND: kind_name(column.kind),
                      MISSING: str(column.missing), ROLE: role_name(column.role),
                      TREATMENT: translated(treatment.message) if treatment else ""}
            return values[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == MISSING:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column.name in self.problem_columns:
            return PROBLEM_COLUMN
        if (role == Qt.ItemDataRole.ForegroundRole and column.role == "ignore"
                and index.column() == TREATMENT):
            return QColor(style.MUTED)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (QCoreApplication.translate("ImportDialog", "Column"),
                    QCoreApplication.translate("ImportDialog", "Kind"),
                    QCoreApplication.translate("ImportDialog", "Missing"),
                    QCoreApplication.translate("ImportDialog", "Role"),
                    QCoreApplication.translate("ImportDialog", "What will be done"))[section]
        return None


class ImportDialog(QDialog):
    """Look at a table and choose what each column is before training on it."""

    summarised = Signal(object)
    """Each summary shown (a TableSummarised), after the view is updated."""

    def __init__(self, path: str, target: str | None = None,
                 roles: dict[str, str] | None = None, runner: Runner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = str(path)
        self.setWindowTitle(self.tr("Import {0}").format(Path(path).name))
        self._runner = runner
        self._target = target
        self._roles: dict[str, str] = dict(roles or {})
        self.job: JobHandle | None = None
        self.result_event: TableSummarised | None = None
        self.failure = ""
        self.train_requested = False
        self._combos: dict[str, QComboBox] = {}
        self._build()
        self._fit_screen()
        self._summarise()

    # --- construction --------------------------------------------------------------------

    def _build(self) -> None:
        self.file_label = QLabel(Path(self.path).name)
        self.file_label.setToolTip(self.path)
        self.progress_bar = ProgressBar()
        self.progress_bar.setToolTip(self.tr("Lines of the file read"))
        self.progress_bar.setMaximumWidth(220)
        self.stop_button = push_button(self.tr("Stop"), self.tr("Stop reading the file"),
                                       self.stop)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.progress_bar)
        top.addWidget(self.stop_button)

        self.preview_model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.setToolTip(self.tr(
            "The first rows as read; row numbers are the file's lines. Gaps are grey; cells "
            "and columns with a problem are marked"))
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.preview.horizontalHeader().setDefaultSectionSize(90)
        self.preview.verticalHeader().setDefaultSectionSize(22)
        self.preview.setMinimumHeight(90)
        self.preview.setWordWrap(False)

        self.columns_model = ColumnsModel(self)
        self.columns_view = QTableView()
        self.columns_view.setModel(self.columns_model)
        self.columns_view.setToolTip(self.tr(
            "Each column's kind, its missing cells, its role and what training will do to it"))
        self.columns_view.verticalHeader().setVisible(False)
        self.columns_view.verticalHeader().setDefaultSectionSize(26)
        self.columns_view.verticalHeader().setMinimumSectionSize(26)  # a combo's height
        self.columns_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.columns_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.columns_view.horizontalHeader()
        header.setStretchLastSection(True)
        for section, width in ((NAME, 110), (KIND, 140), (MISSING, 60), (ROLE, 165)):
            header.resizeSection(section, width)
        # The treatments are sentences: they wrap rather than hide behind an ellipsis.
        self.columns_view.setWordWrap(True)
        header.sectionResized.connect(lambda *_: self.columns_view.resizeRowsToContents())
        self.columns_view.setMinimumHeight(90)
        self.columns_view.selectionModel().currentRowChanged.connect(self._on_column_chosen)
        self.columns_view.installEventFilter(self)

        self.label_title = QLabel()
        self.label_title.setTextFormat(Qt.TextFormat.RichText)
        self.classes_label = QLabel()
        self.classes_label.setTextFormat(Qt.TextFormat.RichText)
        self.classes_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.classes_label.setWordWrap(True)
        self.baseline_label = QLabel()
        self.baseline_label.setWordWrap(True)
        self.baseline_label.setToolTip(self.tr(
            "The cross-entropy of predicting the class shares for every row, whatever its "
            "features: a model has learned something only below it. The accuracy is that of "
            "always guessing the largest class"))
        label_content = QWidget()
        label_layout = QVBoxLayout(label_content)
        label_layout.setContentsMargins(6, 0, 6, 0)
        label_layout.addWidget(self.label_title)
        label_layout.addWidget(self.classes_label)
        label_layout.addWidget(self.baseline_label)
        label_layout.addStretch(1)
        # Many classes scroll; the columns' table keeps its room.
        label_panel = QScrollArea()
        label_panel.setWidget(label_content)
        label_panel.setWidgetResizable(True)
        label_panel.setFrameShape(QFrame.Shape.NoFrame)
        label_panel.setMinimumWidth(180)

        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(self.columns_view)
        middle.addWidget(label_panel)
        middle.setStretchFactor(0, 1)
        middle.setSizes([900, 220])
        middle.setChildrenCollapsible(False)

        self.problems_title = QLabel()
        self.problems_list = QListWidget()
        self.problems_list.setToolTip(self.tr(
            "Everything that stops this table from training; choose one to see where it is"))
        self.problems_list.setWordWrap(True)
        self.problems_list.setMinimumHeight(50)
        self.problems_list.currentRowChanged.connect(self._on_problem_chosen)
        problems = QWidget()
        problems_layout = QVBoxLayout(problems)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.problems_title)
        problems_layout.addWidget(self.problems_list, 1)
        self.problems_pane = problems

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.preview)
        splitter.addWidget(middle)
        splitter.addWidget(problems)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([220, 300, 110])
        self.splitter = splitter

        self.buttons = QDialogButtonBox()
        self.train_button = QPushButton(self.tr("Train"))
        self.train_button.setToolTip(self.tr("Use this table and start training on it"))
        self.ok_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setToolTip(self.tr(
            "Use this table in the trainer with these roles (kept in the run's settings)"))
        self.buttons.addButton(self.train_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setToolTip(self.tr("Close without changing the trainer"))
        self.train_button.clicked.connect(self._on_train)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        # Tab moves between the parts of the dialog, the arrows inside a table.
        for view in (self.preview, self.columns_view):
            view.setTabKeyNavigation(False)
        self.setTabOrder(self.preview, self.columns_view)
        self.setTabOrder(self.columns_view, self.problems_list)
        self._set_busy(True)

    def _fit_screen(self) -> None:
        """DIALOG_SIZE, or as much of it as the screen holds."""
        parent = self.parentWidget()
        screen = (parent or self).screen()
        width, height = DIALOG_SIZE
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 60)
        self.resize(width, height)

    # --- the job ---------------------------------------------------------------------------

    def _summarise(self) -> None:
        """Read (or take from the worker's cache) and summarise with the current roles."""
        if self.job is not None:
            self.job.cancel()
        roles = {name: role for name, role in self._roles.items() if name != self._target}
        self.job = JobHandle(SummariseTable.of(self.path, self._target, roles),
                             runner=self._runner, name="table summary")
        self.job.job_event.connect(self._on_event)
        self.job.finished.connect(lambda handle=self.job: self._on_finished(handle))
        self._set_busy(True)
        self.job.start()

    def _on_event(self, event: object) -> None:
        if isinstance(event, Loading):
            self.progress_bar.setRange(0, max(event.total, 1))
            self.progress_bar.setValue(event.lines)
        elif isinstance(event, TableSummarised):
            self._show(event)
        elif isinstance(event, Failed):
            self._show_failure(translated(event))
        elif isinstance(event, Stopped):
            self._show_failure(self.tr("Stopped before the file was read."))

    def _on_finished(self, handle: JobHandle) -> None:
        if handle is self.job:
            self.job = None
            self._set_busy(False)

    def stop(self) -> None:
        """Stop reading the file (its progress so far is dropped)."""
        if self.job is not None:
            self.job.stop()

    def is_busy(self) -> bool:
        return self.job is not None

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.stop_button.setVisible(busy)
        if busy:
            self.progress_bar.setRange(0, 0)  # until the first lines are counted
        for combo in self._combos.values():
            combo.setEnabled(not busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = (self.job is None and self.result_event is not None and not self.failure
                 and not self.result_event.summary.problems)
        self.ok_button.setEnabled(ready)
        self.train_button.setEnabled(ready)
        # Enter means OK (the button box forgets a default set while it was disabled).
        self.ok_button.setDefault(ready)

    # --- showing a summary -----------------------------------------------------------------

    def _show(self, event: TableSummarised) -> None:
        self.result_event = event
        self.failure = ""
        summary = event.summary
        self._target = summary.label.column if summary.label is not None else self._target
        self.file_label.setText(self.tr("{0}: {1} rows, {2} columns").format(
            summary.name, summary.n_rows, len(summary.header)))
        self.preview_model.show(summary.header, summary.preview, event.preview_lines,
                                {c.name: c.kind for c in summary.columns}, summary.problems)
        current = self.columns_view.currentIndex()
        self.columns_model.show(summary, event.treatments)
        self._show_roles(summary)
        self.columns_view.resizeRowsToContents()
        if current.isValid():  # where the user was, after the model's reset
            self.columns_view.setCurrentIndex(
                self.columns_model.index(current.row(), current.column()))
        self._show_label(event)
        self._show_problems(summary.problems, tuple(
            (t.column, t.warning) for t in event.treatments if t.warning is not None))
        self._update_buttons()
        self.summarised.emit(event)

    def _show_roles(self, summary: TableSummary) -> None:
        """A role combo over each row's role cell (a few dozen columns: one widget each)."""
        self._combos = {}
        for row, column in enumerate(summary.columns):
            combo = QComboBox()
            for role in ROLES:
                combo.addItem(role_name(role), role)
            combo.setCurrentIndex(combo.findData(column.role))
            if column.role == "label":
                combo.setToolTip(self.tr(
                    "The label: what the model learns to predict. To change it, make another "
                    "column the label"))
                # The label moves by choosing another; it cannot be left without one.
                for role in ("numeric", "categorical", "ignore"):
                    item = combo.model().item(combo.findData(role))
                    item.setEnabled(False)
            else:
                combo.setToolTip(self.tr("Role of column {0}").format(column.name))
            # From the keyboard the table keeps the focus: Space or F2 opens the current
            # row's combo (see eventFilter), so the arrows move between columns.
            combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            combo.setAccessibleName(self.tr("Role of column {0}").format(column.name))
            combo.activated.connect(
                lambda _index, name=column.name, combo=combo: self.set_role(
                    name, combo.currentData()))
            self.columns_view.setIndexWidget(self.columns_model.index(row, ROLE), combo)
            self._combos[column.name] = combo

    def _show_label(self, event: TableSummarised) -> None:
        label = event.summary.label
        if label is None or event.baseline is None:
            self.label_title.setText("<b>{}</b>".format(html.escape(self.tr("No label"))))
            self.classes_label.setText(html.escape(self.tr(
                "Give one column the role label.")))
            self.baseline_label.clear()
            return
        self.label_title.setText("<b>{}</b>".format(html.escape(
            self.tr("Label: {0} ({1} classes)").format(label.column, len(label.class_names)))))
        rows = "".join(
            "<tr><td>{}</td><td align='right'>&nbsp;&nbsp;{}</td></tr>".format(
                html.escape(name), count)
            for name, count in zip(label.class_names, label.counts, strict=True))
        self.classes_label.setText(
            "<table><tr><th align='left'>{}</th><th align='right'>&nbsp;&nbsp;{}</th></tr>"
            "{}</table>".format(html.escape(self.tr("class")), html.escape(self.tr("rows")),
                                 rows))
        base = event.baseline
        self.baseline_label.setText(self.tr(
            "No-information baseline: {0} = {1} per row; accuracy {2}").format(
            format_quantity(base.bits, Unit.BITS), format_quantity(base.nats, Unit.NATS),
            self.tr("{0} %").format(format_number(100 * base.accuracy, 1))))

    def _show_problems(self, problems: tuple[Problem, ...],
                       warnings: tuple[tuple[str, str], ...] = ()) -> None:
        """The problems (they block training), then the warnings (column, text: they do
        not), each item leading to its column when chosen."""
        self.problems_list.clear()
        for problem in problems:
            item = QListWidgetItem(translated(problem.message))
            item.setData(Qt.ItemDataRole.UserRole, (problem.line, problem.column))
            self.problems_list.addItem(item)
        for column, warning in warnings:
            item = QListWidgetItem(self.tr("Warning: {0}").format(translated(warning)))
            item.setData(Qt.ItemDataRole.UserRole, (None, column))
            self.problems_list.addItem(item)
        if problems:
            show_message(self.problems_title, self.tr(
                "{0} problems: change a role or fix the file").format(len(problems))
                if len(problems) > 1 else self.tr(
                "1 problem: change a role or fix the file"), error=True)
        elif warnings:
            show_message(self.problems_title, self.tr(
                "Ready to train, but look at the {0} warnings below:").format(len(warnings))
                if len(warnings) > 1 else self.tr(
                "Ready to train, but look at the warning below:"))
        else:
            show_message(self.problems_title, self.tr("No problems: ready to train."))
        self._show_problem_list(bool(problems or warnings))

    def _show_problem_list(self, shown: bool) -> None:
        """The list only while it lists something: without it, its room goes to the
        preview and the columns."""
        self.problems_list.setVisible(shown)
        self.problems_pane.setMaximumHeight(
            WIDGET_SIZE_MAX if shown else self.problems_title.sizeHint().height())

    def _show_failure(self, text: str) -> None:
        """The file could not be read at all: say so where the problems are listed."""
        self.failure = text
        self.problems_list.clear()
        self.problems_list.addItem(text)
        show_message(self.problems_title, self.tr("The file cannot be used:"), error=True)
        self._show_problem_list(True)
        self._update_buttons()

    # --- choices ---------------------------------------------------------------------------

    def set_role(self, column: str, role: str) -> None:
        """Give ``column`` a role and summarise again; "label" makes it the label (the old
        label becomes a feature again, as its kind proposes, unless it was given a role)."""
        if self.result_event is None or column not in self.result_event.summary.header:
            return
        if role == "label":
            if column == self._target:
                return
            self._roles.pop(column, None)
            self._target = column
        elif column == self._target:
            return  # the label keeps its role until another column is chosen
        elif self._roles.get(column) == role:
            return
        else:
            self._roles[column] = role
        self._summarise()

    def roles(self) -> dict[str, str]:
        """Every column's role but the label's, as the summary shown has them."""
        if self.result_event is None:
            return {}
        return {c.name: c.role for c in self.result_event.summary.columns if c.role != "label"}

    def choice(self) -> ImportChoice | None:
        """What the trainer gets, once the table has no problems."""
        event = self.result_event
        if event is None or event.summary.label is None or event.summary.problems:
            return None
        summary = event.summary
        features = sum(1 for c in summary.columns if c.role in ("numeric", "categorical"))
        return ImportChoice(self.path, summary.label.column, self.roles(), summary.name,
                            summary.n_rows, features, len(summary.label.class_names))

    def accept(self) -> None:
        if self.choice() is not None:  # Enter, or a button enabled a moment too long
            super().accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.columns_view and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_F2)):
            self.open_role_choice(self.columns_view.currentIndex().row())
            return True
        return super().eventFilter(watched, event)

    def open_role_choice(self, row: int) -> None:
        """Open the role combo of the table's ``row``-th column (from the keyboard)."""
        if self.result_event is None or not 0 <= row < len(self.result_event.summary.columns):
            return
        combo = self._combos.get(self.result_event.summary.columns[row].name)
        if combo is not None and combo.isEnabled():
            combo.showPopup()

    def _on_train(self) -> None:
        """OK, and the trainer starts a run on the table."""
        self.train_requested = self.choice() is not None
        self.accept()

    def _on_column_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.preview.selectColumn(current.row())
            self.preview.scrollTo(self.preview_model.index(0, current.row()))

    def _on_problem_chosen(self, row: int) -> None:
        item = self.problems_list.item(row)
        if item is None or self.result_event is None:
            return
        where = item.data(Qt.ItemDataRole.UserRole)
        if not where:
            return
        line, column = where
        header = self.result_event.summary.header
        if column in header:
            j = header.index(column)
            self.columns_view.selectRow(j)
            lines = self.result_event.preview_lines
            i = lines.index(line) if line in lines else 0
            self.preview.scrollTo(self.preview_model.index(i, j))
            self.preview.selectColumn(j)

    # --- closing ---------------------------------------------------------------------------

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self.train_requested = False
        if self.job is not None:
            self.job.cancel()
            self.job = None
        super().done(result)

    def shutdown(self) -> bool:
        """Cancel any read (the window is closing); True if nothing is left running."""
        return self.job.shutdown() if self.job is not None else True
