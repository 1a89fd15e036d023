"""The Compare view (issue 16): three models chosen on the Models page, their plotted series on each x axis, the
table, held-out bits per byte on a picked book, and a model trained further showing up on the next look."""

from __future__ import annotations

import math
import shutil
import time

import numpy as np
import pytest
from gui_helpers import WAIT_MS
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication

from azr_desktop.core.books import inspect_book
from azr_desktop.core.config import ModelConfig, TrainConfig
from azr_desktop.core.inference import load_trained, score_book
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.trainer import Trainer
from azr_desktop.gui import fmt, theme
from azr_desktop.gui.panes import compare_pane

pytestmark = pytest.mark.gui


@pytest.fixture
def three_models(settings, trained_model, other_trained_model, small_book) -> dict[str, ModelDir]:
    """Tiny test and Wider test copied into the library, and a third trained here: batch 2, 10 iterations."""
    root = settings.library_dir
    third = ModelDir.create(
        root / "third",
        ModelConfig(vocab_size=300, d_model=32, n_layers=1, n_heads=2, d_ff=64, context=32),
        TrainConfig(iters=10, batch_size=2, warmup=2, eval_every=5, eval_iters=2, save_every=5, sample_every=0,
                    threads=1, seed=3),
        [inspect_book(small_book)],
        name="Third",
    )  # fmt: skip
    for _ in Trainer(third).run():
        pass
    return {
        "Tiny test": ModelDir(shutil.copytree(trained_model.path, root / "tiny")),
        "Wider test": ModelDir(shutil.copytree(other_trained_model.path, root / "wider")),
        "Third": third,
    }


def _open_comparison(window, qtbot):
    lib = window.library
    lib.refresh()
    qtbot.waitUntil(lambda: lib.table.rowCount() == 3, timeout=WAIT_MS)
    lib.table.selectRow(0)
    assert not lib.buttons["compare"].isEnabled() and lib.buttons["open"].isEnabled()
    selection = lib.table.selectionModel()
    for row in (1, 2):
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        selection.select(lib.table.model().index(row, 0), flags)
    assert lib.buttons["compare"].isEnabled() and not lib.buttons["open"].isEnabled()
    lib.buttons["compare"].click()
    view = lib.comparison
    qtbot.waitUntil(lambda: len(view.rows) == 3, timeout=WAIT_MS)
    return view


def _expected(md: ModelDir, axis: str) -> tuple[np.ndarray, np.ndarray]:
    """The validation points as the trainer recorded them, on ``axis`` (the plot shows KB and seconds for these
    short runs)."""
    records = md.read_metrics()
    evals = [r for r in records if r["event"] == "Eval"]
    at = np.array([e["iter"] for e in evals], float)
    cfg = md.train_config()
    if axis == "bytes":
        tokens = next(md.data_dir.glob("*/train.bin"))
        ids = np.memmap(tokens, dtype=md.tokenizer().token_dtype(), mode="r")
        at = at * cfg.batch_size * md.model_config().context * md.tokenizer().token_bytes[ids].mean() / 1024  # KB
    elif axis == "seconds":
        elapsed = {r["iter"]: r["elapsed_s"] for r in records if r["event"] == "Step"}
        at = np.array([elapsed[e["iter"]] for e in evals])
    return at, np.array([e["bits_per_byte"] for e in evals])


