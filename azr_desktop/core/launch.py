"""Start a data-parallel run on this machine: N worker processes through torchrun's own launcher (the elastic agent of
``torch.distributed.run``), each running the same command as one rank (core/distributed.py).

The agent picks a free port and, when one worker dies, ends the others; the failure becomes one line naming the rank.
Ctrl+C and SIGTERM are passed on to every worker as they come, so the command behaves as with one process: the first
stops every rank at the same step and rank 0 saves, a second quits without saving, and the exit code is the workers'.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import uuid
from pathlib import Path

import torch

from azr_desktop.core.distributed import LOST_PEER_EXIT, check_layout
from azr_desktop.core.errors import ConfigError, ResourceError

# How long the agent waits for the workers to save and leave after Ctrl+C or SIGTERM before it kills them.
SHUTDOWN_S = 120


def check_devices(devices: int, device: str, batch_size: int) -> None:
    """Refuse a run that cannot start, before anything is written."""
    if devices < 1:
        raise ConfigError("--devices must be at least 1, got {devices}", devices=devices)
    if devices == 1:
        return
    if sys.platform in ("win32", "darwin"):
        raise ConfigError("training on several devices needs Linux (PyTorch's distributed support elsewhere is not"
                          " dependable); train with one device")
    if device == "cuda" or (device == "auto" and torch.cuda.is_available()):
        found = torch.cuda.device_count()
        if devices > found:
            raise ConfigError(
                "--devices {devices} asks for more GPUs than the {found} this computer has; use at most {found}",
                devices=devices,
                found=found,
            )
    check_layout(batch_size, devices)


def launch(argv: list[str], devices: int, device: str) -> int:
    """Run ``python -m azr_desktop *argv`` as ``devices`` ranks; returns the exit code. A worker that failed with its
    own one-line error (exit code 2) has said why; any other failure raises a ``ResourceError`` naming the rank."""
    from torch.distributed.elastic.multiprocessing.errors import ChildFailedError
    from torch.distributed.launcher.api import LaunchConfig, elastic_launch

    logging.getLogger("torch.distributed.elastic").setLevel(logging.CRITICAL)  # its lines would repeat ours
    if device == "cpu" or not torch.cuda.is_available():  # share the cores instead of each process taking them all
        os.environ.setdefault("OMP_NUM_THREADS", str(max(1, (os.cpu_count() or 1) // devices)))
    config = LaunchConfig(
        min_nodes=1,
        max_nodes=1,
        nproc_per_node=devices,
        run_id=str(uuid.uuid4()),
        rdzv_backend="c10d",
        rdzv_endpoint="localhost:0",  # a free port
        max_restarts=0,
        shutdown_timeout=SHUTDOWN_S,
        signals_to_handle="SIGHUP,SIGQUIT",  # Ctrl+C and SIGTERM are ours to pass on
    )
    forwarding = {s: signal.signal(s, _pass_on) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        elastic_launch(config, sys.executable)("-m", "azr_desktop", *argv)
    except ChildFailedError as e:
        # the agent ends the others (SIGTERM) when one fails, and they may fail to reach it first: name the cause
        ended = (LOST_PEER_EXIT, -signal.SIGTERM)
        causes = {r: f for r, f in e.failures.items() if f.exitcode not in ended} or e.failures
        rank, failure = min(causes.items())
        if failure.exitcode == 2:  # a mistake the worker has explained in its own one line
            return 2
        if failure.exitcode in (130, -signal.SIGINT):  # a second Ctrl+C: quit as asked
            return 130
        how = f"signal {failure.signal_name()}" if failure.exitcode < 0 else f"exit code {failure.exitcode}"
        raise ResourceError(
            "training process rank {rank} ended with {how}; the other processes were stopped and the last checkpoint"
            " is kept: run the same command to resume",
            rank=rank,
            how=how,
        ) from None
    finally:
        for s, handler in forwarding.items():
            signal.signal(s, handler)
    return 0


def _pass_on(signum: int, frame) -> None:
    """Send the signal to every worker (torchrun starts them in sessions of their own, out of the terminal's reach)."""
    for pid in _children():
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)


def _children() -> list[int]:
    return [int(pid) for f in Path("/proc/self/task").glob("*/children") for pid in f.read_text().split()]
