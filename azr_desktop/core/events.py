"""What the trainer yields: frozen records of plain numbers and strings, never tensors.

The GUI worker re-emits them as Qt signals, the CLI prints them, tests assert on them, and ``record()`` turns the
ones worth keeping into lines of ``metrics.jsonl``. ``to_json`` and ``from_json`` carry every event to another
program and back (``azr-desktop train --json``, which the GUI runs for several GPUs).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

from azr_desktop.core.errors import AZRError, Text


@dataclass(frozen=True)
class Event:
    def record(self) -> dict:
        """A JSON-ready dict: the event's name under ``"event"`` plus its fields."""
        return {"event": type(self).__name__, **dataclasses.asdict(self)}


def from_record(record: dict) -> Event | None:
    """The event a line of ``metrics.jsonl`` records (``record()`` read back), or None for one this version does
    not know (the app following another program's run shows what that program's events say)."""
    cls = globals().get(record.get("event", ""))
    if not (isinstance(cls, type) and issubclass(cls, Event)):
        return None
    try:
        return cls(**{k: v for k, v in record.items() if k != "event"})
    except TypeError:
        return None


def to_json(event: Event) -> str:
    """The event as one line of JSON: its name under ``"event"`` and its fields; a ``Text`` as its template and
    fields, so that the reader can show it in its own language."""
    fields = {f.name: _plain(getattr(event, f.name)) for f in dataclasses.fields(event)}
    return json.dumps({"event": type(event).__name__, **fields}, ensure_ascii=False)


def from_json(line: str) -> Event | None:
    """The event ``to_json`` wrote, equal to the one it was given; None for a line that is not one."""
    try:
        record = _typed(json.loads(line))
    except (ValueError, TypeError, KeyError, IndexError):  # not JSON, or a Text whose fields do not fit
        return None
    return from_record(record) if isinstance(record, dict) else None


def _plain(value: object) -> object:
    if isinstance(value, (Text, AZRError)):
        return {"template": value.template, "fields": _plain(value.fields)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _typed(value: object) -> object:
    """``_plain`` undone: events hold tuples, never lists."""
    if isinstance(value, list):
        return tuple(_typed(v) for v in value)
    if isinstance(value, dict):
        if value.keys() == {"template", "fields"}:
            return Text.restored(value["template"], _typed(value["fields"]))
        return {k: _typed(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Progress(Event):
    """Preparation work before the first step (tokenizer training, tokenising books); ``total`` 0 = unknown."""

    stage: str
    done: int
    total: int


@dataclass(frozen=True)
class Notice(Event):
    """Something the user should know that is not an error (e.g. a corrupt checkpoint was skipped)."""

    level: str  # "info" | "warning"
    message: Text  # the English sentence; the GUI shows it in the user's language


@dataclass(frozen=True)
class Failed(Event):
    """Why a run ended with an error: ``train --json`` writes it last, so that the app shows it in its language."""

    message: Text


@dataclass(frozen=True)
class Started(Event):
    iter: int
    target: int
    params: int
    device: str
    precision: str
    threads: int
    resumed: bool
    tokens_seen: int
    lr_plan: tuple[tuple[int, float], ...]  # the learning-rate plan's knots (iteration, lr), for drawing it


@dataclass(frozen=True)
class Step(Event):
    iter: int
    target: int
    loss: float
    lr: float
    grad_norm: float
    tokens_per_s: float
    elapsed_s: float
    eta_s: float


@dataclass(frozen=True)
class Eval(Event):
    iter: int
    val_loss: float
    bits_per_byte: float


@dataclass(frozen=True)
class Sample(Event):
    """A continuation of ``prompt`` (the same prompt and seed every time, so that samples compare)."""

    iter: int
    text: str
    prompt: str = ""


@dataclass(frozen=True)
class CheckpointSaved(Event):
    iter: int
    path: str


@dataclass(frozen=True)
class Paused(Event):
    iter: int


@dataclass(frozen=True)
class Resumed(Event):
    iter: int


@dataclass(frozen=True)
class TargetChanged(Event):
    iter: int
    old: int
    new: int
    lr_plan: tuple[tuple[int, float], ...]  # the re-planned learning rate


@dataclass(frozen=True)
class SelfPlayStep(Event):
    """One self-play iteration (core/selfplay.py). Rates are shares in [0, 1]; None where a part did not run
    (a task type not chosen, no proposals)."""

    iter: int
    reward_solve: float  # solver reward: task score minus penalties (-1 for no answer)
    reward_task: float  # the task score alone (chrF or exact match / F1)
    penalty_rep: float  # repeated word bigrams in answers
    penalty_oov: float  # answer words that never occur in the books
    format_errors: float  # answers without a single word
    reward_propose: float | None
    validity: float | None  # proposals that named a real place in the books
    curriculum_share: float  # tasks that came from the curriculum, not the model's proposals
    solve_rate: float
    solve_cont: float | None
    solve_fill: float | None
    solve_prev: float | None
    reward_cont: float | None  # solver reward per task type
    reward_fill: float | None
    reward_prev: float | None
    zero_variance: float  # task groups whose answers all scored the same (they teach nothing)
    kl: float  # to the model self-play started from, nats per token
    entropy: float
    pg_loss: float
    ntp_loss: float


@dataclass(frozen=True)
class SelfPlayExample(Event):
    """A task and one of the model's answers, for people to read."""

    iter: int
    kind: str
    level: int
    task: str
    answer: str  # the words the verifier read (the first as many as the book's answer has)
    gold: str
    reward: float


@dataclass(frozen=True)
class SelfPlayEval(Event):
    """Greedy scores on a fixed validation task suite, and validation perplexity relative to the start."""

    iter: int
    ppl_rise: float  # exp(val loss - val loss at the start) - 1
    suite_cont: float | None  # mean chrF
    suite_fill: float | None  # exact-match rate
    suite_prev: float | None  # mean chrF


@dataclass(frozen=True)
class Finished(Event):
    iter: int
    reason: str  # "target_reached" | "stopped" | "rolled_back" (self-play guard) | "no_improvement" (patience)
