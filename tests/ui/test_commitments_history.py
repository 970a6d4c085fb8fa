"""与公示版本比较: every posted version is listed with its date; any one can be compared
with today's commitments and reprinted exactly as it was posted."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox

from dahe_desktop.commitments import postings, service
from dahe_desktop.commitments.records import CommitmentInput
from tests.core.test_commitments_data import commit, item, make_roster
from ui.commitments.history_dialog import PostingHistoryDialog
from ui.commitments.tab import CommitmentsTab

YEAR = dt.date.today().year


def test_every_posted_version_can_be_compared_and_reprinted(qtbot, db, tmp_path, monkeypatch):
    member = make_roster(1, 1)["大河乡第1村党支部"][0]
    road, = commit(member, ["修缮村道"], year=YEAR, month=12)
    postings.record_postings(postings.current_cards(YEAR), postings.CARD, dt.datetime(YEAR, 3, 1, 9))
    rows = service.member_commitments(member, YEAR)
    first = CommitmentInput(rows[0].area, "修缮村道2公里", rows[0].due_date, rows[0].quality, road)
    service.save_member_commitments(member, YEAR, [first, item("义务植树", month=12, year=YEAR)])
    postings.record_postings(postings.current_cards(YEAR), postings.NOTICE, dt.datetime(YEAR, 4, 1, 9))
    service.save_member_commitments(member, YEAR, [item("带动合作社增收", month=12, year=YEAR)])

    tab = CommitmentsTab()
    qtbot.addWidget(tab)
    tab.set_year(YEAR)
    tab.table.selectRow(0)
    monkeypatch.setattr(PostingHistoryDialog, "exec", lambda self: 0)
    tab.show_changes()
    dialog = tab.history_dialog
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        f"{YEAR}-04-01 09:00　承诺公示　2项", f"{YEAR}-03-01 09:00　承诺卡　1项"]  # fmt: skip
    assert "新增：兴办实事｜带动合作社增收" in dialog.changes.toPlainText()  # against the newest
    dialog.list.setCurrentRow(1)
    text = dialog.changes.toPlainText()
    assert f"{YEAR}-03-01 09:00打印的承诺卡" in text and "修缮村道" in text

    out = tmp_path / "old.pdf"
    assert dialog.reprint_to(out)
    printed = "".join("".join(p.extract_text().split()) for p in PdfReader(str(out)).pages)
    assert "修缮村道" in printed and "修缮村道2公里" not in printed and "义务植树" not in printed and "带动合作社增收" not in printed
    assert f"公示期：{YEAR}年3月1日" in printed  # the period starts on the day it was printed
    assert len(postings.posting_history(member, YEAR)) == 2  # a reprint records nothing
    assert not dialog.reprint_to(tmp_path / "no-such-folder" / "x.pdf")
    assert dialog.error.text().startswith("无法写入")


def test_never_posted_says_so(qtbot, db, monkeypatch):
    member = make_roster(1, 1)["大河乡第1村党支部"][0]
    commit(member, ["修缮村道"], year=YEAR, month=12)
    tab = CommitmentsTab()
    qtbot.addWidget(tab)
    tab.set_year(YEAR)
    tab.table.selectRow(0)
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    tab.show_changes()
    assert said == [f"卓玛才让{YEAR}年的承诺尚未打印公示。"]
