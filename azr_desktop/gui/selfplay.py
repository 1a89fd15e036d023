"""The Training page's self-play parts: its settings section, and the tasks with the model's answers as they happen.

Self-play (core/selfplay.py) refines a trained model, so the section is off by default and unavailable until the
model has a checkpoint past iteration 0. Its values apply on the next Start, like the other training settings.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from azr_desktop.core.config import SELFPLAY_KINDS, SelfPlayConfig
from azr_desktop.core.errors import ConfigError
from azr_desktop.gui import fmt
from azr_desktop.gui.i18n import core_text, fill
from azr_desktop.gui.widgets import ErrorLabel, spin_box

EXAMPLES_KEPT = 50
EXCERPT_CHARS = 90  # of a task's text: the end of a passage to continue, the start of one to precede
AFTER_GAP_CHARS = 12  # of a fill-in task's text after the gap
ELIDE_ROLE = Qt.ItemDataRole.UserRole  # which end of a task's text the view may cut
_ROOT = QModelIndex()  # the table's rows hang off the invalid (root) index


class SelfPlayBox(QGroupBox):
    """Enable checkbox, task types and the main knobs; the other fields keep the model's last used values."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("AZR-inspired self-play (refines a trained model)"), parent)
        self.base = SelfPlayConfig()  # the model's last used settings, with the fields not shown here
        self.trained = 0  # the model's newest checkpoint iteration
        self.target = 0
        about = QLabel(
            self.tr(
                "The model makes tasks from its books (continue a passage, fill in missing words, guess the previous "
                "sentence) and learns from how well it solves them; the books themselves are the judge."
            )
        )
        about.setWordWrap(True)
        self.use = QCheckBox(self.tr("Use self-play when training starts"))
        self.use.toggled.connect(self._toggled)

        names = {
            "cont": self.tr("Continue a passage"),
            "fill": self.tr("Fill in missing words"),
            "prev": self.tr("Guess the previous sentence"),
        }
        self.kinds = {kind: QCheckBox(names[kind]) for kind in SELFPLAY_KINDS}
        kinds = QVBoxLayout()
        kinds.setSpacing(2)
        for box in self.kinds.values():
            kinds.addWidget(box)
            box.toggled.connect(self._validate)
        self.tasks = spin_box(1, 1024)
        self.tasks.setToolTip(self.tr("How many tasks of each type the model solves in one step."))
        self.samples = spin_box(2, 256)
        self.samples.setToolTip(
            self.tr("How many answers the model writes to each task; it learns from how they compare.")
        )
        self.proposals = spin_box(0, 1024, 1, self.tr("none"))
        self.proposals.setToolTip(
            self.tr(
                "How many tasks of each type the model proposes itself in one step; built-in tasks fill up the rest."
            )
        )
        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(6)
        self.lr.setRange(0.000001, 1.0)
        self.lr.setSingleStep(0.00001)
        self.lr.setToolTip(self.tr("Lower than for ordinary training: self-play only refines what the model knows."))
        self.kl = QDoubleSpinBox()
        self.kl.setDecimals(3)
        self.kl.setRange(0.0, 100.0)
        self.kl.setSingleStep(0.01)
        self.kl.setToolTip(
            self.tr("How strongly the model is held near where self-play started: higher is safer, lower learns more.")
        )
        for spin in (self.tasks, self.samples, self.proposals, self.lr, self.kl):
            spin.valueChanged.connect(self._validate)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # long task names under their label
        form.addRow(self.tr("Task types"), kinds)
        form.addRow(self.tr("Tasks per type"), self.tasks)
        form.addRow(self.tr("Answers per task"), self.samples)
        form.addRow(self.tr("Proposals per type"), self.proposals)
        form.addRow(self.tr("Learning rate"), self.lr)
        form.addRow(self.tr("KL weight"), self.kl)
        self.steps = QLabel()
        self.steps.setWordWrap(True)
        self.error = ErrorLabel()
        self.body = QWidget()  # shown while the checkbox is on
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(form)
        body.addWidget(self.steps)
        body.addWidget(self.error)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.use)
        layout.addWidget(self.body)
        self.body.hide()
        self.set_trained(0)

    # ---- values -----------------------------------------------------------------------------------------------
    def config(self) -> SelfPlayConfig | None:
        """The settings to start with; None while self-play is off. Raises ConfigError for unusable values."""
        if not self.use.isChecked() or self.trained == 0:
            return None
        return self._values()

    def _values(self) -> SelfPlayConfig:
        kinds = [kind for kind, box in self.kinds.items() if box.isChecked()]
        if not kinds:
            raise ConfigError(self.tr("Choose at least one task type."))
        return self.base.replace(
            kinds=",".join(kinds),
            tasks_per_kind=self.tasks.value(),
            samples=self.samples.value(),
            proposals_per_kind=self.proposals.value(),
            lr=self.lr.value(),
            kl_coef=self.kl.value(),
        )

    def show_config(self, cfg: SelfPlayConfig) -> None:
        """Show a model's last used settings, self-play off."""
        self.base = cfg
        chosen = cfg.kind_list()
        for kind, box in self.kinds.items():
            box.setChecked(kind in chosen)
        self.tasks.setValue(cfg.tasks_per_kind)
        self.samples.setValue(cfg.samples)
        self.proposals.setValue(cfg.proposals_per_kind)
        self.lr.setValue(cfg.lr)
        self.kl.setValue(cfg.kl_coef)
        self.use.setChecked(False)
        self._validate()

    @Slot()
    def _validate(self) -> None:
        try:
            self._values()
        except ConfigError as e:
            self.error.show_error(core_text(e))
        else:
            self.error.show_error("")

    @Slot(bool)
    def _toggled(self, on: bool) -> None:
        self.body.setVisible(on)

    def minimumSizeHint(self) -> QSize:
        """As wide as the open section even while it is closed, so that the page can make room for it."""
        hint = super().minimumSizeHint()
        margins = self.layout().contentsMargins()
        return hint.expandedTo(QSize(self.body.minimumSizeHint().width() + margins.left() + margins.right(), 0))

    # ---- where the model is -----------------------------------------------------------------------------------
    def set_trained(self, iteration: int) -> None:
        """The iteration training resumes from: self-play needs one past 0."""
        self.trained = iteration
        self.setToolTip(
            "" if iteration else self.tr("Self-play refines a trained model: train this one first, then come back.")
        )
        self._show_steps()

    @Slot(int)
    def set_target(self, target: int) -> None:
        self.target = target
        self._show_steps()

    def set_editable(self, idle: bool) -> None:
        """Editable while nothing runs, and only for a trained model."""
        self.setEnabled(idle and self.trained > 0)

    def _show_steps(self) -> None:
        """The target is the model's global iteration count: self-play runs the steps between here and there."""
        if self.target > self.trained:
            text = fill(
                self.tr("Self-play steps: %1 (from iteration %2 to the target above)."),
                fmt.integer(self.target - self.trained),
                fmt.integer(self.trained),
            )
        else:
            text = fill(
                self.tr("Raise “Train to iteration” above %1 to run self-play steps."), fmt.integer(self.trained)
            )
        self.steps.setText(text)


