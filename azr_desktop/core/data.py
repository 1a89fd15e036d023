"""Token caches and batch sampling.

Books are tokenised once, streaming, into flat ``uint16``/``uint32`` files (memory-mapped, so a 1 GB book never has
to fit in memory): the first ``1 - val_frac`` of every book's tokens go to ``train.bin``, the rest to ``val.bin``,
each book followed by ``<|endoftext|>``. The cache folder is named by a hash of everything that shapes it, so a
changed tokenizer, book list or split simply builds a new one. Training windows are drawn with a seeded
``torch.Generator`` whose state goes into checkpoints; evaluation windows are fixed, so evaluating never disturbs
training randomness and two evaluations of the same weights give the same number.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import torch

from azr_desktop.core.books import BookInfo, iter_text
from azr_desktop.core.errors import BookError
from azr_desktop.core.fsutil import atomic_write_json, fsync_dir
from azr_desktop.core.tokenizer import BookTokenizer

CACHE_VERSION = 1
ENCODE_GROUP = 4  # text chunks (~1M characters each) encoded per call, spread over the CPU cores
COPY_BLOCK = 1 << 24  # tokens copied at a time when splitting a book into train/val

# Long preparation steps are generators of (done, total) that return their result, so the trainer can re-yield
# progress as events while it waits: ``data = yield from prepare_tokens(...)``.
ProgressGen = Generator[tuple[int, int], None, "TokenData"]


def drain(work: Iterator, each: Callable[[Any], None] = lambda item: None) -> Any:
    """Pass every item of ``work`` to ``each`` and return its return value (None for an iterator that is not a
    generator): how a caller that is not itself a generator runs a progress generator to its result."""
    while True:
        try:
            each(next(work))
        except StopIteration as stop:
            return stop.value


@dataclass
class TokenData:
    train: np.ndarray
    val: np.ndarray
    token_bytes: np.ndarray  # UTF-8 bytes per token id


def cache_key(tokenizer: BookTokenizer, books: list[BookInfo], val_frac: float) -> str:
    spec = {"v": CACHE_VERSION, "tok": tokenizer.sha256, "books": [b.sha256 for b in books], "val_frac": val_frac}
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:20]


def _cache_folder(data_dir: Path, tokenizer: BookTokenizer, books: list[BookInfo], val_frac: float) -> Path:
    return Path(data_dir) / cache_key(tokenizer, books, val_frac)


def is_cached(data_dir: Path, tokenizer: BookTokenizer, books: list[BookInfo], val_frac: float) -> bool:
    return (_cache_folder(data_dir, tokenizer, books, val_frac) / "meta.json").exists()


def prepare_tokens(data_dir: Path, tokenizer: BookTokenizer, books: list[BookInfo], val_frac: float) -> ProgressGen:
    """Return the token cache for these books, building it first if needed (progress in raw bytes of the books)."""
    folder = _cache_folder(data_dir, tokenizer, books, val_frac)
    dtype = tokenizer.token_dtype()
    if not is_cached(data_dir, tokenizer, books, val_frac):
        yield from _build(folder, tokenizer, books, val_frac, dtype)
    return TokenData(
        train=np.memmap(folder / "train.bin", dtype=dtype, mode="r"),
        val=np.memmap(folder / "val.bin", dtype=dtype, mode="r"),
        token_bytes=tokenizer.token_bytes,
    )


def encode_streaming(tokenizer: BookTokenizer, texts: Iterable[str], dtype: type) -> Iterator[np.ndarray]:
    """Encode text chunks a group at a time, yielding one token array per group (bounded memory for any size)."""
    it = iter(texts)
    while group := list(islice(it, ENCODE_GROUP)):
        yield np.concatenate([np.asarray(ids, dtype=dtype) for ids in tokenizer.encode_batch(group)])


def _build(
    folder: Path, tokenizer: BookTokenizer, books: list[BookInfo], val_frac: float, dtype: type
) -> Generator[tuple[int, int], None, None]:
    """Tokenise every book into a temp folder, then rename it into place (a killed build leaves no half cache)."""
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    total = sum(b.size_bytes for b in books) or 1
    done = 0
    eot = np.array([tokenizer.eot_id], dtype=dtype)
    counts = []
    with open(tmp / "train.bin", "wb") as train_f, open(tmp / "val.bin", "wb") as val_f:
        for book in books:
            book_tokens = tmp / "book.bin"
            n = 0
            read = [0]
            with open(book_tokens, "wb") as f:
                chunks = iter_text(book, on_bytes=lambda b, read=read: read.__setitem__(0, b))
                for arr in encode_streaming(tokenizer, chunks, dtype):
                    f.write(arr.tobytes())
                    n += len(arr)
                    yield done + read[0], total
            if n < 2:
                raise BookError("{file} has too little text to train on; add a longer book", file=book.name)
            done += book.size_bytes
            n_val = max(1, math.ceil(n * val_frac))
            tokens = np.memmap(book_tokens, dtype=dtype, mode="r")
            _copy(tokens[: n - n_val], train_f)
            _copy(tokens[n - n_val :], val_f)
            train_f.write(eot.tobytes())
            val_f.write(eot.tobytes())
            del tokens
            book_tokens.unlink()
            counts.append({"sha256": book.sha256, "name": book.name, "tokens": n})
    atomic_write_json(tmp / "meta.json", {"version": CACHE_VERSION, "val_frac": val_frac, "books": counts})
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    fsync_dir(folder.parent)
    yield total, total


def _copy(tokens: np.ndarray, f) -> None:
    for start in range(0, len(tokens), COPY_BLOCK):
        f.write(np.ascontiguousarray(tokens[start : start + COPY_BLOCK]).tobytes())


def book_token_counts(
    data_dir: Path, tokenizer: BookTokenizer, books: list[BookInfo], val_frac: float
) -> dict[str, int]:
    """Tokens per book hash, from a built cache (empty if the cache is not built)."""
    meta = _cache_folder(data_dir, tokenizer, books, val_frac) / "meta.json"
    if not meta.exists():
        return {}
    return {b["sha256"]: b["tokens"] for b in json.loads(meta.read_text(encoding="utf-8"))["books"]}


class WindowSampler:
    """Random training windows from a token array, reproducible from a checkpointable generator."""

    def __init__(self, tokens: np.ndarray, window: int, batch_size: int, seed: int):
        if len(tokens) < 9:
            raise BookError("the books have too little text to train on; add more text")
        self.tokens = tokens
        self.window = min(window, len(tokens) - 1)
        self.batch_size = batch_size
        self.generator = torch.Generator().manual_seed(seed)
        self._offsets = np.arange(self.window + 1)

    def next_batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        """(x, y) int64 tensors of shape (batch, window); y is x shifted by one token."""
        high = len(self.tokens) - self.window
        starts = torch.randint(0, high, (self.batch_size,), generator=self.generator).numpy()
        return _split(torch.from_numpy(self.tokens[starts[:, None] + self._offsets].astype(np.int64)))

    def state_dict(self) -> dict:
        return {"generator": self.generator.get_state()}

    @staticmethod
    def initial_state(seed: int) -> dict:
        """``state_dict()`` of a new sampler seeded with ``seed``, for a checkpoint written without any tokens."""
        return {"generator": torch.Generator().manual_seed(seed).get_state()}

    def load_state_dict(self, state: dict) -> None:
        self.generator.set_state(state["generator"])


def eval_windows(tokens: np.ndarray, window: int, most: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Evenly spaced (x, y) windows covering the token array, the same every time: ``most`` of them, or as many as
    cover it once if that is fewer (more would score the same tokens again and only cost time: on a small book, 20
    batches of windows covered the held-out text four times over)."""
    window = min(window, len(tokens) - 1)
    if window < 1:
        raise BookError("the validation text is too short to evaluate; add more text")
    count = min(most, -(-(len(tokens) - 1) // window))
    starts = np.linspace(0, len(tokens) - window - 1, num=count).astype(np.int64)
    return _split(torch.from_numpy(tokens[starts[:, None] + np.arange(window + 1)].astype(np.int64)))


def sequential_windows(ids: np.ndarray, eot_id: int, window: int) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """Non-overlapping windows that predict every token of ``ids`` exactly once, starting after ``<|endoftext|>``."""
    seq = np.concatenate([np.array([eot_id], dtype=np.int64), ids.astype(np.int64)])
    for start in range(0, len(ids), window):
        yield _split(torch.from_numpy(seq[None, start : start + window + 1]))


def _split(chunk: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(inputs, targets) from (B, T+1) windows, both contiguous for the model's flat views."""
    return chunk[:, :-1].contiguous(), chunk[:, 1:].contiguous()
