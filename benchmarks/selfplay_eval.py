"""Does self-play help? An honest comparison from one pretrained start, with equal wall time per arm.

Arms (docs/selfplay.md explains the protocol):
  A0  the pretrained model, no further training
  A1  more ordinary next-token training (same lr plan as self-play: 20-step warmup to the same peak, constant)
  A2  supervised training on the same kinds of tasks (the book's answers, teacher forced) + the same losses
  A4  the full self-play phase
  A5  A0 with decoding fixes only (repetition penalty 1.3, top-p 0.9) for free generations
A1, A2 and A4 each train for the same wall time, for each seed. Everything is measured on a held-out test split
(the second half of the validation text; self-play's own guards use the first half): test perplexity, a fixed task
suite answered greedily (cont chrF++, fill exact match, prev chrF++), and free generations from test prompts
(seq-rep-4, distinct-2, share of words found in the books, share of word 8-grams copied from the training text),
each beside the book's own value. Intervals are 95% percentile bootstraps over items pooled across seeds;
differences A4-A1 and A4-A2 are paired by item. The verdict rule is fixed in advance: "self-play helps" only if a
task score's interval against both A1 and A2 lies above 0 and test perplexity is within 2% of A1's.

    python benchmarks/selfplay_eval.py --quick          # under 10 minutes on a 2-core CPU
    python benchmarks/selfplay_eval.py --seeds 5 --budget-s 300 --pretrain-iters 3000
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from azr_desktop.core import events as ev
from azr_desktop.core.books import inspect_book
from azr_desktop.core.booktasks import TextWorld, documents_from_tokens
from azr_desktop.core.config import PRESETS, SampleConfig, SelfPlayConfig, TrainConfig
from azr_desktop.core.data import drain, prepare_tokens, sequential_windows
from azr_desktop.core.generate import Generation
from azr_desktop.core.inference import load_trained
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.selfplay import WORLD_TOKENS, suite_scores
from azr_desktop.core.textscore import NgramSet, in_vocab_ratio, seq_rep, words
from azr_desktop.core.trainer import Control, Trainer
from benchmarks.textmetrics import bootstrap_ci, distinct_n, paired_bootstrap_diff

DEFAULT_BOOK = Path(__file__).resolve().parents[2] / "shared" / "data" / "tinyshakespeare.txt"
NEW_TOKENS = 128
PLAIN = SampleConfig(max_new_tokens=NEW_TOKENS, temperature=0.8, top_k=0, top_p=0.95)
FIXED = PLAIN.replace(top_p=0.9, repetition_penalty=1.3)
PROMPT_TOKENS = 32
COPY_N = 8


@dataclass
class Split:
    """The held-out test text, as tokens, a task world and free-generation prompts with their true continuations."""

    tokens: np.ndarray
    world: TextWorld
    prompts: list[list[int]]
    truths: list[str]


def pretrain(book: Path, folder: Path, iters: int, threads: int) -> ModelDir:
    cfg = TrainConfig(iters=iters, batch_size=12, lr=2e-3, warmup=50, eval_every=max(1, iters // 5), eval_iters=5,
                      save_every=0, sample_every=0, threads=threads)
    md = ModelDir.create(folder, PRESETS["tiny"], cfg, [inspect_book(book)])
    t0 = time.perf_counter()
    for e in Trainer(md).run():
        if isinstance(e, ev.Eval):
            print(f"  pretrain iter {e.iter}: val loss {e.val_loss:.3f}", flush=True)
    print(f"  pretrained {iters} iterations in {time.perf_counter() - t0:.0f} s")
    return md


def train_arm(base: ModelDir, folder: Path, arm: str, seed: int, budget_s: float, sp: SelfPlayConfig) -> dict:
    """Continue a copy of the start for ``budget_s`` seconds of training; returns its wall time and iterations."""
    shutil.copytree(base.path, folder)
    md = ModelDir.open(folder)
    start = md.train_config()
    # A1's plan: the saved one rescaled to self-play's peak lr and re-warmed to it, then flat (a far target).
    cfg = start.replace(iters=start.iters + 10**6, seed=seed, eval_every=0, save_every=0, sample_every=0)
    selfplay = None
    if arm == "A1":
        cfg = cfg.replace(lr=sp.lr)
    else:
        selfplay = sp.replace(mode="supervised" if arm == "A2" else "selfplay")
    control, t0, steps = Control(), None, 0
    for e in Trainer(md, cfg, selfplay=selfplay).run(control):
        if isinstance(e, ev.Started):
            t0 = time.perf_counter()
        elif isinstance(e, ev.Step):
            steps += 1
            if time.perf_counter() - t0 >= budget_s:
                control.stop()
    return {"wall_s": time.perf_counter() - t0, "steps": steps, "md": md}


def test_split(md: ModelDir, n_prompts: int) -> Split:
    tok = md.tokenizer()
    data = _tokens(md)
    test = np.asarray(data.val[len(data.val) // 2 :])
    world = TextWorld(documents_from_tokens(test, tok, WORLD_TOKENS), tok, md.model_config().context)
    starts = np.linspace(0, len(test) - PROMPT_TOKENS - NEW_TOKENS - 1, n_prompts).astype(int)
    prompts = [test[s : s + PROMPT_TOKENS].tolist() for s in starts]
    truths = [tok.decode(test[s + PROMPT_TOKENS : s + PROMPT_TOKENS + NEW_TOKENS].tolist()) for s in starts]
    return Split(test, world, prompts, truths)


def _tokens(md: ModelDir):
    return drain(prepare_tokens(md.data_dir, md.tokenizer(), md.recorded_books(), md.train_config().val_frac))


@torch.no_grad()
def window_nll(model, tokens: np.ndarray, eot: int) -> list[float]:
    """Mean NLL of each context-sized window of the test text (items for the perplexity interval)."""
    out = []
    for x, y in sequential_windows(tokens, eot, model.cfg.context):
        out.append(float(model.token_nll(x, y).mean()))
    return out


def generations(trained, split: Split, sc: SampleConfig, seed: int) -> list[str]:
    tok = trained.tokenizer
    return [
        Generation(trained.model, tok, tok.decode(p), sc.replace(seed=seed * 1000 + i)).text()
        for i, p in enumerate(split.prompts)
    ]


def text_metrics(texts: list[str], vocab: dict, train_ngrams: NgramSet) -> dict[str, list]:
    """Per-text degeneration metrics over words. distinct-2 is taken per text (Li et al.'s corpus-level figure
    cannot be bootstrapped by resampling texts: repeated texts repeat their bigrams)."""
    m: dict[str, list[float]] = {"seq_rep_4": [], "distinct_2": [], "in_book_words": [], "copy_rate_8": []}
    for text in texts:
        w = words(text)
        m["seq_rep_4"].append(seq_rep(w, 4))
        m["distinct_2"].append(distinct_n([w], 2))
        m["in_book_words"].append(in_vocab_ratio(w, vocab))
        ids = [vocab.get(x, -1) for x in w]
        m["copy_rate_8"].append(train_ngrams.share_found(ids))
    return m


def evaluate(md: ModelDir, split: Split, suite, train_world, train_ngrams, sc, seed, deterministic=True) -> dict:
    """Every test figure of one model, per item. ``deterministic=False`` skips the greedy suite and perplexity
    (for the untrained arms after the first seed: they would only repeat the same items)."""
    trained = load_trained(md)
    items = {}
    if deterministic:
        items = {f"suite_{k}": v for k, v in suite_scores(trained.model, split.world, suite).items()}
        items["test_nll"] = window_nll(trained.model, split.tokens, trained.tokenizer.eot_id)
    items.update(text_metrics(generations(trained, split, sc, seed), train_world.vocab, train_ngrams))
    return items


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--book", type=Path, default=DEFAULT_BOOK)
    p.add_argument("--quick", action="store_true", help="small budgets: under 10 minutes on a 2-core CPU")
    p.add_argument("--seeds", type=int, default=3)
    p.add_argument("--pretrain-iters", type=int)
    p.add_argument("--budget-s", type=float, help="training seconds per arm and seed")
    p.add_argument("--suite", type=int, help="test tasks per type")
    p.add_argument("--prompts", type=int, help="free generations per arm and seed")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--out", type=Path, help="write all figures as JSON here")
    args = p.parse_args()
    quick = dict(pretrain_iters=500, budget_s=25.0, suite=20, prompts=12)
    full = dict(pretrain_iters=3000, budget_s=240.0, suite=100, prompts=50)
    for k, v in (quick if args.quick else full).items():
        if getattr(args, k) is None:
            setattr(args, k, v)
    torch.set_num_threads(args.threads)
    t_start = time.perf_counter()
    sp = SelfPlayConfig()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"pretraining the start (tiny preset, {args.pretrain_iters} iterations on {args.book.name})")
        base = pretrain(args.book, Path(tmp) / "base", args.pretrain_iters, args.threads)
        split = test_split(base, args.prompts)
        suite = split.world.suite(sp.kind_list(), args.suite, seed=12345)
        data = _tokens(base)
        tok = base.tokenizer()
        train_world = TextWorld(documents_from_tokens(data.train, tok, WORLD_TOKENS), tok, base.model_config().context)
        train_ngrams = NgramSet(train_world.ids, COPY_N)
        book = text_metrics(split.truths, train_world.vocab, train_ngrams)
        print(f"test split: {len(split.tokens)} tokens, {len(suite)} tasks, {len(split.prompts)} prompts")

        results: dict[str, dict[str, list[float]]] = {}
        runs: dict[str, list[dict]] = {}

        def add(arm: str, items: dict[str, list[float]]) -> None:
            for k, v in items.items():
                results.setdefault(arm, {}).setdefault(k, []).extend(v)

        for seed in range(args.seeds):
            add("A0", evaluate(base, split, suite, train_world, train_ngrams, PLAIN, seed, seed == 0))
            add("A5", evaluate(base, split, suite, train_world, train_ngrams, FIXED, seed, seed == 0))
            for arm in ("A1", "A2", "A4"):
                run = train_arm(base, Path(tmp) / f"{arm}-{seed}", arm, seed, args.budget_s, sp)
                runs.setdefault(arm, []).append({"wall_s": run["wall_s"], "steps": run["steps"]})
                print(f"  seed {seed} {arm}: {run['steps']} steps in {run['wall_s']:.1f} s", flush=True)
                add(arm, evaluate(run["md"], split, suite, train_world, train_ngrams, PLAIN, seed))
                shutil.rmtree(run["md"].path)
        report(results, runs, book, args, time.perf_counter() - t_start)


def report(results, runs, book, args, total_s: float) -> None:
    arms = ("A0", "A1", "A2", "A4", "A5")
    metrics = [m for m in results["A0"] if m != "test_nll"]
    print(f"\n{'metric':<16}" + "".join(f"{a:>22}" for a in arms) + f"{'book':>10}")

    def cell(values):
        mean, lo, hi = bootstrap_ci(values)
        return f"{mean:8.3f} [{lo:.3f},{hi:.3f}]"

    ppl = {a: [math.exp(x) for x in bootstrap_ci(results[a]["test_nll"])] for a in arms}
    print(f"{'test ppl':<16}" + "".join(f"{ppl[a][0]:8.2f} [{ppl[a][1]:.2f},{ppl[a][2]:.2f}]".rjust(22) for a in arms))
    for m in metrics:
        ref = f"{np.mean(book[m]):10.3f}" if m in book else ""
        print(f"{m:<16}" + "".join(cell(results[a][m]).rjust(22) for a in arms) + ref)
    walls = {a: float(np.mean([r["wall_s"] for r in runs[a]])) for a in runs}
    print("training per seed: " + ", ".join(f"{a} {walls[a]:.1f} s / {np.mean([r['steps'] for r in runs[a]]):.0f} steps"
                                           for a in runs))
    spread = max(walls.values()) / min(walls.values()) - 1
    print(f"wall-time spread between trained arms: {100 * spread:.1f}% (must be within 5%)")

    diffs = {}
    for other in ("A1", "A2"):
        for m in (k for k in metrics if k.startswith("suite_")):
            diffs[f"{m} A4-{other}"] = paired_bootstrap_diff(results["A4"][m], results[other][m])
    print("\npaired differences (mean [95% CI]):")
    for k, (mean, lo, hi) in diffs.items():
        print(f"  {k:<24} {mean:+.4f} [{lo:+.4f}, {hi:+.4f}]")
    wins = [m for m in metrics if m.startswith("suite_")
            if diffs[f"{m} A4-A1"][1] > 0 and diffs[f"{m} A4-A2"][1] > 0]
    ppl_ok = ppl["A4"][0] <= 1.02 * ppl["A1"][0]
    verdict = (f"self-play helps on {', '.join(wins)}" if wins and ppl_ok else
               "no measurable benefit of self-play at this scale")
    print(f"\nverdict: {verdict} (test perplexity A4 {ppl['A4'][0]:.2f} vs A1 {ppl['A1'][0]:.2f}:"
          f" {'non-inferior' if ppl_ok else 'worse by more than 2%'})")
    print(f"total time {total_s / 60:.1f} min; seeds {args.seeds}, {args.budget_s:g} s per arm")
    if args.out:
        args.out.write_text(json.dumps({"results": results, "runs": runs, "book": book, "diffs": diffs,
                                        "verdict": verdict, "args": {k: str(v) for k, v in vars(args).items()}}))


if __name__ == "__main__":
    main()
