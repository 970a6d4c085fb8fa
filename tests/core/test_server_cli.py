"""`main.py --server DSN ...`: the same commands on the county's server; what only a data
file has is refused in one line; `county add-clerk/add-account` register logins."""

from __future__ import annotations

import json

import pytest

from main import main
from tests.helpers.pg_server import conninfo, needs_pg, scratch_database


def dsn_of(scratch) -> str:
    info = conninfo()
    return f"postgresql://{info.get('user', '')}@{info.get('host', 'localhost')}:{info.get('port', 5432)}/{scratch.name}"


def test_server_and_data_dir_are_one_or_the_other(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["--server", "postgresql://clerk@county.lan/dahe", "--data-dir", str(tmp_path), "stats"])
    assert "not allowed with" in capsys.readouterr().err


def test_a_password_in_the_address_is_refused(capsys):
    assert main(["--server", "postgresql://clerk:secret@county.lan/dahe", "stats"]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("--server:") and "不要写密码" in line


def test_account_commands_need_a_server(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "county", "add-clerk", "someone"]) == 1
    assert "只能用于县级服务器" in capsys.readouterr().err


@needs_pg
def test_commands_run_on_the_server_and_backups_are_its_administrators(capsys):
    with scratch_database() as scratch:
        dsn = dsn_of(scratch)
        assert main(["--server", dsn, "stats", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["members"] == 0
        assert main(["--server", dsn, "demo"]) == 1  # made-up people, even on an empty server: no
        assert "不能载入演示数据" in capsys.readouterr().err
        assert main(["--server", dsn, "stats", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["members"] == 0
        for command in (["backup"], ["backups"], ["restore", "x.sqlite3"]):
            assert main(["--server", dsn, *command]) == 1
            (line,) = capsys.readouterr().err.strip().splitlines()
            assert "pg_dump" in line
        clerk = scratch.role("clerk")
        assert main(["--server", dsn, "county", "add-clerk", clerk]) == 0
        assert "county clerk" in capsys.readouterr().out
        assert main(["--server", dsn, "county", "add-account", scratch.role("town"), "--township", "nope"]) == 1
        assert len(capsys.readouterr().err.strip().splitlines()) == 1
        assert main(["--server", dsn, "county", "add-clerk", "Not A Role"]) == 1
        assert "账户名" in capsys.readouterr().err
