"""The Compare view: the models chosen on the Models page, their curves on one plot (iterations, text seen or
training time) and their numbers in a table, held-out bits per byte on a book the user picks included.

Everything is read in workers (core/compare.py). While the view is open it looks again every few seconds, so a
model that is training now moves on the plot; a folder that has not changed is not read again.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from azr_desktop.core.compare import Compared, compare, compare_one
from azr_desktop.core.data import drain
from azr_desktop.core.errors import AZRError
from azr_desktop.core.inference import TextScore
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.gui import fmt, theme
from azr_desktop.gui.compare_plot import ComparePlot, elided
from azr_desktop.gui.i18n import fill
from azr_desktop.gui.session import ModelSession
from azr_desktop.gui.workers import run_task

REFRESH_MS = 3000


def _signature(f: Path) -> tuple[int, int] | None:
    """When ``f`` last changed and its size, or None if it is not there (a run in progress may be replacing it)."""
    try:
        st = f.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def read_if_changed(paths: list[Path], seen: tuple | None) -> tuple[tuple, list[Compared]] | AZRError | None:
    """The models' rows and curves, or None when none of their histories and checkpoints changed since ``seen``,
    or why they cannot be read (a folder deleted or damaged meanwhile). Runs in a worker."""

    def stamp(path: Path) -> tuple:
        md = ModelDir(path)
        return tuple(_signature(f) for f in (md.metrics_path, md.checkpoints_dir, md.model_json))

    try:
        now = tuple(stamp(p) for p in paths)
        if now == seen:
            return None
        return now, [compare_one(ModelDir.open(p)) for p in paths]
    except AZRError as e:
        return e


class CompareDialog(QDialog):
    """One comparison at a time: ``show_models`` starts another (results of the previous one are dropped)."""

    def __init__(self, session: ModelSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Compare models"))
        self.paths: list[Path] = []
        self.rows: list[Compared] = []
        self.held_out: dict[Path, TextScore] = {}
        self.book: Path | None = None
        self._seen: tuple | None = None
        self._reading = False
        self._generation = 0  # bumped by show_models: a worker's result for an older comparison is ignored
        self._cancel = threading.Event()  # the running scoring's

        self.axis = QComboBox()
        for label, axis in (
            (self.tr("Iterations"), "iter"),
            (self.tr("Text seen"), "bytes"),
            (self.tr("Training time"), "seconds"),
        ):
            self.axis.addItem(label, axis)
        self.axis.currentIndexChanged.connect(self._draw)
        self.score_button = QPushButton(self.tr("Score on a book…"))
        self.score_button.setToolTip(
            self.tr("Bits per byte of every model on the same text, at its newest checkpoint: lower is better.")
        )
        self.score_button.clicked.connect(self.choose_book)
        self.status = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Horizontal axis:")))
        bar.addWidget(self.axis)
        bar.addSpacing(16)
        bar.addWidget(self.score_button)
        bar.addWidget(self.status, 1)

        self.plot = ComparePlot()
        self.table = QTableWidget(0, 9)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Model"),
                self.tr("Parameters"),
                self.tr("Books"),
                self.tr("Iterations"),
                self.tr("Text seen"),
                self.tr("Time trained"),
                self.tr("Best val\nbits/byte"),
                self.tr("Latest val\nbits/byte"),
                self.tr("Held-out\nbits/byte"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # long names and book lists are elided (in full in their tooltips)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.plot)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.resize(1100, 720)

        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.reload)

    def show_models(self, paths: list[Path]) -> None:
        self._generation += 1
        self.paths, self.rows, self.held_out, self.book, self._seen = list(paths), [], {}, None, None
        self._reading = False
        self.status.clear()
        self._draw()
        self.reload()
        self.timer.start()
        self.show()
        self.raise_()

    # ---- reading ----------------------------------------------------------------------------------------------
    @Slot()
    def reload(self) -> None:
        owner = self.parentWidget()
        if owner is not None and not owner.window().isVisible():
            self.timer.stop()  # the main window closed (it waited for our tasks): start none it would not wait for
            return
        if self._reading or (self.rows and not self.isVisible()):
            return
        self._reading = True
        paths, seen, generation = self.paths, self._seen, self._generation
        run_task(
            self,
            lambda emit: (generation, read_if_changed(paths, seen)),
            on_done=self._read,
            on_failed=self._failed,
        )

    @Slot(object)
    def _read(self, result: tuple) -> None:
        generation, found = result
        if generation != self._generation:
            return
        self._reading = False
        if isinstance(found, AZRError):
            self.timer.stop()  # a model deleted or damaged meanwhile: say it once, not every few seconds
            self.session.messages.error(found)
        elif found is not None:
            self._seen, self.rows = found
            self._draw()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        """A bug, not bad input: the crash dialog."""
        self._reading = False
        self.timer.stop()
        self.session.messages.error(error)

    @Slot()
    def choose_book(self) -> None:
        settings = self.session.settings
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Score on a book"), settings.folder("books"), self.tr("Text files (*.txt);;All files (*)")
        )
        if name:
            settings.remember_folder("books", name)
            self.score(Path(name))

    def score(self, book: Path) -> None:
        """Every model's bits per byte on ``book`` at its newest checkpoint, in a worker, with progress."""
        self.score_button.setEnabled(False)
        self.status.setText(fill(self.tr("Scoring on %1…"), book.name))
        paths, generation = self.paths, self._generation
        self._cancel = cancel = threading.Event()
        run_task(
            self,
            lambda emit: (generation, book, drain(compare(paths, book, cancelled=cancel.is_set), emit)),
            on_item=self._progress,
            on_done=self._scored,
            on_failed=self._score_failed,
        )

    @Slot(object)
    def _progress(self, item: tuple[int, int]) -> None:
        done, total = item
        self.status.setText(fill(self.tr("Scoring: %1 of %2 models"), done, total))

    @Slot(object)
    def _scored(self, result: tuple) -> None:
        generation, book, rows = result
        self.score_button.setEnabled(True)
        if generation != self._generation or rows is None:  # another comparison since, or cancelled
            return
        self.held_out, self.book = {r.path: r.held_out for r in rows}, book
        self.status.setText(fill(self.tr("Held-out text: %1"), book.name))
        self._draw()

    @Slot(object)
    def _score_failed(self, error: BaseException) -> None:
        self.score_button.setEnabled(True)
        self.status.clear()
        self.session.messages.error(error)

    # ---- showing ----------------------------------------------------------------------------------------------
    @Slot()
    def _draw(self) -> None:
        self.plot.show_rows(self.rows, self.axis.currentData())
        colours = theme.category_colors(QApplication.instance())
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            score = self.held_out.get(row.path)
            cells = (
                elided(row.name),
                fmt.count(row.params),
                ", ".join(row.books),
                fmt.integer(row.iter),
                fmt.size(row.text_seen_bytes) if row.text_seen_bytes is not None else "–",
                fmt.duration(row.seconds),
                fmt.decimal(row.best_val[1], 3) if row.best_val else "–",
                fmt.decimal(row.latest_val[1], 3) if row.latest_val else "–",
                fmt.decimal(score.bits_per_byte, 3) if score is not None else "–",
            )
            for c, text in enumerate(cells):
                item = self.table.item(r, c)
                if item is None:  # the same models looked at again keep their items: only the texts change
                    item = QTableWidgetItem()
                    self.table.setItem(r, c, item)
                item.setText(text)
                if c == 0:
                    item.setForeground(QColor(colours[r % len(colours)]))
                    item.setToolTip(f"{row.name}\n{row.path}")
                elif c == 2:
                    item.setToolTip("\n".join(row.books))
                else:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def stop(self) -> None:
        """Look no more, and cancel scoring at its next batch (the view closes, or the main window does and then
        waits for our workers)."""
        self.timer.stop()
        self._cancel.set()

    def closeEvent(self, event) -> None:
        self.stop()
        super().closeEvent(event)
