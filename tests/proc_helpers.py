"""Other programs writing a model, for the tests of one writer per model (imported by name: pytest puts this folder
on sys.path): `azr-desktop train` in its own process (``programs``), or a process that only holds a folder's writer
lock (``holders``). Output goes to files, never to a pipe a chatty run could fill; every wait has a hard timeout;
the fixtures kill whatever a test left running."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from azr_desktop.core.lock import in_use, read_holder
from azr_desktop.core.modeldir import ModelDir

WAIT_S = 120  # generous: a loaded machine is slow, and a wait that times out fails the test anyway
HOLD = """
import sys, time
from azr_desktop.core.lock import WriterLock
with WriterLock(sys.argv[1], sys.argv[2]):
    print("held", flush=True)
    time.sleep(600)
"""


class Program:
    """One `azr-desktop train MODEL ARGS...` process."""

    def __init__(self, model: Path, args: tuple, logs: Path):
        self.out_path, self.err_path = logs.with_suffix(".out"), logs.with_suffix(".err")
        with open(self.out_path, "w") as out, open(self.err_path, "w") as err:
            argv = [sys.executable, "-m", "azr_desktop", "train", str(model), *map(str, args)]
            self.proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        self.pid = self.proc.pid

    def finish(self, timeout: float = WAIT_S) -> tuple[int, str, str]:
        """Wait for the end: (exit code, stdout, stderr)."""
        code = self.proc.wait(timeout=timeout)
        return code, self.out_path.read_text(), self.err_path.read_text()

    def send_signal(self, signum: int) -> None:
        self.proc.send_signal(signum)

    def wait_for(self, condition, what: str) -> None:
        """Poll ``condition`` while this program runs; fail if it ends or the time runs out first."""
        deadline = time.monotonic() + WAIT_S
        while not condition():
            if self.proc.poll() is not None:
                pytest.fail(f"the training ended before {what}: {self.err_path.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"timed out waiting for {what}")
            time.sleep(0.05)

    def wait_until_writing(self, model: Path) -> str:
        """Wait until this program holds the model's writer lock; its start as a message shows it."""
        def holds() -> bool:
            return in_use(model) is not None and getattr(read_holder(model), "pid", 0) == self.pid

        self.wait_for(holds, "the lock")
        return read_holder(model).since_text()


def started(kind: type, logs: Path):
    """A fixture's body: ``start(model, *args)`` makes a ``kind`` (a class with ``proc``, run as ``kind(model, args,
    log path)``); at the end of the test whatever still runs is killed with every process it started (torchrun's
    workers of a ``--devices`` run included)."""
    runs: list = []

    def start(model: Path, *args):
        runs.append(kind(model, args, logs / f"{kind.__name__.lower()}-{len(runs)}"))
        return runs[-1]

    yield start
    for run in runs:
        if run.proc.poll() is None:
            kill_tree(run.proc.pid)
        run.proc.wait(timeout=60)


@pytest.fixture
def programs(tmp_path):
    """``programs(model, *args)`` starts a training program; all are killed at the end of the test."""
    yield from started(Program, tmp_path)


@pytest.fixture
def holders():
    """``holders(folder, purpose)`` starts a process that holds the folder's writer lock until it is killed."""
    started: list[subprocess.Popen] = []

    def start(folder: Path, purpose: str = "training") -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, "-c", HOLD, str(folder), purpose], stdout=subprocess.PIPE, text=True)
        started.append(proc)
        assert proc.stdout.readline() == "held\n"
        return proc

    yield start
    for proc in started:
        proc.kill()
        proc.wait(timeout=60)


def steps_of(model: Path) -> list[int]:
    """The iterations of the Step records in the model's history, in file order."""
    return [r["iter"] for r in ModelDir(model).read_metrics() if r.get("event") == "Step"]


def kill_tree(pid: int) -> None:
    """Kill a process and every process below it (torchrun's workers run in sessions of their own, out of reach of
    a process group), found through Linux's /proc before any of them is killed."""
    tree, looked = [pid], 0
    while looked < len(tree):
        for f in Path(f"/proc/{tree[looked]}/task").glob("*/children"):
            with contextlib.suppress(OSError):  # that thread or process has just ended
                tree += [int(c) for c in f.read_text().split()]
        looked += 1
    for p in tree:
        with contextlib.suppress(ProcessLookupError):
            os.kill(p, signal.SIGKILL)
