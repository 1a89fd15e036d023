"""The training loop on a real (tiny) model: events, exact resume, steering from another thread, fallbacks."""

from __future__ import annotations

import math
import queue
import threading

import pytest
import torch

from azr_desktop.core import events as ev
from azr_desktop.core.books import inspect_book
from azr_desktop.core.checkpoint import list_checkpoints, load_checkpoint
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.pretraining import Pretraining
from azr_desktop.core.trainer import Control, Trainer


@pytest.fixture
def make_model(tmp_path, small_book, tiny_cfgs):
    model_cfg, train_cfg = tiny_cfgs

    def make(name="m", **train_changes):
        cfg = train_cfg.replace(**train_changes)
        return ModelDir.create(tmp_path / name, model_cfg, cfg, [inspect_book(small_book)]), cfg

    return make


def run(md, cfg, control=None, on_event=None):
    events = []
    for e in Trainer(md, cfg).run(control or Control()):
        events.append(e)
        if on_event:
            on_event(e)
    return events


def of(events, kind):
    return [e for e in events if isinstance(e, kind)]


def test_training_yields_events_learns_and_records_metrics(make_model):
    md, cfg = make_model(iters=40, eval_every=20, save_every=20)
    events = run(md, cfg)
    assert isinstance(events[-1], ev.Finished) and events[-1].reason == "target_reached"
    started = of(events, ev.Started)[0]
    assert (started.iter, started.target, started.resumed) == (0, 40, False)
    steps = of(events, ev.Step)
    assert [s.iter for s in steps] == list(range(1, 41))
    assert all(math.isfinite(s.loss) and s.tokens_per_s > 0 for s in steps)
    assert sum(s.loss for s in steps[-5:]) < sum(s.loss for s in steps[:5])
    evals = of(events, ev.Eval)
    assert [e.iter for e in evals] == [20, 40]
    assert all(0 < e.bits_per_byte < 8 for e in evals)
    assert [c.iter for c in of(events, ev.CheckpointSaved)] == [20, 40]
    assert steps[-1].eta_s == 0 and steps[0].eta_s > 0
    records = md.read_metrics()
    assert [r["iter"] for r in records if r["event"] == "Step"] == list(range(1, 41))
    assert {r["event"] for r in records} >= {"Step", "Eval", "CheckpointSaved"}


def test_stop_and_resume_is_bit_exact(make_model):
    md_a, cfg = make_model("a")
    straight = {s.iter: s.loss for s in of(run(md_a, cfg), ev.Step)}

    md_b, _ = make_model("b")
    control = Control()
    first = run(md_b, cfg, control, lambda e: isinstance(e, ev.Step) and e.iter == 13 and control.stop())
    assert first[-1] == ev.Finished(13, "stopped")
    assert of(first, ev.CheckpointSaved)[-1].iter == 13
    second = run(md_b, cfg)
    assert of(second, ev.Started)[0].resumed and of(second, ev.Started)[0].iter == 13
    resumed = {s.iter: s.loss for s in of(second, ev.Step)}
    assert list(resumed) == list(range(14, 31))
    assert resumed == {i: straight[i] for i in resumed}  # exactly equal floats, not approximately

    final_a = load_checkpoint(list_checkpoints(md_a.checkpoints_dir)[-1].path)["model"]
    final_b = load_checkpoint(list_checkpoints(md_b.checkpoints_dir)[-1].path)["model"]
    assert all(torch.equal(final_a[k], final_b[k]) for k in final_a)


def test_raising_target_on_resume_equals_raising_it_in_memory(make_model):
    md_a, cfg = make_model("a", iters=12)
    control = Control()
    live = run(md_a, cfg, control, lambda e: isinstance(e, ev.Step) and e.iter == 12 and control.set_target(30))
    live_steps = {s.iter: s.loss for s in of(live, ev.Step)}
    changed = of(live, ev.TargetChanged)[0]
    assert (changed.iter, changed.old, changed.new, changed.lr_plan[-1][0]) == (12, 12, 30, 30)

    md_b, _ = make_model("b", iters=12)
    run(md_b, cfg)
    resumed = {s.iter: s.loss for s in of(run(md_b, cfg.replace(iters=30)), ev.Step)}
    assert resumed == {i: live_steps[i] for i in range(13, 31)}
    assert md_b.train_config().iters == 30


