"""The Model page's time budget: "10 minutes", "1 hour", "overnight" or any duration, turned into a plan
(core/plan.py) in a worker, with its progress, Cancel and, once made, why it was chosen.

One plan is made at a time (its probes time real training steps: two at once would slow each other and both be
wrong). A newer request cancels the running one, which stops at its next step or stage, then starts; nothing
starts once the window closes. The page applies the plan; this module only makes and shows it.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from azr_desktop.core import plan as core_plan
from azr_desktop.core.books import BookInfo
from azr_desktop.core.config import TrainConfig
from azr_desktop.core.errors import AZRError
from azr_desktop.core.probe import rough_duration
from azr_desktop.gui import fmt
from azr_desktop.gui.i18n import core_text, fill
from azr_desktop.gui.widgets import ErrorLabel
from azr_desktop.gui.workers import run_task

BUDGETS = (600, 3600, 8 * 3600)  # the budgets offered; "Other…" takes any duration


class Cancelled(Exception):
    """Raised in the worker at the plan's next stage once the user (or a newer request) cancelled it."""


class Planner(QObject):
    """``make_plan`` in a worker thread, one at a time; only the newest request's outcome is reported."""

    progress = Signal(str)  # what the plan is doing, translated
    planned = Signal(object)  # the Plan
    failed = Signal(str)  # why no plan could be made, one translated line
    ended = Signal()  # the newest request ended, whichever way (cancelled included)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._wanted: tuple | None = None  # the arguments of a request waiting for the running plan to stop
        self._stop: threading.Event | None = None  # the running plan's cancel flag
        self._closed = False

    @property
    def running(self) -> bool:
        return self._stop is not None or self._wanted is not None

    def request(self, books: list[BookInfo], budget_s: float, base: TrainConfig) -> None:
        if self._closed:
            return
        self.cancel()
        self._wanted = (list(books), budget_s, base)
        self._start()

    def cancel(self) -> None:
        """Forget the waiting request; the running plan stops at its next step or stage."""
        self._wanted = None
        if self._stop is not None:
            self._stop.set()

    def close(self) -> None:
        """Cancel and start nothing more: the window is closing, and no thread may outlive it."""
        self.cancel()
        self._closed = True

    def _start(self) -> None:
        if self._stop is not None or self._wanted is None:
            return  # the running plan starts the wanted one when it ends
        (books, budget_s, base), self._wanted = self._wanted, None
        stop = self._stop = threading.Event()

        def work(emit):
            def say(text) -> None:
                if stop.is_set():
                    raise Cancelled
                emit(core_text(text))

            return core_plan.make_plan(books, budget_s, base, progress=say, cancelled=stop.is_set)

        run_task(
            self,
            work,
            on_item=self._on_progress,
            on_done=lambda result: self._ended(stop, result, None),
            on_failed=lambda error: self._ended(stop, None, error),
        )

    def _on_progress(self, text: str) -> None:
        if not (self._stop is None or self._stop.is_set()):
            self.progress.emit(text)

    def _ended(self, stop: threading.Event, result, error: BaseException | None) -> None:
        self._stop = None
        if self._closed or stop.is_set():
            if self._wanted is None and not self._closed:
                self.ended.emit()
            self._start()
            return
        if result is not None:
            self.planned.emit(result)
        elif isinstance(error, AZRError):
            self.failed.emit(core_text(error))
        else:
            raise error  # a bug: the crash dialog, not a line on the page
        self.ended.emit()


