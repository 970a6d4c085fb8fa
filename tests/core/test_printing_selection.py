"""Whom to print for: everyone active, a branch, the selection, or the members changed
since their last name card; and the whole job as the CLI runs it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from dahe_desktop.namecards.job import print_name_cards
from dahe_desktop.namecards.selection import (
    ALL,
    BRANCH,
    CHANGED,
    SELECTED,
    CardScope,
    MemberCards,
    record_prints,
)  # fmt: skip
from dahe_desktop.roster.service import change_status, member_data, save_member
from db.models import CardPrint, Member
from main import main
from tests.helpers.roster import PEOPLE, small_roster


def names(scope: CardScope) -> list[str]:
    return [c.name for c in MemberCards(scope)]


def test_scopes(db):
    ids = small_roster()
    change_status([ids["李国强"]], "去世", dt.date(2024, 1, 1))
    everyone = names(CardScope(ALL))
    assert sorted(everyone) == sorted(p[0] for p in PEOPLE if p[0] != "李国强")
    assert len(MemberCards(CardScope(ALL))) == 4
    assert names(CardScope(BRANCH, branch_id=ids["乡机关党支部"])) == ["张晓梅"]
    chosen = (ids["马福祥"], ids["李国强"], ids["卓玛才让"])  # the deceased get no card
    assert sorted(names(CardScope(SELECTED, member_ids=chosen))) == sorted(["马福祥", "卓玛才让"])
    card = next(iter(MemberCards(CardScope(SELECTED, member_ids=(ids["张晓梅"],)))))
    assert (card.branch, card.phone) == ("乡机关党支部", "13912345673")


def test_changed_since_print(db):
    ids = small_roster()
    assert len(MemberCards(CardScope(CHANGED))) == 5  # never printed
    record_prints([ids[p[0]] for p in PEOPLE])
    # Printed "a while ago": edits now are later than the print.
    CardPrint.update(printed_at=dt.datetime(2020, 1, 1)).execute()
    Member.update(updated_at=dt.datetime(2019, 1, 1)).execute()
    assert names(CardScope(CHANGED)) == []
    data = member_data(ids["马福祥"])
    data.phone = "13800000000"
    save_member(data, ids["马福祥"])
    assert names(CardScope(CHANGED)) == ["马福祥"]
    # Another kind of print does not count as a name card.
    record_prints([ids["马福祥"]], kind="contact_card")
    assert names(CardScope(CHANGED)) == ["马福祥"]


def test_print_job_logs_the_members_printed(db):
    ids = small_roster()
    out = io.BytesIO()
    result = print_name_cards(CardScope(BRANCH, branch_id=ids["扎西村党支部"]), out)
    assert result.documents == 4
    assert CardPrint.select().count() == 4
    assert any("监督电话" in w for w in result.warnings)  # not set in a fresh database
    assert len(PdfReader(io.BytesIO(out.getvalue())).pages) == 2


@pytest.fixture
def roster_dir(data_dir):
    from dahe_desktop.paths import database_path
    from db import close_database, open_database

    open_database(database_path(data_dir))
    ids = small_roster()
    # Entered a minute ago: a print now is later than every edit (an edit in the
    # second of a print counts as changed).
    Member.update(updated_at=dt.datetime.now() - dt.timedelta(minutes=1)).execute()
    close_database()
    return data_dir, ids


def test_cli_prints_every_member_with_name_and_phone(roster_dir, tmp_path, capsys):
    data_dir, _ = roster_dir
    out = tmp_path / "cards.pdf"
    assert main(["--data-dir", str(data_dir), "print", "name-cards", "--duplex", str(out)]) == 0
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace(" ", "")
    for name, *_rest, phone in PEOPLE:
        assert name in text and phone in text
    assert "名片5张，2页" in capsys.readouterr().out
    # Printed once: nothing has changed since.
    again = tmp_path / "again.pdf"
    assert (
        main(
            [
                "--data-dir",
                str(data_dir),
                "print",
                "name-cards",
                "--changed-since-print",
                str(again),
            ]
        )
        == 1
    )
    assert "没有需要打印名片的党员" in capsys.readouterr().err


def test_cli_reports_each_problem_on_its_own_line(roster_dir, tmp_path, capsys):
    data_dir, _ = roster_dir
    out = tmp_path / "cards.pdf"
    code = main(
        [
            "--data-dir",
            str(data_dir),
            "print",
            "name-cards",
            "--branch",
            "无此支部",
            "--start",
            "12",
            str(out),
        ]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 2
    assert "无此支部" in err[0] and "--start" in err[1]
    assert not out.exists()


def test_cli_refuses_a_character_no_font_has(roster_dir, tmp_path, capsys):
    data_dir, ids = roster_dir
    from dahe_desktop.paths import database_path
    from db import close_database, open_database

    open_database(database_path(data_dir))
    Member.update(name="王𪚥明").where(Member.id == ids["马福祥"]).execute()
    close_database()
    out = tmp_path / "cards.pdf"
    assert main(["--data-dir", str(data_dir), "print", "name-cards", str(out)]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "王𪚥明" in line and "“𪚥”" in line
    assert not out.exists()


def test_cli_test_sheet_and_one_per_page(roster_dir, tmp_path):
    data_dir, _ = roster_dir
    sheet = tmp_path / "test.pdf"
    assert main(["--data-dir", str(data_dir), "print", "card-test-sheet", str(sheet)]) == 0
    assert len(PdfReader(sheet).pages) == 2
    single = tmp_path / "single.pdf"
    args = ["--data-dir", str(data_dir), "print", "name-cards", "--per-page", "1", "--front-only"]
    assert main([*args, "--no-record", str(single)]) == 0
    assert len(PdfReader(single).pages) == 5


def test_an_edit_in_the_same_second_as_the_print_counts_as_changed(db):
    ids = small_roster()
    at = dt.datetime(2026, 3, 1, 9, 30, 15)
    record_prints([ids[p[0]] for p in PEOPLE])
    CardPrint.update(printed_at=at).execute()
    Member.update(updated_at=at - dt.timedelta(seconds=1)).execute()
    assert names(CardScope(CHANGED)) == []
    # Times are stored to the second: an edit right after printing has the print's time.
    Member.update(updated_at=at).where(Member.id == ids["马福祥"]).execute()
    assert names(CardScope(CHANGED)) == ["马福祥"]
