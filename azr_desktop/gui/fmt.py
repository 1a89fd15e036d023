"""Numbers as people read them, in the app language's style (``i18n.install`` sets the default QLocale): sizes,
counts, durations, with one decimal and group separator on every page ("1 234 567", "0,5" in Russian)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from azr_desktop.gui.i18n import fill


def integer(n: int) -> str:
    """1234567 -> "1,234,567" in English, "1 234 567" in Russian and Ukrainian."""
    return QLocale().toString(int(n))


def decimal(x: float, places: int) -> str:
    """A fixed number of decimals with the language's separator: 4.2152 in English, 4,2152 in Russian."""
    return QLocale().toString(float(x), "f", places)


def size(n_bytes: float) -> str:
    units = (
        QCoreApplication.translate("fmt", "B"),
        QCoreApplication.translate("fmt", "KB"),
        QCoreApplication.translate("fmt", "MB"),
        QCoreApplication.translate("fmt", "GB"),
    )
    for i, unit in enumerate(units):
        if abs(n_bytes) < 1024 or i == len(units) - 1:
            return f"{decimal(n_bytes, 0 if i == 0 else 1)} {unit}"
        n_bytes /= 1024
    raise AssertionError("unreachable")


def count(n: float) -> str:
    """1234 -> 1.2K, 8_300_000 -> 8.3M."""
    for div, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(n) >= div:
            return decimal(n / div, 1) + suffix
    return decimal(n, 0)


def duration(seconds: float) -> str:
    """m:ss, h:mm:ss, or days and hours."""
    s = max(0, int(seconds))
    if s >= 86400:
        return fill(QCoreApplication.translate("fmt", "%1 d %2 h"), s // 86400, s % 86400 // 3600)
    if s >= 3600:
        return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"
