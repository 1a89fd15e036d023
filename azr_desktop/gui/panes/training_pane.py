"""The Training page: settings, Start / Pause / Resume / Stop, progress with ETA, live plots, samples and a log.

The trainer runs in a worker (``TrainingRun``), or on several GPUs as processes of its own (``ProcessRun``); this page
only steers it and shows its events. Labels are refreshed by a timer from the newest Step, not per event, so a fast
model cannot flood the window.
"""

from __future__ import annotations

import sys

import torch
from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from azr_desktop.core import events as ev
from azr_desktop.core.config import SelfPlayConfig, TrainConfig
from azr_desktop.core.device import default_threads
from azr_desktop.core.errors import ConfigError
from azr_desktop.core.history import History, load_history, planned_schedule
from azr_desktop.core.schedule import LRSchedule, plan_for
from azr_desktop.gui import fmt
from azr_desktop.gui.follow import RunFollower
from azr_desktop.gui.i18n import core_text, fill
from azr_desktop.gui.plots import TrainingPlots
from azr_desktop.gui.selfplay import EXAMPLES_KEPT, SelfPlayBox, SelfPlayExamples
from azr_desktop.gui.session import ModelSession
from azr_desktop.gui.widgets import LogView, page_title, show_preparation, spin_box
from azr_desktop.gui.workers import TrainingRun, run_task

LABEL_MS = 200
SAMPLES_KEPT = 200


class TrainingPane(QWidget):
    def __init__(self, session: ModelSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.run: TrainingRun | None = None
        self.schedule: LRSchedule | None = None
        self._last_step: ev.Step | None = None
        self._trained_iter = 0  # the newest checkpoint's iteration: where the next Start resumes
        self._val = ""
        self._shown_step: ev.Step | None = None  # the step the labels show: each is shown once
        self._outcome = ""  # how the last run ended, shown instead of "Ready."
        self._shown = session.train_config()  # the settings the form was last filled with

        self.target = spin_box(1, 10_000_000, 100)
        self.target.setToolTip(
            self.tr("The iteration to train to. You can change it at any time, even while training.")
        )
        self.target.editingFinished.connect(self._target_edited)
        self.selfplay = SelfPlayBox()
        self.target.valueChanged.connect(self.selfplay.set_target)
        self.selfplay.use.toggled.connect(self._update_controls)  # self-play trains on one GPU
        self.batch = spin_box(1, 4096)
        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(5)
        self.lr.setRange(0.00001, 1.0)
        self.lr.setSingleStep(0.0001)
        self.warmup = spin_box(0, 1_000_000, 10)
        self.save_every = spin_box(0, 1_000_000, 50, self.tr("never"))
        self.eval_every = spin_box(0, 1_000_000, 50, self.tr("never"))
        self.sample_every = spin_box(0, 1_000_000, 50, self.tr("never"))
        self.device = QComboBox()
        for key, label in (
            ("auto", self.tr("Automatic")),
            ("cpu", self.tr("CPU")),
            ("cuda", self.tr("NVIDIA GPU (CUDA)")),
            ("mps", self.tr("Apple GPU (Metal)")),
        ):
            self.device.addItem(label, key)
        self.threads = spin_box(0, 1024, 1, self.tr("all cores"))
        self.gpu_count = torch.cuda.device_count()  # a cheap count: it starts nothing on the GPUs
        self.gpus = spin_box(1, max(1, self.gpu_count))
        self.gpus.setValue(session.settings.gpus)
        self.gpus.valueChanged.connect(self._gpus_chosen)
        self.settings_widgets = (
            self.batch,
            self.lr,
            self.warmup,
            self.save_every,
            self.eval_every,
            self.sample_every,
            self.device,
            self.threads,
        )
        for w in (self.target, *self.settings_widgets):
            (w.currentIndexChanged if isinstance(w, QComboBox) else w.valueChanged).connect(self._draft_edited)

        form = QFormLayout()
        form.addRow(self.tr("Train to iteration"), self.target)
        form.addRow(self.tr("Batch size"), self.batch)
        form.addRow(self.tr("Learning rate"), self.lr)
        form.addRow(self.tr("Warmup iterations"), self.warmup)
        form.addRow(self.tr("Save every"), self.save_every)
        form.addRow(self.tr("Evaluate every"), self.eval_every)
        form.addRow(self.tr("Sample text every"), self.sample_every)
        form.addRow(self.tr("Device"), self.device)
        form.addRow(self.tr("CPU threads"), self.threads)
        form.addRow(self.tr("GPUs"), self.gpus)
        form.setRowVisible(self.gpus, self.gpu_count > 1)
        settings_box = QGroupBox(self.tr("Settings"))
        settings_box.setLayout(form)

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.clicked.connect(self.start_or_resume)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.clicked.connect(self.pause)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Saves a checkpoint and stops; Start continues from it."))
        self.stop_button.clicked.connect(self.stop)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(b)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)  # the column is narrow, and some states take a sentence
        self.stats = {key: QLabel("–") for key in ("iter", "loss", "val", "speed", "elapsed", "eta")}
        stats = QGridLayout()
        names = {
            "iter": self.tr("Iteration"),
            "loss": self.tr("Loss"),
            "val": self.tr("Validation loss"),
            "speed": self.tr("Tokens/s"),
            "elapsed": self.tr("Elapsed"),
            "eta": self.tr("Time left"),
        }
        for i, (key, label) in enumerate(self.stats.items()):
            stats.addWidget(QLabel(names[key]), i, 0)
            label.setAlignment(Qt.AlignmentFlag.AlignRight)
            stats.addWidget(label, i, 1)
        status_box = QGroupBox(self.tr("Progress"))
        status_layout = QVBoxLayout(status_box)
        status_layout.addWidget(self.state_label)
        status_layout.addLayout(stats)

        settings = QWidget()  # scrolls when self-play's settings make the column too tall; the buttons stay put
        settings_layout = QVBoxLayout(settings)
        settings_layout.setContentsMargins(0, 0, 0, 0)
        settings_layout.addWidget(settings_box)
        settings_layout.addWidget(self.selfplay)
        settings_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(settings)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(scroll, 1)
        left.addLayout(buttons)
        left.addWidget(status_box)
        left_widget = QWidget()
        left_widget.setLayout(left)
        # a scroll area does not widen for its content: make room for the settings (long in some languages)
        needed = settings.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
        left_widget.setFixedWidth(max(360, needed))

        self.plots = TrainingPlots()
        self.plots.log_y.setChecked(session.settings.log_scale)
        self.plots.log_y.toggled.connect(self._log_scale_toggled)
        self.samples = QPlainTextEdit()
        self.samples.setReadOnly(True)
        self.samples.setPlaceholderText(self.tr("Text the model writes every few iterations appears here."))
        self.samples.setMaximumBlockCount(SAMPLES_KEPT * 20)
        self.log = LogView()
        self.examples = SelfPlayExamples()
        bottom = QTabWidget()
        bottom.addTab(self.samples, self.tr("Samples"))
        bottom.addTab(self.examples, self.tr("Self-play tasks"))
        bottom.addTab(self.log, self.tr("Log"))
        self.bottom_tabs = bottom
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.plots)
        right.addWidget(bottom)
        right.setSizes([520, 200])

        top = QHBoxLayout()
        top.addWidget(left_widget)
        top.addWidget(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("Training")))
        layout.addWidget(self.progress)
        layout.addLayout(top, 1)

        self.label_timer = QTimer(self, interval=LABEL_MS)
        self.label_timer.timeout.connect(self._refresh_labels)
        self.label_timer.start()
        session.modelChanged.connect(self._model_changed)
        session.trainPlanned.connect(self._planned)
        session.runStarted.connect(self._attach)
        session.progress.connect(self._progress)
        session.busyChanged.connect(self._update_controls)
        session.messages.posted.connect(self._log_message)
        self.follower = RunFollower(session, self)  # another program training this model: show its run
        self.follower.event.connect(self._on_event)
        self.follower.reload.connect(self._model_changed)
        self.follower.writerChanged.connect(self._update_controls)
        self._model_changed()

    # ---- settings ---------------------------------------------------------------------------------------------
    def config(self) -> TrainConfig:
        """The form over the settings last shown, so that those it has no field for (a plan's patience) are kept."""
        return self._shown.replace(
            iters=self.target.value(),
            batch_size=self.batch.value(),
            lr=self.lr.value(),
            warmup=self.warmup.value(),
            save_every=self.save_every.value(),
            eval_every=self.eval_every.value(),
            sample_every=self.sample_every.value(),
            device=self.device.currentData(),
            threads=self.threads.value(),
        )

    def show_config(self, cfg: TrainConfig) -> None:
        """Fill the form, then publish it as the draft once: a draft taken after each field would hold the fields
        not yet filled (a new model got save, evaluate and sample every 0, "never", that way)."""
        self._shown = cfg
        widgets = (self.target, *self.settings_widgets)
        for w in widgets:
            w.blockSignals(True)
        self.target.setValue(cfg.iters)
        self.batch.setValue(cfg.batch_size)
        self.lr.setValue(cfg.lr)
        self.warmup.setValue(cfg.warmup)
        self.save_every.setValue(cfg.save_every)
        self.eval_every.setValue(cfg.eval_every)
        self.sample_every.setValue(cfg.sample_every)
        self.device.setCurrentIndex(max(0, self.device.findData(cfg.device)))
        self.threads.setValue(cfg.threads or default_threads())
        for w in widgets:
            w.blockSignals(False)
        self.selfplay.set_target(cfg.iters)
        self._draft_edited()

    @Slot()
    def _draft_edited(self) -> None:
        try:
            cfg = self.config()
        except ConfigError as e:
            self.session.messages.error(e)
            return
        self.session.set_train_draft(cfg)
        if self._idle():
            self._show_position(self._trained_iter, cfg.iters)
            if not self._trained_iter:  # nothing to resume: the next Start follows a fresh plan for the form
                self.schedule = plan_for(cfg)
                self._show_plan(self.schedule)

    @Slot(object)
    def _planned(self, cfg: TrainConfig) -> None:
        """Settings planned for a time budget on the Model page: shown as if typed (the target re-plans the rate)."""
        self.show_config(cfg)
        self._target_edited()

    @Slot()
    def _target_edited(self) -> None:
        """A new target shows at once in the bar and the planned learning rate, also while paused or before the
        first Start; a running trainer answers with TargetChanged instead."""
        target, run, md = self.target.value(), self.run, self.session.md
        if run is not None and run.active and run.state != "stopping":
            run.set_target(target)
            if run.state == "paused" and self._last_step is not None and self.schedule is not None:
                plan = LRSchedule.from_dict(self.schedule.to_dict())  # as the trainer will re-plan on resuming
                plan.retarget(self._last_step.iter, target)
                self.plots.set_plan(plan.knots)
                self._show_position(self._last_step.iter, target)
        elif self._idle() and md is not None and self._trained_iter:
            cfg = self.config()
            run_task(self, lambda emit: planned_schedule(md, cfg, resumed=True), on_done=self._replanned)

    @Slot(object)
    def _replanned(self, schedule: LRSchedule) -> None:
        if self._idle():
            self.schedule = schedule
            self._show_plan(schedule)

    def _idle(self) -> bool:
        return not self.session.training and not self.session.busy

    def _show_position(self, now: int, target: int) -> None:
        self.progress.setRange(0, max(1, target))
        self.progress.setValue(min(now, target))
        self.progress.setFormat("%v / %m  (%p%)")
        if now:
            self.stats["iter"].setText(f"{fmt.integer(now)} / {fmt.integer(target)}")

    def _show_plan(self, schedule: LRSchedule) -> None:
        """The planned learning rate; with no history to draw (an imported model) from where training resumes."""
        knots, start = schedule.knots, self._trained_iter
        if start and not self.plots.train.n:
            knots = [(start, schedule.lr_at(start))] + [k for k in knots if k[0] > start]
        self.plots.set_plan(knots)

    # ---- model ------------------------------------------------------------------------------------------------
    @Slot()
    def _model_changed(self) -> None:
        if self.session.training:
            return
        self.run = None
        self._last_step = None
        self._trained_iter = 0
        self._val = ""
        self._outcome = ""
        self.plots.clear()
        self.samples.clear()
        self.examples.clear()
        self.log.clear()
        self.schedule = None
        cfg = self.session.train_config()
        self.show_config(cfg)
        md = self.session.md
        self._show_selfplay_config()
        self.selfplay.set_trained(0)  # until the history says how far the model got
        for label in self.stats.values():
            label.setText("–")
        if md is not None:
            run_task(
                self,
                lambda emit: (load_history(md), planned_schedule(md, cfg, resumed=True)),
                on_done=self._history_loaded,
                on_failed=self.session.messages.error,
            )
        self._update_controls()

    @Slot(object)
    def _history_loaded(self, result: tuple[History, LRSchedule]) -> None:
        history, schedule = result
        if self.session.training:
            return
        self.plots.load(history)
        self._trained_iter = history.trained_iter
        self.follower.follow_from(history.position)
        self.schedule = schedule
        self._show_plan(schedule)
        for it, text in history.samples[-SAMPLES_KEPT:]:
            self._append_sample(it, text)
        for record in history.selfplay_examples[-EXAMPLES_KEPT:]:
            self.examples.add(record)
        self.selfplay.set_trained(history.trained_iter)
        last = history.last_step
        self._show_position(last["iter"] if last else history.trained_iter, self.target.value())
        if last:
            self.stats["loss"].setText(fmt.decimal(last["loss"], 4))
            self.stats["elapsed"].setText(fmt.duration(last["elapsed_s"]))
        if len(history.val_loss):
            self.stats["val"].setText(fmt.decimal(history.val_loss[-1], 4))
        self._update_controls()

    def _show_selfplay_config(self) -> None:
        """The open model's last used self-play settings (defaults for a draft or a damaged selfplay.json)."""
        md = self.session.md
        try:
            cfg = md.selfplay_config() if md is not None else SelfPlayConfig()
        except ConfigError as e:
            self.session.messages.error(e)
            cfg = SelfPlayConfig()
        self.selfplay.show_config(cfg)

    # ---- steering ---------------------------------------------------------------------------------------------
    @Slot()
    def start_or_resume(self) -> None:
        if self.run is not None and self.run.state == "paused":
            self.run.resume()
            return
        if self.session.training or self.session.busy:
            return
        try:
            cfg = self.config()
            selfplay = self.selfplay.config()
        except ConfigError as e:
            self.session.messages.error(e)
            return
        self.session.start_training(cfg, selfplay, self.devices())
        self._update_controls()

    def devices(self) -> int:
        """How many GPUs the next Start trains on."""
        return self.gpus.value() if self.gpu_count > 1 and self._one_gpu_only() is None else 1

    def _one_gpu_only(self) -> str | None:
        """Why the run must stay on one GPU, or None."""
        if sys.platform in ("win32", "darwin"):
            return self.tr(
                "Training on several GPUs needs Linux: PyTorch's distributed training is not dependable on Windows"
                " and macOS. Training uses one GPU."
            )
        if self.selfplay.use.isChecked():
            return self.tr("Self-play trains on one GPU; turn it off to train on several.")
        return None

    @Slot(int)
    def _gpus_chosen(self, n: int) -> None:
        self.session.settings.gpus = n

    @Slot()
    def pause(self) -> None:
        if self.run is not None and self.run.state == "running":
            self.run.pause()

    @Slot()
    def toggle_pause(self) -> None:
        if self.run is not None and self.run.state == "paused":
            self.run.resume()
        else:
            self.pause()

    @Slot()
    def stop(self) -> None:
        if self.run is not None and self.run.active:
            self.run.stop()

    @Slot(object)
    def _attach(self, run: TrainingRun) -> None:
        self.run = run
        self._outcome = ""
        run.event.connect(self._on_event)
        run.stateChanged.connect(self._update_controls)
        run.ended.connect(self._update_controls)
        self._update_controls()

    @Slot()
    def _update_controls(self) -> None:
        state = self.run.state if self.run is not None and self.run.active else "idle"
        busy = self.session.busy
        elsewhere = self.follower.writer
        idle = state == "idle" and not busy and elsewhere is None
        has_history = self.plots.train.n > 0
        self.start_button.setText(
            self.tr("Resume") if state == "paused" else self.tr("Continue") if has_history else self.tr("Start")
        )
        self.start_button.setEnabled(
            (idle and (self.session.md is not None or bool(self.session.books))) or state == "paused"
        )
        self.pause_button.setEnabled(state == "running")
        self.stop_button.setEnabled(state in ("preparing", "running", "paused"))
        for w in self.settings_widgets:
            w.setEnabled(idle)
        one_only = self._one_gpu_only()
        self.gpus.setEnabled(idle and one_only is None)
        self.gpus.setToolTip(
            one_only or self.tr("How many GPUs train the model together: the same training as on one, sooner.")
        )
        self.selfplay.set_editable(idle)
        self.target.setEnabled(state != "stopping" and not busy and elsewhere is None)
        texts = {
            "idle": self._outcome or self.tr("Ready.")
            if self.session.md or self.session.books
            else self.tr("Add books on the Data page, then press Start."),
            "preparing": self.tr("Preparing: tokenising the books and loading the checkpoint…"),
            "running": self.tr("Training."),
            "paused": self.tr("Paused (everything is kept in memory)."),
            "stopping": self.tr("Stopping: saving a checkpoint…"),
        }
        if elsewhere is not None and state == "idle":
            texts["idle"] = fill(self.tr("In use by another program: %1. The plots follow it."), core_text(elsewhere))
        self.state_label.setText(self.tr("Creating the model: training the tokenizer…") if busy else texts[state])

    # ---- events -----------------------------------------------------------------------------------------------
    @Slot(object)
    def _on_event(self, e: ev.Event) -> None:
        if isinstance(e, ev.Step):
            self._last_step = e
            self.plots.add_step(e.iter, e.loss, e.lr, e.tokens_per_s)
        elif isinstance(e, ev.Eval):
            self._val = fmt.decimal(e.val_loss, 4)
            self.plots.add_eval(e.iter, e.val_loss)
            self._log(
                fill(
                    self.tr("iteration %1: validation loss %2, %3 bits per byte"),
                    e.iter,
                    fmt.decimal(e.val_loss, 4),
                    fmt.decimal(e.bits_per_byte, 3),
                )
            )
        elif isinstance(e, ev.Sample):
            self._append_sample(e.iter, e.prompt + e.text)
        elif isinstance(e, ev.Started):
            self._started(e)
        elif isinstance(e, (ev.SelfPlayStep, ev.SelfPlayEval)):
            self.plots.add_selfplay(e.record())
        elif isinstance(e, ev.SelfPlayExample):
            self.examples.add(e.record())
        elif isinstance(e, ev.CheckpointSaved):
            self._trained_iter = e.iter
            self.selfplay.set_trained(e.iter)
            self._log(fill(self.tr("iteration %1: checkpoint saved (%2)"), e.iter, e.path))
        elif isinstance(e, ev.TargetChanged):
            self.schedule.knots = list(e.lr_plan)
            self.plots.set_plan(self.schedule.knots)
            self.progress.setRange(0, max(1, e.new))
            if e.new != e.old:  # else only the learning-rate plan changed (a cool-down within the target)
                self._log(fill(self.tr("target changed from %1 to %2"), e.old, e.new))
            if self.target.value() != e.new:  # the trainer moved it (cooling down early): the form follows
                self.show_config(self.config().replace(iters=e.new))
        elif isinstance(e, ev.Paused):
            self._log(fill(self.tr("paused at iteration %1"), e.iter))
        elif isinstance(e, ev.Resumed):
            self._log(fill(self.tr("resumed at iteration %1"), e.iter))
        elif isinstance(e, ev.Finished):
            self._finished(e)

    def _finished(self, e: ev.Finished) -> None:
        done = {
            "target_reached": self.tr("reached the target"),
            "rolled_back": self.tr("self-play stopped and rolled back"),
            "no_improvement": self.tr("stopped early: validation loss no longer improved"),
        }.get(e.reason, self.tr("stopped"))
        self._log(fill(self.tr("%1 at iteration %2"), done, e.iter))
        self._refresh_labels()  # the last step's figures, then no time left
        self.stats["eta"].setText("–")
        self._outcome = fill(
            {
                "target_reached": self.tr("Finished at iteration %1: the target is reached and saved."),
                "rolled_back": self.tr("Self-play stopped at iteration %1 and went back to its best weights."),
                "no_improvement": self.tr(
                    "Stopped early at iteration %1: validation loss no longer improved. The best checkpoint is kept"
                    " for Generate and Export."
                ),
            }.get(e.reason, self.tr("Stopped at iteration %1 and saved; Continue goes on from there.")),
            e.iter,
        )
        if e.reason == "rolled_back":  # the warning just before says which guard fired
            self.session.messages.warning(
                fill(
                    self.tr(
                        "Self-play stopped at iteration %1 because the model began to drift away from its books, and "
                        "it went back to its best evaluated weights. The log says what was measured; a lower "
                        "self-play learning rate or a higher KL weight makes this less likely."
                    ),
                    e.iter,
                )
            )

    def _started(self, e: ev.Started) -> None:
        self.plots.truncate(e.iter)  # the trainer dropped history after the checkpoint it resumed from
        self.examples.truncate(e.iter)
        self.selfplay.set_trained(e.iter)
        if self.run.selfplay is not None:  # show what this run is about
            self.plots.show_selfplay()
            self.bottom_tabs.setCurrentWidget(self.examples)
        cfg = self.run.cfg
        self.schedule = LRSchedule(cfg.lr, cfg.min_lr_frac, cfg.warmup, cfg.decay_frac, list(e.lr_plan))
        self.plots.set_plan(self.schedule.knots)
        self.progress.setRange(0, max(1, e.target))
        how = fill(self.tr("resuming at iteration %1"), e.iter) if e.resumed else self.tr("starting")
        self._log(
            fill(
                self.tr("%1: target %2, %3 parameters, %4 (%5, %n thread(s))", "", e.threads),
                how,
                e.target,
                fmt.integer(e.params),
                e.device,
                e.precision,
            )
        )

    @Slot()
    def _refresh_labels(self) -> None:
        e = self._last_step
        if e is None or e is self._shown_step:
            return
        self._shown_step = e
        self._show_position(e.iter, e.target)
        self.stats["loss"].setText(fmt.decimal(e.loss, 4))
        self.stats["val"].setText(self._val or "–")
        self.stats["speed"].setText(fmt.integer(round(e.tokens_per_s)))
        self.stats["elapsed"].setText(fmt.duration(e.elapsed_s))
        self.stats["eta"].setText(fmt.duration(e.eta_s))

    @Slot(bool)
    def _log_scale_toggled(self, on: bool) -> None:
        self.session.settings.log_scale = on

    @Slot(str, int, int)
    def _progress(self, stage: str, done: int, total: int) -> None:
        if total:
            show_preparation(self.progress, stage, done, total)
        else:  # the preparation ended without a result (creating the model failed)
            self._show_position(self._trained_iter, self.target.value())

    def _append_sample(self, it: int, text: str) -> None:
        self.samples.appendPlainText(fill(self.tr("— iteration %1 —"), it) + "\n" + text.strip() + "\n")

    def _log(self, text: str) -> None:
        self.log.appendPlainText(text)

    @Slot(str, str)
    def _log_message(self, level: str, text: str) -> None:
        self._log(f"{level}: {text}")