class _ExampleTable(QAbstractTableModel):
    """The newest self-play examples first, at most EXAMPLES_KEPT: each added one costs a row insert."""

    def __init__(self, headers: list[str], kinds: dict[str, str]):
        super().__init__()
        self.headers = headers
        self.kinds = kinds
        self.rows: list[dict] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(r["iter"]),
                self.kinds.get(r["kind"], r["kind"]),
                str(r["level"]),
                _one_line(excerpt(r["kind"], r["task"])),
                _one_line(r["answer"]),
                _one_line(r["gold"]),
                f"{r['reward']:+.2f}",
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col in (3, 4, 5):
            return (r["task"], r["answer"], r["gold"])[col - 3]
        if role == ELIDE_ROLE:
            return Qt.TextElideMode.ElideRight if r["kind"] == "prev" else Qt.TextElideMode.ElideLeft
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 2, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def add(self, record: dict) -> None:
        self.beginInsertRows(_ROOT, 0, 0)
        self.rows.insert(0, record)
        self.endInsertRows()
        if len(self.rows) > EXAMPLES_KEPT:
            self.beginRemoveRows(_ROOT, EXAMPLES_KEPT, len(self.rows) - 1)
            del self.rows[EXAMPLES_KEPT:]
            self.endRemoveRows()

    def truncate(self, last_iter: int) -> None:
        newer = sum(1 for r in self.rows if r["iter"] > last_iter)  # the newest rows are at the top
        if newer:
            self.beginRemoveRows(_ROOT, 0, newer - 1)
            del self.rows[:newer]
            self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.rows.clear()
        self.endResetModel()


class _TaskDelegate(QStyledItemDelegate):
    """Cuts a task's text where it matters least: a passage to continue loses its start, and so on."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = index.data(ELIDE_ROLE)


class SelfPlayExamples(QTableView):
    """Tasks the model solved during self-play, newest first: its answer next to the book's, and the reward."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        headers = [
            self.tr("Iteration"),
            self.tr("Type"),
            self.tr("Level"),
            self.tr("Task"),
            self.tr("Model's answer"),
            self.tr("Book's answer"),
            self.tr("Reward"),
        ]
        kinds = {"cont": self.tr("continue"), "fill": self.tr("fill in"), "prev": self.tr("previous")}
        self.table = _ExampleTable(headers, kinds)
        self.setModel(self.table)
        self.setToolTip(self.tr("Hover over a text to read all of it."))
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.setItemDelegateForColumn(3, _TaskDelegate(self))
        header = self.horizontalHeader()
        for col in range(len(headers)):
            stretch = col in (3, 4, 5)
            header.setSectionResizeMode(
                col, QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.ResizeToContents
            )

    def add(self, record: dict) -> None:
        self.table.add(record)

    def truncate(self, last_iter: int) -> None:
        self.table.truncate(last_iter)

    def clear(self) -> None:
        self.table.clear()


def excerpt(kind: str, task: str, chars: int = EXCERPT_CHARS) -> str:
    """The part of a task's text that matters: the end of a passage to continue, the start of one whose previous
    sentence is asked, the words before a fill-in's gap and a few after it."""
    if kind == "prev":
        return task if len(task) <= chars else task[:chars] + "…"
    end = len(task) if kind == "cont" else task.find("___") + 3 + AFTER_GAP_CHARS
    lo = max(0, end - chars - (0 if kind == "cont" else AFTER_GAP_CHARS))
    return ("…" if lo else "") + task[lo:end] + ("…" if end < len(task) else "")


def _one_line(text: str) -> str:
    return " ↵ ".join(line.strip() for line in text.strip().splitlines())
