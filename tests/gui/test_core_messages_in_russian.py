"""A user who chose Russian reads the core's errors and notes in Russian, not only the GUI's own words."""

from __future__ import annotations

import pytest
from gui_helpers import WAIT_MS
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

from azr_desktop.gui import i18n

pytestmark = pytest.mark.gui


@pytest.fixture
def russian(qapp):
    """The app in Russian, as installed at start-up; English again afterwards, for the other tests."""
    locale = QLocale()
    translators = i18n.install(qapp, "ru")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    i18n.install(qapp, "en")
    QLocale.setDefault(locale)


def test_rejected_books_and_core_errors_are_in_russian(russian, window, qtbot, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    errors = []
    window.messages.posted.connect(lambda level, text: errors.append(text) if level == "error" else None)
    window.new_model()
    window.data.add_paths([tmp_path / "empty.txt", tmp_path / "picture.txt"])
    qtbot.waitUntil(lambda: window.data.pending == 0 and len(errors) == 2, timeout=WAIT_MS)
    assert errors == [
        "Файл empty.txt пуст; выберите файл с текстом",
        "picture.txt — не текстовый файл (похоже, это изображение PNG); выберите файл .txt",
    ]

    assert not window.session.open(tmp_path / "missing")
    assert window.bar.text.text() == f"{tmp_path / 'missing'} не существует; проверьте путь или обучите там новую модель"

    window.model.spins["d_model"].setValue(128)
    window.model.spins["n_heads"].setValue(3)
    assert window.model.error.text() == "d_model (128) должно делиться на n_heads (3) без остатка"


def test_generation_notes_are_in_russian(russian, window, qtbot, tiny_model):
    window.session.open(tiny_model.path)
    pane = window.generation
    pane.prompt.setPlainText("ROMEO: " * 40)  # far more than the 32 tokens the tiny model sees
    pane.max_tokens.setValue(3)
    notes = []
    window.messages.posted.connect(lambda level, text: notes.append(text) if level == "info" else None)
    with qtbot.waitSignal(pane.generationFinished, timeout=WAIT_MS):
        pane.generate_button.click()
    assert any(
        note.startswith("Начало текста слишком длинное (токенов: ")
        and note.endswith("), а модель видит только 32; используются последние 32")
        for note in notes
    ), notes


def test_numbers_follow_russian_style_on_every_page(russian, window, qtbot, tiny_model):
    """One decimal separator and one digit grouping per page: "0,00100" next to "4.2152", or "2,048" next to
    "1 115 264", read as two different languages."""
    window.session.open(tiny_model.path)
    training = window.training
    qtbot.waitUntil(lambda: training.stats["loss"].text() not in ("", "–"), timeout=WAIT_MS)
    loss, lr = training.stats["loss"].text(), training.lr.text()
    assert "," in loss and "." not in loss and float(loss.replace(",", ".")) > 0
    assert lr == "0,00100" or ("," in lr and "." not in lr)
    params = window.model.params.text()
    assert "\xa0" in params.split("  ")[0] and "," not in params.split("  ")[0]  # "12 345  (12,3K)"
    vocab = window.model.spins["vocab_size"].text()
    assert vocab.replace("\xa0", "").isdigit()
    rows = window.data.table
    qtbot.waitUntil(lambda: rows.rowCount() > 0, timeout=WAIT_MS)
    chars = rows.item(0, 3).text()
    assert "\xa0" in chars and "," not in chars  # the sample book has thousands of characters


def test_qt_file_dialog_is_in_russian(russian, qtbot):
    """Qt's own dialog (Linux without a desktop's file chooser) speaks Russian too: Qt's translations plus ours for
    the two labels Qt's lack."""
    dialog = QFileDialog(None, "Add books")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"&Папка:", "&Имя файла:", "&Типы файлов:"} <= labels, labels
    assert "Отмена" in {button.text() for button in dialog.findChildren(QPushButton)}
