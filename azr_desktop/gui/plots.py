"""Live training plots with pyqtgraph: one PlotDataItem per series, fed by setData on growing numpy buffers.

Points are appended as events arrive (cheap) and the plots are redrawn by a timer, one visible plot per tick:
repainting a plot costs over ten milliseconds, so repainting all of them at once, or per event, would stall the
window. Self-play gets a tab of its own, which appears once a model has self-play records.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLocale, QSize, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from azr_desktop.core.history import History
from azr_desktop.gui import fmt, theme

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


class Smoothed(Series):
    """The debiased moving average of a series: extended point by point, recomputed when the weight changes."""

    def __init__(self):
        super().__init__()
        self._acc = 0.0

    def add(self, x: float, y: float, weight: float) -> None:
        self._acc = self._acc * weight + (1 - weight) * y
        self.append(x, self._acc / (1 - weight ** (self.n + 1)))

    def follow(self, raw: Series, weight: float) -> None:
        """Recompute from ``raw`` (a new weight, or points dropped)."""
        x, y = raw.data()
        self.clear()
        if len(y):
            self.extend(x, ema(y, weight))
            self._acc = self.y[self.n - 1] * (1 - weight**self.n)

    def clear(self) -> None:
        super().clear()
        self._acc = 0.0


def ema(values: np.ndarray, weight: float) -> np.ndarray:
    """Debiased exponential moving average (TensorBoard's smoothing)."""
    out = np.empty_like(values)
    acc = 0.0
    for i, v in enumerate(values):
        acc = acc * weight + (1 - weight) * v
        out[i] = acc / (1 - weight ** (i + 1))
    return out


class _LocaleAxis(pg.AxisItem):
    """Plain tick numbers (no "(x0.001)" scale in the label, which stays untranslated) written with the app
    language's decimal separator, like the other numbers on the page."""

    def __init__(self, orientation: str):
        super().__init__(orientation)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values, scale, spacing) -> list[str]:
        return self._localised(super().tickStrings(values, scale, spacing))

    def logTickStrings(self, values, scale, spacing) -> list[str]:
        return self._localised(super().logTickStrings(values, scale, spacing))

    @staticmethod
    def _localised(texts: list[str]) -> list[str]:
        point = QLocale().decimalPoint()
        return [text.replace(".", point) for text in texts]


