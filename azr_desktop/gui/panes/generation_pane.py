"""The Generation page: a prompt, the sampling knobs, a checkpoint, and text that streams in token by token."""

from __future__ import annotations

import secrets
import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from azr_desktop.core import events as ev
from azr_desktop.core import library
from azr_desktop.core.checkpoint import list_checkpoints, read_best
from azr_desktop.core.config import SampleConfig
from azr_desktop.core.errors import ConfigError
from azr_desktop.core.fsutil import atomic_write_text
from azr_desktop.core.inference import Trained
from azr_desktop.gui import fmt
from azr_desktop.gui.compare_generation import Source
from azr_desktop.gui.generation import load_model, stream_text
from azr_desktop.gui.i18n import core_text, fill
from azr_desktop.gui.panes.side_by_side import SideBySideDialog
from azr_desktop.gui.session import ModelSession
from azr_desktop.gui.widgets import page_title
from azr_desktop.gui.workers import TrainingRun, run_task


def _double(lo: float, hi: float, step: float, value: float, decimals: int = 2) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(lo, hi)
    spin.setSingleStep(step)
    spin.setDecimals(decimals)
    spin.setValue(value)
    return spin


class GenerationPane(QWidget):
    generationFinished = Signal()

    def __init__(self, session: ModelSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._trained: Trained | None = None
        self._trained_key: tuple | None = None
        self._stop = threading.Event()
        self.generating = False
        self.seed_used: int | None = None  # the seed of the text shown, drawn by us when the field says "random"

        self.prompt = QPlainTextEdit()
        self.prompt.setPlaceholderText(
            self.tr("Type the beginning of a text, or leave this empty to let the model start on its own.")
        )
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        self.output.setPlaceholderText(self.tr("The model's text appears here as it is written."))
        texts = QSplitter(Qt.Orientation.Vertical)
        for label, widget in ((self.tr("Prompt"), self.prompt), (self.tr("Output"), self.output)):
            box = QWidget()
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 0)
            col.addWidget(QLabel(label))
            col.addWidget(widget)
            texts.addWidget(box)
        texts.setSizes([150, 450])

        defaults = SampleConfig()
        self.checkpoint = QComboBox()
        self.checkpoint.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.temperature = _double(0.0, 5.0, 0.05, defaults.temperature)
        self.temperature.setToolTip(
            self.tr("Lower is safer and more repetitive, higher is wilder. 0 always picks the likeliest token.")
        )
        self.top_k = QSpinBox()
        self.top_k.setRange(0, 1_000_000)
        self.top_k.setSpecialValueText(self.tr("off"))
        self.top_k.setValue(defaults.top_k)
        self.top_k.setToolTip(self.tr("Only the k likeliest tokens can be picked."))
        self.top_p = _double(0.01, 1.0, 0.05, defaults.top_p)
        self.top_p.setToolTip(
            self.tr("Only the likeliest tokens that together make up this probability can be picked.")
        )
        self.repetition = _double(0.5, 3.0, 0.05, defaults.repetition_penalty)
        self.repetition.setToolTip(self.tr("Above 1 discourages repeating tokens already in the text."))
        self.max_tokens = QSpinBox()
        self.max_tokens.setRange(1, 100_000)
        self.max_tokens.setValue(defaults.max_new_tokens)
        self.seed = QSpinBox()
        self.seed.setRange(-1, 2**31 - 1)
        self.seed.setSpecialValueText(self.tr("random"))
        self.seed.setValue(-1)
        form = QFormLayout()
        form.addRow(QLabel(self.tr("Checkpoint")))
        form.addRow(self.checkpoint)  # the whole width: "Newest (iteration 12 345)" is long in some languages
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Top-k"), self.top_k)
        form.addRow(self.tr("Top-p"), self.top_p)
        form.addRow(self.tr("Repetition penalty"), self.repetition)
        form.addRow(self.tr("Maximum length (tokens)"), self.max_tokens)
        form.addRow(self.tr("Seed"), self.seed)
        knobs = QGroupBox(self.tr("Sampling"))
        knobs.setLayout(form)

        self.generate_button = QPushButton(self.tr("Generate"))
        self.generate_button.setToolTip(self.tr("Ctrl+Enter"))
        self.generate_button.clicked.connect(self.generate)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy)
        self.save_button = QPushButton(self.tr("Save…"))
        self.save_button.clicked.connect(self.save)
        self.output.textChanged.connect(self._output_changed)
        self._output_changed()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.keep_seed = QPushButton(self.tr("Keep this seed"))
        self.keep_seed.setToolTip(self.tr("Put the seed of this text into the Seed field, to write it again."))
        self.keep_seed.clicked.connect(lambda: self.seed.setValue(self.seed_used))
        self.keep_seed.hide()
        self.side_by_side_button = QPushButton(self.tr("Side by side…"))
        self.side_by_side_button.setToolTip(
            self.tr("The same prompt and seed written by several checkpoints or models, in columns.")
        )
        self.side_by_side_button.clicked.connect(self.open_side_by_side)
        self.side_by_side: SideBySideDialog | None = None  # made when first asked for
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        row1.addWidget(self.generate_button)
        row1.addWidget(self.stop_button)
        row2.addWidget(self.copy_button)
        row2.addWidget(self.save_button)
        side = QVBoxLayout()
        side.addWidget(knobs)
        side.addLayout(row1)
        side.addLayout(row2)
        side.addWidget(self.side_by_side_button)
        side.addWidget(self.status)
        side.addWidget(self.keep_seed, 0, Qt.AlignmentFlag.AlignLeft)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMaximumWidth(380)

        body = QHBoxLayout()
        body.addWidget(texts, 1)
        body.addWidget(side_widget)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("Generate")))
        layout.addLayout(body, 1)

        session.modelChanged.connect(self.refresh_checkpoints)
        session.runStarted.connect(self._attach)
        self.refresh_checkpoints()

    # ---- checkpoints ------------------------------------------------------------------------------------------
    @Slot()
    def refresh_checkpoints(self) -> None:
        md = self.session.md
        chosen = self.checkpoint.currentData()
        self.checkpoint.clear()
        ckpts = list_checkpoints(md.checkpoints_dir) if md else []
        self.side_by_side_button.setEnabled(bool(ckpts))
        if ckpts:
            self.checkpoint.addItem(fill(self.tr("Newest (iteration %1)"), ckpts[-1].iter), None)
            best = read_best(md.checkpoints_dir)
            if best is not None:
                text = fill(self.tr("Best (iteration %1, val %2)"), best.iter, fmt.decimal(best.val_loss, 4))
                self.checkpoint.addItem(text, "best")
            for c in reversed(ckpts):
                self.checkpoint.addItem(fill(self.tr("Iteration %1"), c.iter), c.iter)
        index = self.checkpoint.findData(chosen)
        self.checkpoint.setCurrentIndex(max(0, index))
        self._update_controls()

    @Slot(object)
    def _attach(self, run: TrainingRun) -> None:
        run.event.connect(self._on_training_event)

    @Slot(object)
    def _on_training_event(self, event: ev.Event) -> None:
        if isinstance(event, ev.CheckpointSaved):
            self.refresh_checkpoints()

    def showEvent(self, event) -> None:
        self.refresh_checkpoints()
        super().showEvent(event)

    # ---- generating -------------------------------------------------------------------------------------------
    def sample_config(self) -> SampleConfig:
        """The knobs; a "random" seed is drawn here, within the Seed field's range, so that it can be shown and
        typed in again to write the same text."""
        return SampleConfig(
            max_new_tokens=self.max_tokens.value(),
            temperature=self.temperature.value(),
            top_k=self.top_k.value(),
            top_p=self.top_p.value(),
            repetition_penalty=self.repetition.value(),
            seed=self.seed.value() if self.seed.value() >= 0 else secrets.randbelow(self.seed.maximum() + 1),
        )

    @Slot()
    def generate(self) -> None:
        md = self.session.md
        if self.generating or md is None or self.checkpoint.count() == 0:
            return
        try:
            sc = self.sample_config()
        except ConfigError as e:
            self.session.messages.error(e)
            return
        chosen = self.checkpoint.currentData()
        if chosen == "best":  # the iteration it is now (a run may have found a better one since the list was filled)
            best = read_best(md.checkpoints_dir)
            chosen = best.iter if best is not None else chosen
        newest = list_checkpoints(md.checkpoints_dir)
        key = (str(md.path), chosen if chosen is not None else newest[-1].iter if newest else None)
        self._set_generating(True)
        self.seed_used = sc.seed
        self.keep_seed.hide()
        self.output.setPlainText(self.prompt.toPlainText())
        self._stop.clear()
        if self._trained is not None and self._trained_key == key:
            self._start_stream(sc)
            return
        self.status.setText(self.tr("Loading the model…"))
        run_task(
            self,
            lambda emit: load_model(md, chosen),
            on_done=lambda t: self._loaded(t, key, sc),
            on_failed=self._failed,
        )

    def _loaded(self, trained: Trained, key: tuple, sc: SampleConfig) -> None:
        self._trained, self._trained_key = trained, key
        for w in trained.warnings:
            self.session.messages.warning(core_text(w))
        if self._stop.is_set():
            self._finished(None)
            return
        self._start_stream(sc)

    def _start_stream(self, sc: SampleConfig) -> None:
        trained, prompt, stop = self._trained, self.prompt.toPlainText(), self._stop
        self.status.setText(fill(self.tr("Writing with the model at iteration %1…"), trained.iter))
        run_task(
            self,
            lambda emit: stream_text(trained, prompt, sc, stop),
            on_item=self._append,
            on_done=self._finished,
            on_failed=self._failed,
        )

    @Slot(object)
    def _append(self, piece: str | ev.Notice) -> None:
        if isinstance(piece, ev.Notice):
            self.session.messages.info(core_text(piece.message))
            return
        cursor = self.output.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(piece)
        self.output.setTextCursor(cursor)

    @Slot(object)
    def _finished(self, _result: object) -> None:
        self._set_generating(False)
        how = self.tr("Stopped.") if self._stop.is_set() else self.tr("Done.")
        self.status.setText(how + " " + fill(self.tr("Seed: %1."), self.seed_used))
        self.keep_seed.setVisible(self.seed.value() != self.seed_used)
        self.generationFinished.emit()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._set_generating(False)
        self.status.clear()
        self.session.messages.error(error)
        self.generationFinished.emit()

    @Slot()
    def stop(self) -> None:
        """Stop writing (the Stop button, and the window closing, which then waits for the workers: the side by
        side view's too, so that closing is quick)."""
        self._stop.set()
        if self.side_by_side is not None:
            self.side_by_side.stop()

    def _set_generating(self, on: bool) -> None:
        self.generating = on
        self._update_controls()

    def _update_controls(self) -> None:
        ready = self.session.md is not None and self.checkpoint.count() > 0
        self.generate_button.setEnabled(ready and not self.generating)
        self.stop_button.setEnabled(self.generating)
        self.checkpoint.setEnabled(not self.generating)
        hint = self.tr("Train the model first: generation needs a saved checkpoint.")
        if not ready and not self.generating:
            self.status.setText(hint)
        elif self.status.text() == hint:  # set while no trained model was open; it is one now
            self.status.clear()

    @Slot()
    def open_side_by_side(self) -> None:
        """Side by side generation: every saved checkpoint of the open model, first to newest (those two chosen),
        then the other trained models of the library at their newest (the library is read in a worker)."""
        md = self.session.md
        if md is None:
            return
        root = self.session.settings.library_dir
        run_task(
            self,
            lambda emit: (list_checkpoints(md.checkpoints_dir), library.scan(root)),
            on_done=lambda found: self._show_side_by_side(md.path, *found),
            on_failed=self.session.messages.error,
        )

    def _show_side_by_side(self, path: Path, ckpts: list, models: list[library.ModelSummary]) -> None:
        sources = [Source(path, c.iter, fill(self.tr("Iteration %1"), c.iter)) for c in ckpts]
        sources += [
            Source(m.path, None, fill(self.tr("%1 (iteration %2)"), m.name, m.iter))
            for m in models
            if m.path != path and m.iter > 0 and m.problem is None
        ]
        if self.side_by_side is not None:
            self.side_by_side.close()
        prompt, checked = self.prompt.toPlainText(), {0, len(ckpts) - 1}
        self.side_by_side = SideBySideDialog(self.session, sources, prompt, self.sample_config, checked, self)
        self.side_by_side.show()

    # ---- output -----------------------------------------------------------------------------------------------
    @Slot()
    def _output_changed(self) -> None:
        has_text = not self.output.document().isEmpty()  # constant time: this runs for every token streamed
        self.copy_button.setEnabled(has_text)
        self.save_button.setEnabled(has_text)

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.output.toPlainText())
        self.session.messages.info(self.tr("The text is on the clipboard."))

    @Slot()
    def save(self) -> None:
        settings = self.session.settings
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the text"), settings.folder("texts"), self.tr("Text files (*.txt)")
        )
        if not name:
            return
        path = Path(name)
        if not path.suffix:  # typed without one: a .txt, as the dialog's filter says
            path = path.with_suffix(".txt")
        settings.remember_folder("texts", path)
        try:
            atomic_write_text(path, self.output.toPlainText())
        except OSError as e:
            self.session.messages.error(e)
            return
        self.session.messages.info(fill(self.tr("Saved the text to %1."), path))
