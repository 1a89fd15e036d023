"""The optimiser of a run and its one update, shared by pretraining, self-play and model import."""

from __future__ import annotations

import math

import torch

from azr_desktop.core.config import TrainConfig
from azr_desktop.core.model import GPT


def new_optimizer(model: GPT, cfg: TrainConfig, device: torch.device) -> torch.optim.AdamW:
    """The optimiser of a run, before any step (an imported model starts from its empty state too)."""
    return torch.optim.AdamW(
        model.optimizer_groups(cfg.weight_decay),
        lr=cfg.lr,
        betas=(cfg.beta1, cfg.beta2),
        fused=device.type in ("cpu", "cuda"),
    )


def set_lr(optimizer: torch.optim.Optimizer, lr: float) -> None:
    for group in optimizer.param_groups:
        group["lr"] = lr


def clip_and_step(model: GPT, optimizer: torch.optim.Optimizer, grad_clip: float) -> torch.Tensor:
    """Clip the accumulated gradients to ``grad_clip`` (0: no clipping), step, and clear them; returns the norm
    before clipping."""
    clip = grad_clip if grad_clip > 0 else math.inf
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return grad_norm
