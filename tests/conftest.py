"""Shared fixtures: offscreen Qt, and a fresh temporary database for every test."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Offscreen, on the commonest office screen (1366×768) rather than Qt's default 800×600,
# so every window and dialog is laid out as on the clerk's laptop.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={ROOT / 'tests' / 'fixtures' / 'screen_1366x768.json'}"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from db import close_database, open_database  # noqa: E402


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder for CLI runs (`--data-dir`) holding a new, empty data file (a folder
    without one makes the CLI say that it created one)."""
    path = tmp_path / "data"
    path.mkdir()
    open_database(path / "dahe.sqlite3")
    close_database()
    return path


@pytest.fixture
def db(tmp_path: Path):
    """The proxy bound to a new, migrated SQLite file for this test only."""
    database = open_database(tmp_path / "test.sqlite3")
    yield database
    from ui.background import wait_for_background

    wait_for_background()  # no worker may outlive its test's database
    close_database()
