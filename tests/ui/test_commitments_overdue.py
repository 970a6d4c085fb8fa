"""Overdue work in the 公开承诺 tab: 逾期天数, the footer counting what is shown, the
export of the overdue list, the 督办单 dialog, and cards for the selected members."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from dahe_desktop.commitments import postings
from tests.core.test_commitments_data import commit, make_roster
from ui.commitments.print_dialog import CommitmentPrintDialog
from ui.commitments.supervision_dialog import SupervisionPrintDialog
from ui.commitments.tab import CommitmentsTab

YEAR = dt.date.today().year


@pytest.fixture
def tab(db, qtbot):
    roster = make_roster(2, 3)
    b1, b2 = roster.values()
    commit(b1[0], ["修缮一社村道2公里", "牲畜春秋两季防疫"], year=YEAR, month=1)  # long past due
    commit(b2[0], ["带动5户加入牦牛养殖合作社"], year=YEAR, month=12)
    widget = CommitmentsTab()
    qtbot.addWidget(widget)
    widget.show()
    widget.roster = roster
    return widget


def column(model, title: str) -> int:
    return next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == title)


def test_overdue_days_and_one_overdue_label(tab):
    model = tab.overdue_model
    assert model.rowCount() == 2
    days = [model.index(r, column(model, "逾期天数")).data() for r in range(model.rowCount())]
    assert all(int(d) > 200 for d in days)
    assert {model.index(r, column(model, "状态")).data() for r in range(model.rowCount())} == {"逾期未完成"}


def test_footer_counts_what_the_page_shows(tab):
    assert tab.count.text() == "显示 3 项"
    tab.pages.setCurrentIndex(1)
    assert tab.count.text() == "逾期未完成 2 项"
    tab.pages.setCurrentIndex(3)
    assert tab.count.text() == f"尚未承诺 {tab.without_model.rowCount()} 人"
    tab.pages.setCurrentIndex(0)
    tab.search.setText("zzzz")
    assert tab.count.text() == "显示 0 项"


def test_overdue_list_exported_to_excel(tab, tmp_path, monkeypatch):
    out = tmp_path / "逾期.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert tab.export_overdue_button.isEnabled()
    tab.export_overdue_button.click()
    sheet = load_workbook(out).active
    assert sheet.max_row == 4 and "修缮一社村道2公里" in [c.value for c in sheet[3]] + [c.value for c in sheet[4]]


def test_supervision_dialog_previews_one_list_per_branch(tab, qtbot, tmp_path):
    dialog = SupervisionPrintDialog(YEAR, None, tab)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.status.text().startswith("共1个支部的督办单")
    dialog.save_to(tmp_path / "督办.pdf")
    assert (tmp_path / "督办.pdf").read_bytes().startswith(b"%PDF")


def test_commitment_cards_default_to_the_members_selected(tab, qtbot):
    tab.table.selectRow(0)
    ids = [r.member_id for r in tab.selected_rows()]
    dialog = CommitmentPrintDialog(postings.CARD, YEAR, None, ids, tab)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.scope.currentData() == "selected"
    assert dialog.status.text().startswith("共1张承诺卡")
