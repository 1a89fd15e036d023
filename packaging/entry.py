"""The bundled app's start-up (PyInstaller runs this script): `azr-desktop` with a command is the command line as
usual; with none it is the desktop app, which writes a log to the user's log folder and, if it fails to start, shows
a dialog naming that log instead of vanishing (an app started from a menu has no terminal to print to)."""

from __future__ import annotations

import datetime as dt
import faulthandler
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import platformdirs

APP_NAME = "AZR Desktop"  # gui.settings.APP_NAME; importing it here would load Qt before the log is open
LOG_NAME = "azr-desktop.log"


class _Tee:
    """A text stream that writes to the log and, where there is one, the terminal."""

    def __init__(self, log: TextIO, terminal: TextIO | None):
        self.streams = [log] if terminal is None else [log, terminal]

    def write(self, text: str) -> int:
        for s in self.streams:
            s.write(text)
            s.flush()
        return len(text)

    def flush(self) -> None:
        for s in self.streams:
            s.flush()

    def isatty(self) -> bool:
        return False


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME))  # the same convention as the model library (gui.settings)


def open_log() -> tuple[Path, TextIO]:
    """Start this run's log, keeping the previous run's beside it (the one a user reports after restarting). Where
    the user's log folder cannot be written, the system's temporary folder takes it: the log must exist to be shown."""
    for folder in (log_dir(), Path(tempfile.gettempdir())):
        path = folder / LOG_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if path.exists():
                os.replace(path, path.with_name(LOG_NAME + ".1"))
            return path, open(path, "w", encoding="utf-8", buffering=1)
        except OSError:
            continue
    raise OSError(f"cannot write {LOG_NAME} in {log_dir()} nor in {tempfile.gettempdir()}")


def show_failure(message: str) -> None:
    """A native dialog: Windows' MessageBox, else Qt's, else whatever dialog tool the desktop has."""
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.user32.MessageBoxW(None, message, APP_NAME, 0x10)  # MB_ICONERROR
        return
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        _app = QApplication.instance() or QApplication([])  # a dialog needs an application, kept alive until shown
        QMessageBox.critical(None, APP_NAME, message)
    except Exception:  # Qt itself may be what failed: any other dialog will do
        for tool in (["zenity", "--error", "--text", message], ["kdialog", "--error", message], ["xmessage", message]):
            if shutil.which(tool[0]):
                subprocess.run(tool, check=False)
                return


def capture_output(log: TextIO) -> None:
    """Send the app's output to the log as well as to the terminal it was started from, if any."""
    streams = {"out": sys.stdout, "err": sys.stderr}
    terminal = {name: stream for name, stream in streams.items() if stream is not None and stream.isatty()}
    if "err" not in terminal:
        # Started from a menu or a double-click: Qt's own messages and hard crashes, which C code writes to file
        # descriptor 2 rather than through sys.stderr, go to the log too.
        os.dup2(log.fileno(), 2)
    sys.stdout = _Tee(log, terminal.get("out"))
    sys.stderr = _Tee(log, terminal.get("err"))
    faulthandler.enable(log)


def run_gui(start: Callable[[], int], log_path: Path, log: TextIO, show: Callable[[str], None] = show_failure) -> int:
    """Run ``start`` (the desktop app); if it raises or returns an error code, log why and show a dialog."""
    try:
        from importlib.resources import files

        from azr_desktop import __version__

        print(
            f"{APP_NAME} {__version__} started {dt.datetime.now().isoformat(timespec='seconds')}; "
            f"executable {sys.executable}; resources {files('azr_desktop') / 'resources'}",
            file=log,
        )
        code = start()
        reason = "it stopped with an error"  # the command line's one-line "error: ..." is in the log already
    except Exception as error:  # whatever stopped the start, the user must learn of it
        log.write(traceback.format_exc())
        code, reason = 1, f"{type(error).__name__}: {error}"
    log.flush()
    if code:
        show(f"{APP_NAME} could not start ({reason}).\n\nThe details are in the log:\n{log_path}")
    return code


def _attach_windows_console() -> None:
    """The Windows build is a windowed app (no console flashes up at a double-click) and has no output streams,
    so a command run from a terminal borrows that terminal; without one, its output is dropped."""
    import ctypes

    target = "CONOUT$" if ctypes.windll.kernel32.AttachConsole(-1) else os.devnull  # -1: ATTACH_PARENT_PROCESS
    sys.stdout = open(target, "w", encoding="utf-8")  # noqa: SIM115 (open as long as the process)
    sys.stderr = open(target, "w", encoding="utf-8")  # noqa: SIM115


def _cli(argv: list[str]) -> int:
    # Imported here, inside the guarded start: a broken import must reach the dialog too.
    from azr_desktop.cli import main

    return main(argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        log_path, log = open_log()
        capture_output(log)
        return run_gui(lambda: _cli([]), log_path, log)
    if sys.platform == "win32" and sys.stdout is None:
        _attach_windows_console()
    return _cli(argv)


if __name__ == "__main__":
    raise SystemExit(main())
