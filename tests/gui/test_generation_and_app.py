"""Generation page, the message path, the crash handler, workers and translations."""

from __future__ import annotations

import ast
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from gui_helpers import WAIT_MS
from PySide6.QtCore import QCoreApplication, QProcess, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from azr_desktop.core.checkpoint import list_checkpoints
from azr_desktop.core.errors import BookError
from azr_desktop.gui import i18n
from azr_desktop.gui.crash import CrashHandler
from azr_desktop.gui.main_window import MainWindow, restart_command
from azr_desktop.gui.settings_dialog import SettingsDialog
from azr_desktop.gui.workers import run_task

pytestmark = pytest.mark.gui


def test_generation_streams_and_stops(window, qtbot, tiny_model):
    window.session.open(tiny_model.path)
    pane = window.generation
    window.show_page("generation")
    assert pane.checkpoint.count() == 4  # newest, best, iterations 20 and 10
    pane.prompt.setPlainText("ROMEO:")
    pane.seed.setValue(1)
    pane.max_tokens.setValue(30)
    with qtbot.waitSignal(pane.generationFinished, timeout=WAIT_MS):
        pane.generate_button.click()
    first = pane.output.toPlainText()
    assert first.startswith("ROMEO:") and len(first) > len("ROMEO:")
    with qtbot.waitSignal(pane.generationFinished, timeout=WAIT_MS):
        pane.generate_button.click()
    assert pane.output.toPlainText() == first  # same seed, same text

    pane.max_tokens.setValue(100_000)
    pane.seed.setValue(-1)
    pane.generate_button.click()
    qtbot.waitUntil(lambda: len(pane.output.toPlainText()) > 40, timeout=WAIT_MS)  # streaming: text before the end
    assert pane.stop_button.isEnabled()
    with qtbot.waitSignal(pane.generationFinished, timeout=WAIT_MS):
        pane.stop_button.click()
    assert pane.status.text().startswith("Stopped. Seed: ") and pane.generate_button.isEnabled()


def test_generation_notes_reach_the_message_bar(window, qtbot, tiny_model):
    window.session.open(tiny_model.path)
    pane = window.generation
    pane.prompt.setPlainText("ROMEO: " * 40)  # far more than the 32 tokens the tiny model sees
    pane.max_tokens.setValue(3)
    posted = []
    window.messages.posted.connect(lambda level, text: posted.append((level, text)))
    with qtbot.waitSignal(pane.generationFinished, timeout=WAIT_MS):
        pane.generate_button.click()
    assert [level for level, text in posted if "only its last 32 tokens are used" in text] == ["info"]
    assert pane.output.toPlainText().startswith("ROMEO: " * 40)


def test_errors_are_sentences_in_one_place_and_bugs_go_to_the_crash_dialog(window, qtbot):
    window.messages.error(BookError("x.txt is empty; choose a file with text in it"))
    assert window.bar.isVisible() and window.bar.level == "error"
    assert window.bar.text.text() == "x.txt is empty; choose a file with text in it"
    with qtbot.waitSignal(window.messages.crashed, timeout=WAIT_MS):
        window.messages.error(ValueError("a bug"))


def test_crash_handler_saves_training_before_showing(window, qtbot, tiny_model, monkeypatch):
    from azr_desktop.gui import crash

    shown = []
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda self: shown.append(self.details.toPlainText()))
    pane = window.training
    window.session.open(tiny_model.path)
    qtbot.waitUntil(lambda: pane.plots.train.n == 20, timeout=WAIT_MS)
    pane.target.setValue(100_000)
    pane.save_every.setValue(0)
    pane.start_button.click()
    qtbot.waitUntil(lambda: pane.plots.train.n > 30, timeout=WAIT_MS)
    try:
        raise RuntimeError("unexpected")
    except RuntimeError as e:
        CrashHandler(window.save_state, lambda: window).report(e)
    assert shown and "RuntimeError: unexpected" in shown[0]
    qtbot.waitUntil(lambda: not window.session.training, timeout=WAIT_MS)
    assert (
        len(list_checkpoints(tiny_model.checkpoints_dir)) and list_checkpoints(tiny_model.checkpoints_dir)[-1].iter > 30
    )


def test_task_runs_in_another_thread_and_reports_in_order(qtbot):
    seen, main = [], threading.get_ident()

    def work(emit):
        for i in range(5):
            yield (i, threading.get_ident())
        return "done"

    parent = QCoreApplication.instance()
    results = []
    task = run_task(parent, work, on_item=seen.append, on_done=results.append)
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass
    assert [i for i, _ in seen] == list(range(5)) and all(t != main for _, t in seen)
    assert results == ["done"]


