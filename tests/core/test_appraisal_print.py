"""The appraisal papers, checked by what they say and where they put it."""

import datetime as dt
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

import main
from dahe_desktop.appraisal import results, runs
from dahe_desktop.appraisal.printouts.common import SheetPlan, posted_results, sheet_plans
from dahe_desktop.appraisal.printouts.job import RESULTS, SCORE_SHEETS, SLIPS, AppraisalPrint
from dahe_desktop.appraisal.printouts.posting import BLOCK
from dahe_desktop.appraisal.printouts.score_sheets import render_score_sheets
from dahe_desktop.appraisal.records import AppraisalError
from dahe_desktop.township import posting_info
from db import close_database, open_database
from db.connection import DB_FILENAME
from tests.helpers.appraisal import fill, scoring_run


def pdf_text(path) -> list[str]:
    return [re.sub(r"\s", "", p.extract_text()) for p in PdfReader(str(path)).pages]


def finalized_run():
    run_id, ids = scoring_run()
    runs.excuse(ids["subject:李国强"], "长期卧病")
    fill(run_id)
    results.set_grade(ids["subject:马福祥"], "基本合格", "患病期间未参加组织生活")
    results.set_measures(ids["subject:马福祥"], "由支部书记每月谈心")
    results.set_appeal(ids["subject:马福祥"], "本人无异议")
    results.finalize(run_id)
    return run_id, ids


def test_score_sheets_are_numbered_per_rater_and_category(db, tmp_path):
    run_id, _ = scoring_run()
    plans = sheet_plans(run_id)
    assert [(p.group, p.number, p.category) for p in plans] == [
        ("党员", 1, "一般党员"), ("党员", 1, "老病残党员"), ("党员", 2, "一般党员"), ("党员", 2, "老病残党员"),
        ("群众代表", 1, "一般党员"), ("群众代表", 1, "老病残党员"),
    ]  # fmt: skip
    out = tmp_path / "sheets.pdf"
    result = AppraisalPrint(SCORE_SHEETS, run_id).render(out)
    assert (result.documents, result.pages) == (6, 6) and not result.outside_page()
    first = pdf_text(out)[0]
    assert "扎西村党支部2026年度党员考核评议评分表（一般党员）" in first
    assert "评议人类别：党员" in first and "评分表编号：第1号" in first
    assert "卓玛才让" in first and "马福祥" in first and "李国强" not in first  # 老病残 on its own sheet
    assert "学习党的理论和政策（8分）" in first and "评议人签名" in first
    assert "由支部按记录核定" in first  # clause items are not scored by raters
    assert len(sheet_plans(run_id, copies=3)) == 12


def test_forty_members_and_twelve_items_fit_one_a3_page_and_two_a4_pages(tmp_path):
    plan = SheetPlan("扎西村党支部", 2026, dt.date(2026, 12, 20), "党员干部", "党员", 7,
                     [(f"第{i}项考核内容较长的名称", "12.5") for i in range(12)], [f"党员{i:02d}号" for i in range(40)])
    a3 = render_score_sheets([plan], tmp_path / "a3.pdf", a3=True)
    a4 = render_score_sheets([plan], tmp_path / "a4.pdf")
    assert a3.pages == 1 and a4.pages == 2
    assert not a3.outside_page() and not a4.outside_page()
    text = "".join(pdf_text(tmp_path / "a4.pdf"))
    assert "党员39号" in text and "第2页共2页" in text and "2026年12月20日" in text


def test_the_posting_shows_totals_and_grades_only_in_the_gb9704_block(db, tmp_path):
    run_id, _ = finalized_run()
    out = tmp_path / "posting.pdf"
    info = posting_info(dt.date(2026, 12, 25), 7)
    result = AppraisalPrint(RESULTS, run_id).render(out, info)
    text = "".join(pdf_text(out))
    assert "扎西村党支部2026年度" in text and "党员民主评议结果公示" in text
    assert "公示期为2026年12月25日至2026年12月31日" in text
    assert "卓玛才让" in text and "96.0" in text and "优秀" in text and "基本合格" in text
    assert "按现实表现评定" in text  # an override is marked, its reason is not posted
    for private in ("患病", "长期卧病", "李国强", "老病残", "谈心", "学习党的理论"):
        assert private not in text
    assert "另有1名党员因故未参加本次评议" in text
    assert "中共扎西村党支部" in text and "2026年12月25日" in text and "—1—" in text
    inside = [b for p, b in result.boxes if not (b.y < BLOCK.y - 1)]  # the folio sits below the block
    assert all(BLOCK.x - 0.01 <= b.x and b.right <= BLOCK.right + 0.01 and b.top <= BLOCK.top + 0.01 for b in inside)
    assert BLOCK.x == pytest.approx(28 * mm) and BLOCK.top == pytest.approx(297 * mm - 37 * mm)
    assert (BLOCK.width, BLOCK.height) == (pytest.approx(156 * mm), pytest.approx(225 * mm))


def test_the_slip_has_item_detail_grade_reason_and_measures(db, tmp_path):
    run_id, ids = finalized_run()
    out = tmp_path / "slips.pdf"
    result = AppraisalPrint(SLIPS, run_id, member_ids=[ids["马福祥"]]).render(out)
    assert result.pages == 1 and result.printed_ids == [ids["马福祥"]]
    (text,) = pdf_text(out)
    for wanted in ("党员民主评议结果通知单", "马福祥", "学习党的理论和政策", "96.0分（本支部第1名）", "按分数建议等次优秀",
                   "支委会评定等次基本合格", "患病期间未参加组织生活", "本人无异议", "由支部书记每月谈心"):  # fmt: skip
        assert wanted in text


def test_results_are_not_printed_while_the_passes_disagree(db, tmp_path):
    run_id, _ = scoring_run()
    fill(run_id, passes=(1,))
    with pytest.raises(AppraisalError, match="评议结果尚未确定"):
        posted_results(run_id)


def test_print_commands(data_dir, tmp_path, capsys):
    open_database(data_dir / DB_FILENAME)
    try:
        finalized_run()
    finally:
        close_database()
    base = ["--data-dir", str(data_dir), "print"]
    args = ["--year", "2026", "--branch", "扎西村党支部"]
    assert main.main([*base, "score-sheets", *args, "--a3", str(tmp_path / "s.pdf")]) == 0
    assert "已生成" in capsys.readouterr().out
    assert main.main([*base, "appraisal-results", *args, "--start", "2026-12-25", str(tmp_path / "r.pdf")]) == 0
    assert "1个支部的公示，共1页" in capsys.readouterr().out
    assert main.main([*base, "appraisal-slips", *args, str(tmp_path / "slips.pdf")]) == 0
    assert "3份通知单" in capsys.readouterr().out
    assert main.main([*base, "appraisal-results", "--year", "2025", "--branch", "扎西村党支部", str(tmp_path / "x.pdf")]) == 1
    assert "还没有2025年的考核评议" in capsys.readouterr().err
