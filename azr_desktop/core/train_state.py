"""What a training checkpoint holds: the whole state of a run, defined once.

The trainer saves and restores it, model import writes the first one for weights trained elsewhere, and readers (the
GUI's history, inference) take what they need from it. ``checkpoint.py`` stores the payload dict this makes, with
its checksum; this module says what the payload means.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import torch

from azr_desktop.core.checkpoint import DAMAGED_ADVICE
from azr_desktop.core.errors import CheckpointError, Text


@dataclass
class TrainState:
    model: dict[str, torch.Tensor]  # the model's state_dict
    optimizer: dict  # AdamW's state_dict (moments, step counts)
    sampler: dict  # the window sampler's generator state
    schedule: dict  # the learning-rate plan (``LRSchedule.to_dict``)
    rng: dict  # {"python": ..., "torch": ..., "cuda": [...] on a GPU}
    iter: int
    tokens_seen: int  # tokens of book text trained on
    elapsed_s: float  # training time, pauses excluded
    model_config: dict
    train_config: dict
    part_rows: int | None = None  # rows trained at once after running out of memory; None: whole batches
    selfplay: dict | None = None  # the self-play phase's state while it runs (``SelfPlay.state_dict``)
    best: dict | None = None  # {"iter", "val_loss", "evals_since"}: the best evaluation so far (``RunContext.best``)
    # {"world_size", "batch_size", "rows_per_process"}: how the run split its batches; any world size resumes it
    layout: dict | None = None
    cooled_from: int | None = None  # the best checkpoint that early stopping went back to, to decay from (once a plan)

    def to_payload(self) -> dict[str, Any]:
        """The dict a checkpoint stores (shallow: the tensors are not copied)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_payload(cls, payload: dict[str, Any], path: Path) -> TrainState:
        """The state in a verified checkpoint payload; ``CheckpointError`` if something it needs is not there."""
        optional = {"part_rows", "selfplay", "best", "layout", "cooled_from"}
        for f in fields(cls):
            if f.name not in payload and f.name not in optional:
                problem = Text("is damaged ({reason})", reason=f"no {f.name!r} in the training state")
                raise CheckpointError(
                    "checkpoint {path} {problem}; {advice}", path=path, problem=problem, advice=DAMAGED_ADVICE
                )
        return cls(**{f.name: payload[f.name] for f in fields(cls) if f.name in payload})

    @classmethod
    def peek(cls, path: Path) -> TrainState:
        """The state in a checkpoint file, for showing (a plan, counters), without verifying its checksum: mmap
        leaves the weights on disk, so this is quick for any model size. Training loads through ``checkpoint``."""
        return cls.from_payload(torch.load(path, map_location="cpu", weights_only=True, mmap=True)["payload"], path)
