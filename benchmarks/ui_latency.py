"""How responsive the window stays while it trains: the real main window, a `small` model on the bundled book.

A 5 ms QTimer on the GUI thread records how late each of its ticks comes; a stall is the delay beyond the 5 ms.
Measured from the first training step for at least --seconds of training, with a pause, a resume and a generation
in between. The last line is ``max_stall_ms=<x> p99_stall_ms=<y>`` (target: max < 50, p99 < 20).

    QT_QPA_PLATFORM=offscreen python benchmarks/ui_latency.py
    python benchmarks/ui_latency.py --threads 2 --seconds 30
    python benchmarks/ui_latency.py --compare      # with the Compare view open on the model as it trains
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from PySide6.QtCore import QObject, QSettings, QTimer, Slot  # noqa: E402

from azr_desktop.core import events as ev  # noqa: E402
from azr_desktop.core.config import PRESETS, TrainConfig  # noqa: E402
from azr_desktop.core.device import default_threads  # noqa: E402
from azr_desktop.gui.app import launch  # noqa: E402
from azr_desktop.gui.main_window import SAMPLE_BOOK, MainWindow  # noqa: E402
from azr_desktop.gui.panes.compare_pane import CompareDialog  # noqa: E402
from azr_desktop.gui.settings import AppSettings  # noqa: E402

TICK_MS = 5


class Probe(QObject):
    """Drives the window through the scenario and records the GUI thread's timer delays while training."""

    def __init__(self, window: MainWindow, seconds: float, preset: str, compare: bool = False):
        super().__init__()
        self.window, self.seconds, self.preset, self.compare = window, seconds, preset, compare
        self.stalls: list[float] = []
        self.times: list[float] = []  # when each tick came, in seconds of measured training
        self.measuring_since: float | None = None
        self.last = time.perf_counter()
        self.steps = 0
        self.script: list[tuple[float, str]] = []
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    @Slot()
    def tick(self) -> None:
        now = time.perf_counter()
        if self.measuring_since is not None:
            self.stalls.append(max(0.0, (now - self.last) * 1000 - TICK_MS))
            self.times.append(now - self.measuring_since)
            self._advance(now - self.measuring_since)
        self.last = now

    def _advance(self, t: float) -> None:
        """The scenario, by seconds of measured training: pause at 5 s, resume at 7 s, generate from 9 s, stop."""
        w = self.window
        done = {name for _, name in self.script}
        if t > 5 and "pause" not in done:
            self._do("pause", w.training.pause)
        elif t > 7 and "resume" not in done:
            if w.training.run.state == "paused":  # on a busy machine a slow step pauses after 7 s: resume then
                self._do("resume", w.training.start_or_resume)
        elif t > 9 and "generate" not in done and w.generation.checkpoint.count() == 0:
            w.generation.refresh_checkpoints()
        elif t > 9 and "generate" not in done:
            w.show_page("generation")
            self._do("generate", w.generation.generate)
        elif t > self.seconds and "generate" in done and not w.generation.generating and "stop" not in done:
            self._do("stop", w.training.stop)

    def _do(self, name: str, action) -> None:
        self.script.append((time.perf_counter(), name))
        action()

    @Slot(object)
    def on_event(self, event: ev.Event) -> None:
        if isinstance(event, ev.Step):
            self.steps += 1
            if self.measuring_since is None:
                if self.compare:  # the view needs two models: the one training, twice (both re-read as it grows)
                    t0 = time.perf_counter()
                    path = self.window.session.md.path
                    self.comparison = CompareDialog(self.window.session, self.window)
                    self.comparison.show_models([path, path])
                    print(f"opening the Compare view took {1000 * (time.perf_counter() - t0):.0f} ms (not measured)")
                self.measuring_since = self.last = time.perf_counter()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=20.0, help="seconds of training to measure (at least)")
    p.add_argument("--threads", type=int, default=default_threads(), help="torch threads for training")
    p.add_argument("--preset", default="small", choices=sorted(PRESETS))
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--compare", action="store_true", help="with the Compare view open on the training model")
    args = p.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="azr-ui-latency-"))
    settings = AppSettings(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    settings.library_dir = tmp / "models"
    app, window = launch(settings, sys.argv[:1])
    torch.set_num_threads(args.threads)
    window.resize(1280, 820)

    probe = Probe(window, args.seconds, args.preset, args.compare)
    window.session.runStarted.connect(lambda run: run.event.connect(probe.on_event))
    window.session.runStarted.connect(lambda run: run.ended.connect(app.quit))
    window.session.new_draft("latency", PRESETS[args.preset])
    cfg = TrainConfig(
        iters=1_000_000,
        batch_size=args.batch_size,
        warmup=20,
        eval_every=20,
        eval_iters=4,
        save_every=10,
        sample_every=20,
        threads=args.threads,
    )
    window.training.show_config(cfg)
    window.show_page("training")
    window.data.add_paths([Path(str(SAMPLE_BOOK))])
    window.data.inspecting.connect(lambda busy: None if busy else window.training.start_or_resume())
    t0 = time.perf_counter()
    app.exec()

    stalls = np.array(probe.stalls)
    names = ", ".join(f"{name} at {t - probe.measuring_since:.1f}s" for t, name in probe.script)
    setup = f"preset {args.preset}, batch {args.batch_size}, {args.threads} torch threads, {os.cpu_count()} cores"
    print(setup + (", Compare view open" if args.compare else ""))
    span = len(stalls) * TICK_MS / 1000 + stalls.sum() / 1000
    print(f"{probe.steps} steps; {len(stalls)} ticks over {span:.1f} s; {names}")
    print(f"wall time {time.perf_counter() - t0:.1f} s")
    worst = np.argsort(stalls)[-3:][::-1]
    print("longest stalls: " + ", ".join(f"{stalls[i]:.0f} ms at {probe.times[i]:.1f}s" for i in worst))
    print(f"max_stall_ms={stalls.max():.1f} p99_stall_ms={np.percentile(stalls, 99):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
