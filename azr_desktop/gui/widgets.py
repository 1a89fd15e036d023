"""Small widgets every page uses, so the pages look alike."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QFont, QFontDatabase, QResizeEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QProgressBar, QSizePolicy, QSpinBox, QWidget

LOG_LINES = 5000


def page_title(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    return label


def spin_box(lo: int, hi: int, step: int = 1, special: str = "") -> QSpinBox:
    """An integer field with thousands separators; ``special`` is shown instead of the lowest value."""
    spin = QSpinBox()
    spin.setRange(lo, hi)
    spin.setSingleStep(step)
    spin.setGroupSeparatorShown(True)
    if special:
        spin.setSpecialValueText(special)
    return spin


class ElidedLabel(QLabel):
    """One line of any length (a folder path) that never widens the window: cut in the middle with "…" to the
    width it gets, the whole text in its tooltip."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self._full), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") * 8, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, self.width()))


class ErrorLabel(QLabel):
    """A red sentence under a form: why the values cannot be used. Hidden when there is nothing wrong."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #d32f2f;")
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class LogView(QPlainTextEdit):
    """A read-only log that keeps the last LOG_LINES lines."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setMaximumBlockCount(LOG_LINES)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)


def show_preparation(bar: QProgressBar, stage: str, done: int, total: int) -> None:
    """Tokenizer training or tokenising (the core's progress stages) on a progress bar. The tokenizer's progress is
    the text read; the learning that follows reports none, so the bar then just shows that it is busy."""
    if stage == "tokenizer" and 0 < total <= done:
        bar.setRange(0, 0)
        bar.setFormat(QCoreApplication.translate("progress", "Training the tokenizer…"))
        return
    bar.setRange(0, 1000)
    bar.setValue(int(1000 * done / max(1, total)))
    if stage == "tokenizer":
        bar.setFormat(QCoreApplication.translate("progress", "Training the tokenizer… %p%"))
    else:
        bar.setFormat(QCoreApplication.translate("progress", "Tokenising the books… %p%"))
