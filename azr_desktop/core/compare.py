"""Several models side by side: their curves on shared axes and the numbers that say which is better.

Different tokenizers make losses in nats per token incomparable, so everything is in bits per byte: evaluations
record it, and the training loss is converted with the model's bytes per token on its own books (an average, so the
training curve is approximate where the validation one is exact). The x axis can be iterations, text seen (bytes of
book text trained on) or training time. Runs in the CLI and in GUI worker threads.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

import numpy as np
import torch

from azr_desktop.core.books import BookInfo, inspect_book, iter_text
from azr_desktop.core.checkpoint import list_checkpoints
from azr_desktop.core.data import cache_key
from azr_desktop.core.errors import AZRError, ConfigError
from azr_desktop.core.history import History, load_history
from azr_desktop.core.inference import TextScore, load_trained, score_book
from azr_desktop.core.library import summarize
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.train_state import TrainState

AXES = ("iter", "bytes", "seconds")  # the x axes: iterations, text seen, training time
SAMPLE_BLOCKS = 64  # the bytes per token of a large cache: this many evenly spaced runs of tokens...
SAMPLE_BLOCK = 65_536  # ...this long (8 MB of a uint16 cache, read again whenever a training model is looked at)
SAMPLE_CHUNKS = 2  # text chunks (about 1M characters each) per book encoded when the cache is gone


@dataclass(frozen=True)
class Series:
    """One curve: its y values and its x values on every axis (``x["iter"]``, ``x["bytes"]``, ``x["seconds"]``)."""

    x: dict[str, np.ndarray]
    y: np.ndarray


@dataclass(frozen=True)
class Compared:
    """One model of a comparison: its table row and its curves."""

    path: Path
    name: str
    params: int
    books: list[str]
    iter: int  # the newest iteration recorded (a running model's last step) or checkpointed
    tokens_seen: int
    bytes_per_token: float | None  # of its tokenizer on its books; None when neither cache nor books are there
    seconds: float  # training time, pauses excluded
    best_val: tuple[int, float] | None  # (iteration, bits per byte) of the lowest evaluation
    latest_val: tuple[int, float] | None
    val: Series  # validation bits per byte
    train: Series | None  # training loss in bits per byte; None without bytes per token
    held_out: TextScore | None = None  # on the book the comparison was asked for, at the newest checkpoint

    @property
    def text_seen_bytes(self) -> int | None:
        return None if self.bytes_per_token is None else round(self.tokens_seen * self.bytes_per_token)

    def to_dict(self) -> dict:
        """The table row as JSON-ready values (the curves are left out)."""

        def val(found: tuple[int, float] | None) -> dict | None:
            return None if found is None else {"iter": found[0], "bits_per_byte": found[1]}

        return {
            "name": self.name,
            "path": str(self.path),
            "params": self.params,
            "books": self.books,
            "iter": self.iter,
            "tokens_seen": self.tokens_seen,
            "bytes_per_token": self.bytes_per_token,
            "text_seen_bytes": self.text_seen_bytes,
            "time_trained_s": self.seconds,
            "best_val": val(self.best_val),
            "latest_val": val(self.latest_val),
            "held_out": None if self.held_out is None else self.held_out.to_dict(),
        }


def compare(
    paths: Sequence[str | Path],
    book: str | Path | None = None,
    device: str | torch.device = "cpu",
    cancelled: Callable[[], bool] | None = None,
) -> Generator[tuple[int, int], None, list[Compared] | None]:
    """Every model's row and curves, scored on ``book`` if one is given (the same text for all); yields
    ``(models done, total)`` as it goes and returns the rows in the order given, or None once ``cancelled()`` says
    so (asked while scoring). Bad input fails before any work: fewer than two models, a folder that is not a model,
    a book that cannot be read."""
    if len(paths) < 2:
        raise ConfigError("a comparison needs at least two models; give two or more model folders")
    folders = [ModelDir.open(p) for p in paths]
    book_info = inspect_book(book) if book is not None else None
    rows = []
    for done, md in enumerate(folders):
        yield done, len(folders)
        row = compare_one(md)
        if book_info is not None:
            row = replace(row, held_out=held_out(md, book_info, device, cancelled))
            if row.held_out is None:
                return None
        rows.append(row)
    yield len(folders), len(folders)
    return rows


def compare_one(md: ModelDir) -> Compared:
    """A model's table row (without the held-out score) and curves, from its folder alone: quick enough to redo
    while it trains."""
    summary = summarize(md.path)
    if summary.problem is not None:
        raise summary.problem
    hist = load_history(md)
    counters = _text_counters(md)
    iters = int(max(summary.iter, hist.step_iter[-1] if len(hist.step_iter) else 0))
    bpt = bytes_per_token(md)

    def axes(at: np.ndarray) -> dict[str, np.ndarray]:
        tokens = counters.tokens_at(at)
        return {
            "iter": at,
            "bytes": tokens * bpt if bpt is not None else np.full(len(at), np.nan),
            "seconds": _seconds_at(hist, at),
        }

    val = Series(axes(hist.eval_iter), hist.eval_bpb)
    train = None if bpt is None else Series(axes(hist.step_iter), hist.loss / math.log(2) / bpt)
    best = int(np.argmin(hist.eval_bpb)) if len(hist.eval_bpb) else None
    return Compared(
        md.path,
        summary.name,
        summary.params,
        [b["name"] for b in md.meta()["books"]],
        iters,
        int(counters.tokens_at(np.array([iters]))[0]),
        bpt,
        float(hist.step_elapsed[-1]) if len(hist.step_elapsed) else counters.seconds,
        None if best is None else (int(hist.eval_iter[best]), float(hist.eval_bpb[best])),
        (int(hist.eval_iter[-1]), float(hist.eval_bpb[-1])) if len(hist.eval_iter) else None,
        val,
        train,
    )


def held_out(
    md: ModelDir, book: BookInfo, device: str | torch.device = "cpu", cancelled: Callable[[], bool] | None = None
) -> TextScore | None:
    """The model at its newest checkpoint scored on every token of ``book`` (None: cancelled)."""
    return score_book(load_trained(md, device), book.path, cancelled)


def bytes_per_token(md: ModelDir) -> float | None:
    """UTF-8 bytes per token of the model's tokenizer on its books: from the token cache (evenly spaced runs of
    it: all of a small one), else from the opening of each book; None when neither is there."""
    tok = md.tokenizer()
    try:
        books = md.recorded_books()
        folder = md.data_dir / cache_key(tok, books, md.train_config().val_frac)
        train = folder / "train.bin"
        if train.is_file() and train.stat().st_size:
            tokens = np.memmap(train, dtype=tok.token_dtype(), mode="r")
            sample = tokens
            if len(tokens) > SAMPLE_BLOCKS * SAMPLE_BLOCK:
                starts = np.linspace(0, len(tokens) - SAMPLE_BLOCK, SAMPLE_BLOCKS).astype(int)
                sample = np.concatenate([tokens[s : s + SAMPLE_BLOCK] for s in starts])
            return float(tok.token_bytes[sample].mean())
        ids = [
            np.asarray(tok.encode(chunk), np.int64) for b in books for chunk in islice(iter_text(b.path), SAMPLE_CHUNKS)
        ]
    except (AZRError, OSError):
        return None
    ids = [a for a in ids if len(a)]
    return float(tok.token_bytes[np.concatenate(ids)].mean()) if ids else None


@dataclass(frozen=True)
class _TextCounters:
    """Tokens seen by iteration: known at each checkpoint, in between at the rate of the segment, past the newest
    at the current settings' batch x context (Step records do not carry the count)."""

    iters: np.ndarray  # 0 and every readable checkpoint's iteration, ascending
    tokens: np.ndarray
    per_step: int
    seconds: float  # the newest checkpoint's training time

    def tokens_at(self, at: np.ndarray) -> np.ndarray:
        at = np.asarray(at, float)
        inside = np.interp(at, self.iters, self.tokens)
        return np.where(at > self.iters[-1], self.tokens[-1] + (at - self.iters[-1]) * self.per_step, inside)


def _text_counters(md: ModelDir) -> _TextCounters:
    iters, tokens, seconds = [0], [0], 0.0
    for info in list_checkpoints(md.checkpoints_dir):
        try:  # only the counters are wanted
            state = TrainState.peek(info.path)
            iters.append(int(state.iter))
            tokens.append(int(state.tokens_seen))
            seconds = float(state.elapsed_s)
        except Exception:  # a damaged checkpoint: the others and the rate still give the curve
            continue
    cfg = md.train_config()
    per_step = cfg.batch_size * md.model_config().context
    return _TextCounters(np.array(iters, float), np.array(tokens, float), per_step, seconds)


def _seconds_at(hist: History, at: np.ndarray) -> np.ndarray:
    """Training time at these iterations, from the Step records (an evaluation comes right after its step)."""
    if not len(hist.step_iter):
        return np.full(len(at), np.nan)
    return np.interp(np.asarray(at, float), hist.step_iter, hist.step_elapsed)
