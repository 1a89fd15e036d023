"""The Models page: every model in the library folder, and what can be done with one. With no models yet it
shows the welcome, which trains a tiny model on a bundled book in one click."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from azr_desktop.core import library
from azr_desktop.core.export import ExportResult, export_model
from azr_desktop.core.library import ModelSummary
from azr_desktop.gui import fmt
from azr_desktop.gui.follow import WriterWatch
from azr_desktop.gui.i18n import core_text, fill
from azr_desktop.gui.panes.compare_pane import CompareDialog
from azr_desktop.gui.session import ModelSession
from azr_desktop.gui.widgets import ElidedLabel, page_title
from azr_desktop.gui.workers import run_task


class Welcome(QWidget):
    sampleRequested = Signal()
    newRequested = Signal()
    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        title = page_title(self.tr("Welcome to AZR Desktop"))
        text = QLabel(
            self.tr(
                "Train your own small language model on books, on this computer. It learns to write like the books"
                " you give it.\n\nNever trained a model? Start with a tiny one on a bundled Shakespeare sample: the"
                " first plot moves within a minute, and you can pause, stop and continue at any time."
            )
        )
        text.setWordWrap(True)
        sample = QPushButton(self.tr("Train a tiny model on a sample book"))
        sample.setDefault(True)
        sample.setMinimumHeight(40)
        sample.clicked.connect(self.sampleRequested)
        own = QPushButton(self.tr("Create my own model"))
        own.setMinimumHeight(40)
        own.clicked.connect(self.newRequested)
        received = QPushButton(self.tr("Import a model file…"))
        received.setMinimumHeight(40)
        received.clicked.connect(self.importRequested)
        buttons = QGridLayout()  # the first choice on a row of its own: the three side by side are too wide in Russian
        buttons.addWidget(sample, 0, 0, 1, 2)
        buttons.addWidget(own, 1, 0)
        buttons.addWidget(received, 1, 1)
        box = QVBoxLayout()
        box.addWidget(title)
        box.addWidget(text)
        box.addSpacing(12)
        box.addLayout(buttons)
        inner = QWidget()
        inner.setLayout(box)
        inner.setFixedWidth(640)  # a fixed width lets the wrapped text take the height it needs
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(inner)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)


class LibraryPane(QWidget):
    openRequested = Signal(Path)
    newRequested = Signal()
    sampleRequested = Signal()
    scanned = Signal()
    exported = Signal(object)  # the core's ExportResult
    imported = Signal(object)  # the ModelSummary of the new model

    def __init__(self, session: ModelSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.models: list[ModelSummary] = []
        self.comparison: CompareDialog | None = None  # the Compare view, made when first asked for

        self.welcome = Welcome()
        self.welcome.sampleRequested.connect(self.sampleRequested)
        self.welcome.newRequested.connect(self.newRequested)
        self.welcome.importRequested.connect(self.choose_import)

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Size"),
                self.tr("Parameters"),
                self.tr("Iteration / target"),
                self.tr("Last trained"),
                self.tr("Best val loss"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # two or more: Compare
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 6):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellDoubleClicked.connect(self._open_row)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.buttons = {}
        bar = QHBoxLayout()
        for key, label, slot in (
            ("new", self.tr("New model"), self.newRequested.emit),
            ("import", self.tr("Import…"), self.choose_import),
            ("open", self.tr("Open"), self.open_selected),
            ("rename", self.tr("Rename…"), self.rename_selected),
            ("duplicate", self.tr("Duplicate"), self.duplicate_selected),
            ("export", self.tr("Export…"), self.export_selected),
            ("delete", self.tr("Delete…"), self.delete_selected),
            ("compare", self.tr("Compare"), self.compare_selected),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[key] = button
        bar.addStretch(1)
        self.folder = ElidedLabel()  # a long path must not widen the window
        change = QPushButton(self.tr("Change folder…"))
        change.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(change)

        listing = QWidget()
        col = QVBoxLayout(listing)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(bar)
        col.addWidget(self.table, 1)
        col.addLayout(folder_row)
        self.stack = QStackedWidget()
        self.stack.addWidget(listing)
        self.stack.addWidget(self.welcome)

        layout = QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("Models")))
        layout.addWidget(self.stack, 1)
        self.watch = WriterWatch(self)  # models other programs write: shown as in use, listed again when done
        self.watch.changed.connect(self.refresh)
        self.refresh()

    # ---- listing ----------------------------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        root = self.session.settings.library_dir
        self.folder.setText(fill(self.tr("Library: %1"), root))
        run_task(self, lambda emit: library.scan(root), on_done=self._fill, on_failed=self.session.messages.error)

    @Slot(object)
    def _fill(self, models: list[ModelSummary]) -> None:
        self.models = models
        self.watch.paths = [m.path for m in models]
        self.stack.setCurrentIndex(0 if models else 1)
        self.table.setRowCount(len(models))
        for r, m in enumerate(models):
            when = (
                dt.datetime.fromtimestamp(m.last_trained).strftime("%Y-%m-%d %H:%M")
                if m.last_trained
                else self.tr("never")
            )
            # the app's own run on several GPUs writes from processes of its own: not another program
            elsewhere = None if self._is_training(m) else self.watch.writers.get(m.path)
            cells = (
                fill(self.tr("%1 (in use)"), m.name) if elsewhere else m.name,
                fmt.size(m.size_bytes),
                fmt.count(m.params) if m.params else "–",
                f"{fmt.integer(m.iter)} / {fmt.integer(m.target)}" if not m.problem else "–",
                when,
                fmt.decimal(m.best_val_loss, 3) if m.best_val_loss is not None else "–",
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                why = elsewhere or m.problem
                item.setToolTip(core_text(why) if why else str(m.path))
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self._update_buttons()
        self.scanned.emit()

    def selected(self) -> ModelSummary | None:
        """The one model selected; None when none is, or several are (only Compare takes several)."""
        rows = self.selected_rows()
        return self.models[rows[0]] if len(rows) == 1 else None

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectedIndexes()})

    def _update_buttons(self) -> None:
        chosen = self.selected()
        for key in ("open", "rename", "duplicate", "delete"):
            self.buttons[key].setEnabled(chosen is not None)
        self.buttons["export"].setEnabled(chosen is not None and chosen.iter > 0)
        self.buttons["compare"].setEnabled(len(self.selected_rows()) >= 2)
        self.buttons["compare"].setToolTip(self.tr("Select two or more models (Ctrl+click) to compare them."))
        if chosen is not None and (self._is_training(chosen) or chosen.path in self.watch.writers):
            for key in ("rename", "delete"):
                self.buttons[key].setEnabled(False)

    def _is_training(self, m: ModelSummary) -> bool:
        return self.session.training and self.session.md is not None and self.session.md.path == m.path

    # ---- actions ----------------------------------------------------------------------------------------------
    @Slot(int, int)
    def _open_row(self, row: int, _col: int) -> None:
        self.openRequested.emit(self.models[row].path)

    @Slot()
    def open_selected(self) -> None:
        if (m := self.selected()) is not None:
            self.openRequested.emit(m.path)

    @Slot()
    def compare_selected(self) -> None:
        """Open the Compare view on the selected models, in the list's order (their colours follow it)."""
        paths = [self.models[r].path for r in self.selected_rows()]
        if len(paths) < 2:
            return
        if self.comparison is None:
            self.comparison = CompareDialog(self.session, self)
        self.comparison.show_models(paths)

    @Slot()
    def rename_selected(self) -> None:
        m = self.selected()
        if m is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename model"), self.tr("New name:"), text=m.name)
        if ok and name.strip():
            self._file_op(lambda: library.rename(m.path, name), m)

    @Slot()
    def duplicate_selected(self) -> None:
        m = self.selected()
        if m is not None:
            self._file_op(lambda: library.duplicate(m.path))

    @Slot()
    def delete_selected(self) -> None:
        m = self.selected()
        if m is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete model"),
            fill(self.tr("Delete %1 with all its checkpoints and history? This cannot be undone."), m.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            if self.session.md is not None and self.session.md.path == m.path:
                self.session.new_draft()
            self._file_op(lambda: library.delete(m.path))

    @Slot()
    def export_selected(self) -> None:
        m = self.selected()
        if m is None:
            return
        formats = {
            self.tr("PyTorch file (.pt)"): ("pt", ".pt"),
            self.tr("safetensors file (.safetensors)"): ("safetensors", ".safetensors"),
            self.tr("Hugging Face folder (transformers)"): ("hf", "-hf"),
            self.tr("GGUF file (llama.cpp)"): ("gguf", ".gguf"),
        }
        label, ok = QInputDialog.getItem(self, self.tr("Export model"), self.tr("Format:"), list(formats), 0, False)
        if not ok:
            return
        kind, suffix = formats[label]
        step = None
        if m.best is not None and m.best.iter != m.iter:
            steps = {
                fill(self.tr("Newest (iteration %1)"), m.iter): None,
                fill(self.tr("Best (iteration %1, val %2)"), m.best.iter, fmt.decimal(m.best.val_loss, 4)): m.best.iter,
            }
            title, question = self.tr("Export model"), self.tr("Checkpoint:")
            label, ok = QInputDialog.getItem(self, title, question, list(steps), 0, False)
            if not ok:
                return
            step = steps[label]
        settings = self.session.settings
        out, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export model"), str(Path(settings.folder("models")) / (library.slug(m.name) + suffix))
        )
        if out:
            settings.remember_folder("models", out)
            self.export(m.path, kind, Path(out), step)

    def export(self, path: Path, fmt: str, out: Path, step: int | None = None) -> None:
        """Export checkpoint ``step`` (None: the newest) in a worker; the file dialog has already asked before
        replacing ``out``."""
        run_task(
            self,
            lambda emit: export_model(path, fmt, out, step=step, force=True),
            on_done=self._exported,
            on_failed=self.session.messages.error,
        )

    @Slot(object)
    def _exported(self, result: ExportResult) -> None:
        self.session.messages.succeeded(
            fill(self.tr("Exported iteration %1 to %2 (%3)."), result.iter, result.path, fmt.size(result.size_bytes))
        )
        self.exported.emit(result)

    @Slot()
    def choose_import(self) -> None:
        settings = self.session.settings
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import model"), settings.folder("models"), self.tr("Model files (*.pt *.safetensors)")
        )
        if names:
            settings.remember_folder("models", names[0])
        self.import_files([Path(n) for n in names])

    def import_files(self, paths: list[Path]) -> None:
        """Import model files exported by AZR Desktop in a worker (a big one takes a while), then list again."""
        if not paths:
            return
        self.session.messages.info(fill(self.tr("Importing %1…"), ", ".join(p.name for p in paths)))
        root = self.session.settings.library_dir
        run_task(
            self,
            lambda emit: library.import_files(paths, root),
            on_item=self._imported,
            on_done=lambda _: self.refresh(),
            on_failed=self.session.messages.error,
        )

    @Slot(object)
    def _imported(self, item: ModelSummary | BaseException) -> None:
        if isinstance(item, BaseException):
            self.session.messages.error(item)
            return
        self.session.messages.info(
            fill(
                self.tr("Imported %1 at iteration %2. Add books on the Data page to train it further."),
                item.name,
                item.iter,
            )
        )
        self.imported.emit(item)

    def _file_op(self, op, renamed: ModelSummary | None = None) -> None:
        """Copying and deleting can take a while for big models: run them in a worker, then list again."""

        def done(result: object) -> None:
            if renamed is not None and self.session.md is not None and self.session.md.path == renamed.path:
                self.session.renamed(result)
            self.refresh()

        run_task(self, lambda emit: op(), on_done=done, on_failed=self.session.messages.error)

    @Slot()
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Library folder"), str(self.session.settings.library_dir)
        )
        if folder:
            self.session.settings.library_dir = Path(folder)
            self.refresh()
