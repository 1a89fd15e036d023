"""The Settings dialog: where the model library lives, the language and the theme."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from azr_desktop.gui.i18n import LANGUAGES
from azr_desktop.gui.settings import AppSettings


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.library_changed = False
        self.needs_restart = False  # language or theme changed: they are applied at start-up
        self.setWindowTitle(self.tr("Settings"))
        self.folder = QLineEdit(str(settings.library_dir))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.language = QComboBox()
        self.language.addItem(self.tr("As the system"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.theme = QComboBox()
        for key, label in (
            ("system", self.tr("As the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(label, key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        note = QLabel(self.tr("Language and theme change the next time AZR Desktop starts."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Model library folder"), folder_row)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(note)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Model library folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def accept(self) -> None:
        folder = Path(self.folder.text()).expanduser()
        self.library_changed = folder != self.settings.library_dir
        chosen = (self.language.currentData(), self.theme.currentData())
        self.needs_restart = chosen != (self.settings.language, self.settings.theme)
        self.settings.library_dir = folder
        self.settings.language = self.language.currentData()
        self.settings.theme = self.theme.currentData()
        super().accept()
