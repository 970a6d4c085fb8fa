"""`main.py import roster`: exit codes and messages, the same for .xlsx, .xls and .csv."""

from __future__ import annotations

import datetime as dt

import pytest

import main
from db import close_database, open_database
from db.connection import DB_FILENAME
from db.models import Branch, Member
from tests.fixtures.rosters import (
    BAD_XLS,
    GOOD_XLS,
    HEADER,
    KNOWN_BRANCH,
    NEW_BRANCH,
    bad_rows,
    good_rows,
    member_row,
    write_csv,
    write_xlsx,
)


def import_roster(data_dir, path, *extra: str) -> int:
    return main.main(["--data-dir", str(data_dir), "import", "roster", str(path), *extra])


def stored(data_dir) -> tuple[list[str], list[str]]:
    """Member names and branch names in the data folder's database."""
    open_database(data_dir / DB_FILENAME)
    try:
        return (
            sorted(m.name for m in Member.select()),
            sorted(b.name for b in Branch.select()),
        )
    finally:
        close_database()


@pytest.mark.parametrize("kind", ["xlsx", "xls", "csv-gbk", "csv-utf8"])
def test_a_good_file_is_imported_and_new_branches_are_named(data_dir, tmp_path, capsys, kind):
    path = {
        "xlsx": lambda: write_xlsx(tmp_path / "r.xlsx", good_rows()),
        "xls": lambda: GOOD_XLS,
        "csv-gbk": lambda: write_csv(tmp_path / "r.csv", good_rows(), encoding="gbk"),
        "csv-utf8": lambda: write_csv(tmp_path / "r.csv", good_rows(), encoding="utf-8-sig"),
    }[kind]()

    assert import_roster(data_dir, path) == 0

    out, err = capsys.readouterr()
    assert err == ""
    assert f"imported 5 members from {path.name}" in out
    assert f"new branch: {KNOWN_BRANCH} (kind 农牧村" in out and f"new branch: {NEW_BRANCH}" in out
    names, branches = stored(data_dir)
    assert names == sorted(["张三", "卓玛才让", "马福海", "李秀兰", "才让东智"])
    assert branches == sorted([KNOWN_BRANCH, NEW_BRANCH])


@pytest.mark.parametrize("kind", ["xlsx", "xls", "csv"])
def test_bad_rows_exit_1_with_one_line_each_and_nothing_imported(data_dir, tmp_path, capsys, kind):
    if kind == "xlsx":
        path, first = write_xlsx(tmp_path / "bad.xlsx", bad_rows()), 8
    elif kind == "xls":
        path, first = BAD_XLS, 8
    else:
        path, first = write_csv(tmp_path / "bad.csv", bad_rows(), encoding="gbk"), 7  # no title row

    assert import_roster(data_dir, path) == 1

    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"row {first}: 联系电话：手机号码应为以1开头的11位数字，现为7位",
        f"row {first + 1}: 性别与身份证号（男）不符",
    ]
    assert "nothing imported: 2 of 7 rows are bad" in out
    assert stored(data_dir) == ([], [])


def test_skip_invalid_imports_the_good_rows_and_lists_the_rest(data_dir, tmp_path, capsys):
    path = write_xlsx(tmp_path / "bad.xlsx", bad_rows())

    assert import_roster(data_dir, path, "--skip-invalid") == 0

    out, err = capsys.readouterr()
    assert [line.split(":")[0] for line in err.splitlines()] == ["row 8", "row 9"]
    assert "imported 5 members from bad.xlsx, skipped 2 bad rows" in out
    assert len(stored(data_dir)[0]) == 5


def test_a_second_import_of_the_same_file_changes_nothing(data_dir, tmp_path, capsys):
    path = write_xlsx(tmp_path / "r.xlsx", good_rows())
    assert import_roster(data_dir, path) == 0
    capsys.readouterr()

    assert import_roster(data_dir, path) == 0
    assert "nothing to change: the 5 members" in capsys.readouterr().out
    assert len(stored(data_dir)[0]) == 5


def test_a_revised_roster_updates_members_by_id_number(data_dir, tmp_path, capsys):
    assert import_roster(data_dir, write_xlsx(tmp_path / "r.xlsx", good_rows())) == 0
    capsys.readouterr()
    revised = good_rows()
    phone = HEADER.index("联系电话")
    revised[0][phone] = "13800001111"
    revised.append(member_row("新党员", dt.date(1991, 2, 3), 40))
    revised.append(["合计：6人"])
    assert import_roster(data_dir, write_xlsx(tmp_path / "r2.xlsx", revised)) == 0
    out = capsys.readouterr().out
    assert "imported 1 members from r2.xlsx, updated 1 members" in out
    assert "联系电话 13912345678→13800001111" in out
    assert "summary row" in out
    assert len(stored(data_dir)[0]) == 6


def test_an_unreadable_file_is_one_line(data_dir, tmp_path, capsys):
    assert import_roster(data_dir, tmp_path / "missing.xls") == 1
    assert capsys.readouterr().err.splitlines() == [f"{tmp_path / 'missing.xls'}: 找不到文件"]
