"""Unexpected exceptions: save the training state, then show the traceback in a dialog the user can copy from."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from azr_desktop.gui.i18n import fill


def format_error(error: BaseException) -> str:
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


class CrashDialog(QDialog):
    def __init__(self, details: str, saved_note: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("AZR Desktop hit a bug"))
        self.resize(720, 420)
        intro = QLabel(
            fill(
                self.tr("Something went wrong inside AZR Desktop. %1 Please copy the details below into a bug report."),
                saved_note,
            )
        )
        intro.setWordWrap(True)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


class CrashHandler:
    """Installed as sys.excepthook; ``save_state`` stops training with a checkpoint and says what it saved."""

    def __init__(self, save_state: Callable[[], str], parent: Callable[[], QWidget | None]):
        self.save_state = save_state
        self.parent = parent
        self.showing = False

    def install(self) -> None:
        sys.excepthook = self.hook

    def hook(self, kind, error, tb) -> None:
        if error is None:
            error = kind()
        error.__traceback__ = tb
        self.report(error)

    def report(self, error: BaseException) -> None:
        details = format_error(error)
        sys.stderr.write(details)
        if self.showing:  # a bug while the dialog is up: the traceback is on stderr, one dialog is enough
            return
        self.showing = True
        try:
            note = self.save_state()
            CrashDialog(details, note, self.parent()).exec()
        finally:
            self.showing = False
