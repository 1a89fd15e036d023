"""Side by side generation (issue 16): one prompt, one seed, the same sampling settings, several sources (the
checkpoints of one model, or several models), written in a worker into one column per source as they stream.
Copy or save them all as one text."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from azr_desktop.core import events as ev
from azr_desktop.core.config import SampleConfig
from azr_desktop.core.errors import ConfigError
from azr_desktop.core.fsutil import atomic_write_text
from azr_desktop.gui.compare_generation import Source, generate_each
from azr_desktop.gui.i18n import core_text, fill
from azr_desktop.gui.session import ModelSession
from azr_desktop.gui.widgets import ElidedLabel
from azr_desktop.gui.workers import run_task


class SideBySideDialog(QDialog):
    """``sources`` are offered, those at the indexes in ``checked`` ticked; ``sample_config`` gives the settings
    (and the seed) when Generate is pressed."""

    def __init__(
        self,
        session: ModelSession,
        sources: list[Source],
        prompt: str,
        sample_config: Callable[[], SampleConfig],
        checked: set[int],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.sources = sources
        self.sample_config = sample_config
        self.setWindowTitle(self.tr("Side by side"))
        self._stop = threading.Event()
        self.generating = False
        self.seed_used: int | None = None
        self.columns: list[tuple[Source, QPlainTextEdit]] = []

        self.choice = QListWidget()
        for i, source in enumerate(sources):
            item = QListWidgetItem(source.label)
            item.setToolTip(source.label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if i in checked else Qt.CheckState.Unchecked)
            self.choice.addItem(item)
        self.choice.setMaximumWidth(260)
        self.choice.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # long names: cut, whole in the tooltip
        self.choice.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.prompt = QPlainTextEdit(prompt)
        self.prompt.setMaximumHeight(80)
        self.generate_button = QPushButton(self.tr("Generate"))
        self.generate_button.clicked.connect(self.generate)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop)
        self.copy_button = QPushButton(self.tr("Copy all"))
        self.copy_button.clicked.connect(self.copy)
        self.save_button = QPushButton(self.tr("Save all…"))
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        buttons = QHBoxLayout()
        for button in (self.generate_button, self.stop_button, self.copy_button, self.save_button):
            buttons.addWidget(button)
        buttons.addWidget(self.status, 1)
        self.board = QSplitter(Qt.Orientation.Horizontal)  # the columns
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Sources")))
        side.addWidget(self.choice, 1)
        main = QVBoxLayout()
        main.addWidget(QLabel(self.tr("Prompt (the same for every source)")))
        main.addWidget(self.prompt)
        main.addLayout(buttons)
        main.addWidget(self.board, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(side)
        layout.addLayout(main, 1)
        self.resize(1200, 720)
        self._update_controls()

    def chosen(self) -> list[Source]:
        return [s for i, s in enumerate(self.sources) if self.choice.item(i).checkState() == Qt.CheckState.Checked]

    @Slot()
    def generate(self) -> None:
        sources = self.chosen()
        if self.generating or not sources:
            return
        try:
            sc = self.sample_config()  # one seed for all: drawn once here when the Seed field says random
        except ConfigError as e:
            self.session.messages.error(e)
            return
        self.seed_used = sc.seed
        prompt = self.prompt.toPlainText()
        while self.board.count():
            self.board.widget(0).deleteLater()
            self.board.widget(0).setParent(None)
        self.columns = []
        for source in sources:
            box = QWidget()
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 0)
            title = ElidedLabel()
            title.setText(source.label)
            text = QPlainTextEdit(prompt)
            text.setReadOnly(True)
            col.addWidget(title)
            col.addWidget(text, 1)
            self.board.addWidget(box)
            self.columns.append((source, text))
        self.board.setSizes([1000] * len(sources))  # columns of one width, whatever their titles
        self._stop.clear()
        self.generating = True
        self._update_controls()
        self.status.setText(fill(self.tr("Writing with %1 sources, seed %2…"), len(sources), sc.seed))
        stop = self._stop
        run_task(
            self,
            lambda emit: generate_each(sources, prompt, sc, stop),
            on_item=self._append,
            on_done=self._finished,
            on_failed=self._failed,
        )

    @Slot(object)
    def _append(self, item: tuple[int, str | ev.Notice]) -> None:
        index, piece = item
        if isinstance(piece, ev.Notice):
            self.session.messages.info(core_text(piece.message))
            return
        text = self.columns[index][1]
        cursor = text.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(piece)
        text.setTextCursor(cursor)

    @Slot(object)
    def _finished(self, _result: object) -> None:
        self.generating = False
        how = self.tr("Stopped.") if self._stop.is_set() else self.tr("Done.")
        self.status.setText(how + " " + fill(self.tr("Seed: %1."), self.seed_used))
        self._update_controls()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self.generating = False
        self.status.clear()
        self._update_controls()
        self.session.messages.error(error)

    def _update_controls(self) -> None:
        self.generate_button.setEnabled(not self.generating)
        self.stop_button.setEnabled(self.generating)
        self.copy_button.setEnabled(bool(self.columns) and not self.generating)
        self.save_button.setEnabled(bool(self.columns) and not self.generating)

    def texts(self) -> list[str]:
        return [text.toPlainText() for _, text in self.columns]

    def as_one_text(self) -> str:
        """Every column in one text: the seed, then a heading per source."""
        parts = [fill(self.tr("Seed: %1."), self.seed_used)]
        parts += [f"=== {source.label} ===\n{text.toPlainText()}" for source, text in self.columns]
        return "\n\n".join(parts) + "\n"

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.as_one_text())
        self.session.messages.info(self.tr("The texts are on the clipboard."))

    @Slot()
    def save(self) -> None:
        settings = self.session.settings
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the texts"), settings.folder("texts"), self.tr("Text files (*.txt)")
        )
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".txt")
        settings.remember_folder("texts", path)
        try:
            atomic_write_text(path, self.as_one_text())
        except OSError as e:
            self.session.messages.error(e)
            return
        self.session.messages.info(fill(self.tr("Saved the texts to %1."), path))

    @Slot()
    def stop(self) -> None:
        self._stop.set()  # the worker ends at its next token

    def closeEvent(self, event) -> None:
        self.stop()
        super().closeEvent(event)
