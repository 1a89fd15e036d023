"""Side by side generation (issue 16): two checkpoints, one prompt, one seed, written into columns; the texts are
those two single generations with the same seed give, and Save all writes them as one file."""

from __future__ import annotations

import shutil

import pytest
from gui_helpers import WAIT_MS
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

pytestmark = pytest.mark.gui


def _single(pane, qtbot, iteration: int) -> str:
    pane.checkpoint.setCurrentIndex(pane.checkpoint.findData(iteration))
    with qtbot.waitSignal(pane.generationFinished, timeout=WAIT_MS):
        pane.generate_button.click()
    return pane.output.toPlainText()


def test_two_checkpoints_side_by_side_write_what_single_generations_write(
    window, qtbot, tiny_model, other_trained_model, settings, tmp_path, monkeypatch
):
    shutil.copytree(other_trained_model.path, settings.library_dir / "wider")  # another model: offered, not chosen
    window.session.open(tiny_model.path)
    pane = window.generation
    window.show_page("generation")
    pane.prompt.setPlainText("ROMEO:")
    pane.seed.setValue(11)
    pane.max_tokens.setValue(40)
    assert pane.side_by_side_button.isEnabled()  # a trained model is open (checkpoints at 10 and 20)

    pane.side_by_side_button.click()
    qtbot.waitUntil(lambda: pane.side_by_side is not None, timeout=WAIT_MS)
    view = pane.side_by_side
    offered = [view.choice.item(i).text() for i in range(view.choice.count())]
    assert offered == ["Iteration 10", "Iteration 20", "Wider test (iteration 20)"]
    assert [view.choice.item(i).checkState() == Qt.CheckState.Checked for i in range(3)] == [True, True, False]
    view.generate_button.click()
    qtbot.waitUntil(lambda: not view.generating, timeout=WAIT_MS)
    texts = view.texts()
    assert view.status.text() == "Done. Seed: 11."

    singles = [_single(pane, qtbot, 10), _single(pane, qtbot, 20)]
    assert texts == singles
    assert texts[0] != texts[1] and all(t.startswith("ROMEO:") and len(t) > 10 for t in texts)

    out = tmp_path / "both"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    view.save_button.click()
    saved = (tmp_path / "both.txt").read_text(encoding="utf-8")
    assert saved == f"Seed: 11.\n\n=== Iteration 10 ===\n{texts[0]}\n\n=== Iteration 20 ===\n{texts[1]}\n"

    view.choice.item(0).setCheckState(Qt.CheckState.Unchecked)  # the newest checkpoint and the other model
    view.choice.item(2).setCheckState(Qt.CheckState.Checked)
    view.generate_button.click()
    qtbot.waitUntil(lambda: not view.generating, timeout=WAIT_MS)
    newest, other = view.texts()
    assert newest == singles[1] and other.startswith("ROMEO:") and other != newest


def test_closing_the_window_stops_side_by_side_writing(window, qtbot, tiny_model):
    window.session.open(tiny_model.path)
    pane = window.generation
    pane.max_tokens.setValue(100_000)  # minutes of writing, were it not stopped
    pane.side_by_side_button.click()
    qtbot.waitUntil(lambda: pane.side_by_side is not None, timeout=WAIT_MS)
    view = pane.side_by_side
    view.generate_button.click()
    qtbot.waitUntil(lambda: len(view.texts()[0]) > 20, timeout=WAIT_MS)
    window.close()  # waits for the workers: the side by side one stops at its next token
    assert not view.generating or view._stop.is_set()
    qtbot.waitUntil(lambda: not view.generating, timeout=WAIT_MS)
    assert view.status.text().startswith("Stopped.")
