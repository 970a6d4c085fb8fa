"""Choosing the county's server: the per-PC choice, the password's place, opening and
upgrading the server with several clerks starting at once."""

from __future__ import annotations

import threading

import pytest

from db import server
from db.server import ServerConfig, ServerError
from tests.helpers.pg_server import needs_pg, scratch_database


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DAHE_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config"


def test_a_dsn_names_host_port_database_and_user():
    config = ServerConfig.from_dsn("postgresql://clerk@county.lan:6543/dahe")
    assert (config.host, config.port, config.database, config.user) == ("county.lan", 6543, "dahe", "clerk")
    assert ServerConfig.from_dsn(config.dsn()) == config
    assert ServerConfig.from_dsn("postgresql://clerk@county.lan/dahe").port == 5432


@pytest.mark.parametrize("dsn, words", [
    ("postgresql://clerk:secret@county.lan/dahe", "不要写密码"),
    ("mysql://clerk@county.lan/dahe", "postgresql://"),
    ("postgresql://county.lan/dahe", "用户名"),
    ("postgresql://clerk@county.lan:port/dahe", "端口"),
])
def test_a_bad_dsn_says_what_is_wrong(dsn, words):
    with pytest.raises(ServerError) as caught:
        ServerConfig.from_dsn(dsn)
    assert words in caught.value.lines[0]


def test_the_choice_is_remembered_without_the_password(config_dir):
    assert server.load_choice() is None  # no file: the local data file
    config = ServerConfig(host="county.lan", database="dahe", user="clerk", township="630121")
    path = server.save_choice(config)
    assert server.load_choice() == config
    assert "secret" not in path.read_text(encoding="utf-8") and "password" not in path.read_text(encoding="utf-8")
    server.save_choice(None)
    assert server.load_choice() is None


def test_an_unreadable_choice_means_the_local_file(config_dir):
    config_dir.mkdir()
    (config_dir / server.CHOICE_FILE).write_text("{not json", encoding="utf-8")
    assert server.load_choice() is None


def test_without_a_credential_store_the_password_is_not_kept(monkeypatch):
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    config = ServerConfig(host="county.lan", database="dahe", user="clerk")
    assert server.credential_store_available() is False
    assert server.save_password(config, "secret") is False
    assert server.read_password(config) is None  # libpq then reads PGPASSWORD / .pgpass


def test_with_a_credential_store_the_password_goes_there(monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1
        saved: dict = {}

        def set_password(self, service, username, password):
            self.saved[(service, username)] = password

        def get_password(self, service, username):
            return self.saved.get((service, username))

        def delete_password(self, service, username):
            self.saved.pop((service, username), None)

    store = Memory()
    monkeypatch.setattr(keyring, "get_keyring", lambda: store)
    monkeypatch.setattr(keyring, "set_password", store.set_password)
    monkeypatch.setattr(keyring, "get_password", store.get_password)
    config = ServerConfig(host="county.lan", database="dahe", user="clerk")
    assert server.save_password(config, "secret") is True
    assert store.saved == {(server.KEYRING_SERVICE, "clerk@county.lan:5432/dahe"): "secret"}
    assert server.read_password(config) == "secret"


def test_a_server_that_does_not_answer_is_one_line():
    config = ServerConfig(host="127.0.0.1", port=1, database="dahe", user="clerk")
    with pytest.raises(ServerError) as caught:
        server.check_connection(config)
    assert caught.value.lines[0].startswith("无法连接县级服务器 clerk@127.0.0.1:1/dahe")


@needs_pg
def test_two_clerks_starting_at_once_upgrade_the_server_once():
    from db.migrations import CURRENT_VERSION, schema_version

    with scratch_database() as scratch:
        results, errors = [], []

        def start():
            db = server.connect(scratch.config())
            try:
                results.append(server.migrate(db))
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                db.close()

        threads = [threading.Thread(target=start) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == [] and results == [CURRENT_VERSION] * 3
        db = server.connect(scratch.config())
        try:
            assert schema_version(db) == CURRENT_VERSION
            assert db.execute_sql("SELECT count(*) FROM schema_version").fetchone()[0] == 1
        finally:
            db.close()


@needs_pg
def test_open_server_binds_the_proxy_and_says_who_is_in():
    from db import connection
    from db.models import Member

    with scratch_database() as scratch:
        session = server.open_server(scratch.config())
        try:
            assert session.sees_all and "县级服务器" in session.title()
            assert connection.database_file() is None  # no SQLite file behind the proxy
            assert Member.select().count() == 0
        finally:
            session.close()


@needs_pg
def test_big_writes_on_the_server_leave_backups_to_its_administrator():
    from dahe_desktop.safety import backups

    with scratch_database() as scratch:
        session = server.open_server(scratch.config())
        try:
            assert backups.backup_before("import") is None  # an import goes ahead
            with pytest.raises(backups.BackupError) as caught:
                backups.make_backup("manual")
            assert "pg_dump" in caught.value.lines[0]
        finally:
            session.close()


@needs_pg
def test_an_account_that_may_not_upgrade_is_told_who_can():
    with scratch_database() as scratch:
        role = scratch.role("clerk")
        db = server.connect(scratch.config())
        try:
            db.execute_sql(f'CREATE ROLE "{role}"')
            db.execute_sql(f'SET ROLE "{role}"')  # no right to create tables in a new database
            with pytest.raises(ServerError) as caught:
                server.migrate(db)
            assert "服务器管理员" in caught.value.lines[0]
            other = server.connect(scratch.config())  # the lock was given back
            try:
                assert other.execute_sql("SELECT pg_try_advisory_lock(%s)", (server.MIGRATION_LOCK,)).fetchone()[0]
            finally:
                other.close()
        finally:
            db.close()
