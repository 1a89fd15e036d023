"""Overfitting is caught: the checkpoint with the best validation loss is kept whatever its age, and training can
stop by itself once validation loss stops improving, counting on across a kill and a restart.

The overfitting is real: a model of 0.4M parameters memorises 2.7 KB of Shakespeare within about 70 iterations, and
its loss on the held-out 300 bytes rises from then on.
"""

from __future__ import annotations

import pytest

from azr_desktop.core import events as ev
from azr_desktop.core.books import inspect_book
from azr_desktop.core.checkpoint import (
    BEST_POINTER,
    Best,
    checkpoint_path,
    list_checkpoints,
    load_checkpoint,
    read_best,
    save_checkpoint,
)
from azr_desktop.core.config import ModelConfig, TrainConfig
from azr_desktop.core.errors import ConfigError
from azr_desktop.core.inference import load_trained
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.trainer import Trainer

OVERFIT_MODEL = ModelConfig(vocab_size=320, d_model=128, n_layers=2, n_heads=2, d_ff=512, context=32)
OVERFIT_TRAIN = TrainConfig(
    iters=150, batch_size=8, lr=3e-3, warmup=5, decay_frac=0.0, eval_every=10, eval_iters=4, save_every=50,
    sample_every=0, keep_checkpoints=1, threads=1, seed=7,
)  # fmt: skip


@pytest.fixture(scope="module")
def tiny_book(tmp_path_factory, shakespeare):
    path = tmp_path_factory.mktemp("overfit") / "tiny_book.txt"
    path.write_bytes(shakespeare.read_bytes()[:3000])
    return path


@pytest.fixture
def make_overfitting(tmp_path, tiny_book):
    def make(name="m", **changes):
        cfg = OVERFIT_TRAIN.replace(**changes)
        return ModelDir.create(tmp_path / name, OVERFIT_MODEL, cfg, [inspect_book(tiny_book)]), cfg

    return make


def of(events, kind):
    return [e for e in events if isinstance(e, kind)]


def best_of(evals) -> ev.Eval:
    return min(evals, key=lambda e: e.val_loss)


def test_the_best_checkpoint_outlives_pruning_and_training_runs_on_without_patience(make_overfitting):
    md, cfg = make_overfitting()
    assert cfg.patience == 0  # early stopping is off unless asked for
    events = list(Trainer(md, cfg).run())

    assert events[-1] == ev.Finished(150, "target_reached")
    evals = of(events, ev.Eval)
    best = best_of(evals)
    assert 30 <= best.iter <= 110 and evals[-1].val_loss > best.val_loss + 0.3  # it overfits, and goes on
    assert read_best(md.checkpoints_dir) == Best(best.iter, best.val_loss)
    # keep_checkpoints=1: the newest, and the best although it is older
    assert [c.iter for c in list_checkpoints(md.checkpoints_dir)] == [best.iter, 150]
    assert load_checkpoint(checkpoint_path(md.checkpoints_dir, best.iter))["best"] == {
        "iter": best.iter, "val_loss": best.val_loss, "evals_since": 0
    }  # fmt: skip
    # the best weights were saved when they were evaluated, not at a later save
    assert load_trained(md, step="best").iter == best.iter


def test_early_stopping_after_patience_evaluations_without_improvement(make_overfitting):
    md, cfg = make_overfitting(iters=400, patience=3)
    events = list(Trainer(md, cfg).run())

    evals = of(events, ev.Eval)
    best = best_of(evals)
    assert events[-1] == ev.Finished(best.iter + 30, "no_improvement")  # well before the target of 400
    assert [e.iter for e in evals if e.iter > best.iter] == [best.iter + 10, best.iter + 20, best.iter + 30]
    notice = [n for n in of(events, ev.Notice) if "stopped early" in str(n.message)]
    assert len(notice) == 1 and f"at iteration {best.iter}" in str(notice[0].message)
    assert read_best(md.checkpoints_dir) == Best(best.iter, best.val_loss)
    assert [c.iter for c in list_checkpoints(md.checkpoints_dir)] == [best.iter, best.iter + 30]


def test_early_stopping_counts_on_after_a_kill_and_a_restart(make_overfitting):
    md_a, cfg = make_overfitting("a", iters=400, patience=3, save_every=10)
    straight = list(Trainer(md_a, cfg).run())
    best = best_of(of(straight, ev.Eval))

    md_b, _ = make_overfitting("b", iters=400, patience=3, save_every=10)
    run = Trainer(md_b, cfg).run()
    for event in run:  # killed between the checkpoints at best + 10 (one evaluation without improvement) and + 20
        if isinstance(event, ev.Step) and event.iter == best.iter + 15:
            break
    run.close()
    resumed_from = load_checkpoint(checkpoint_path(md_b.checkpoints_dir, best.iter + 10))
    assert resumed_from["best"] == {"iter": best.iter, "val_loss": best.val_loss, "evals_since": 1}

    again = list(Trainer(md_b, cfg).run())
    assert of(again, ev.Started)[0].iter == best.iter + 10
    assert again[-1] == straight[-1] == ev.Finished(best.iter + 30, "no_improvement")
    evals = [(r["iter"], r["val_loss"]) for r in md_b.read_metrics() if r["event"] == "Eval"]
    assert evals == [(e.iter, e.val_loss) for e in of(straight, ev.Eval)]  # bit-exact, the history too
    assert read_best(md_b.checkpoints_dir) == Best(best.iter, best.val_loss)


