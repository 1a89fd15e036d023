"""The model folder: one self-describing directory per model (layout in docs/architecture.md, a contract).

    model.json       ModelConfig + name, created, app version, tokenizer hash, books used
    tokenizer.json   Hugging Face tokenizers format
    train.json       the TrainConfig last used (target included)
    selfplay.json    the SelfPlayConfig last used, once self-play has run
    data/            token caches (derived; safe to delete)
    checkpoints/     step-*.pt + latest
    metrics.jsonl    one JSON record per line, each with "iter"
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from azr_desktop import __version__
from azr_desktop.core.books import BookInfo, inspect_book, training_text
from azr_desktop.core.config import ModelConfig, SelfPlayConfig, TrainConfig
from azr_desktop.core.errors import BookError, ConfigError, ModelDirError
from azr_desktop.core.fsutil import atomic_open, atomic_write_json
from azr_desktop.core.lock import WAIT_S, WriterLock
from azr_desktop.core.tokenizer import BookTokenizer

ProgressFn = Callable[[int, int], None]


class ModelDir:
    def __init__(self, path: str | Path):
        self.path = Path(path).expanduser().absolute()

    model_json = property(lambda self: self.path / "model.json")
    tokenizer_json = property(lambda self: self.path / "tokenizer.json")
    train_json = property(lambda self: self.path / "train.json")
    selfplay_json = property(lambda self: self.path / "selfplay.json")
    data_dir = property(lambda self: self.path / "data")
    checkpoints_dir = property(lambda self: self.path / "checkpoints")
    metrics_path = property(lambda self: self.path / "metrics.jsonl")

    def exists(self) -> bool:
        return self.model_json.is_file()

    @classmethod
    def open(cls, path: str | Path) -> ModelDir:
        md = cls(path)
        if not md.path.is_dir():
            raise ModelDirError("{path} does not exist; check the path or train a new model there", path=md.path)
        if not md.exists():
            raise ModelDirError("{path} is not an AZR Desktop model folder (no model.json)", path=md.path)
        md.meta()  # validate now, not halfway through a run
        return md

    @classmethod
    def create(
        cls,
        path: str | Path,
        model_cfg: ModelConfig,
        train_cfg: TrainConfig,
        books: list[BookInfo],
        name: str | None = None,
        progress: ProgressFn | None = None,
    ) -> ModelDir:
        """Train the tokenizer and write a new model folder; on failure remove what was written."""
        md = cls(path)
        if md.path.exists() and (not md.path.is_dir() or any(md.path.iterdir())):
            raise ModelDirError(
                "{path} already exists and is not an AZR Desktop model; choose an empty folder", path=md.path
            )
        if not books:
            raise BookError("no books given; add at least one .txt book")
        made = not md.path.exists()
        try:
            md.path.mkdir(parents=True, exist_ok=True)
            tok = BookTokenizer.train(_training_text(books, train_cfg.val_frac, progress), model_cfg.vocab_size)
            md.write_files(model_cfg, train_cfg, tok, books, name)
        except BaseException:
            if made:
                shutil.rmtree(md.path, ignore_errors=True)
            else:
                for p in (md.model_json, md.tokenizer_json, md.train_json):
                    p.unlink(missing_ok=True)
            raise
        return md

    def write_files(
        self,
        model_cfg: ModelConfig,
        train_cfg: TrainConfig,
        tok: BookTokenizer,
        books: list[BookInfo],
        name: str | None,
    ) -> None:
        """Write the files of a new model into its existing folder (no checkpoints, no token caches)."""
        tok.save(self.tokenizer_json)
        train_cfg.save(self.train_json)
        meta = {
            "name": name or self.path.name,
            "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "app_version": __version__,
            "model": model_cfg.to_dict(),
            "tokenizer_sha256": tok.sha256,
            "tokenizer_vocab": tok.vocab_size,
            "books": [b.to_dict() for b in books],
        }
        atomic_write_json(self.model_json, meta)  # written last: its presence marks a complete model

    def meta(self) -> dict:
        try:
            meta = json.loads(self.model_json.read_text(encoding="utf-8"))
            ModelConfig.from_dict(meta["model"], source=str(self.model_json))
            return meta
        except ConfigError:
            raise
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as e:
            raise ModelDirError(
                "{path} is damaged ({reason}); restore it from a backup", path=self.model_json, reason=str(e)
            ) from None

    def display_name(self) -> str:
        """The name the user knows the model by (its folder is named after it, but may differ: "X-2")."""
        return self.meta().get("name", self.path.name)

    def model_config(self) -> ModelConfig:
        return ModelConfig.from_dict(self.meta()["model"], source=str(self.model_json))

    def train_config(self) -> TrainConfig:
        return TrainConfig.load(self.train_json) if self.train_json.exists() else TrainConfig()

    def selfplay_config(self) -> SelfPlayConfig:
        """The self-play settings last used (defaults before the first self-play run)."""
        return SelfPlayConfig.load(self.selfplay_json) if self.selfplay_json.exists() else SelfPlayConfig()

    def tokenizer(self) -> BookTokenizer:
        return BookTokenizer.load(self.tokenizer_json)

    def recorded_books(self) -> list[BookInfo]:
        """The model's books as recorded in model.json (enough to find their token cache; files not read)."""
        return [
            BookInfo(Path(b["path"]), b["name"], b["size_bytes"], b["encoding"], b["sha256"])
            for b in self.meta()["books"]
        ]

    def books(self) -> list[BookInfo]:
        """The model's books, re-inspected from disk; a book that moved or changed is an error that says so."""
        infos = []
        for entry in self.meta()["books"]:
            try:
                info = inspect_book(entry["path"])
            except BookError as e:
                raise BookError(
                    "{error} (this book was used to train {model}; put it back or add it again)",
                    error=e,
                    model=self.display_name(),
                ) from None
            if info.sha256 != entry["sha256"]:
                raise BookError(
                    "{file} changed since it was added to {model}; add it again",
                    file=entry["name"],
                    model=self.display_name(),
                )
            infos.append(info)
        return infos

    def update_meta(self, **changes) -> None:
        """Change entries of model.json (e.g. ``name``), atomically."""
        atomic_write_json(self.model_json, {**self.meta(), **changes})

    def set_books(self, books: list[BookInfo]) -> None:
        self.update_meta(books=[b.to_dict() for b in books])

    def writer(self, purpose: str, wait: float = WAIT_S) -> WriterLock:
        """``with md.writer("training"):`` makes this process the folder's only writer; ``ModelInUse`` if another
        one is after ``wait`` seconds (core/lock.py)."""
        return WriterLock(self.path, purpose, wait)

    def read_metrics(self) -> list[dict]:
        """Every record in metrics.jsonl; a torn last line (the process was killed mid-write) is skipped."""
        return self.read_metrics_since(None).records

    def read_metrics_since(self, position: MetricsPosition | None) -> MetricsRead:
        """The records appended since ``position`` (a previous read's), or all of them when ``position`` is None or
        the file was rewritten since (``rewritten``: the history was truncated, start over). Only whole lines are
        read: a line still being written is read next time."""
        try:
            with open(self.metrics_path, "rb") as f:
                st = os.fstat(f.fileno())
                file = (st.st_dev, st.st_ino)
                same = position is not None and position.file in (file, None) and position.offset <= st.st_size
                start = position.offset if same else 0
                f.seek(start)
                data = f.read()
        except FileNotFoundError:
            return MetricsRead([], MetricsPosition(None, 0), position is not None and position.offset > 0)
        records, end = _whole_lines(data)
        return MetricsRead(records, MetricsPosition(file, start + end), position is not None and not same)

    def truncate_metrics(self, last_iter: int) -> None:
        """Drop records after ``last_iter`` and torn lines so the history matches the weights that were restored
        (``last_iter`` 0: none were). The file is rewritten only when something must go: it can be long, and a
        rewrite makes the app following this model's run reload it."""
        try:
            data = self.metrics_path.read_bytes()
        except FileNotFoundError:
            return
        records, end = _whole_lines(data)
        kept = [r for r in records if r.get("iter", 0) <= last_iter]
        if len(kept) == len(records) == data.count(b"\n") and end == len(data):
            return
        with atomic_open(self.metrics_path, "w", encoding="utf-8", newline="\n") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in kept)


