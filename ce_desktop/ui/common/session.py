"""What the app remembers between sessions, in QSettings, read defensively.

Every value is checked as it is read: a damaged settings file is moved aside, and a value
of the wrong kind (from an older version, another program, a hand edit) falls back to the
default without a word — settings are a convenience, never a reason not to start.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

from ce_desktop import APP_NAME
from ce_desktop.core.files import move_aside

#: Bumped when a stored value changes meaning; older values are then ignored.
FORMAT_VERSION = 1


def open_settings() -> tuple[QSettings, str | None]:
    """The user's settings (an INI file), and a message if a damaged file was moved aside."""
    settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                         APP_NAME, APP_NAME)
    if settings.status() == QSettings.Status.NoError:
        return settings, None
    try:
        aside = move_aside(Path(settings.fileName()))
    except OSError as error:
        return settings, QCoreApplication.translate(
            "Session", "Settings could not be read and were not moved aside ({0})").format(error)
    fresh = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)
    return fresh, QCoreApplication.translate(
        "Session", "Settings could not be read; defaults are used (the file was kept as {0})"
    ).format(aside)


class RemembersSettings(Protocol):
    """A view that declares, saves, restores and resets its own settings.

    Its keys live under ``settings_group`` ("group/key"); ``settings_version`` is stored
    beside them (``group/version``) and bumped when a value changes meaning, so that
    :meth:`restore_settings` can migrate what an older version saved (a group without a
    version was written before versions existed: version 1)."""

    settings_group: str
    settings_version: int

    def save_settings(self, session: Session) -> None: ...

    def restore_settings(self, session: Session, version: int) -> None: ...

    def reset_settings(self) -> None: ...


def save_view(view: RemembersSettings, session: Session) -> None:
    view.save_settings(session)
    session.set(f"{view.settings_group}/version", view.settings_version)


def restore_view(view: RemembersSettings, session: Session) -> None:
    """Restore what ``view`` saved, telling it which version saved it; a group saved by a
    newer version than this one is ignored (defaults stay)."""
    stored = session.settings.value(f"{view.settings_group}/version")
    try:
        version = 1 if stored is None else int(stored)
    except (TypeError, ValueError):
        return
    if 1 <= version <= view.settings_version:
        view.restore_settings(session, version)


class Session:
    """Typed, checked access to the stored values."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        stored = settings.value("format")
        if stored is not None and str(stored) != str(FORMAT_VERSION):
            settings.clear()
        settings.setValue("format", FORMAT_VERSION)

    def text(self, key: str, choices: tuple[str, ...] | None = None) -> str | None:
        value = self.settings.value(key)
        if not isinstance(value, str) or (choices is not None and value not in choices):
            return None
        return value

    def flag(self, key: str) -> bool | None:
        value = self.settings.value(key)
        if isinstance(value, bool):
            return value
        if value in ("true", "false"):
            return value == "true"
        return None

    def data(self, key: str) -> QByteArray | None:
        value = self.settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def mapping(self, key: str) -> dict[str, Any] | None:
        """A JSON object stored as text, or None."""
        value = self.settings.value(key)
        if not isinstance(value, str):
            return None
        try:
            loaded = json.loads(value)
        except ValueError:
            return None
        return loaded if isinstance(loaded, dict) else None

    def set(self, key: str, value: Any) -> None:
        if isinstance(value, dict):
            value = json.dumps(value)
        self.settings.setValue(key, value)

    def reset(self) -> None:
        self.settings.clear()
        self.settings.setValue("format", FORMAT_VERSION)
        self.settings.sync()

    def sync(self) -> None:
        self.settings.sync()
