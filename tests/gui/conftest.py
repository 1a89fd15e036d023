"""GUI test fixtures: a main window on a temp settings file and a temp model library (never the user's).

Without Qt, pytest-qt or pyqtgraph this folder is not collected, so `pytest` still runs the core and CLI tests.
"""

from __future__ import annotations

import shutil

import pytest

try:
    import pyqtgraph  # noqa: F401
    import pytestqt  # noqa: F401
    from PySide6.QtCore import QSettings
except ImportError:
    collect_ignore_glob = ["test_*.py"]
else:
    from gui_helpers import WAIT_MS

    from azr_desktop.core.modeldir import ModelDir
    from azr_desktop.gui import theme
    from azr_desktop.gui.settings import AppSettings

    @pytest.fixture(scope="session", autouse=True)
    def _themed(qapp):
        theme.apply(qapp, "light")

    @pytest.fixture
    def settings(tmp_path) -> AppSettings:
        s = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        s.library_dir = tmp_path / "library"
        s.library_dir.mkdir()
        return s

    @pytest.fixture
    def make_window(qtbot, settings):
        from azr_desktop.gui.main_window import MainWindow

        def stop(w) -> None:
            """Never leave a trainer thread running past its test. pytest-qt closes the window before fixtures
            are torn down, and the run ends on a queued signal: closing while it has not arrived would ask "Save and
            quit?" in a modal box nobody answers, hanging the whole session after a test that failed mid-training."""
            w.session.save_and_stop()
            w.generation.stop()
            qtbot.waitUntil(lambda: not w.session.training, timeout=WAIT_MS)

        def make():
            w = MainWindow(settings)
            qtbot.addWidget(w, before_close_func=stop)
            w.show()
            return w

        return make

    @pytest.fixture
    def window(make_window):
        return make_window()

    @pytest.fixture
    def tiny_model(settings, trained_model) -> ModelDir:
        """This test's copy of the session's tiny model in the library ("Tiny test", checkpoints at 10 and 20)."""
        return ModelDir(shutil.copytree(trained_model.path, settings.library_dir / "tiny"))
