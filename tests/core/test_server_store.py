"""The core on a database server: what a file store does with files has its server twin."""

from __future__ import annotations

import peewee
import pytest

from dahe_desktop.assets import asset_path, copy_logo
from dahe_desktop.safety import backups
from dahe_desktop.safety.labels import SERVER_BACKUPS
from db import data_folder
from db.connection import is_server_store
from tests.helpers.roster import small_roster


@pytest.fixture
def server(db):
    if not isinstance(db, peewee.PostgresqlDatabase):
        pytest.skip("needs a PostgreSQL server (DAHE_TEST_PG)")
    return db


def test_a_server_store_is_backed_up_by_its_administrator_not_here(server, tmp_path):
    assert is_server_store()
    small_roster()
    assert backups.backup_before("import") is None
    assert backups.daily_backup() is None
    with pytest.raises(backups.BackupError) as refused:
        backups.make_backup("manual")
    assert refused.value.lines == [SERVER_BACKUPS]
    assert not (tmp_path / "backups").exists()


def test_files_that_travel_with_the_data_go_to_the_local_folder(server, tmp_path):
    assert data_folder() == tmp_path
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    name = copy_logo(logo)
    assert asset_path(name) == tmp_path / name
