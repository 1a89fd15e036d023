"""The app and another program on one model: the command line trains while the window shows the model in use and
follows its run, and the other way round; the library's file operations wait for the writer too."""

from __future__ import annotations

import json
import os
import signal
import socket

import pytest
from gui_helpers import WAIT_MS
from proc_helpers import steps_of

from azr_desktop.core import library
from azr_desktop.core.errors import ModelInUse
from azr_desktop.core.lock import INFO_FILE, LOCK_FILE
from azr_desktop.core.modeldir import ModelDir

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def _row(pane, path):
    return [m.path for m in pane.models].index(path)


def test_a_model_the_command_line_trains_is_in_use_and_its_run_is_followed(
    window, qtbot, tiny_model, programs, anna_karenina
):
    cli = programs(tiny_model.path, "--iters", "100000", "--eval-every", "50", "--save-every", "100")
    cli.wait_until_writing(tiny_model.path)

    lib = window.library
    lib.refresh()
    qtbot.waitUntil(lambda: tiny_model.path in lib.watch.writers and bool(lib.models), timeout=WAIT_MS)
    in_use = "Tiny test (in use)"
    qtbot.waitUntil(lambda: lib.table.item(_row(lib, tiny_model.path), 0).text() == in_use, timeout=WAIT_MS)
    assert f"process {cli.pid} " in lib.table.item(_row(lib, tiny_model.path), 0).toolTip()
    lib.table.selectRow(_row(lib, tiny_model.path))
    assert lib.buttons["open"].isEnabled() and not lib.buttons["rename"].isEnabled()
    assert not lib.buttons["delete"].isEnabled()

    assert window.session.open(tiny_model.path)
    pane = window.training
    qtbot.waitUntil(lambda: pane.follower.writer is not None, timeout=WAIT_MS)
    assert not pane.start_button.isEnabled() and not pane.batch.isEnabled()
    assert f"is being trained by process {cli.pid} on {socket.gethostname()}" in pane.state_label.text()
    qtbot.waitUntil(lambda: pane.plots.train.n > 150, timeout=WAIT_MS)  # the plots follow the other run
    assert pane._last_step is not None and pane._last_step.iter > 150
    assert not pane.start_button.isEnabled()
    books = tiny_model.meta()["books"]
    with qtbot.waitSignal(
        window.session.messages.posted, timeout=WAIT_MS, check_params_cb=lambda _, text: f"process {cli.pid} " in text
    ):
        window.data.add_paths([anna_karenina])  # the book list is the model's too: it waits for the other program
    assert tiny_model.meta()["books"] == books

    cli.send_signal(signal.SIGINT)  # the command line stops (saving a checkpoint)
    code, _, err = cli.finish()
    assert code == 0, err
    qtbot.waitUntil(lambda: pane.follower.writer is None and pane.start_button.isEnabled(), timeout=WAIT_MS)
    steps = steps_of(tiny_model.path)
    qtbot.waitUntil(lambda: pane.plots.train.n == len(steps), timeout=WAIT_MS)  # reloaded: all of it, once
    pane.plots.flush()
    assert list(pane.plots.train_curve.getData()[0]) == steps
    assert pane.start_button.text() == "Continue" and pane.state_label.text() == "Ready."
    qtbot.waitUntil(lambda: lib.table.item(_row(lib, tiny_model.path), 0).text() == "Tiny test", timeout=WAIT_MS)


def test_the_window_follows_a_run_that_cuts_the_history_back_to_its_checkpoint(window, qtbot, tiny_model, programs):
    last = [r for r in tiny_model.read_metrics() if r["event"] == "Step"][-1]
    with open(tiny_model.metrics_path, "a", encoding="utf-8") as f:  # a run killed at 25, after the checkpoint at 20
        f.writelines(json.dumps({**last, "iter": i}) + "\n" for i in range(21, 26))
    assert window.session.open(tiny_model.path)
    pane = window.training
    qtbot.waitUntil(lambda: pane.plots.train.n == 25, timeout=WAIT_MS)

    cli = programs(tiny_model.path, "--iters", "100000", "--eval-every", "50", "--save-every", "100")
    cli.wait_until_writing(tiny_model.path)  # it resumes from 20 and drops 21-25 from the history
    qtbot.waitUntil(lambda: pane.follower.writer is not None and pane.plots.train.n > 60, timeout=WAIT_MS)
    pane.plots.flush()
    drawn = list(pane.plots.train_curve.getData()[0])
    assert drawn == list(range(1, len(drawn) + 1))  # the plot matches the weights: 21-25 once, from this run


def test_the_command_line_is_refused_while_the_app_trains(window, qtbot, tiny_model, programs):
    assert window.session.open(tiny_model.path)
    pane = window.training
    qtbot.waitUntil(lambda: pane.plots.train.n == 20, timeout=WAIT_MS)
    pane.target.setValue(100_000)
    with qtbot.waitSignal(window.session.runStarted, timeout=WAIT_MS):
        pane.start_button.click()
    run = pane.run
    qtbot.waitUntil(lambda: run.state == "running" and pane.plots.train.n > 40, timeout=WAIT_MS)

    code, out, err = programs(tiny_model.path, "--iters", "300").finish()
    assert code == 2 and out == ""
    assert err.startswith(f"error: tiny is being trained by process {os.getpid()} on {socket.gethostname()} since ")
    assert pane.follower.writer is None  # the app's own run is not "another program"
    with qtbot.waitSignal(run.ended, timeout=WAIT_MS):
        pane.stop_button.click()
    steps = steps_of(tiny_model.path)
    assert steps == list(range(1, steps[-1] + 1))
    assert not (tiny_model.path / INFO_FILE).exists()


def test_renaming_and_deleting_wait_for_the_writer(model_copy, holders):
    proc = holders(model_copy, "self-play")
    with pytest.raises(ModelInUse, match=f"is in self-play in process {proc.pid} "):
        library.rename(model_copy, "Other name")
    with pytest.raises(ModelInUse):
        library.delete(model_copy)
    assert ModelDir.open(model_copy).meta()["name"] == "Tiny test"
    proc.kill()
    proc.wait(timeout=60)
    moved = library.rename(model_copy, "Other name")
    assert ModelDir.open(moved).meta()["name"] == "Other name" and not model_copy.exists()
    assert not (moved / INFO_FILE).exists()
    copy = library.duplicate(moved)
    assert not (copy / LOCK_FILE).exists() and ModelDir.open(copy).meta()["name"] == "Other name (copy)"
    library.delete(moved)
    assert not moved.exists()
