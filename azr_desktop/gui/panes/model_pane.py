"""The Model page: a time budget planned into a whole model and run (gui/planning.py), or a preset or every
dimension, with the parameter count, memory and time it will cost, checked before anything starts. An existing model
shows its architecture read-only: its weights only fit those numbers, so a budget only sets how far it trains."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from azr_desktop.core import events as ev
from azr_desktop.core import plan as core_plan
from azr_desktop.core import probe
from azr_desktop.core.checkpoint import list_checkpoints
from azr_desktop.core.config import MAX_VOCAB, MIN_VOCAB, PRESETS, ModelConfig, TrainConfig
from azr_desktop.core.errors import ConfigError
from azr_desktop.gui import fmt
from azr_desktop.gui.estimates import Shape, SpeedProbe, shape
from azr_desktop.gui.i18n import core_text, fill
from azr_desktop.gui.planning import BudgetBox, Planner
from azr_desktop.gui.session import ModelSession
from azr_desktop.gui.widgets import ErrorLabel, page_title
from azr_desktop.gui.workers import run_task

DIMENSIONS = ("vocab_size", "d_model", "n_layers", "n_heads", "d_ff", "context")
TYPED_MAX = 99_999_999
_RANGES = {
    "vocab_size": (MIN_VOCAB, MAX_VOCAB, 256),
    "d_model": (8, 16384, 32),
    "n_layers": (1, 256, 1),
    "n_heads": (1, 256, 1),
    "d_ff": (1, 65536, 64),
    "context": (8, 65536, 32),
}


class ModelPane(QWidget):
    def __init__(self, session: ModelSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.tokens_per_s: float | None = None  # the open model's training speed: its last run's, or its running one's
        self.probe = SpeedProbe(self)
        self.probe.measured.connect(self._probed)
        self.probe.failed.connect(self._probe_failed)
        self._shape: Shape | None = None  # what the time shown is for
        self._trained_iter = 0  # the open model's newest checkpoint: where a time budget counts from
        self._pending_budget: float | None = None  # an existing model's budget, waiting for its speed to be timed
        self.planner = Planner(self)
        self.budget = BudgetBox()
        self.budget.budgetChosen.connect(self._budget_chosen)
        self.budget.cancelRequested.connect(self._cancel_plan)
        self.planner.progress.connect(self._plan_progress)
        self.planner.planned.connect(self._apply_plan)
        self.planner.failed.connect(self.budget.show_error)
        self.planner.ended.connect(self._plan_ended)
        labels = {
            "vocab_size": (
                self.tr("Vocabulary size"),
                self.tr("How many different tokens the tokenizer learns from your books."),
            ),
            "d_model": (
                self.tr("Width"),
                self.tr("The size of each token's vector: wider models learn more, slower."),
            ),
            "n_layers": (self.tr("Layers"), self.tr("How many transformer blocks are stacked.")),
            "n_heads": (
                self.tr("Attention heads"),
                self.tr("Must divide the width evenly, with an even size per head."),
            ),
            "d_ff": (
                self.tr("Feed-forward size"),
                self.tr("The hidden size of each block's MLP, usually 3-4 times the width."),
            ),
            "context": (self.tr("Context length"), self.tr("How many tokens the model sees at once.")),
        }
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("My model"))
        self.name.textEdited.connect(self._changed)
        self.preset = QComboBox()
        for key, label in (
            ("tiny", self.tr("Tiny: fast on any computer")),
            ("small", self.tr("Small: the default")),
            ("base", self.tr("Base: for a GPU")),
        ):
            self.preset.addItem(label, key)
        self.preset.addItem(self.tr("Custom"), "custom")
        self.preset.activated.connect(self._preset_chosen)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Preset"), self.preset)
        self.spins: dict[str, QSpinBox] = {}
        self.names = {key: label for key, (label, _tip) in labels.items()}
        for key in DIMENSIONS:
            _lo, _hi, step = _RANGES[key]
            spin = QSpinBox()
            spin.setRange(0, TYPED_MAX)  # any number can be typed; one out of range is refused in words
            spin.setSingleStep(step)
            spin.setGroupSeparatorShown(True)
            spin.setToolTip(labels[key][1])
            spin.valueChanged.connect(self._dimension_edited)
            self.spins[key] = spin
            form.addRow(labels[key][0], spin)
        self.error = ErrorLabel()
        self.frozen_note = QLabel(
            self.tr("This model exists: its architecture is fixed. Create a new model to change it.")
        )
        self.frozen_note.setWordWrap(True)

        arch = QGroupBox(self.tr("Architecture"))
        arch_layout = QVBoxLayout(arch)
        arch_layout.addWidget(self.frozen_note)
        arch_layout.addLayout(form)
        arch_layout.addWidget(self.error)

        self.params = QLabel()
        self.memory = QLabel()
        self.speed = QLabel()
        for label in (self.params, self.memory, self.speed):
            label.setWordWrap(True)
        est = QGroupBox(self.tr("What it costs"))
        est_form = QFormLayout(est)
        est_form.addRow(self.tr("Parameters"), self.params)
        est_form.addRow(self.tr("Memory for training"), self.memory)
        est_form.addRow(self.tr("Time per 1000 iterations"), self.speed)

        columns = QHBoxLayout()
        columns.addWidget(arch, 3)
        columns.addWidget(est, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("Model")))
        layout.addWidget(self.budget)
        layout.addLayout(columns)
        layout.addStretch(1)

        session.modelChanged.connect(self.load)
        session.trainDraftChanged.connect(self._update_estimates)
        session.runStarted.connect(self._attach)
        session.booksChanged.connect(self._books_changed)
        session.busyChanged.connect(self._busy_changed)
        self.load()

    # ---- state ------------------------------------------------------------------------------------------------
    @Slot(object)
    def _attach(self, run) -> None:
        self.probe.cancel()  # the training measures itself, and a probe would slow it down
        self._cancel_plan()
        self.budget.setEnabled(False)  # the target can be changed on the Training page while it trains
        run.event.connect(self._on_training_event)
        run.ended.connect(self._run_ended)

    @Slot()
    def _run_ended(self) -> None:
        self.budget.setEnabled(True)

    def stop_measuring(self) -> None:
        self.probe.close()
        self.planner.close()

    @Slot(object)
    def _on_training_event(self, event: ev.Event) -> None:
        if isinstance(event, ev.Eval) and self._last_step is not None:  # often enough for a label
            self.tokens_per_s = self._last_step.tokens_per_s
            self._update_estimates()
        elif isinstance(event, ev.Step):
            self._last_step = event

    @Slot()
    def load(self) -> None:
        s = self.session
        self.tokens_per_s, self._last_step, self._trained_iter = None, None, 0
        self._cancel_plan()
        self.budget.clear()
        if s.md is not None:
            md = s.md
            run_task(
                self,
                lambda emit: (last_speed(md), trained_iter(md)),
                on_done=lambda result: self._history_read(md, *result),
            )
        existing = s.md is not None
        self.name.setText(s.name)
        self.name.setReadOnly(existing)
        self.preset.setEnabled(not existing)
        self.frozen_note.setVisible(existing)
        self._show(s.model_cfg)
        for spin in self.spins.values():
            spin.setReadOnly(existing)

    def _show(self, cfg: ModelConfig) -> None:
        for key, spin in self.spins.items():
            spin.blockSignals(True)
            spin.setValue(getattr(cfg, key))
            spin.blockSignals(False)
        match = next((k for k, p in PRESETS.items() if p == cfg), "custom")
        self.preset.setCurrentIndex(self.preset.findData(match))
        self._validate()

    def config(self) -> ModelConfig:
        """The architecture in the fields; raises ConfigError naming the field if it is not valid."""
        base = self.session.model_cfg
        return base.replace(**{k: spin.value() for k, spin in self.spins.items()})

    @Slot(int)
    def _preset_chosen(self, index: int) -> None:
        key = self.preset.itemData(index)
        if key in PRESETS:
            self._show(PRESETS[key])
            self._changed()

    @Slot()
    def _dimension_edited(self) -> None:
        if self.session.md is None:
            self.preset.setCurrentIndex(self.preset.findData("custom"))
            self._changed()

    @Slot()
    def _changed(self) -> None:
        cfg = self._validate()
        if cfg is not None and self.session.md is None:
            self.session.set_draft(self.name.text(), cfg)

    def _problem(self) -> str:
        """Why the numbers in the form make no model, naming the fields as the form does; "" if they make one."""
        values = {key: spin.value() for key, spin in self.spins.items()}
        for key, (lo, hi, _step) in _RANGES.items():
            if not lo <= values[key] <= hi:
                return fill(self.tr("%1 must be between %2 and %3."), self.names[key], fmt.integer(lo), fmt.integer(hi))
        width, heads = values["d_model"], values["n_heads"]
        if width % heads:
            return fill(
                self.tr("%1 (%2) must divide %3 (%4) evenly."),
                self.names["n_heads"],
                heads,
                self.names["d_model"],
                width,
            )
        if width // heads % 2:
            return fill(
                self.tr("%1 divided by %2 must be an even number for rotary positions, not %3."),
                self.names["d_model"],
                self.names["n_heads"],
                width // heads,
            )
        return ""

    def _validate(self) -> ModelConfig | None:
        problem, cfg = self._problem(), None
        if not problem:
            try:
                cfg = self.config()
            except ConfigError as e:  # a check the form does not repeat
                problem = core_text(e)
        if problem:
            self.error.show_error(problem)
            for label in (self.params, self.memory, self.speed):  # nothing to estimate until the form is valid
                label.setText("–")
            self._shape = None
            self.probe.cancel()
            return None
        self.error.show_error("")
        self._update_estimates(cfg)
        return cfg

    # ---- estimates --------------------------------------------------------------------------------------------
    def _history_read(self, md, tokens_per_s: float | None, trained: int) -> None:
        if md is not self.session.md:
            return
        self._trained_iter = trained
        if tokens_per_s and self.tokens_per_s is None:
            self.tokens_per_s = tokens_per_s
            self._update_estimates()

    def _update_estimates(self, cfg: ModelConfig | None = None) -> None:
        if cfg is None:
            try:
                cfg = self.config()
            except ConfigError:
                return
        train = self.session.train_draft
        self.params.setText(f"{fmt.integer(cfg.num_params())}  ({fmt.count(cfg.num_params())})")
        need = probe.training_memory_bytes(cfg, train.batch_size)
        have = probe.available_memory_bytes(train.device)
        too_big = bool(have) and need > 0.8 * have
        text = fill(self.tr("about %1 with batch size %2"), fmt.size(need), train.batch_size)
        if have:
            text += " " + fill(self.tr("(this computer has %1)"), fmt.size(have))
            if too_big:
                self.error.show_error(
                    self.tr(
                        "This needs more memory than this computer has: lower the batch size or the size of the model."
                    )
                )
        self.memory.setText(text)
        self._shape = shape(cfg, train)
        if self.tokens_per_s:
            self.probe.cancel()
            secs = probe.seconds_per_iter_at(self.tokens_per_s, cfg, train.batch_size)
            self.speed.setText(fill(self.tr("about %1, measured while training"), per_1000(secs)))
        elif self.session.training or too_big or self.planner.running:  # a probe would slow them down, or not fit
            self.probe.cancel()
            self.speed.setText("–")
        elif (secs := self.probe.results.get(self._shape)) is not None:
            self.probe.cancel()  # a probe asked for a shape the form has left
            self._probed(self._shape, secs)
        elif self.isVisible():  # timed only when looked at: a probe takes the CPU for a moment
            self.probe.request(self._shape)
            self.speed.setText(self.tr("timing a few training steps…"))
        else:
            self.probe.cancel()
            self.speed.setText("–")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._update_estimates()

    @Slot(object, float)
    def _probed(self, measured: Shape, secs: float) -> None:
        if measured == self._shape and not self.tokens_per_s:
            self.speed.setText(fill(self.tr("about %1 on this computer"), per_1000(secs)))
            if self._pending_budget is not None:
                self._set_target(self._pending_budget, secs)

    @Slot(object, str)
    def _probe_failed(self, measured: Shape, reason: str) -> None:
        if measured == self._shape:
            self.speed.setText(fill(self.tr("Could not time it: %1"), reason))
            if self._pending_budget is not None:
                self._pending_budget = None
                self.budget.show_error(fill(self.tr("Could not time it: %1"), reason))

    # ---- time budget ------------------------------------------------------------------------------------------
    @Slot(float)
    def _budget_chosen(self, budget_s: float) -> None:
        """A new model gets a whole plan for its books; an existing one the target that fits in the budget."""
        s = self.session
        self._cancel_plan()
        self.budget.clear()
        if s.md is not None:
            self._pending_budget = budget_s
            if self.tokens_per_s:
                cfg = s.model_cfg
                self._set_target(budget_s, probe.seconds_per_iter_at(self.tokens_per_s, cfg, s.train_draft.batch_size))
            else:
                self.budget.show_running(True, self.tr("timing a few training steps…"))
                self._update_estimates()  # the time shown, or a probe whose result sets the target
            return
        if not s.books:
            self.budget.show_hint(True)
            return
        self.probe.cancel()  # the plan times its own shapes; two probes at once would both be wrong
        draft = s.train_draft
        base = TrainConfig(
            device=draft.device, precision=draft.precision, threads=draft.threads, batch_size=draft.batch_size
        )
        self.budget.show_running(True)
        self.planner.request([b.info for b in s.books], budget_s, base)

    @Slot()
    def _cancel_plan(self) -> None:
        self.planner.cancel()
        self._pending_budget = None
        self.budget.show_running(False)

    @Slot(str)
    def _plan_progress(self, text: str) -> None:
        self.budget.show_running(True, text)

    @Slot()
    def _plan_ended(self) -> None:
        self.budget.show_running(False)
        self._update_estimates()  # the time estimate waited for the plan

    @Slot(object)
    def _apply_plan(self, plan: core_plan.Plan) -> None:
        """The plan fills both forms: the architecture here, the run on the Training page (the time budget becomes
        an iteration count here, once); the time estimate then shows the plan's measured speed."""
        s = self.session
        if s.md is not None:
            return
        planned = {k: getattr(plan.train, k) for k in core_plan.PLANNED_TRAIN_FIELDS}
        s.propose_train(s.train_draft.replace(**planned))
        self.probe.results.setdefault(shape(plan.model, s.train_draft), plan.seconds_per_iter)
        self._show(plan.model)
        self._changed()
        self.budget.show_plan(plan)

    def _set_target(self, budget_s: float, secs: float) -> None:
        """An existing model trains ``budget_s`` longer: its target moves that many iterations past where it is."""
        self._pending_budget = None
        start = self._last_step.iter if self._last_step is not None else self._trained_iter
        more = core_plan.iterations_in(budget_s, secs)
        self.session.propose_train(self.session.train_draft.replace(iters=start + more))
        self.budget.show_target(start + more, more, secs, budget_s)

    @Slot(bool)
    def _busy_changed(self, busy: bool) -> None:
        """The draft is being created with the shape it has: a plan would change the form under it."""
        if busy:
            self._cancel_plan()

    @Slot()
    def _books_changed(self) -> None:
        if self.session.books:
            self.budget.show_hint(False)


def per_1000(seconds_per_iter: float) -> str:
    return core_text(probe.rough_duration(1000 * seconds_per_iter))


def trained_iter(md) -> int:
    """The model's newest checkpoint's iteration (0 if none): where its next run starts."""
    ckpts = list_checkpoints(md.checkpoints_dir)
    return ckpts[-1].iter if ckpts else 0


def last_speed(md) -> float | None:
    """The model's training speed in its last recorded iteration (tokens per second), None if it never trained."""
    return next((r["tokens_per_s"] for r in reversed(md.read_metrics()) if r.get("event") == "Step"), None)
