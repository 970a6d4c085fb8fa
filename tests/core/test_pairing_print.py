"""The pairing printouts: what each says, the official-paper grid of the letters, and no
household kind on a card or a posted list."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

import main
from dahe_desktop.pairing import labels
from dahe_desktop.pairing.printouts.job import (
    print_contact_cards,
    print_letters,
    print_pairing_list,
)
from dahe_desktop.pairing.printouts.letters import NothingPaired
from dahe_desktop.pairing.proposal import apply_proposal, plan_pairings
from dahe_desktop.pairing.service import unpair
from dahe_desktop.printing.official import BLOCK, PITCH
from dahe_desktop.printing.posting import PostingInfo
from db import close_database, open_database
from db.connection import DB_FILENAME
from tests.helpers.pairing import VILLAGE, small_village

INFO = PostingInfo("中共大河乡委员会", "0974-8591234", dt.date(2026, 3, 1), dt.date(2026, 3, 1), dt.date(2026, 3, 7))
SENSITIVE = labels.HARDSHIP_KINDS


def pdf_text(path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    return len(reader.pages), "".join("".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def paired(db):
    ids = small_village()
    apply_proposal(plan_pairings(2026))
    return ids


def test_letters_carry_the_duties_the_households_and_two_signatures(paired, tmp_path):
    out = tmp_path / "l.pdf"
    result = print_letters(2026, paired[VILLAGE], out, issued_on=dt.date(2026, 3, 1))
    pages, text = pdf_text(out)
    assert result.documents == 1 + 4  # the secretary letter and one per member with households
    assert pages == result.pages >= 5
    assert text.count("“结链”责任状") == 5
    assert text.count("惑时有人解、平时有人访、难时有人帮") == 5
    assert "（党支部书记—党员）" in text and "党支部书记（签字）：" in text and "党员代表（签字）：" in text
    assert text.count("联系人（签字）：") == 4 and text.count("农牧户代表（签字）：") == 4
    assert text.count("扎西村党支部2026年3月1日") == 5  # the issuer over the date
    assert "户主1户（4人）" in text and "一社" in text
    assert not any(kind in text for kind in SENSITIVE)
    assert "—1—" in text


def test_letters_keep_to_the_gbt_9704_text_block_and_grid(paired, tmp_path):
    result = print_letters(2026, paired[VILLAGE], tmp_path / "l.pdf", issued_on=dt.date(2026, 3, 1))
    body = [b for _, b in result.boxes if b.y >= BLOCK.y - 0.01]  # all but the page numbers below the block
    assert body and result.outside_page() == []
    assert min(b.x for b in body) >= BLOCK.x - 0.01 and max(b.right for b in body) <= BLOCK.right + 0.5
    assert max(b.top for b in body) <= BLOCK.top + 0.01
    # The pitch is set so that a full line of 28 characters fills the 156 mm block.
    widest = max(b.width for b in body)
    assert BLOCK.width - PITCH < widest <= BLOCK.width + 0.5


def test_contact_cards_name_the_member_and_never_the_kind(paired, tmp_path):
    out = tmp_path / "c.pdf"
    result = print_contact_cards(2026, paired[VILLAGE], out)
    pages, text = pdf_text(out)
    assert result.documents == 12 and pages == 4  # 12 cards: two sheets of fronts and backs
    assert text.count("服务对象：") == 12 and text.count("我是共产党员，有困难请找我") == 12
    assert "服务对象：户主9户" in text and "党支部书记才让书记：139" in text
    assert "联系人才让书记支部书记联系电话13912345600" in text
    assert not any(kind in text for kind in SENSITIVE)


def test_the_posted_list_shows_everyone_and_no_kind(paired, tmp_path):
    out = tmp_path / "p.pdf"
    print_pairing_list(2026, paired[VILLAGE], out, INFO)
    _, text = pdf_text(out)
    assert "扎西村党支部2026年度党员联系服务农牧户公示" in text
    assert "实现全覆盖" in text and "公示期为2026年3月1日至2026年3月7日" in text
    assert "监督电话：0974-8591234" in text
    assert all(f"户主{n}" in text for n in (*range(1, 11), 12)) and "外出家" in text
    assert not any(kind in text for kind in SENSITIVE)


def test_the_list_claims_full_coverage_only_when_true(paired, tmp_path):
    unpair(2026, [paired["户1"]])
    out = tmp_path / "p.pdf"
    print_pairing_list(2026, paired[VILLAGE], out, INFO)
    assert "实现全覆盖" not in pdf_text(out)[1]


def test_nothing_paired_is_refused(db, tmp_path):
    ids = small_village()
    with pytest.raises(NothingPaired, match="没有结对"):
        print_letters(2026, ids[VILLAGE], tmp_path / "l.pdf")


def test_print_commands_write_the_three_printouts(data_dir, tmp_path, capsys):
    open_database(data_dir / DB_FILENAME)
    try:
        small_village()
        apply_proposal(plan_pairings(2026))
    finally:
        close_database()
    base = ["--data-dir", str(data_dir), "print"]
    assert main.main([*base, "contact-cards", "--year", "2026", "--duplex", str(tmp_path / "c.pdf")]) == 0
    assert main.main([*base, "pairing-letters", "--year", "2026", "--branch", VILLAGE, str(tmp_path / "l.pdf")]) == 0
    assert main.main([*base, "pairing-list", "--year", "2026", "--branch", VILLAGE, "--start", "2026-03-01",
                      str(tmp_path / "p.pdf")]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "联系卡12张" in out and "结链责任状5份" in out and "结对公示1页" in out
    assert main.main([*base, "pairing-list", "--year", "2025", "--branch", VILLAGE, str(tmp_path / "x.pdf")]) == 1
    assert "2025年所选支部没有结对" in capsys.readouterr().err


def test_contact_cards_follow_the_card_designs_print_shop_colours(paired, tmp_path):
    from dahe_desktop.namecards.design import CardDesign, load_design, save_design

    design = load_design()
    save_design(CardDesign(**{**design.to_dict(), "cmyk": True}))
    out = tmp_path / "c.pdf"
    print_contact_cards(2026, paired[VILLAGE], out)
    content = PdfReader(str(out)).pages[0].get_contents().get_data().decode("latin-1")
    assert " k\n" in content or " k " in content  # process colours (CMYK fill operator)
    assert " rg\n" not in content and " rg " not in content
