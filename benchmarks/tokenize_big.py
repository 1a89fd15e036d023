"""Preparing a huge book: encoding detection, tokenizer training and streaming tokenisation, with memory use.

Builds a book of ``--mb`` megabytes from the shared books (English and Russian, repeated), then times each stage
and prints the peak resident memory, to show that a 1 GB book is handled as a stream, not held in memory.

    python benchmarks/tokenize_big.py --mb 1000
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from azr_desktop.core.books import inspect_book, iter_text  # noqa: E402
from azr_desktop.core.data import drain, prepare_tokens  # noqa: E402
from azr_desktop.core.tokenizer import MAX_TRAIN_CHARS, BookTokenizer  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_book(path: Path, megabytes: int) -> None:
    parts = [(SHARED / name).read_bytes() for name in ("tinyshakespeare.txt", "anna_karenina_ru.txt")]
    written = 0
    with open(path, "wb") as f:
        while written < megabytes * 1_000_000:
            for part in parts:
                f.write(part)
                written += len(part)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--mb", type=int, default=1000, help="size of the generated book in MB")
    p.add_argument("--vocab-size", type=int, default=8000)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        book_path = Path(tmp) / "huge.txt"
        make_book(book_path, args.mb)
        print(f"book: {book_path.stat().st_size / 1e6:.0f} MB; peak RSS so far {peak_rss_mb():.0f} MB")

        t0 = time.perf_counter()
        book = inspect_book(book_path)
        secs = time.perf_counter() - t0
        print(f"inspect (encoding {book.encoding}, sha256): {secs:.1f} s, peak RSS {peak_rss_mb():.0f} MB")

        t0 = time.perf_counter()
        tok = BookTokenizer.train(iter_text(book), args.vocab_size)
        print(
            f"tokenizer training on the first {MAX_TRAIN_CHARS / 1e6:.0f}M characters:"
            f" {time.perf_counter() - t0:.1f} s,"
            f" vocab {tok.vocab_size}, peak RSS {peak_rss_mb():.0f} MB"
        )

        t0 = time.perf_counter()
        progress: list[tuple[int, int]] = []
        data = drain(prepare_tokens(Path(tmp) / "data", tok, [book], 0.1), progress.append)
        updates = len(progress)
        secs = time.perf_counter() - t0
        tokens = len(data.train) + len(data.val)
        print(
            f"tokenising: {secs:.1f} s = {book.size_bytes / 1e6 / secs:.1f} MB/s, {tokens / 1e6:.1f}M tokens"
            f" ({book.size_bytes / tokens:.2f} bytes/token), {updates} progress updates,"
            f" peak RSS {peak_rss_mb():.0f} MB"
        )


if __name__ == "__main__":
    main()
