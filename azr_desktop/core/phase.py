"""The seam between the training loop and what one iteration does.

``Trainer`` owns the loop: setup, the Control, counting iterations and time, evaluation, samples, checkpoints and
the history file. A phase owns one iteration's work: pretraining (``core/pretraining.py``) or self-play
(``core/selfplay.py``). Both get the same ``RunContext`` and answer the same small ``Phase`` interface, so the loop
never asks which phase it runs.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import torch

from azr_desktop.core import events as ev
from azr_desktop.core.checkpoint import Best
from azr_desktop.core.config import ModelConfig, SampleConfig, TrainConfig
from azr_desktop.core.data import TokenData, WindowSampler, eval_windows
from azr_desktop.core.device import autocast
from azr_desktop.core.distributed import Ranks
from azr_desktop.core.errors import AZRError
from azr_desktop.core.generate import Generation
from azr_desktop.core.model import GPT
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.tokenizer import BookTokenizer


@dataclass
class RunContext:
    """What a phase works with. The trainer keeps ``iter`` and ``target`` current; a phase reads them and changes
    only the model (through the optimiser), the sampler's position and its own state."""

    md: ModelDir
    cfg: TrainConfig
    model_cfg: ModelConfig
    device: torch.device
    precision: str
    tokenizer: BookTokenizer
    data: TokenData
    model: GPT
    optimizer: torch.optim.Optimizer
    sampler: WindowSampler
    sample_prompt: str = ""
    iter: int = 0
    target: int = 0
    best: Best | None = None  # the lowest validation loss so far; its checkpoint is kept (core/checkpoint.py)
    evals_since_best: int = 0  # evaluations since, none lower: what early stopping (``patience``) counts
    ranks: Ranks = field(default_factory=Ranks)  # this process's place in a data-parallel run
    ddp: torch.nn.parallel.DistributedDataParallel | None = None  # ``model`` wrapped for it (None: one process)

    def record_eval(self, result: ev.Eval) -> bool:
        """Count an evaluation; True if it is the new best (only a finite loss can be)."""
        if math.isfinite(result.val_loss) and (self.best is None or result.val_loss < self.best.val_loss):
            self.best, self.evals_since_best = Best(result.iter, result.val_loss), 0
            return True
        if self.best is not None:
            self.evals_since_best += 1
        return False

    @torch.no_grad()
    def evaluate(self) -> ev.Eval:
        """Mean val loss (nats/token) and bits per byte over fixed, evenly spaced validation windows."""
        self.model.eval()
        x, y = eval_windows(self.data.val, self.model_cfg.context, self.cfg.eval_iters * self.cfg.batch_size)
        nats = 0.0
        for xb, yb in zip(x.split(self.cfg.batch_size), y.split(self.cfg.batch_size)):
            with autocast(self.device, self.precision):
                nll = self.model.token_nll(xb.to(self.device), yb.to(self.device))
            nats += nll.double().sum().item()
        self.model.train()
        n_bytes = int(self.data.token_bytes[y.numpy()].sum())
        return ev.Eval(self.iter, nats / y.numel(), nats / math.log(2) / max(1, n_bytes))

    @torch.no_grad()
    def sample(self) -> ev.Sample:
        """A short continuation of the sample prompt with the run's seed, so that successive samples differ only by
        what the model learned; its own generator leaves training untouched."""
        self.model.eval()
        sc = SampleConfig(max_new_tokens=self.cfg.sample_tokens, seed=self.cfg.seed)
        text = Generation(self.model, self.tokenizer, self.sample_prompt, sc).text()
        self.model.train()
        return ev.Sample(self.iter, text, self.sample_prompt)


def held_out_prompt(tokenizer: BookTokenizer, val: np.ndarray, chars: int = 48) -> str:
    """The opening of the first paragraph of the held-out text (never trained on), cut after a word: a prompt in the
    books' own language and style."""
    text = tokenizer.decode(val[:4 * chars].tolist())
    for mark in ("\n\n", "\n", ". "):  # the start of a paragraph, else of a line, else of a sentence
        at = text.find(mark, 0, len(text) // 2)
        if at >= 0:
            text = text[at + len(mark) :]
            break
    text = text.lstrip()
    if len(text) > chars:
        cut = max(text.rfind(" ", 0, chars), text.rfind("\n", 0, chars))
        text = text[: cut if cut > 0 else chars]
    return text.rstrip()


@dataclass
class PhaseStep:
    """One optimiser step's outcome; the trainer counts it and turns it into an ``ev.Step``."""

    loss: float
    lr: float
    grad_norm: float
    text_tokens: int  # tokens of book text trained on (into ``tokens_seen``)
    trained_tokens: int  # every token the step trained on (into the speed)
    events: list[ev.Event] = field(default_factory=list)  # the phase's own records, after the Step


class Phase(Protocol):
    finish_reason: str | None  # set to end the run before the target (e.g. "rolled_back")
    cool_down_from: int | None  # set to go back to that (the best) checkpoint and decay the learning rate from there

    def step(self) -> PhaseStep:
        """One optimiser step."""

    def checkpoint_entries(self) -> dict:
        """The phase's own entries of the checkpoint's ``TrainState``."""

    def lr_plan(self) -> tuple[tuple[int, float], ...]:
        """The learning-rate plan's knots (iteration, lr), for drawing it."""

    def retarget(self, target: int) -> None:
        """The user moved the target (already in ``ctx.target``)."""

    def after_eval(self, result: ev.Eval) -> Iterator[ev.Event]:
        """React to an evaluation: more records, or set ``finish_reason``."""

    def after_oom(self) -> ev.Notice | None:
        """The step ran out of memory: a notice if the phase can go on with less memory, else None."""

    def oom_error(self) -> AZRError:
        """What to tell the user when it cannot."""
