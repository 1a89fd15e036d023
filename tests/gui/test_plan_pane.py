"""The Model page's time budget: a plan for the books in a worker, with progress and Cancel, filling both forms.

The planner's probes are replaced by a fake that says a step costs time in proportion to its work (fast and the
same on every machine); the books, the tokenizers and the plan itself are real.
"""

from __future__ import annotations

import threading

import pytest
from gui_helpers import WAIT_MS

from azr_desktop.core import plan as core_plan
from azr_desktop.core import probe
from azr_desktop.gui import fmt

pytestmark = pytest.mark.gui

GFLOPS = 100e9  # the fake computer's speed for a whole training step


@pytest.fixture
def planning(monkeypatch, tmp_path):
    """Fake probes (``slowdown`` times slower than GFLOPS; ``hold`` blocks them until cancelled), a cache of this
    test's own, and every plan made: its thread and its result."""
    monkeypatch.setenv("AZR_DESKTOP_CACHE", str(tmp_path / "cache"))
    state = {"slowdown": 1.0, "hold": False, "threads": [], "plans": []}
    state.update(probing=threading.Event(), cancelled=threading.Event())

    def fake_seconds_per_iter(model_cfg, train_cfg, cancelled=None, **kw):
        state["probing"].set()
        while state["hold"]:
            if cancelled():
                state["cancelled"].set()
                return None
            threading.Event().wait(0.01)
        work = model_cfg.flops_per_token() * train_cfg.batch_size * model_cfg.context
        return state["slowdown"] * work / GFLOPS

    real_make_plan = core_plan.make_plan

    def recording_make_plan(*args, **kwargs):
        state["threads"].append(threading.current_thread())
        plan = real_make_plan(*args, **kwargs)
        state["plans"].append(plan)
        return plan

    monkeypatch.setattr(core_plan, "seconds_per_iter", fake_seconds_per_iter)
    monkeypatch.setattr(core_plan, "make_plan", recording_make_plan)
    return state


def add_book(window, qtbot, book):
    window.new_model()
    window.data.add_paths([book])
    qtbot.waitUntil(lambda: window.data.pending == 0 and len(window.session.books) == 1, timeout=WAIT_MS)
    window.show_page("model")


def choose(box, index: int, text: str = "") -> None:
    box.choice.setCurrentIndex(index)
    box.choice.activated.emit(index)
    if text:
        box.other.setText(text)
        box.plan_button.click()


def test_a_budget_fills_both_forms_with_the_plan(window, qtbot, shakespeare, planning):
    add_book(window, qtbot, shakespeare)
    pane, box = window.model, window.model.budget
    progress = []
    pane.planner.progress.connect(progress.append)
    with qtbot.waitSignal(pane.planner.planned, timeout=WAIT_MS):
        choose(box, 0)  # 10 minutes
    plan = planning["plans"][-1]
    assert planning["threads"] == [planning["threads"][0]] and planning["threads"][0] is not threading.main_thread()
    assert progress[0] == "reading the books" and any(t.startswith("timing a") for t in progress)
    assert not box.busy.isVisible() and not box.error.isVisible()

    assert {key: spin.value() for key, spin in pane.spins.items()} == {
        key: getattr(plan.model, key) for key in pane.spins
    }
    assert window.session.draft_cfg == plan.model
    train = window.training
    assert train.target.value() == plan.train.iters > core_plan.MIN_ITERS
    assert (train.batch.value(), train.warmup.value(), train.eval_every.value(), train.save_every.value()) == (
        plan.train.batch_size,
        plan.train.warmup,
        plan.train.eval_every,
        plan.train.save_every,
    )
    assert train.lr.value() == pytest.approx(plan.train.lr)
    draft = window.session.train_draft
    assert draft.iters == plan.train.iters and draft.patience == plan.train.patience > 0  # early stopping is on
    assert train.config().patience == plan.train.patience  # kept, though the Training page has no field for it

    assert box.summary.text().startswith(
        f"{fmt.count(plan.model.num_params())} parameters · {fmt.integer(plan.train.iters)} iterations of "
    )
    assert "passes over your books" in box.summary.text() and "Early stopping is on" in box.summary.text()
    assert pane.speed.text().startswith("about")  # the plan's measured speed, no new probe

    pane.spins["n_layers"].setValue(plan.model.n_layers + 1)  # still editable; the estimate follows
    assert window.session.draft_cfg.n_layers == plan.model.n_layers + 1
    assert pane.preset.currentData() == "custom"
    assert pane.speed.text() == "timing a few training steps…"
    qtbot.waitUntil(lambda: pane.speed.text().startswith("about"), timeout=WAIT_MS)  # the new shape, timed for real