def test_compare_plots_each_axis_and_fills_the_table(window, qtbot, three_models, anna_karenina):
    view = _open_comparison(window, qtbot)
    names = [row.name for row in view.rows]
    assert sorted(names) == ["Third", "Tiny test", "Wider test"]
    colours = theme.category_colors(QApplication.instance())
    for index in range(view.axis.count()):
        view.axis.setCurrentIndex(index)
        axis = view.axis.currentData()
        for i, name in enumerate(names):
            x, y = view.plot.val_curves[i].getData()
            want_x, want_y = _expected(three_models[name], axis)
            np.testing.assert_allclose(x, want_x, rtol=1e-9)
            np.testing.assert_allclose(y, want_y)
            assert view.plot.val_curves[i].opts["pen"].color().name() == colours[i]  # its colour on every axis
            steps = [r for r in three_models[name].read_metrics() if r["event"] == "Step"]
            train_x, train_y = view.plot.train_curves[i].getData()
            assert len(train_x) == len(steps)
            assert np.corrcoef(train_y, [s["loss"] for s in steps])[0, 1] == pytest.approx(1)  # loss, rescaled
        tip = view.plot.val_curves[0].scatter.opts["tip"](x=want_x[-1], y=want_y[-1], data=None)  # on hovering
        assert tip.startswith(names[0] + "\n") and tip.endswith(f"bits per byte: {fmt.decimal(want_y[-1], 3)}")
        assert view.plot.plot.getAxis("bottom").labelText.startswith(
            {"iter": "iteration", "bytes": "text seen, KB", "seconds": "training time, seconds"}[axis]
        )

    table = view.table
    for r, name in enumerate(names):
        md = three_models[name]
        evals = [e["bits_per_byte"] for e in md.read_metrics() if e["event"] == "Eval"]
        assert table.item(r, 0).text() == name
        assert table.item(r, 1).text() == fmt.count(md.model_config().num_params())
        assert table.item(r, 2).text() == "shakespeare_40k.txt"
        assert table.item(r, 3).text() == ("10" if name == "Third" else "20")
        assert table.item(r, 6).text() == fmt.decimal(min(evals), 3)
        assert table.item(r, 7).text() == fmt.decimal(evals[-1], 3)
        assert table.item(r, 8).text() == "–"

    view.score(anna_karenina)
    qtbot.waitUntil(lambda: len(view.held_out) == 3, timeout=WAIT_MS)
    assert view.status.text() == "Held-out text: anna_karenina_ru.txt"
    for r, name in enumerate(names):
        expected = score_book(load_trained(three_models[name]), anna_karenina).bits_per_byte
        assert table.item(r, 8).text() == fmt.decimal(expected, 3)
        assert 1 < expected < 12 and not math.isnan(expected)


def test_a_model_trained_further_moves_on_the_next_look(window, qtbot, three_models):
    view = _open_comparison(window, qtbot)
    third = three_models["Third"]
    i = [row.name for row in view.rows].index("Third")
    assert len(view.plot.val_curves[i].getData()[0]) == 2
    for _ in Trainer(third, third.train_config().replace(iters=15)).run():
        pass
    view.reload()  # what the view's timer does every few seconds
    qtbot.waitUntil(lambda: view.rows[i].iter == 15, timeout=WAIT_MS)
    x, _ = view.plot.val_curves[i].getData()
    np.testing.assert_array_equal(x, [5, 10, 15])
    assert view.table.item(i, 3).text() == "15"
    before = view.rows
    view.reload()  # nothing changed since: nothing is read again
    qtbot.wait(300)
    assert view.rows is before


def test_a_model_training_in_the_window_moves_on_the_open_comparison(window, qtbot, three_models, monkeypatch):
    monkeypatch.setattr(compare_pane, "REFRESH_MS", 200)  # the view looks every 3 s; the test need not wait that long
    view = _open_comparison(window, qtbot)
    i = [row.name for row in view.rows].index("Third")
    assert window.session.open(three_models["Third"].path)
    pane = window.training
    qtbot.waitUntil(lambda: pane.plots.train.n == 10, timeout=WAIT_MS)
    pane.target.setValue(100_000)
    pane.eval_every.setValue(5)
    with qtbot.waitSignal(window.session.runStarted, timeout=WAIT_MS):
        pane.start_button.click()
    # while it trains, its curves and row grow with no call from the test: the view's own timer reads them
    qtbot.waitUntil(lambda: view.rows[i].iter >= 30 and len(view.plot.val_curves[i].getData()[0]) >= 6, timeout=WAIT_MS)
    assert view.table.item(i, 3).text() == fmt.integer(view.rows[i].iter)
    with qtbot.waitSignal(pane.run.ended, timeout=WAIT_MS):
        pane.stop_button.click()


def test_a_model_deleted_while_compared_is_said_once(window, qtbot, three_models):
    view = _open_comparison(window, qtbot)
    posted = []
    window.session.messages.posted.connect(lambda level, text: posted.append((level, text)))
    shutil.rmtree(three_models["Third"].path)
    view.reload()
    qtbot.waitUntil(lambda: len(posted) > 0, timeout=WAIT_MS)
    gone = three_models["Third"].path
    assert posted == [("error", f"{gone} does not exist; check the path or train a new model there")]
    assert not view.timer.isActive() and len(view.rows) == 3  # the last figures stay on screen


def test_closing_the_window_cancels_held_out_scoring(window, qtbot, three_models, shakespeare, tmp_path):
    view = _open_comparison(window, qtbot)
    long_book = tmp_path / "long.txt"
    long_book.write_bytes(shakespeare.read_bytes() * 20)  # 6 MB: minutes of scoring for three models here
    view.score(long_book)
    qtbot.wait(500)
    started = time.perf_counter()
    window.close()  # waits for the workers: the scoring one stops at its next batch
    assert time.perf_counter() - started < 10
    qtbot.wait(100)
    assert view.held_out == {} and view.score_button.isEnabled()
