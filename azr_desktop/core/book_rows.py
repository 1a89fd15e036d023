"""What the Data pane shows about each book, worked out in a worker thread (no Qt): dropped paths in, rows or
rejections out, one by one, so a bad file never stops the good ones."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from azr_desktop.core.books import BookInfo, inspect_book, iter_text
from azr_desktop.core.data import book_token_counts
from azr_desktop.core.errors import BookError
from azr_desktop.core.modeldir import ModelDir

PREVIEW_CHARS = 1200


@dataclass(frozen=True)
class BookRow:
    info: BookInfo
    chars: int
    preview: str
    tokens: int | None = None


@dataclass(frozen=True)
class Rejected:
    path: Path
    error: BookError


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders become the .txt files inside them (recursively, in name order)."""
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.suffix.lower() == ".txt" and p.is_file())
        else:
            out.append(path)
    return out


def book_row(info: BookInfo) -> BookRow:
    chars, preview = 0, ""
    for chunk in iter_text(info):
        if not preview:
            preview = chunk[:PREVIEW_CHARS]
        chars += len(chunk)
    return BookRow(info, chars, preview)


def inspect_paths(paths: Iterable[Path]) -> Iterator[BookRow | Rejected]:
    for path in expand(paths):
        try:
            yield book_row(inspect_book(path))
        except BookError as e:
            yield Rejected(path, e)


def model_books(md: ModelDir) -> Iterator[BookRow | Rejected]:
    """The books a model was trained on, with token counts where its token cache is built."""
    recorded = md.recorded_books()
    counts = book_token_counts(md.data_dir, md.tokenizer(), recorded, md.train_config().val_frac)
    for info in recorded:
        try:
            yield replace(book_row(info), tokens=counts.get(info.sha256))
        except BookError as e:
            yield Rejected(info.path, e)
