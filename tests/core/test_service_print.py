"""The service papers and the report PDF: what they say, and the GB/T 9704 geometry."""

import datetime as dt
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from dahe_desktop.dashboard.figures import compute_dashboard
from dahe_desktop.dashboard.printouts import report as report_pdf
from dahe_desktop.dashboard.report import build_report
from dahe_desktop.service import labels as L
from dahe_desktop.service.papers import follow_up_slips, member_handbook, supervision_list
from dahe_desktop.service.printouts.handbook import render_handbooks
from dahe_desktop.service.printouts.slip import render_slips
from dahe_desktop.service.printouts.supervision import render_supervision
from dahe_desktop.service.records import ItemFilter, ItemInput, ItemStep, VisitInput
from dahe_desktop.service.rules import ServiceError
from dahe_desktop.service.visits import list_items, save_visit, take_step
from tests.helpers.roster import small_roster

TODAY = dt.date(2026, 12, 1)


def pdf_text(path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    return len(reader.pages), re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def raised(db):
    ids = small_roster()
    save_visit(VisitInput(ids["卓玛才让"], dt.date(2026, 9, 8), "走访", "三社才让东智户", "想修进社的路", [
        ItemInput("基础设施", "三社进村道路雨后泥泞", "才让东智", L.ROUTE_COMMITTEE, owner="马主任", due_date=dt.date(2026, 10, 8)),
        ItemInput("政策咨询", "草补资金何时发放", "尼玛", L.ROUTE_OFFICE, "财政所", owner="财政所", due_date=dt.date(2026, 12, 30)),
    ]), today=TODAY)  # fmt: skip
    items = {i.content: i.id for i in list_items(ItemFilter(year=2026), TODAY)}
    done = items["草补资金何时发放"]
    for to, kw in ((L.REPORTED, {}), (L.IN_HAND, {}), (L.SOLVED, {"result": "已查询一卡通到账明细并告知"})):
        take_step([done], ItemStep(to, dt.date(2026, 9, 20), **kw))
    return ids, items


def test_the_handbook_lists_the_visits_and_how_each_item_ended(raised, tmp_path):
    ids, items = raised
    result = render_handbooks([member_handbook(ids["卓玛才让"], 2026, TODAY)], tmp_path / "h.pdf")
    pages, text = pdf_text(tmp_path / "h.pdf")
    assert pages == result.pages == 1
    for expected in ("党员社情民意手册（2026年）", "卓玛才让", "扎西村党支部", "一、走访记录", "三社才让东智户",
                     "三社进村道路雨后泥泞", "已收集（已逾期）", "已办结：已查询一卡通到账明细并告知；尚未反馈群众"):
        assert expected in text, expected


def test_the_supervision_list_puts_overdue_first_and_names_the_days(raised, tmp_path):
    ids, items = raised
    sheet = supervision_list(ids["扎西村党支部"], 2026, TODAY)
    result = render_supervision([sheet], tmp_path / "s.pdf", "中共大河乡委员会")
    _, text = pdf_text(tmp_path / "s.pdf")
    assert "扎西村党支部社情民意督办清单" in text
    assert "截至2026年12月1日，未向群众反馈办理结果2条，其中超过办理时限1条" in text
    assert "三社进村道路雨后泥泞村委会2026-10-08已收集54" in text  # 54 days late
    assert "中共大河乡委员会2026年12月1日" in text
    assert sorted(result.printed_ids) == sorted(items.values())
    with pytest.raises(ServiceError, match="不需要督办清单"):
        render_supervision([supervision_list(ids["乡机关党支部"], 2026, TODAY)], tmp_path / "none.pdf", "中共大河乡委员会")


def test_follow_up_slips_two_to_a_sheet(raised, tmp_path):
    _, items = raised
    result = render_slips(follow_up_slips(list(items.values()), TODAY), tmp_path / "f.pdf")
    pages, text = pdf_text(tmp_path / "f.pdf")
    assert (pages, result.documents) == (1, 2)
    assert text.count("社情民意办理结果回访单") == 2
    assert "已查询一卡通到账明细并告知" in text and "（尚未办结）" in text
    assert "□满意□基本满意□不满意" in text


def test_the_report_pdf_is_an_official_paper(raised, tmp_path):
    content = build_report(compute_dashboard(2026, TODAY))
    result = report_pdf.render_report(content, tmp_path / "r.pdf")
    pages, text = pdf_text(tmp_path / "r.pdf")
    assert pages == result.pages >= 2
    assert text.startswith("大河乡2026年党员联系服务群众工作情况")
    flowing = re.sub(r"—\d+—", "", text)  # a paragraph may run on past a page number
    for heading, paragraph in content.sections:
        assert re.sub(r"\s+", "", heading) in text
        assert paragraph in flowing
    assert "中共大河乡委员会2026年12月1日" in text and "—1—" in text
    assert "附表：各党支部2026年党员联系服务群众工作情况" in text
    w, h = result.page_size
    assert (round(w / mm), round(h / mm)) == (210, 297)
    ink = [b for _, b in result.boxes]
    assert not result.outside_page()
    body = [b for p, b in result.boxes if p == 0 and b.y > 35 * mm - 1]  # the text block of page 1
    assert min(b.x for b in body) == pytest.approx(28 * mm, abs=0.5)
    assert max(b.top for b in body) <= h - 37 * mm + 0.5
    assert max(b.right for b in ink if b.y > 35 * mm) <= (28 + 156) * mm + 0.5


def test_the_print_commands_and_the_pdf_report(data_dir, tmp_path, capsys):
    from main import main

    base = ["--data-dir", str(data_dir)]
    assert main([*base, "demo"]) == 0
    runs = {
        "h.pdf": ["print", "service-handbook", "--year", "2026", "--branch", "大河村党支部"],
        "s.pdf": ["print", "supervision-list", "--as-of", "2026-12-01"],
        "f.pdf": ["print", "follow-up-slips", "--year", "2026", "--branch", "大河村党支部"],
        "r.pdf": ["report", "--year", "2026", "--as-of", "2026-12-01"],
    }
    for name, args in runs.items():
        assert main([*base, *args, str(tmp_path / name)]) == 0, name
    out = capsys.readouterr().out
    assert "本手册" in out and "条未办结" in out and "张回访单" in out
    assert "组建支部服务队17个" in pdf_text(tmp_path / "r.pdf")[1]
    assert main([*base, "print", "service-handbook", "--year", "2026", "--member", "没有此人", str(tmp_path / "x.pdf")]) == 1
    assert "没有名为“没有此人”的在册党员" in capsys.readouterr().err

