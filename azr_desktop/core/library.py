"""The model library: every model folder under one root, summarised for the list, and the file operations on them.

Built on the core's public ModelDir API; everything here may run in a worker thread. The desktop app's Models page
and ``azr-desktop info`` show the same summary.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from azr_desktop.core.checkpoint import Best, list_checkpoints, read_best
from azr_desktop.core.errors import AZRError, ModelDirError
from azr_desktop.core.fsutil import tree_size
from azr_desktop.core.lock import INFO_FILE, LOCK_FILE, WriterLock
from azr_desktop.core.model_import import import_model_file
from azr_desktop.core.modeldir import ModelDir, folder_for, slug


@dataclass(frozen=True)
class ModelSummary:
    path: Path
    name: str
    size_bytes: int
    params: int
    iter: int
    target: int
    last_trained: float | None  # POSIX time of the newest checkpoint
    best_val_loss: float | None
    problem: AZRError | None = None  # why the folder cannot be opened, if it cannot
    best: Best | None = None  # the kept checkpoint with the lowest validation loss


def summarize(path: Path) -> ModelSummary:
    md = ModelDir(path)
    size = tree_size(md.path)
    try:
        meta = md.meta()
        cfg = md.model_config()
        ckpts = list_checkpoints(md.checkpoints_dir)
        evals = [r["val_loss"] for r in md.read_metrics() if r.get("event") == "Eval"]
        return ModelSummary(
            md.path,
            meta.get("name", md.path.name),
            size,
            cfg.num_params(),
            ckpts[-1].iter if ckpts else 0,
            md.train_config().iters,
            _modified(ckpts[-1].path) if ckpts else None,
            min(evals) if evals else None,
            best=read_best(md.checkpoints_dir),
        )
    except AZRError as e:
        return ModelSummary(md.path, md.path.name, size, 0, 0, 0, None, None, problem=e)


def _modified(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:  # pruned since it was listed
        return None


def scan(root: Path) -> list[ModelSummary]:
    """Every model folder directly under ``root``, most recently trained first."""
    if not root.is_dir():
        return []
    # Hidden folders are work in progress (an import being written), not models yet.
    found = [summarize(p) for p in sorted(root.iterdir()) if not p.name.startswith(".") and ModelDir(p).exists()]
    return sorted(found, key=lambda s: s.last_trained or 0, reverse=True)


def rename(path: Path, new_name: str) -> Path:
    """Set the display name and move the folder to match it; returns the new folder."""
    new_name = new_name.strip()
    if not new_name:
        raise ModelDirError("a model needs a name; type one")
    md = ModelDir.open(path)
    with md.writer("renaming") as lock:
        md.update_meta(name=new_name)
        if md.path.name == slug(new_name):
            return md.path
        target = folder_for(md.path.parent, new_name)
        _before_moving(lock)
        md.path.rename(target)
        lock.folder = target  # the lock moved with it, and release removes .writer.json there
    return target


def duplicate(path: Path) -> Path:
    """A copy with all checkpoints and history (the token cache is rebuilt on demand, so it is not copied)."""
    md = ModelDir.open(path)
    new_name = f"{md.meta().get('name', md.path.name)} (copy)"
    target = folder_for(md.path.parent, new_name)
    # not the lock: Windows cannot read a locked file, and the copy has no writer
    shutil.copytree(md.path, target, ignore=shutil.ignore_patterns("data", ".*.tmp", LOCK_FILE, INFO_FILE))
    ModelDir(target).update_meta(name=new_name)
    return target


def import_files(paths: Iterable[Path], root: Path) -> Iterator[ModelSummary | AZRError | OSError]:
    """Import model files into ``root`` one after another; a file that fails is yielded as its error, and the
    others still come in."""
    for path in paths:
        try:
            yield summarize(import_model_file(path, root).path)
        except (AZRError, OSError) as e:
            yield e


def delete(path: Path) -> None:
    md = ModelDir.open(path)  # only ever delete what is really a model folder
    with md.writer("deleting") as lock:
        _before_moving(lock)
        shutil.rmtree(md.path)


def _before_moving(lock: WriterLock) -> None:
    """Windows cannot move or delete a folder while a file in it is open, so there the lock is let go just before
    (another writer would have to start within that instant); elsewhere it is held throughout."""
    if os.name == "nt":
        lock.release()
