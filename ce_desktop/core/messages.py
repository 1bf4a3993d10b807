"""Messages the user reads, written in English here and translated by the interface.

The core imports no Qt, so it cannot translate. Each message is a template marked with
``QT_TRANSLATE_NOOP("core", template)``: the call returns the template unchanged, and Qt's
``lupdate`` finds the literal and adds it to the translation files. A :class:`Message` keeps
the template and its values beside the English text, and an :class:`Explained` exception
carries a Message, so the interface can show either in the user's language
(``ce_desktop.ui.common.language.translated``) while logs, the run store and the command line keep
the English text.

``lupdate`` only sees a literal template passed straight to ``QT_TRANSLATE_NOOP``: write
``DataError(QT_TRANSLATE_NOOP("core", "line {line}: missing value"), line=3)``, never an
f-string, and keep the values as keyword arguments outside the marker.
"""

from __future__ import annotations

from typing import Any

#: The translation context of every core message.
CONTEXT = "core"


def QT_TRANSLATE_NOOP(context: str, template: str) -> str:  # the name lupdate looks for
    """Mark ``template`` for translation in ``context`` and return it unchanged."""
    return template


class Message(str):
    """English text made from a template and values; the template is kept for translation."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, /, **values: Any) -> Message:
        # Without values the template is the text as it stands, braces and all.
        text = super().__new__(cls, template.format(**values) if values else template)
        text.template = template
        text.values = values
        return text

    def __reduce__(self) -> tuple:
        # A str subclass pickles through its own constructor; keep template and values.
        return (_rebuild, (self.template, self.values))


def _rebuild(template: str, values: dict[str, Any]) -> Message:
    return Message(template, **values)


class Listing(str):
    """Messages joined into one list, such as "class 'a' has 1 row, class 'b' has 2 rows"."""

    items: tuple[str, ...]

    def __new__(cls, items: list[str] | tuple[str, ...]) -> Listing:
        text = super().__new__(cls, LIST_SEPARATOR.join(items))
        text.items = tuple(items)
        return text

    def __reduce__(self) -> tuple:
        return (Listing, (self.items,))


#: Between the items of a Listing; a translation may use another separator.
LIST_SEPARATOR = QT_TRANSLATE_NOOP("core", ", ")


class Explained(Exception):
    """An exception whose message is a :class:`Message` (mix in before the built-in base)."""

    def __init__(self, template: str, /, **values: Any) -> None:
        super().__init__(Message(template, **values))

    @property
    def message(self) -> Message:
        return self.args[0]

    @classmethod
    def of(cls, message: Message) -> Explained:
        """The error of a message built beforehand (its template marked where it was made)."""
        return cls(message.template, **message.values)


class InvalidInput(Explained, ValueError):
    """A setting or value the user chose cannot work; the message says which and why."""
