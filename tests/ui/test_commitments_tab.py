"""The 公开承诺 tab driven as the clerk drives it: filters, quick entry, the 1-5 message,
bulk status, rollover, and the print dialog."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox

from dahe_desktop.commitments import postings, service
from dahe_desktop.commitments.printouts.job import PrintJob
from dahe_desktop.commitments.records import StatusChange
from dahe_desktop.commitments.rollover import carry_over
from dahe_desktop.printing.posting import PostingInfo
from tests.core.test_commitments_data import commit, make_roster
from ui.commitments.entry_dialog import CommitmentEntryDialog
from ui.commitments.print_dialog import CommitmentPrintDialog
from ui.commitments.status_dialog import BulkStatusDialog
from ui.commitments.tab import CommitmentsTab
from ui.commitments.table_models import CommitmentTableModel, MembersTableModel, ProgressTableModel
from ui.common import events
from ui.printing.pages_view import PagesView
from ui.printing.painter import paint_page, print_pages

YEAR = dt.date.today().year


@pytest.fixture
def roster(db):
    roster = make_roster(2, 3)
    b1, b2 = roster.values()
    commit(b1[0], ["修缮一社村道2公里", "牲畜春秋两季防疫"], year=YEAR, month=12)
    commit(b2[0], ["带动5户加入牦牛养殖合作社"], year=YEAR, month=12)
    return roster


@pytest.fixture
def tab(qtbot, roster):
    widget = CommitmentsTab()
    qtbot.addWidget(widget)
    return widget


def shown(tab: CommitmentsTab) -> list[str]:
    return [tab.proxy.index(r, 5).data() for r in range(tab.proxy.rowCount())]


def test_models_pass_the_model_tester(qtmodeltester, tab):
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.progress_model)
    qtmodeltester.check(tab.without_model)
    assert isinstance(tab.overdue_model, CommitmentTableModel)
    assert isinstance(tab.progress_model, ProgressTableModel) and isinstance(tab.without_model, MembersTableModel)


def test_filters_by_branch_area_status_and_name(qtbot, tab):
    assert sorted(shown(tab)) == sorted(["修缮一社村道2公里", "牲畜春秋两季防疫", "带动5户加入牦牛养殖合作社"])
    tab.branch.setCurrentText("大河乡第2村党支部")
    assert shown(tab) == ["带动5户加入牦牛养殖合作社"]
    tab.branch.setCurrentIndex(0)
    qtbot.keyClicks(tab.search, "zmcr")
    assert sorted(shown(tab)) == sorted(["牲畜春秋两季防疫", "修缮一社村道2公里"])
    tab.search.clear()
    tab.status.setCurrentText("已完成")
    assert shown(tab) == []
    tab.status.setCurrentIndex(0)
    tab.area.setCurrentText("传授技术")
    assert shown(tab) == []
    assert tab.count.text() == "显示 0 项"


def test_members_without_and_progress_are_shown(tab, roster):
    assert tab.without_model.rowCount() == 4
    assert "尚未承诺的党员（4）" in tab.pages.tabText(3)
    total = tab.progress_model.row_at(tab.progress_model.rowCount() - 1)
    assert (total.branch_name, total.active_members, total.committed) == ("合计", 6, 3)


def test_quick_entry_saves_up_to_five_rows_in_one_go(qtbot, tab, roster):
    member = list(roster.values())[0][1]
    dialog = CommitmentEntryDialog(YEAR, member, parent=tab)
    qtbot.addWidget(dialog)
    dialog.set_row(0, "义务出工", "参加义务植树20棵", dt.date(YEAR, 4, 30), "成活率90%以上")
    dialog.set_row(1, "传授技术", "传授青稞种植技术", dt.date(YEAR, 8, 31), "指导5户，亩产提高10%")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    rows = service.member_commitments(member, YEAR)
    assert [r.content for r in rows] == ["参加义务植树20棵", "传授青稞种植技术"]
    # reopening shows them, and clearing one row removes it
    again = CommitmentEntryDialog(YEAR, member, parent=tab)
    qtbot.addWidget(again)
    assert again.rows[1].content.text() == "传授青稞种植技术"
    again.set_row(1, "", "", quality="")
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert [r.content for r in service.member_commitments(member, YEAR)] == ["参加义务植树20棵"]


def test_quick_entry_shows_every_row_and_removes_only_cleared_ones(qtbot, tab, roster):
    """3 confirmed commitments and 4 carried drafts: all 7 are shown; saving them all is
    refused by the 1-5 rule, nothing withdrawn; clearing two drafts withdraws just those."""
    member = list(roster.values())[0][1]
    next_year = YEAR + 1
    commit(member, [f"上年第{i}件" for i in range(4)], year=YEAR, month=12)
    assert carry_over(YEAR).copied == 4 + 3  # with the fixture's three promises
    commit(member, [f"确认的第{i}件" for i in range(3)], year=next_year)
    dialog = CommitmentEntryDialog(next_year, member, parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    assert len(dialog.visible_rows()) == 7
    assert dialog.too_many.isVisible() and "共有7项" in dialog.too_many.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "承诺有7项" in dialog.error.text()
    rows = service.member_commitments(member, next_year)
    assert all(r.status == "承诺中" for r in rows) and sum(r.is_draft for r in rows) == 4
    drafts = [i for i, row in enumerate(dialog.visible_rows()) if "草稿" in row.state.text()]
    for i in drafts[:2]:  # clearing the content and the quality is enough
        dialog.set_row(i, "兴办实事", "", quality="")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    after = service.member_commitments(member, next_year)
    assert [r.status for r in after].count("已撤回") == 2
    assert sum(1 for r in after if r.status == "承诺中" and not r.is_draft) == 5


def test_the_one_to_five_message_names_the_member(qtbot, tab, roster):
    member = list(roster.values())[0][2]  # 马秀兰, none yet
    dialog = CommitmentEntryDialog(YEAR, member, parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible()
    assert f"马秀兰{YEAR}年还没有承诺" in dialog.error.text() and "1至5项" in dialog.error.text()
    dialog.set_row(0, "兴办实事", "为独居老人代购生活用品", None, "")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "马秀兰的第1项承诺：请填写达到的质量要求" in dialog.error.text()


def test_the_tab_opens_quick_entry_and_refreshes(qtbot, tab, roster, monkeypatch):
    member = list(roster.values())[1][1]

    def fill_and_save(dialog):
        dialog.branch.setCurrentText("大河乡第2村党支部")
        dialog.member.setCurrentIndex(dialog.member.findData(member))
        dialog.set_row(0, "监督村务", "监督村务、财务每季度公开", dt.date(YEAR, 12, 31), "公开及时")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(CommitmentEntryDialog, "exec", fill_and_save)
    with qtbot.waitSignal(events.bridge().changed):  # the save reports what it changed
        qtbot.mouseClick(tab.entry_button, Qt.MouseButton.LeftButton)
    assert "监督村务、财务每季度公开" in shown(tab)
    assert tab.without_model.rowCount() == 3


def test_bulk_status_update_and_its_messages(qtbot, tab):
    tab.table.selectAll()
    ids = [r.id for r in tab.selected_rows()]
    assert len(ids) == 3 and tab.status_button.isEnabled()
    dialog = BulkStatusDialog(ids, "卓玛才让等", tab)
    qtbot.addWidget(dialog)
    dialog.status.setCurrentText("已撤回")
    dialog.accept()
    assert "撤回原因" in dialog.error.text()
    dialog.status.setCurrentText("已完成")
    dialog.how.setText("现场查看")
    dialog.by.setText("村务监督委员会")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.changed == 3
    tab.reload()
    assert {tab.proxy.index(r, 2).data() for r in range(tab.proxy.rowCount())} == {"已完成"}


def test_bringing_back_a_withdrawn_one_past_five_is_refused(qtbot, db):
    member = make_roster(1, 1)["大河乡第1村党支部"][0]
    ids = commit(member, [f"第{i}件实事" for i in range(5)], year=YEAR, month=12)
    service.set_status([ids[0]], StatusChange("已撤回", reason="搬迁"))
    rows = [r for r in service.member_commitments(member, YEAR) if r.status != "已撤回"]
    dialog = CommitmentEntryDialog(YEAR, member)
    qtbot.addWidget(dialog)
    assert [r.content.text() for r in dialog.rows[:4]] == [r.content for r in rows]
    dialog.set_row(4, "义务出工", "清扫村道积雪", dt.date(YEAR, 12, 31), "雪后道路畅通")
    dialog.accept()
    status = BulkStatusDialog([ids[0]], "卓玛才让", None)
    qtbot.addWidget(status)
    status.status.setCurrentText("承诺中")
    status.accept()
    assert f"卓玛才让{YEAR}年的承诺有6项" in status.error.text()


def test_rollover_from_the_tab(qtbot, tab, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.roll_over()
    assert tab.current_year() == YEAR + 1
    assert tab.status.currentText() == "草稿"
    assert tab.model.rowCount() == 3
    tab.table.selectRow(0)
    assert tab.confirm_button.isEnabled()
    tab.confirm_drafts()
    assert tab.without_model.rowCount() == 5


def test_print_dialog_saves_the_preview_and_records_the_posting(qtbot, tab, roster, tmp_path):
    dialog = CommitmentPrintDialog(postings.CARD, YEAR, None, [], tab)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()  # until the preview is ready
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.status.text().startswith("共2张承诺卡")
    assert dialog.preview.page_count() == dialog.render_result.pages == 1
    out = tmp_path / "cards.pdf"
    dialog.record_posting.click()
    dialog.record_posting.click()  # the clerk ticks 记为已公示 for this file
    dialog.save_to(out)
    assert out.read_bytes().startswith(b"%PDF")
    assert postings.last_posting(list(roster.values())[0][0], YEAR, postings.CARD) is not None
    dialog.posted.setChecked(True)
    dialog.render_preview()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.save_button.isEnabled()
    dialog.current.setChecked(True)
    dialog.scope.setCurrentIndex(dialog.scope.findData("unposted"))
    dialog.render_preview()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "没有可打印的承诺卡" in dialog.status.text()  # all just posted

    notice = CommitmentPrintDialog(postings.NOTICE, YEAR, None, [], tab)
    qtbot.addWidget(notice)
    notice.branch.setCurrentText("大河乡第2村党支部")
    notice.render_preview()
    qtbot.waitUntil(lambda: not notice.busy)
    assert notice.status.text().startswith("共1个支部的公示")
    notice.branch.setCurrentIndex(notice.branch.findText("大河乡第1村党支部"))
    notice.paper.setCurrentIndex(1)
    with qtbot.waitSignal(notice.rendered, timeout=10_000):
        pass  # the change starts a render after a short pause
    qtbot.waitUntil(lambda: not notice.busy)
    assert notice.render_result is not None and notice.render_result.page_size[0] > 1100  # A3 landscape


def test_print_dialog_warns_of_a_header_value_cut_short(qtbot, tab, roster):
    from db.models import Member
    from tests.core.test_commitments_print import WIDE_POSITION

    member = list(roster.values())[0][0]
    Member.update(position=WIDE_POSITION).where(Member.id == member).execute()  # an old, longer value
    dialog = CommitmentPrintDialog(postings.CARD, YEAR, None, [], tab)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy)
    lines = dialog.status.text().split("\n")
    assert lines[0].startswith("共2张承诺卡")
    name = Member.get_by_id(member).name
    assert any(name in line and "太长，已截短打印" in line for line in lines[1:])
    assert dialog.save_button.isEnabled()  # a warning, not a refusal


def test_print_dialog_says_when_there_is_nothing_to_print(qtbot, tab):
    dialog = CommitmentPrintDialog(postings.NOTICE, YEAR + 3, None, [], tab)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "没有可公示的承诺" in dialog.status.text()
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()


# ---- pages drawn from the recorded operations (the preview and the printer) ----

INFO = PostingInfo("中共大河乡委员会", "", dt.date(2026, 3, 1), dt.date(2026, 3, 1), dt.date(2026, 3, 7))


def _result(db, tmp_path, kind):
    members = make_roster(1, 3)["大河乡第1村党支部"]
    for m in members:
        commit(m, ["修缮一社村道2公里", "牲畜春秋两季防疫"])
    return PrintJob(kind, 2026).render(tmp_path / f"{kind}.pdf", INFO, record=True)


def test_a_page_is_drawn_from_the_recorded_operations(qtbot, db, tmp_path):
    result = _result(db, tmp_path, postings.CARD)
    assert result.pages == 2 and len(result.recorded.pages) == 2
    texts = "".join(op[5] for op in result.recorded.pages[0] if op[0] == "text")
    assert "党员公开承诺卡" in texts and "修缮一社村道2公里" in texts
    image = QImage(595, 842, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint_page(painter, result.recorded, 0, QRectF(0, 0, 595, 842))
    painter.end()
    dark = sum(image.pixelColor(x, y).lightness() < 128 for x in range(0, 595, 3) for y in range(0, 842, 3))
    assert dark > 500  # rules and text were drawn, not just white paper


def test_the_preview_shows_every_page(qtbot, db, tmp_path):
    result = _result(db, tmp_path, postings.NOTICE)
    view = PagesView()
    qtbot.addWidget(view)
    view.set_pages(result.recorded)
    assert view.page_count() == result.pages
    view.show_page(result.pages)
    assert view.current_page() == result.pages and not view.next.isEnabled()
    view.set_pages(None)
    assert view.page_count() == 0


def test_printing_draws_every_page_with_its_text(qtbot, db, tmp_path):
    result = _result(db, tmp_path, postings.NOTICE)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pages(result.recorded, printer)
    reader = PdfReader(str(tmp_path / "printed.pdf"))
    assert len(reader.pages) == result.pages
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape, as the notice
    assert "大河乡第1村党支部2026年度党员公开承诺公示" in "".join(reader.pages[0].extract_text().split())


def test_print_dialog_previews_the_pages_it_recorded(qtbot, tab):
    dialog = CommitmentPrintDialog(postings.NOTICE, YEAR, None, [], tab)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.preview.page_count() == dialog.render_result.pages >= 1


def test_commitments_copy_as_cells_and_right_click_menu(tab, qtbot):
    from PySide6.QtGui import QGuiApplication

    from ui.common.table_actions import build_menu

    tab.show()
    tab.table.selectAll()
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\n")
    assert lines[0].startswith("支部\t姓名\t状态")
    assert len(lines) == 1 + tab.proxy.rowCount()
    menu = build_menu(tab.table, tab.menu_actions, tab.copy_action)
    assert "打印所选党员的承诺卡…" in [a.text() for a in menu.actions()]


def test_saving_a_pdf_is_not_posting_unless_ticked(qtbot, tab, roster, tmp_path):
    member = list(roster.values())[0][0]
    dialog = CommitmentPrintDialog(postings.CARD, YEAR, None, [], tab)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.record_posting.isChecked()  # the default for a printer
    dialog.save_to(tmp_path / "trial.pdf")
    assert (tmp_path / "trial.pdf").exists()
    assert postings.last_posting(member, YEAR, postings.CARD) is None
    assert "未记为已公示" in dialog.status.text()


def test_printing_records_the_posting_by_default_and_not_when_unticked(qtbot, tab, roster, tmp_path):
    member = list(roster.values())[0][0]
    dialog = CommitmentPrintDialog(postings.CARD, YEAR, None, [], tab)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy)
    dialog.record_posting.click()  # unticked: a trial print
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_document(printer=printer)
    assert postings.last_posting(member, YEAR, postings.CARD) is None
    dialog.record_posting.click()
    printer.setOutputFileName(str(tmp_path / "printed2.pdf"))
    assert dialog.print_document(printer=printer)
    assert postings.last_posting(member, YEAR, postings.CARD) is not None


def test_printing_without_touching_the_box_records_the_posting(qtbot, tab, roster, tmp_path):
    member = list(roster.values())[0][0]
    dialog = CommitmentPrintDialog(postings.CARD, YEAR, None, [], tab)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_document(printer=printer)
    assert postings.last_posting(member, YEAR, postings.CARD) is not None
