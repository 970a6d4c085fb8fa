"""Shared fixtures: offscreen Qt, and a fresh temporary database for every test."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from db import close_database, open_database  # noqa: E402


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder for CLI runs (`--data-dir`)."""
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def db(tmp_path: Path):
    """The proxy bound to a new, migrated SQLite file for this test only."""
    database = open_database(tmp_path / "test.sqlite3")
    yield database
    from ui.background import wait_for_background

    wait_for_background()  # no worker may outlive its test's database
    close_database()
