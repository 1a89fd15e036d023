"""Right-sized training: from the user's books, this computer and a time budget to a model shape and an iteration count.

How a plan is made (``make_plan``):

1. **The books.** Their text is counted (UTF-8 bytes; the last ``val_frac`` is held out), and a tokenizer is trained
   on a sample of it at each candidate vocabulary size, to measure how many bytes one token covers; a larger
   vocabulary is a candidate only while it covers clearly more text it has not seen (``VOCAB_GAIN``).
2. **This computer.** Each rung of ``LADDER`` is timed by a few real training steps (``probe.seconds_per_iter``),
   smallest first, until a rung is too slow to train ``MIN_ITERS`` iterations in the budget. Timings are cached per
   machine, torch version, device, threads and shape, so a second plan is instant.
3. **The size rule.** For every candidate, the iterations that fit in the budget give the bytes of text it will
   see; ``predicted_bpb`` (a fitted scaling law with repeated data counted as Muennighoff et al. 2023 do) says how
   good the model will be on held-out text. The best candidate wins. The law's constants were fitted to our own
   runs (docs/sizing.md, with the commands); no tokens-per-parameter ratio is assumed.
4. **The data limit.** Up to about ``FRESH_PASSES`` passes over the books are as good as fresh text; more help less
   and less, and past ``MAX_USEFUL_PASSES`` more time does not help: a plan never trains longer than that (unless
   that is fewer than ``MIN_ITERS`` steps, which a small book's passes can be), and says so when the budget would
   allow more ("your books support about N passes; add text or choose less time").

``LADDER`` is the family of shapes: width, depth and heads grow together (head size 32, then 64), SwiGLU's hidden
width is about 8/3 of the model width (Llama's rule, rounded to 32), and the context grows with the model.
"""

from __future__ import annotations

import bz2
import json
import math
import os
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs
import torch

from azr_desktop.core.books import BookInfo, training_text
from azr_desktop.core.config import ModelConfig, TrainConfig
from azr_desktop.core.device import pick_device, pick_precision
from azr_desktop.core.errors import ConfigError, Text
from azr_desktop.core.fsutil import atomic_write_json
from azr_desktop.core.probe import rough_duration, seconds_per_iter
from azr_desktop.core.tokenizer import BookTokenizer

# (d_model, n_layers, n_heads, d_ff, context)
LADDER: tuple[tuple[int, int, int, int, int], ...] = (
    (64, 2, 2, 160, 128),
    (96, 3, 3, 256, 128),
    (128, 4, 4, 352, 128),
    (192, 5, 6, 512, 128),
    (256, 6, 8, 672, 256),
    (320, 7, 10, 864, 256),
    (384, 8, 6, 1024, 256),
    (512, 10, 8, 1376, 256),
    (768, 12, 12, 2048, 512),
)
VOCABS = (512, 1024, 2048, 4096, 8192, 16000)
# A vocabulary larger than train bytes / 40 leaves its tokens seen too rarely. Measured (docs/sizing.md): on 96 KB of
# Russian the tiny shape with 2048 tokens beat the same shape with 512 by 2.3% at 5 minutes.
BYTES_PER_VOCAB_ENTRY = 40
# A doubled vocabulary must cover at least this much more unseen text per token to be worth its rarer tokens and larger
# embedding. Measured (docs/sizing.md): on the English book at 5 minutes 4096 tokens (11% more than 2048 on unseen
# text) lost 1.3% held-out bits per byte to 2048; on the Russian book 2048 (20% more than 1024) beat 1024 by 2.2%.
VOCAB_GAIN = 0.12
FRESH_PASSES = 4.0
MAX_USEFUL_PASSES = 16.0
# Fewer steps cannot warm up, train and decay, so a plan gives at least this many even when they are more than
# MAX_USEFUL_PASSES passes over a small book (early stopping ends the run if the book runs out first). On the Russian
# book (96 KB), 16 passes are 132 steps: `tiny` measured 1.5764 held-out bits per byte in 132 and 1.5400 in 201, rung 3
# 1.5375 and 1.5365 (docs/sizing.md).
MIN_ITERS = 200
# A model the user chose that the books' passes allow fewer steps than this gets a note: on the Russian book `small`
# (36 steps) measured 1.92 held-out bits per byte and rung 4 (76) 1.585, against rung 3's 1.538 in 132 (docs/sizing.md).
FEW_STEPS = 100
# Within this of the best prediction, the smallest candidate: half the rule's own error (2.1% RMS). A whole 2% chose
# 0.4M parameters over 1M on the Russian book, where 1M measured better (docs/sizing.md).
TIE = 0.01
# A model with more parameters (outside the embedding) per byte of training text than this overfits before it gains,
# and a small book gives it too few steps: on the Russian book (96 KB), 16 passes each, rung 4 at 49 per byte
# measured 1.585 held-out bits per byte against rung 3's 1.544 at 23 and tiny's 1.563 at 9 (docs/sizing.md). A cap of
# 10 left out rung 3, which measured best.
MAX_PARAMS_PER_BYTE = 30
PATIENCE = 5  # a planned run stops after this many evaluations (of 20) without a lower validation loss
SAMPLE_CHARS = 2_000_000  # the tokenizer's bytes per token are measured on this much text
EVAL_SAVE_SHARE = 0.06  # of the training time, spent evaluating and saving ...
EVAL_SHARE = 0.04  # ... of it on evaluations (``eval_settings``)
EVALS = 20  # evaluations in a plan long enough to afford them
FORWARD_COST = 1 / 3  # an evaluation batch (forward only) against a training step (forward and backward)

