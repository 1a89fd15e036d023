"""The training loop: a generator of events, steered by a thread-safe Control.

``Trainer(model_dir, train_cfg).run(control)`` prepares the data, restores the latest checkpoint if there is one,
and trains to the target iteration, yielding ``events``. It never prints and never touches Qt: the CLI prints the
events, the GUI worker re-emits them as signals, tests assert on them. Between two optimiser steps it obeys the
Control: pause (blocks in memory until resume), stop (saves a checkpoint, then finishes), or a new target.

Resuming is bit-exact: a checkpoint holds the weights, optimiser moments, lr plan, every RNG state and the data
sampler's generator, and nothing else draws random numbers (evaluation windows are fixed, samples use their own
generator), so N steps straight equal k steps + save + load + N-k steps on the same device and thread count.
"""

from __future__ import annotations

import json
import math
import random
import threading
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import TypeVar

import torch

from azr_desktop.core import events as ev
from azr_desktop.core.books import BookInfo
from azr_desktop.core.checkpoint import load_latest, save_checkpoint
from azr_desktop.core.config import (
    ModelConfig,
    SampleConfig,
    SelfPlayConfig,
    TrainConfig,
)
from azr_desktop.core.data import (
    TokenData,
    WindowSampler,
    eval_windows,
    is_cached,
    prepare_tokens,
)
from azr_desktop.core.device import (
    autocast,
    is_out_of_memory,
    pick_device,
    pick_precision,
)
from azr_desktop.core.errors import (
    BookError,
    CheckpointError,
    ConfigError,
    ResourceError,
    Text,
)
from azr_desktop.core.generate import Generation
from azr_desktop.core.model import GPT
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.schedule import plan_for
from azr_desktop.core.selfplay import SelfPlay

T = TypeVar("T")


class Control:
    """Thread-safe steering of a running Trainer: call these from any thread (e.g. the GUI thread)."""

    def __init__(self) -> None:
        self._go = threading.Event()
        self._go.set()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._target: int | None = None

    def pause(self) -> None:
        self._go.clear()

    def resume(self) -> None:
        self._go.set()

    def stop(self) -> None:
        self._stop.set()
        self._go.set()  # wake a paused trainer so it can save and finish

    def set_target(self, iters: int) -> None:
        if isinstance(iters, bool) or not isinstance(iters, int) or iters < 0:
            raise ConfigError("the iteration target must be a whole number of at least 0, got {iters!r}", iters=iters)
        with self._lock:
            self._target = iters

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    @property
    def pause_requested(self) -> bool:
        return not self._go.is_set()

    def wait_while_paused(self) -> None:
        self._go.wait()

    def take_target(self) -> int | None:
        with self._lock:
            target, self._target = self._target, None
            return target


def new_optimizer(model: GPT, cfg: TrainConfig, device: torch.device) -> torch.optim.AdamW:
    """The optimiser of a run, before any step (an imported model starts from its empty state too)."""
    return torch.optim.AdamW(
        model.optimizer_groups(cfg.weight_decay),
        lr=cfg.lr,
        betas=(cfg.beta1, cfg.beta2),
        fused=device.type in ("cpu", "cuda"),
    )


@dataclass
class _Clock:
    """Training time that excludes pauses; ETA and speed come from the current session only."""

    elapsed_before: float
    session_start: float
    session_iters: int = 0
    session_tokens: int = 0  # tokens trained on this session (self-play counts its task sequences too)
    paused: float = 0.0

    def session_seconds(self) -> float:
        return time.perf_counter() - self.session_start - self.paused

    def total_seconds(self) -> float:
        return self.elapsed_before + self.session_seconds()


