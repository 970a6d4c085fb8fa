"""`main.py print commitment-cards / commitment-notice` end to end."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

import main
from dahe_desktop.commitments import service
from dahe_desktop.commitments.demo import add_demo_commitments
from db import close_database, open_database
from db.connection import DB_FILENAME
from db.models import Member
from tests.core.test_commitments_data import item, make_roster


def _prepare(data_dir) -> dict[str, list[int]]:
    open_database(data_dir / DB_FILENAME)
    roster = make_roster(2, 3)
    add_demo_commitments(2026, as_of=dt.date(2026, 2, 1))
    close_database()
    return roster


def test_cards_and_notice_from_the_command_line(data_dir, tmp_path, capsys):
    _prepare(data_dir)
    cards = tmp_path / "cards.pdf"
    code = main.main(["--data-dir", str(data_dir), "print", "commitment-cards", "--year", "2026",
                      "--branch", "大河乡第1村党支部", "--start", "2026-03-01", str(cards)])  # fmt: skip
    assert code == 0
    assert "3份，共2页" in capsys.readouterr().out
    assert len(PdfReader(str(cards)).pages) == 2
    a4 = tmp_path / "a4.pdf"
    assert main.main(["--data-dir", str(data_dir), "print", "commitment-cards", "--year", "2026", "--a4", str(a4)]) == 0
    assert len(PdfReader(str(a4)).pages) == 6

    posting = tmp_path / "notice.pdf"
    code = main.main(["--data-dir", str(data_dir), "print", "commitment-notice", "--year", "2026",
                      "--branch", "大河乡第2村党支部", "--a3", "--days", "5", str(posting)])  # fmt: skip
    assert code == 0
    page = PdfReader(str(posting)).pages[0]
    assert round(float(page.mediabox.width)) == 1191  # A3 landscape
    assert "大河乡第2村党支部2026年度党员公开承诺公示" in "".join(page.extract_text().split())


def test_reprint_of_the_posted_version(data_dir, tmp_path):
    roster = _prepare(data_dir)
    args = ["--data-dir", str(data_dir), "print", "commitment-notice", "--year", "2026", "--branch", "大河乡第1村党支部"]
    assert main.main([*args, str(tmp_path / "first.pdf")]) == 0
    open_database(data_dir / DB_FILENAME)
    service.save_member_commitments(roster["大河乡第1村党支部"][0], 2026, [item("公示后新增的承诺")])
    close_database()
    assert main.main([*args, "--posted", str(tmp_path / "posted.pdf")]) == 0
    assert main.main([*args, str(tmp_path / "now.pdf")]) == 0
    posted = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "posted.pdf")).pages)
    now = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "now.pdf")).pages)
    assert "公示后新增的承诺" not in posted and "公示后新增的承诺" in now


def test_bad_input_is_one_line_each(data_dir, tmp_path, capsys):
    _prepare(data_dir)
    code = main.main(["--data-dir", str(data_dir), "print", "commitment-notice", "--year", "2026",
                      "--branch", "没有这个支部", str(tmp_path / "x.pdf")])  # fmt: skip
    assert code == 1 and "没有名为“没有这个支部”的支部" in capsys.readouterr().err
    code = main.main(["--data-dir", str(data_dir), "print", "commitment-cards", "--year", "2030", str(tmp_path / "y.pdf")])
    assert code == 1 and "没有可打印的承诺卡" in capsys.readouterr().err
    assert not (tmp_path / "y.pdf").exists()


def test_an_unwritable_file_is_one_line(data_dir, tmp_path, capsys):
    _prepare(data_dir)
    for out in (tmp_path / "no-such-folder" / "x.pdf", tmp_path):
        code = main.main(["--data-dir", str(data_dir), "print", "commitment-cards", "--year", "2026", str(out)])
        err = capsys.readouterr().err
        assert code == 1 and err.startswith(f"无法写入 {out}：") and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1


def test_every_bad_option_is_reported_at_once(data_dir, tmp_path, capsys):
    _prepare(data_dir)
    code = main.main(["--data-dir", str(data_dir), "print", "commitment-notice", "--year", "2026", "--branch", "没有这个支部",
                      "--start", "2026-02-30", "--days", "0", str(tmp_path / "x.pdf")])  # fmt: skip
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(lines) == 3
    assert lines[0].startswith("--start:") and lines[1].startswith("--days:") and lines[2].startswith("--branch:")


def test_an_overlong_position_does_not_stop_the_township(data_dir, tmp_path, capsys):
    """A 职务 longer than the 30-character cap (saved before it): the cards print, cut and said."""
    roster = _prepare(data_dir)
    open_database(data_dir / DB_FILENAME)
    Member.update(position="村党支部副书记兼村委会副主任、村务监督委员会委员兼综合网格员" * 4).where(
        Member.id == roster["大河乡第1村党支部"][0]
    ).execute()
    close_database()
    code = main.main(["--data-dir", str(data_dir), "print", "commitment-cards", "--year", "2026", str(tmp_path / "c.pdf")])
    out = capsys.readouterr().out
    assert code == 0 and "已生成" in out
    assert "注意：" in out and "截短" in out
