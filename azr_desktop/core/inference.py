"""Using a trained model: load its newest weights, score a text file (loss, bits per byte)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from azr_desktop.core.books import iter_text
from azr_desktop.core.checkpoint import load_latest
from azr_desktop.core.data import encode_streaming, sequential_windows
from azr_desktop.core.errors import CheckpointError
from azr_desktop.core.model import GPT
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.tokenizer import BookTokenizer

EVAL_BATCH = 16


@dataclass
class Trained:
    model: GPT
    tokenizer: BookTokenizer
    iter: int
    warnings: list[str]


def load_trained(md: ModelDir, device: str | torch.device = "cpu") -> Trained:
    """The model at its newest loadable checkpoint, in eval mode."""
    found = load_latest(md.checkpoints_dir, map_location=device)
    if found is None:
        raise CheckpointError(f"{md.path.name} has not been trained yet; run 'azr-desktop train {md.path}' first")
    state, _, warnings = found
    model = GPT(md.model_config()).to(device)
    model.load_state_dict(state["model"])
    model.eval()
    return Trained(model, md.tokenizer(), state["iter"], warnings)


@dataclass(frozen=True)
class TextScore:
    loss: float  # mean nats per token
    bits_per_byte: float  # total nats / ln 2 / UTF-8 bytes of the text
    tokens: int
    bytes: int

    def to_dict(self) -> dict:
        return {"loss": self.loss, "bits_per_byte": self.bits_per_byte, "tokens": self.tokens, "bytes": self.bytes}


@torch.no_grad()
def score_book(trained: Trained, path: str | Path) -> TextScore:
    """Predict every token of the book once, in non-overlapping context-sized windows after <|endoftext|>."""
    tok, model = trained.tokenizer, trained.model
    device = next(model.parameters()).device
    ids = np.concatenate(list(encode_streaming(tok, iter_text(path), np.int64)) or [np.zeros(0, np.int64)])
    nats = 0.0
    batch_x: list[torch.Tensor] = []
    batch_y: list[torch.Tensor] = []

    def flush() -> float:
        nll = model.token_nll(torch.cat(batch_x).to(device), torch.cat(batch_y).to(device))
        batch_x.clear()
        batch_y.clear()
        return nll.double().sum().item()

    window = model.cfg.context
    for x, y in sequential_windows(ids, tok.eot_id, window):
        if batch_x and x.shape[1] != batch_x[0].shape[1]:
            nats += flush()
        batch_x.append(x)
        batch_y.append(y)
        if len(batch_x) == EVAL_BATCH:
            nats += flush()
    if batch_x:
        nats += flush()
    n_bytes = int(tok.token_bytes[ids].sum())
    return TextScore(nats / max(1, len(ids)), nats / math.log(2) / max(1, n_bytes), len(ids), n_bytes)
