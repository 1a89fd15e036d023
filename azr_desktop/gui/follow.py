"""Models another program writes (the command line, a second window): seen as "in use", their runs followed live.

The core's writer lock (core/lock.py) decides who writes a model folder; here the app only looks, once a second and
in a worker (a look is a lock try and a small read, but a network drive can stall any file access):

- ``WriterWatch`` says which of the library's models another program writes;
- ``RunFollower`` follows the open model: who writes it, and the lines that program appends to ``metrics.jsonl``
  from where the history was last read, turned back into the events the app's own runs give, so the Training page
  draws them as if it ran them. When that program rewrites the history (it resumed from a checkpoint) or finishes,
  the follower asks for a reload: settings, checkpoints and history as that program left them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from azr_desktop.core import events as ev
from azr_desktop.core.errors import ModelInUse
from azr_desktop.core.lock import in_use
from azr_desktop.core.modeldir import MetricsPosition, MetricsRead, ModelDir
from azr_desktop.gui.session import ModelSession
from azr_desktop.gui.workers import run_task

POLL_MS = 1000


def foreign_writer(path: Path) -> ModelInUse | None:
    """Why another program's writer makes ``path`` unusable now; None if nobody, or this process, writes it."""
    error = in_use(path)
    return None if error is None or (error.holder is not None and error.holder.is_this_process) else error


class WriterWatch(QObject):
    """Which of some model folders other programs write: ``writers`` maps each such folder to why."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.paths: list[Path] = []
        self.writers: dict[Path, ModelInUse] = {}
        self._looking = False
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    @Slot()
    def _look(self) -> None:
        if self._looking or not self.paths:
            return
        paths, self._looking = list(self.paths), True
        run_task(
            self,
            lambda emit: {p: e for p in paths if (e := foreign_writer(p)) is not None},
            on_done=self._seen,
            on_failed=self._failed,
        )

    @Slot(object)
    def _seen(self, writers: dict[Path, ModelInUse]) -> None:
        self._looking = False
        if {p: str(e) for p, e in writers.items()} != {p: str(e) for p, e in self.writers.items()}:
            self.writers = writers
            self.changed.emit()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._looking = False
        _look_again_unless_a_bug(self._timer, error)


class RunFollower(QObject):
    """The open model as another program writes it: ``writer`` (None when no other program does) and, through
    ``event``, what that program's run records."""

    writerChanged = Signal()
    event = Signal(object)  # a core event read back from metrics.jsonl
    reload = Signal()  # load the model's settings and history again (then call follow_from)

    def __init__(self, session: ModelSession, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.writer: ModelInUse | None = None
        self.position: MetricsPosition | None = None  # None: unknown (history not loaded, or this app wrote since)
        self._loading = False
        self._looking = False
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._look)
        self._timer.start()
        session.modelChanged.connect(self._model_changed)
        session.runStarted.connect(self._own_run)

    def follow_from(self, position: MetricsPosition | None) -> None:
        """The history was loaded up to ``position``: what is appended after it is new."""
        self.position, self._loading = position, False

    @Slot()
    def _model_changed(self) -> None:
        self.position, self._loading = None, True  # the Training page loads the history now
        self._set_writer(None)
        QTimer.singleShot(0, self._look)

    @Slot(object)
    def _own_run(self, _run: object) -> None:
        self.position, self._loading = None, False  # this app appends now: a later follow starts with a reload

    @Slot()
    def _look(self) -> None:
        md = self.session.md
        if md is None or self.session.training or self._looking:
            return
        since = None if self._loading else self.position
        self._looking = True
        run_task(
            self,
            lambda emit: (foreign_writer(md.path), md.read_metrics_since(since) if since is not None else None),
            on_done=lambda result: self._seen(md, since, *result),
            on_failed=self._failed,
        )

    def _seen(self, md: ModelDir, since: MetricsPosition | None, writer: ModelInUse | None, read: MetricsRead | None):
        self._looking = False
        if md is not self.session.md or self.session.training:
            return
        finished = self.writer is not None and writer is None
        self._set_writer(writer)
        if read is not None and since == self.position and not self._loading:
            if read.rewritten:
                self._reload()
                return
            self.position = read.position
            for record in read.records:
                if (event := ev.from_record(record)) is not None:
                    self.event.emit(event)
        if finished or (writer is not None and self.position is None and not self._loading):
            self._reload()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._looking = False
        _look_again_unless_a_bug(self._timer, error)

    def _reload(self) -> None:
        self.position, self._loading = None, True
        self.reload.emit()

    def _set_writer(self, writer: ModelInUse | None) -> None:
        if str(writer) != str(self.writer):
            self.writer = writer
            self.writerChanged.emit()


def _look_again_unless_a_bug(timer: QTimer, error: BaseException) -> None:
    """A file error (a folder renamed or deleted while looking, a network drive gone) passes: the next look tells.
    Anything else is a bug, shown once by the crash dialog rather than every second."""
    if not isinstance(error, OSError):
        timer.stop()
        raise error
