"""Where the data file lives: `--data-dir`, else a portable `data/` folder beside the
program (a USB stick), else the user's data folder."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

from dahe_desktop import APP_NAME
from db.connection import DB_FILENAME


def program_dir() -> Path:
    """The folder of main.py, or of the executable when frozen (PyInstaller)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    base = Path(getattr(sys, "_MEIPASS", program_dir()))
    return base / "resources"


def data_dir(override: str | Path | None = None) -> Path:
    if override:
        return Path(override).expanduser().resolve()
    portable = program_dir() / "data"
    if portable.is_dir():
        return portable
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path(override: str | Path | None = None) -> Path:
    return data_dir(override) / DB_FILENAME
