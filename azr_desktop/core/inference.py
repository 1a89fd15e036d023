"""Using a trained model: load it (from a model folder at any checkpoint, or from an exported file), score a text
file (loss, bits per byte)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from azr_desktop.core.books import iter_text
from azr_desktop.core.checkpoint import list_checkpoints, load_checkpoint, load_latest, read_best
from azr_desktop.core.config import ModelConfig
from azr_desktop.core.data import encode_streaming, sequential_windows
from azr_desktop.core.errors import CheckpointError, Text
from azr_desktop.core.model import GPT
from azr_desktop.core.model_file import read_model_file
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.tokenizer import BookTokenizer
from azr_desktop.core.train_state import TrainState

EVAL_BATCH = 16


@dataclass
class Trained:
    model: GPT
    tokenizer: BookTokenizer
    iter: int
    warnings: list[Text]


def load_trained(md: ModelDir, device: str | torch.device = "cpu", step: int | str | None = None) -> Trained:
    """The model at checkpoint ``step`` (an iteration, "best", or "latest" = None: the newest loadable), in eval
    mode."""
    if step == "best":
        best = read_best(md.checkpoints_dir)
        if best is None:
            raise CheckpointError(
                "{name} has no best checkpoint yet: one is kept from its first evaluation on; use the latest one,"
                " or train it further",
                name=md.display_name(),
            )
        step = best.iter
    if step in (None, "latest"):
        found = load_latest(md.checkpoints_dir, map_location=device)
        if found is None:
            raise CheckpointError(
                "{name} has not been trained yet; run 'azr-desktop train {path}' first",
                name=md.display_name(),
                path=md.path,
            )
        payload, path, warnings = found
    else:
        path = _checkpoint_at(md, step)
        payload, warnings = load_checkpoint(path, map_location=device), []
    state = TrainState.from_payload(payload, path)
    return Trained(_eval_model(md.model_config(), state.model, device), md.tokenizer(), state.iter, warnings)


def load_model_file(path: str | Path, device: str | torch.device = "cpu") -> Trained:
    """A model exported as one ``.pt`` or ``.safetensors`` file, in eval mode."""
    mf = read_model_file(path)
    return Trained(_eval_model(mf.config, mf.state_dict(), device), mf.tokenizer(), mf.iter, [])


def load_any(source: str | Path, device: str | torch.device = "cpu", step: int | str | None = None) -> Trained:
    """A model folder (at checkpoint ``step``, as ``load_trained`` takes it) or an exported model file, whichever
    ``source`` is."""
    path = Path(source).expanduser()
    if not path.is_file():
        return load_trained(ModelDir.open(path), device, step)
    if step not in (None, "latest"):
        raise CheckpointError(
            "{name} is an exported model with one set of weights; it has no checkpoints", name=path.name
        )
    return load_model_file(path, device)


def _checkpoint_at(md: ModelDir, step: int) -> Path:
    found = {info.iter: info.path for info in list_checkpoints(md.checkpoints_dir)}
    if step not in found:
        have = ", ".join(map(str, sorted(found))) or Text("none (train it first)")
        raise CheckpointError(
            "{name} has no checkpoint at step {step}; the checkpoints are at steps: {have}",
            name=md.display_name(),
            step=step,
            have=have,
        )
    return found[step]


def _eval_model(cfg: ModelConfig, weights: dict, device: str | torch.device) -> GPT:
    model = GPT(cfg).to(device)
    model.load_state_dict(weights)
    return model.eval()


@dataclass(frozen=True)
class TextScore:
    loss: float  # mean nats per token
    bits_per_byte: float  # total nats / ln 2 / UTF-8 bytes of the text
    tokens: int
    bytes: int

    def to_dict(self) -> dict:
        return {"loss": self.loss, "bits_per_byte": self.bits_per_byte, "tokens": self.tokens, "bytes": self.bytes}


@torch.no_grad()
def score_book(trained: Trained, path: str | Path, cancelled: Callable[[], bool] | None = None) -> TextScore | None:
    """Predict every token of the book once, in non-overlapping context-sized windows after <|endoftext|>; None
    if ``cancelled()`` says so (it is asked between batches: a long book takes minutes)."""
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
            if cancelled is not None and cancelled():
                return None
    if batch_x:
        nats += flush()
    n_bytes = int(tok.token_bytes[ids].sum())
    return TextScore(nats / max(1, len(ids)), nats / math.log(2) / max(1, n_bytes), len(ids), n_bytes)
