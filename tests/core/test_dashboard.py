"""工作概况: figures from every feature, optional providers, the paragraphs, the Word file."""

import datetime as dt

import pytest
from docx import Document

from dahe_desktop.dashboard import providers
from dahe_desktop.dashboard.figures import compute_dashboard
from dahe_desktop.dashboard.paragraphs import about, teams_paragraph
from dahe_desktop.dashboard.report import build_report
from dahe_desktop.dashboard.word import write_docx
from dahe_desktop.service import labels as L
from dahe_desktop.service.records import ItemInput, TeamInput, VisitInput
from dahe_desktop.service.teams import save_team
from dahe_desktop.service.visits import save_visit
from tests.helpers.roster import small_roster

TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(("n", "text"), [(17, "17"), (100, "100"), (104, "100多"), (135, "130多"), (1054, "1000多"),
                                         (1254, "1200多"), (1200, "1200")])
def test_large_counts_are_rounded_the_way_the_seed_writes_them(n, text):
    assert about(n) == text


@pytest.fixture
def little_township(db):
    ids = small_roster()
    branch = ids["扎西村党支部"]
    save_team(TeamInput(branch, L.SERVICE_TEAM, "扎西村支部服务队", 2025, leader_id=ids["扎西多杰"]))
    save_team(TeamInput(branch, L.CO_PROSPERITY_GROUP, "屠宰贩销共富组", 2025, leader_id=ids["马福祥"], trade="屠宰贩销",
                        villagers=["拉毛", "尼玛"], households=[("才让东智", "三社")]))
    save_visit(VisitInput(ids["卓玛才让"], dt.date(2026, 10, 8), "走访", "才让东智户", "", [
        ItemInput("基础设施", "进社道路泥泞", "才让东智", L.ROUTE_COMMITTEE, due_date=dt.date(2026, 11, 1)),
    ]), today=TODAY)  # fmt: skip
    return ids


def test_figures_per_branch_and_for_the_township(little_township):
    d = compute_dashboard(2026, TODAY)
    assert d.values["service_teams"] == 1 and d.values["co_prosperity_people"] == 3
    assert (d.values["visits"], d.values["items_open"], d.values["items_overdue"]) == (1, 1, 1)
    by_name = {b.branch_name: b.values for b in d.branches}
    assert by_name["扎西村党支部"]["co_prosperity_groups"] == 1
    assert by_name["乡机关党支部"]["visits"] == 0
    assert by_name["乡机关党支部"]["members"] == 1


def test_missing_features_show_as_unavailable_and_a_provider_fills_them(little_township):
    d = compute_dashboard(2026, TODAY)
    if providers.provider_for("pairing") is None:
        assert d.values["households"] is None and "households_uncovered" in d.unavailable
        assert d.as_json()["households"] == 0
        assert "未联系户" not in build_report(d).header  # no column of dashes on the paper
    branch = little_township["扎西村党支部"]
    fake = providers.FeatureFigures({"households": 40, "households_covered": 38, "households_uncovered": 2},
                                    {branch: {"households": 40, "households_covered": 38, "households_uncovered": 2}})
    providers.register_provider("pairing", lambda year, today: fake, kinds=("households",))
    try:
        d = compute_dashboard(2026, TODAY)
        assert "households" in providers.watched_kinds()
    finally:
        providers.unregister_provider("pairing")
    assert d.values["households_uncovered"] == 2 and "households" not in d.unavailable
    assert {b.branch_name: b.values["households"] for b in d.branches} == {"扎西村党支部": 40, "乡机关党支部": 0}
    assert "结对联系农牧户40户，覆盖率95.0%，尚未联系2户" in build_report(d).text()
    assert build_report(d).header[-1] == "未联系户" and build_report(d).rows[-1][-1] == "2"


def test_the_teams_paragraph_names_the_main_trades(little_township):
    text = teams_paragraph(compute_dashboard(2026, TODAY), "大河乡")
    assert text == ("大河乡通过开展“三队三强”活动，组建支部服务队1个，党员帮扶队0个，能人示范队0个，产业经营典型户0户，"
                    "组建屠宰贩销等各类党群共富组1个，成员3人，帮带贫困户1户。")


def test_the_word_file_reads_back_with_the_paragraphs_and_the_table(little_township, tmp_path):
    content = build_report(compute_dashboard(2026, TODAY))
    path = write_docx(content, tmp_path / "report.docx")
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[0] == "大河乡2026年党员联系服务群众工作情况"
    assert content.sections[0][1] in texts and content.sections[1][1] in texts
    assert texts[-3:-1] == ["中共大河乡委员会", "2026年12月1日"]
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells][:3] == ["党支部", "党员", "三队三强"]
    assert [c.text for c in table.rows[1].cells][:4] == ["扎西村党支部", "4", "2", "3"]
    assert table.rows[-1].cells[0].text == "合计"
    section = doc.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    assert round(section.page_width.mm - section.left_margin.mm - section.right_margin.mm) == 156
    title_run = doc.paragraphs[0].runs[0]
    assert title_run.font.size.pt == 22 and title_run.font.bold


@pytest.mark.sqlite_only("writes aimed at the SQLite data file")
def test_the_word_file_is_never_written_onto_the_data_file_or_a_backup(little_township):
    from dahe_desktop.safety.backups import make_backup
    from dahe_desktop.safety.outputs import OutputPathError
    from db.connection import database_file

    content = build_report(compute_dashboard(2026, TODAY))
    for target in (database_file(), make_backup()):
        before = target.read_bytes()
        with pytest.raises(OutputPathError):
            write_docx(content, target)
        assert target.read_bytes() == before
