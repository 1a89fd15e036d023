"""A user who chose Russian reads the core's errors and notes in Russian, not only the GUI's own words."""

from __future__ import annotations

import pytest
from gui_helpers import WAIT_MS
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QLabel, QPushButton, QWidget

from azr_desktop.gui import i18n
from azr_desktop.gui.widgets import ElidedLabel

pytestmark = pytest.mark.gui


@pytest.fixture
def russian(qapp):
    """The app in Russian, as installed at start-up; English again afterwards, for the other tests."""
    locale = QLocale()
    translators = i18n.install(qapp, "ru")
    yield
    for translator in translators + i18n.install(qapp, "en"):
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


def cut_off(window) -> list[str]:
    """The visible buttons, boxes and one-line labels narrower than their text needs (a box: its current text;
    its list opens as wide as its longest entry)."""

    def needed(w: QWidget) -> int:
        if not isinstance(w, QComboBox):
            return w.sizeHint().width()
        probe = QComboBox()
        probe.setFont(w.font())
        probe.addItem(w.currentText())
        return probe.sizeHint().width()

    return [
        w.text() if hasattr(w, "text") else w.currentText()
        for w in window.findChildren(QWidget)
        if w.isVisible()
        and not isinstance(w, ElidedLabel)
        and (isinstance(w, (QPushButton, QCheckBox, QComboBox)) or (isinstance(w, QLabel) and not w.wordWrap()))
        and w.width() + 1 < needed(w)
    ]


def test_rejected_books_and_core_errors_are_in_russian(russian, window, qtbot, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    errors = []
    window.messages.posted.connect(lambda level, text: errors.append(text) if level == "error" else None)
    window.new_model()
    window.data.add_paths([tmp_path / "empty.txt", tmp_path / "picture.txt"])
    qtbot.waitUntil(lambda: window.data.pending == 0 and len(errors) == 1, timeout=WAIT_MS)
    assert errors[0].split("\n") == [
        "Не добавлены (2):",
        "Файл empty.txt пуст; выберите файл с текстом",
        "picture.txt — не текстовый файл (похоже, это изображение PNG); выберите файл .txt",
    ]

    assert not window.session.open(tmp_path / "missing")
    missing = f"{tmp_path / 'missing'} не существует; проверьте путь или обучите там новую модель"
    assert window.bar.text.text() == missing

    window.model.spins["d_model"].setValue(128)
    window.model.spins["n_heads"].setValue(3)
    assert window.model.error.text() == "Значение «Головы внимания» (3) должно делить «Ширина» (128) без остатка."


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
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "Папка"  # its Type column


def test_every_page_fits_1000_by_700_in_russian_without_cut_words(russian, make_window, settings, qtbot, tiny_model):
    """The Russian window at 1000x700: no page forces it wider (the library's path made it reopen 1405 px wide),
    no button, box or label is cut, the long path is elided with the whole path in its tooltip."""
    settings.library_dir = settings.library_dir / ("Очень длинное имя папки с моделями " * 4).strip()
    settings.library_dir.mkdir()
    window = make_window()
    window.session.open(tiny_model.path)
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: window.training.stats["loss"].text() != "–", timeout=WAIT_MS)
    preparing = window.training.tr("Preparing: tokenising the books and loading the checkpoint…")
    window.training.state_label.setText(preparing)
    for page in (*window.PAGES, "welcome"):
        if page == "welcome":
            window.library.stack.setCurrentWidget(window.library.welcome)
            page = "library"
        window.show_page(page)
        qtbot.wait(50)
        assert window.width() == 1000 and cut_off(window) == [], page
    state = window.training.state_label
    assert state.height() >= state.heightForWidth(state.width())  # "Preparing: … checkp…" wraps instead
    folder = window.library.folder
    assert folder.toolTip() == f"Библиотека: {settings.library_dir}" and "…" in folder.text()
    assert window.minimumSizeHint().width() <= 1000  # so a saved width of 1000 or more is kept when it reopens


def test_plots_keep_legends_off_the_curves_and_number_axes_in_russian(russian, window, qtbot, tiny_model):
    window.session.open(tiny_model.path)
    window.show_page("training")
    plots = window.training.plots
    qtbot.waitUntil(lambda: plots.train.n == 20, timeout=WAIT_MS)
    plots.flush()
    assert [name for name, plot in plots._plots.items() if plot.getPlotItem().legend is not None] == []
    assert "валидация" in plots.legends["loss"].text() and "план" in plots.legends["lr"].text()  # under the plots
    axis = plots.lr_plot.getAxis("left")
    assert axis.labelString().strip() == "lr" or "(x" not in axis.labelString()  # no "lr (x0.001)"
    assert axis.tickStrings([0.0005, 0.001], 1, 0.0005) == ["0,0005", "0,0010"]
