"""Long work off the GUI thread: a core generator runs in a QThread and its items come back as GUI-thread signals.

A worker-thread signal connected to a lambda runs the lambda in the worker thread (docs/architecture.md), so every
worker signal goes to a bound slot of a ``Task``, which lives in the GUI thread and re-emits it there. Anything may
then be connected to a ``Task``'s signals, lambdas included. ``TrainingRun`` is the one long-lived task: the trainer
with its ``Control``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from azr_desktop.core import events as ev
from azr_desktop.core.books import BookInfo
from azr_desktop.core.config import SelfPlayConfig, TrainConfig
from azr_desktop.core.data import drain
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.trainer import Control, Trainer


class _Worker(QObject):
    """Runs ``fn(emit)`` in its thread. ``fn`` may call ``emit(item)`` itself (for core functions that report
    through a callback), or return an iterator, whose items are emitted one by one; then its result is emitted
    (a generator's return value)."""

    item = Signal(object)
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[Callable[[Any], None]], Any]):
        super().__init__()
        self.fn = fn

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(self.item.emit)
            if isinstance(result, Iterator):
                result = drain(result, self.item.emit)
            self.done.emit(result)
        except BaseException as e:  # reported on the GUI thread by the Task: nothing may die silently here
            self.failed.emit(e)
        finally:
            QThread.currentThread().quit()  # so that Task.wait() returns even while the GUI thread is blocked


class Task(QObject):
    """One piece of background work. Signals arrive on the GUI thread, in order; ``finished`` comes last."""

    item = Signal(object)
    done = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, fn: Callable[[Callable[[Any], None]], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._thread = QThread()
        self._worker = _Worker(fn)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.item.connect(self._on_item)
        self._worker.done.connect(self._on_done)
        self._worker.failed.connect(self._on_failed)
        self.running = False

    def start(self) -> Task:
        self.running = True
        self._thread.start()
        return self

    def wait(self, ms: int = -1) -> bool:
        """Block until the worker thread ends (queued signals are still delivered afterwards)."""
        return self._thread.wait() if ms < 0 else self._thread.wait(ms)

    @Slot(object)
    def _on_item(self, value: Any) -> None:
        self.item.emit(value)

    @Slot(object)
    def _on_done(self, value: Any) -> None:
        self._end()
        self.done.emit(value)
        self.finished.emit()

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._end()
        self.failed.emit(error)
        self.finished.emit()

    def _end(self) -> None:
        self.running = False
        self._thread.quit()
        self._thread.wait()


def run_task(
    parent: QObject,
    fn: Callable[[Callable[[Any], None]], Any],
    on_done: Callable[[Any], None] | None = None,
    on_failed: Callable[[BaseException], None] | None = None,
    on_item: Callable[[Any], None] | None = None,
) -> Task:
    """Start ``fn`` in a new thread and route its results to GUI-thread callbacks; the Task frees itself."""
    task = Task(fn, parent)
    for signal, slot in ((task.item, on_item), (task.done, on_done), (task.failed, on_failed)):
        if slot is not None:
            signal.connect(slot)
    task.finished.connect(task.deleteLater)
    return task.start()


class TrainingRun(QObject):
    """The trainer of one model in a worker thread, steered through its thread-safe Control.

    ``event`` carries every core event (on the GUI thread); ``failed`` an exception that ended the run; ``ended``
    comes last either way. ``state`` is "preparing" until Started, then "running" / "paused" / "stopping".
    ``selfplay``, if given, makes the run the self-play phase (it continues the model's iteration count).
    """

    event = Signal(object)
    failed = Signal(object)
    ended = Signal()
    stateChanged = Signal(str)

    def __init__(
        self,
        md: ModelDir,
        cfg: TrainConfig,
        books: list[BookInfo] | None,
        selfplay: SelfPlayConfig | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.md = md
        self.cfg = cfg
        self.selfplay = selfplay
        self.control = Control()
        self.state = "preparing"
        self._task = Task(self._work(books), self)
        self._task.item.connect(self._on_event)
        self._task.failed.connect(self.failed)
        self._task.finished.connect(self._on_finished)

    def _work(self, books: list[BookInfo] | None) -> Callable[[Callable[[Any], None]], Iterator[ev.Event]]:
        """What the worker thread runs: the events of the run."""
        return lambda emit: Trainer(self.md, self.cfg, books, self.selfplay).run(self.control)

    def start(self) -> None:
        self._task.start()

    @property
    def active(self) -> bool:
        return self._task.running

    def pause(self) -> None:
        self.control.pause()

    def resume(self) -> None:
        self.control.resume()

    def stop(self) -> None:
        self.control.stop()
        self._set_state("stopping")

    def set_target(self, iters: int) -> None:
        self.control.set_target(iters)

    def wait(self, ms: int = -1) -> bool:
        return self._task.wait(ms)

    @Slot(object)
    def _on_event(self, event: ev.Event) -> None:
        if isinstance(event, (ev.Started, ev.Resumed)) and self.state != "stopping":
            self._set_state("running")
        elif isinstance(event, ev.Paused) and self.state != "stopping":
            self._set_state("paused")
        self.event.emit(event)

    @Slot()
    def _on_finished(self) -> None:
        self._set_state("idle")
        self.ended.emit()

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)
