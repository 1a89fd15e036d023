"""Planning from a time budget: durations, the data limit, probes measured once, and a plan that fits the budget."""

from __future__ import annotations

import json
import re

import pytest

from azr_desktop.core import plan as planning
from azr_desktop.core.books import inspect_book
from azr_desktop.core.config import PRESETS, TrainConfig
from azr_desktop.core.errors import ConfigError
from azr_desktop.core.plan import (
    FRESH_PASSES,
    LADDER,
    MAX_USEFUL_PASSES,
    ProbeCache,
    effective_bytes,
    eval_settings,
    make_plan,
    parse_duration,
    predicted_bpb,
    rung_config,
)


@pytest.mark.parametrize(
    "text, seconds",
    [("45m", 2700), ("1h30m", 5400), ("2h", 7200), ("90s", 90), ("1.5h", 5400), ("45", 2700), ("1d", 86400),
     (" 10 min ", 600)],
)
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "5x", "30s", "31d", "-5m", "1h1h"])
def test_bad_durations_say_how_to_write_one(text):
    with pytest.raises(ConfigError, match="duration|between 1 minute and 30 days"):
        parse_duration(text)


def test_repeated_text_counts_less_and_less():
    unique = 1e6
    assert effective_bytes(0.5e6, unique) == 0.5e6
    assert effective_bytes(FRESH_PASSES * unique, unique) > 0.9 * FRESH_PASSES * unique  # about as good as fresh
    gain_late = effective_bytes(MAX_USEFUL_PASSES * unique, unique) - effective_bytes(12 * unique, unique)
    gain_early = effective_bytes(5 * unique, unique) - effective_bytes(1 * unique, unique)
    assert gain_late < 0.6 * gain_early
    assert effective_bytes(1000 * unique, unique) < 17 * unique  # a ceiling: more time cannot buy more text


def test_the_ladder_grows_and_every_rung_is_a_valid_model():
    params = [rung_config(r, 2048).num_params() for r in range(len(LADDER))]
    assert params == sorted(params) and params[0] < 300_000 and params[-1] > 50_000_000


class FakeProbe:
    """Seconds per iteration proportional to a shape's FLOPs (one "computer" the test controls), counting calls."""

    def __init__(self, monkeypatch, flops_per_s: float):
        self.calls = 0
        self.flops_per_s = flops_per_s
        monkeypatch.setattr(planning, "seconds_per_iter", self)

    def __call__(self, model_cfg, cfg, cancelled=None):
        self.calls += 1
        return model_cfg.flops_per_token() * cfg.batch_size * model_cfg.context / self.flops_per_s


def test_a_plan_fits_the_budget_and_probes_once_per_machine(monkeypatch, tmp_path, shakespeare):
    probe = FakeProbe(monkeypatch, 5e9)
    books = [inspect_book(shakespeare)]
    plan = make_plan(books, 600, TrainConfig(threads=1), cache=tmp_path / "probe.json")
    assert plan.train.iters * plan.seconds_per_iter <= plan.train_s <= 600
    assert plan.passes <= MAX_USEFUL_PASSES + 0.01 and plan.train.iters >= planning.MIN_ITERS
    lowest = min(c.predicted_bpb for c in plan.candidates)  # within TIE of the best, the smallest model
    near = [c for c in plan.candidates if c.predicted_bpb <= lowest * (1 + planning.TIE)]
    assert plan.predicted_bpb <= lowest * (1 + planning.TIE)
    assert plan.model.body_params() == min(c.model.body_params() for c in near)
    assert (plan.model.d_model, plan.model.n_layers) in {(d, n) for d, n, *_ in LADDER}
    assert 2.5 < plan.bytes_per_token < 5  # English with a byte-level BPE of 1-4k tokens
    assert 260_000 < plan.book_bytes < 280_000  # 90% of the 300 KB book
    probed = probe.calls
    assert probed >= 2 and json.loads((tmp_path / "probe.json").read_text())
    again = make_plan(books, 600, TrainConfig(threads=1), cache=tmp_path / "probe.json")
    assert probe.calls == probed and again.model == plan.model
    assert again.train.iters == pytest.approx(plan.train.iters, rel=0.03)  # the tokenizer's measured time moves it


def test_a_larger_vocabulary_must_cover_clearly_more_unseen_text(monkeypatch, tmp_path, shakespeare):
    """On the English book 4096 tokens cover 11% more unseen text per token than 2048, and lost 1.3% held-out bits
    per byte to them at 5 minutes (docs/sizing.md): 2048 is the largest vocabulary the plan considers for it."""
    FakeProbe(monkeypatch, 5e9)
    plan = make_plan([inspect_book(shakespeare)], 600, TrainConfig(threads=1), cache=tmp_path / "p.json")
    assert max(c.model.vocab_size for c in plan.candidates) == 2048


def test_a_plan_keeps_the_users_batch_size(monkeypatch, tmp_path, shakespeare):
    """`train --time 5m --batch-size 8` trained with 16: the plan replaced the user's setting without a word."""
    FakeProbe(monkeypatch, 5e9)
    books = [inspect_book(shakespeare)]
    plan = make_plan(books, 600, TrainConfig(threads=1, batch_size=8), cache=tmp_path / "p.json")
    assert plan.train.batch_size == 8 and plan.tokens == plan.train.iters * 8 * plan.model.context
    assert plan.train.iters * plan.seconds_per_iter <= plan.train_s  # timed at its own batch size


