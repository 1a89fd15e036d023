"""Errors meant for people: each message says what happened and what to do about it.

The CLI prints ``error: <message>`` and exits 2; the GUI shows the message in a dialog. Anything that is not an
``AZRError`` is a bug and gets a traceback.
"""


class AZRError(Exception):
    """Base class for every error a user can cause and fix."""


class BookError(AZRError):
    """A book file cannot be used: missing, empty, binary, undecodable."""


class ConfigError(AZRError):
    """A setting is out of range or contradicts another one, or the model folder's saved settings."""


class CheckpointError(AZRError):
    """A checkpoint is missing, corrupt, unsafe, from an unknown format version, or could not be written."""


class ModelDirError(AZRError):
    """A model folder is missing, incomplete or not an AZR Desktop model."""


class ResourceError(AZRError):
    """The computer ran out of something the work needs: memory or disk space."""


class ExportError(AZRError):
    """A model cannot be exported as asked (the file exists, an unknown format) or an exported file cannot be read."""