def test_cancel_stops_the_plan_and_a_newer_budget_replaces_it(window, qtbot, shakespeare, planning):
    add_book(window, qtbot, shakespeare)
    pane, box = window.model, window.model.budget
    before = window.session.draft_cfg
    planning["hold"] = True
    choose(box, 1)  # 1 hour
    qtbot.waitUntil(lambda: box.status.text().startswith("Timing a"), timeout=WAIT_MS)  # the window kept updating
    assert box.cancel_button.isVisible()
    with qtbot.waitSignal(pane.planner.ended, timeout=WAIT_MS):
        box.cancel_button.click()
    assert not box.busy.isVisible() and not box.error.isVisible() and box.summary.text() == ""
    assert window.session.draft_cfg == before and not planning["plans"]

    planning["probing"].clear()
    choose(box, 1)
    qtbot.waitUntil(planning["probing"].is_set, timeout=WAIT_MS)
    planning["hold"] = False  # the newer request (10 minutes) cancels this one, then runs to its end
    with qtbot.waitSignal(pane.planner.planned, timeout=WAIT_MS) as planned:
        choose(box, 0)
    assert planned.args[0].budget_s == 600 and window.training.target.value() == planned.args[0].train.iters


def test_closing_the_window_stops_the_plan_before_it_closes(window, qtbot, shakespeare, planning):
    add_book(window, qtbot, shakespeare)
    before = window.session.draft_cfg
    planning["hold"] = True
    choose(window.model.budget, 2)  # overnight
    qtbot.waitUntil(planning["probing"].is_set, timeout=WAIT_MS)
    release = threading.Timer(10, planning.update, kwargs={"hold": False})  # a window that waits for it: a failure
    release.start()
    window.close()
    release.cancel()
    assert planning["cancelled"].is_set()  # the probe was stopped, and its thread waited for, as the window closed
    qtbot.wait(100)
    assert window.session.draft_cfg == before and not planning["plans"]


def test_creating_the_model_cancels_the_plan(window, qtbot, shakespeare, planning):
    add_book(window, qtbot, shakespeare)
    before = window.session.draft_cfg
    planning["hold"] = True
    choose(window.model.budget, 0)
    qtbot.waitUntil(planning["probing"].is_set, timeout=WAIT_MS)
    window.data.train_tokenizer.click()  # creates the model with the shape the form has now
    assert window.session.busy
    qtbot.waitUntil(planning["cancelled"].is_set, timeout=WAIT_MS)
    assert window.session.md is None  # cancelled as the creation started, not once it ended
    qtbot.waitUntil(lambda: window.session.md is not None, timeout=WAIT_MS)
    assert not planning["plans"]
    assert window.session.md.model_config() == before and not window.model.budget.busy.isVisible()


def test_without_books_the_page_points_to_the_data_page(window, qtbot, planning):
    window.new_model()
    box = window.model.budget
    choose(box, 0)
    assert box.hint.isVisible() and box.hint.text() == "Add books on the Data page first: the plan is made for them."
    assert not planning["threads"]
    box.to_data.click()
    assert window.pages.currentWidget() is window.data


def test_a_budget_too_short_for_the_books_says_so_in_one_line(window, qtbot, shakespeare, planning):
    add_book(window, qtbot, shakespeare)
    box = window.model.budget
    planning["slowdown"] = 20  # the smallest shape takes about a second a step here
    with qtbot.waitSignal(window.model.planner.failed, timeout=WAIT_MS):
        choose(box, 3, "1m")
    assert box.error.isVisible() and "\n" not in box.error.text()
    assert box.error.text().startswith("60 s is too short to train on these books on this computer; choose at least")
    choose(box, 3, "soon")
    assert box.error.text() == "'soon' is not a duration; write it like 45m, 1h30m or 8h"


def test_an_existing_model_only_gets_a_target(window, qtbot, tiny_model, planning):
    assert window.session.open(tiny_model.path)
    window.show_page("model")
    pane, box = window.model, window.model.budget
    qtbot.waitUntil(lambda: pane.tokens_per_s is not None and pane._trained_iter == 20, timeout=WAIT_MS)
    choose(box, 0)
    batch = window.session.train_draft.batch_size
    secs = probe.seconds_per_iter_at(pane.tokens_per_s, tiny_model.model_config(), batch)
    target = 20 + int(600 * (1 - core_plan.EVAL_SAVE_SHARE) / secs)  # its own measured speed decides
    assert window.training.target.value() == window.session.train_draft.iters == target
    assert window.session.model_cfg == tiny_model.model_config() and not planning["threads"]
    assert box.summary.text().startswith(f"Target set to iteration {fmt.integer(target)}: ")