class BudgetBox(QGroupBox):
    """How long to train, the Plan button, the plan's progress with Cancel, and the outcome in words."""

    budgetChosen = Signal(float)  # seconds
    cancelRequested = Signal()
    dataRequested = Signal()  # "Go to Data": the plan needs books

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Time budget"), parent)
        self.choice = QComboBox()
        for seconds, label in zip(BUDGETS, (self.tr("10 minutes"), self.tr("1 hour"), self.tr("Overnight (8 hours)"))):
            self.choice.addItem(label, seconds)
        self.choice.addItem(self.tr("Other…"), 0)
        self.choice.setToolTip(self.tr("How long you can let it train: the app proposes the model and the run."))
        self.choice.activated.connect(self._chosen)
        self.other = QLineEdit()
        self.other.setPlaceholderText(self.tr("e.g. 45m, 2h30m"))
        self.other.returnPressed.connect(self.choose)
        self.other.setMaximumWidth(240)
        self.other.hide()
        self.plan_button = QPushButton(self.tr("Plan"))
        self.plan_button.setToolTip(self.tr("Measure this computer and your books, and fill in the best plan."))
        self.plan_button.clicked.connect(self.choose)
        self.status = QLabel()  # what the plan is doing
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedWidth(160)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.summary = QLabel()
        self.note = QLabel()
        self.error = ErrorLabel()
        self.hint = QLabel(self.tr("Add books on the Data page first: the plan is made for them."))
        self.to_data = QPushButton(self.tr("Go to Data"))
        self.to_data.clicked.connect(self.dataRequested)
        for label in (self.status, self.summary, self.note, self.hint):
            label.setWordWrap(True)

        top = QHBoxLayout()
        for w in (QLabel(self.tr("Train for")), self.choice, self.other, self.plan_button):
            top.addWidget(w)
        top.addStretch(1)
        running = QHBoxLayout()
        running.addWidget(self.status, 1)
        running.addWidget(self.busy)
        running.addWidget(self.cancel_button)
        hint = QHBoxLayout()
        hint.addWidget(self.hint, 1)
        hint.addWidget(self.to_data)
        layout = QVBoxLayout(self)
        for row in (top, running, hint):  # a row whose widgets are all hidden takes no room
            layout.addLayout(row)
        for label in (self.summary, self.note, self.error):
            layout.addWidget(label)
        self.clear()

    @Slot(int)
    def _chosen(self, index: int) -> None:
        other = not self.choice.itemData(index)
        self.other.setVisible(other)
        if other:
            self.other.setFocus()
        else:
            self.choose()

    @Slot()
    def choose(self) -> None:
        """The chosen budget in seconds goes out; a duration that cannot be read is said on the error line."""
        seconds = self.choice.currentData()
        if not seconds:
            try:
                seconds = core_plan.parse_duration(self.other.text())
            except AZRError as e:
                self.show_error(core_text(e))
                return
        self.budgetChosen.emit(float(seconds))

    def show_running(self, running: bool, text: str = "") -> None:
        for w in (self.status, self.busy, self.cancel_button):
            w.setVisible(running)
        self.status.setText(sentence(text) or self.tr("Planning…"))
        if running:
            self.error.show_error("")

    def show_hint(self, shown: bool) -> None:
        self.hint.setVisible(shown)
        self.to_data.setVisible(shown)

    def show_error(self, text: str) -> None:
        self.show_running(False)
        self.error.show_error(text)

    def show_outcome(self, summary: str, note: str = "") -> None:
        self.show_running(False)
        self.summary.setText(summary)
        self.summary.setVisible(bool(summary))
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def show_plan(self, plan: core_plan.Plan) -> None:
        """Why this plan, in plain words: size, iterations at their measured time, passes over the books; early
        stopping if the plan turned it on; the plan's note if the books limit it. Not the rule's predicted loss: it
        ranks shapes well but was 13-18% too hopeful on books it was not fitted on (docs/sizing.md)."""
        text = fill(
            self.tr("%1 parameters · %2 iterations of %3 s on this computer · sees %4 passes over your books"),
            fmt.count(plan.model.num_params()),
            fmt.integer(plan.train.iters),
            seconds(plan.seconds_per_iter),
            fmt.decimal(plan.passes, 1),
        )
        if plan.train.patience:
            text += "\n" + fill(
                self.tr(
                    "Early stopping is on: training stops after %1 evaluations in a row without a lower"
                    " validation loss, and the best checkpoint is kept."
                ),
                plan.train.patience,
            )
        self.show_outcome(text, sentence(core_text(plan.note)) if plan.note else "")

    def show_target(self, target: int, more: int, seconds_per_iter: float, budget_s: float) -> None:
        """An existing model's shape is fixed: the budget only sets how far it trains."""
        self.show_outcome(
            fill(
                self.tr("Target set to iteration %1: %2 more iterations of %3 s on this computer fit in %4."),
                fmt.integer(target),
                fmt.integer(more),
                seconds(seconds_per_iter),
                core_text(rough_duration(budget_s)),
            )
        )

    def clear(self) -> None:
        self.show_outcome("")
        self.error.show_error("")
        self.show_hint(False)


def seconds(secs: float) -> str:
    """An iteration's seconds with the digits that matter: 0.41, 0.036."""
    return fmt.decimal(secs, 2 if secs >= 0.1 else 3)


def sentence(text: str) -> str:
    """The core's notes and stages start in lower case (the command line prints them after "note: "); alone on a
    line, they start with a capital."""
    return text[:1].upper() + text[1:]
