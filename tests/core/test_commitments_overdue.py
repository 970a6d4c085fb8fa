"""Overdue commitments: days late, the list longest-late first per branch, the workbook,
the 督办单 printout and its CLI."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import main
from dahe_desktop.commitments import overdue
from dahe_desktop.commitments.rules import days_overdue
from dahe_desktop.demo import build_demo

TODAY = dt.date.today()


def test_days_overdue_counts_only_late_work():
    due = TODAY - dt.timedelta(days=12)
    assert days_overdue("承诺中", due, TODAY) == 12
    assert days_overdue("逾期未完成", due, TODAY) == 12
    assert days_overdue("已完成", due, TODAY) == 0
    assert days_overdue("承诺中", TODAY + dt.timedelta(days=3), TODAY) == 0
    assert days_overdue("承诺中", due, TODAY, is_draft=True) == 0


def test_overdue_list_export_and_supervision_print(db, tmp_path):
    build_demo()
    rows = overdue.overdue_list(TODAY.year)
    assert rows and all(r.overdue and r.overdue_days > 0 for r in rows)
    assert {r.status_text for r in rows} == {"逾期未完成"}  # one word for late work
    first_branch = [r for r in rows if r.branch_id == rows[0].branch_id]
    assert [r.overdue_days for r in first_branch] == sorted((r.overdue_days for r in first_branch), reverse=True)

    out = tmp_path / "逾期.xlsx"
    assert overdue.export_overdue(out, rows, year=TODAY.year) == len(rows)
    sheet = load_workbook(out).active
    assert "逾期未完成清单" in sheet["A1"].value
    assert [c.value for c in sheet[2]][:7] == ["支部", "姓名", "职务", "承诺领域", "承诺事项", "完成时间", "逾期天数"]
    assert sheet.max_row == 2 + len(rows)
    assert sheet.cell(row=3, column=7).value == rows[0].overdue_days

    pdf = tmp_path / "督办.pdf"
    result = overdue.render_supervision_list(pdf, TODAY.year)
    branches = {r.branch_name for r in rows}
    assert result.documents == len(branches)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "逾期督办单" in text and rows[0].member_name in text and f"{rows[0].overdue_days}天" in text
    assert not result.outside_page()


def test_supervision_cli(data_dir, tmp_path, capsys):
    assert main.main(["--data-dir", str(data_dir), "demo"]) == 0
    out = tmp_path / "督办.pdf"
    assert main.main(["--data-dir", str(data_dir), "print", "commitment-supervision", "--year", str(TODAY.year), str(out)]) == 0
    assert "个支部" in capsys.readouterr().out and out.exists()


def test_status_filter_reads_as_the_table_says(db):
    from dahe_desktop.commitments.records import CommitmentFilter
    from dahe_desktop.commitments.service import list_commitments

    build_demo()
    late = list_commitments(CommitmentFilter(TODAY.year, status="逾期未完成"))
    assert {r.status_text for r in late} == {"逾期未完成"}
    assert len(late) == len(overdue.overdue_list(TODAY.year))  # marked so, or promised and past due
    promised = list_commitments(CommitmentFilter(TODAY.year, status="承诺中"))
    assert promised and {r.status_text for r in promised} == {"承诺中"}


def test_commitment_search_finds_every_spelling(db):
    from dahe_desktop.commitments.records import CommitmentFilter
    from dahe_desktop.commitments.service import list_commitments
    from dahe_desktop.roster.service import save_branch, save_member
    from tests.core.test_commitments_data import commit
    from tests.helpers.roster import member

    branch = save_branch("长青村党支部", "农牧村")
    mid = save_member(member("江长青", "男", "汉族", dt.date(1980, 1, 1), branch, 1))
    commit(mid, ["修缮村道"], year=TODAY.year)
    for text in ("jcq", "jzq", "江长"):
        assert [r.member_id for r in list_commitments(CommitmentFilter(TODAY.year, name=text))] == [mid], text


@pytest.mark.sqlite_only("writes aimed at the SQLite data file")
def test_the_overdue_export_is_never_written_onto_the_data_file(db):
    from dahe_desktop.safety.outputs import OutputPathError
    from db.connection import database_file

    build_demo()
    rows = overdue.overdue_list(TODAY.year)
    data = database_file()
    before = data.stat().st_size
    with pytest.raises(OutputPathError):
        overdue.export_overdue(data, rows, year=TODAY.year)
    assert data.stat().st_size == before and data.read_bytes()[:15] == b"SQLite format 3"
