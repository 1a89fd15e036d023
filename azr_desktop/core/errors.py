"""Errors and notes meant for people: each message says what happened and what to do about it.

The CLI prints ``error: <message>`` and exits 2; the GUI shows the message in a dialog. Anything that is not an
``AZRError`` is a bug and gets a traceback.

Messages are written as an English template and its fields (``"{name} is empty", name=...``), never as f-strings:
the core speaks English only, and the GUI looks the template up in its catalog of the user's language
(resources/i18n/core_*.json) and fills in the same fields. A field may itself be a ``Text`` or an ``AZRError``,
which the GUI translates too.
"""

from __future__ import annotations


def render(template: str, fields: dict[str, object]) -> str:
    """The sentence a template and its fields make; a template without fields is the sentence itself."""
    return template.format(**fields) if fields else template


class Text(str):
    """An English sentence for people (a notice, a note, part of a message) that remembers its template and fields.

    It is a ``str`` holding the English sentence, so the CLI prints it and code compares it like any string.
    """

    template: str
    fields: dict[str, object]

    def __new__(cls, template: str, /, **fields: object) -> Text:
        text = super().__new__(cls, render(template, fields))
        text.template, text.fields = template, fields
        return text

    @classmethod
    def restored(cls, template: str, fields: dict[str, object]) -> Text:
        """A Text read back from its record (core/events.py ``from_json``); it was made from a literal template."""
        return cls(template, **fields)


class AZRError(Exception):
    """Base class for every error a user can cause and fix; ``str()`` is the English sentence."""

    def __init__(self, template: str, /, **fields: object) -> None:
        super().__init__(render(template, fields))
        self.template, self.fields = template, fields


class BookError(AZRError):
    """A book file cannot be used: missing, empty, binary, undecodable."""


class ConfigError(AZRError):
    """A setting is out of range or contradicts another one, or the model folder's saved settings."""


class CheckpointError(AZRError):
    """A checkpoint is missing, corrupt, unsafe, from an unknown format version, or could not be written."""


class ModelDirError(AZRError):
    """A model folder is missing, incomplete or not an AZR Desktop model."""


class ModelInUse(ModelDirError):
    """Another process, or another part of this one, writes the model folder (core/lock.py); ``holder`` says who,
    when it said so."""

    holder = None  # a lock.Holder, or None when the holder did not say


class ResourceError(AZRError):
    """The computer ran out of something the work needs: memory or disk space."""


class ExportError(AZRError):
    """A model cannot be exported as asked (the file exists, an unknown format) or an exported file cannot be read."""
