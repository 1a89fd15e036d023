"""Training page, several GPUs: the GPUs choice (shown with more than one GPU, usable on Linux only, one GPU for
self-play) and a real run of two processes (``ProcessRun``: `azr-desktop train --json --devices 2`, on the CPU here)
that the page shows, pauses, retargets and stops as a run in the app's own process."""

from __future__ import annotations

import sys

import pytest
import torch
from gui_helpers import WAIT_MS
from proc_helpers import kill_tree

from azr_desktop.core import events as ev
from azr_desktop.core.checkpoint import list_checkpoints
from azr_desktop.gui import fmt
from azr_desktop.gui.main_window import MainWindow
from azr_desktop.gui.process_run import ProcessRun

pytestmark = pytest.mark.gui
RUN_MS = 180_000  # three processes importing torch on a loaded 2-core machine


@pytest.fixture
def gpus(monkeypatch):
    """``gpus(n, platform)``: the computer the next window sees."""

    def computer(n: int, platform: str = "linux") -> None:
        monkeypatch.setattr(torch.cuda, "device_count", lambda: n)
        monkeypatch.setattr(sys, "platform", platform)

    return computer


@pytest.fixture
def no_orphans(monkeypatch):
    """The ProcessRuns a test started; each command and its workers are killed if still there at the end. A window
    closed while one runs saves without asking: a test that fails mid-run must not wait on a question at teardown."""
    monkeypatch.setattr(MainWindow, "confirm_close", lambda self: True)
    runs: list[ProcessRun] = []
    yield runs
    for run in runs:
        if run.pid is not None:
            kill_tree(run.pid)
        run.wait(60_000)


def test_the_gpus_choice_shows_with_several_gpus_and_works_on_linux_only(make_window, gpus, settings):
    gpus(1)
    assert make_window().training.gpus.isHidden()

    gpus(2)
    pane = make_window().training
    assert not pane.gpus.isHidden() and pane.gpus.isEnabled() and pane.gpus.maximum() == 2
    assert pane.devices() == 1
    pane.gpus.setValue(2)
    assert pane.devices() == 2 and settings.gpus == 2
    pane.selfplay.use.setChecked(True)
    assert not pane.gpus.isEnabled() and "Self-play trains on one GPU" in pane.gpus.toolTip()
    assert pane.devices() == 1
    pane.selfplay.use.setChecked(False)
    assert pane.gpus.isEnabled() and pane.devices() == 2

    gpus(2, "win32")
    pane = make_window().training
    assert pane.gpus.value() == 2  # remembered
    assert not pane.gpus.isHidden() and not pane.gpus.isEnabled() and pane.devices() == 1
    assert "needs Linux" in pane.gpus.toolTip() and "not dependable on Windows and macOS" in pane.gpus.toolTip()


def _start_two(window, qtbot, md, no_orphans, **form) -> ProcessRun:
    pane = window.training
    pane.device.setCurrentIndex(pane.device.findData("cpu"))
    pane.threads.setValue(1)
    pane.gpus.setValue(2)
    for name, value in form.items():
        getattr(pane, name).setValue(value)
    with qtbot.waitSignal(window.session.runStarted, timeout=WAIT_MS) as started:
        pane.start_button.click()
    run = started.args[0]
    assert isinstance(run, ProcessRun) and run is pane.run
    no_orphans.append(run)
    return run


