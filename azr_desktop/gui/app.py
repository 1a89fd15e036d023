"""Start the desktop app: QApplication, translations, theme, icon, crash handler, then the main window."""

from __future__ import annotations

import gc
import sys
from importlib.resources import files

import torch  # imported on the main thread before any window: a first import in a worker stalls the UI
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from azr_desktop import __version__
from azr_desktop.core.device import default_threads
from azr_desktop.gui import i18n, theme
from azr_desktop.gui.crash import CrashHandler
from azr_desktop.gui.settings import APP_NAME, AppSettings

ICON = files("azr_desktop") / "resources" / "icons" / "azr-desktop.svg"


def make_app(argv: list[str]) -> QApplication:
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(argv)
    app.setWindowIcon(QIcon(str(ICON)))
    app.setDesktopFileName("azr-desktop")
    return app


def launch(settings: AppSettings | None = None, argv: list[str] | None = None):
    """The application and its shown main window, set up as a user gets them; returns (app, window)."""
    app = make_app(sys.argv if argv is None else argv)
    settings = settings or AppSettings()
    torch.set_num_threads(default_threads())  # one core stays with the window (benchmarks/ui_latency.py)
    sys.setswitchinterval(0.001)  # the GUI thread gets the GIL back from a busy worker within 1 ms, not 5
    app.translators = i18n.install(app, settings.language)  # kept alive as long as the app
    theme.apply(app, settings.theme)
    from azr_desktop.gui.main_window import (
        MainWindow,  # after the theme: plots take their colours from it
    )

    window = MainWindow(settings)
    crashes = CrashHandler(window.save_state, lambda: window)
    crashes.install()
    window.messages.crashed.connect(crashes.report)
    window.show()
    # Everything loaded so far lives as long as the app: keep it out of the garbage collector's full passes,
    # which would otherwise walk torch's and Qt's objects and stall the window for tens of milliseconds.
    gc.collect()
    gc.freeze()
    return app, window


def run(argv: list[str] | None = None) -> int:
    app, _window = launch(argv=argv)
    return app.exec()
