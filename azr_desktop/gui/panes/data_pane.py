"""The Data page: the books a model learns from, dropped in or chosen, checked one by one in a worker, and the
tokenizer trained on them with a view of how it splits a sentence."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from azr_desktop.core.book_rows import BookRow, Rejected, inspect_paths
from azr_desktop.core.tokenizer import BookTokenizer
from azr_desktop.gui import fmt
from azr_desktop.gui.i18n import core_text, fill
from azr_desktop.gui.session import ModelSession
from azr_desktop.gui.widgets import page_title, show_preparation
from azr_desktop.gui.workers import run_task

_LIGHT_TOKENS = ("#ffe0b2", "#c8e6c9", "#bbdefb", "#f8bbd0", "#d1c4e9", "#fff9c4")
_DARK_TOKENS = ("#6d4c2f", "#2f5d3a", "#2d4f73", "#6b3550", "#4a3f6b", "#5f5a2a")


def dropped_paths(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    mime = event.mimeData()
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []


def token_html(tokenizer: BookTokenizer, text: str, dark: bool) -> tuple[str, int]:
    """The text with each token on its own background colour, and the number of tokens."""
    encoding = tokenizer.tok.encode(text)
    colors = _DARK_TOKENS if dark else _LIGHT_TOKENS
    parts, shown = [], 0
    for i, (start, end) in enumerate(encoding.offsets):
        start = max(start, shown)  # byte-level tokens inside one character share its offsets
        if end <= start:
            continue
        piece = html.escape(text[start:end]).replace(" ", "&nbsp;").replace("\n", "↵<br>")
        parts.append(f'<span style="background:{colors[i % len(colors)]}">{piece}</span>')
        shown = end
    return "".join(parts), len(encoding.ids)


class DataPane(QWidget):
    inspecting = Signal(bool)

    def __init__(self, session: ModelSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.pending = 0  # book checks running
        self._tokenizer: BookTokenizer | None = None

        hint = QLabel(
            self.tr(
                "Drop .txt books or folders of them anywhere on this window, or choose them. Any language and encoding will do."  # noqa: E501 (one translated string)
            )
        )
        hint.setWordWrap(True)
        self.add_files = QPushButton(self.tr("Add books…"))
        self.add_files.clicked.connect(self.choose_files)
        self.add_folder = QPushButton(self.tr("Add a folder…"))
        self.add_folder.clicked.connect(self.choose_folder)
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for b in (self.add_files, self.add_folder, self.remove):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.summary = QLabel()
        buttons.addWidget(self.summary)

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Book"), self.tr("Size"), self.tr("Encoding"), self.tr("Characters"), self.tr("Tokens")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._show_preview)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText(self.tr("The start of the selected book appears here."))

        books_split = QSplitter(Qt.Orientation.Horizontal)
        books_split.addWidget(self.table)
        books_split.addWidget(self.preview)
        books_split.setSizes([600, 400])

        self.train_tokenizer = QPushButton(self.tr("Train the tokenizer"))
        self.train_tokenizer.setToolTip(
            self.tr("Creates the model in the library and trains its tokenizer on these books.")
        )
        self.train_tokenizer.clicked.connect(lambda: session.create(session.train_draft))
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.sample = QLineEdit(
            self.tr("The quick brown fox jumps over the lazy dog. Съешь же ещё этих мягких французских булок!")
        )
        self.sample.textChanged.connect(self._show_tokens)
        self.tokens = QTextBrowser()
        self.tokens.setMaximumHeight(90)
        self.compression = QLabel()
        tok_box = QGroupBox(self.tr("Tokenizer"))
        tok_layout = QVBoxLayout(tok_box)
        row = QHBoxLayout()
        row.addWidget(self.train_tokenizer)
        row.addWidget(self.progress, 1)
        tok_layout.addLayout(row)
        tok_layout.addWidget(QLabel(self.tr("Try a sentence: each colour is one token.")))
        tok_layout.addWidget(self.sample)
        tok_layout.addWidget(self.tokens)
        tok_layout.addWidget(self.compression)

        layout = QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("Data")))
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(books_split, 1)
        layout.addWidget(tok_box)

        session.booksChanged.connect(self._fill)
        session.modelChanged.connect(self._model_changed)
        session.progress.connect(self._progress)
        session.busyChanged.connect(self._busy)
        self._model_changed()

    # ---- adding books -----------------------------------------------------------------------------------------
    @Slot()
    def choose_files(self) -> None:
        settings = self.session.settings
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add books"), settings.folder("books"), self.tr("Text files (*.txt);;All files (*)")
        )
        if names:
            settings.remember_folder("books", names[0])
        self.add_paths([Path(n) for n in names])

    @Slot()
    def choose_folder(self) -> None:
        settings = self.session.settings
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of books"), settings.folder("books"))
        if folder:
            settings.remember_folder("books", folder)
            self.add_paths([Path(folder)])

    def add_paths(self, paths: list[Path]) -> None:
        """Check each file in a worker; good books are added as they come, the bad ones listed in one message at
        the end."""
        if not paths:
            return
        self.pending += 1
        self.inspecting.emit(True)
        added: list[BookRow] = []
        refused: list[str] = []
        run_task(
            self,
            lambda emit: inspect_paths(paths),
            on_item=lambda item: self._inspected(item, added, refused),
            on_done=lambda _: self._inspect_done(added, refused),
            on_failed=self._inspect_failed,
        )

    def _inspected(self, item: BookRow | Rejected, added: list[BookRow], refused: list[str]) -> None:
        if isinstance(item, Rejected):
            refused.append(core_text(item.error))
        elif self.session.add_book(item):
            added.append(item)

    def _inspect_done(self, added: list[BookRow], refused: list[str]) -> None:
        self.pending -= 1
        self.inspecting.emit(self.pending > 0)
        if len(refused) > 1:
            self.session.messages.error("\n".join([fill(self.tr("Not added (%1):"), len(refused)), *refused]))
        elif refused:
            self.session.messages.error(refused[0])
        elif added:
            self.session.messages.succeeded(fill(self.tr("Books added: %1."), len(added)))

    @Slot(object)
    def _inspect_failed(self, error: BaseException) -> None:
        self._inspect_done([], [])
        self.session.messages.error(error)

    @Slot()
    def remove_selected(self) -> None:
        for index in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.session.remove_book(index)

    # ---- showing ----------------------------------------------------------------------------------------------
    @Slot()
    def _fill(self) -> None:
        books = self.session.books
        self.table.setRowCount(len(books))
        for r, b in enumerate(books):
            cells = (
                b.info.name,
                fmt.size(b.info.size_bytes),
                b.info.encoding,
                fmt.integer(b.chars),
                "–" if b.tokens is None else fmt.integer(b.tokens),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 0:
                    item.setToolTip(str(b.info.path))
                self.table.setItem(r, c, item)
        total = sum(b.info.size_bytes for b in books)
        self.summary.setText(fill(self.tr("Books: %1 (%2)"), len(books), fmt.size(total)))
        if books and not self.table.selectedIndexes():
            self.table.selectRow(0)
        self._show_preview()

    @Slot()
    def _show_preview(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        books = self.session.books
        self.preview.setPlainText(books[min(rows)].preview if rows and min(rows) < len(books) else "")
        self._update_buttons()

    @Slot()
    def _model_changed(self) -> None:
        md = self.session.md
        self._tokenizer = md.tokenizer() if md else None
        self._show_tokens()
        self._update_buttons()

    @Slot()
    def _show_tokens(self) -> None:
        if self._tokenizer is None:
            self.tokens.setPlainText(self.tr("Train the tokenizer to see how it splits text."))
            self.compression.clear()
            return
        text = self.sample.text()
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        markup, n = token_html(self._tokenizer, text, dark)
        self.tokens.setHtml(markup)
        n_bytes = len(text.encode("utf-8"))
        self.compression.setText(
            fill(
                self.tr("%1 tokens for %2 bytes: %3 bytes per token (vocabulary %4)"),
                fmt.integer(n),
                fmt.integer(n_bytes),
                fmt.decimal(n_bytes / max(1, n), 2),
                fmt.integer(self._tokenizer.vocab_size),
            )
        )

    @Slot(str, int, int)
    def _progress(self, stage: str, done: int, total: int) -> None:
        self.progress.setVisible(total > 0 and (done < total or self.session.busy))
        show_preparation(self.progress, stage, done, total)

    @Slot(bool)
    def _busy(self, busy: bool) -> None:
        """Creating the model: the bar shows the tokenizer's progress until it is trained."""
        if busy:
            show_preparation(self.progress, "tokenizer", 0, 1)
        self.progress.setVisible(busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        s = self.session
        editable = not s.busy  # also while training: the model's book list is saved and used from the next start
        self.train_tokenizer.setVisible(s.md is None)
        self.train_tokenizer.setEnabled(editable and bool(s.books))
        self.add_files.setEnabled(editable)
        self.add_folder.setEnabled(editable)
        self.remove.setEnabled(editable and bool(self.table.selectedIndexes()))
