"""The Data, Training and Models pages in a new user's first hour (issue 12's should-fix list): progress while the
tokenizer trains, a new target shown at once, imported and renamed models."""

from __future__ import annotations

import pytest
from gui_helpers import WAIT_MS
from PySide6.QtWidgets import QInputDialog

from azr_desktop.core.config import MAX_VOCAB
from azr_desktop.core.export import export_model
from azr_desktop.gui import fmt

pytestmark = pytest.mark.gui


def test_tokenizer_training_shows_progress_and_leaves_no_stale_bar(window, qtbot, small_book, tiny_cfgs):
    window.new_model()
    window.session.set_draft("Mine", tiny_cfgs[0])
    window.data.add_paths([small_book])
    window.show_page("data")
    qtbot.waitUntil(lambda: window.data.pending == 0 and len(window.session.books) == 1, timeout=WAIT_MS)
    window.data.train_tokenizer.click()
    assert window.data.progress.isVisible() and "tokenizer" in window.data.progress.format()
    qtbot.waitUntil(lambda: window.session.md is not None, timeout=WAIT_MS)
    assert not window.data.progress.isVisible()
    bar = window.training.progress
    assert "tokenizer" not in bar.format() and bar.maximum() == window.training.target.value() and bar.value() == 0


def _plan_end(pane) -> float:
    return pane.plots.plan[0][-1]


def test_a_new_target_shows_at_once_before_start_after_training_and_while_paused(window, qtbot, tiny_model):
    pane = window.training
    window.new_model()  # before the first Start: the bar and the plan follow the field
    pane.target.setValue(1234)
    assert pane.progress.maximum() == 1234 and _plan_end(pane) == 1234

    assert window.session.open(tiny_model.path)  # trained to 20
    qtbot.waitUntil(lambda: pane.plots.train.n == 20, timeout=WAIT_MS)
    pane.target.setValue(60)
    pane.target.editingFinished.emit()
    assert (pane.progress.value(), pane.progress.maximum()) == (20, 60)
    qtbot.waitUntil(lambda: _plan_end(pane) == 60, timeout=WAIT_MS)

    pane.target.setValue(100_000)
    pane.target.editingFinished.emit()
    with qtbot.waitSignal(window.session.runStarted, timeout=WAIT_MS):
        pane.start_button.click()
    run = pane.run
    qtbot.waitUntil(lambda: run.state == "running" and pane.plots.train.n > 25, timeout=WAIT_MS)
    with qtbot.waitSignal(run.stateChanged, timeout=WAIT_MS, check_params_cb=lambda s: s == "paused"):
        pane.pause_button.click()
    now = pane._last_step.iter
    pane.target.setValue(now + 500)
    pane.target.editingFinished.emit()
    assert pane.progress.maximum() == now + 500 and _plan_end(pane) == now + 500  # before resuming
    assert pane.stats["iter"].text().endswith(f"/ {now + 500}")
    with qtbot.waitSignal(run.ended, timeout=WAIT_MS):
        pane.stop_button.click()


def test_an_imported_model_shows_its_iteration_its_name_and_a_second_import_gets_its_own_name(
    window, qtbot, tiny_model, tmp_path
):
    exported = tmp_path / "tiny.pt"
    export_model(tiny_model, "pt", exported)
    lib = window.library
    imported = []
    lib.imported.connect(imported.append)
    lib.import_files([exported])
    qtbot.waitUntil(lambda: len(imported) == 1, timeout=WAIT_MS)
    lib.import_files([exported])
    qtbot.waitUntil(lambda: len(imported) == 2, timeout=WAIT_MS)
    assert [m.name for m in imported] == ["Tiny test (2)", "Tiny test (3)"]  # the library had "Tiny test" already

    assert window.session.open(imported[0].path)
    pane = window.training
    qtbot.waitUntil(lambda: pane.stats["iter"].text() == "20 / 20", timeout=WAIT_MS)
    assert pane.progress.value() == 20 and pane.plots.plan[0][0] == 20  # the plan goes on from where it is
    pane.target.setValue(50)
    pane.target.editingFinished.emit()
    qtbot.waitUntil(lambda: _plan_end(pane) == 50 and pane.plots.plan[0][0] == 20, timeout=WAIT_MS)
    pane.start_button.click()  # no books came with the file: the message names the model as the user knows it
    qtbot.waitUntil(lambda: "has no books" in window.bar.text.text(), timeout=WAIT_MS)
    assert window.bar.text.text().startswith("Tiny test (2) has no books")


def test_renaming_the_open_model_keeps_it_open_at_the_next_start(make_window, qtbot, tiny_model, monkeypatch):
    window = make_window()
    assert window.session.open(tiny_model.path)
    lib = window.library
    lib.refresh()
    qtbot.waitUntil(lambda: lib.table.rowCount() == 1, timeout=WAIT_MS)
    lib.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Renamed model", True))
    lib.rename_selected()
    qtbot.waitUntil(lambda: window.session.md.path.name == "Renamed-model", timeout=WAIT_MS)
    window.close()

    reopened = make_window()
    assert reopened.session.md is not None and reopened.session.md.path.name == "Renamed-model"
    assert reopened.session.name == "Renamed model"


def test_refusals_come_in_one_message_on_a_bar_that_floats_and_clears(window, qtbot, tmp_path, small_book):
    folder = tmp_path / "bad"
    folder.mkdir()
    for name in ("one.txt", "two.txt", "three.txt"):
        (folder / name).write_bytes(b"")
    window.new_model()
    window.show_page("data")
    page = window.data.geometry()
    window.data.add_paths([folder])
    qtbot.waitUntil(lambda: window.data.pending == 0 and window.bar.isVisible(), timeout=WAIT_MS)
    lines = window.bar.text.text().split("\n")
    assert lines[0] == "Not added (3):"
    assert [line.split()[0] for line in lines[1:]] == ["one.txt", "three.txt", "two.txt"]
    assert window.data.geometry() == page  # the bar lies over the page instead of pushing it down
    assert window.bar.geometry().bottom() > page.bottom() - window.bar.height()  # over the foot of the page

    window.data.add_paths([small_book])  # a later success takes the old error away
    qtbot.waitUntil(lambda: window.data.pending == 0 and not window.bar.isVisible(), timeout=WAIT_MS)
    assert window.statusBar().currentMessage() == "Books added: 1."


def test_model_page_names_fields_as_the_form_does_and_refuses_numbers_out_of_range(window, qtbot):
    pane = window.model
    window.new_model()
    pane.spins["d_model"].setValue(512)
    pane.spins["n_heads"].setValue(7)
    assert pane.error.text() == "Attention heads (7) must divide Width (512) evenly."
    assert (pane.params.text(), pane.memory.text(), pane.speed.text()) == ("–", "–", "–")
    pane.spins["n_heads"].setValue(8)
    assert not pane.error.isVisible() and pane.memory.text() != "–"

    vocab = pane.spins["vocab_size"]  # typed as a user types: 10 is kept and refused in words, not replaced
    vocab.selectAll()
    qtbot.keyClicks(vocab, "10")
    vocab.editingFinished.emit()
    assert vocab.value() == 10
    assert pane.error.text() == f"Vocabulary size must be between 272 and {fmt.integer(MAX_VOCAB)}."
    assert window.session.draft_cfg.vocab_size != 10  # the draft keeps the last valid architecture
