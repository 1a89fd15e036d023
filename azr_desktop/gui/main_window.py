"""The main window: composes the pages around one ModelSession and wires their signals; owns no training logic."""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QProcess, QSize, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from azr_desktop import __version__
from azr_desktop.core.checkpoint import list_checkpoints
from azr_desktop.core.config import PRESETS, TrainConfig
from azr_desktop.core.device import default_threads
from azr_desktop.core.model_file import SUFFIXES as MODEL_SUFFIXES
from azr_desktop.gui.i18n import fill
from azr_desktop.gui.messages import MessageBar, Messages
from azr_desktop.gui.panes.data_pane import DataPane, dropped_paths
from azr_desktop.gui.panes.generation_pane import GenerationPane
from azr_desktop.gui.panes.library_pane import LibraryPane
from azr_desktop.gui.panes.model_pane import ModelPane
from azr_desktop.gui.panes.training_pane import TrainingPane
from azr_desktop.gui.session import ModelSession
from azr_desktop.gui.settings import AppSettings
from azr_desktop.gui.settings_dialog import SettingsDialog
from azr_desktop.gui.workers import Task

SAMPLE_BOOK = files("azr_desktop") / "resources" / "sample_books" / "shakespeare.txt"
NAV_ICONS = files("azr_desktop") / "resources" / "icons" / "nav"
# One click from the welcome: a tiny model whose first plot moves within a minute on a laptop CPU.
SAMPLE_TRAIN = TrainConfig(
    iters=2000, batch_size=16, warmup=50, eval_every=100, eval_iters=10, save_every=100, sample_every=100
)


def restart_command() -> tuple[str, list[str]]:
    """The command that started this process: the bundle's executable, or Python and its arguments."""
    if getattr(sys, "frozen", False):
        return sys.executable, sys.argv[1:]
    return sys.executable, sys.orig_argv[1:]


