"""The error log in the data folder: what went wrong unexpectedly, for the technician,
rotated so it never fills the disk. The clerk reads one Chinese line instead."""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOG_FOLDER = "logs"
LOG_NAME = "dahe-errors.log"
_logger = logging.getLogger("dahe.errors")


class _PrivateLog(RotatingFileHandler):
    """The log may quote a name or a file path: readable by the clerk only, its rotated
    files too (each new file is opened here)."""

    def _open(self):
        stream = super()._open()
        if os.name == "posix":
            try:
                os.chmod(self.baseFilename, 0o600)
            except OSError:
                pass  # a medium without permissions (FAT)
        return stream


def setup_error_log(data_folder: Path) -> Path | None:
    """Write unexpected errors to `logs/dahe-errors.log` (1 MB, 3 old files kept). The
    folder is the clerk's only, like the data: an error's message may quote a record."""
    folder = data_folder / LOG_FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(folder, 0o700)
        handler = _PrivateLog(folder / LOG_NAME, maxBytes=1 << 20, backupCount=3, encoding="utf-8")
    except OSError:
        return None  # a read-only medium: nothing to write to
    if os.name == "posix":
        try:
            os.chmod(folder, 0o700)
            os.chmod(folder / LOG_NAME, 0o600)
        except OSError:
            pass  # a stick formatted FAT has no permissions
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    for old in list(_logger.handlers):
        _logger.removeHandler(old)
        old.close()
    _logger.addHandler(handler)
    _logger.setLevel(logging.INFO)
    _logger.propagate = False
    return folder / LOG_NAME


def log_exception(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    _logger.error("unhandled %s: %s", kind.__name__, error, exc_info=(kind, error, tb))


def log_path() -> Path | None:
    for handler in _logger.handlers:
        if isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None
