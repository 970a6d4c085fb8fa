"""The optional start-up password: a salted scrypt hash, never the password itself."""

import pytest

from dahe_desktop import settings
from dahe_desktop.safety.password import (
    PASSWORD,
    PasswordError,
    check_password,
    has_password,
    set_password,
    wrong_try_delay,
)


def test_no_password_lets_everyone_in(db):
    assert not has_password() and check_password("")


def test_a_password_is_stored_salted_and_checked(db):
    set_password("草原1234")
    stored = settings.get(PASSWORD)
    assert "草原1234" not in str(stored) and len(stored["salt"]) == 32
    assert check_password("草原1234") and not check_password("草原1235")
    set_password("草原1234", old="草原1234")  # the same password again: a new salt, a new hash
    assert settings.get(PASSWORD)["hash"] != stored["hash"]


def test_changing_or_removing_needs_the_old_one(db):
    set_password("abcd")
    with pytest.raises(PasswordError):
        set_password("efgh", old="wrong")
    with pytest.raises(PasswordError):
        set_password("ab", old="abcd")
    set_password("", old="abcd")
    assert not has_password()


def test_wrong_tries_wait_longer_and_longer_up_to_half_a_minute():
    assert [wrong_try_delay(n) for n in (1, 2, 3, 4)] == [0, 1, 2, 4]
    assert wrong_try_delay(50) == 30


@pytest.fixture
def locked_dir(data_dir):
    """A data folder whose file has the start-up password 草原1234 and two members."""
    import main
    from db import close_database, open_database

    assert main.main(["--data-dir", str(data_dir), "demo", "--members", "2"]) == 0
    open_database(data_dir / "dahe.sqlite3")
    set_password("草原1234")
    close_database()
    return data_dir


@pytest.fixture
def waits(monkeypatch):
    import dahe_desktop.cli.unlock as unlock

    slept: list[float] = []
    monkeypatch.setattr(unlock.time, "sleep", slept.append)
    monkeypatch.delenv(unlock.ENV, raising=False)
    return slept


def test_every_cli_command_asks_for_the_password_and_a_wrong_one_runs_nothing(locked_dir, waits, monkeypatch, capsys):
    import getpass

    import main

    typed = iter(["wrong", "草原", "nope"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(typed))
    assert main.main(["--data-dir", str(locked_dir), "stats", "--json"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.strip().splitlines() == ["启动密码不正确，未执行命令（脚本可用环境变量 DAHE_PASSWORD 提供密码）"]
    assert waits == [1.0]  # the window's growing wait, before the 3rd try
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": "草原1234")
    assert main.main(["--data-dir", str(locked_dir), "stats", "--json"]) == 0
    assert waits == [1.0, 2.0]  # starting again does not start the wait afresh
    assert '"members": 2' in capsys.readouterr().out
    assert main.main(["--data-dir", str(locked_dir), "stats", "--json"]) == 0
    assert waits == [1.0, 2.0]  # the right one cleared the count


def test_scripts_give_the_password_in_the_environment(locked_dir, waits, monkeypatch, capsys):
    import getpass

    import main

    def no_terminal(prompt=""):
        raise AssertionError("asked on the terminal")

    monkeypatch.setattr(getpass, "getpass", no_terminal)
    monkeypatch.setenv("DAHE_PASSWORD", "草原1234")
    assert main.main(["--data-dir", str(locked_dir), "backups"]) == 0
    monkeypatch.setenv("DAHE_PASSWORD", "wrong")
    for _ in range(3):  # a script trying password after password
        assert main.main(["--data-dir", str(locked_dir), "backup"]) == 1
    assert capsys.readouterr().err.strip().startswith("启动密码不正确") and waits == [1.0]
    assert not list((locked_dir / "backups").glob("*manual*"))  # nothing was run
    assert main.main(["--data-dir", str(locked_dir), "backup"]) == 1
    assert waits == [1.0, 2.0]  # each run waits longer, before its check


def test_no_terminal_to_ask_on_is_a_wrong_password(locked_dir, waits, monkeypatch, capsys):
    import getpass

    import main

    def eof(prompt=""):
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", eof)
    assert main.main(["--data-dir", str(locked_dir), "stats"]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