@pytest.mark.parametrize("lang, word", [("ru", "Обучение"), ("uk", "Навчання")])
def test_translations_are_compiled_and_load(lang, word):
    translator = QTranslator()
    assert translator.load(f"azr_{lang}", str(i18n.I18N_DIR))
    assert translator.translate("TrainingPane", "Training") == word


def test_every_gui_string_has_a_finished_translation():
    """What ``tr()`` and ``QCoreApplication.translate()`` are given in the GUI sources, each .ts file translates."""

    def literal(node):
        return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None

    def calls(tree, name):
        return (n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", None) == name)

    wanted = set()
    for path in Path(i18n.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            wanted |= {(cls.name, literal(c.args[0])) for c in calls(cls, "tr") if c.args and literal(c.args[0])}
        wanted |= {tuple(map(literal, c.args[:2])) for c in calls(tree, "translate") if all(map(literal, c.args[:2]))}
    assert len(wanted) > 200
    for ts in Path(str(i18n.I18N_DIR)).glob("azr_[!e]*.ts"):  # azr_en.ts holds only English plural forms
        have = {
            (context.findtext("name"), m.findtext("source"))
            for context in ET.parse(ts).getroot().iter("context")
            for m in context.iter("message")
            if m.findtext("translation") and m.find("translation").get("type") is None
        }
        assert sorted(wanted - have) == [], f"untranslated in {ts.name} (then run pyside6-lrelease)"


def test_window_geometry_and_settings_persist(make_window, settings):
    first = make_window()
    first.resize(900, 640)
    first.close()
    settings.language = "uk"
    assert settings.geometry("main") is not None
    again = make_window()  # restored, not the default 1280x820 (the offscreen platform adds no exact frame)
    assert abs(again.width() - 900) < 80 and abs(again.height() - 640) < 80
    assert settings.language == "uk" and settings.library_dir.name == "library"


def test_a_new_language_offers_a_restart_that_runs_the_same_command(make_window, settings, qtbot, monkeypatch):
    started, asked = [], []
    monkeypatch.setattr(QProcess, "startDetached", lambda program, args: started.append((program, args)) or (True, 1))
    monkeypatch.setattr(MainWindow, "ask_restart", lambda self: asked.append(True) or True)

    def choose(language):
        def exec_(dialog):
            dialog.language.setCurrentIndex(dialog.language.findData(language))
            dialog.accept()
            return True

        return exec_

    window = make_window()
    monkeypatch.setattr(SettingsDialog, "exec", choose(settings.language))  # nothing to restart for
    window.open_settings()
    assert asked == [] and window.isVisible()
    monkeypatch.setattr(SettingsDialog, "exec", choose("ru"))
    window.open_settings()
    assert asked == [True] and not window.isVisible() and started == [restart_command()]
    assert settings.language == "ru" and settings.geometry("main") is not None  # saved before the new start


def test_generated_text_copies_saves_as_txt_and_shows_its_random_seed(window, qtbot, tiny_model, tmp_path, monkeypatch):
    window.session.open(tiny_model.path)
    window.show_page("generation")
    pane = window.generation
    assert not pane.copy_button.isEnabled() and not pane.save_button.isEnabled()  # nothing to copy yet
    pane.prompt.setPlainText("ROMEO:")
    pane.max_tokens.setValue(20)
    pane.seed.setValue(-1)
    with qtbot.waitSignal(pane.generationFinished, timeout=WAIT_MS):
        pane.generate_button.click()
    first, seed = pane.output.toPlainText(), pane.seed_used
    assert pane.status.text() == f"Done. Seed: {seed}." and pane.keep_seed.isVisible()
    pane.keep_seed.click()  # the random seed into the field: the same text again
    assert pane.seed.value() == seed
    with qtbot.waitSignal(pane.generationFinished, timeout=WAIT_MS):
        pane.generate_button.click()
    assert pane.output.toPlainText() == first and not pane.keep_seed.isVisible()

    assert pane.copy_button.isEnabled()
    pane.copy_button.click()
    assert QGuiApplication.clipboard().text() == first
    assert window.statusBar().currentMessage() == "The text is on the clipboard."

    asked = []

    def save_name(parent, caption, folder, filters):
        asked.append(folder)
        return str(tmp_path / "texts" / "story"), filters

    (tmp_path / "texts").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    pane.save_button.click()
    saved = tmp_path / "texts" / "story.txt"
    assert saved.read_text(encoding="utf-8") == first
    assert window.statusBar().currentMessage() == f"Saved the text to {saved}."
    pane.save_button.click()  # the dialog opens where the last text went
    assert asked[1] == str(tmp_path / "texts") and window.settings.folder("texts") == str(tmp_path / "texts")