# The size rule: held-out bits per byte = C * (E + A / N**ALPHA + B / S**BETA), with S the effective bytes of text
# seen, N the effective parameters outside the embedding (ModelConfig.body_params; past K per byte of the books, more
# are worth less and less: a big model on a small book overfits before it gains) and C what bz2 needs per byte of the
# books (how predictable they are; it scales the rule from one book to another). Fitted by benchmarks/fit_sizing.py
# to our runs (docs/sizing.md).
LAW = {"E": 0.5699, "A": 17.31, "ALPHA": 0.45, "B": 247.8, "BETA": 0.475, "K": 16.0}
R_STAR = 15.4  # Muennighoff et al. (2023): the e-folding number of repeats of the data's value
R_STAR_PARAMS = 5.3  # ... and of the excess parameters' value


def rung_config(rung: int, vocab_size: int) -> ModelConfig:
    d_model, n_layers, n_heads, d_ff, context = LADDER[rung]
    return ModelConfig(
        vocab_size=vocab_size, d_model=d_model, n_layers=n_layers, n_heads=n_heads, d_ff=d_ff, context=context
    )


NUMBER = r"(\d+(?:\.\d+)?)"
DURATION = re.compile(f"(?:{NUMBER}d)?(?:{NUMBER}h)?(?:{NUMBER}m(?:in)?)?(?:{NUMBER}s)?")


def parse_duration(text: str) -> float:
    """Seconds in a duration such as "45m", "1h30m", "2h", "90s", "1.5h" or "45" (minutes)."""
    raw = str(text).strip().lower().replace(" ", "")
    if re.fullmatch(r"\d+(\.\d+)?", raw):
        seconds = float(raw) * 60
    else:
        parts = DURATION.fullmatch(raw)
        if not raw or parts is None:
            raise ConfigError("{text!r} is not a duration; write it like 45m, 1h30m or 8h", text=text)
        d, h, m, s = (float(g) if g else 0.0 for g in parts.groups())
        seconds = ((d * 24 + h) * 60 + m) * 60 + s
    if not 60 <= seconds <= 30 * 86400:
        raise ConfigError("the time budget must be between 1 minute and 30 days, got {text!r}", text=text)
    return seconds


def effective_bytes(seen: float, unique: float) -> float:
    """Bytes of text seen, counting repeats at their diminishing worth: the first pass in full, each further one
    less (Muennighoff et al. 2023, eq. 5): about 4 passes are almost as good as fresh text, 16 barely better than 12."""
    return _diminishing(seen, unique, R_STAR)


def _diminishing(amount: float, useful: float, e_fold: float) -> float:
    if amount <= useful:
        return amount
    return useful * (1 + e_fold * (1 - math.exp(-(amount / useful - 1) / e_fold)))


def predicted_bpb(params: int, seen_bytes: float, unique_bytes: float, compressed: float, law: dict = LAW) -> float:
    """The size rule's held-out bits per byte of a model with ``params`` parameters outside the embedding after seeing
    ``seen_bytes`` of ``unique_bytes`` (see ``LAW``)."""
    s = max(effective_bytes(seen_bytes, unique_bytes), 1.0)
    n = _diminishing(params, law["K"] * unique_bytes, R_STAR_PARAMS)
    return compressed * (law["E"] + law["A"] / n ** law["ALPHA"] + law["B"] / s ** law["BETA"])