def test_no_candidate_is_mostly_embedding(monkeypatch, tmp_path, shakespeare):
    """A 16000-token vocabulary on a 64-wide model is a lookup table with 1M parameters; a rule that counted them
    chose it for 800 KB of text. Every candidate's embedding is now no larger than the rest of the model, and the
    rule counts only the rest."""
    FakeProbe(monkeypatch, 5e9)
    plan = make_plan([inspect_book(shakespeare)], 600, TrainConfig(threads=1), cache=tmp_path / "p.json")
    vocabs = {c.model.vocab_size for c in plan.candidates}
    assert len(vocabs) >= 2 and all(
        c.model.vocab_size * c.model.d_model <= c.model.body_params() or c.model.vocab_size == min(vocabs)
        for c in plan.candidates
    )
    assert plan.model.vocab_size * plan.model.d_model <= plan.model.body_params()
    wide, narrow = rung_config(2, 16000), rung_config(2, 512)
    assert predicted_bpb(wide.body_params(), 1e6, 1e6, 2.0) == predicted_bpb(narrow.body_params(), 1e6, 1e6, 2.0)


def test_a_timing_a_day_old_is_taken_again(monkeypatch, tmp_path):
    """A timing taken while other programs were busy would otherwise shape every later plan on this computer."""
    probe = FakeProbe(monkeypatch, 5e9)
    path, shape, cfg = tmp_path / "probe.json", rung_config(0, 512), TrainConfig(threads=1)
    first = ProbeCache(path).seconds_per_iter(shape, cfg, None)
    assert ProbeCache(path).seconds_per_iter(shape, cfg, None) == first and probe.calls == 1
    entries = json.loads(path.read_text())
    for entry in entries.values():
        entry[1] -= planning.MAX_AGE_S + 1
    path.write_text(json.dumps(entries))
    assert ProbeCache(path).seconds_per_iter(shape, cfg, None) == first and probe.calls == 2
    path.write_text(json.dumps(dict.fromkeys(entries, 0.01)))  # the old format, one number: measured again too
    assert ProbeCache(path).seconds_per_iter(shape, cfg, None) == first and probe.calls == 3


def test_more_time_than_the_books_can_use_is_said_and_not_spent(monkeypatch, tmp_path, anna_karenina, shakespeare):
    FakeProbe(monkeypatch, 5e9)
    english = make_plan([inspect_book(shakespeare)], 8 * 3600, TrainConfig(threads=1), cache=tmp_path / "p.json")
    assert english.passes == pytest.approx(MAX_USEFUL_PASSES, rel=0.05) and english.train.iters > planning.MIN_ITERS
    # 16 passes over the 96 KB Russian book are about 130 steps, too few to train: it gets MIN_ITERS, about 24 passes
    plan = make_plan([inspect_book(anna_karenina)], 8 * 3600, TrainConfig(threads=1), cache=tmp_path / "p.json")
    assert plan.train.iters == planning.MIN_ITERS and MAX_USEFUL_PASSES < plan.passes < 2 * MAX_USEFUL_PASSES
    assert plan.train.iters * plan.seconds_per_iter < 0.5 * plan.train_s
    assert plan.note is not None and "add text or choose less time" in plan.note
    assert f"support about {plan.passes:.0f} passes" in plan.note
    # a night would allow a far bigger model; one that overfits a 100 KB book before it gains is not offered
    assert all(c.model.body_params() <= planning.MAX_PARAMS_PER_BYTE * plan.book_bytes for c in plan.candidates[1:])


@pytest.mark.parametrize("iters", [66, 200, 700, 5000, 100_000])
def test_evaluations_take_a_small_share_of_any_plan(iters):
    """A 66-iteration plan evaluated every 3 iterations on 20 batches overran its 5 minutes by 40% (docs/sizing.md)."""
    every, batches = eval_settings(iters, most_batches=20)
    evals = iters // every + 1
    assert evals >= 4 and 1 <= batches <= 20
    assert evals * batches * planning.FORWARD_COST <= 0.06 * iters or batches == 1 and evals <= 6
    if iters >= 5000:  # a long run affords the full 20 evaluations of 20 batches
        assert (every, batches) == (iters // 20, 20)


def test_a_chosen_model_too_big_for_the_books_is_told_so(monkeypatch, tmp_path, anna_karenina):
    """`small` on 96 KB of Russian: 16 passes are 36 steps, and it measured 1.92 bits per byte against tiny's 1.58."""
    FakeProbe(monkeypatch, 5e9)
    books = [inspect_book(anna_karenina)]
    plan = make_plan(books, 3600, TrainConfig(threads=1), PRESETS["small"], cache=tmp_path / "p.json")
    steps = re.search(r"only (\d+) training steps", plan.note)
    assert steps and plan.train.iters > int(steps[1]) < planning.FEW_STEPS  # trained longer; early stopping guards
    tiny = make_plan(books, 3600, TrainConfig(threads=1), PRESETS["tiny"], cache=tmp_path / "p.json")
    assert tiny.train.iters >= planning.FEW_STEPS and "training steps" not in tiny.note


def test_a_budget_too_short_for_this_computer_says_the_shortest(monkeypatch, tmp_path, shakespeare):
    FakeProbe(monkeypatch, 1e7)  # a very slow computer
    with pytest.raises(ConfigError, match="too short to train on these books on this computer; choose at least"):
        make_plan([inspect_book(shakespeare)], 60, TrainConfig(threads=1), cache=tmp_path / "p.json")


def test_a_given_shape_gets_only_its_iterations(monkeypatch, tmp_path, shakespeare):
    FakeProbe(monkeypatch, 5e9)
    shape = rung_config(2, 1024)
    plan = make_plan([inspect_book(shakespeare)], 600, TrainConfig(threads=1), shape, cache=tmp_path / "p.json")
    assert plan.model == shape and len(plan.candidates) == 1
