"""What training a model of a given shape costs on this computer, found by doing it: a few real optimiser steps timed
(the same pretraining step the trainer runs, on random tokens), and the memory it will need.

Qt-free, so the GUI's Model page, the CLI and a plan from a time budget can all use it. ``rough_duration`` says a
time as people say it ("about 5 min"), as a ``Text`` the GUI translates.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import numpy as np
import torch

from azr_desktop.core.config import ModelConfig, TrainConfig
from azr_desktop.core.data import TokenData, WindowSampler
from azr_desktop.core.device import pick_device, pick_precision
from azr_desktop.core.errors import Text
from azr_desktop.core.model import GPT
from azr_desktop.core.optimizer import new_optimizer
from azr_desktop.core.phase import RunContext
from azr_desktop.core.pretraining import Pretraining

BYTES_FP32 = 4


def seconds_per_iter(
    model_cfg: ModelConfig,
    train_cfg: TrainConfig,
    steps: int = 3,
    warmup: int = 1,
    budget_s: float = 15.0,
    cancelled: Callable[[], bool] | None = None,
) -> float | None:
    """Seconds one training iteration of this shape takes here (model, batch size, device, precision, threads).

    ``warmup`` untimed steps first (the first one allocates the optimiser's moments and the kernels' buffers), then
    the mean of up to ``steps`` timed ones (fewer once ``budget_s`` is spent: a big model on a CPU takes seconds per
    step). None if ``cancelled()`` says so; it is asked between steps."""
    device = pick_device(train_cfg.device)
    threads_before = torch.get_num_threads()
    if train_cfg.threads:
        torch.set_num_threads(train_cfg.threads)
    try:
        model = GPT(model_cfg).to(device)
        rng = np.random.default_rng(train_cfg.seed)
        tokens = rng.integers(0, model_cfg.vocab_size, 4 * train_cfg.batch_size * (model_cfg.context + 1))
        data = TokenData(tokens.astype(np.int32), tokens[:0], np.ones(model_cfg.vocab_size))
        # The pretraining step needs no model folder, tokenizer or books: only the model, optimiser and batches.
        ctx = RunContext(
            md=None,
            cfg=train_cfg,
            model_cfg=model_cfg,
            device=device,
            precision=pick_precision(train_cfg.precision, device, model_cfg),
            tokenizer=None,
            data=data,
            model=model,
            optimizer=new_optimizer(model, train_cfg, device),
            sampler=WindowSampler(data.train, model_cfg.context, train_cfg.batch_size, train_cfg.seed),
            target=warmup + steps,
        )
        phase = Pretraining(ctx, None)
        timed: list[float] = []
        for i in range(warmup + steps):
            if cancelled is not None and cancelled():
                return None
            start = time.perf_counter()
            phase.step()  # reads the loss back: the step has finished on any device
            ctx.iter += 1
            if i >= warmup:
                timed.append(time.perf_counter() - start)
                if sum(timed) >= budget_s:
                    break
        return sum(timed) / len(timed)
    finally:
        torch.set_num_threads(threads_before)


def seconds_per_iter_at(tokens_per_s: float, model_cfg: ModelConfig, batch_size: int) -> float:
    """An iteration's time from a measured training speed (a run's tokens per second)."""
    return batch_size * model_cfg.context / tokens_per_s


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


def rough_duration(seconds: float) -> Text:
    """A time as people say it: "40 s", "5 min", "2 h 40 min", "3 d 4 h" (rounded to what matters)."""
    s = max(1, round(seconds))
    if s < 90:
        return Text("{n} s", n=s)
    minutes = round(s / 60)
    if minutes < 90:
        return Text("{n} min", n=minutes)
    if minutes < 48 * 60:
        hours, minutes = divmod(round(minutes / 10) * 10, 60)
        return Text("{h} h {m} min", h=hours, m=minutes) if minutes else Text("{h} h", h=hours)
    days, hours = divmod(round(minutes / 60), 24)
    return Text("{d} d {h} h", d=days, h=hours) if hours else Text("{d} d", d=days)
