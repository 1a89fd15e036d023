"""Training page: start, pause, change the target, resume, stop; plots; closing while training; reopening."""

from __future__ import annotations

import pytest
from gui_helpers import WAIT_MS

from azr_desktop.core import events as ev
from azr_desktop.core.checkpoint import list_checkpoints
from azr_desktop.gui import i18n

pytestmark = pytest.mark.gui


def _open(window, md, qtbot):
    assert window.session.open(md.path)
    pane = window.training
    qtbot.waitUntil(lambda: pane.plots.train.n == 20, timeout=WAIT_MS)  # the history of the first 20 iterations
    return pane


def test_start_pause_retarget_resume_stop(window, qtbot, tiny_model):
    pane = _open(window, tiny_model, qtbot)
    pane.target.setValue(100_000)
    pane.eval_every.setValue(10)
    pane.save_every.setValue(0)
    events = []
    with qtbot.waitSignal(window.session.runStarted, timeout=WAIT_MS):
        pane.start_button.click()
    run = pane.run
    run.event.connect(events.append)
    qtbot.waitUntil(lambda: run.state == "running" and pane.plots.train.n > 25, timeout=WAIT_MS)

    with qtbot.waitSignal(run.stateChanged, timeout=WAIT_MS, check_params_cb=lambda s: s == "paused"):
        pane.pause_button.click()
    assert pane.start_button.text() == "Resume" and pane.target.isEnabled()
    paused_at = run.control  # the trainer blocks in memory: no step arrives while paused
    n = pane.plots.train.n
    qtbot.wait(300)
    assert pane.plots.train.n == n and paused_at.pause_requested

    new_target = n + 15
    pane.target.setValue(new_target)
    pane.target.editingFinished.emit()
    with qtbot.waitSignal(run.stateChanged, timeout=WAIT_MS, check_params_cb=lambda s: s == "running"):
        pane.start_button.click()
    qtbot.waitUntil(lambda: any(isinstance(e, ev.TargetChanged) for e in events), timeout=WAIT_MS)
    assert pane.plots.plan[0][-1] == new_target  # the planned lr now ends at the new target
    with qtbot.waitSignal(run.ended, timeout=WAIT_MS):
        pass
    finished = [e for e in events if isinstance(e, ev.Finished)]
    assert finished and finished[0].reason == "target_reached" and finished[0].iter == new_target
    assert list_checkpoints(tiny_model.checkpoints_dir)[-1].iter == new_target
    pane.plots.flush()
    assert pane.plots.train_curve.getData()[0][-1] == new_target
    assert pane.plots.val.n >= 3
    assert pane.start_button.isEnabled() and pane.start_button.text() == "Continue"
    assert pane.state_label.text() == f"Finished at iteration {new_target}: the target is reached and saved."


def test_stop_saves_a_checkpoint(window, qtbot, tiny_model):
    pane = _open(window, tiny_model, qtbot)
    pane.target.setValue(100_000)
    pane.save_every.setValue(0)
    pane.start_button.click()
    qtbot.waitUntil(lambda: pane.run is not None and pane.plots.train.n > 30, timeout=WAIT_MS)
    with qtbot.waitSignal(pane.run.ended, timeout=WAIT_MS):
        pane.stop_button.click()
    last = pane.plots.train.n
    assert list_checkpoints(tiny_model.checkpoints_dir)[-1].iter == last
    assert "stopped at iteration" in pane.log.toPlainText()
    qtbot.wait(500)  # a few label refreshes later: no time left is shown for a run that ended
    assert pane.stats["eta"].text() == "–" and pane.stats["iter"].text().startswith(f"{last} / ")
    assert pane.state_label.text() == f"Stopped at iteration {last} and saved; Continue goes on from there."


def test_plots_share_the_height(window, qtbot):
    """The speed plot got only its minimum height (its tick labels overlapped) while loss and learning rate took
    the rest: the rows share the height 2:1."""
    window.resize(1280, 800)
    window.show_page("training")
    plots = window.training.plots
    qtbot.waitUntil(lambda: plots.speed_plot.isVisible())
    assert plots.speed_plot.height() > 1.2 * plots.speed_plot.minimumHeight()
    assert 1.5 < plots.loss_plot.height() / plots.speed_plot.height() < 2.5


def test_threads_are_counted_in_words_and_the_log_scale_is_remembered(make_window, qtbot, tiny_model, qapp):
    translators = i18n.install(qapp, "en")  # English has plural forms too: "1 thread", "2 threads"
    try:
        window = make_window()
        pane = _open(window, tiny_model, qtbot)
        for threads, target, words in ((1, 22, ", 1 thread)"), (2, 24, ", 2 threads)")):
            pane.threads.setValue(threads)
            pane.target.setValue(target)
            with qtbot.waitSignal(window.session.runStarted, timeout=WAIT_MS):
                pane.start_button.click()
            with qtbot.waitSignal(pane.run.ended, timeout=WAIT_MS):
                pass
            assert words in pane.log.toPlainText()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert not pane.plots.log_y.isChecked()
    pane.plots.log_y.setChecked(True)
    window.close()
    assert make_window().training.plots.log_y.isChecked()


def test_closing_while_training_saves_and_reopening_shows_history(make_window, qtbot, tiny_model, monkeypatch):
    window = make_window()
    pane = _open(window, tiny_model, qtbot)
    pane.target.setValue(100_000)
    pane.save_every.setValue(0)
    pane.sample_every.setValue(15)
    pane.start_button.click()
    qtbot.waitUntil(lambda: pane.run is not None and pane.plots.train.n > 40, timeout=WAIT_MS)
    monkeypatch.setattr(type(window), "confirm_close", lambda self: True)
    window.close()
    assert window.isVisible()  # waits for the checkpoint first
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    saved = list_checkpoints(tiny_model.checkpoints_dir)[-1].iter
    assert saved > 40

    reopened = make_window()  # opens the last model by itself
    assert reopened.session.md.path == tiny_model.path
    plots = reopened.training.plots
    qtbot.waitUntil(lambda: plots.train.n == saved, timeout=WAIT_MS)
    assert plots.val.n >= 2 and len(plots.plan[0]) >= 2
    assert "iteration 30" in reopened.training.samples.toPlainText()
    assert reopened.training.start_button.text() == "Continue"
