"""The AZR-style self-play phase: the model proposes tasks in its books, solves them, and learns from the verifier.

After Absolute Zero (Zhao et al. 2025), adapted to small models that learn language only from books (design and
sources: docs/selfplay.md). One model plays two roles. As proposer it writes a difficulty token and an anchor
phrase; the environment (core/booktasks.py) builds a task where the anchor occurs verbatim in the training text,
or scores the proposal -1 if it does not. As solver it answers each task G times; the book's own text is the
gold answer. Rewards: solver = task score minus repetition and out-of-book-word penalties; proposer = learnability
``1 - p`` for a task solved with rate ``0 < p < 1`` (0 otherwise, or AZR's -0.5 with ``strict_proposer``). Tasks
the model did not propose (too few valid proposals) come from a curriculum that favours the (type, level) arms with
the highest recent learnability, and the logs count them.

Update: group-relative advantages for the solver (GRPO, scaled by the std of its task type in the step) and
type-relative ones for the proposer (TRR++), a clipped policy-gradient loss, the k3 KL to the frozen model that
self-play started from, a small entropy bonus, and the ordinary next-token loss on a batch of book text in every step
so that language does not collapse. Each evaluation also scores a fixed validation task suite, and stops the phase
(rolling back to the best evaluated weights) if validation perplexity rose more than ``max_ppl_rise`` or the KL ran
away. The phase is a resumable part of training: its state goes into the same checkpoints.
"""

from __future__ import annotations

import copy
import math
import random
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from azr_desktop.core import events as ev
from azr_desktop.core.booktasks import (
    END,
    KIND_TOKEN,
    LEVEL_TOKEN,
    LEVELS,
    PROPOSE,
    REGION_WORDS,
    Task,
    TextWorld,
    answer_complete,
    documents_from_tokens,
    read_answer,
)
from azr_desktop.core.config import SelfPlayConfig
from azr_desktop.core.device import autocast
from azr_desktop.core.errors import AZRError, ConfigError, ResourceError, Text
from azr_desktop.core.generate import TextGuard, token_byte_strings
from azr_desktop.core.model import GPT
from azr_desktop.core.optimizer import clip_and_step, set_lr
from azr_desktop.core.phase import PhaseStep, RunContext
from azr_desktop.core.textscore import words
from azr_desktop.core.tokenizer import BookTokenizer

WORLD_TOKENS = 2_000_000  # training text the tasks are cut from, at most (evenly spaced blocks beyond)
PROPOSAL_TOKENS = 16  # enough for a level token and an anchor of up to 8 words
RECENT_TASKS = 600  # the diversity rule looks at this many recent tasks...
MAX_PER_REGION = 3  # ... and refuses a region of the book used this often among them
ARM_EMA = 0.9
CHUNK = 16  # sequences per forward/backward pass in the update (bounds memory)
ADV_CLIP = 5.0
PLATEAU_EVALS, PLATEAU_GAIN = 3, 0.01  # "still improving": val loss fell > 1% over the last 3 evaluations
LEVEL_IDS = [LEVEL_TOKEN[level] for level in LEVELS]


@dataclass
class Attempt:
    """One sampled sequence to learn from: prompt, response tokens, and its advantage."""

    prompt: list[int]
    response: list[int]
    advantage: float
    proposal: bool  # the first response token is a level token, sampled from those three only


def answer_guard(model: GPT, tokenizer: BookTokenizer) -> TextGuard:
    """What a self-play text may hold: valid UTF-8 and no special token but ``<|end|>`` (core/generate.py)."""
    return TextGuard(token_byte_strings(tokenizer), END, model.cfg.vocab_size)


