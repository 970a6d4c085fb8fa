"""The card and the posting sheet: every commitment's text is in the PDF, nothing is
drawn outside the page, characters no font has refuse the print, versions are stored."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from dahe_desktop.commitments import postings, service
from dahe_desktop.commitments.demo import add_demo_commitments
from dahe_desktop.commitments.printouts import card as cards
from dahe_desktop.commitments.printouts import notice
from dahe_desktop.commitments.printouts.job import PrintJob
from dahe_desktop.commitments.records import (
    CONTENT_MAX,
    MAX_PER_YEAR,
    QUALITY_MAX,
    PostedCard,
    PostedItem,
)
from dahe_desktop.commitments.rules import CommitmentError
from dahe_desktop.printing.fonts import MissingGlyphsError
from dahe_desktop.printing.posting import PostingInfo
from tests.core.test_commitments_data import item, make_roster, replace_all

INFO = PostingInfo("中共大河乡委员会", "0974-8591234", dt.date(2026, 3, 1), dt.date(2026, 3, 1), dt.date(2026, 3, 7))
LONG = ("组织本社牧户开展牲畜春秋两季防疫，做到应免尽免、不漏一户，" * 5)[:CONTENT_MAX]
LONG_Q = ("免疫密度达到100%，建立防疫台账，群众满意率90%以上，" * 4)[:QUALITY_MAX]


def squeeze(text: str) -> str:
    return "".join(text.split())


def pdf_text(path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    return len(reader.pages), squeeze("".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def township(db):
    roster = make_roster(2, 7)
    add_demo_commitments(2026, seed=7, as_of=dt.date(2026, 3, 1))
    first = roster["大河乡第1村党支部"][0]
    replace_all(first, 2026, [item(LONG, quality=LONG_Q) for _ in range(MAX_PER_YEAR)])
    return roster


def test_demo_gives_every_active_member_one_to_five(township):
    assert service.members_without(2026) == []
    counts: dict[int, int] = {}
    for row in service.printable_commitments(2026):
        counts[row.member_id] = counts.get(row.member_id, 0) + 1
    assert set(counts) == {m for ids in township.values() for m in ids}
    assert all(1 <= n <= 5 for n in counts.values())


@pytest.mark.parametrize("a4", [False, True])
def test_cards_hold_every_commitment_inside_the_page(township, tmp_path, a4):
    out = tmp_path / "cards.pdf"
    result = PrintJob(postings.CARD, 2026, large=a4).print_to(out, INFO)
    rows = service.printable_commitments(2026)
    members = {r.member_id for r in rows}
    assert result.documents == len(members) == 14
    pages, text = pdf_text(out)
    assert pages == result.pages == (14 if a4 else 7)
    for row in rows:
        assert squeeze(row.content) in text and squeeze(row.quality) in text
        assert row.member_name in text
    assert "党员公开承诺卡" in text and "0974-8591234" in text and "承诺人（签字）" in text
    assert result.outside_page() == [] and result.clipped == []
    # the print is a posting: one version per member is kept
    assert postings.last_posting(rows[0].member_id, 2026, postings.CARD) is not None


@pytest.mark.parametrize("a3", [False, True])
def test_notice_table_holds_every_commitment_with_header_on_each_page(township, tmp_path, a3):
    branch_id = service.member_brief(township["大河乡第1村党支部"][0]).branch_id
    out = tmp_path / "notice.pdf"
    result = PrintJob(postings.NOTICE, 2026, branch_id, large=a3).print_to(out, INFO)
    pages, text = pdf_text(out)
    assert pages == result.pages
    for row in service.printable_commitments(2026, branch_id):
        assert squeeze(row.content) in text and squeeze(row.quality) in text
    reader = PdfReader(str(out))
    for page in reader.pages:  # the header row repeats on every page; the closing never stands alone
        assert "序号姓名职务（岗位）承诺领域承诺事项完成时间达到的质量要求" in squeeze(page.extract_text())
    assert squeeze("大河乡第1村党支部2026年度党员公开承诺公示") in text
    assert "公示期为2026年3月1日至2026年3月7日" in text and "2026年3月1日" in text
    assert result.outside_page() == [] and result.clipped == []
    assert postings.last_posting(township["大河乡第1村党支部"][0], 2026, postings.NOTICE) is not None


def test_a_long_branch_runs_over_pages_with_headers(db, tmp_path):
    items = [PostedItem(i, 1, "传授技术", f"{LONG[:100]}第{i}项", "2026-06-30", LONG_Q) for i in range(60)]
    many = [PostedCard(i, f"党员{i}", "", "大河村党支部", 2026, items[i * 3 : i * 3 + 3]) for i in range(20)]
    out = tmp_path / "long.pdf"
    result = notice.render_notice([notice.NoticeBranch("大河村党支部", many)], out, INFO)
    reader = PdfReader(str(out))
    assert len(reader.pages) == result.pages >= 3
    for number, page in enumerate(reader.pages, start=1):
        page_text = squeeze(page.extract_text())
        assert f"第{number}页共{result.pages}页" in page_text
        if number < result.pages:
            assert "承诺事项" in page_text and "达到的质量要求" in page_text
    text = "".join(squeeze(p.extract_text()) for p in reader.pages)
    assert all(squeeze(i.content) in text for i in items)
    assert result.outside_page() == []


POSITION_30 = "村党支部副书记兼村委会副主任、村务监督委员会委员兼综合网格员"
WIDE_POSITION = POSITION_30 * 4  # far longer than the roster allows (an old posted version): cut


def _long_header_cards() -> list[PostedCard]:
    item_ = PostedItem(1, 1, "兴办实事", "修缮一社村道2公里", "2026-06-30", "群众满意")
    branch = "大河乡第一村党支部联合党委第二网格党小组"
    return [PostedCard(1, "卓玛才让", POSITION_30, "大河乡第1村党支部", 2026, [item_]),
            PostedCard(2, "阿卜杜热合曼·买买提江", WIDE_POSITION, branch, 2026, [item_])]  # fmt: skip


@pytest.mark.parametrize("a4", [False, True])
def test_a_long_position_shrinks_wraps_and_never_stops_the_cards(db, tmp_path, a4):
    assert len(POSITION_30) == 30
    out = tmp_path / "cards.pdf"
    result = cards.render_cards(_long_header_cards(), out, INFO, a4=a4)
    _, text = pdf_text(out)
    assert POSITION_30 in text and "修缮一社村道2公里" in text
    assert result.clipped == [] and result.outside_page() == []
    # what cannot fit even at the floor in two lines is cut with an ellipsis, and said
    assert "…" in text and any(WIDE_POSITION[:20] in c for c in result.shortened)
    assert any("阿卜杜热合曼·买买提江" in line and "截短" in line for line in result.notes())


def test_a_long_position_in_the_notice(db, tmp_path):
    out = tmp_path / "notice.pdf"
    result = notice.render_notice([notice.NoticeBranch("大河乡第1村党支部", _long_header_cards()[:1])], out, INFO)
    _, text = pdf_text(out)
    assert squeeze(POSITION_30) in text
    assert result.clipped == [] and result.shortened == [] and result.outside_page() == []


def test_a_character_no_font_has_refuses_the_print_naming_the_member(db, tmp_path):
    card = PostedCard(1, "卓玛才让", "", "大河村党支部", 2026, [PostedItem(1, 1, "其他", "修缮村道\U000F0001", "2026-06-30", "合格")])
    out = tmp_path / "refused.pdf"
    with pytest.raises(MissingGlyphsError) as refused:
        cards.render_cards([card], out, INFO)
    assert "卓玛才让" in refused.value.lines[0] and "U+F0001" in refused.value.lines[0]
    assert not out.exists()
    with pytest.raises(MissingGlyphsError):
        notice.render_notice([notice.NoticeBranch("大河村党支部", [card])], out, INFO)


def test_nothing_to_print_says_so(db, tmp_path):
    make_roster(1, 1)
    with pytest.raises(CommitmentError, match="没有可打印"):
        PrintJob(postings.CARD, 2026).print_to(tmp_path / "x.pdf", INFO)


def test_reprint_of_the_posted_version_after_an_edit(township, tmp_path):
    member = township["大河乡第2村党支部"][0]
    PrintJob(postings.CARD, 2026, member_ids=[member]).print_to(tmp_path / "first.pdf", INFO)
    before = [r.content for r in service.member_commitments(member, 2026) if r.status != "已撤回"]
    replace_all(member, 2026, [item("改后的新承诺：修建牲畜暖棚")])
    posted = postings.posted_cards(2026, postings.CARD, member_ids=[member])
    cards.render_cards(posted, tmp_path / "again.pdf", INFO)
    _, text = pdf_text(tmp_path / "again.pdf")
    assert all(squeeze(c) in text for c in before)
    assert "改后的新承诺" not in text


def test_text_that_cannot_fit_refuses_instead_of_cutting(db, tmp_path):
    huge = PostedItem(1, 1, "其他", "修缮村道" * 200, "2026-06-30", "合格")
    card = PostedCard(1, "卓玛才让", "", "大河村党支部", 2026, [huge] * 5)
    out = tmp_path / "cut.pdf"
    with pytest.raises(CommitmentError, match="卓玛才让.*放不下"):
        cards.render_cards([card], out, INFO)
    assert not out.exists()


def test_look_at_the_worst_case_card(township, tmp_path):
    """Five rows at the length limits fit on an A5 card (see the PNG noted in the report)."""
    result = PrintJob(postings.CARD, 2026, member_ids=[township["大河乡第1村党支部"][0]]).print_to(tmp_path / "worst.pdf", INFO)
    assert result.pages == 1 and result.clipped == []
