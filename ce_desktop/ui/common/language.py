"""The interface language: English (the source language) or 简体中文, with Qt's own system.

The app's strings go through ``tr()``; their Chinese translations are compiled into
``ce_desktop/translations/ce_desktop_zh_CN.qm`` (sources and the update script in
``resources/translations/``). Qt's own ``qtbase_zh_CN.qm`` is loaded too where PySide6 ships
it, so standard dialogs (file chooser, message boxes) speak the same language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from ce_desktop import APP_NAME
from ce_desktop.core.jobs import Failed
from ce_desktop.core.messages import CONTEXT as CORE_CONTEXT
from ce_desktop.core.messages import LIST_SEPARATOR, Listing, Message

#: Language codes offered, with their names as written in that language.
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SOURCE_LANGUAGE = "en"
#: Where the choice is remembered (the same settings file as ui/common/session.py).
SETTINGS_KEY = "view/language"
#: Other spellings accepted on the command line.
ALIASES = {"en_US": "en", "en_GB": "en", "zh": "zh_CN", "zh_Hans": "zh_CN", "zh-CN": "zh_CN"}
TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "translations"

# QTranslator objects must outlive their installation: Python would otherwise collect them.
_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def normalise(code: str | None) -> str | None:
    """The language code for ``code`` ("zh_CN", "en"), or None if it is not offered."""
    if code is None:
        return None
    code = ALIASES.get(code, code)
    return code if code in LANGUAGES else None


#: How a job's internal error (a bug, not the user's input) is shown; its traceback is in
#: the log.
INTERNAL_ERROR = QT_TRANSLATE_NOOP(
    "core", "internal error (please report it; the details are in the log): {0}")


def translated(item: object) -> str:
    """``item`` (a core Message, an exception, a job's Failed event, or any text) in the
    interface's language.

    Core messages keep their template and values (``core/messages.py``); values that are
    messages or exceptions themselves are translated too. Anything else is shown as is.
    """
    if isinstance(item, Failed):
        text = translated(item.message)
        return (QCoreApplication.translate(CORE_CONTEXT, INTERNAL_ERROR).format(text)
                if item.internal else text)
    text = item.args[0] if isinstance(item, BaseException) and item.args else item
    if isinstance(text, Listing):
        separator = QCoreApplication.translate(CORE_CONTEXT, LIST_SEPARATOR)
        return separator.join(translated(part) for part in text.items)
    if not isinstance(text, Message):
        return str(item)
    template = QCoreApplication.translate(CORE_CONTEXT, text.template)
    if not text.values:
        return template
    values = {key: translated(value) if isinstance(value, (str, BaseException)) else value
              for key, value in text.values.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        return str(text)


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"ce_desktop_{language}.qm"


def saved_language() -> str | None:
    """The language chosen in View → Language, if any (read only; nothing is written)."""
    settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                         APP_NAME, APP_NAME)
    value = settings.value(SETTINGS_KEY)
    return normalise(value) if isinstance(value, str) else None


def system_language(locale: QLocale | None = None) -> str:
    """zh_CN for a Chinese system locale, English otherwise."""
    locale = locale or QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return SOURCE_LANGUAGE


def startup_language() -> str:
    """The saved choice, or else the system's language."""
    return saved_language() or system_language()


def current_language() -> str:
    """The language whose translators are installed now."""
    return _current


def install(language: str, app: QCoreApplication | None = None) -> bool:
    """Install the translators of ``language`` (replacing any installed before).

    English needs none. Returns False if the app's translation file could not be loaded
    (the interface then stays English).
    """
    global _current
    app = app or QCoreApplication.instance()
    remove(app)
    language = normalise(language) or SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE:
        return True
    translator = QTranslator(app)
    if not translator.load(str(qm_path(language))):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    _current = language
    return True


def remove(app: QCoreApplication | None = None) -> None:
    """Back to English: remove every translator :func:`install` put in."""
    global _current
    app = app or QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
    _current = SOURCE_LANGUAGE