def _whole_lines(data: bytes) -> tuple[list[dict], int]:
    """The records in the whole lines of ``data`` (a line torn by a kill is skipped) and where the last one ends."""
    end = data.rfind(b"\n") + 1
    records = []
    for line in data[:end].splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:
            continue
    return records, end


@dataclass(frozen=True)
class MetricsPosition:
    """Where a read of metrics.jsonl stopped: which file (device, inode) and the byte after its last whole line."""

    file: tuple[int, int] | None
    offset: int


@dataclass(frozen=True)
class MetricsRead:
    records: list[dict]
    position: MetricsPosition
    rewritten: bool  # the file was replaced or shortened since the position given: ``records`` are all of them


def slug(name: str) -> str:
    """A folder name for a model name (letters of any script kept)."""
    return re.sub(r"[^\w\-]+", "-", name.strip()).strip("-") or "model"


def unused_name(root: Path, name: str) -> str:
    """``name``, or "name (2)", "name (3)"… when a model under ``root`` is already called that."""
    taken = set()
    for path in root.iterdir() if root.is_dir() else ():
        try:
            taken.add(ModelDir(path).display_name())
        except (ModelDirError, ConfigError):  # no model, or a damaged one: its name is not known
            continue
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name} ({n})", n + 1
    return candidate


def folder_for(root: Path, name: str) -> Path:
    """A new folder under ``root`` named after ``name``, never an existing one."""
    candidate, n = root / slug(name), 2
    while candidate.exists():
        candidate, n = root / f"{slug(name)}-{n}", n + 1
    return candidate


def _training_text(books: list[BookInfo], val_frac: float, progress: ProgressFn | None) -> Iterator[str]:
    """The books' training text in order (none of their validation text), reporting raw bytes read (of the total)."""
    total = sum(b.size_bytes for b in books) or 1
    done = 0
    for book in books:
        report = (lambda b, done=done: progress(done + b, total)) if progress else None
        yield from training_text(book, val_frac, on_bytes=report)
        done += book.size_bytes
    if progress:
        progress(total, total)
