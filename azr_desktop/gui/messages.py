"""The one path for what the user must read: errors, warnings and notes, as plain sentences in one place.

Panes call ``messages.error(exception_or_text)``; core errors (``AZRError``) and the usual resource failures become a
sentence in the message bar at the top of the window and a line in the log. Notes go to the status bar only. Anything
else is a bug: it goes to the crash dialog (``crashed``), which saves the training state first.
"""

from __future__ import annotations

import errno

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QToolButton, QWidget

from azr_desktop.core.errors import AZRError
from azr_desktop.gui.i18n import core_text, fill


def describe(error: BaseException) -> str | None:
    """A sentence for errors a user can fix, in the user's language; None for a bug."""
    if isinstance(error, AZRError):
        return core_text(error)
    if isinstance(error, MemoryError) or "can't allocate memory" in str(error):
        return QCoreApplication.translate(
            "messages", "Out of memory: lower the batch size or the context length, or close other programs."
        )
    if isinstance(error, OSError):
        where = str(error.filename or "")
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return fill(
                QCoreApplication.translate("messages", "The disk is full (%1); free some space and try again."), where
            )
        reason = error.strerror or str(error)
        return fill(
            QCoreApplication.translate("messages", "%1 (%2); check the path and its permissions."), reason, where
        )
    return None


class Messages(QObject):
    """Message bus of one window: ``posted(level, text)`` for the bar and the log, ``crashed`` for bugs."""

    posted = Signal(str, str)  # "error" | "warning" | "info", sentence
    crashed = Signal(object)
    resolved = Signal()  # something the user asked for worked: an older error or warning is no longer news

    def error(self, error: BaseException | str) -> None:
        if isinstance(error, str):
            self.posted.emit("error", error)
            return
        text = describe(error)
        if text is None:
            self.crashed.emit(error)
        else:
            self.posted.emit("error", text)

    def warning(self, text: str) -> None:
        self.posted.emit("warning", text)

    def info(self, text: str) -> None:
        self.posted.emit("info", text)

    def succeeded(self, text: str) -> None:
        """A note that what the user asked for worked; it also takes an older error or warning off the bar."""
        self.info(text)
        self.resolved.emit()


class MessageBar(QFrame):
    """A strip over the foot of the pages (``over``) that shows the latest error or warning until it is closed or
    something the user asked for works (``Messages.succeeded``).

    It floats over the page instead of taking a row of the layout: a strip that pushed the page down each time it
    appeared resized every pane, which re-lays out and repaints all the plots at once (the longest stall of the
    window while it trains, benchmarks/ui_latency.py). At the foot it covers text views and lists, not the page's
    buttons. Notes ("info") go to the status bar instead.
    """

    _ICONS = {
        "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    }
    _COLORS = {"error": "#c62828", "warning": "#b26a00"}
    _MARGIN = 6

    def __init__(self, messages: Messages, over: QWidget):
        super().__init__(over)
        self.setObjectName("messageBar")
        self.setAutoFillBackground(True)  # opaque over the page
        over.installEventFilter(self)
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setAutoRaise(True)
        close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setToolTip(self.tr("Close"))
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        row.addWidget(close)
        messages.posted.connect(self.show_message)
        messages.resolved.connect(self.hide)
        self.level = ""
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        over = self.parentWidget()
        width = over.width() - 2 * self._MARGIN
        height = self.heightForWidth(width)
        self.setGeometry(self._MARGIN, over.height() - height - self._MARGIN, width, height)
        self.raise_()

    @Slot(str, str)
    def show_message(self, level: str, text: str) -> None:
        if level not in self._ICONS:
            return
        self.level = level
        self.icon.setPixmap(self.style().standardIcon(self._ICONS[level]).pixmap(20, 20))
        self.text.setText(text)
        self.setStyleSheet(
            f"#messageBar {{ border: 1px solid {self._COLORS[level]}; border-radius: 4px;"
            " background: palette(window); }"
        )
        self.show()
        self._place()
