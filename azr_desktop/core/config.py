"""Settings as validated dataclasses, saved as JSON (never pickled).

Every check runs in ``__post_init__`` and names the field, so a bad value is refused before any work starts.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from typing_extensions import Self

from azr_desktop.core.errors import ConfigError

# Special tokens every tokenizer gets, in this order (ids 0..15). <|endoftext|> separates books; the task markers are
# reserved for the self-play phase so that a model trained today can be refined later without a new tokenizer.
SPECIAL_TOKENS: tuple[str, ...] = (
    "<|endoftext|>",
    "<|cont|>",
    "<|fill|>",
    "<|mask|>",
    "<|prev|>",
    "<|order|>",
    "<|propose|>",
    "<|answer|>",
    "<|end|>",
) + tuple(f"<|reserved_{i}|>" for i in range(7))
BYTE_ALPHABET = 256
MIN_VOCAB = BYTE_ALPHABET + len(SPECIAL_TOKENS)
MAX_PROMPT_CHARS = 2000
MAX_VOCAB = 1 << 20

T = TypeVar("T", bound="_Config")


def _check_int(name: str, value: Any, lo: int, hi: int | None = None) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError("{name} must be a whole number, got {value!r}", name=name, value=value)
    if value < lo or (hi is not None and value > hi):
        raise ConfigError(
            "{name} must be between {lo} and {hi}, got {value}"
            if hi is not None
            else "{name} must be at least {lo}, got {value}",
            name=name,
            lo=lo,
            hi=hi,
            value=value,
        )


def _check_float(name: str, value: Any, lo: float, hi: float, lo_open: bool = False) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise ConfigError("{name} must be a number, got {value!r}", name=name, value=value)
    if value < lo or value > hi or (lo_open and value == lo):
        raise ConfigError(
            "{name} must be greater than {lo:g} and at most {hi:g}, got {value:g}"
            if lo_open
            else "{name} must be at least {lo:g} and at most {hi:g}, got {value:g}",
            name=name,
            lo=lo,
            hi=hi,
            value=value,
        )


def _check_choice(name: str, value: Any, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ConfigError(
            "{name} must be one of {choices}, got {value!r}", name=name, choices=", ".join(choices), value=value
        )


class _Config:
    """JSON round-trip shared by all settings classes."""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "settings") -> Self:
        if not isinstance(data, dict):
            raise ConfigError("{source} is not a JSON object", source=source)
        known = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(
                "{source} has unknown setting {name!r}; was it written by a newer AZR Desktop?",
                source=source,
                name=unknown[0],
            )
        return cls(**data)

    def replace(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]

    def save(self, path: Path) -> None:
        from azr_desktop.core.fsutil import atomic_write_json

        atomic_write_json(path, self.to_dict())

    @classmethod
    def load(cls, path: Path) -> Self:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError("{path} is missing", path=path) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise ConfigError(
                "{path} cannot be read ({reason}); restore it or create the model again", path=path, reason=str(e)
            ) from None
        return cls.from_dict(data, source=str(path))


@dataclass(frozen=True)
class ModelConfig(_Config):
    """The architecture. Frozen once a model exists: its weights only fit these numbers."""

    vocab_size: int = 8000
    d_model: int = 256
    n_layers: int = 6
    n_heads: int = 8
    d_ff: int = 1024
    context: int = 256
    rope_theta: float = 10000.0
    norm_eps: float = 1e-5

    def __post_init__(self) -> None:
        _check_int("vocab_size", self.vocab_size, MIN_VOCAB, MAX_VOCAB)
        _check_int("d_model", self.d_model, 8, 16384)
        _check_int("n_layers", self.n_layers, 1, 256)
        _check_int("n_heads", self.n_heads, 1, 256)
        _check_int("d_ff", self.d_ff, 1, 65536)
        _check_int("context", self.context, 8, 65536)
        _check_float("rope_theta", self.rope_theta, 1.0, 1e9)
        _check_float("norm_eps", self.norm_eps, 0.0, 1.0, lo_open=True)
        if self.d_model % self.n_heads:
            raise ConfigError(
                "n_heads ({n_heads}) must divide d_model ({d_model}) evenly", n_heads=self.n_heads, d_model=self.d_model
            )
        if self.head_dim % 2:
            raise ConfigError("d_model / n_heads must be even for rotary positions, got {value}", value=self.head_dim)

    @property
    def head_dim(self) -> int:
        return self.d_model // self.n_heads

    def num_params(self) -> int:
        """Parameter count with the output layer tied to the embedding."""
        per_layer = 4 * self.d_model**2 + 3 * self.d_model * self.d_ff + 2 * self.d_model
        return self.vocab_size * self.d_model + self.n_layers * per_layer + self.d_model

    def body_params(self) -> int:
        """Parameters outside the embedding: what the planner's size rule counts (core/plan.py). A large vocabulary on
        a narrow model adds many parameters that add little; Kaplan et al. (2020) fit their laws to these for that
        reason."""
        return self.num_params() - self.vocab_size * self.d_model

    def flops_per_token(self) -> int:
        """Training FLOPs per token (forward + backward), PaLM appendix B: 6N + 12·L·d·T."""
        return 6 * self.num_params() + 12 * self.n_layers * self.d_model * self.context


PRESETS: dict[str, ModelConfig] = {
    # Fast on any laptop CPU: the first plot moves within seconds.
    "tiny": ModelConfig(vocab_size=2048, d_model=128, n_layers=4, n_heads=4, d_ff=384, context=128),
    # The default: about 8M parameters, hours on a CPU, minutes on a GPU.
    "small": ModelConfig(vocab_size=8000, d_model=256, n_layers=6, n_heads=8, d_ff=1024, context=256),
    # About 50M parameters: for a GPU.
    "base": ModelConfig(vocab_size=16000, d_model=512, n_layers=12, n_heads=8, d_ff=1536, context=512),
}

DEVICES = ("auto", "cpu", "cuda", "mps")
PRECISIONS = ("auto", "fp32", "bf16")


@dataclass(frozen=True)
class TrainConfig(_Config):
    """How to train. May change between sessions of the same model (the target especially)."""

    iters: int = 5000
    batch_size: int = 16
    lr: float = 1e-3
    min_lr_frac: float = 0.1
    warmup: int = 100
    decay_frac: float = 0.2
    weight_decay: float = 0.1
    beta1: float = 0.9
    beta2: float = 0.95
    grad_clip: float = 1.0
    eval_every: int = 250
    eval_iters: int = 20
    save_every: int = 500
    sample_every: int = 500
    sample_tokens: int = 64
    sample_prompt: str = ""  # what every sample continues; empty: the opening of the held-out text
    keep_checkpoints: int = 3  # the newest ones; the best one is kept besides
    patience: int = 0  # stop when this many evaluations in a row found no lower validation loss; 0: never
    val_frac: float = 0.1
    seed: int = 1337
    device: str = "auto"
    threads: int = 0
    precision: str = "auto"
    compile: bool = False

    def __post_init__(self) -> None:
        _check_int("iters", self.iters, 0)
        _check_int("batch_size", self.batch_size, 1, 65536)
        _check_float("lr", self.lr, 0.0, 1.0, lo_open=True)
        _check_float("min_lr_frac", self.min_lr_frac, 0.0, 1.0)
        _check_int("warmup", self.warmup, 0)
        _check_float("decay_frac", self.decay_frac, 0.0, 1.0)
        _check_float("weight_decay", self.weight_decay, 0.0, 10.0)
        _check_float("beta1", self.beta1, 0.0, 1.0)
        _check_float("beta2", self.beta2, 0.0, 1.0)
        _check_float("grad_clip", self.grad_clip, 0.0, 1e6)
        _check_int("eval_every", self.eval_every, 0)
        _check_int("eval_iters", self.eval_iters, 1)
        _check_int("save_every", self.save_every, 0)
        _check_int("sample_every", self.sample_every, 0)
        _check_int("sample_tokens", self.sample_tokens, 1, 4096)
        if not isinstance(self.sample_prompt, str) or len(self.sample_prompt) > MAX_PROMPT_CHARS:
            raise ConfigError("sample_prompt must be text of at most {limit} characters", limit=MAX_PROMPT_CHARS)
        _check_int("keep_checkpoints", self.keep_checkpoints, 1, 1000)
        _check_int("patience", self.patience, 0, 1_000_000)
        if self.patience and not self.eval_every:
            raise ConfigError("patience must be 0 when eval_every is 0: early stopping counts evaluations")
        _check_float("val_frac", self.val_frac, 0.0, 0.5, lo_open=True)
        _check_int("seed", self.seed, 0, 2**63 - 1)
        _check_choice("device", self.device, DEVICES)
        _check_int("threads", self.threads, 0, 1024)
        _check_choice("precision", self.precision, PRECISIONS)
        if not isinstance(self.compile, bool):
            raise ConfigError("{name} must be true or false, got {value!r}", name="compile", value=self.compile)


@dataclass(frozen=True)
class SampleConfig(_Config):
    """How to pick each next token when generating text."""

    max_new_tokens: int = 200
    temperature: float = 0.8
    top_k: int = 50
    top_p: float = 0.95
    repetition_penalty: float = 1.0
    seed: int | None = None
    stop: str = ""  # end the text where this appears (not included); empty: no stop sequence

    def __post_init__(self) -> None:
        _check_int("max_new_tokens", self.max_new_tokens, 1, 1_000_000)
        _check_float("temperature", self.temperature, 0.0, 100.0)
        _check_int("top_k", self.top_k, 0)
        _check_float("top_p", self.top_p, 0.0, 1.0, lo_open=True)
        _check_float("repetition_penalty", self.repetition_penalty, 0.0, 100.0, lo_open=True)
        if self.seed is not None:
            _check_int("seed", self.seed, 0, 2**63 - 1)
        if not isinstance(self.stop, str):
            raise ConfigError("stop must be text, got {value!r}", value=self.stop)


SELFPLAY_KINDS = ("cont", "fill", "prev")
SELFPLAY_MODES = ("selfplay", "supervised")


@dataclass(frozen=True)
class SelfPlayConfig(_Config):
    """The self-play phase (core/selfplay.py); defaults and their reasons are in docs/selfplay.md."""

    kinds: str = "cont,fill,prev"  # task types, comma-separated
    tasks_per_kind: int = 4  # B: tasks solved per type and step
    proposals_per_kind: int = 4  # P: anchors the model proposes per type and step (0: curriculum only)
    samples: int = 4  # G: solver attempts per task
    lr: float = 1e-4
    warmup: int = 20
    temperature: float = 1.0
    kl_coef: float = 0.05
    entropy_coef: float = 0.001
    ntp_coef: float = 1.0
    clip: float = 0.2
    epochs: int = 1
    rep_penalty: float = 0.2
    oov_penalty: float = 0.2
    strict_proposer: bool = False  # AZR's -0.5 for valid tasks nobody or everybody solves (else 0)
    max_ppl_rise: float = 0.03  # stop and roll back if val perplexity rises more than this fraction
    max_kl: float = 0.5  # ... or if the mean KL to the reference exceeds this many nats per token
    suite_tasks: int = 8  # fixed validation tasks per type, scored at every evaluation
    # "supervised": no proposing or sampling; train on the book's answers to random tasks (teacher forcing) with
    # the same losses. The honest baseline self-play must beat (benchmarks/selfplay_eval.py).
    mode: str = "selfplay"

    def __post_init__(self) -> None:
        kinds = self.kind_list()
        if not kinds or any(k not in SELFPLAY_KINDS for k in kinds) or len(set(kinds)) != len(kinds):
            raise ConfigError(
                "kinds must be a comma-separated list of {choices}, got {value!r}",
                choices=", ".join(SELFPLAY_KINDS),
                value=self.kinds,
            )
        _check_int("tasks_per_kind", self.tasks_per_kind, 1, 1024)
        _check_int("proposals_per_kind", self.proposals_per_kind, 0, 1024)
        _check_int("samples", self.samples, 2, 256)
        _check_float("lr", self.lr, 0.0, 1.0, lo_open=True)
        _check_int("warmup", self.warmup, 0)
        _check_float("temperature", self.temperature, 0.0, 10.0, lo_open=True)
        for name in ("kl_coef", "entropy_coef", "ntp_coef", "rep_penalty", "oov_penalty"):
            _check_float(name, getattr(self, name), 0.0, 100.0)
        _check_float("clip", self.clip, 0.0, 10.0, lo_open=True)
        _check_int("epochs", self.epochs, 1, 16)
        if not isinstance(self.strict_proposer, bool):
            raise ConfigError(
                "{name} must be true or false, got {value!r}", name="strict_proposer", value=self.strict_proposer
            )
        _check_float("max_ppl_rise", self.max_ppl_rise, 0.0, 10.0, lo_open=True)
        _check_float("max_kl", self.max_kl, 0.0, 100.0, lo_open=True)
        _check_int("suite_tasks", self.suite_tasks, 0, 10000)
        _check_choice("mode", self.mode, SELFPLAY_MODES)

    def kind_list(self) -> list[str]:
        return [k.strip() for k in str(self.kinds).split(",") if k.strip()]
