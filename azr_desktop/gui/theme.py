"""Light and dark palettes on the Fusion style, following the system's colour scheme unless the user picks one."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_DARK = {
    QPalette.ColorRole.Window: "#2b2d30",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#26282b",
    QPalette.ColorRole.ToolTipBase: "#3c3f41",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#8c8c8c",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#35383b",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Highlight: "#3d7ad6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6ea8ff",
    QPalette.ColorRole.Mid: "#45484b",
    QPalette.ColorRole.Dark: "#18191b",
}


def is_dark(theme: str) -> bool:
    if theme in ("light", "dark"):
        return theme == "dark"
    return QApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply(app: QApplication, theme: str) -> None:
    app.setStyle("Fusion")
    palette = app.style().standardPalette()
    if is_dark(theme):
        for role, color in _DARK.items():
            palette.setColor(role, QColor(color))
        for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    app.setPalette(palette)
    pg.setConfigOptions(
        background=palette.color(QPalette.ColorRole.Base),
        foreground=palette.color(QPalette.ColorRole.Text),
        antialias=False,
    )


def series_colors(app: QApplication) -> dict[str, str]:
    """Curve colours readable on the current background."""
    dark = app.palette().color(QPalette.ColorRole.Base).lightness() < 128
    if dark:
        return {
            "train": "#5fa8ff",
            "smooth": "#9cc9ff",
            "val": "#ffb454",
            "lr": "#7ee081",
            "plan": "#7ee081",
            "speed": "#d59cff",
            "reward": "#ff7b9c",
        }
    return {
        "train": "#1f6fd1",
        "smooth": "#0b3f80",
        "val": "#d9730d",
        "lr": "#2e8b3a",
        "plan": "#2e8b3a",
        "speed": "#8a3fc7",
        "reward": "#c2185b",
    }


def category_colors(app: QApplication) -> list[str]:
    """Distinct curve colours for plots with many series (Okabe-Ito, colour-blind safe), readable on the background."""
    if app.palette().color(QPalette.ColorRole.Base).lightness() < 128:
        return ["#56b4e9", "#e69f00", "#3ccf9f", "#e68cc0", "#f0e442", "#ff7f3f", "#b0b0b0"]
    return ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#8f7f00", "#d55e00", "#707070"]
