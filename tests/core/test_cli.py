import sqlite3

from main import main


def test_a_file_that_is_not_a_database_is_one_line_and_exit_1(data_dir, capsys):
    (data_dir / "dahe.sqlite3").write_text("not a database, a note someone saved here")
    assert main(["--data-dir", str(data_dir), "stats"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "无法打开数据文件" in err[0]


def test_a_file_from_a_newer_version_is_refused_untouched(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "stats", "--json"]) == 0
    path = data_dir / "dahe.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE schema_version SET version = 99")
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "stats"]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()  # one line, no traceback
    assert "升级程序" in line
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == 99
