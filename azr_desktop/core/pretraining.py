"""The pretraining phase: next-token prediction on the books, following the learning-rate plan.

In a data-parallel run every process draws the same global batch and trains on its own rows of it; DDP averages the
gradients once per step (not after every part), so the step equals one process's on the whole batch.

A batch that does not fit in memory is trained in parts of fewer rows (each part's loss weighted by its share of
the rows, so the gradients are the whole batch's); the part size goes into checkpoints, so a resumed run does not
fail again.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator

import torch

from azr_desktop.core import events as ev
from azr_desktop.core.device import autocast
from azr_desktop.core.errors import AZRError, ResourceError, Text
from azr_desktop.core.optimizer import clip_and_step, set_lr
from azr_desktop.core.phase import PhaseStep, RunContext
from azr_desktop.core.schedule import LRSchedule, plan_for
from azr_desktop.core.train_state import TrainState

# Evaluations in a row without a lower validation loss after a best checkpoint trained at the peak learning rate, after
# which a run with early stopping goes back to that checkpoint and decays the learning rate from there.
COOL_DOWN_AFTER = 2


class Pretraining:
    def __init__(self, ctx: RunContext, saved: TrainState | None):
        """``saved``: the checkpoint the run resumes from (its plan is adjusted to the current settings)."""
        self.ctx = ctx
        self.finish_reason: str | None = None
        self.cool_down_from: int | None = None
        batch = ctx.cfg.batch_size
        self.cooled_from: int | None = None  # where this plan's cool-down went back to; one per plan
        if saved is None:
            self.schedule, self.part_rows = plan_for(ctx.cfg), batch
        else:
            self.schedule = plan_for(ctx.cfg, saved.schedule, saved.iter)
            self.part_rows = min(saved.part_rows or batch, batch)
            if self.schedule.target == LRSchedule.from_dict(saved.schedule).target:  # a new target is a new plan
                self.cooled_from = saved.cooled_from
        self.step_fn = torch.compile(self.train_batch) if ctx.cfg.compile else self.train_batch

    def checkpoint_entries(self) -> dict:
        return {"schedule": self.schedule.to_dict(), "part_rows": self.part_rows, "cooled_from": self.cooled_from}

    def lr_plan(self) -> tuple[tuple[int, float], ...]:
        return tuple(self.schedule.knots)

    def retarget(self, target: int) -> None:
        self.schedule.retarget(self.ctx.iter, target)
        self.cooled_from = None  # a new plan may cool down again

    def step(self) -> PhaseStep:
        ctx = self.ctx
        lr = self.schedule.lr_at(ctx.iter)
        set_lr(ctx.optimizer, lr)
        x, y = ctx.sampler.next_batch()
        tokens = x.numel()  # the global batch's, whichever rows this process trains on
        rows = ctx.ranks.rows(x.shape[0])
        x, y = x[rows], y[rows]
        loss, grad_norm = self.step_fn(x.to(ctx.device, non_blocking=True), y.to(ctx.device, non_blocking=True))
        return PhaseStep(ctx.ranks.mean(loss).item(), lr, grad_norm.item(), tokens, tokens)

    def train_batch(self, x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """One optimiser step on the batch, ``part_rows`` rows at a time; returns the loss and the gradient norm.
        Processes exchange gradients only after the last part."""
        ctx = self.ctx
        rows = x.shape[0]
        model = ctx.ddp or ctx.model
        loss = torch.zeros((), device=x.device)
        parts = list(zip(x.split(self.part_rows), y.split(self.part_rows)))
        for i, (xp, yp) in enumerate(parts):
            last = i == len(parts) - 1
            with contextlib.nullcontext() if ctx.ddp is None or last else ctx.ddp.no_sync():
                with autocast(ctx.device, ctx.precision):
                    part = model(xp, yp)
                if xp.shape[0] != rows:
                    part = part * (xp.shape[0] / rows)
                part.backward()
            loss += part.detach()
        return loss, clip_and_step(ctx.model, ctx.optimizer, ctx.cfg.grad_clip)

    def after_eval(self, result: ev.Eval) -> Iterator[ev.Event]:
        """Early stopping. When the best checkpoint was trained at the peak learning rate, a validation loss that
        stopped falling after it sends the run back there to decay the rate from it, once per plan (the decay's
        gain comes where the model is best, not after it has begun to overfit, even if the planned decay has begun
        meanwhile: docs/sizing.md). Otherwise the run ends after ``patience`` evaluations in a row without a lower
        validation loss (the count is in every checkpoint, so a resumed run goes on counting)."""
        ctx, patience = self.ctx, self.ctx.cfg.patience
        if not (patience and ctx.best and ctx.iter < ctx.target):
            return
        best_at_peak = self.schedule.lr_at(ctx.best.iter) >= self.schedule.peak
        if 0 < ctx.cfg.decay_frac < 1 and self.cooled_from is None and best_at_peak:
            if ctx.evals_since_best >= min(patience, COOL_DOWN_AFTER):
                self.cool_down_from = ctx.best.iter
                yield ev.Notice(
                    "info",
                    Text(
                        "validation loss has not improved for {evals} evaluations, since {best:.4f} at iteration"
                        " {iter}: training goes back to that checkpoint and lowers the learning rate from there",
                        **self._since_best(),
                    ),
                )
        elif ctx.evals_since_best >= patience:
            self.finish_reason = "no_improvement"
            yield ev.Notice(
                "info",
                Text(
                    "training stopped early: validation loss has not improved for {evals} evaluations, since"
                    " {best:.4f} at iteration {iter}; that checkpoint is kept as the best",
                    **self._since_best(),
                ),
            )

    def _since_best(self) -> dict:
        """The fields of a note about the evaluations since the best one."""
        ctx = self.ctx
        return {"evals": ctx.evals_since_best, "best": ctx.best.val_loss, "iter": ctx.best.iter}

    def cool_down(self, target: int) -> None:
        """The final decay from now to ``target`` (the trainer has put the best checkpoint's weights back)."""
        self.schedule.cool_down(self.ctx.iter, target)
        self.cooled_from, self.cool_down_from = self.cool_down_from, None

    def after_oom(self) -> ev.Notice | None:
        """Train each batch in twice as many parts from now on (the same results, more slowly) while parts can
        shrink; the failed batch is skipped."""
        if self.part_rows <= 1:
            return None
        self.part_rows = math.ceil(self.part_rows / 2)
        batch_size = self.ctx.cfg.batch_size
        return ev.Notice(
            "warning",
            Text(
                "out of memory at batch size {batch_size}: each batch is now trained in {parts} parts, which gives"
                " the same results more slowly",
                batch_size=batch_size,
                parts=math.ceil(batch_size / self.part_rows),
            ),
        )

    def oom_error(self) -> AZRError:
        return ResourceError(
            "out of memory on {device} with even one window of {context} tokens at a time; lower the context or make"
            " the model smaller, or close other programs (training resumes from iteration {iter})",
            context=self.ctx.model_cfg.context,
            device=self.ctx.device,
            iter=self.ctx.iter,
        )
