"""Self-play on the Training page: the settings section, live curves and examples, history, the rollback message."""

from __future__ import annotations

import pytest
from gui_helpers import WAIT_MS

from azr_desktop.core import events as ev
from azr_desktop.core.books import inspect_book
from azr_desktop.core.config import SelfPlayConfig
from azr_desktop.core.modeldir import ModelDir

pytestmark = pytest.mark.gui


def _open_trained(window, md, qtbot):
    assert window.session.open(md.path)
    pane = window.training
    qtbot.waitUntil(lambda: pane.selfplay.isEnabled(), timeout=WAIT_MS)  # the history says it was trained to 20
    return pane


def _run_selfplay(pane, qtbot, target: int) -> list[ev.Event]:
    """Enable self-play with tiny settings, train to ``target``, return the run's events."""
    pane.selfplay.use.setChecked(True)
    pane.selfplay.tasks.setValue(1)
    pane.selfplay.samples.setValue(2)
    pane.selfplay.proposals.setValue(1)
    pane.target.setValue(target)
    pane.eval_every.setValue(5)
    events = []
    with qtbot.waitSignal(pane.session.runStarted, timeout=WAIT_MS):
        pane.start_button.click()
    pane.run.event.connect(events.append)
    with qtbot.waitSignal(pane.run.ended, timeout=WAIT_MS):
        pass
    qtbot.waitUntil(lambda: isinstance(events[-1], ev.Finished), timeout=WAIT_MS)
    return events


def test_selfplay_needs_a_trained_model(window, qtbot, settings, small_book, tiny_cfgs):
    pane = window.training
    assert not pane.selfplay.isEnabled()  # a draft has nothing to refine
    model_cfg, train_cfg = tiny_cfgs
    md = ModelDir.create(settings.library_dir / "fresh", model_cfg, train_cfg, [inspect_book(small_book)])
    assert window.session.open(md.path)
    qtbot.wait(200)  # the (empty) history arrives
    assert not pane.selfplay.isEnabled() and "train this one first" in pane.selfplay.toolTip()
    assert pane.selfplay.config() is None


def test_selfplay_run_shows_curves_examples_and_history(make_window, qtbot, tiny_model):
    window = make_window()
    pane = _open_trained(window, tiny_model, qtbot)
    box = pane.selfplay
    assert not box.body.isVisibleTo(box) and box.config() is None  # off by default
    box.use.setChecked(True)
    assert box.body.isVisibleTo(box)
    for kind in box.kinds.values():
        kind.setChecked(False)
    assert box.error.isVisibleTo(box) and "task type" in box.error.text()
    box.kinds["cont"].setChecked(True)
    assert not box.error.isVisibleTo(box)
    pane.target.setValue(26)
    assert "Self-play steps: 6" in box.steps.text()
    for kind in box.kinds.values():
        kind.setChecked(True)

    events = _run_selfplay(pane, qtbot, 26)
    assert events[-1].reason == "target_reached" and events[-1].iter == 26
    assert tiny_model.selfplay_config().tasks_per_kind == 1  # saved as the model's last used settings
    plots = pane.plots
    steps = sum(isinstance(e, ev.SelfPlayStep) for e in events)
    examples = sum(isinstance(e, ev.SelfPlayExample) for e in events)
    assert steps == 6 and examples > 0
    assert plots.tabs.currentWidget() is plots.selfplay_page
    assert plots.tracks["reward_solve"].raw.n == steps and plots.tracks["kl"].raw.n == steps
    assert plots.tracks["suite_cont"].raw.n >= 1 and plots.tracks["ppl_rise"].raw.n >= 1
    plots.flush()
    assert plots.tracks["solve_rate"].curve.getData()[0][-1] == 26
    assert pane.examples.model().rowCount() == examples
    assert pane.examples.model().index(0, 0).data() == "26"  # newest first
    assert "Self-play steps" not in box.steps.text()  # trained to the target now: nothing left to do

    reopened = make_window()  # reopening rebuilds the curves and examples from metrics.jsonl
    history = reopened.training.plots
    qtbot.waitUntil(lambda: history.tracks["reward_solve"].raw.n == steps, timeout=WAIT_MS)
    assert history.tabs.indexOf(history.selfplay_page) >= 0
    assert history.tracks["suite_fill"].raw.n == plots.tracks["suite_fill"].raw.n
    assert reopened.training.examples.model().rowCount() == examples
    assert reopened.training.selfplay.tasks.value() == 1  # the last used settings, self-play off again
    assert not reopened.training.selfplay.use.isChecked()


def test_rollback_is_explained(window, qtbot, tiny_model):
    SelfPlayConfig(max_kl=1e-9).save(tiny_model.selfplay_json)  # any drift at all trips the guard
    pane = _open_trained(window, tiny_model, qtbot)
    posted = []
    window.session.messages.posted.connect(lambda level, text: posted.append((level, text)))
    events = _run_selfplay(pane, qtbot, 40)
    assert events[-1].reason == "rolled_back" and events[-1].iter == 25
    assert posted[-1][0] == "warning" and "best evaluated weights" in posted[-1][1]
    log = pane.log.toPlainText()
    assert "warning: self-play stopped: the KL" in log and "self-play stopped and rolled back at iteration 25" in log
