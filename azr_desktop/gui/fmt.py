"""Numbers as people read them: sizes, counts, durations (size units translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def size(n_bytes: float) -> str:
    units = (
        QCoreApplication.translate("fmt", "B"),
        QCoreApplication.translate("fmt", "KB"),
        QCoreApplication.translate("fmt", "MB"),
        QCoreApplication.translate("fmt", "GB"),
    )
    for i, unit in enumerate(units):
        if abs(n_bytes) < 1024 or i == len(units) - 1:
            return f"{n_bytes:.0f} {unit}" if i == 0 else f"{n_bytes:.1f} {unit}"
        n_bytes /= 1024
    raise AssertionError("unreachable")


def count(n: float) -> str:
    """1234 -> 1.2K, 8_300_000 -> 8.3M."""
    for div, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(n) >= div:
            return f"{n / div:.1f}{suffix}"
    return f"{n:.0f}"


def duration(seconds: float) -> str:
    """m:ss, h:mm:ss, or days and hours."""
    s = max(0, int(seconds))
    if s >= 86400:
        return (
            QCoreApplication.translate("fmt", "%1 d %2 h")
            .replace("%1", str(s // 86400))
            .replace("%2", str(s % 86400 // 3600))
        )
    if s >= 3600:
        return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"
