"""A model's recorded training history (metrics.jsonl) as arrays for the plots, and its learning-rate plan.

The GUI reads it in a worker thread when a model is opened, so reopening a model shows everything it went through.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from azr_desktop.core.checkpoint import list_checkpoints
from azr_desktop.core.config import TrainConfig
from azr_desktop.core.modeldir import MetricsPosition, ModelDir
from azr_desktop.core.schedule import LRSchedule, plan_for
from azr_desktop.core.train_state import TrainState


@dataclass
class History:
    step_iter: np.ndarray
    loss: np.ndarray
    lr: np.ndarray
    tokens_per_s: np.ndarray
    eval_iter: np.ndarray
    val_loss: np.ndarray
    samples: list[tuple[int, str]] = field(default_factory=list)
    selfplay: list[dict] = field(default_factory=list)  # SelfPlayStep records
    selfplay_evals: list[dict] = field(default_factory=list)  # SelfPlayEval records
    selfplay_examples: list[dict] = field(default_factory=list)  # SelfPlayExample records
    last_step: dict | None = None  # the newest Step record: iteration, target, elapsed time
    trained_iter: int = 0  # the newest checkpoint's iteration: where training resumes (0: never trained)
    position: MetricsPosition | None = None  # where metrics.jsonl was read up to: following a run goes on from here
    step_elapsed: np.ndarray = field(default_factory=lambda: np.zeros(0))  # training seconds at each Step
    eval_bpb: np.ndarray = field(default_factory=lambda: np.zeros(0))  # val bits per byte at each Eval


def load_history(md: ModelDir) -> History:
    steps, evals, samples = [], [], []
    selfplay: dict[str, list[dict]] = {"SelfPlayStep": [], "SelfPlayEval": [], "SelfPlayExample": []}
    read = md.read_metrics_since(None)
    for r in read.records:
        kind = r.get("event")
        if kind == "Step":
            steps.append(r)
        elif kind == "Eval":
            evals.append(r)
        elif kind == "Sample":
            samples.append((r["iter"], r.get("prompt", "") + r["text"]))  # older records have no prompt
        elif kind in selfplay:
            selfplay[kind].append(r)
    ckpts = list_checkpoints(md.checkpoints_dir)

    def col(records: list[dict], key: str) -> np.ndarray:
        return np.fromiter((r[key] for r in records), float, len(records))

    return History(
        col(steps, "iter"),
        col(steps, "loss"),
        col(steps, "lr"),
        col(steps, "tokens_per_s"),
        col(evals, "iter"),
        col(evals, "val_loss"),
        samples,
        selfplay["SelfPlayStep"],
        selfplay["SelfPlayEval"],
        selfplay["SelfPlayExample"],
        steps[-1] if steps else None,
        ckpts[-1].iter if ckpts else 0,
        read.position,
        col(steps, "elapsed_s"),
        col(evals, "bits_per_byte"),
    )


def planned_schedule(md: ModelDir, cfg: TrainConfig, resumed: bool) -> LRSchedule:
    """The schedule the trainer will follow for ``cfg`` (the core's ``plan_for``), read from the newest checkpoint
    without loading the weights (mmap), so this is quick for any model size."""
    ckpts = list_checkpoints(md.checkpoints_dir)
    if not resumed or not ckpts:
        return plan_for(cfg)
    try:
        state = TrainState.peek(ckpts[-1].path)
        return plan_for(cfg, state.schedule, state.iter)
    except Exception:  # a damaged newest checkpoint: the trainer falls back and warns; draw the fresh plan
        return plan_for(cfg)