@torch.no_grad()
def sample_sequences(
    model: GPT,
    prompt: list[int],
    n: int,
    max_new: int,
    temperature: float,
    generator: torch.Generator,
    finished: Callable[[list[int]], bool],
    guard: TextGuard,
    first_allowed: list[int] | None = None,
) -> list[list[int]]:
    """``n`` continuations of one prompt, batched with a KV cache; a row ends at ``<|end|>`` or when
    ``finished(tokens)`` says so. Temperature 0 is greedy. Draws only from ``generator``, and only tokens ``guard``
    allows (after the first token when ``first_allowed`` picks it), so that every row is text as generation writes
    it: valid UTF-8 without special tokens (a barely trained model would draw stray byte tokens). Rows end between
    characters: ``finished`` is asked only there, and a row the budget cuts inside a character loses its
    unfinished tail."""
    device = model.lm_head.weight.device
    cache = model.new_cache(n, len(prompt) + max_new)
    logits = model(torch.tensor([prompt] * n, device=device), cache=cache)[:, -1]
    rows: list[list[int]] = [[] for _ in range(n)]
    whole = [0] * n  # each row's length at its last character boundary
    done = [False] * n
    states = np.full(n, TextGuard.START)
    for t in range(max_new):
        chosen = t == 0 and first_allowed is not None
        if chosen:
            allowed = torch.zeros(logits.shape[-1], dtype=torch.bool, device=device)
            allowed[first_allowed] = True
        else:
            allowed = guard.allowed(torch.from_numpy(states).to(device), device)
        logits = logits.float().masked_fill(~allowed, float("-inf"))
        if temperature == 0:
            nxt = logits.argmax(-1).cpu()
        else:
            probs = torch.softmax(logits / temperature, dim=-1).cpu()
            nxt = torch.multinomial(probs, 1, generator=generator).squeeze(1)
        if not chosen:
            states = guard.after_each(states, nxt.numpy())
        for i, token in enumerate(nxt.tolist()):
            if not done[i]:
                rows[i].append(token)
                if states[i] == TextGuard.START:
                    whole[i] = len(rows[i])
                    done[i] = token == END or finished(rows[i])
        if all(done) or t == max_new - 1:
            break
        logits = model(nxt[:, None].to(device), cache=cache)[:, -1]
    return [row[:n_whole] for row, n_whole in zip(rows, whole)]


def solve(
    model: GPT,
    world: TextWorld,
    task: Task,
    n: int,
    temperature: float,
    generator: torch.Generator,
    guard: TextGuard,
) -> list[tuple[list[int], str]]:
    """``n`` answers to a task as (tokens, text), each ending once it holds the words the verifier reads."""
    tok = world.tokenizer
    prompt = task.prompt_ids(tok)
    budget = min(world.answer_budget(task.answer_words), model.cfg.context - len(prompt))
    rows = sample_sequences(
        model,
        prompt,
        n,
        budget,
        temperature,
        generator,
        lambda r: answer_complete(tok.decode(r), task.answer_words),
        guard,
    )
    return [(row, tok.decode(row)) for row in rows]


def suite_scores(model: GPT, world: TextWorld, tasks: list[Task]) -> dict[str, list[float]]:
    """Greedy answers to a fixed suite: per type, the list of task scores (chrF for cont/prev, exact match for
    fill), so callers can average them or bootstrap intervals."""
    generator = torch.Generator().manual_seed(0)  # unused by greedy decoding; keeps the signature uniform
    guard = answer_guard(model, world.tokenizer)
    scores: dict[str, list[float]] = {}
    was_training = model.training
    model.eval()
    for task in tasks:
        ((_, text),) = solve(model, world, task, 1, 0.0, generator, guard)
        s = world.score(task, text)
        scores.setdefault(task.kind, []).append(float(s.success) if task.kind == "fill" else s.task)
    model.train(was_training)
    return scores


def learnability(rate: float) -> float:
    """AZR's proposer reward for a task solved at ``rate``: 1 - rate when it is neither always nor never solved."""
    return 1.0 - rate if 0.0 < rate < 1.0 else 0.0


def group_advantages(rewards: list[list[float]]) -> list[list[float]]:
    """GRPO with a batch std: each reward minus its group's mean, over the std of all rewards of the type in the
    step (TRL's scale_rewards="batch"; avoids blowing up near-constant groups). Constant groups give exactly 0."""
    flat = [r for group in rewards for r in group]
    scale = float(np.std(flat)) + 1e-4 if flat else 1.0
    out = []
    for group in rewards:
        mean = sum(group) / len(group)
        varied = max(group) > min(group)
        out.append([max(-ADV_CLIP, min(ADV_CLIP, (r - mean) / scale)) if varied else 0.0 for r in group])
    return out


