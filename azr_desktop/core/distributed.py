"""Data-parallel training across processes: which process this is, its process group, and what every process must
agree on between two optimiser steps.

torchrun (``torch.distributed.run``, started by ``azr-desktop train --devices N`` or by hand across machines) sets
``RANK``, ``WORLD_SIZE`` and ``LOCAL_RANK`` in each worker's environment: that is what marks a process as one rank of a
run. Every rank draws the same global batch from the same seeded sampler and trains on its own rows of it
(``Ranks.rows``), so 1, 2 or 4 processes train on the same windows in the same order and any of them can resume a
checkpoint written by the others. Only rank 0 writes files; decisions only it can make (stop, pause, a new target, an
early stop) reach the others through ``agree``, one small all-reduce per step, so every process leaves or waits at
the same step.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from datetime import timedelta

import torch
import torch.distributed as dist

from azr_desktop.core.errors import ConfigError

# How long a process waits for the others in a collective: generous for a slow checkpoint save on rank 0, finite so
# that a hung peer ends the run instead of blocking it for ever (a peer that dies is noticed at once). A pause may last
# longer: the processes meet in the step's agreement every few seconds while paused (trainer.PAUSE_POLL_S).
TIMEOUT = timedelta(minutes=10)
# The exit code of a process that left because another one failed (the launcher names the one that failed).
LOST_PEER_EXIT = 3


@dataclass(frozen=True)
class Ranks:
    """This process's place in the run; ``Ranks()`` is a single-process run (no process group, no collectives)."""

    rank: int = 0
    world: int = 1
    local_rank: int = 0

    @property
    def main(self) -> bool:
        """Rank 0: the one process that writes files, evaluates, samples and reports."""
        return self.rank == 0

    @property
    def parallel(self) -> bool:
        return self.world > 1

    @classmethod
    def from_env(cls) -> Ranks:
        """The ranks torchrun gave this process, or a single-process run when it was not started by torchrun."""
        if "RANK" not in os.environ or "WORLD_SIZE" not in os.environ:
            return cls()
        return cls(int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]), int(os.environ.get("LOCAL_RANK", "0")))

    def device(self, device: torch.device) -> torch.device:
        """Each process of a machine trains on its own GPU."""
        if self.parallel and device.type == "cuda":
            device = torch.device("cuda", self.local_rank)
            torch.cuda.set_device(device)
        return device

    def start(self, device: torch.device) -> None:
        """Join the run's process group (NCCL between GPUs, gloo between CPUs); a no-op for a single process."""
        if self.parallel and not dist.is_initialized():
            backend = "nccl" if device.type == "cuda" else "gloo"
            dist.init_process_group(backend, timeout=TIMEOUT, rank=self.rank, world_size=self.world)

    def rows(self, batch_size: int) -> slice:
        """This process's rows of a global batch (``check_layout`` made sure they divide evenly)."""
        per = batch_size // self.world
        return slice(self.rank * per, (self.rank + 1) * per)

    def mean(self, value: torch.Tensor) -> torch.Tensor:
        """The mean of ``value`` over all processes (each one's loss over its rows: the global batch's loss)."""
        if not self.parallel:
            return value
        total = value.detach().clone()
        dist.all_reduce(total)
        return total / self.world

    def agree(self, values: list[int]) -> list[int]:
        """Every process's ``values`` combined by maximum, the same on all: flags any rank may raise (stop) and
        values only rank 0 sets (the others pass 0)."""
        if not self.parallel:
            return values
        agreed = torch.tensor(values, dtype=torch.int64)
        if dist.get_backend() == "nccl":
            agreed = agreed.cuda()
        dist.all_reduce(agreed, op=dist.ReduceOp.MAX)
        return [int(v) for v in agreed.tolist()]

    def barrier(self) -> None:
        if self.parallel:
            dist.barrier()


def lost_peer(error: BaseException) -> bool:
    """True when a collective failed because another process of the run is gone (it crashed or was killed): the
    launcher reports that process, this one only has to leave."""
    return isinstance(error, dist.DistError) or any(
        text in str(error) for text in ("Connection closed by peer", "Connection reset by peer")
    )


def stop_process_group() -> None:
    """Leave the run's process group. The DistributedDataParallel wrapper of the finished run sits in a reference
    cycle, holding the group until a garbage collection: collected at the interpreter's exit instead, it aborted the
    process now and then ("terminate called without an active exception": 3 of 35 stopped runs)."""
    if dist.is_initialized():
        gc.collect()
        dist.destroy_process_group()


def check_layout(batch_size: int, world: int) -> None:
    """The global batch must split evenly, so that every process trains on as many rows as the others."""
    if batch_size % world:
        raise ConfigError(
            "a batch of {batch_size} windows does not divide across {world} processes; use a batch size that is a"
            " multiple of {world}",
            batch_size=batch_size,
            world=world,
        )
