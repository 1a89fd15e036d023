"""Where and in what precision the model runs: device choice, bf16 autocast, out-of-memory detection."""

from __future__ import annotations

import contextlib
import os

import torch

from azr_desktop.core.config import ModelConfig
from azr_desktop.core.errors import ConfigError

# bf16 autocast pays off on CPUs with bf16 matrix units only once matmuls dominate the step.
CPU_BF16_MIN_PARAMS = 10_000_000


def default_threads() -> int:
    """CPU threads for training in the app: all cores but one, which the window keeps, so it stays responsive while
    training (see benchmarks/ui_latency.py)."""
    return max(1, (os.cpu_count() or 2) - 1)


def pick_device(name: str) -> torch.device:
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise ConfigError("device cuda was requested but no CUDA GPU is available; use --device cpu or auto")
    if name == "mps" and not torch.backends.mps.is_available():
        raise ConfigError("device mps was requested but this Mac has no Metal GPU support; use --device cpu or auto")
    return torch.device(name)


def cpu_has_bf16_units() -> bool:
    """True on CPUs whose oneDNN backend runs bf16 matmuls natively (AVX512-BF16 / AMX)."""
    return torch.backends.mkldnn.is_available() and bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())


def pick_precision(name: str, device: torch.device, model_cfg: ModelConfig) -> str:
    if name != "auto":
        return name
    if device.type == "cuda":
        return "bf16" if torch.cuda.is_bf16_supported() else "fp32"
    if device.type == "cpu" and model_cfg.num_params() >= CPU_BF16_MIN_PARAMS and cpu_has_bf16_units():
        return "bf16"
    return "fp32"


def autocast(device: torch.device, precision: str):
    if precision == "bf16":
        return torch.autocast(device.type, dtype=torch.bfloat16)
    return contextlib.nullcontext()


def is_out_of_memory(error: BaseException) -> bool:
    """CUDA raises torch.OutOfMemoryError; the CPU allocator raises a plain RuntimeError."""
    return isinstance(error, (torch.OutOfMemoryError, MemoryError)) or "can't allocate memory" in str(error)
