"""Training on several GPUs from the window: ``azr-desktop train MODEL --json --devices N`` as a child process.

torch's launcher installs signal handlers, which only a process's main thread may do, so the run cannot start in a
worker thread of the app the way one process does (``TrainingRun``). The worker thread starts the command instead and
turns rank 0's event lines back into the core's events (core/events.py ``from_json``); Pause, Resume, Stop and a new
target are the command's stdin lines. The panes see the same run either way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import azr_desktop
from azr_desktop.core import events as ev
from azr_desktop.core.books import BookInfo
from azr_desktop.core.config import TrainConfig
from azr_desktop.core.errors import AZRError
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.gui.i18n import fill
from azr_desktop.gui.workers import TrainingRun

LOCK_WAIT_S = 1.0  # for writing the settings the child trains with


class Commands:
    """The child's Control: the same calls, written to its stdin (kept until it has started). Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stdin: IO[str] | None = None
        self._pending: list[str] = []

    def pause(self) -> None:
        self._send("pause")

    def resume(self) -> None:
        self._send("resume")

    def stop(self) -> None:
        self._send("stop")

    def set_target(self, iters: int) -> None:
        self._send(f"target {iters}")

    def attach(self, stdin: IO[str]) -> None:
        with self._lock:
            self._stdin = stdin
            for line in self._pending:
                self._write(line)
            self._pending.clear()

    def _send(self, line: str) -> None:
        with self._lock:
            if self._stdin is None:
                self._pending.append(line)
            else:
                self._write(line)

    def _write(self, line: str) -> None:
        try:  # a few bytes into a pipe the child keeps reading: never blocks the GUI thread
            self._stdin.write(line + "\n")
            self._stdin.flush()
        except (OSError, ValueError):  # the child has ended; how it ended is reported from its exit
            pass


class ProcessRun(TrainingRun):
    """A ``TrainingRun`` of ``devices`` processes: the same signals, state and steering."""

    def __init__(
        self, md: ModelDir, cfg: TrainConfig, books: list[BookInfo] | None, devices: int, parent=None
    ):
        self.devices = devices
        self.pid: int | None = None  # the command's, once started
        super().__init__(md, cfg, books, None, parent)
        self.control = Commands()

    def _work(self, books: list[BookInfo] | None) -> Callable[[Callable[[Any], None]], Iterator[ev.Event]]:
        return lambda emit: self._watch(books)

    def _watch(self, books: list[BookInfo] | None) -> Iterator[ev.Event]:
        with self.md.writer("training", wait=LOCK_WAIT_S):  # the form's settings, all of them, for the child
            self.cfg.save(self.md.train_json)
        argv = [*command(), "train", str(self.md.path), "--json", "--devices", str(self.devices)]
        for book in books or ():
            argv += ["--book", str(book.path)]
        with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
            proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, env=_env(),
                                    text=True, encoding="utf-8")
            self.pid = proc.pid
            self.control.attach(proc.stdin)
            failure = None  # the command's own error, which the user reads in the app's language
            with proc:
                for line in proc.stdout:
                    event = ev.from_json(line)
                    if isinstance(event, ev.Failed):
                        failure = AZRError(event.message.template, **event.message.fields)
                    elif event is not None:
                        yield event
            if proc.returncode:
                err.seek(0)
                raise failure or self._failure(err.read(), proc.returncode)

    def _failure(self, stderr: str, code: int) -> AZRError:
        """The command's own one-line error, or what its exit says."""
        lines = [line for line in stderr.splitlines() if line.strip()]
        if lines and lines[-1].startswith("error: "):
            return AZRError(lines[-1].removeprefix("error: "))
        return AZRError(
            fill(self.tr("The training processes ended with exit code %1; the last checkpoint is kept."), code)
        )


def command() -> list[str]:
    """How to run ``azr-desktop``: the bundle's own executable, or this Python with the package."""
    return [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "azr_desktop"]


def _env() -> dict[str, str]:
    """The child imports this very package, wherever it was started from."""
    here = str(Path(azr_desktop.__file__).parents[1])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (here, os.environ.get("PYTHONPATH"))))}
