"""The comparison's curves (core/compare.py) on one pyqtgraph plot, shared by the Compare view and by
``azr-desktop compare --plot`` (drawn offscreen and saved as a PNG).

Each model keeps one colour, its place in the comparison: validation bits per byte as a line with dots, the training
curve faint in the same colour. The legend is a label under the plot, so it never covers the curves.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from azr_desktop.core.compare import AXES, Compared
from azr_desktop.gui import fmt, theme
from azr_desktop.gui.i18n import fill
from azr_desktop.gui.plots import _Plot, legend_label

NAME_CHARS = 32  # longer model names are elided in the legend
MINUTE = 60.0
HOUR = 3600.0


def elided(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"


class ComparePlot(QWidget):
    """Validation and training curves of several models against iterations, text seen or training time."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = _Plot(self.tr("Bits per byte (lower is better)"), self.tr("bits per byte"))
        self.legend = legend_label([])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        self.val_curves: list[pg.PlotDataItem] = []
        self.train_curves: list[pg.PlotDataItem | None] = []  # None: the model's bytes per token are unknown
        self._layout: tuple | None = None  # the x label and the models the curves were built for

    def show_rows(self, rows: list[Compared], axis: str = "iter") -> None:
        """Draw ``rows`` (colours by their order) against ``axis``, one of ``core.compare.AXES``. The same models on
        the same axis (a training model looked at again) only get new data: rebuilding the curves, the legend and
        the label every few seconds cost the window more."""
        assert axis in AXES, axis
        scale, label = self._axis(rows, axis)
        layout = (label, tuple((r.name, r.train is None) for r in rows))
        if layout != self._layout:
            self._build(rows, label)
            self._layout = layout
        for row, val, train in zip(rows, self.val_curves, self.train_curves, strict=True):
            val.setData(*_finite(row.val.x[axis] / scale, row.val.y))
            if train is not None:
                train.setData(*_finite(row.train.x[axis] / scale, row.train.y))
        self.plot.getPlotItem().enableAutoRange()

    def _build(self, rows: list[Compared], label: str) -> None:
        """Empty curves in each model's colour, the legend and the x axis label."""
        colours = theme.category_colors(QApplication.instance())
        self.plot.clear()
        self.val_curves, self.train_curves = [], []
        self.plot.setLabel("bottom", label)
        entries = []
        for i, row in enumerate(rows):
            colour = colours[i % len(colours)]
            train = None
            if row.train is not None:
                faint = pg.mkColor(colour)
                faint.setAlpha(80)
                train = self.plot.plot(pen=pg.mkPen(faint, width=1))
            self.train_curves.append(train)
            curve = self.plot.curve(row.name, colour, 2, symbol="o")
            curve.scatter.opts.update(hoverable=True, tip=self._tip(row.name, label))
            self.val_curves.append(curve)
            entries.append((elided(row.name), colour, "━●━"))
        text, base = self.palette().text().color(), self.palette().base().color()
        between = QColor(*((t + b) // 2 for t, b in zip(text.getRgb()[:3], base.getRgb()[:3], strict=True)))
        entries += [(self.tr("validation"), text.name(), "━●━"), (self.tr("training"), between.name(), "━━")]
        self.legend.setText(legend_label(entries).text())

    def _tip(self, name: str, axis_label: str):
        """What hovering over an evaluation shows: the model, where on the x axis, its bits per byte."""

        def tip(x: float, y: float, data: object) -> str:
            where = fmt.integer(x) if x == int(x) else fmt.decimal(x, 2)
            return f"{name}\n{axis_label}: {where}\n{self.tr('bits per byte')}: {fmt.decimal(y, 3)}"

        return tip

    def _axis(self, rows: list[Compared], axis: str) -> tuple[float, str]:
        """The divisor and label of the x axis: text seen in the unit the table uses for its size (KB, MB, GB);
        training time in seconds, minutes past two of them, hours past two of those."""
        if axis == "iter":
            return 1.0, self.tr("iteration")
        longest = max(
            (np.nanmax(s.x[axis], initial=0) for r in rows for s in (r.val, r.train) if s is not None), default=0.0
        )
        if axis == "bytes":
            units = [(1024.0**i, QCoreApplication.translate("fmt", u)) for i, u in enumerate(("B", "KB", "MB", "GB"))]
            scale, unit = next((u for u in reversed(units) if longest >= 2 * u[0]), units[0])
            return scale, fill(self.tr("text seen, %1"), unit)
        if longest > 2 * HOUR:
            return HOUR, self.tr("training time, hours")
        if longest > 2 * MINUTE:
            return MINUTE, self.tr("training time, minutes")
        return 1.0, self.tr("training time, seconds")

    def png(self, width: int, height: int) -> bytes:
        """The widget drawn at this size, as PNG bytes (works offscreen)."""
        self.resize(width, height)
        self.layout().activate()
        self.plot.getPlotItem().enableAutoRange()
        QApplication.processEvents()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.grab().save(buffer, "PNG")
        return bytes(buffer.data())


def _finite(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The points with a known x (text seen is unknown for a model whose books and cache are gone)."""
    keep = np.isfinite(x) & np.isfinite(y)
    return x[keep], y[keep]


def save_png(rows: list[Compared], axis: str, write, size: tuple[int, int] = (1200, 720)) -> None:
    """Draw the comparison offscreen in the light theme and hand the PNG bytes to ``write`` (the caller writes
    them atomically). Creates the QApplication when there is none (the command line)."""
    import os

    app = QApplication.instance()
    if app is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # never a window, and no display needed
        app = QApplication([])
        theme.apply(app, "light")
    view = ComparePlot()
    view.show_rows(rows, axis)
    write(view.png(*size))
