"""A new user's first hour (issue 12): creating one's own model, adding books to a trained one, generating after
training, and the time estimate. Each test failed before its fix."""

from __future__ import annotations

import pytest
from gui_helpers import WAIT_MS
from PySide6.QtWidgets import QPushButton

from azr_desktop.core.config import TrainConfig

pytestmark = pytest.mark.gui


def test_create_my_own_model_keeps_checkpoints_evaluation_and_samples(window, qtbot, small_book, tiny_cfgs):
    """The training draft was stored while the spin boxes were still unset: save/eval/sample every 0 ("never")."""
    own = next(b for b in window.library.welcome.findChildren(QPushButton) if b.text() == "Create my own model")
    qtbot.waitUntil(lambda: window.library.stack.currentWidget() is window.library.welcome, timeout=WAIT_MS)
    own.click()
    assert window.pages.currentWidget() is window.model
    pane = window.training
    shown = (pane.save_every.value(), pane.eval_every.value(), pane.sample_every.value(), pane.threads.value())
    assert shown[:3] == (500, 250, 500) and shown[3] > 0
    window.session.set_draft("Mine", tiny_cfgs[0])
    window.data.add_paths([small_book])
    qtbot.waitUntil(lambda: window.data.pending == 0 and len(window.session.books) == 1, timeout=WAIT_MS)
    window.data.train_tokenizer.click()
    qtbot.waitUntil(lambda: window.session.md is not None, timeout=WAIT_MS)
    saved = TrainConfig.load(window.session.md.train_json)
    assert (saved.save_every, saved.eval_every, saved.sample_every, saved.threads) == shown
    assert (pane.save_every.value(), pane.eval_every.value(), pane.sample_every.value()) == (500, 250, 500)