class _Plot(pg.PlotWidget):
    """A plot with a title and labelled axes; its legend is a ``legend_label`` under it, never over the curves."""

    def __init__(self, title: str, y_label: str):
        super().__init__(axisItems={side: _LocaleAxis(side) for side in ("left", "bottom", "right")})
        self.setTitle(title, size="10pt")
        self.setLabel("left", y_label)
        self.setLabel("bottom", QApplication.translate("plots", "iteration"))
        self.showGrid(x=True, y=True, alpha=0.25)
        self.setMinimumHeight(110)
        item = self.getPlotItem()
        item.hideAxis("right")
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        self.right: pg.ViewBox | None = None

    def sizeHint(self) -> QSize:
        """One size for every plot: pyqtgraph's hint is the plot's current size, which kept the grid's rows where
        they first fell (the speed plot at its minimum height) instead of sharing the height by their stretch."""
        return QSize(300, 200)

    def curve(
        self,
        name: str,
        color: str,
        width: float = 1.5,
        dashed: bool = False,
        symbol: str | None = None,
        right: bool = False,
    ) -> pg.PlotDataItem:
        """A named curve; ``right`` puts it on the right-hand axis (see ``add_right_axis``)."""
        pen = pg.mkPen(color, width=width, style=Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
        kwargs = dict(symbol=symbol, symbolSize=5, symbolBrush=color, symbolPen=None) if symbol else {}
        if not right:
            return self.plot([], [], pen=pen, name=name, **kwargs)
        curve = pg.PlotDataItem([], [], pen=pen, **kwargs)
        curve.setDownsampling(auto=True, method="peak")
        curve.setClipToView(True)
        self.right.addItem(curve)
        return curve

    def add_right_axis(self, label: str) -> None:
        """A second y axis on the right for a series on another scale, sharing the x axis."""
        item = self.getPlotItem()
        self.right = pg.ViewBox()
        item.showAxis("right")
        item.scene().addItem(self.right)
        axis = item.getAxis("right")
        axis.linkToView(self.right)
        axis.setLabel(label)
        self.right.setXLink(item)
        item.vb.sigResized.connect(self._fit_right)

    @Slot()
    def _fit_right(self) -> None:
        self.right.setGeometry(self.getPlotItem().vb.sceneBoundingRect())


def legend_label(entries: list[tuple[str, str, str]]) -> QLabel:
    """A legend for a plot with many curves, as wrapped text under it: it never covers the lines, and long
    translations wrap (between entries only) instead of being cut. ``entries``: (name, colour, mark), the mark drawn
    like the curve."""
    items = (
        f'<span style="color:{color}"><b>{mark}</b></span>&nbsp;'
        + html.escape(name).replace(" ", "&nbsp;").replace("-", "\u2011")
        for name, color, mark in entries
    )
    label = QLabel("&nbsp;&nbsp; ".join(items))
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setContentsMargins(8, 0, 8, 4)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label


class _Track:
    """One numeric field of the self-play records: its points, their moving average (dense series) and its curve."""

    def __init__(self, plot: str, curve: pg.PlotDataItem, smooth: bool):
        self.plot = plot
        self.curve = curve
        self.raw = Series()
        self.smoothed = Smoothed() if smooth else None

    def add(self, x: float, y: float, weight: float) -> None:
        self.raw.append(x, y)
        if self.smoothed is not None:
            self.smoothed.add(x, y, weight)

    def shown(self) -> tuple[np.ndarray, np.ndarray]:
        return (self.smoothed if self.smoothed is not None else self.raw).data()

    def clear(self) -> None:
        self.raw.clear()
        if self.smoothed is not None:
            self.smoothed.clear()


class TrainingPlots(QWidget):
    """Loss (train raw, smoothed, val), learning rate with its planned future, tokens/s; and, on a tab that appears
    with the first self-play record, the self-play rewards, rates, KL and entropy, and the validation task suite."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        colors = theme.series_colors(QApplication.instance())
        self.loss_plot = _Plot(self.tr("Loss"), self.tr("nats per token"))
        self.lr_plot = _Plot(self.tr("Learning rate"), self.tr("lr"))
        self.speed_plot = _Plot(self.tr("Speed"), self.tr("tokens/s"))

        faint = pg.mkColor(colors["train"])
        faint.setAlpha(90)
        self.train_curve = self.loss_plot.plot([], [], pen=pg.mkPen(faint, width=1))
        self.smooth_curve = self.loss_plot.curve(self.tr("train (smoothed)"), colors["smooth"], 2)
        self.val_curve = self.loss_plot.curve(self.tr("validation"), colors["val"], 2, symbol="o")
        self.lr_curve = self.lr_plot.curve(self.tr("used"), colors["lr"], 2)
        self.plan_curve = self.lr_plot.curve(self.tr("planned"), colors["plan"], 1.5, dashed=True)
        self.speed_curve = self.speed_plot.curve(self.tr("tokens/s"), colors["speed"], 1.5)
        self.legends = {  # the speed plot has one curve, named by its axis: no legend
            "loss": legend_label(
                [
                    (self.tr("train"), faint.name(), "━━"),
                    (self.tr("train (smoothed)"), colors["smooth"], "━━"),
                    (self.tr("validation"), colors["val"], "━●━"),
                ]
            ),
            "lr": legend_label([(self.tr("used"), colors["lr"], "━━"), (self.tr("planned"), colors["plan"], "╍╍")]),
        }

        self.train, self.val, self.lr, self.speed = Series(), Series(), Series(), Series()
        self.smoothed = Smoothed()
        self.plan: tuple[np.ndarray, np.ndarray] = (np.empty(0), np.empty(0))
        self._dirty: set[str] = set()  # plots with new data, drawn one per timer tick
        self._build_selfplay()
        self._plots = {
            "loss": self.loss_plot,
            "lr": self.lr_plot,
            "speed": self.speed_plot,
            **self.selfplay_plots,
        }

        self.log_y = QCheckBox(self.tr("Log scale"))
        self.log_y.setToolTip(self.tr("Draw the loss on a logarithmic scale."))
        self.log_y.toggled.connect(self._set_log)
        self.smoothing = QSlider(Qt.Orientation.Horizontal)
        self.smoothing.setRange(0, 99)
        self.smoothing.setValue(90)
        self.smoothing.setMaximumWidth(160)
        self.smoothing.setToolTip(self.tr("Moving average of the training loss and of the self-play curves."))
        self.smoothing.valueChanged.connect(self._resmooth)
        self.smoothing_label = QLabel()
        options = QHBoxLayout()
        options.addWidget(self.log_y)
        options.addSpacing(16)
        options.addWidget(QLabel(self.tr("Smoothing")))
        options.addWidget(self.smoothing)
        options.addWidget(self.smoothing_label)
        options.addStretch(1)

        training = QWidget()
        grid = QGridLayout(training)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, (name, plot) in enumerate((("loss", self.loss_plot), ("lr", self.lr_plot))):
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(plot, 1)
            cell.addWidget(self.legends[name])
            grid.addLayout(cell, 0, column)
        grid.addWidget(self.speed_plot, 1, 0, 1, 2)
        grid.setRowStretch(0, 2)
        grid.setRowStretch(1, 1)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabBarAutoHide(True)  # one tab (no self-play yet): no tab bar
        self.tabs.addTab(training, self.tr("Training"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(options)
        layout.addWidget(self.tabs, 1)

        self.timer = QTimer(self, interval=REDRAW_MS)
        self.timer.timeout.connect(self.redraw)
        self.timer.start()
        self._resmooth()

    def _build_selfplay(self) -> None:
        """Four plots of the self-play records, each field a _Track; the page is shown by ``show_selfplay``."""
        c = theme.category_colors(QApplication.instance())
        plots = {
            "sp_rewards": _Plot(self.tr("Self-play rewards"), self.tr("reward")),
            "sp_rates": _Plot(self.tr("Self-play rates"), self.tr("share")),
            "sp_kl": _Plot(self.tr("Drift and diversity"), self.tr("KL, nats per token")),
            "sp_suite": _Plot(self.tr("Validation tasks"), self.tr("score")),
        }
        plots["sp_kl"].add_right_axis(self.tr("entropy, nats"))
        plots["sp_rates"].setYRange(0, 1, padding=0.02)
        plots["sp_rates"].getPlotItem().enableAutoRange(y=False)
        # (field, plot, legend label, colour, width, dashed, right axis); evaluation fields are drawn as points
        fields = (
            ("reward_solve", "sp_rewards", self.tr("solver"), c[0], 2.0, False, False),
            ("reward_cont", "sp_rewards", self.tr("solver: continue"), c[1], 1.2, True, False),
            ("reward_fill", "sp_rewards", self.tr("solver: fill in"), c[2], 1.2, True, False),
            ("reward_prev", "sp_rewards", self.tr("solver: previous"), c[3], 1.2, True, False),
            ("reward_task", "sp_rewards", self.tr("task score"), c[6], 1.5, False, False),
            ("reward_propose", "sp_rewards", self.tr("proposer"), c[5], 1.5, False, False),
            ("penalty_rep", "sp_rewards", self.tr("repetition penalty"), c[4], 1.5, True, False),
            ("penalty_oov", "sp_rewards", self.tr("unknown-word penalty"), c[6], 1.5, True, False),
            ("solve_rate", "sp_rates", self.tr("solved"), c[0], 2.0, False, False),
            ("solve_cont", "sp_rates", self.tr("solved: continue"), c[1], 1.2, True, False),
            ("solve_fill", "sp_rates", self.tr("solved: fill in"), c[2], 1.2, True, False),
            ("solve_prev", "sp_rates", self.tr("solved: previous"), c[3], 1.2, True, False),
            ("validity", "sp_rates", self.tr("valid proposals"), c[4], 1.5, False, False),
            ("curriculum_share", "sp_rates", self.tr("built-in tasks"), c[5], 1.5, False, False),
            ("zero_variance", "sp_rates", self.tr("tasks that teach nothing"), c[6], 1.5, False, False),
            ("kl", "sp_kl", self.tr("KL to the starting model"), c[0], 2.0, False, False),
            ("entropy", "sp_kl", self.tr("entropy (right axis)"), c[1], 1.5, False, True),
            ("suite_cont", "sp_suite", self.tr("continue (chrF)"), c[0], 1.5, False, False),
            ("suite_fill", "sp_suite", self.tr("fill in (exact)"), c[2], 1.5, False, False),
            ("suite_prev", "sp_suite", self.tr("previous (chrF)"), c[3], 1.5, False, False),
            ("ppl_rise", "sp_suite", self.tr("perplexity rise"), c[5], 1.5, True, False),
        )
        self.selfplay_plots = plots
        self.tracks: dict[str, _Track] = {}
        legends: dict[str, list[tuple[str, str, str]]] = {name: [] for name in plots}
        for key, plot, label, color, width, dashed, right in fields:
            sparse = plot == "sp_suite"
            curve = plots[plot].curve(label, color, width, dashed, symbol="o" if sparse else None, right=right)
            self.tracks[key] = _Track(plot, curve, smooth=not sparse)
            line = "╍" if dashed else "━"
            legends[plot].append((label, color, f"{line}●{line}" if sparse else 2 * line))
        self.selfplay_page = QWidget()
        grid = QGridLayout(self.selfplay_page)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (name, plot) in enumerate(plots.items()):
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(plot, 1)
            cell.addWidget(legend_label(legends[name]))
            grid.addLayout(cell, i // 2, i % 2)

    # ---- feeding ----------------------------------------------------------------------------------------------
    def clear(self) -> None:
        for s in (self.train, self.val, self.lr, self.speed, self.smoothed):
            s.clear()
        for track in self.tracks.values():
            track.clear()
        self.tabs.removeTab(self.tabs.indexOf(self.selfplay_page))
        self.plan = (np.empty(0), np.empty(0))
        self._dirty.update(self._plots)

    def load(self, history: History) -> None:
        """Show a model's whole recorded history (replaces what is shown)."""
        self.clear()
        self.train.extend(history.step_iter, history.loss)
        self.lr.extend(history.step_iter, history.lr)
        self.speed.extend(history.step_iter, history.tokens_per_s)
        self.val.extend(history.eval_iter, history.val_loss)
        for record in history.selfplay + history.selfplay_evals:
            self.add_selfplay(record)
        self._resmooth()

    def truncate(self, last_iter: int) -> None:
        """Forget points after ``last_iter`` (the trainer restored an older checkpoint and discarded them)."""
        for s in (self.train, self.val, self.lr, self.speed):
            s.truncate(last_iter)
        for track in self.tracks.values():
            track.raw.truncate(last_iter)
        self._resmooth()

    def add_step(self, iter: int, loss: float, lr: float, tokens_per_s: float) -> None:
        self.train.append(iter, loss)
        self.lr.append(iter, lr)
        self.speed.append(iter, tokens_per_s)
        self.smoothed.add(iter, loss, self._weight())
        self._dirty.update(("loss", "lr", "speed"))

    def add_eval(self, iter: int, val_loss: float) -> None:
        self.val.append(iter, val_loss)
        self._dirty.add("loss")

    def add_selfplay(self, record: dict) -> None:
        """A SelfPlayStep or SelfPlayEval record: each plotted field gets a point (None: that part did not run)."""
        self.show_selfplay(select=False)
        for key, value in record.items():
            track = self.tracks.get(key)
            if track is not None and value is not None:
                track.add(record["iter"], value, self._weight())
                self._dirty.add(track.plot)

    def show_selfplay(self, select: bool = True) -> None:
        """Add the self-play tab (once); ``select`` brings it to the front."""
        if self.tabs.indexOf(self.selfplay_page) < 0:
            self.tabs.addTab(self.selfplay_page, self.tr("Self-play"))
        if select:
            self.tabs.setCurrentWidget(self.selfplay_page)

    def set_plan(self, knots: list[tuple[int, float]]) -> None:
        """The planned learning rate, drawn dashed: the knots of the trainer's schedule."""
        self.plan = (np.array([k[0] for k in knots], float), np.array([k[1] for k in knots], float))
        self._dirty.add("lr")

    # ---- drawing ----------------------------------------------------------------------------------------------
    def _weight(self) -> float:
        return self.smoothing.value() / 100

    @Slot()
    def _resmooth(self) -> None:
        w = self._weight()
        self.smoothing_label.setText(fmt.decimal(w, 2))
        self.smoothed.follow(self.train, w)
        self._dirty.add("loss")
        for track in self.tracks.values():
            if track.smoothed is not None:
                track.smoothed.follow(track.raw, w)
            self._dirty.add(track.plot)

    @Slot(bool)
    def _set_log(self, on: bool) -> None:
        self.loss_plot.getPlotItem().setLogMode(y=on)
        self._dirty.add("loss")

    @Slot()
    def redraw(self) -> None:
        """Draw the next visible plot that has new data (hidden ones wait until they are shown)."""
        for name, plot in self._plots.items():
            if name in self._dirty and plot.isVisible():
                self._draw(name)
                return

    def flush(self) -> None:
        """Draw every plot now, shown or not."""
        for name in list(self._dirty):
            self._draw(name)

    def _draw(self, name: str) -> None:
        self._dirty.discard(name)
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
            for track in self.tracks.values():
                if track.plot == name:
                    track.curve.setData(*track.shown())