def test_lower_target_than_current_finishes_at_once(make_model):
    md, cfg = make_model(iters=30)
    run(md, cfg)
    events = run(md, cfg.replace(iters=10))
    assert not of(events, ev.Step)
    assert events[-1] == ev.Finished(30, "target_reached")


def test_pause_resume_target_and_stop_from_another_thread(make_model):
    md, cfg = make_model(iters=100_000, save_every=0, eval_every=0)
    control = Control()
    q: queue.Queue = queue.Queue()
    worker = threading.Thread(target=lambda: [q.put(e) for e in Trainer(md, cfg).run(control)], daemon=True)
    worker.start()

    def wait_for(kind, timeout=60):
        while True:
            e = q.get(timeout=timeout)
            if isinstance(e, kind):
                return e

    assert wait_for(ev.Step).iter >= 1
    control.pause()
    paused = wait_for(ev.Paused)
    with pytest.raises(queue.Empty):  # nothing happens while paused
        q.get(timeout=0.5)
    control.set_target(paused.iter + 1000)
    control.resume()
    changed = wait_for(ev.TargetChanged)
    assert changed.new == paused.iter + 1000
    resumed_step = wait_for(ev.Step)
    assert resumed_step.iter == paused.iter + 1 and resumed_step.target == paused.iter + 1000
    control.stop()
    saved = wait_for(ev.CheckpointSaved)
    finished = wait_for(ev.Finished)
    worker.join(timeout=30)
    assert finished.reason == "stopped" and saved.iter == finished.iter
    assert list_checkpoints(md.checkpoints_dir)[-1].iter == finished.iter


def test_stop_while_paused_saves_and_finishes(make_model):
    md, cfg = make_model(iters=1000, save_every=0)
    control = Control()

    def steer(e):
        if isinstance(e, ev.Step) and e.iter == 3:
            control.pause()
        if isinstance(e, ev.Paused):
            control.stop()

    events = run(md, cfg, control, steer)
    assert not of(events, ev.Resumed)
    assert events[-1] == ev.Finished(3, "stopped")
    assert list_checkpoints(md.checkpoints_dir)[-1].iter == 3


