"""Full training state on disk, so that a crash, a kill, a full disk or a flipped bit never costs a user's training.

A checkpoint is written to a temp file and renamed into place only once complete and fsynced; the ``latest`` pointer
follows, then ``best`` (the checkpoint with the lowest validation loss, kept whatever its age). It carries a SHA-256
of its contents, checked on every load. It is only ever read with ``torch.load(weights_only=True)``, so a planted
file cannot run code. When the newest checkpoint is unusable, the next newest is loaded and the user is told, instead
of the run being lost.

File format 1: ``torch.save`` of ``{"azr_checkpoint": True, "format_version": 1, "sha256": hex, "payload": state}``.
The digest covers the payload's structure, every plain value and every tensor's dtype, shape and bytes. Tensors are
hashed in place rather than serialized a second time, so verifying costs one pass over the weights and no extra
memory.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import pickle
import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from azr_desktop.core import fsutil
from azr_desktop.core.errors import CheckpointError, Text

FORMAT_VERSION = 1
LATEST_POINTER = "latest"
BEST_POINTER = "best"

_NAME = re.compile(r"step-(\d{9}|[1-9]\d{9,})\.pt")
_TEMP_PREFIXES = (".step-", f".{LATEST_POINTER}.", f".{BEST_POINTER}.")
_CONTAINERS = (dict, OrderedDict, list, tuple)
_PLAIN = (bool, int, float, str, type(None))
DAMAGED_ADVICE = Text("delete it, or restore it from a backup")


@dataclass(frozen=True)
class CheckpointInfo:
    iter: int
    path: Path
    size_bytes: int


@dataclass(frozen=True)
class Best:
    """The lowest validation loss evaluated so far, and the iteration whose checkpoint holds those weights."""

    iter: int
    val_loss: float


class _Unusable(Exception):
    """Why one checkpoint file cannot be used: ``problem`` completes "checkpoint X ...", ``advice`` says what to do."""

    def __init__(self, problem: Text, advice: Text) -> None:
        super().__init__(problem)
        self.problem = problem
        self.advice = advice

    def error(self, path: Path) -> CheckpointError:
        """The error when there is no other checkpoint to fall back on (or none may be used)."""
        return CheckpointError(
            "checkpoint {path} {problem}; {advice}", path=path, problem=self.problem, advice=self.advice
        )


class _TooNew(_Unusable):
    """Written by a newer AZR Desktop: falling back to an older checkpoint would throw the newer training away."""


def checkpoint_path(ckpt_dir: Path, iteration: int) -> Path:
    return Path(ckpt_dir) / f"step-{iteration:09d}.pt"


def list_checkpoints(ckpt_dir: Path) -> list[CheckpointInfo]:
    """The checkpoint files in ``ckpt_dir``, oldest first; temp files, the pointer and anything else are ignored."""
    try:
        entries = list(os.scandir(ckpt_dir))
    except FileNotFoundError:
        return []
    infos = []
    for entry in entries:
        match = _NAME.fullmatch(entry.name)
        if match is None:
            continue
        try:
            if entry.is_file():
                infos.append(CheckpointInfo(int(match.group(1)), Path(entry.path), entry.stat().st_size))
        except FileNotFoundError:
            continue
    return sorted(infos, key=lambda info: info.iter)


def save_checkpoint(ckpt_dir: Path, iteration: int, state: dict, keep: int, best: Best | None = None) -> Path:
    """Atomically write ``state`` as the checkpoint for ``iteration``, point ``latest`` at it and ``best`` at the
    run's best checkpoint (``best.iter`` <= ``iteration``; removed when None or that file is gone), then prune.

    Pruning keeps the newest ``keep`` checkpoints up to ``iteration`` plus the best one, and removes any newer ones:
    those belong to a run that was abandoned when training resumed from an older checkpoint, and would otherwise
    shadow this one (that run's best included: the resumed run's own best is in its state). Nothing is deleted
    unless the new checkpoint and the pointers are safely in place. Raises ``TypeError`` if ``state`` holds anything
    but tensors, dicts, lists, tuples and plain values, before anything is written.
    """
    if iteration < 0 or keep < 1:
        raise ValueError(f"need iteration >= 0 and keep >= 1, got iteration={iteration}, keep={keep}")
    ckpt_dir = Path(ckpt_dir)
    path = checkpoint_path(ckpt_dir, iteration)
    record = {"azr_checkpoint": True, "format_version": FORMAT_VERSION, "sha256": _digest(state), "payload": state}
    try:
        ckpt_dir.mkdir(parents=True, exist_ok=True)
        _remove_stale_temp_files(ckpt_dir)
        fsutil.atomic_write_with(path, lambda f: torch.save(record, f))
        fsutil.atomic_write_text(ckpt_dir / LATEST_POINTER, path.name + "\n")
        if best is not None and best.iter <= iteration and checkpoint_path(ckpt_dir, best.iter).is_file():
            fsutil.atomic_write_json(ckpt_dir / BEST_POINTER, {"iter": best.iter, "val_loss": best.val_loss})
        else:
            (ckpt_dir / BEST_POINTER).unlink(missing_ok=True)
            best = None
    except (OSError, RuntimeError) as exc:
        # torch.save reports a failed write on a file object as a RuntimeError whose context is the OSError.
        cause = _os_error(exc)
        if cause is None:
            raise
        raise _save_failure(path, cause) from exc
    _prune(ckpt_dir, iteration, keep, best.iter if best else None)
    return path


def read_best(ckpt_dir: Path) -> Best | None:
    """What the ``best`` pointer names, if it is readable and its checkpoint is there; else None (the next save
    writes it again)."""
    try:
        record = json.loads((Path(ckpt_dir) / BEST_POINTER).read_text(encoding="utf-8"))
        best = Best(record["iter"], record["val_loss"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if type(best.iter) is not int or not isinstance(best.val_loss, (int, float)):
        return None
    return best if checkpoint_path(ckpt_dir, best.iter).is_file() else None


def load_checkpoint(path: Path, map_location: str | torch.device = "cpu") -> dict:
    """The verified state saved in ``path``; ``CheckpointError`` if it is damaged, unsafe, foreign or too new."""
    path = Path(path)
    try:
        return _read(path, map_location)
    except _Unusable as exc:
        raise exc.error(path) from exc


def load_latest(ckpt_dir: Path, map_location: str | torch.device = "cpu") -> tuple[dict, Path, list[Text]] | None:
    """The newest checkpoint that verifies, as ``(state, path, warnings)``; ``None`` if there are no checkpoints.

    Candidates are tried newest first by iteration, not pointer first: a kill between renaming a new checkpoint into
    place and updating ``latest`` leaves the pointer one save behind a complete, verified file. Each skipped file
    gets a warning sentence. A checkpoint from a newer AZR Desktop stops the search with a ``CheckpointError``.
    """
    ckpt_dir = Path(ckpt_dir)
    candidates = list_checkpoints(ckpt_dir)[::-1]
    if not candidates:
        return None
    skipped: list[tuple[str, Text]] = []
    for info in candidates:
        try:
            state = _read(info.path, map_location)
        except _TooNew as exc:
            raise exc.error(info.path) from exc
        except _Unusable as exc:
            skipped.append((info.path.name, exc.problem))
            continue
        warnings = [
            Text("checkpoint {name} {problem}; continuing from {used}", name=name, problem=problem, used=info.path.name)
            for name, problem in skipped
        ]
        pointed = _read_pointer(ckpt_dir)
        if pointed is not None and pointed > info.iter and all(c.iter != pointed for c in candidates):
            name = checkpoint_path(ckpt_dir, pointed).name
            warnings.append(
                Text(
                    "checkpoint {name}, the last one saved, is missing; continuing from {used}",
                    name=name,
                    used=info.path.name,
                )
            )
        return state, info.path, warnings
    name, problem = skipped[0]
    raise CheckpointError(
        "none of the {count} checkpoints in {folder} can be loaded (the newest, {name}, {problem}); "
        "restore that folder from a backup, or delete it to train from the start",
        count=len(skipped),
        folder=ckpt_dir,
        name=name,
        problem=problem,
    )


def _read(path: Path, map_location: str | torch.device) -> dict:
    record = _torch_load(path, map_location)
    if not isinstance(record, dict) or record.get("azr_checkpoint") is not True:
        raise _Unusable(
            Text("is not an AZR Desktop checkpoint"), Text("choose one from the checkpoints folder of an AZR model")
        )
    version = record.get("format_version")
    if type(version) is not int or version < 1:
        raise _Unusable(Text("is damaged (no valid format version)"), DAMAGED_ADVICE)
    if version > FORMAT_VERSION:
        raise _TooNew(
            Text(
                "was saved by a newer AZR Desktop (format {version}; this version reads up to {supported})",
                version=version,
                supported=FORMAT_VERSION,
            ),
            Text("update AZR Desktop to continue from it"),
        )
    payload = record.get("payload")
    if not isinstance(payload, dict):
        raise _Unusable(Text("is damaged (no training state inside)"), DAMAGED_ADVICE)
    try:
        digest = _digest(payload)
    except TypeError as exc:
        raise _Unusable(Text("is damaged ({reason})", reason=str(exc)), DAMAGED_ADVICE) from exc
    if digest != record.get("sha256"):
        raise _Unusable(Text("is damaged (checksum mismatch)"), DAMAGED_ADVICE)
    return payload


def _torch_load(path: Path, map_location: str | torch.device) -> Any:
    try:
        return torch.load(path, map_location=map_location, weights_only=True)
    except MemoryError:
        raise
    except FileNotFoundError as exc:
        raise _Unusable(Text("does not exist"), Text("check the path, or choose another checkpoint")) from exc
    except pickle.UnpicklingError as exc:
        if "GLOBAL" in str(exc):  # weights_only refused to import a function or class; nothing was executed
            raise _Unusable(
                Text("is not a safe AZR Desktop checkpoint"),
                Text(
                    "it asks to run code when loaded, so it was refused; delete it and only load checkpoints you trust"
                ),
            ) from exc
        raise _Unusable(Text("is damaged (unreadable: scrambled contents)"), DAMAGED_ADVICE) from exc
    except Exception as exc:  # a truncated or scrambled file fails in many ways (zip, OSError, EOF, decoding)
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _Unusable(Text("is damaged (unreadable: {reason})", reason=reason), DAMAGED_ADVICE) from exc


def _digest(state: dict) -> str:
    sha = hashlib.sha256()
    _feed(sha, state, "state")
    return sha.hexdigest()


def _feed(sha: Any, obj: Any, where: str) -> None:
    """Hash ``obj`` canonically: type and length headers make every structure hash differently."""
    kind = type(obj)
    if isinstance(obj, torch.Tensor):
        tensor = obj.detach().cpu().contiguous()
        sha.update(f"tensor{tensor.dtype}{list(tensor.shape)}:".encode())
        sha.update(tensor.reshape(-1).view(torch.uint8).numpy())
    elif kind in _PLAIN:
        text = repr(obj)
        sha.update(f"{kind.__name__}{len(text)}:{text}".encode())
    elif kind in _CONTAINERS:
        sha.update(f"{kind.__name__}{len(obj)}:".encode())
        if isinstance(obj, dict):
            for key, value in obj.items():
                _feed(sha, key, f"{where} key {key!r}")
                _feed(sha, value, f"{where}[{key!r}]")
        else:
            for index, value in enumerate(obj):
                _feed(sha, value, f"{where}[{index}]")
    else:
        raise TypeError(f"{where} is a {kind.__qualname__}, which a checkpoint cannot hold")


def _os_error(exc: BaseException | None) -> OSError | None:
    while exc is not None and not isinstance(exc, OSError):
        exc = exc.__cause__ or exc.__context__
    return exc


def _save_failure(path: Path, error: OSError) -> CheckpointError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return CheckpointError(
            "could not save checkpoint {path}: disk full; free some space on that drive and save again "
            "(the earlier checkpoints are intact)",
            path=path,
        )
    return CheckpointError(
        "could not save checkpoint {path}: {reason}; check that the folder exists and is writable and save again "
        "(the earlier checkpoints are intact)",
        path=path,
        reason=error.strerror or str(error),
    )


def _remove_stale_temp_files(ckpt_dir: Path) -> None:
    """Temp files left by a run that was killed mid-save: incomplete by definition, and possibly large."""
    for entry in os.scandir(ckpt_dir):
        if entry.name.startswith(_TEMP_PREFIXES) and entry.name.endswith(".tmp"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)


def _prune(ckpt_dir: Path, iteration: int, keep: int, best: int | None) -> None:
    infos = list_checkpoints(ckpt_dir)
    upto = [info.iter for info in infos if info.iter <= iteration]
    kept = set(upto[-keep:]) | ({best} & set(upto))
    for info in infos:
        if info.iter not in kept:
            with contextlib.suppress(OSError):  # e.g. open in another program on Windows; retried on the next save
                info.path.unlink()


def _read_pointer(ckpt_dir: Path) -> int | None:
    try:
        name = (ckpt_dir / LATEST_POINTER).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    match = _NAME.fullmatch(name)
    return int(match.group(1)) if match else None
