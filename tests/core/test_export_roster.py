"""Exporting the roster: importer's headers, masked ID numbers, a tidy sheet, a clean round trip."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

import main
from dahe_desktop import labels
from dahe_desktop.exporting import export_roster, roster_member_ids
from dahe_desktop.importing import apply_roster_import, preview_roster_import
from dahe_desktop.roster.service import change_status, save_branch
from db import close_database, open_database
from db.models import Member
from tests.fixtures.rosters import KNOWN_BRANCH, NEW_BRANCH, good_rows, write_xlsx


@pytest.fixture
def members(db, tmp_path) -> list[int]:
    save_branch(KNOWN_BRANCH, "农牧村")
    apply_roster_import(preview_roster_import(write_xlsx(tmp_path / "in.xlsx", good_rows())))
    return roster_member_ids()


def sheet_rows(path) -> list[tuple]:
    return list(load_workbook(path).active.iter_rows(values_only=True))


def test_headers_masking_and_order(members, tmp_path):
    path = tmp_path / "out.xlsx"
    chosen = [members[3], members[0]]  # the GUI's sorted, filtered view

    assert export_roster(path, chosen) == 2

    title, header, *rows = sheet_rows(path)
    assert title[0].startswith("大河乡党员花名册") and "共2人" in title[0]
    assert header[1:6] == ("姓名", "性别", "民族", "出生日期", "身份证号")
    assert [r[1] for r in rows] == ["李秀兰", "张三"]
    id_column = header.index(labels.FIELD_LABELS["id_number"])
    assert rows[1][id_column] == "632522********003*"  # birth date and check digit hidden
    assert rows[1][header.index("出生日期")] == "1985-03"  # year-month only: the day stays unknown


def test_full_id_numbers_only_when_asked(members, tmp_path):
    export_roster(tmp_path / "full.xlsx", members[:1], include_id_numbers=True)
    _, header, row = sheet_rows(tmp_path / "full.xlsx")
    assert row[header.index("身份证号")] == Member.get_by_id(members[0]).id_number


def test_the_sheet_is_tidy(members, tmp_path):
    export_roster(tmp_path / "out.xlsx", members, include_id_numbers=True, include_sensitive=True)
    sheet = load_workbook(tmp_path / "out.xlsx").active

    assert sheet.freeze_panes == "C3"
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:R1"]
    assert sheet.column_dimensions["F"].width == 21  # 身份证号
    birth = sheet.cell(row=3, column=5)
    assert birth.is_date and birth.value.date() == dt.date(1985, 3, 12)
    assert sheet.cell(row=3, column=11).value == "13912345678"  # phone as text


def test_round_trip_with_id_numbers_reimports_cleanly(members, tmp_path):
    change_status([members[1]], "转出", dt.date(2024, 5, 1))
    every = roster_member_ids(statuses=labels.STATUSES)
    before = [
        (m.name, m.sex, m.ethnicity, m.birth_date, m.id_number, m.education, m.joined_party,
         m.branch.name, m.phone, m.position, m.category, m.status, m.status_date)
        for m in Member.select().order_by(Member.id)
    ]  # fmt: skip
    export_roster(tmp_path / "out.xlsx", every, include_id_numbers=True, include_sensitive=True)

    open_database(tmp_path / "second.sqlite3")  # another township PC
    try:
        preview = preview_roster_import(tmp_path / "out.xlsx")
        assert preview.bad == []
        assert sorted(b.name for b in preview.new_branches) == sorted([KNOWN_BRANCH, NEW_BRANCH])
        apply_roster_import(preview)
        after = [
            (m.name, m.sex, m.ethnicity, m.birth_date, m.id_number, m.education, m.joined_party,
             m.branch.name, m.phone, m.position, m.category, m.status, m.status_date)
            for m in Member.select().order_by(Member.id)
        ]  # fmt: skip
    finally:
        close_database()
    assert after == before


def test_a_masked_export_does_not_reimport(members, tmp_path):
    export_roster(tmp_path / "masked.xlsx", members)
    preview = preview_roster_import(tmp_path / "masked.xlsx")
    assert len(preview.bad) == 5 and "已打码" in preview.bad[0].text


def test_cli_export(data_dir, tmp_path, capsys):
    source = write_xlsx(tmp_path / "in.xlsx", good_rows())
    assert main.main(["--data-dir", str(data_dir), "import", "roster", str(source)]) == 0
    capsys.readouterr()
    out_path = tmp_path / "new.xlsx"

    code = main.main(["--data-dir", str(data_dir), "export", "roster", str(out_path),
                      "--branch", NEW_BRANCH, "--include-id-numbers"])  # fmt: skip

    assert code == 0
    assert capsys.readouterr().out.strip() == f"exported 3 members to {out_path} (full ID numbers)"
    _, header, *rows = sheet_rows(out_path)
    assert {r[header.index("所在支部")] for r in rows} == {NEW_BRANCH}
    assert "*" not in rows[0][header.index("身份证号")]

    assert main.main(["--data-dir", str(data_dir), "export", "roster", str(out_path)]) == 0
    assert "(ID numbers masked)" in capsys.readouterr().out
    assert (
        main.main(
            ["--data-dir", str(data_dir), "export", "roster", str(out_path), "--branch", "无此支部"]
        )
        == 1
    )
    assert capsys.readouterr().err.strip().startswith("--branch: 没有名为“无此支部”的支部")


def test_the_demo_township_survives_export_and_import(tmp_path, capsys):
    """367 members out with ID numbers and into an empty PC: the same 基本情况 figures."""
    first, second, path = tmp_path / "a", tmp_path / "b", tmp_path / "all.xlsx"
    assert main.main(["--data-dir", str(first), "demo"]) == 0
    assert (
        main.main(["--data-dir", str(first), "export", "roster", str(path), "--include-id-numbers"])
        == 0
    )
    assert main.main(["--data-dir", str(second), "import", "roster", str(path)]) == 0
    capsys.readouterr()

    figures = []
    for folder in (first, second):
        main.main(["--data-dir", str(folder), "stats", "--json", "--as-of", "2026-12-31"])
        figures.append(capsys.readouterr().out)
    assert figures[0] == figures[1] and '"rural_branches": 17' in figures[1]


def test_no_masked_export_row_holds_the_masked_id_beside_the_whole_birth_date(db, tmp_path):
    from tests.helpers.roster import PEOPLE, small_roster

    ids = small_roster()
    export_roster(tmp_path / "masked.xlsx", list(ids.values())[2:])
    rows = list(load_workbook(tmp_path / "masked.xlsx").active.iter_rows(min_row=3, values_only=True))
    assert len(rows) == len(PEOPLE)
    for row in rows:
        cells = [str(c) for c in row if c is not None]
        assert any("********" in c for c in cells)
        for _name, _sex, _eth, day, _edu, _phone in PEOPLE:
            assert not any(day.isoformat() in c or f"{day:%Y%m%d}" in c for c in cells)
