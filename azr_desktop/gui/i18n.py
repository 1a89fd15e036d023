"""Languages: the app's own .qm translations plus Qt's for its standard dialogs, chosen once at start-up."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = {"en": "English", "ru": "Русский", "uk": "Українська"}
I18N_DIR = files("azr_desktop") / "resources" / "i18n"


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
    if lang == "en":
        return []
    loaded = []
    for name, folder in (
        (f"azr_{lang}", str(I18N_DIR)),
        (f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded
