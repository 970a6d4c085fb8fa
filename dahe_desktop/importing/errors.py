"""The refusal of a whole import file (shared by the readers and their bounds)."""

from dahe_desktop.errors import UserError


class ImportFileError(UserError):
    """The file as a whole cannot be read; the message is Chinese and says why."""
