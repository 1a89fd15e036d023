"""Live training plots with pyqtgraph: one PlotDataItem per series, fed by setData on growing numpy buffers.

Points are appended as events arrive (cheap) and the plots are redrawn by a timer, one plot per tick: repainting a
plot costs over ten milliseconds, so repainting all of them at once, or per event, would stall the window.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from azr_desktop.gui import theme
from azr_desktop.gui.history import History

REDRAW_MS = 50  # one plot per tick: each plot refreshes about every 150-200 ms


class Series:
    """x/y values in numpy buffers that double when full, so appending is amortised O(1)."""

    def __init__(self, capacity: int = 1024):
        self.x = np.empty(capacity)
        self.y = np.empty(capacity)
        self.n = 0

    def append(self, x: float, y: float) -> None:
        if self.n == len(self.x):
            self.x = np.resize(self.x, 2 * self.n)
            self.y = np.resize(self.y, 2 * self.n)
        self.x[self.n], self.y[self.n] = x, y
        self.n += 1

    def extend(self, x: np.ndarray, y: np.ndarray) -> None:
        for xi, yi in zip(x, y):
            self.append(xi, yi)

    def truncate(self, last_x: float) -> None:
        """Drop points after ``last_x`` (training resumed from an earlier checkpoint)."""
        self.n = int(np.searchsorted(self.x[: self.n], last_x, side="right"))

    def clear(self) -> None:
        self.n = 0

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        return self.x[: self.n], self.y[: self.n]


def ema(values: np.ndarray, weight: float) -> np.ndarray:
    """Debiased exponential moving average (TensorBoard's smoothing)."""
    out = np.empty_like(values)
    acc = 0.0
    for i, v in enumerate(values):
        acc = acc * weight + (1 - weight) * v
        out[i] = acc / (1 - weight ** (i + 1))
    return out


class _Plot(pg.PlotWidget):
    def __init__(self, title: str, y_label: str):
        super().__init__()
        self.setTitle(title, size="10pt")
        self.setLabel("left", y_label)
        self.setLabel("bottom", QApplication.translate("plots", "iteration"))
        self.showGrid(x=True, y=True, alpha=0.25)
        self.setMinimumHeight(150)
        item = self.getPlotItem()
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        item.addLegend(offset=(-10, 10), labelTextSize="8pt")

    def curve(self, name: str, color: str, width: float = 1.5, dashed: bool = False, symbol: str | None = None):
        pen = pg.mkPen(color, width=width, style=Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
        kwargs = dict(symbol=symbol, symbolSize=5, symbolBrush=color, symbolPen=None) if symbol else {}
        return self.plot([], [], pen=pen, name=name, **kwargs)


class TrainingPlots(QWidget):
    """Loss (train raw, smoothed, val), learning rate with its planned future, tokens/s, and self-play curves."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        colors = theme.series_colors(QApplication.instance())
        self.loss_plot = _Plot(self.tr("Loss"), self.tr("nats per token"))
        self.lr_plot = _Plot(self.tr("Learning rate"), self.tr("lr"))
        self.speed_plot = _Plot(self.tr("Speed"), self.tr("tokens/s"))
        self.selfplay_plot = _Plot(self.tr("Self-play"), self.tr("reward"))
        self.selfplay_plot.hide()

        faint = pg.mkColor(colors["train"])
        faint.setAlpha(90)
        self.train_curve = self.loss_plot.plot([], [], pen=pg.mkPen(faint, width=1), name=self.tr("train"))
        self.smooth_curve = self.loss_plot.curve(self.tr("train (smoothed)"), colors["smooth"], 2)
        self.val_curve = self.loss_plot.curve(self.tr("validation"), colors["val"], 2, symbol="o")
        self.lr_curve = self.lr_plot.curve(self.tr("used"), colors["lr"], 2)
        self.plan_curve = self.lr_plot.curve(self.tr("planned"), colors["plan"], 1.5, dashed=True)
        self.speed_curve = self.speed_plot.curve(self.tr("tokens/s"), colors["speed"], 1.5)
        self.selfplay_colors = [colors["reward"], colors["val"], colors["train"], colors["lr"]]

        self.train, self.val, self.lr, self.speed = Series(), Series(), Series(), Series()
        self.smoothed = Series()
        self.selfplay: dict[str, tuple[Series, pg.PlotDataItem]] = {}
        self.plan: tuple[np.ndarray, np.ndarray] = (np.empty(0), np.empty(0))
        self._acc = 0.0  # running EMA state for appended points
        self._dirty: set[str] = set()  # plots with new data, drawn one per timer tick

        self.log_y = QCheckBox(self.tr("Log scale"))
        self.log_y.toggled.connect(self._set_log)
        self.smoothing = QSlider(Qt.Orientation.Horizontal)
        self.smoothing.setRange(0, 99)
        self.smoothing.setValue(90)
        self.smoothing.setMaximumWidth(160)
        self.smoothing.valueChanged.connect(self._resmooth)
        self.smoothing_label = QLabel()
        options = QHBoxLayout()
        options.addWidget(self.log_y)
        options.addSpacing(16)
        options.addWidget(QLabel(self.tr("Smoothing")))
        options.addWidget(self.smoothing)
        options.addWidget(self.smoothing_label)
        options.addStretch(1)

        top, bottom = QHBoxLayout(), QHBoxLayout()  # the self-play plot appears beside speed once it has data
        top.addWidget(self.loss_plot)
        top.addWidget(self.lr_plot)
        bottom.addWidget(self.speed_plot)
        bottom.addWidget(self.selfplay_plot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(options)
        layout.addLayout(top, 3)
        layout.addLayout(bottom, 2)

        self.timer = QTimer(self, interval=REDRAW_MS)
        self.timer.timeout.connect(self.redraw)
        self.timer.start()
        self._resmooth()

    # ---- feeding ----------------------------------------------------------------------------------------------
    def clear(self) -> None:
        for s in (self.train, self.val, self.lr, self.speed, self.smoothed):
            s.clear()
        for series, curve in self.selfplay.values():
            series.clear()
        self.plan = (np.empty(0), np.empty(0))
        self._acc = 0.0
        self._dirty.update(self._PLOTS)

    def load(self, history: History) -> None:
        """Show a model's whole recorded history (replaces what is shown)."""
        self.clear()
        self.train.extend(history.step_iter, history.loss)
        self.lr.extend(history.step_iter, history.lr)
        self.speed.extend(history.step_iter, history.tokens_per_s)
        self.val.extend(history.eval_iter, history.val_loss)
        for record in history.selfplay:
            self.add_selfplay(record)
        self._resmooth()

    def truncate(self, last_iter: int) -> None:
        """Forget points after ``last_iter`` (the trainer restored an older checkpoint and discarded them)."""
        for s in (self.train, self.val, self.lr, self.speed, self.smoothed):
            s.truncate(last_iter)
        for series, _ in self.selfplay.values():
            series.truncate(last_iter)
        self._resmooth()

    def add_step(self, iter: int, loss: float, lr: float, tokens_per_s: float) -> None:
        self.train.append(iter, loss)
        self.lr.append(iter, lr)
        self.speed.append(iter, tokens_per_s)
        w = self._weight()
        self._acc = self._acc * w + (1 - w) * loss
        self.smoothed.append(iter, self._acc / (1 - w**self.train.n))
        self._dirty.update(("loss", "lr", "speed"))

    def add_eval(self, iter: int, val_loss: float) -> None:
        self.val.append(iter, val_loss)
        self._dirty.add("loss")

    def add_selfplay(self, record: dict) -> None:
        """Every numeric field of a self-play record becomes a curve of its own."""
        self.selfplay_plot.show()
        for key, value in record.items():
            if key in ("iter", "event") or isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            if key not in self.selfplay:
                color = self.selfplay_colors[len(self.selfplay) % len(self.selfplay_colors)]
                self.selfplay[key] = (Series(), self.selfplay_plot.curve(key.replace("_", " "), color))
            self.selfplay[key][0].append(record["iter"], value)
        self._dirty.add("selfplay")

    def set_plan(self, knots: list[tuple[int, float]]) -> None:
        """The planned learning rate, drawn dashed: the knots of the trainer's schedule."""
        self.plan = (np.array([k[0] for k in knots], float), np.array([k[1] for k in knots], float))
        self._dirty.add("lr")

    # ---- drawing ----------------------------------------------------------------------------------------------
    def _weight(self) -> float:
        return self.smoothing.value() / 100

    @Slot()
    def _resmooth(self) -> None:
        x, y = self.train.data()
        self.smoothing_label.setText(f"{self._weight():.2f}")
        self.smoothed.clear()
        if len(y):
            self.smoothed.extend(x, ema(y, self._weight()))
            w = self._weight()
            self._acc = self.smoothed.y[self.smoothed.n - 1] * (1 - w**self.train.n)
        self._dirty.add("loss")

    @Slot(bool)
    def _set_log(self, on: bool) -> None:
        self.loss_plot.getPlotItem().setLogMode(y=on)
        self._dirty.add("loss")

    @Slot()
    def redraw(self) -> None:
        """Draw the next plot that has new data."""
        for name in self._PLOTS:
            if name in self._dirty:
                self._dirty.discard(name)
                self._draw(name)
                return

    def flush(self) -> None:
        """Draw every plot now."""
        while self._dirty:
            self.redraw()

    _PLOTS = ("loss", "lr", "speed", "selfplay")

    def _draw(self, name: str) -> None:
        if name == "loss":
            self.train_curve.setData(*self.train.data())
            self.smooth_curve.setData(*self.smoothed.data())
            self.val_curve.setData(*self.val.data())
        elif name == "lr":
            self.lr_curve.setData(*self.lr.data())
            self.plan_curve.setData(*self.plan)
        elif name == "speed":
            self.speed_curve.setData(*self.speed.data())
        else:
            for series, curve in self.selfplay.values():
                curve.setData(*series.data())