def test_best_pointer_and_retention(tmp_path):
    save_checkpoint(tmp_path, 10, {"i": 10}, keep=1, best=Best(10, 3.0))
    for it in (20, 30, 40):
        save_checkpoint(tmp_path, it, {"i": it}, keep=1, best=Best(20, 2.0))
    assert [c.iter for c in list_checkpoints(tmp_path)] == [20, 40]
    assert read_best(tmp_path) == Best(20, 2.0)

    save_checkpoint(tmp_path, 50, {"i": 50}, keep=1, best=Best(50, 1.5))  # a new best, also the newest
    assert [c.iter for c in list_checkpoints(tmp_path)] == [50] and read_best(tmp_path) == Best(50, 1.5)

    # resumed from 60 (70 was damaged): the newer ones go, the abandoned run's best with them
    save_checkpoint(tmp_path, 60, {"i": 60}, keep=3, best=Best(50, 1.5))
    save_checkpoint(tmp_path, 70, {"i": 70}, keep=3, best=Best(70, 1.0))
    assert read_best(tmp_path) == Best(70, 1.0)
    save_checkpoint(tmp_path, 65, {"i": 65}, keep=3, best=Best(50, 1.5))
    assert [c.iter for c in list_checkpoints(tmp_path)] == [50, 60, 65] and read_best(tmp_path) == Best(50, 1.5)

    save_checkpoint(tmp_path, 66, {"i": 66}, keep=1, best=Best(20, 2.0))  # its checkpoint is gone: no pointer
    assert read_best(tmp_path) is None and not (tmp_path / BEST_POINTER).exists()
    assert [c.iter for c in list_checkpoints(tmp_path)] == [66]

    save_checkpoint(tmp_path, 67, {"i": 67}, keep=1, best=Best(67, 0.5))
    (tmp_path / BEST_POINTER).write_text("{not json")
    assert read_best(tmp_path) is None  # a damaged pointer is no best; the next save writes it again


@pytest.mark.parametrize("changes", [{"patience": -1}, {"patience": 3, "eval_every": 0}])
def test_patience_is_validated(changes):
    with pytest.raises(ConfigError, match="^patience must"):
        TrainConfig(**changes)


COOLING = {"iters": 400, "patience": 3, "decay_frac": 0.2, "keep_checkpoints": 20}


def test_a_run_that_stops_improving_cools_down_from_its_best_checkpoint(make_overfitting):
    """Early stopping kept a best checkpoint trained at the peak learning rate; decaying the learning rate from it
    gains what a decay gains (docs/sizing.md: 2.044 against 2.012 held-out bits per byte on the English book)."""
    md, cfg = make_overfitting(**COOLING)
    events = list(Trainer(md, cfg).run())

    moved = of(events, ev.TargetChanged)
    assert len(moved) == 1
    evals = of(events, ev.Eval)
    first_best = best_of([e for e in evals if e.iter <= moved[0].iter])
    at = first_best.iter + 20  # two evaluations without a lower loss, still at the peak learning rate
    assert moved[0].iter == at and moved[0].old == 400 and moved[0].new == at + round(first_best.iter * 0.25)
    assert moved[0].lr_plan[-2:] == ((at, cfg.lr), (moved[0].new, cfg.lr * cfg.min_lr_frac))
    notice = [n for n in of(events, ev.Notice) if "goes back to that checkpoint" in str(n.message)]
    assert len(notice) == 1 and f"at iteration {first_best.iter}" in str(notice[0].message)
    # the weights went back: the checkpoint saved at the turn holds the best one's
    saved = md.checkpoints_dir
    turned, best_weights = (load_checkpoint(checkpoint_path(saved, i))["model"] for i in (at, first_best.iter))
    assert all(turned[k].equal(best_weights[k]) for k in best_weights)
    assert events[-1] == ev.Finished(moved[0].new, "target_reached") and md.train_config().iters == moved[0].new
    assert best_of(evals).val_loss < first_best.val_loss  # the decay found a lower loss than the peak rate did


def test_a_best_checkpoint_at_the_peak_rate_is_cooled_down_even_after_the_planned_decay_began(make_overfitting):
    """With 95 iterations the planned decay begins at 76, after the best (70) and before the second evaluation without
    a lower loss (90): the decay from 76 came too late to help, the one from the best checkpoint does."""
    md, cfg = make_overfitting(**{**COOLING, "iters": 95})
    events = list(Trainer(md, cfg).run())

    moved = of(events, ev.TargetChanged)
    first_best = best_of([e for e in of(events, ev.Eval) if e.iter <= 90])
    assert first_best.iter < 76 and len(moved) == 1 and (moved[0].iter, moved[0].old, moved[0].new) == (90, 95, 95)
    assert moved[0].lr_plan[-2:] == ((90, cfg.lr), (95, cfg.lr * cfg.min_lr_frac))
    assert best_of(of(events, ev.Eval)).val_loss < first_best.val_loss
    assert load_checkpoint(checkpoint_path(md.checkpoints_dir, 95))["cooled_from"] == first_best.iter


def test_a_cool_down_resumes_bit_exactly(make_overfitting):
    md_a, cfg = make_overfitting("a", **COOLING)
    straight = list(Trainer(md_a, cfg).run())
    turn = of(straight, ev.TargetChanged)[0]

    md_b, _ = make_overfitting("b", **COOLING)
    run = Trainer(md_b, cfg).run()
    for event in run:  # killed during the decay, after the checkpoint taken at the turn
        if isinstance(event, ev.Step) and event.iter == turn.iter + 5:
            break
    run.close()
    again = list(Trainer(md_b, md_b.train_config()).run())
    assert of(again, ev.Started)[0].iter == turn.iter and not of(again, ev.TargetChanged)
    assert again[-1] == straight[-1]
    evals = [(r["iter"], r["val_loss"]) for r in md_b.read_metrics() if r["event"] == "Eval"]
    assert evals == [(e.iter, e.val_loss) for e in of(straight, ev.Eval)]