def compressed_bpb(text: str) -> float:
    """Bits per byte bz2 needs for ``text`` (UTF-8): the books' own difficulty, which the size rule scales by."""
    data = text.encode("utf-8")
    return 8 * len(bz2.compress(data)) / max(1, len(data))


@dataclass
class Candidate:
    model: ModelConfig
    seconds_per_iter: float
    iters: int
    passes: float
    predicted_bpb: float
    capped: bool  # the books' passes limit, not the time, set ``iters``
    useful_iters: int  # the steps MAX_USEFUL_PASSES passes over the books are

    def to_dict(self) -> dict:
        return {
            "model": self.model.to_dict(),
            "params": self.model.num_params(),
            "seconds_per_iter": round(self.seconds_per_iter, 5),
            "iters": self.iters,
            "passes": round(self.passes, 2),
            "predicted_bpb": round(self.predicted_bpb, 4),
            "capped_by_data": self.capped,
        }


@dataclass
class Plan:
    """The chosen model and run, and why: what this computer measured and what the books allow."""

    model: ModelConfig
    train: TrainConfig
    budget_s: float
    train_s: float  # the part of the budget left for training steps (tokenizer, tokenising and evals excluded)
    seconds_per_iter: float
    bytes_per_token: float
    book_bytes: int  # training text (held-out part excluded), UTF-8 bytes
    tokens: int  # tokens the run will train on
    passes: float
    predicted_bpb: float
    note: Text | None = None
    candidates: list[Candidate] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "model": self.model.to_dict(),
            "params": self.model.num_params(),
            "train": {k: v for k, v in self.train.to_dict().items() if k in PLANNED_TRAIN_FIELDS},
            "budget_s": round(self.budget_s),
            "train_s": round(self.train_s),
            "seconds_per_iter": round(self.seconds_per_iter, 5),
            "bytes_per_token": round(self.bytes_per_token, 3),
            "book_bytes": self.book_bytes,
            "tokens": self.tokens,
            "passes": round(self.passes, 2),
            "predicted_bpb": round(self.predicted_bpb, 4),
            "note": self.note,
            "candidates": [c.to_dict() for c in self.candidates],
        }


PLANNED_TRAIN_FIELDS = ("iters", "batch_size", "lr", "warmup", "eval_every", "eval_iters", "save_every", "patience")