@pytest.mark.skipif(sys.platform != "linux", reason="several devices are offered on Linux only")
def test_two_processes_train_pause_retarget_and_stop_through_the_page(
    make_window, qtbot, gpus, tiny_model, no_orphans
):
    gpus(2)
    window = make_window()
    assert window.session.open(tiny_model.path)
    pane = window.training
    qtbot.waitUntil(lambda: pane.plots.train.n == 20, timeout=WAIT_MS)  # the history of the first 20 iterations
    run = _start_two(window, qtbot, tiny_model, no_orphans, target=100_000, eval_every=5, save_every=5,
                     sample_every=5)
    events: list[ev.Event] = []
    run.event.connect(events.append)
    qtbot.waitUntil(lambda: run.state == "running" and pane.plots.val.n >= 4, timeout=RUN_MS)  # 2 own evals at least
    resumed = f"resuming at iteration 20: target 100000, {fmt.integer(30880)} parameters, cpu (fp32, 1"  # locale's
    assert resumed in pane.log.toPlainText()
    assert [type(e) for e in events].count(ev.Started) == 1  # rank 0 alone reports
    assert "iteration 25: checkpoint saved" in pane.log.toPlainText()
    assert "— iteration 25 —" in pane.samples.toPlainText()
    library = window.library  # the lock is held by a process of this run: the model is not in use by another program
    qtbot.waitUntil(lambda: tiny_model.path in library.watch.writers, timeout=WAIT_MS)
    with qtbot.waitSignal(library.scanned, timeout=WAIT_MS):
        library.refresh()
    assert [library.table.item(r, 0).text() for r in range(library.table.rowCount())] == ["Tiny test"]

    with qtbot.waitSignal(run.stateChanged, timeout=RUN_MS, check_params_cb=lambda s: s == "paused"):
        pane.pause_button.click()
    paused = next(e for e in events if isinstance(e, ev.Paused))
    n = pane.plots.train.n
    qtbot.wait(3000)  # longer than the trainer's wait for a resume: the processes meet, nobody steps
    assert pane.plots.train.n == n == paused.iter
    pane.target.setValue(paused.iter + 6)
    pane.target.editingFinished.emit()
    with qtbot.waitSignal(run.stateChanged, timeout=RUN_MS, check_params_cb=lambda s: s == "running"):
        pane.start_button.click()
    with qtbot.waitSignal(run.ended, timeout=RUN_MS):
        pass
    assert events[-1] == ev.Finished(paused.iter + 6, "target_reached")
    assert [type(e) for e in events].count(ev.TargetChanged) == 1
    assert list_checkpoints(tiny_model.checkpoints_dir)[-1].iter == paused.iter + 6
    assert pane.state_label.text() == f"Finished at iteration {paused.iter + 6}: the target is reached and saved."
    assert pane.start_button.text() == "Continue" and pane.start_button.isEnabled()

    # Continue on two processes, then close the window: it waits for the checkpoint, as with one process
    run = _start_two(window, qtbot, tiny_model, no_orphans, target=100_000)
    qtbot.waitUntil(lambda: pane.plots.train.n > paused.iter + 8, timeout=RUN_MS)
    window.close()  # confirmed (no_orphans)
    assert window.isVisible()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=RUN_MS)
    saved = list_checkpoints(tiny_model.checkpoints_dir)[-1].iter
    assert saved >= pane.plots.train.n > paused.iter + 8
    assert f"stopped at iteration {saved}" in pane.log.toPlainText()
    assert run.wait(1000) and not run.active


@pytest.mark.skipif(sys.platform != "linux", reason="several devices are offered on Linux only")
def test_a_run_the_command_refuses_is_its_one_line_message(make_window, qtbot, gpus, tiny_model, no_orphans):
    gpus(2)
    window = make_window()
    assert window.session.open(tiny_model.path)
    errors = []
    window.messages.posted.connect(lambda level, text: errors.append(text) if level == "error" else None)
    run = _start_two(window, qtbot, tiny_model, no_orphans, batch=5)
    failures = []
    run.failed.connect(failures.append)
    with qtbot.waitSignal(run.ended, timeout=RUN_MS):
        pass
    assert errors == ["a batch of 5 windows does not divide across 2 processes; use a batch size that is a multiple"
                      " of 2"]
    # the command's template and fields, not its English line: a Russian or Ukrainian user reads it in their language
    assert failures[0].template.startswith("a batch of {batch_size} windows") and failures[0].fields["world"] == 2
    assert window.training.start_button.isEnabled() and list_checkpoints(tiny_model.checkpoints_dir)[-1].iter == 20
