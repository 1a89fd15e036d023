"""An overfitting model trained from the Training page stops early and says why, or first goes back to its best
checkpoint to decay the learning rate there; Generate and Export then offer its best checkpoint, and use those
weights."""

from __future__ import annotations

import pytest
from gui_helpers import WAIT_MS
from PySide6.QtWidgets import QFileDialog, QInputDialog

from azr_desktop.core import events as ev
from azr_desktop.core.books import inspect_book
from azr_desktop.core.checkpoint import read_best
from azr_desktop.core.config import ModelConfig, TrainConfig
from azr_desktop.core.modeldir import ModelDir

pytestmark = pytest.mark.gui


@pytest.fixture
def overfitting(settings, shakespeare, tmp_path):
    """A model that memorises its 3 KB book within about 70 iterations, with early stopping on."""

    def make(**changes) -> ModelDir:
        book = tmp_path / "tiny_book.txt"
        book.write_bytes(shakespeare.read_bytes()[:3000])
        model_cfg = ModelConfig(vocab_size=320, d_model=128, n_layers=2, n_heads=2, d_ff=512, context=32)
        train_cfg = TrainConfig(
            iters=400, batch_size=8, lr=3e-3, warmup=5, eval_every=10, eval_iters=4, save_every=50, sample_every=0,
            keep_checkpoints=1, threads=1, seed=7, patience=3,
        ).replace(**changes)  # fmt: skip
        return ModelDir.create(
            settings.library_dir / "overfit", model_cfg, train_cfg, [inspect_book(book)], name="Overfit"
        )

    return make


def train_to_the_end(window, qtbot, md: ModelDir) -> list:
    """Open ``md``, press Start and wait for the run to end; its events."""
    assert window.session.open(md.path)
    pane = window.training
    events = []
    with qtbot.waitSignal(window.session.runStarted, timeout=WAIT_MS):
        pane.start_button.click()
    pane.run.event.connect(events.append)
    with qtbot.waitSignal(pane.run.ended, timeout=4 * WAIT_MS):
        pass
    return events


def test_a_cool_down_moves_the_target_on_the_form(window, qtbot, overfitting):
    events = train_to_the_end(window, qtbot, overfitting())  # the rate is still at its peak when the loss stops falling
    pane = window.training
    moved = [e for e in events if isinstance(e, ev.TargetChanged)]
    assert len(moved) == 1 and moved[0].new < 400 and events[-1] == ev.Finished(moved[0].new, "target_reached")
    assert pane.target.value() == moved[0].new == window.session.train_draft.iters  # Continue would not undo it
    assert "goes back to that checkpoint" in pane.log.toPlainText()


def test_an_early_stop_is_explained_and_the_best_checkpoint_can_be_picked(
    window, qtbot, overfitting, tmp_path, monkeypatch
):
    md = overfitting(decay_frac=0.0)  # no decay to begin early: patience alone ends the run
    posted = []
    window.messages.posted.connect(lambda level, text: posted.append((level, text)))
    events = train_to_the_end(window, qtbot, md)
    pane = window.training
    stopped = events[-1]
    assert stopped.reason == "no_improvement" and stopped.iter < 400
    assert pane.state_label.text() == (
        f"Stopped early at iteration {stopped.iter}: validation loss no longer improved. The best checkpoint is kept"
        " for Generate and Export."
    )
    assert any("training stopped early" in text for _, text in posted)
    best = read_best(md.checkpoints_dir)
    lowest = min((e for e in events if isinstance(e, ev.Eval)), key=lambda e: e.val_loss)
    assert best.iter == stopped.iter - 30 == lowest.iter

    window.show_page("generation")
    gen = window.generation
    label = f"Best (iteration {best.iter}, val {best.val_loss:.4f})"
    assert [gen.checkpoint.itemText(i) for i in range(2)] == [f"Newest (iteration {stopped.iter})", label]
    gen.checkpoint.setCurrentIndex(1)
    gen.seed.setValue(1)
    gen.max_tokens.setValue(10)
    with qtbot.waitSignal(gen.generationFinished, timeout=WAIT_MS):
        gen.generate_button.click()
    assert gen._trained.iter == best.iter

    lib = window.library
    lib.refresh()
    qtbot.waitUntil(lambda: lib.table.rowCount() == 1 and lib.models[0].best == best, timeout=WAIT_MS)
    lib.table.selectRow(0)
    asked = []

    def get_item(parent, title, label_text, items, *args):
        asked.append(items)
        return (items[0] if len(asked) == 1 else label), True

    out = tmp_path / "best.pt"
    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    with qtbot.waitSignal(lib.exported, timeout=WAIT_MS) as done:
        lib.export_selected()
    assert asked[1] == [f"Newest (iteration {stopped.iter})", label]
    assert done.args[0].iter == best.iter and out.is_file()