def eval_settings(iters: int, most_batches: int) -> tuple[int, int]:
    """(eval_every, eval_iters) that keep a run's evaluations within EVAL_SHARE of its training time: EVALS of them
    where that pays for a batch each, fewer in a short run (at least 4, for early stopping to count), and as many
    batches each as fit, up to ``most_batches``. A fixed 20 evaluations of 20 batches made a 66-iteration plan spend
    more time evaluating than training (docs/sizing.md)."""
    affordable = EVAL_SHARE * iters / FORWARD_COST  # evaluation batches the share pays for
    evals = max(4, min(EVALS, int(affordable)))
    return max(1, iters // evals), max(1, min(most_batches, int(affordable / evals)))


def vocab_candidates(train_bytes: int) -> list[int]:
    """Vocabulary sizes worth trying for this much text: each token should occur often enough to be learned."""
    return [v for v in VOCABS if v <= train_bytes / BYTES_PER_VOCAB_ENTRY] or [VOCABS[0]]


def vocabs_for(shape: ModelConfig, vocabs: list[int]) -> list[int]:
    """The vocabularies whose embedding is no larger than the rest of this shape (at least the smallest): past that,
    a model is mostly a lookup table, and the size rule, which counts only the rest, cannot tell what it would gain."""
    return [v for v in vocabs if v * shape.d_model <= shape.body_params()] or [min(vocabs)]


def _measure_vocabs(sample: str, vocabs: list[int], say: Callable[[Text], None]) -> tuple[dict[int, float], int]:
    """Bytes per token of the books' text for each vocabulary worth having, and how many tokenizers were trained.

    Each tokenizer learns on the sample's first 90% (its bytes per token there are what training sees) and is tried
    on the last 10%, text it has not seen: a vocabulary twice as large is worth having only while it covers at least
    VOCAB_GAIN more of that text per token (the doublings after it gain less still)."""
    seen, unseen = sample[: int(len(sample) * 0.9)], sample[int(len(sample) * 0.9) :]
    seen_bytes, unseen_bytes = len(seen.encode("utf-8")), len(unseen.encode("utf-8"))
    bytes_per_token: dict[int, float] = {}
    held_out = 0.0
    for count, vocab in enumerate(vocabs, 1):
        say(Text("measuring a {vocab}-token vocabulary on the books", vocab=vocab))
        tok = BookTokenizer.train(iter([seen]), vocab)
        covered = unseen_bytes / max(1, len(tok.encode(unseen)))
        if bytes_per_token and covered < held_out * (1 + VOCAB_GAIN):
            return bytes_per_token, count
        bytes_per_token[vocab], held_out = seen_bytes / max(1, len(tok.encode(seen))), covered
    return bytes_per_token, len(vocabs)


def _book_sample(books: list[BookInfo], val_frac: float) -> tuple[str, int]:
    """Up to SAMPLE_CHARS of training text spread over the books (what the tokenizer is trained on: core/books.py
    ``training_text``), and all their training text in UTF-8 bytes."""
    total = 0
    sample: list[str] = []
    per_book = SAMPLE_CHARS // max(1, len(books))
    for book in books:
        taken = 0
        for chunk in training_text(book, val_frac):
            total += len(chunk.encode("utf-8"))
            if taken < per_book:
                sample.append(chunk[: per_book - taken])
                taken += len(sample[-1])
    return "".join(sample), total


def make_plan(
    books: list[BookInfo],
    budget_s: float,
    base: TrainConfig | None = None,
    shape: ModelConfig | None = None,
    progress: Callable[[Text], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    cache: Path | None = None,
) -> Plan:
    """The best plan for ``books`` in ``budget_s`` seconds on ``base``'s device and threads (see the module doc);
    with ``shape``, the plan for that model only (how long to train it)."""
    base = base or TrainConfig()
    say = progress or (lambda text: None)
    if not books:
        raise ConfigError("a plan needs at least one book")
    say(Text("reading the books"))
    sample, train_bytes = _book_sample(books, base.val_frac)
    total_bytes = train_bytes / (1 - base.val_frac)
    compressed = compressed_bpb(sample)
    started = time.perf_counter()
    sizes = [shape.vocab_size] if shape else vocab_candidates(train_bytes)
    bytes_per_token, trained = _measure_vocabs(sample, sizes, say)
    # Making the model does this once on all the text (tokenizer training), then tokenises it.
    prep_s = (time.perf_counter() - started) / trained * 2 * max(1.0, total_bytes / max(1, len(sample)))
    train_s = (budget_s - prep_s) * (1 - EVAL_SAVE_SHARE)
    timings = ProbeCache(cache or default_cache_path())
    candidates: list[Candidate] = []
    shapes = [shape] if shape else [rung_config(rung, max(bytes_per_token)) for rung in range(len(LADDER))]
    for rung_cfg in shapes:
        if shape is None and candidates and rung_cfg.body_params() > MAX_PARAMS_PER_BYTE * train_bytes:
            break  # too big for the books; the larger rungs more so
        vocabs = vocabs_for(rung_cfg, list(bytes_per_token)) if shape is None else [shape.vocab_size]
        probe_cfg = rung_cfg.replace(vocab_size=max(vocabs))  # the others' time scales with their FLOPs
        say(Text("timing a {params}-parameter model on this computer", params=f"{probe_cfg.num_params():,}"))
        secs = timings.seconds_per_iter(probe_cfg, base, cancelled)
        if secs is None:
            raise ConfigError("planning was cancelled")
        fitting = []
        for vocab in vocabs:
            model_cfg = probe_cfg.replace(vocab_size=vocab)
            secs_v = secs * model_cfg.flops_per_token() / probe_cfg.flops_per_token()
            step_bytes = base.batch_size * model_cfg.context * bytes_per_token[vocab]
            candidate = _candidate(model_cfg, secs_v, train_s, train_bytes, step_bytes, compressed)
            if candidate.iters >= min(MIN_ITERS, candidate.useful_iters):  # time to warm up, train and decay
                fitting.append(candidate)
        if not fitting:
            break  # the larger shapes are slower still
        candidates += fitting
    if not candidates:
        shortest = prep_s + MIN_ITERS * timings.last / (1 - EVAL_SAVE_SHARE)
        raise ConfigError(
            "{budget} is too short to train on these books on this computer; choose at least {shortest}",
            budget=rough_duration(budget_s),
            shortest=rough_duration(shortest),
        )
    # Within TIE of the best prediction, the smallest model (the rule overrates big models on small books near the
    # passes limit: they overfit sooner, docs/sizing.md), with the larger vocabulary: the rule does not see what a
    # vocabulary does beyond its parameters, and the larger one measured better.
    lowest = min(c.predicted_bpb for c in candidates)
    near = [c for c in candidates if c.predicted_bpb <= lowest * (1 + TIE)]
    best = min(near, key=lambda c: (c.model.body_params(), -c.model.vocab_size))
    model_cfg = best.model
    tokens = best.iters * base.batch_size * model_cfg.context
    note = None
    if shape is not None and best.useful_iters < FEW_STEPS:
        note = Text(
            "{passes:.0f} passes over your books are only {iters} training steps for a model this size, too few to"
            " train it well; a smaller model or more text will do better",
            passes=MAX_USEFUL_PASSES,
            iters=best.useful_iters,
        )
    elif best.capped and best.iters * best.seconds_per_iter < 0.8 * train_s:
        note = Text(
            "your books support about {passes:.0f} passes over their text; add text or choose less time (this plan"
            " takes about {time})",
            passes=best.passes,
            time=rough_duration(prep_s + best.iters * best.seconds_per_iter / (1 - EVAL_SAVE_SHARE)),
        )
    eval_every, eval_iters = eval_settings(best.iters, base.eval_iters)
    train = base.replace(
        iters=best.iters,
        warmup=min(base.warmup, best.iters // 10),
        eval_every=eval_every,
        eval_iters=eval_iters,
        save_every=max(1, min(base.save_every, best.iters // 10)),
        patience=base.patience or PATIENCE,
    )
    return Plan(
        model_cfg, train, budget_s, train_s, best.seconds_per_iter, bytes_per_token[model_cfg.vocab_size],
        train_bytes, tokens, best.passes, best.predicted_bpb, note, candidates,
    )


def iterations_in(budget_s: float, seconds_per_iter: float) -> int:
    """How many more iterations of a model that exists fit in ``budget_s`` (evaluations and saves take their share)."""
    return max(1, int(budget_s * (1 - EVAL_SAVE_SHARE) / seconds_per_iter))


def _candidate(
    model_cfg: ModelConfig, secs: float, train_s: float, train_bytes: int, per_iter_bytes: float, compressed: float
) -> Candidate:
    useful = int(MAX_USEFUL_PASSES * train_bytes / per_iter_bytes)
    limit = max(MIN_ITERS, useful)  # never past the books' limit
    iters = int(train_s / secs)
    capped = iters > limit
    iters = min(iters, limit)
    seen = iters * per_iter_bytes
    return Candidate(
        model_cfg,
        secs,
        iters,
        seen / train_bytes,
        predicted_bpb(model_cfg.body_params(), seen, train_bytes, compressed),
        capped,
        useful,
    )


def default_cache_path() -> Path:
    """Where probe timings are kept (``AZR_DESKTOP_CACHE`` overrides the platform's cache folder)."""
    folder = os.environ.get("AZR_DESKTOP_CACHE") or platformdirs.user_cache_dir("AZR Desktop", appauthor=False)
    return Path(folder) / "probe.json"


# A timing older than this is taken again: what else the computer was doing, its power settings or its drivers may have
# changed, and a timing taken while other programs were busy must not shape every later plan.
MAX_AGE_S = 86400.0


class ProbeCache:
    """Probe timings per machine setup and shape, each with when it was taken, in a small JSON file shared by the
    planner and the Model page's estimate; a damaged file or entry is just measured again."""

    def __init__(self, path: Path):
        self.path = path
        self.last = 0.0
        try:
            self.entries: dict[str, list[float]] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def seconds_per_iter(
        self, model_cfg: ModelConfig, cfg: TrainConfig, cancelled: Callable[[], bool] | None
    ) -> float | None:
        device = pick_device(cfg.device)
        threads = cfg.threads or torch.get_num_threads()
        precision = pick_precision(cfg.precision, device, model_cfg)
        key = json.dumps([torch.__version__, str(device), precision, threads, cfg.batch_size, asdict(model_cfg)])
        if not self._fresh(self.entries.get(key)):
            secs = seconds_per_iter(model_cfg, cfg, cancelled=cancelled)
            if secs is None:
                return None
            self.entries[key] = [secs, time.time()]
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_json(self.path, self.entries)
            except OSError:
                pass  # a read-only cache folder only costs the next plan its probes
        self.last = self.entries[key][0]
        return self.last

    @staticmethod
    def _fresh(entry) -> bool:
        return isinstance(entry, list) and len(entry) == 2 and 0 <= time.time() - entry[1] < MAX_AGE_S
