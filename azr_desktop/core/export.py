"""Export a trained model for sharing and for other tools, from any of its checkpoints.

Formats: ``pt`` and ``safetensors`` (one file that AZR Desktop loads back, see ``model_file``), ``hf`` (a Hugging
Face ``LlamaForCausalLM`` folder, see ``export_hf``) and ``gguf`` (for llama.cpp and the programs built on it, see
``export_gguf``). Every export is written under a temporary name beside the target and renamed into place when
complete, so a crash never leaves half an export where a user expects a whole one; an existing target is replaced
only when asked to.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import torch

from azr_desktop import __version__
from azr_desktop.core import export_gguf, export_hf
from azr_desktop.core.errors import ExportError
from azr_desktop.core.fsutil import fsync_dir, tree_size
from azr_desktop.core.inference import Trained, load_trained
from azr_desktop.core.model_file import ModelFile, write_pt, write_safetensors
from azr_desktop.core.modeldir import ModelDir

FORMATS = ("pt", "safetensors", "hf", "gguf")
DTYPES = ("f32", "f16", "q8_0")
DEFAULT_DTYPE = {"pt": "f32", "safetensors": "f32", "hf": "f32", "gguf": "f16"}  # f16: what llama.cpp users expect
TORCH_DTYPES = {"f32": torch.float32, "f16": torch.float16}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    dtype: str
    iter: int
    size_bytes: int


@dataclass(frozen=True)
class Exportable:
    """What every format writes: the model's weights at one checkpoint, its tokenizer file and where it came from."""

    trained: Trained
    tokenizer_json: str
    name: str

    def model_file(self, dtype: str) -> ModelFile:
        info = {"name": self.name, "iter": self.trained.iter, "app_version": __version__}
        model = self.trained.model
        return ModelFile.of(model.state_dict(), model.cfg, self.tokenizer_json, info, TORCH_DTYPES[dtype])


def _write_pt(path: Path, src: Exportable, dtype: str) -> None:
    with open(path, "wb") as f:
        write_pt(f, src.model_file(dtype))


def _write_safetensors(path: Path, src: Exportable, dtype: str) -> None:
    with open(path, "wb") as f:
        write_safetensors(f, src.model_file(dtype))


def _write_hf(path: Path, src: Exportable, dtype: str) -> None:
    export_hf.write_folder(path, src.trained.model, src.tokenizer_json, TORCH_DTYPES[dtype])


def _write_gguf(path: Path, src: Exportable, dtype: str) -> None:
    export_gguf.write_gguf(path, src.trained.model, src.tokenizer_json, dtype, src.name)


WRITERS: dict[str, Callable[[Path, Exportable, str], None]] = {
    "pt": _write_pt,
    "safetensors": _write_safetensors,
    "hf": _write_hf,
    "gguf": _write_gguf,
}


def export_model(
    model_dir: str | Path | ModelDir,
    fmt: str,
    out: str | Path,
    *,
    step: int | str | None = None,
    dtype: str | None = None,
    force: bool = False,
) -> ExportResult:
    """Export the model at checkpoint ``step`` (an iteration, "best", or "latest" = None) as ``fmt`` to ``out``.

    ``dtype`` is f32 or f16 for every format (default f32; f16 for gguf) or q8_0 for gguf. ``out`` must not exist
    unless ``force``, and even then a folder is replaced only if empty or an earlier Hugging Face export. Raises
    ``ExportError`` (or another ``AZRError``) with a message for the user.
    """
    if fmt not in FORMATS:
        raise ExportError(
            "unknown export format {format!r}; choose one of {choices}", format=fmt, choices=", ".join(FORMATS)
        )
    dtype = dtype or DEFAULT_DTYPE[fmt]
    if dtype not in DTYPES or (dtype == "q8_0" and fmt != "gguf"):
        allowed = DTYPES if fmt == "gguf" else DTYPES[:2]
        raise ExportError(
            "the {format} format cannot hold {dtype} weights; choose one of {choices}",
            format=fmt,
            dtype=dtype,
            choices=", ".join(allowed),
        )
    out = Path(out).expanduser().absolute()
    if (out.exists() or out.is_symlink()) and not force:
        raise ExportError("{path} already exists; choose another --out, or add --force to replace it", path=out)
    if out.is_dir() and not out.is_symlink() and any(out.iterdir()) and not (out / "config.json").is_file():
        raise ExportError(
            "{path} is a folder with other files in it; an export only replaces an earlier export", path=out
        )
    md = model_dir if isinstance(model_dir, ModelDir) else ModelDir.open(model_dir)
    trained = load_trained(md, "cpu", step)
    src = Exportable(trained, md.tokenizer_json.read_text(encoding="utf-8"), md.meta()["name"])
    out.parent.mkdir(parents=True, exist_ok=True)
    with _replacing(out) as tmp:
        WRITERS[fmt](tmp, src, dtype)
    return ExportResult(out, fmt, dtype, trained.iter, _size(out))


@contextlib.contextmanager
def _replacing(out: Path) -> Iterator[Path]:
    """A temporary path beside ``out`` to write a file or a folder at; renamed over ``out`` if the body succeeds.

    A folder cannot be renamed over an existing one, so an old ``out`` is first moved aside, put back if the rename
    fails, and deleted once the new one is in place.
    """
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    target = tmp / out.name
    old = tmp / "replaced"
    try:
        yield target
        _fsync_tree(target)
        had_old = out.exists() or out.is_symlink()
        if had_old:
            os.replace(out, old)
        try:
            os.replace(target, out)
        except BaseException:
            if had_old:
                os.replace(old, out)
            raise
        fsync_dir(out.parent)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _fsync_tree(path: Path) -> None:
    """Flush every file to disk and give it ordinary permissions (some writers create private files)."""
    for p in [path, *path.rglob("*")] if path.is_dir() else [path]:
        if p.is_file():
            p.chmod(0o644)
            with open(p, "rb+") as f:
                os.fsync(f.fileno())
        else:
            p.chmod(0o755)
            fsync_dir(p)


def _size(path: Path) -> int:
    return tree_size(path) if path.is_dir() else path.stat().st_size
