"""The Model page's time estimate, measured off the GUI thread: the core's probe (core/probe.py) in a worker.

One probe runs at a time (two would slow each other down and both be wrong). A newer request cancels the running
probe, which stops after its current step, and runs once it has; requests wait a moment first, so typing a number
does not start a probe per digit. Results are kept per shape, so going back to a shape shows it at once, and in the
planner's cache on disk (core/plan.py: ProbeCache), so the next start and the next plan need not measure it again.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from azr_desktop.core.config import ModelConfig, TrainConfig
from azr_desktop.core.plan import ProbeCache, default_cache_path
from azr_desktop.gui.i18n import core_text
from azr_desktop.gui.messages import describe
from azr_desktop.gui.workers import run_task

DELAY_MS = 400

Shape = tuple[ModelConfig, TrainConfig]


def shape(model_cfg: ModelConfig, train_cfg: TrainConfig) -> Shape:
    """What an iteration's time depends on: the model, and the batch size, device, precision and threads."""
    only = TrainConfig(
        batch_size=train_cfg.batch_size,
        device=train_cfg.device,
        precision=train_cfg.precision,
        threads=train_cfg.threads,
    )
    return model_cfg, only


class SpeedProbe(QObject):
    measured = Signal(object, float)  # the shape, seconds per iteration
    failed = Signal(object, str)  # the shape, why it could not be measured

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.results: dict[Shape, float] = {}
        self._wanted: Shape | None = None
        self._running: tuple[Shape, threading.Event] | None = None  # the running probe's shape and cancel flag
        self._closed = False
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self._start)

    def request(self, wanted: Shape) -> float | None:
        """Seconds per iteration if this shape was measured; else None, and ``measured`` follows."""
        if wanted in self.results:
            return self.results[wanted]
        if self._closed:
            return None
        if self._running is not None and self._running[0] == wanted:
            self._wanted = None
            self._timer.stop()
        elif wanted != self._wanted:
            self.cancel()
            self._wanted = wanted
            self._timer.start()
        return None

    def cancel(self) -> None:
        """Forget the request; a running probe stops after its current step."""
        self._wanted = None
        self._timer.stop()
        if self._running is not None:
            self._running[1].set()

    def close(self) -> None:
        """Cancel and start no more probes: the window is closing, and a running thread must not outlive it."""
        self.cancel()
        self._closed = True

    @Slot()
    def _start(self) -> None:
        if self._running is not None or self._wanted is None:
            return  # the running probe starts the wanted one when it ends
        wanted, self._wanted = self._wanted, None
        stop = threading.Event()
        self._running = wanted, stop
        run_task(
            self,
            lambda emit: ProbeCache(default_cache_path()).seconds_per_iter(*wanted, stop.is_set),
            on_done=lambda secs: self._ended(wanted, secs, None),
            on_failed=lambda error: self._ended(wanted, None, error),
        )

    def _ended(self, done: Shape, secs: float | None, error: BaseException | None) -> None:
        self._running = None
        if secs is not None:
            self.results[done] = secs
            self.measured.emit(done, secs)
        elif error is not None:
            self.failed.emit(done, describe(error) or core_text(error))
        self._start()