class MainWindow(QMainWindow):
    PAGES = ("library", "model", "data", "training", "generation")

    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.messages = Messages(self)
        self.session = ModelSession(settings, self.messages, self)
        self._closing = False
        self._restart = False  # start the app again once this window has closed
        self.setWindowTitle("AZR Desktop")
        self.setAcceptDrops(True)

        self.library = LibraryPane(self.session)
        self.model = ModelPane(self.session)
        self.data = DataPane(self.session)
        self.training = TrainingPane(self.session)
        self.generation = GenerationPane(self.session)
        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setSpacing(2)
        self.nav.setFixedWidth(150)
        labels = (self.tr("Models"), self.tr("Model"), self.tr("Data"), self.tr("Training"), self.tr("Generate"))
        for name, page, label in zip(
            self.PAGES, (self.library, self.model, self.data, self.training, self.generation), labels
        ):
            self.pages.addWidget(page)
            QListWidgetItem(QIcon(str(NAV_ICONS / f"{name}.svg")), label, self.nav)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)

        self.bar = MessageBar(self.messages, over=self.pages)
        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.model_label = QLabel()
        self.statusBar().addPermanentWidget(self.model_label)

        self._make_menus()
        self.library.openRequested.connect(self.open_model)
        self.library.newRequested.connect(self.new_model)
        self.library.sampleRequested.connect(self.train_sample)
        self.model.budget.dataRequested.connect(lambda: self.show_page("data"))
        self.session.modelChanged.connect(self._model_changed)
        self.session.runStarted.connect(self._run_started)
        self.messages.posted.connect(self._to_status_bar)

        geometry = settings.geometry("main")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 820)
        self._model_changed()
        self.show_page("library")
        if settings.last_model and Path(settings.last_model, "model.json").is_file():
            self.session.open(Path(settings.last_model))

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("&New model"), self.new_model, QKeySequence.StandardKey.New)
        self._action(file_menu, self.tr("&Models"), lambda: self.show_page("library"), QKeySequence("Ctrl+L"))
        self._action(file_menu, self.tr("Add &books…"), self.data.choose_files, QKeySequence("Ctrl+B"))
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Settings…"), self.open_settings, QKeySequence.StandardKey.Preferences)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        train_menu = self.menuBar().addMenu(self.tr("&Training"))
        self.start_action = self._action(
            train_menu, self.tr("&Start / Resume"), self.training.start_or_resume, QKeySequence("F5")
        )
        self.pause_action = self._action(
            train_menu, self.tr("&Pause / Resume"), self.training.toggle_pause, QKeySequence("F6")
        )
        self.stop_action = self._action(
            train_menu, self.tr("S&top and save"), self.training.stop, QKeySequence("Shift+F5")
        )
        gen_menu = self.menuBar().addMenu(self.tr("&Generate"))
        self._action(gen_menu, self.tr("&Generate"), self._generate, QKeySequence("Ctrl+Return"))
        self._action(gen_menu, self.tr("&Stop generating"), self.generation.stop, QKeySequence("Ctrl+."))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&Welcome"), self._show_welcome)
        self._action(help_menu, self.tr("&About AZR Desktop"), self._about)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def show_page(self, name: str) -> None:
        self.nav.setCurrentRow(self.PAGES.index(name))

    # ---- models -----------------------------------------------------------------------------------------------
    @Slot(Path)
    def open_model(self, path: Path) -> None:
        if self.session.open(path):
            self.show_page("training")

    @Slot()
    def new_model(self) -> None:
        self.session.new_draft()  # refused, with a message, while training
        if self.session.md is None:
            self.show_page("model")

    @Slot()
    def train_sample(self) -> None:
        if self.session.training:
            return
        self.session.new_draft(self.tr("Shakespeare (tiny)"), PRESETS["tiny"])
        self.training.show_config(SAMPLE_TRAIN.replace(threads=default_threads()))
        self.show_page("training")
        self.data.add_paths([Path(str(SAMPLE_BOOK))])
        self.data.inspecting.connect(self._sample_books_ready)

    @Slot(bool)
    def _sample_books_ready(self, busy: bool) -> None:
        if busy:
            return
        self.data.inspecting.disconnect(self._sample_books_ready)
        self.training.start_or_resume()

    @Slot()
    def _model_changed(self) -> None:
        s = self.session
        name = s.name or (s.md.path.name if s.md else self.tr("new model"))
        state = "" if s.md else self.tr(" (not created yet)")
        self.setWindowTitle(f"{name}{state} — AZR Desktop")
        self.model_label.setText(name + state)
        self.library.refresh()

    @Slot(object)
    def _run_started(self, run) -> None:
        run.ended.connect(self._run_ended)

    @Slot()
    def _run_ended(self) -> None:
        self.library.refresh()
        if self._closing:
            self.close()

    @Slot()
    def _generate(self) -> None:
        self.show_page("generation")
        self.generation.generate()

    @Slot(str, str)
    def _to_status_bar(self, level: str, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # ---- settings, help ---------------------------------------------------------------------------------------
    @Slot()
    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if not dialog.exec():
            return
        if dialog.library_changed:
            self.library.refresh()
        if dialog.needs_restart and self.ask_restart():
            self.restart()

    def ask_restart(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restart AZR Desktop?"),
            self.tr("The language and the theme change when AZR Desktop starts again. Restart it now?"),
            parent=self,
        )
        now = box.addButton(self.tr("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(now)
        box.exec()
        return box.clickedButton() is now

    def restart(self) -> None:
        """Close as Quit does (a running training is saved first, if the user agrees), then start the same command
        again: language and theme are read at start-up."""
        self._restart = True
        self.close()

    @Slot()
    def _show_welcome(self) -> None:
        self.library.stack.setCurrentWidget(self.library.welcome)
        self.show_page("library")

    @Slot()
    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About AZR Desktop"),
            fill(
                self.tr(
                    "AZR Desktop %1\n\nTrain a small GPT-style language model on your own books, on your own computer."
                ),
                __version__,
            ),
        )

    # ---- drops and closing ------------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Model files dropped anywhere are imported into the library; books go to the Data page."""
        paths = dropped_paths(event)
        models = [p for p in paths if p.suffix.lower() in MODEL_SUFFIXES]
        books = [p for p in paths if p not in models]
        if books:
            self.show_page("data")
            self.data.add_paths(books)
        if models:
            self.show_page("library")
            self.library.import_files(models)
        event.acceptProposedAction()

    def save_state(self) -> str:
        """Stop training with a checkpoint (for the crash dialog); says what happened, as a sentence."""
        md = self.session.md
        was_training = self.session.training
        if not self.session.save_and_stop():
            return self.tr("The training could not be stopped in time; the last checkpoint on disk is kept.")
        if not was_training or md is None:
            return self.tr("No training was running.")
        ckpts = list_checkpoints(md.checkpoints_dir)
        return fill(self.tr("The training was saved at iteration %1."), ckpts[-1].iter if ckpts else 0)

    def confirm_close(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Training is running"),
            self.tr("Save a checkpoint, stop the training and quit? Training continues from it next time."),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        return answer == QMessageBox.StandardButton.Save

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session.training:
            event.ignore()
            if not self._closing and self.confirm_close():
                self._closing = True
                self.session.run.stop()  # _run_ended closes the window once the checkpoint is written
                self.statusBar().showMessage(self.tr("Saving a checkpoint before quitting…"))
            elif not self._closing:
                self._restart = False  # the user keeps training
            return
        self.generation.stop()
        if self.library.comparison is not None:
            self.library.comparison.stop()
        self.model.stop_measuring()
        for task in self.findChildren(Task):  # a thread must not be destroyed while it runs
            task.wait()
        self.settings.set_geometry("main", self.saveGeometry())
        self.settings.sync()
        if self._restart:
            QProcess.startDetached(*restart_command())
        event.accept()
