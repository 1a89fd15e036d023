"""What the app remembers between runs (QSettings): the model library folder, language, theme, window layout, the
loss plot's scale, how many GPUs train and the folders the file dialogs last opened."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

APP_NAME = "AZR Desktop"


def default_library() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME)) / "models"


class AppSettings:
    """Typed access to QSettings; tests pass an .ini file in a temp folder so the real settings stay untouched."""

    def __init__(self, store: QSettings | None = None):
        self.store = store or QSettings()

    def _get(self, key: str, default, kind=str):
        value = self.store.value(key, default)
        if kind is bool and isinstance(value, str):  # .ini files give booleans back as strings
            return value.lower() == "true"
        return kind(value) if value is not None else default

    @property
    def library_dir(self) -> Path:
        return Path(self._get("library/dir", str(default_library())))

    @library_dir.setter
    def library_dir(self, path: Path) -> None:
        self.store.setValue("library/dir", str(path))

    @property
    def language(self) -> str:
        """ "" follows the system locale; otherwise "en", "ru" or "uk"."""
        return self._get("ui/language", "")

    @language.setter
    def language(self, code: str) -> None:
        self.store.setValue("ui/language", code)

    @property
    def theme(self) -> str:
        """ "system", "light" or "dark"."""
        return self._get("ui/theme", "system")

    @theme.setter
    def theme(self, name: str) -> None:
        self.store.setValue("ui/theme", name)

    @property
    def last_model(self) -> str:
        return self._get("library/last_model", "")

    @last_model.setter
    def last_model(self, path: str) -> None:
        self.store.setValue("library/last_model", path)

    @property
    def log_scale(self) -> bool:
        """The loss plot on a logarithmic scale."""
        return self._get("ui/log_scale", False, bool)

    @log_scale.setter
    def log_scale(self, on: bool) -> None:
        self.store.setValue("ui/log_scale", on)

    @property
    def gpus(self) -> int:
        """How many GPUs the Training page trains on (1 unless the computer has several and the user chose more)."""
        return self._get("training/gpus", 1, int)

    @gpus.setter
    def gpus(self, n: int) -> None:
        self.store.setValue("training/gpus", n)

    def folder(self, kind: str) -> str:
        """Where the file dialog for ``kind`` ("books", "models", "texts") opens: the folder of the last choice."""
        return self._get(f"dialogs/{kind}", str(Path.home()))

    def remember_folder(self, kind: str, chosen: str | Path) -> None:
        """The folder holding what was chosen (a file, or a folder of books): the next dialog opens there."""
        self.store.setValue(f"dialogs/{kind}", str(Path(chosen).parent))

    def geometry(self, name: str) -> QByteArray | None:
        value = self.store.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, name: str, data: QByteArray) -> None:
        self.store.setValue(f"window/{name}", data)

    def sync(self) -> None:
        self.store.sync()
