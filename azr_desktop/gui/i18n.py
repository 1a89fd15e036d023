"""Languages: the app's own .qm translations plus Qt's for its standard dialogs, chosen once at start-up.

The core speaks English only (core/errors.py): its errors and notes carry their English template and fields, and
``core_text`` shows them in the language chosen here, from resources/i18n/core_<lang>.json.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import PySide6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from azr_desktop.core.errors import render

LANGUAGES = {"en": "English", "ru": "Русский", "uk": "Українська"}
I18N_DIR = files("azr_desktop") / "resources" / "i18n"

_core: dict[str, str] = {}  # English template -> translated template, for the language installed
_PLACEHOLDER = re.compile(r"%(\d\d?)")
# What Qt's own translations (qtbase_ru/uk) lack of its file dialog: two labels and the file types; azr_<lang>.ts
# translates them.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
)
# Where Qt's translations are: Qt's own idea, then PySide6's folders (PySide6/Qt/translations on Linux and macOS,
# PySide6/translations on Windows), which a bundle keeps for Russian and Ukrainian (packaging/azr-desktop.spec).
_PYSIDE = Path(PySide6.__file__).parent
QT_TRANSLATIONS = (
    QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    str(_PYSIDE / "Qt" / "translations"),
    str(_PYSIDE / "translations"),
)


def resolve(code: str) -> str:
    """The language to use: the chosen one, else the system's if we have it, else English."""
    if code in LANGUAGES:
        return code
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def install(app: QCoreApplication, code: str) -> list[QTranslator]:
    """Load the translations for ``code`` into ``app``; keep the returned translators alive as long as the app."""
    lang = resolve(code)
    QLocale.setDefault(QLocale(lang))
    _core.clear()
    core = I18N_DIR / f"core_{lang}.json"  # none for English, the core's own language
    if core.is_file():
        _core.update(json.loads(core.read_text(encoding="utf-8")))
    loaded = []  # azr_en has only the plural forms ("1 thread", "4 threads")
    for name, folders in ((f"azr_{lang}", (str(I18N_DIR),)), (f"qtbase_{lang}", QT_TRANSLATIONS)):
        translator = QTranslator(app)
        if any(translator.load(name, folder) for folder in folders):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded


def core_text(message: object) -> str:
    """A core error or note (an ``AZRError`` or ``Text``) in the installed language, its fields translated too;
    the English sentence when there is no translation. Plain dictionary reads: safe from worker threads."""
    translated = _core.get(getattr(message, "template", None))
    if translated is None:
        return str(message)
    fields = {key: core_text(value) if hasattr(value, "template") else value for key, value in message.fields.items()}
    return render(translated, fields)


def fill(template: str, *values: object) -> str:
    """Qt's ``%1``…``%99`` placeholders of a translated string filled in one pass (what QString::arg does), so a
    value that itself contains "%3", such as a file path, is left as it is. A placeholder with no value stays."""

    def value(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return str(values[n - 1]) if 0 < n <= len(values) else match.group(0)

    return _PLACEHOLDER.sub(value, template)
