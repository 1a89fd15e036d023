"""Models, Model and Data pages: the library, inline validation, dropping books (bad ones too), the tokenizer."""

from __future__ import annotations

import pytest
from gui_helpers import WAIT_MS, drop
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from azr_desktop.core.export import export_model
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.gui import fmt

pytestmark = pytest.mark.gui


def test_empty_library_shows_the_welcome(window, qtbot):
    qtbot.waitUntil(lambda: window.library.stack.currentWidget() is window.library.welcome, timeout=WAIT_MS)


def test_library_lists_renames_duplicates_and_deletes(window, qtbot, tiny_model, monkeypatch):
    lib = window.library
    lib.refresh()
    qtbot.waitUntil(lambda: lib.table.rowCount() == 1, timeout=WAIT_MS)
    assert lib.table.item(0, 0).text() == "Tiny test"
    assert lib.table.item(0, 3).text() == "20 / 20"
    assert lib.table.item(0, 5).text() != "–"  # best validation loss

    lib.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Renamed", True))
    lib.rename_selected()
    qtbot.waitUntil(lambda: lib.table.rowCount() == 1 and lib.table.item(0, 0).text() == "Renamed", timeout=WAIT_MS)
    assert ModelDir.open(lib.models[0].path).meta()["name"] == "Renamed"

    lib.table.selectRow(0)
    lib.duplicate_selected()
    qtbot.waitUntil(lambda: lib.table.rowCount() == 2, timeout=WAIT_MS)

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    lib.table.selectRow(0)
    lib.delete_selected()
    qtbot.waitUntil(lambda: lib.table.rowCount() == 1, timeout=WAIT_MS)


def test_model_page_flags_invalid_sizes_before_start(window, qtbot):
    pane = window.model
    window.new_model()
    pane.spins["d_model"].setValue(128)
    pane.spins["n_heads"].setValue(3)
    assert pane.error.isVisible() and pane.error.text() == "Attention heads (3) must divide Width (128) evenly."
    pane.spins["n_heads"].setValue(4)
    assert not pane.error.isVisible()
    assert window.session.draft_cfg.n_heads == 4
    assert pane.params.text().startswith(fmt.integer(window.session.draft_cfg.num_params()))
    assert pane.preset.currentData() == "custom"
    qtbot.waitUntil(lambda: pane.speed.text().startswith("about"), timeout=WAIT_MS)  # a few steps were timed


def test_dropping_books_adds_good_ones_and_lists_the_bad_ones(window, qtbot, small_book, tmp_path, tiny_cfgs):
    folder = tmp_path / "books"
    folder.mkdir()
    (folder / "ru.txt").write_bytes("Все смешалось в доме Облонских. ".encode("cp1251") * 200)
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    (folder / "empty.txt").write_bytes(b"")
    errors = []
    window.messages.posted.connect(lambda level, text: errors.append(text) if level == "error" else None)
    window.new_model()
    drop(window, [small_book, folder])
    qtbot.waitUntil(lambda: window.data.pending == 0 and len(window.session.books) == 2, timeout=WAIT_MS)
    assert window.pages.currentWidget() is window.data
    assert [b.info.encoding for b in window.session.books] == ["utf-8", "cp1251"]
    assert len(errors) == 1 and errors[0].startswith("Not added (2):")  # one message lists every refusal
    assert "PNG" in errors[0] and "empty" in errors[0]
    assert window.data.table.rowCount() == 2 and window.data.table.item(1, 2).text() == "cp1251"
    window.data.table.selectRow(1)
    assert window.data.preview.toPlainText().startswith("Все смешалось")

    model_cfg, _ = tiny_cfgs
    window.session.set_draft("Dropped", model_cfg)
    window.data.train_tokenizer.click()
    qtbot.waitUntil(lambda: window.session.md is not None, timeout=WAIT_MS)
    assert window.session.md.tokenizer_json.exists()
    assert "bytes per token" in window.data.compression.text()
    assert "<span" in window.data.tokens.toHtml()


def test_export_writes_the_newest_checkpoint(window, qtbot, tiny_model, tmp_path):
    lib = window.library
    lib.refresh()
    qtbot.waitUntil(lambda: lib.table.rowCount() == 1, timeout=WAIT_MS)
    lib.table.selectRow(0)
    assert lib.buttons["export"].isEnabled()
    out = tmp_path / "tiny.safetensors"
    with qtbot.waitSignal(lib.exported, timeout=WAIT_MS) as done:
        lib.export(tiny_model.path, "safetensors", out)
    assert out.is_file() and done.args[0].iter == 20
    assert str(out) in window.statusBar().currentMessage() and not window.bar.isVisible()


def test_a_path_with_percent_placeholders_is_reported_as_it_is(window, qtbot, tiny_model, tmp_path):
    """Filling "Exported iteration %1 to %2 (%3)." one placeholder after another put the size into the path's %3."""
    lib = window.library
    out = tmp_path / "50%3 off %1" / "tiny.safetensors"
    out.parent.mkdir()
    with qtbot.waitSignal(lib.exported, timeout=WAIT_MS) as done:
        lib.export(tiny_model.path, "safetensors", out)
    assert out.is_file()
    size = fmt.size(done.args[0].size_bytes)
    assert window.statusBar().currentMessage() == f"Exported iteration 20 to {out} ({size})."


def test_import_and_dropped_model_files_join_the_library(window, qtbot, tiny_model, tmp_path, monkeypatch):
    lib = window.library
    lib.refresh()
    qtbot.waitUntil(lambda: lib.table.rowCount() == 1, timeout=WAIT_MS)
    exported = tmp_path / "tiny.pt"
    export_model(tiny_model, "pt", exported)
    asked = []

    def open_names(parent, caption, folder, filters):
        asked.append(filters)
        return [str(exported)], filters

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", open_names)
    with qtbot.waitSignal(lib.imported, timeout=WAIT_MS) as done:
        lib.buttons["import"].click()
    assert asked == ["Model files (*.pt *.safetensors)"]
    summary = done.args[0]
    expected = ("Tiny test (2)", 20, window.settings.library_dir)  # the library has a "Tiny test" already
    assert (summary.name, summary.iter, summary.path.parent) == expected
    qtbot.waitUntil(lambda: lib.table.rowCount() == 2, timeout=WAIT_MS)
    assert "Imported Tiny test (2) at iteration 20" in window.statusBar().currentMessage()

    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"junk")
    drop(lib, [bad])
    qtbot.waitUntil(lambda: window.bar.level == "error", timeout=WAIT_MS)
    assert "bad.safetensors" in window.bar.text.text() and "\n" not in window.bar.text.text()
    assert window.pages.currentWidget() is lib and window.data.pending == 0  # not taken for a book

    window.session.open(summary.path)  # no books came with the file: training says so instead of failing
    window.training.start_button.click()
    qtbot.waitUntil(lambda: "add at least one .txt book" in window.bar.text.text(), timeout=WAIT_MS)
    assert window.bar.level == "error"
