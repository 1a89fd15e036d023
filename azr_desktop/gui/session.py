"""The model being worked on, shared by the panes: a draft not yet created, or a model folder, with its books and
its training run. Panes read it and call it; they learn about changes from its signals, never from each other."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from azr_desktop.core import events as ev
from azr_desktop.core import library
from azr_desktop.core.book_rows import BookRow, Rejected, model_books
from azr_desktop.core.config import PRESETS, ModelConfig, SelfPlayConfig, TrainConfig
from azr_desktop.core.data import book_token_counts
from azr_desktop.core.errors import AZRError, BookError
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.gui.i18n import core_text, fill
from azr_desktop.gui.messages import Messages
from azr_desktop.gui.process_run import ProcessRun
from azr_desktop.gui.settings import AppSettings
from azr_desktop.gui.workers import TrainingRun, run_task


class ModelSession(QObject):
    modelChanged = Signal()  # a model was opened, created, renamed or closed (a new draft)
    booksChanged = Signal()
    progress = Signal(str, int, int)  # stage, done, total: tokenizer training and tokenising
    runStarted = Signal(object)  # the TrainingRun
    busyChanged = Signal(bool)  # creating a model (tokenizer training)
    trainDraftChanged = Signal()  # the training settings being edited (the Model page estimates from them)
    trainPlanned = Signal(object)  # a TrainConfig planned for a time budget (Model page), shown by the Training page

    def __init__(self, settings: AppSettings, messages: Messages, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.messages = messages
        self.md: ModelDir | None = None
        self.name = ""
        self.draft_cfg: ModelConfig = PRESETS["tiny"]
        self.books: list[BookRow] = []
        self.books_edited = False  # the book list differs from the model's recorded one
        self.train_draft = TrainConfig()
        self.run: TrainingRun | None = None
        self.busy = False
        self._pending_train: tuple[TrainConfig, int] | None = None  # the settings and devices to train with
        self._reading: object | None = None  # a token while the open model's recorded books are being read

    # ---- what is open ---------------------------------------------------------------------------------------
    @property
    def model_cfg(self) -> ModelConfig:
        return self.md.model_config() if self.md else self.draft_cfg

    @property
    def training(self) -> bool:
        return self.run is not None and self.run.active

    def train_config(self) -> TrainConfig:
        return self.md.train_config() if self.md else TrainConfig()

    def set_train_draft(self, cfg: TrainConfig) -> None:
        self.train_draft = cfg
        self.trainDraftChanged.emit()

    def propose_train(self, cfg: TrainConfig) -> None:
        """Training settings planned for a time budget: the Training page fills its form with them."""
        self.trainPlanned.emit(cfg)

    def new_draft(self, name: str = "", cfg: ModelConfig | None = None) -> None:
        if self._refuse_while_training():
            return
        self.md, self.name, self.draft_cfg = None, name, cfg or PRESETS["tiny"]
        self.books, self.books_edited, self._reading = [], False, None
        self.modelChanged.emit()
        self.booksChanged.emit()

    def open(self, path: Path) -> bool:
        if self._refuse_while_training(path):
            return False
        try:
            md = ModelDir.open(path)
            self.name = md.display_name()
        except (AZRError, OSError) as e:
            self.messages.error(e)
            return False
        self.md, self.books, self.books_edited = md, [], False
        reading = self._reading = object()
        self.settings.last_model = str(md.path)
        self.modelChanged.emit()
        self.booksChanged.emit()
        run_task(
            self,
            lambda emit: model_books(md),
            on_item=lambda item: self._on_model_book(reading, item),
            on_done=lambda _: self._model_books_read(reading),
            on_failed=self.messages.error,
        )
        return True

    def set_draft(self, name: str, cfg: ModelConfig) -> None:
        self.name, self.draft_cfg = name, cfg

    def renamed(self, path: Path) -> None:
        """The open model's folder moved (renamed in the library): it stays the one opened at the next start."""
        self.md = ModelDir(path)
        self.name = self.md.display_name()
        self.settings.last_model = str(self.md.path)
        self.modelChanged.emit()

    def _refuse_while_training(self, path: Path | None = None) -> bool:
        if self.training and not (self.md and path and Path(path).absolute() == self.md.path):
            self.messages.warning(self.tr("Stop the training first: one model trains at a time."))
            return True
        return False

    # ---- books ----------------------------------------------------------------------------------------------
    def add_book(self, row: BookRow) -> bool:
        if any(b.info.sha256 == row.info.sha256 for b in self.books):
            self.messages.info(fill(self.tr("%1 is already in the list."), row.info.name))
            return False
        self.books.append(row)
        self._books_edited()
        return True

    def remove_book(self, index: int) -> None:
        del self.books[index]
        self._books_edited()

    def _books_edited(self) -> None:
        self.books_edited = True
        self.booksChanged.emit()
        self._save_books()

    def _save_books(self) -> None:
        """An open model's book list is its own: saved at once, so nothing added is lost on quitting (a draft's goes
        into the model when it is created; a model's only once its recorded list has been read back)."""
        if self.md is None or self._reading is not None:
            return
        try:  # as a writer of the model (briefly: this is the GUI thread), unless this app's own run is the writer
            with contextlib.nullcontext() if self.training else self.md.writer("changing books", wait=0.05):
                self.md.set_books([b.info for b in self.books])
        except (AZRError, OSError) as e:  # the trainer still gets the list at the next start
            self.messages.error(e)
            return
        self.books_edited = False
        if self.training:
            self.messages.info(self.tr("Book list saved: the training uses it from its next start."))

    def _on_model_book(self, reading: object, item: BookRow | Rejected) -> None:
        if reading is not self._reading:  # another model was opened meanwhile
            return
        if isinstance(item, Rejected):
            self.messages.warning(core_text(item.error))
            return
        self.books.append(item)
        self.booksChanged.emit()

    def _model_books_read(self, reading: object) -> None:
        if reading is self._reading:
            self._reading = None
            if self.books_edited:  # books added while the list was being read
                self._save_books()

    def set_token_counts(self, counts: dict[str, int]) -> None:
        self.books = [BookRow(b.info, b.chars, b.preview, counts.get(b.info.sha256, b.tokens)) for b in self.books]
        self.booksChanged.emit()

    # ---- creating and training ------------------------------------------------------------------------------
    def create(self, train_cfg: TrainConfig | None = None) -> None:
        """Create the draft as a model folder in the library (trains the tokenizer in a worker)."""
        if self.md is not None or self.busy:
            return
        if not self.books:
            self.messages.error(BookError(self.tr("Add at least one book on the Data page first.")))
            return
        root = self.settings.library_dir
        name = self.name.strip() or self.tr("My model")
        path = library.folder_for(root, name)
        cfg, books = self.draft_cfg, [b.info for b in self.books]
        train = train_cfg or TrainConfig()
        self._set_busy(True)

        def work(emit):
            root.mkdir(parents=True, exist_ok=True)
            return ModelDir.create(path, cfg, train, books, name=name, progress=lambda d, t: emit((d, t)))

        run_task(
            self, work, on_done=self._on_created, on_failed=self._on_create_failed, on_item=self._on_create_progress
        )

    @Slot(object)
    def _on_create_progress(self, item: tuple[int, int]) -> None:
        self.progress.emit("tokenizer", *item)

    @Slot(object)
    def _on_created(self, md: ModelDir) -> None:
        self._set_busy(False)
        self.md, self.books_edited, self._reading = md, False, None
        self.settings.last_model = str(md.path)
        self.messages.succeeded(fill(self.tr("Created %1."), self.name or md.path.name))
        self.modelChanged.emit()
        pending, self._pending_train = self._pending_train, None
        if pending is not None:
            self.start_training(pending[0], devices=pending[1])

    @Slot(object)
    def _on_create_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._pending_train = None
        self.messages.error(error)
        self.progress.emit("tokenizer", 0, 0)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busyChanged.emit(busy)

    def start_training(self, cfg: TrainConfig, selfplay: SelfPlayConfig | None = None, devices: int = 1) -> None:
        """Train the open model to ``cfg.iters``; a draft is created first. ``selfplay`` runs the self-play phase
        instead (only for a trained model: a draft has nothing to refine). ``devices`` over 1 trains on that many
        GPUs, in processes of their own (pretraining only)."""
        if self.training or self.busy:
            return
        if self.md is None:
            self._pending_train = (cfg, devices)
            self.create(cfg)
            return
        books = [b.info for b in self.books] if self.books_edited else None
        if devices > 1 and selfplay is None:
            self.run = ProcessRun(self.md, cfg, books, devices, self)
        else:
            self.run = TrainingRun(self.md, cfg, books, selfplay, self)
        self.run.event.connect(self._on_run_event)
        self.run.failed.connect(self.messages.error)
        self.runStarted.emit(self.run)
        self.run.start()

    @Slot(object)
    def _on_run_event(self, event: ev.Event) -> None:
        if isinstance(event, ev.Progress):
            self.progress.emit(event.stage, event.done, event.total)
        elif isinstance(event, ev.Notice):
            (self.messages.warning if event.level == "warning" else self.messages.info)(core_text(event.message))
        elif isinstance(event, ev.Started):
            self.books_edited = False
            md = self.md
            self.set_token_counts(
                book_token_counts(md.data_dir, md.tokenizer(), md.recorded_books(), self.run.cfg.val_frac)
            )

    def save_and_stop(self, timeout_ms: int = 120_000) -> bool:
        """Stop training with a checkpoint and wait for it (used when the app must go now); True if saved."""
        if not self.training:
            return True
        self.run.stop()
        return self.run.wait(timeout_ms)
