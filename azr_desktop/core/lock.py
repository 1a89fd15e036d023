"""One writer per model folder: training, self-play, renaming and deleting hold the folder's writer lock.

The lock is ``filelock``'s FileLock on ``.writer.lock`` inside the folder: ``flock`` on Linux and macOS,
``LockFileEx`` on Windows. The operating system drops it when the holding process ends in any way, kill -9 included,
so a lock left by a dead program is simply free again; nobody deletes files by hand. (On Linux and macOS the empty
lock file stays in the folder; Windows removes it on release.)

Beside it, ``.writer.json`` says who holds the lock (process id, host, since when, what for), so that a second
writer can say whom it waits for. The OS lock decides; the file only explains. It is written after the lock is
taken and removed before it is released, and always replaced whole (``fsutil``), so a reader sees the previous
holder or the new one, never half of one. One left behind by a killed process is overwritten by the next holder,
and read only while someone holds the lock.

Readers (generate, eval, info, export, the library, the app following another program's run) never take the lock
and never wait for it; ``in_use`` only looks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from azr_desktop.core.errors import ModelDirError, ModelInUse
from azr_desktop.core.fsutil import atomic_write_json

LOCK_FILE = ".writer.lock"
INFO_FILE = ".writer.json"
# How long a writer tries before it gives up: long enough to outlast another program's in_use() look (which holds a
# free lock for a moment), short enough to count as "at once". The GUI thread waits less (see ModelSession).
WAIT_S = 0.5


@dataclass(frozen=True)
class Holder:
    """Who writes a model folder: what ``.writer.json`` holds."""

    pid: int
    host: str
    since: str  # ISO 8601 with the holder's UTC offset
    purpose: str  # "training" | "self-play" | "renaming" | "deleting"

    @classmethod
    def me(cls, purpose: str) -> Holder:
        return cls(os.getpid(), socket.gethostname(), dt.datetime.now().astimezone().isoformat("T", "seconds"), purpose)

    @property
    def is_this_process(self) -> bool:
        return self.pid == os.getpid() and self.host == socket.gethostname()

    def since_text(self) -> str:
        """The start in this computer's local time: "09:12" today, "2026-12-01 09:12" before."""
        try:
            when = dt.datetime.fromisoformat(self.since).astimezone()
        except (TypeError, ValueError):
            return str(self.since)
        return when.strftime("%H:%M" if when.date() == dt.date.today() else "%Y-%m-%d %H:%M")


class WriterLock:
    """``with WriterLock(folder, purpose):`` writes the folder as its only writer, or raises ``ModelInUse`` at once.

    Not reentrant: a second ``WriterLock`` on the same folder fails even in the same process (the GUI's own training
    refuses the GUI's own rename). A caller that holds the lock for a whole job (rank 0 of a multi-process run) tells
    the code inside not to take it again (``Trainer(take_lock=False)``).
    """

    def __init__(self, folder: str | Path, purpose: str, wait: float = WAIT_S):
        self.folder = Path(folder)
        self.purpose = purpose
        self._lock = FileLock(self.folder / LOCK_FILE, timeout=wait, thread_local=False)
        self.held = False

    def __enter__(self) -> WriterLock:
        if not self.folder.is_dir():  # FileLock would create the missing folders
            raise ModelDirError("{path} does not exist; check the path", path=self.folder)
        try:
            self._lock.acquire()
        except Timeout:
            raise _in_use_error(self.folder) from None
        self.held = True
        with contextlib.suppress(OSError):  # only an explanation: a full disk must not stop a writer here
            atomic_write_json(self.folder / INFO_FILE, asdict(Holder.me(self.purpose)))
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def release(self) -> None:
        """Let the next writer in (also before the ``with`` block ends: Windows cannot move or delete a folder while
        a file in it is open)."""
        if not self.held:
            return
        with contextlib.suppress(OSError):
            (self.folder / INFO_FILE).unlink(missing_ok=True)
        self._lock.release()
        self.held = False


def in_use(folder: str | Path) -> ModelInUse | None:
    """The error a writer of ``folder`` would get now, or None if nobody writes it. Never waits and never creates
    files: it tries the lock once (holding a free one for a moment, which ``WAIT_S`` covers)."""
    folder = Path(folder)
    if not (folder / LOCK_FILE).exists():
        return None
    lock = FileLock(folder / LOCK_FILE, thread_local=False)
    try:
        lock.acquire(blocking=False)
    except Timeout:
        return _in_use_error(folder)
    except OSError:  # e.g. a read-only folder: nobody can write it then
        return None
    lock.release()
    return None


def read_holder(folder: str | Path) -> Holder | None:
    """What ``.writer.json`` says, or None if it is missing or unreadable."""
    try:
        return Holder(**json.loads((Path(folder) / INFO_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _in_use_error(folder: Path) -> ModelInUse:
    h = read_holder(folder)
    if h is None:
        error = ModelInUse("{model} is in use by another program; wait for it to finish or stop it", model=folder.name)
    else:
        error = ModelInUse(
            "{model} is being trained by process {pid} on {host} since {since}; wait for it to finish or stop it"
            if h.purpose == "training"
            else "{model} is in self-play in process {pid} on {host} since {since}; wait for it to finish or stop it"
            if h.purpose == "self-play"
            else "{model} is being renamed by process {pid} on {host}; try again in a moment"
            if h.purpose == "renaming"
            else "{model} is being deleted by process {pid} on {host}"
            if h.purpose == "deleting"
            else "{model} is in use by process {pid} on {host} since {since}; wait for it to finish or stop it",
            model=folder.name,
            pid=h.pid,
            host=h.host,
            since=h.since_text(),
        )
    error.holder = h
    return error
