"""Tests marked `packaging` need the packaging tools (PyInstaller, NSIS, dpkg-deb) and some build the installers for
minutes: they run with AZR_PACKAGING_TESTS=1 (CI sets it) and fail there if a tool is missing; elsewhere they are
deselected, and the summary says so, instead of each skipping. The other checks here always run."""

from __future__ import annotations

import os

import pytest

ENABLED = os.environ.get("AZR_PACKAGING_TESTS") == "1"
_deselected: list[pytest.Item] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if ENABLED:
        return
    _deselected[:] = [item for item in items if item.get_closest_marker("packaging")]
    if _deselected:
        config.hook.pytest_deselected(items=_deselected)
        items[:] = [item for item in items if not item.get_closest_marker("packaging")]


def pytest_terminal_summary(terminalreporter) -> None:
    if _deselected:
        terminalreporter.write_line(
            f"{len(_deselected)} packaging tests deselected (they need PyInstaller, NSIS or minutes to build the"
            " installers): AZR_PACKAGING_TESTS=1 runs them, as CI does"
        )
