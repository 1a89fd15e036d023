"""A trained model in one shareable file: weights, architecture and tokenizer, as ``.pt`` or ``.safetensors``.

``.pt``: ``torch.save`` of ``{"azr_model": 1, "model_config": {...}, "tokenizer": "<tokenizer.json text>",
"info": {...}, "weights": {name: tensor}}``. Plain containers, strings and tensors only, so it loads with
``torch.load(weights_only=True)``; it has no ``azr_checkpoint`` key, so it is never taken for a training checkpoint
(which also holds optimiser state and RNG states, and is 3x larger).

``.safetensors``: the weights, with the same config, tokenizer and info as JSON strings in the header metadata
(``azr_model``, ``model_config``, ``tokenizer``, ``info``).

The output layer is tied to the embedding, and safetensors stores no shared tensors, so both formats leave
``lm_head.weight`` out; ``state_dict()`` restores it. Weights may be saved in float16; they load as float32.
"""

from __future__ import annotations

import json
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import torch
from safetensors import SafetensorError, safe_open
from safetensors.torch import save as safetensors_bytes
from tokenizers import Tokenizer

from azr_desktop.core.config import ModelConfig
from azr_desktop.core.errors import AZRError, ExportError
from azr_desktop.core.model import GPT
from azr_desktop.core.tokenizer import BookTokenizer

FORMAT_VERSION = 1
SUFFIXES = (".pt", ".safetensors")
TIED = "lm_head.weight"  # the same tensor as tok_emb.weight


@dataclass
class ModelFile:
    """What a single-file model holds: ``weights`` without the tied output layer; ``info`` has ``name`` and ``iter``."""

    config: ModelConfig
    tokenizer_json: str
    info: dict
    weights: dict[str, torch.Tensor]

    @classmethod
    def of(
        cls,
        state_dict: dict[str, torch.Tensor],
        config: ModelConfig,
        tokenizer_json: str,
        info: dict,
        dtype: torch.dtype = torch.float32,
    ) -> ModelFile:
        weights = {k: v.detach().to("cpu", dtype).contiguous() for k, v in state_dict.items() if k != TIED}
        return cls(config, tokenizer_json, info, weights)

    def state_dict(self) -> dict[str, torch.Tensor]:
        """float32 weights for ``GPT.load_state_dict``, the output layer included."""
        weights = {k: v.float() for k, v in self.weights.items()}
        return {**weights, TIED: weights["tok_emb.weight"]}

    def tokenizer(self) -> BookTokenizer:
        return BookTokenizer(Tokenizer.from_str(self.tokenizer_json))

    @property
    def iter(self) -> int:
        """The training iteration the weights were saved at (0 if the file does not say)."""
        return int(self.info.get("iter", 0))


def write_pt(f: IO[bytes], mf: ModelFile) -> None:
    torch.save(
        {
            "azr_model": FORMAT_VERSION,
            "model_config": mf.config.to_dict(),
            "tokenizer": mf.tokenizer_json,
            "info": mf.info,
            "weights": mf.weights,
        },
        f,
    )


def write_safetensors(f: IO[bytes], mf: ModelFile) -> None:
    metadata = {
        "format": "pt",
        "azr_model": str(FORMAT_VERSION),
        "model_config": json.dumps(mf.config.to_dict()),
        "tokenizer": mf.tokenizer_json,
        "info": json.dumps(mf.info, ensure_ascii=False),
    }
    f.write(safetensors_bytes(mf.weights, metadata=metadata))


def read_model_file(path: str | Path) -> ModelFile:
    """A ``.pt`` or ``.safetensors`` model written by AZR Desktop; ``ExportError`` for anything else."""
    path = Path(path)
    if not path.is_file():
        raise ExportError("{path} does not exist; check the path", path=path)
    if path.suffix.lower() not in SUFFIXES:
        raise ExportError(
            "{path} is not a model folder, nor a .pt or .safetensors model exported by AZR Desktop", path=path
        )
    try:
        raw = _read_safetensors(path) if path.suffix.lower() == ".safetensors" else _read_pt(path)
        version = raw.get("azr_model")
        if version is None:
            raise ExportError(
                "{path} is not a model exported by AZR Desktop; export one with 'azr-desktop export'", path=path
            )
        if int(version) > FORMAT_VERSION:
            raise ExportError("{path} was exported by a newer AZR Desktop; update AZR Desktop to use it", path=path)
        config = ModelConfig.from_dict(raw["model_config"], source=str(path))
        mf = ModelFile(config, raw["tokenizer"], dict(raw["info"]), dict(raw["weights"]))
        mf.tokenizer()  # a damaged tokenizer or weights that do not fit are refused here, not halfway through
        if mf.iter < 0:
            raise ValueError(f"its iteration is {mf.iter}")
        _check_shapes(mf)
        return mf
    except AZRError:
        raise
    except Exception as e:  # a damaged file fails in many ways (zip, header, JSON, missing keys, tokenizer)
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise ExportError(
            "{path} cannot be read as an AZR Desktop model ({reason}); export it again", path=path, reason=reason
        ) from e


def _check_shapes(mf: ModelFile) -> None:
    with torch.device("meta"):  # shapes only: nothing is allocated or initialised
        want = {k: tuple(v.shape) for k, v in GPT(mf.config).state_dict().items() if k != TIED}
    got = {k: tuple(v.shape) for k, v in mf.weights.items()}
    if got != want:
        wrong = sorted(set(want) ^ set(got)) or sorted(k for k in want if want[k] != got[k])
        raise ValueError(f"its weights do not fit its architecture ({wrong[0]})")


def _read_pt(path: Path) -> dict:
    try:
        raw = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as e:
        if "GLOBAL" in str(e):
            raise ExportError(
                "{path} asks to run code when loaded, so it was refused; only use files you trust", path=path
            ) from None
        raise
    if not isinstance(raw, dict):
        return {}
    if raw.get("azr_checkpoint") is True:
        raise ExportError(
            "{path} is a training checkpoint, not an exported model; give its model folder instead, or export it",
            path=path,
        )
    return raw


def _read_safetensors(path: Path) -> dict:
    try:
        with safe_open(str(path), framework="pt") as f:
            meta = f.metadata() or {}
            if "azr_model" not in meta:
                return {}
            weights = {name: f.get_tensor(name) for name in f.keys()}  # noqa: SIM118 (safe_open is not iterable)
    except SafetensorError as e:
        raise ValueError(str(e)) from None
    return {
        "azr_model": meta["azr_model"],
        "model_config": json.loads(meta["model_config"]),
        "tokenizer": meta["tokenizer"],
        "info": json.loads(meta["info"]),
        "weights": weights,
    }
