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

import contextlib
import dataclasses
import json
import random
import threading
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import TypeVar

import torch

from azr_desktop.core import events as ev
from azr_desktop.core.books import BookInfo
from azr_desktop.core.checkpoint import Best, checkpoint_path, load_checkpoint, load_latest, save_checkpoint
from azr_desktop.core.config import ModelConfig, SelfPlayConfig, TrainConfig
from azr_desktop.core.data import WindowSampler, drain, is_cached, prepare_tokens
from azr_desktop.core.device import is_out_of_memory, pick_device, pick_precision
from azr_desktop.core.distributed import Ranks, check_layout
from azr_desktop.core.errors import BookError, CheckpointError, ConfigError, Text
from azr_desktop.core.model import GPT
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.optimizer import new_optimizer
from azr_desktop.core.phase import Phase, PhaseStep, RunContext, held_out_prompt
from azr_desktop.core.pretraining import Pretraining
from azr_desktop.core.selfplay import SelfPlay
from azr_desktop.core.train_state import TrainState

T = TypeVar("T")
# How long rank 0 waits for a resume before it meets the others again: a pause lasts as long as the user likes, and
# every process keeps meeting in the step's agreement meanwhile instead of waiting there past the collective timeout.
PAUSE_POLL_S = 2.0
# Why a phase may end the run before its target, as one number that the processes of a run can agree on.
FINISH_REASONS = (None, "rolled_back", "no_improvement")


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

    def wait_while_paused(self, timeout: float | None = None) -> None:
        """Return on resume or stop, or after ``timeout`` seconds."""
        self._go.wait(timeout)

    def take_target(self) -> int | None:
        with self._lock:
            target, self._target = self._target, None
            return target


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
        take_lock: bool = True,
        ranks: Ranks | None = None,
    ):
        """``books``, if given, replaces the model's book list once the run has started without errors.
        ``selfplay``, if given, runs the self-play phase (core/selfplay.py) instead of pretraining.
        ``take_lock=False``: the caller holds the folder's writer lock for the whole run (rank 0 of a multi-process
        run takes it once) or writes nothing (the other ranks).
        ``ranks``: this process's place in a data-parallel run (core/distributed.py); only rank 0 writes files or
        takes the lock."""
        self.md = model_dir
        self.ranks = ranks or Ranks()
        self.take_lock = take_lock
        self.cfg = train_cfg or model_dir.train_config()
        self.model_cfg = model_dir.model_config()
        self.new_books = books
        self.selfplay_cfg = selfplay

    # ---- setup ----------------------------------------------------------------------------------------------
    def _setup(self) -> Iterator[ev.Event]:
        """Build everything; checks that can fail (device, checkpoint) run before anything is written."""
        cfg = self.cfg
        if cfg.threads:
            torch.set_num_threads(cfg.threads)
        ranks = self.ranks
        if ranks.parallel:
            check_layout(cfg.batch_size, ranks.world)
            if self.selfplay_cfg is not None:
                raise ConfigError("self-play runs in one process; train without --devices")
        device = self.device
        precision = pick_precision(cfg.precision, device, self.model_cfg)
        tokenizer = self.md.tokenizer()
        recorded = self.md.recorded_books()
        books = recorded if self.new_books is None else self.new_books
        if not books:  # e.g. an imported model file: its weights came without the books they were trained on
            raise BookError(
                "{model} has no books to train on yet; add at least one .txt book", model=self.md.display_name()
            )
        found = load_latest(self.md.checkpoints_dir, map_location=device)
        books_changed = [b.sha256 for b in books] != [b.sha256 for b in recorded]
        if books_changed:
            if ranks.main:
                self.md.set_books(books)
            yield ev.Notice("info", Text("training data changed: now {count} book(s)", count=len(books)))
        elif not is_cached(self.md.data_dir, tokenizer, books, cfg.val_frac):
            books = self.md.books()  # the cache must be rebuilt: the book files must be there and unchanged

        tokens = prepare_tokens(self.md.data_dir, tokenizer, books, cfg.val_frac)
        if ranks.main:  # rank 0 builds the token cache; the others read it once it is there
            data = yield from _as_events("tokenizing", tokens)
        ranks.barrier()
        if not ranks.main:
            data = drain(tokens)
        torch.manual_seed(cfg.seed)
        random.seed(cfg.seed)
        model = GPT(self.model_cfg).to(device)
        sample_prompt = cfg.sample_prompt or held_out_prompt(tokenizer, data.val)
        ctx = self.ctx = RunContext(
            md=self.md,
            cfg=cfg,
            model_cfg=self.model_cfg,
            device=device,
            precision=precision,
            tokenizer=tokenizer,
            data=data,
            model=model,
            optimizer=new_optimizer(model, cfg, device),
            sampler=WindowSampler(data.train, self.model_cfg.context, cfg.batch_size, cfg.seed),
            sample_prompt=sample_prompt,
            target=cfg.iters,
            ranks=ranks,
        )
        self.tokens_seen = 0
        elapsed = 0.0
        saved = None
        if found is not None:
            payload, path, warnings = found
            for w in warnings:
                yield ev.Notice("warning", w)
            saved = TrainState.from_payload(payload, path)
            elapsed = self._restore(saved, path.name)
            if saved.best and not books_changed:  # other books: other held-out text, so losses do not compare
                ctx.best = Best(saved.best["iter"], saved.best["val_loss"])
                ctx.evals_since_best = saved.best["evals_since"]
        if ranks.parallel:  # after loading: every process starts from the same weights
            highest, lowest = ranks.agree([ctx.iter, -ctx.iter])
            if highest != -lowest:  # each machine read its own copy of the folder, and they differ
                raise CheckpointError(
                    "the processes of this run found checkpoints of different iterations ({low} to {high}); every"
                    " machine must see the same model folder (a shared folder at the same path)",
                    low=-lowest,
                    high=highest,
                )
            ids = [device.index] if device.type == "cuda" else None
            ctx.ddp = torch.nn.parallel.DistributedDataParallel(model, device_ids=ids)
        if ranks.main:
            self.md.truncate_metrics(ctx.iter)
        self.resumed = saved is not None
        self.pretraining = Pretraining(ctx, saved)
        self.phase: Phase = self.pretraining
        if self.selfplay_cfg is not None:
            selfplay = SelfPlay(ctx, self.selfplay_cfg, saved.selfplay if saved else None)
            self.phase = selfplay
            self.selfplay_cfg.save(self.md.selfplay_json)
            yield from selfplay.notices
        if ranks.main:
            self.cfg.save(self.md.train_json)
        self.last_saved = ctx.iter if self.resumed else -1
        self.clock = _Clock(elapsed_before=elapsed, session_start=time.perf_counter())
        self.paused_at: float | None = None  # when the pause in progress began (rank 0)

    def _restore(self, saved: TrainState, name: str) -> float:
        ctx = self.ctx
        if ModelConfig.from_dict(saved.model_config, source=name) != self.model_cfg:
            raise CheckpointError(
                "checkpoint {name} belongs to a different model architecture; it cannot be resumed here", name=name
            )
        ctx.model.load_state_dict(saved.model)
        ctx.optimizer.load_state_dict(saved.optimizer)
        ctx.sampler.load_state_dict(saved.sampler)
        random.setstate(saved.rng["python"])
        torch.set_rng_state(saved.rng["torch"])
        if ctx.device.type == "cuda" and saved.rng.get("cuda"):
            torch.cuda.set_rng_state_all(saved.rng["cuda"])
        ctx.iter = saved.iter
        self.tokens_seen = saved.tokens_seen
        return float(saved.elapsed_s)

    def _state(self) -> TrainState:
        ctx = self.ctx
        rng = {"python": random.getstate(), "torch": torch.get_rng_state()}
        if ctx.device.type == "cuda":
            rng["cuda"] = torch.cuda.get_rng_state_all()
        return TrainState(
            model=ctx.model.state_dict(),
            optimizer=ctx.optimizer.state_dict(),
            sampler=ctx.sampler.state_dict(),
            rng=rng,
            iter=ctx.iter,
            tokens_seen=self.tokens_seen,
            elapsed_s=self.clock.total_seconds(),
            model_config=self.model_cfg.to_dict(),
            train_config=self.cfg.to_dict(),
            layout={"world_size": self.ranks.world, "batch_size": self.cfg.batch_size,
                    "rows_per_process": self.cfg.batch_size // self.ranks.world},
            best={**dataclasses.asdict(ctx.best), "evals_since": ctx.evals_since_best} if ctx.best else None,
            # the plan and part size outlive a self-play phase; the phase's own entries last
            **{**self.pretraining.checkpoint_entries(), **self.phase.checkpoint_entries()},
        )

    # ---- the loop -------------------------------------------------------------------------------------------
    def run(self, control: Control | None = None) -> Iterator[ev.Event]:
        """Train, as the model folder's only writer from the first read of its checkpoint to the last write
        (``ModelInUse`` at once if another program writes it)."""
        purpose = "self-play" if self.selfplay_cfg else "training"
        # all ranks join before rank 0 takes the lock: if it cannot, the others see it leave instead of waiting for it
        self.device = self.ranks.device(pick_device(self.cfg.device))
        self.ranks.start(self.device)
        with self.md.writer(purpose) if self.take_lock and self.ranks.main else contextlib.nullcontext():
            yield from self._run(control or Control())

    def _run(self, control: Control) -> Iterator[ev.Event]:
        yield from self._setup()
        ctx, main = self.ctx, self.ranks.main
        with open(self.md.metrics_path, "a", encoding="utf-8") if main else contextlib.nullcontext() as metrics:

            def emit(event: ev.Event) -> ev.Event:
                transient = (ev.Progress, ev.Notice, ev.Started, ev.Paused, ev.Resumed, ev.Finished)
                if main and not isinstance(event, transient):
                    metrics.write(json.dumps(event.record(), ensure_ascii=False) + "\n")
                    metrics.flush()
                return event

            yield ev.Started(
                ctx.iter,
                ctx.target,
                ctx.model.num_params(),
                str(ctx.device),
                ctx.precision,
                torch.get_num_threads(),
                self.resumed,
                self.tokens_seen,
                self.phase.lr_plan(),
            )
            reason = "target_reached"
            while True:
                new_target, pause, stop, finish, cool_from = self._agree(control)
                if self.paused_at is not None and not pause:
                    yield from self._unpause(stop)
                if finish:
                    reason = finish
                    break
                if cool_from is not None:
                    yield from map(emit, self._cool_down(cool_from))
                if new_target is not None and new_target != ctx.target:
                    yield emit(self._retarget(new_target))
                if pause and not stop:
                    if main:  # the others wait for rank 0 in the next agreement
                        yield from self._pause(control)
                    continue
                if stop:
                    reason = "stopped"
                    break
                if ctx.iter >= ctx.target:
                    break
                try:
                    done = self.phase.step()
                except (RuntimeError, MemoryError) as e:
                    if not is_out_of_memory(e) or self.ranks.parallel:  # one process cannot skip a shared step
                        raise
                    yield from map(emit, self._after_oom(e))
                    continue
                yield emit(self._count(done))
                yield from map(emit, done.events)
                yield from map(emit, self._periodic())
            if main and self.last_saved != ctx.iter:
                yield emit(self._save())
            yield ev.Finished(ctx.iter, reason)

    def _agree(self, control: Control) -> tuple[int | None, bool, bool, str | None, int | None]:
        """(new target, pause, stop, finish reason, checkpoint to cool down from) as rank 0 decided them (a stop as
        any process asked for it), the same in every process, so that all of them take the same step or leave at
        the same one."""
        main = self.ranks.main
        target = control.take_target() if main else None
        finish = FINISH_REASONS.index(self.phase.finish_reason) if main else 0
        cool_from = self.phase.cool_down_from if main else None
        values = [-1 if target is None else target, int(main and control.pause_requested),
                  int(control.stop_requested), finish, -1 if cool_from is None else cool_from]
        target, pause, stop, finish, cool_from = self.ranks.agree(values)
        return (None if target < 0 else target), bool(pause), bool(stop), FINISH_REASONS[finish], (
            None if cool_from < 0 else cool_from
        )

    def _retarget(self, target: int) -> ev.TargetChanged:
        old, self.ctx.target = self.ctx.target, target
        self.phase.retarget(target)
        return self._target_changed(old)

    def _target_changed(self, old: int) -> ev.TargetChanged:
        """The run's new target (already in ``ctx`` and the plan) into its settings, train.json and an event."""
        self.cfg = self.ctx.cfg = self.cfg.replace(iters=self.ctx.target)
        if self.ranks.main:
            self.cfg.save(self.md.train_json)
        return ev.TargetChanged(self.ctx.iter, old, self.ctx.target, self.phase.lr_plan())

    def _cool_down(self, best_iter: int) -> Iterator[ev.Event]:
        """Every process takes the best checkpoint's weights and optimiser state back (the data sampler keeps its
        place) and the learning rate decays from the peak over the share of a run that a decay takes
        (``decay_frac``, as if the run had been planned to end at the best checkpoint), within the target."""
        ctx, path = self.ctx, checkpoint_path(self.md.checkpoints_dir, best_iter)
        try:
            saved = TrainState.from_payload(load_checkpoint(path, ctx.device), path)
            ctx.model.load_state_dict(saved.model)
            ctx.optimizer.load_state_dict(saved.optimizer)
        except CheckpointError as error:
            yield ev.Notice("warning", Text("{error}; the learning rate decays from the current weights", error=error))
        decay = self.cfg.decay_frac
        old = ctx.target
        ctx.target = min(old, ctx.iter + max(1, round(best_iter * decay / (1 - decay))))
        self.pretraining.cool_down(ctx.target)
        ctx.evals_since_best = 0
        yield self._target_changed(old)
        if self.ranks.main:  # at once: resumed from an earlier checkpoint, the new target alone plans another decay
            yield self._save()

    def _pause(self, control: Control) -> Iterator[ev.Event]:
        """Wait a little for a resume (Paused when the pause begins), then back to the agreement with the others."""
        if self.paused_at is None:
            self.paused_at = time.perf_counter()
            yield ev.Paused(self.ctx.iter)
        control.wait_while_paused(PAUSE_POLL_S)

    def _unpause(self, stop: bool) -> Iterator[ev.Event]:
        """The pause is over: its time leaves the clock; Resumed unless it ends in a stop."""
        self.clock.paused += time.perf_counter() - self.paused_at
        self.paused_at = None
        if not stop:
            yield ev.Resumed(self.ctx.iter)

    def _after_oom(self, error: BaseException) -> Iterator[ev.Event]:
        """Free the failed step; go on if the phase can work in less memory, else keep the work done since the
        last checkpoint and explain what to change."""
        self.ctx.optimizer.zero_grad(set_to_none=True)
        if self.ctx.device.type == "cuda":
            torch.cuda.empty_cache()
        notice = self.phase.after_oom()
        if notice is not None:
            yield notice
            return
        if self.last_saved != self.ctx.iter:
            yield self._save()
        raise self.phase.oom_error() from error

    def _count(self, done: PhaseStep) -> ev.Step:
        """Count one finished optimiser step: ``text_tokens`` into ``tokens_seen``, ``trained_tokens`` into the
        speed."""
        ctx, clock = self.ctx, self.clock
        ctx.iter += 1
        self.tokens_seen += done.text_tokens
        clock.session_iters += 1
        clock.session_tokens += done.trained_tokens
        secs = max(clock.session_seconds(), 1e-9)
        return ev.Step(
            iter=ctx.iter,
            target=ctx.target,
            loss=done.loss,
            lr=done.lr,
            grad_norm=done.grad_norm,
            tokens_per_s=clock.session_tokens / secs,
            elapsed_s=clock.total_seconds(),
            eta_s=max(0, ctx.target - ctx.iter) * secs / clock.session_iters,
        )

    def _periodic(self) -> Iterator[ev.Event]:
        """Evaluation, samples and checkpoints: rank 0's work alone, with no collective in it (an early stop it
        decides reaches the others through ``_agree``)."""
        if not self.ranks.main:
            return
        ctx, cfg = self.ctx, self.cfg
        it = ctx.iter
        last = it == ctx.target
        if cfg.eval_every and (it % cfg.eval_every == 0 or last):
            yield from self._evaluate()
        if cfg.sample_every and (it % cfg.sample_every == 0 or last):
            yield ctx.sample()
        if cfg.save_every and it % cfg.save_every == 0 and self.last_saved != it:
            yield self._save()

    def _evaluate(self) -> Iterator[ev.Event]:
        """Evaluate; a new best is saved at once, so that the best weights are on disk to keep (``best`` and
        early stopping only ever name a checkpoint evaluated at its own iteration)."""
        ctx = self.ctx
        result = ctx.evaluate()
        yield result
        before = ctx.best, ctx.evals_since_best
        improved = ctx.record_eval(result)
        yield from self.phase.after_eval(result)
        if improved and self.phase.finish_reason:  # the phase ended the run and put back other weights (rollback)
            ctx.best, ctx.evals_since_best = before
        elif improved:
            yield self._save()

    def _save(self) -> ev.CheckpointSaved:
        it = self.ctx.iter
        path = save_checkpoint(
            self.md.checkpoints_dir, it, self._state().to_payload(), self.cfg.keep_checkpoints, self.ctx.best
        )
        self.last_saved = it
        return ev.CheckpointSaved(it, str(path))


def _as_events(stage: str, work: Generator[tuple[int, int], None, T]) -> Generator[ev.Progress, None, T]:
    """Turn a (done, total) progress generator into Progress events, passing its result through."""
    while True:
        try:
            done, total = next(work)
        except StopIteration as finished:
            return finished.value
        yield ev.Progress(stage, done, total)