def policy_terms(
    logp: torch.Tensor, old_logp: torch.Tensor, ref_logp: torch.Tensor, advantages: torch.Tensor, clip: float
) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-token clipped policy-gradient loss (PPO's surrogate) and the k3 estimate of the KL to the reference."""
    ratio = torch.exp(logp - old_logp)
    pg = -torch.minimum(ratio * advantages, ratio.clamp(1 - clip, 1 + clip) * advantages)
    diff = ref_logp - logp
    return pg, torch.exp(diff) - diff - 1


class SelfPlay:
    """The self-play phase (a ``core.phase.Phase``): ``step()`` per iteration, ``after_eval()`` after each
    evaluation. ``notices`` are what the user should know before it starts."""

    def __init__(self, ctx: RunContext, cfg: SelfPlayConfig, saved: dict | None):
        if ctx.iter == 0:
            raise ConfigError(
                "self-play refines a trained model, and this one has not been trained yet; "
                "train it first (for example --iters 2000), then run self-play"
            )
        self.ctx = ctx
        self.cfg = cfg
        self.finish_reason: str | None = None
        self.cool_down_from: int | None = None  # self-play never cools down: it rolls back
        self.kinds = cfg.kind_list()
        self.notices: list[ev.Notice] = []
        tok, context = ctx.tokenizer, ctx.model_cfg.context
        self.world = TextWorld(documents_from_tokens(ctx.data.train, tok, WORLD_TOKENS), tok, context)
        val = ctx.data.val
        self.val_world = TextWorld(documents_from_tokens(val[: len(val) // 2], tok, WORLD_TOKENS), tok, context)
        self.suite = self.val_world.suite(self.kinds, cfg.suite_tasks)
        self.ref = copy.deepcopy(ctx.model).eval().requires_grad_(False)
        self.guard = answer_guard(ctx.model, tok)
        self.generator = torch.Generator()
        self.rng = random.Random()
        self.arms = {(k, lv): 0.5 for k in self.kinds for lv in LEVELS}
        self.recent: deque[int] = deque(maxlen=RECENT_TASKS)
        self.kl_since_eval: list[float] = []
        if saved is None:
            self.start_iter = ctx.iter
            self.start_val_loss = ctx.evaluate().val_loss
            self.generator.manual_seed(ctx.cfg.seed)
            self.rng.seed(ctx.cfg.seed)
            self._check_warm_start()
        else:
            self._load(saved)
        self.best = (self.start_val_loss, self.ref.state_dict())  # the frozen reference: no copy needed
        if len(self.world) < 10 * self.world.context_words:
            raise ConfigError("the books are too short for self-play tasks; add more text")

    # ---- state ------------------------------------------------------------------------------------------------
    def checkpoint_entries(self) -> dict:
        return {"selfplay": self.state_dict()}

    def state_dict(self) -> dict:
        return {
            "config": self.cfg.to_dict(),
            "start_iter": self.start_iter,
            "start_val_loss": self.start_val_loss,
            "ref": self.ref.state_dict(),
            "generator": self.generator.get_state(),
            "rng": self.rng.getstate(),
            "arms": [[k, lv, v] for (k, lv), v in self.arms.items()],
            "recent": list(self.recent),
        }

    def _load(self, saved: dict) -> None:
        self.start_iter = int(saved["start_iter"])
        self.start_val_loss = float(saved["start_val_loss"])
        self.ref.load_state_dict(saved["ref"])
        self.generator.set_state(saved["generator"])
        self.rng.setstate(saved["rng"])
        for k, lv, v in saved["arms"]:
            if (k, lv) in self.arms:
                self.arms[(k, lv)] = float(v)
        self.recent.extend(int(r) for r in saved["recent"])

    def _check_warm_start(self) -> None:
        evals = [r["val_loss"] for r in self.ctx.md.read_metrics() if r.get("event") == "Eval"]
        if len(evals) <= PLATEAU_EVALS:
            warning = Text(
                "this model has few evaluations yet; self-play works best after ordinary training has levelled off"
            )
        elif evals[-1 - PLATEAU_EVALS] - evals[-1] > PLATEAU_GAIN * evals[-1 - PLATEAU_EVALS]:
            warning = Text(
                "validation loss is still falling ({gain:.1f}% over the last {evals} evaluations): plain training"
                " would still help; self-play works best once it levels off",
                gain=100 * (1 - evals[-1] / evals[-1 - PLATEAU_EVALS]),
                evals=PLATEAU_EVALS,
            )
        else:
            return
        self.notices.append(ev.Notice("warning", warning))

    def lr_plan(self) -> tuple[tuple[int, float], ...]:
        start, warm = self.start_iter, self.start_iter + self.cfg.warmup
        return ((start, 0.0), (warm, self.cfg.lr), (max(warm, self.ctx.target), self.cfg.lr))

    def retarget(self, target: int) -> None:
        """Nothing to re-plan: the rate holds until the target, wherever it is."""

    def after_oom(self) -> ev.Notice | None:
        return None  # a step's sequences are sampled and trained together; there is no smaller unit to try

    def oom_error(self) -> AZRError:
        return ResourceError(
            "out of memory at batch size {batch_size} with a context of {context} tokens on {device}; lower the"
            " batch size (training resumes from iteration {iter})",
            batch_size=self.ctx.cfg.batch_size,
            context=self.ctx.model_cfg.context,
            device=self.ctx.device,
            iter=self.ctx.iter,
        )

    def lr_at(self, it: int) -> float:
        return self.cfg.lr * min(1.0, (it - self.start_iter + 1) / max(1, self.cfg.warmup))

    # ---- one step -----------------------------------------------------------------------------------------------
    def step(self) -> PhaseStep:
        t, cfg = self.ctx, self.cfg
        lr = self.lr_at(t.iter)
        set_lr(t.optimizer, lr)
        attempts: list[Attempt] = []
        stats: dict[str, list[float]] = {}
        examples: list[ev.Event] = []
        t.model.eval()
        for kind in self.kinds:
            attempts += self._play(kind, stats, examples) if cfg.mode == "selfplay" else self._teach(kind)
        t.model.train()
        x, y = t.sampler.next_batch()
        losses = self._update(attempts, x.to(t.device), y.to(t.device))
        trained = sum(len(a.prompt) + len(a.response) for a in attempts) + x.numel()
        self.kl_since_eval.append(losses["kl"])

        def mean(key: str) -> float | None:
            values = stats.get(key)
            return float(np.mean(values)) if values else None

        sp = ev.SelfPlayStep(
            iter=t.iter + 1,  # the iteration this step completes
            reward_solve=mean("reward") or 0.0,
            reward_task=mean("task") or 0.0,
            penalty_rep=mean("rep") or 0.0,
            penalty_oov=mean("oov") or 0.0,
            format_errors=mean("format") or 0.0,
            reward_propose=mean("reward_propose"),
            validity=mean("valid"),
            curriculum_share=mean("curriculum") or 0.0,
            solve_rate=mean("success") or 0.0,
            solve_cont=mean("success_cont"),
            solve_fill=mean("success_fill"),
            solve_prev=mean("success_prev"),
            reward_cont=mean("reward_cont"),
            reward_fill=mean("reward_fill"),
            reward_prev=mean("reward_prev"),
            zero_variance=mean("zero_var") or 0.0,
            kl=losses["kl"],
            entropy=losses["entropy"],
            pg_loss=losses["pg"],
            ntp_loss=losses["ntp"],
        )
        return PhaseStep(losses["ntp"], lr, losses["grad_norm"], x.numel(), trained, [sp, *examples])

    def _play(self, kind: str, stats: dict[str, list[float]], examples: list[ev.Event]) -> list[Attempt]:
        """Propose, fill up from the curriculum, solve and score the tasks of one type; return the attempts."""
        cfg, tok, model = self.cfg, self.ctx.tokenizer, self.ctx.model
        proposals = self._propose(kind) if cfg.proposals_per_kind else []
        tasks = [(task, i) for i, (_, _, task) in enumerate(proposals) if task is not None][: cfg.tasks_per_kind]
        n_proposed = len(tasks)
        while len(tasks) < cfg.tasks_per_kind:
            task = self._curriculum_task(kind)
            if task is None:
                break
            tasks.append((task, None))
        stats.setdefault("curriculum", []).extend([0.0] * n_proposed + [1.0] * (len(tasks) - n_proposed))
        attempts: list[Attempt] = []
        rewards, answers = [], []
        rate_of_proposal: dict[int, float] = {}
        for task, proposal in tasks:
            self.recent.append(task.where // REGION_WORDS)
            outs = solve(model, self.world, task, cfg.samples, cfg.temperature, self.generator, self.guard)
            scores = [self.world.score(task, text) for _, text in outs]
            group = [s.reward(cfg.rep_penalty, cfg.oov_penalty) for s in scores]
            rate = sum(s.success for s in scores) / len(scores)
            self.arms[(kind, task.level)] = ARM_EMA * self.arms[(kind, task.level)] + (1 - ARM_EMA) * learnability(rate)
            if proposal is not None:
                rate_of_proposal[proposal] = rate
            rewards.append(group)
            answers.append(outs)
            for s, r in zip(scores, group):
                stats.setdefault("reward", []).append(r)
                stats.setdefault(f"reward_{kind}", []).append(r)
                stats.setdefault("task", []).append(s.task)
                stats.setdefault("rep", []).append(s.rep)
                stats.setdefault("oov", []).append(s.oov)
                stats.setdefault("format", []).append(float(s.format_error))
                stats.setdefault("success", []).append(float(s.success))
                stats.setdefault(f"success_{kind}", []).append(float(s.success))
            stats.setdefault("zero_var", []).append(float(max(group) == min(group)))
        for (task, _), outs, advs in zip(tasks, answers, group_advantages(rewards)):
            prompt = task.prompt_ids(tok)
            attempts += [Attempt(prompt, row, a, False) for (row, _), a in zip(outs, advs)]
        if tasks:
            (task, _), (_, text), r = tasks[0], answers[0][0], rewards[0][0]
            answer = read_answer(text, task.answer_words).strip()  # what was scored, not the rest of the text
            gold = task.gold.strip()
            examples.append(ev.SelfPlayExample(self.ctx.iter + 1, kind, task.level, _shown(task), answer, gold, r))
        attempts += self._proposal_attempts(kind, proposals, rate_of_proposal, stats)
        return attempts

    def _teach(self, kind: str) -> list[Attempt]:
        """Supervised mode: the book's answers to as many random tasks as self-play would sample answers. With
        advantage 1 and the policy's own log-probabilities as the old ones, the policy-gradient loss is exactly
        the cross-entropy of the gold tokens, so both modes share one update."""
        tok = self.ctx.tokenizer
        pairs = [(t.prompt_ids(tok), t.gold_ids(tok)) for t in self._random_tasks(kind)]
        return [Attempt(p, g, 1.0, False) for p, g in pairs if len(p) + len(g) <= self.ctx.model_cfg.context]

    def _random_tasks(self, kind: str) -> list[Task]:
        tasks = [self._curriculum_task(kind) for _ in range(self.cfg.tasks_per_kind * self.cfg.samples)]
        return [t for t in tasks if t is not None]

    def _propose(self, kind: str) -> list[tuple[list[int], list[int], Task | None]]:
        """The model's proposals for one type: (prompt, response, task or None if invalid)."""
        tok, n = self.ctx.tokenizer, self.cfg.proposals_per_kind
        prompt = [PROPOSE, KIND_TOKEN[kind]]
        rows = sample_sequences(
            self.ctx.model, prompt, n, PROPOSAL_TOKENS, self.cfg.temperature, self.generator,
            lambda r: answer_complete(tok.decode(r), 8), self.guard, first_allowed=LEVEL_IDS,
        )
        regions = Counter(self.recent)
        out = []
        for row in rows:
            level = LEVELS[LEVEL_IDS.index(row[0])]
            n_words, positions = self.world.find_phrase(words(tok.decode(row[1:])))
            task = None
            if n_words:
                start = int(positions[self.rng.randrange(len(positions))])
                task = self.world.task_after_anchor(kind, level, start + n_words)
                if task is not None and regions[task.where // REGION_WORDS] >= MAX_PER_REGION:
                    task = None
            if task is not None:
                regions[task.where // REGION_WORDS] += 1
            out.append((prompt, row, task))
        return out

    def _proposal_attempts(
        self, kind: str, proposals: list, rate_of: dict[int, float], stats: dict[str, list[float]]
    ) -> list[Attempt]:
        """Proposer rewards (-1 invalid, learnability if used, else 0 / -0.5) and type-relative advantages."""
        if not proposals:
            return []
        rewards = []
        for i, (_, _, task) in enumerate(proposals):
            if task is None:
                rewards.append(-1.0)
            elif i in rate_of and learnability(rate_of[i]) > 0:
                rewards.append(learnability(rate_of[i]))
            else:  # valid but always or never solved, or not needed this step
                rewards.append(-0.5 if self.cfg.strict_proposer else 0.0)
            stats.setdefault("valid", []).append(float(task is not None))
        stats.setdefault("reward_propose", []).extend(rewards)
        mean, std = float(np.mean(rewards)), float(np.std(rewards))
        advs = [max(-ADV_CLIP, min(ADV_CLIP, (r - mean) / (std + 1e-4))) if std > 0 else 0.0 for r in rewards]
        return [Attempt(prompt, row, a, True) for (prompt, row, _), a in zip(proposals, advs)]

    def _curriculum_task(self, kind: str) -> Task | None:
        """A task at a random place, its level drawn in proportion to each level's recent learnability."""
        weights = [self.arms[(kind, lv)] + 0.05 for lv in LEVELS]
        level = self.rng.choices(LEVELS, weights=weights)[0]
        return self.world.random_task(kind, level, self.rng)

    # ---- the update -------------------------------------------------------------------------------------------
    def _update(self, attempts: list[Attempt], x: torch.Tensor, y: torch.Tensor) -> dict[str, float]:
        """Clipped policy gradient + KL + entropy over the sampled sequences, plus next-token loss on book text."""
        t, cfg = self.ctx, self.cfg
        n_tokens = max(1, sum(len(a.response) for a in attempts))
        chunks = [attempts[i : i + CHUNK] for i in range(0, len(attempts), CHUNK)]
        old: list[torch.Tensor] = []
        totals = {"pg": 0.0, "kl": 0.0, "entropy": 0.0}
        for epoch in range(cfg.epochs):
            for c, chunk in enumerate(chunks):
                batch = _Batch(chunk, t.device)
                with autocast(t.device, t.precision):
                    logp, entropy = batch.logprobs(t.model, with_entropy=True)
                    with torch.no_grad():
                        ref_logp, _ = batch.logprobs(self.ref)
                if epoch == 0:
                    old.append(logp.detach())
                pg, kl = policy_terms(logp, old[c], ref_logp, batch.advantages, cfg.clip)
                mask = batch.mask
                loss = ((pg + cfg.kl_coef * kl - cfg.entropy_coef * entropy) * mask).sum() / n_tokens
                loss.backward()
                if epoch == cfg.epochs - 1:
                    for name, value in (("pg", pg), ("kl", kl), ("entropy", entropy)):
                        totals[name] += (value.detach() * mask).sum().item() / n_tokens
            with autocast(t.device, t.precision):
                ntp = t.model(x, y)
            (cfg.ntp_coef * ntp).backward()
            grad_norm = clip_and_step(t.model, t.optimizer, t.cfg.grad_clip)
        return {**totals, "ntp": ntp.item(), "grad_norm": grad_norm.item()}

    # ---- evaluation and guards --------------------------------------------------------------------------------
    def after_eval(self, result: ev.Eval) -> Iterator[ev.Event]:
        """Score the validation suite; stop and roll back if perplexity rose too much or the KL ran away."""
        t, cfg = self.ctx, self.cfg
        scores = suite_scores(t.model, self.val_world, self.suite)
        ppl_rise = math.exp(result.val_loss - self.start_val_loss) - 1
        kl = float(np.mean(self.kl_since_eval)) if self.kl_since_eval else 0.0
        self.kl_since_eval = []
        yield ev.SelfPlayEval(
            iter=result.iter,
            ppl_rise=ppl_rise,
            suite_cont=_mean_or_none(scores.get("cont")),
            suite_fill=_mean_or_none(scores.get("fill")),
            suite_prev=_mean_or_none(scores.get("prev")),
        )
        if ppl_rise > cfg.max_ppl_rise or kl > cfg.max_kl:
            why = (
                Text(
                    "validation perplexity rose {rise:.1f}% (limit {limit:g}%)",
                    rise=100 * ppl_rise,
                    limit=100 * cfg.max_ppl_rise,
                )
                if ppl_rise > cfg.max_ppl_rise
                else Text(
                    "the KL to the starting model reached {kl:.2f} nats per token (limit {limit:g})",
                    kl=kl,
                    limit=cfg.max_kl,
                )
            )
            t.model.load_state_dict(self.best[1])
            self.finish_reason = "rolled_back"
            yield ev.Notice(
                "warning", Text("self-play stopped: {why}; the weights went back to the best evaluated ones", why=why)
            )
        elif result.val_loss < self.best[0]:
            self.best = (result.val_loss, copy.deepcopy(t.model.state_dict()))


class _Batch:
    """Attempts padded into one tensor batch: inputs, targets, response mask, advantages."""

    def __init__(self, attempts: list[Attempt], device: torch.device):
        seqs = [a.prompt + a.response for a in attempts]
        width = max(len(s) for s in seqs) - 1
        x = torch.zeros(len(seqs), width, dtype=torch.long)
        y = torch.zeros(len(seqs), width, dtype=torch.long)
        mask = torch.zeros(len(seqs), width)
        self.first: list[tuple[int, int, int]] = []  # (row, position, level index) of proposal level tokens
        for i, (a, s) in enumerate(zip(attempts, seqs)):
            x[i, : len(s) - 1] = torch.tensor(s[:-1])
            y[i, : len(s) - 1] = torch.tensor(s[1:])
            mask[i, len(a.prompt) - 1 : len(s) - 1] = 1.0
            if a.proposal:
                self.first.append((i, len(a.prompt) - 1, LEVEL_IDS.index(a.response[0])))
        self.x, self.y, self.mask = x.to(device), y.to(device), mask.to(device)
        self.advantages = torch.tensor([[a.advantage] for a in attempts], device=device)

    def logprobs(self, model: GPT, with_entropy: bool = False) -> tuple[torch.Tensor, torch.Tensor | None]:
        """Log-probabilities of the target tokens (B, T) and, if asked, the entropy of each next-token distribution.
        A proposal's level token is scored among the three level tokens it was sampled from."""
        logits = model(self.x)  # (B, T, V) float32
        logp_all = F.log_softmax(logits, dim=-1)
        logp = logp_all.gather(-1, self.y.unsqueeze(-1)).squeeze(-1)
        if self.first:
            rows, pos, level = (torch.tensor(v, device=logits.device) for v in zip(*self.first))
            level_logp = F.log_softmax(logits[rows, pos][:, LEVEL_IDS], dim=-1)
            logp = logp.index_put((rows, pos), level_logp.gather(-1, level[:, None]).squeeze(-1))
        entropy = -(logp_all.exp() * logp_all).sum(-1) if with_entropy else None
        return logp, entropy


def _shown(task: Task) -> str:
    """The task as a person reads it: the text the solver saw, with the mask drawn as ___."""
    return " ___ ".join(p.strip() for p in task.parts) if task.kind == "fill" else task.parts[0].strip()


def _mean_or_none(values: list[float] | None) -> float | None:
    return float(np.mean(values)) if values else None
