"""`package export` and `package import FILE [--apply]` from the command line."""

from __future__ import annotations

import dataclasses
import os
import stat

import pytest

import main
from dahe_desktop.roster.service import member_data, save_member
from db.models import Member
from tests.helpers.county import make_township, opened


def run(data, *args) -> int:
    return main.main(["--data-dir", str(data), *args])


def test_export_then_preview_then_apply(tmp_path, capsys):
    township, county = tmp_path / "township", tmp_path / "county"
    township.mkdir(), county.mkdir()
    make_township(township / "dahe.sqlite3", demo=False)
    assert run(township, "package", "export", "--out", str(tmp_path)) == 0
    out = capsys.readouterr().out
    assert "第1号" in out and "完整身份证号" in out
    (package,) = tmp_path.glob("*.dahepkg")
    assert run(county, "package", "import", str(package)) == 0
    out = capsys.readouterr().out
    assert "新增" in out and "nothing imported" in out
    with opened(county / "dahe.sqlite3"):
        assert Member.select().count() == 0
    assert run(county, "package", "import", str(package), "--apply") == 0
    assert "已导入" in capsys.readouterr().out
    assert run(county, "package", "import", str(package), "--apply") == 0
    assert "导入过" in capsys.readouterr().out
    with opened(county / "dahe.sqlite3"):
        assert Member.select().count() == 5


def test_conflicts_and_bad_files_exit_1_with_one_line_each(tmp_path, capsys):
    township, county = tmp_path / "township", tmp_path / "county"
    township.mkdir(), county.mkdir()
    make_township(township / "dahe.sqlite3", demo=False)
    assert run(township, "package", "export") == 0
    (first,) = (township / "packages").glob("*.dahepkg")
    assert run(county, "package", "import", str(first), "--apply") == 0
    for folder, phone in ((county, "13800000009"), (township, "13800000001")):
        with opened(folder / "dahe.sqlite3"):
            member = Member.get(Member.name == "马福祥")
            save_member(dataclasses.replace(member_data(member.id), phone=phone), member.id)
    assert run(township, "package", "export") == 0
    (second,) = (township / "packages").glob("*第2号*")
    capsys.readouterr()
    assert run(county, "package", "import", str(second), "--apply") == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("冲突 党员“马福祥") and "--keep-county" in err[-1]
    assert run(county, "package", "import", str(second), "--apply", "--take-township") == 0
    with opened(county / "dahe.sqlite3"):
        assert Member.get(Member.name == "马福祥").phone == "13800000001"
    junk = tmp_path / "junk.dahepkg"
    junk.write_bytes(b"not a zip at all")
    capsys.readouterr()
    assert run(county, "package", "import", str(junk)) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


@pytest.mark.skipif(os.name != "posix", reason="Windows keeps the data in the user's own folder")
def test_the_packages_kept_beside_the_data_are_readable_by_the_clerk_only(tmp_path, capsys):
    township, stick = tmp_path / "township", tmp_path / "usb"
    township.mkdir(), stick.mkdir()
    make_township(township / "dahe.sqlite3", demo=False)
    assert run(township, "package", "export", "--out", str(stick)) == 0  # a copy is kept beside the data
    assert run(township, "package", "export") == 0  # and the default folder is that one
    kept = township / "packages"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in [*kept.iterdir(), *stick.iterdir()]} == {0o600}