def test_damaged_newest_checkpoint_falls_back_and_history_matches(make_model):
    md, cfg = make_model(iters=30, save_every=10)
    run(md, cfg)
    newest = list_checkpoints(md.checkpoints_dir)[-1]
    assert newest.iter == 30
    newest.path.write_bytes(newest.path.read_bytes()[: newest.size_bytes // 2])
    events = run(md, cfg)
    notices = of(events, ev.Notice)
    assert notices and notices[0].level == "warning" and "step-000000030" in notices[0].message
    assert of(events, ev.Started)[0].iter == 20
    assert [s.iter for s in of(events, ev.Step)] == list(range(21, 31))
    steps = [r["iter"] for r in md.read_metrics() if r["event"] == "Step"]
    assert steps == list(range(1, 31))  # the lost steps' records were replaced, not duplicated


def oom_above(monkeypatch, rows: int) -> None:
    """Training forward passes of more than ``rows`` rows fail as the CPU allocator fails."""
    from azr_desktop.core.model import GPT

    real_forward = GPT.forward

    def forward(self, idx, *args, **kwargs):
        if torch.is_grad_enabled() and idx.shape[0] > rows:
            raise RuntimeError("[enforce fail at alloc_cpu.cpp:127] DefaultCPUAllocator: can't allocate memory")
        return real_forward(self, idx, *args, **kwargs)

    monkeypatch.setattr(GPT, "forward", forward)


def test_out_of_memory_trains_each_batch_in_parts_and_remembers(make_model, monkeypatch):
    md, cfg = make_model(iters=12, save_every=6, eval_every=0)
    oom_above(monkeypatch, 1)  # batch 4: 4 rows fail, 2 rows fail, 1 row fits
    events = run(md, cfg)
    notices = [n.message for n in of(events, ev.Notice)]
    assert [n.fields["parts"] for n in notices] == [2, 4]
    assert all("out of memory at batch size 4" in n for n in notices)
    assert events[-1].reason == "target_reached" and [s.iter for s in of(events, ev.Step)] == list(range(1, 13))
    assert load_checkpoint(list_checkpoints(md.checkpoints_dir)[-1].path)["part_rows"] == 1

    events = run(md, cfg.replace(iters=15))  # resumed: trains in parts at once, no failed step, no new notice
    assert not of(events, ev.Notice) and [s.iter for s in of(events, ev.Step)] == [13, 14, 15]


def test_a_batch_in_parts_gives_the_whole_batch_gradients(make_model):
    trainers = []
    for name in ("whole", "parts"):
        md, cfg = make_model(name)
        trainer = Trainer(md, cfg)
        events = trainer.run(Control())
        while not isinstance(next(events), ev.Started):  # set up, nothing trained yet
            pass
        trainers.append(trainer)
    whole, parts = (t.pretraining for t in trainers)
    parts.part_rows = 3  # 4 rows: parts of 3 and 1
    x, y = whole.ctx.sampler.next_batch()
    loss_whole, norm_whole = whole.train_batch(x, y)
    loss_parts, norm_parts = parts.train_batch(x, y)
    torch.testing.assert_close(loss_parts, loss_whole, atol=1e-6, rtol=1e-5)
    torch.testing.assert_close(norm_parts, norm_whole, atol=1e-6, rtol=1e-5)
    for a, b in zip(whole.ctx.model.parameters(), parts.ctx.model.parameters()):
        torch.testing.assert_close(a, b, atol=1e-6, rtol=1e-5)


def test_out_of_memory_at_one_row_saves_progress_and_explains(make_model, monkeypatch):
    from azr_desktop.core.errors import ResourceError

    md, cfg = make_model(iters=50, save_every=0, eval_every=0)
    trainer = Trainer(md, cfg)
    real_step = Pretraining.train_batch
    calls = []

    def failing_step(self, x, y):
        calls.append(1)
        if len(calls) >= 6:
            raise RuntimeError("[enforce fail at alloc_cpu.cpp:127] DefaultCPUAllocator: can't allocate memory")
        return real_step(self, x, y)

    monkeypatch.setattr(Pretraining, "train_batch", failing_step)
    events = []
    with pytest.raises(ResourceError, match="even one window of 32 tokens.*context.*resumes from iteration 5"):
        for e in trainer.run(Control()):
            events.append(e)
    assert [n.message.fields["parts"] for n in of(events, ev.Notice)] == [2, 4]  # tried parts first
    assert of(events, ev.CheckpointSaved)[-1].iter == 5
    assert list_checkpoints(md.checkpoints_dir)[-1].iter == 5


def test_samples_continue_one_held_out_prompt_or_the_users(make_model, small_book):
    md, cfg = make_model(iters=20, sample_every=10, eval_every=0, save_every=0)
    samples = of(run(md, cfg), ev.Sample)
    assert [s.iter for s in samples] == [10, 20]
    prompt = samples[0].prompt
    text = small_book.read_text(encoding="utf-8")
    held_out = text[int(len(text) * (1 - cfg.val_frac)) - 100 :]  # the book's last 10% (a token boundary or so)
    assert 10 <= len(prompt) <= 48 and prompt in held_out and prompt not in text[: len(text) // 2]
    assert samples[1].prompt == prompt and "\ufffd" not in samples[0].text + samples[1].text
    records = [r for r in md.read_metrics() if r["event"] == "Sample"]
    assert [r["prompt"] for r in records] == [prompt, prompt]

    events = run(md, cfg.replace(iters=30, sample_prompt="ROMEO:"))
    assert [(s.iter, s.prompt) for s in of(events, ev.Sample)] == [(30, "ROMEO:")]
