"""Rough costs of a model before it exists: training memory and time per 1000 iterations on this machine."""

from __future__ import annotations

import os
import time

import torch

from azr_desktop.core.config import ModelConfig

BYTES_FP32 = 4
# Small models reach about half of the matmul peak in a full training step (docs/architecture.md: 166 of ~280 GFLOP/s).
STEP_EFFICIENCY = 0.5


def default_threads() -> int:
    """Leave one core to the window, so it stays responsive while training (see benchmarks/ui_latency.py)."""
    return max(1, (os.cpu_count() or 2) - 1)


def training_memory_bytes(cfg: ModelConfig, batch: int) -> int:
    """Weights, gradients and the two AdamW moments, plus the activations kept for the backward pass."""
    states = 4 * cfg.num_params() * BYTES_FP32
    tokens = batch * cfg.context
    per_layer = tokens * (10 * cfg.d_model + 3 * cfg.d_ff) + batch * cfg.n_heads * cfg.context**2
    logits = 3 * tokens * cfg.vocab_size  # logits, their softmax and its gradient
    return states + (cfg.n_layers * per_layer + logits) * BYTES_FP32


def available_memory_bytes(device: str) -> int | None:
    if device in ("cuda", "auto") and torch.cuda.is_available():
        return torch.cuda.mem_get_info()[1]
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # Windows has no sysconf
        return None


def measure_flops(device: str = "cpu", n: int = 768, reps: int = 8) -> float:
    """FLOP/s of a float32 matmul on ``device``, the fastest of ``reps`` tries (other programs may be busy)."""
    dev = torch.device("cuda" if device in ("cuda", "auto") and torch.cuda.is_available() else "cpu")
    a, b = torch.randn(n, n, device=dev), torch.randn(n, n, device=dev)
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        a @ b
        if dev.type == "cuda":
            torch.cuda.synchronize()
        best = min(best, time.perf_counter() - t0)
    return 2 * n**3 / best


def seconds_per_1000(cfg: ModelConfig, batch: int, flops: float) -> float:
    return 1000 * cfg.flops_per_token() * batch * cfg.context / (flops * STEP_EFFICIENCY)


def seconds_per_1000_measured(cfg: ModelConfig, batch: int, tokens_per_s: float) -> float:
    return 1000 * batch * cfg.context / tokens_per_s