class Trainer:
    def __init__(
        self,
        model_dir: ModelDir,
        train_cfg: TrainConfig | None = None,
        books: list[BookInfo] | None = None,
        selfplay: SelfPlayConfig | None = None,
    ):
        """``books``, if given, replaces the model's book list once the run has started without errors.
        ``selfplay``, if given, runs the self-play phase (core/selfplay.py) instead of plain next-token training."""
        self.md = model_dir
        self.cfg = train_cfg or model_dir.train_config()
        self.model_cfg = model_dir.model_config()
        self.new_books = books
        self.selfplay_cfg = selfplay
        self.phase: SelfPlay | None = None
        self.finish_reason: str | None = None  # set by the self-play guards to end the run

    # ---- setup ----------------------------------------------------------------------------------------------
    def _setup(self) -> Iterator[ev.Event]:
        """Build everything; checks that can fail (device, checkpoint) run before anything is written."""
        cfg = self.cfg
        if cfg.threads:
            torch.set_num_threads(cfg.threads)
        self.device = pick_device(cfg.device)
        self.precision = pick_precision(cfg.precision, self.device, self.model_cfg)
        self.tokenizer = self.md.tokenizer()
        recorded = self.md.recorded_books()
        books = recorded if self.new_books is None else self.new_books
        if not books:  # e.g. an imported model file: its weights came without the books they were trained on
            raise BookError("{model} has no books to train on yet; add at least one .txt book", model=self.md.path.name)
        found = load_latest(self.md.checkpoints_dir, map_location=self.device)
        if [b.sha256 for b in books] != [b.sha256 for b in recorded]:
            self.md.set_books(books)
            yield ev.Notice("info", Text("training data changed: now {count} book(s)", count=len(books)))
        elif not is_cached(self.md.data_dir, self.tokenizer, books, cfg.val_frac):
            books = self.md.books()  # the cache must be rebuilt: the book files must be there and unchanged

        self.data: TokenData = yield from _as_events(
            "tokenizing", prepare_tokens(self.md.data_dir, self.tokenizer, books, cfg.val_frac)
        )
        torch.manual_seed(cfg.seed)
        random.seed(cfg.seed)
        self.model = GPT(self.model_cfg).to(self.device)
        self.optimizer = new_optimizer(self.model, cfg, self.device)
        self.sampler = WindowSampler(self.data.train, self.model_cfg.context, cfg.batch_size, cfg.seed)
        self.schedule = plan_for(cfg)
        self.iter = 0
        self.tokens_seen = 0
        self.part_rows = cfg.batch_size  # rows trained at once; halved after running out of memory
        elapsed = 0.0
        self.resumed = found is not None
        saved_selfplay = None
        if found is not None:
            state, path, warnings = found
            for w in warnings:
                yield ev.Notice("warning", w)
            elapsed = self._restore(state, path.name)
            saved_selfplay = state.get("selfplay")
            self.md.truncate_metrics(self.iter)
        if self.selfplay_cfg is not None:
            self.phase = SelfPlay(self, self.selfplay_cfg, saved_selfplay)
            self.selfplay_cfg.save(self.md.selfplay_json)
            yield from self.phase.notices
        self.target = cfg.iters
        self.cfg.save(self.md.train_json)
        self.last_saved = self.iter if self.resumed else -1
        self.step_fn = torch.compile(self._step) if cfg.compile else self._step
        self.clock = _Clock(elapsed_before=elapsed, session_start=time.perf_counter())

    def _restore(self, state: dict, name: str) -> float:
        saved_cfg = ModelConfig.from_dict(state["model_config"], source=name)
        if saved_cfg != self.model_cfg:
            raise CheckpointError(
                "checkpoint {name} belongs to a different model architecture; it cannot be resumed here", name=name
            )
        self.model.load_state_dict(state["model"])
        self.optimizer.load_state_dict(state["optimizer"])
        self.sampler.load_state_dict(state["sampler"])
        self.schedule = plan_for(self.cfg, state["schedule"], state["iter"])
        random.setstate(state["rng"]["python"])
        torch.set_rng_state(state["rng"]["torch"])
        if self.device.type == "cuda" and state["rng"].get("cuda"):
            torch.cuda.set_rng_state_all(state["rng"]["cuda"])
        self.iter = state["iter"]
        self.tokens_seen = state["tokens_seen"]
        self.part_rows = min(state.get("part_rows", self.cfg.batch_size), self.cfg.batch_size)
        return float(state["elapsed_s"])

    def _state(self) -> dict:
        rng = {"python": random.getstate(), "torch": torch.get_rng_state()}
        if self.device.type == "cuda":
            rng["cuda"] = torch.cuda.get_rng_state_all()
        return {
            "model": self.model.state_dict(),
            "optimizer": self.optimizer.state_dict(),
            "sampler": self.sampler.state_dict(),
            "schedule": self.schedule.to_dict(),
            "rng": rng,
            "iter": self.iter,
            "tokens_seen": self.tokens_seen,
            "part_rows": self.part_rows,
            "elapsed_s": self.clock.total_seconds(),
            "model_config": self.model_cfg.to_dict(),
            "train_config": self.cfg.to_dict(),
            "selfplay": self.phase.state_dict() if self.phase else None,
        }

    # ---- the loop -------------------------------------------------------------------------------------------
    def run(self, control: Control | None = None) -> Iterator[ev.Event]:
        control = control or Control()
        yield from self._setup()
        with open(self.md.metrics_path, "a", encoding="utf-8") as metrics:

            def emit(event: ev.Event) -> ev.Event:
                if not isinstance(event, (ev.Progress, ev.Notice, ev.Started, ev.Paused, ev.Resumed, ev.Finished)):
                    metrics.write(json.dumps(event.record(), ensure_ascii=False) + "\n")
                    metrics.flush()
                return event

            yield ev.Started(
                self.iter,
                self.target,
                self.model.num_params(),
                str(self.device),
                self.precision,
                torch.get_num_threads(),
                self.resumed,
                self.tokens_seen,
                self._lr_plan(),
            )
            reason = "target_reached"
            while True:
                new_target = control.take_target()
                if new_target is not None and new_target != self.target:
                    yield emit(self._retarget(new_target))
                if control.pause_requested and not control.stop_requested:
                    yield from self._pause(control)
                    continue
                if control.stop_requested:
                    reason = "stopped"
                    break
                if self.iter >= self.target:
                    break
                try:
                    step = self.phase.step() if self.phase else [self._train_step()]
                except (RuntimeError, MemoryError) as e:
                    if not is_out_of_memory(e):
                        raise
                    yield from map(emit, self._after_oom(e))
                    continue
                yield from map(emit, step)
                yield from map(emit, self._periodic())
                if self.finish_reason:
                    reason = self.finish_reason
                    break
            if self.last_saved != self.iter:
                yield emit(self._save())
            yield ev.Finished(self.iter, reason)

    def _retarget(self, target: int) -> ev.TargetChanged:
        old, self.target = self.target, target
        if not self.phase:
            self.schedule.retarget(self.iter, target)
        self.cfg = self.cfg.replace(iters=target)
        self.cfg.save(self.md.train_json)
        return ev.TargetChanged(self.iter, old, target, self._lr_plan())

    def _lr_plan(self) -> tuple[tuple[int, float], ...]:
        return self.phase.lr_plan() if self.phase else tuple(self.schedule.knots)

    def _pause(self, control: Control) -> Iterator[ev.Event]:
        yield ev.Paused(self.iter)
        t0 = time.perf_counter()
        control.wait_while_paused()
        self.clock.paused += time.perf_counter() - t0
        if not control.stop_requested:
            yield ev.Resumed(self.iter)

    def _after_oom(self, error: BaseException) -> Iterator[ev.Event]:
        """Free the failed step. Pretraining then goes on with each batch in twice as many parts (the same gradients,
        more slowly; the failed batch is skipped) while parts can shrink. Otherwise keep the work done since the last
        checkpoint and explain what to change."""
        self.optimizer.zero_grad(set_to_none=True)
        if self.device.type == "cuda":
            torch.cuda.empty_cache()
        if not self.phase and self.part_rows > 1:
            self.part_rows = math.ceil(self.part_rows / 2)
            yield ev.Notice(
                "warning",
                Text(
                    "out of memory at batch size {batch_size}: each batch is now trained in {parts} parts, which gives"
                    " the same results more slowly",
                    batch_size=self.cfg.batch_size,
                    parts=math.ceil(self.cfg.batch_size / self.part_rows),
                ),
            )
            return
        if self.last_saved != self.iter:
            yield self._save()
        if self.phase:
            raise ResourceError(
                "out of memory at batch size {batch_size} with a context of {context} tokens on {device}; lower the"
                " batch size (training resumes from iteration {iter})",
                batch_size=self.cfg.batch_size,
                context=self.model_cfg.context,
                device=self.device,
                iter=self.iter,
            ) from error
        raise ResourceError(
            "out of memory on {device} with even one window of {context} tokens at a time; lower the context or make"
            " the model smaller, or close other programs (training resumes from iteration {iter})",
            context=self.model_cfg.context,
            device=self.device,
            iter=self.iter,
        ) from error

    def _step(self, x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """One optimiser step on the batch, ``part_rows`` rows at a time: each part's mean loss weighted by its share
        of the rows, so the gradients add up to the whole batch's."""
        rows = x.shape[0]
        loss = torch.zeros((), device=x.device)
        for xp, yp in zip(x.split(self.part_rows), y.split(self.part_rows)):
            with autocast(self.device, self.precision):
                part = self.model(xp, yp)
            if xp.shape[0] != rows:
                part = part * (xp.shape[0] / rows)
            part.backward()
            loss += part.detach()
        clip = self.cfg.grad_clip if self.cfg.grad_clip > 0 else math.inf
        grad_norm = torch.nn.utils.clip_grad_norm_(self.model.parameters(), clip)
        self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)
        return loss, grad_norm

    def _train_step(self) -> ev.Step:
        lr = self.schedule.lr_at(self.iter)
        for group in self.optimizer.param_groups:
            group["lr"] = lr
        x, y = self.sampler.next_batch()
        loss, grad_norm = self.step_fn(x.to(self.device, non_blocking=True), y.to(self.device, non_blocking=True))
        return self.step_done(loss.item(), lr, grad_norm.item(), x.numel(), x.numel())

    def step_done(self, loss: float, lr: float, grad_norm: float, text_tokens: int, trained_tokens: int) -> ev.Step:
        """Count one finished optimiser step (of pretraining or self-play) and describe it: ``text_tokens`` of book
        text go into ``tokens_seen``; ``trained_tokens`` (all the tokens the step trained on) into the speed."""
        self.iter += 1
        self.tokens_seen += text_tokens
        self.clock.session_iters += 1
        self.clock.session_tokens += trained_tokens
        secs = max(self.clock.session_seconds(), 1e-9)
        return ev.Step(
            iter=self.iter,
            target=self.target,
            loss=loss,
            lr=lr,
            grad_norm=grad_norm,
            tokens_per_s=self.clock.session_tokens / secs,
            elapsed_s=self.clock.total_seconds(),
            eta_s=max(0, self.target - self.iter) * secs / self.clock.session_iters,
        )

    def _periodic(self) -> Iterator[ev.Event]:
        it, cfg = self.iter, self.cfg
        last = it == self.target
        if cfg.eval_every and (it % cfg.eval_every == 0 or last):
            result = self.evaluate()
            yield result
            if self.phase:
                yield from self.phase.after_eval(result)
        if cfg.sample_every and (it % cfg.sample_every == 0 or last):
            yield self.sample()
        if cfg.save_every and it % cfg.save_every == 0:
            yield self._save()

    def _save(self) -> ev.CheckpointSaved:
        path = save_checkpoint(self.md.checkpoints_dir, self.iter, self._state(), self.cfg.keep_checkpoints)
        self.last_saved = self.iter
        return ev.CheckpointSaved(self.iter, str(path))

    # ---- evaluation and samples -----------------------------------------------------------------------------
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
        """A short continuation from the start of a document, with its own generator (no effect on training)."""
        self.model.eval()
        sc = SampleConfig(max_new_tokens=self.cfg.sample_tokens, seed=(self.cfg.seed + self.iter) % 2**63)
        text = Generation(self.model, self.tokenizer, "", sc).text()
        self.model.train()
        return ev.Sample(self.iter, text)


def _as_events(stage: str, work: Generator[tuple[int, int], None, T]) -> Generator[ev.Progress, None, T]:
    """Turn a (done, total) progress generator into Progress events, passing its result through."""
    while True:
        try:
            done, total = next(work)
        except StopIteration as finished:
            return finished.value
        yield ev.Progress(stage, done, total)
