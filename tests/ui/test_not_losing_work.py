"""Not losing the clerk's work: 放弃修改？ on Esc or close after an edit, 撤销 after a
status change, the 转出/去世 list with its date and 去向, 载入演示数据 only when empty."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QMessageBox

from dahe_desktop import labels
from db.models import Branch, Member
from tests.helpers.roster import small_roster
from ui.common import widgets
from ui.main_window import MainWindow
from ui.roster.member_dialog import MemberDialog
from ui.roster.status_dialog import StatusDialog


def answer_discard_with(text: str, seen: list[str]) -> None:
    """Click a button of the 放弃修改？ box once it is open."""

    def click():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.windowTitle())
        next(b for b in box.buttons() if b.text() == text).click()

    QTimer.singleShot(0, click)


def test_esc_on_an_edited_dialog_asks_before_discarding(db, qtbot, qapp_fonts, monkeypatch):
    monkeypatch.setattr(widgets, "confirm_discard", widgets.ask_discard)
    ids = small_roster()
    dialog = MemberDialog(ids["卓玛才让"])
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[str] = []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing changed: closes without asking
    assert seen == [] and not dialog.isVisible()

    dialog = MemberDialog(ids["卓玛才让"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.phone.setText("13800000000")
    answer_discard_with("继续编辑", seen)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert seen == ["放弃修改？"] and dialog.isVisible()  # kept open, the edit still there
    assert dialog.phone.text() == "13800000000"
    answer_discard_with("放弃修改", seen)
    dialog.close()
    assert not dialog.isVisible()
    assert Member.get_by_id(ids["卓玛才让"]).phone == "13912345670"


def test_edit_dialogs_are_guarded(db, qtbot, qapp_fonts, monkeypatch):
    from ui.commitments.entry_dialog import CommitmentEntryDialog
    from ui.commitments.status_dialog import BulkStatusDialog
    from ui.roster.branch_dialog import BranchEditDialog
    from ui.settings_dialog import TownshipSettingsDialog

    ids = small_roster()
    asked = []
    monkeypatch.setattr(widgets, "confirm_discard", lambda parent: asked.append(parent) or False)
    for dialog in (StatusDialog([ids["卓玛才让"]], ["卓玛才让"]), BulkStatusDialog([1], "x"),
                   CommitmentEntryDialog(2026, ids["卓玛才让"]), BranchEditDialog(None), TownshipSettingsDialog()):  # fmt: skip
        qtbot.addWidget(dialog)
        dialog.show()
        assert not dialog.is_edited()
        field = next(f for f in dialog.findChildren(QLineEdit) if f.isVisibleTo(dialog) and f.isEnabled()
                     and not isinstance(f.parentWidget(), QAbstractSpinBox | QComboBox))  # fmt: skip
        field.setText(field.text() + "改")
        dialog.reject()
        assert dialog.isVisible(), type(dialog).__name__
    assert len(asked) == 5


def test_status_change_is_confirmed_with_undo(db, qtbot, qapp_fonts, tmp_path, monkeypatch):
    ids = small_roster()
    Branch.update(secretary=ids["扎西多杰"]).where(Branch.id == ids["扎西村党支部"]).execute()
    window = MainWindow(tmp_path / "test.sqlite3")
    qtbot.addWidget(window)
    window.show()
    window.roster.select_member(ids["扎西多杰"])

    def accept_transfer(self):
        self.status.setCurrentText("转出")
        self.note.setText("转往西宁市城中区")
        self.accept()
        return 1

    monkeypatch.setattr(StatusDialog, "exec", accept_transfer)
    window.roster.change_status()
    assert Member.get_by_id(ids["扎西多杰"]).status == "转出"
    assert "已将扎西多杰的状态改为“转出”" in window.statusBar().currentMessage()
    assert window.undo_button.isVisible()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    member = Member.get_by_id(ids["扎西多杰"])
    assert member.status == labels.STATUS_ACTIVE and member.status_note == ""
    assert Branch.get_by_id(ids["扎西村党支部"]).secretary_id == ids["扎西多杰"]  # leads again
    assert not window.undo_button.isVisible() and window.statusBar().currentMessage() == "已撤销"
    assert window.count_label.text() == "在册党员 5 名"


def test_undo_is_offered_for_a_few_seconds_only(db, qtbot, qapp_fonts, tmp_path):
    small_roster()
    window = MainWindow(tmp_path / "test.sqlite3")
    qtbot.addWidget(window)
    window.show()
    window.offer_undo("已变更", lambda: None)
    assert window.undo_button.isVisible()
    window._undo_timer.timeout.emit()  # the few seconds are over
    assert not window.undo_button.isVisible()


def test_history_list_shows_date_and_destination(db, qtbot, qapp_fonts):
    import datetime as dt

    from dahe_desktop.roster.service import change_status
    from ui.roster.tab import HISTORY, RosterTab

    ids = small_roster()
    change_status([ids["李国强"]], "去世", dt.date(2026, 5, 1), "病故")
    change_status([ids["马福祥"]], "转出", dt.date(2026, 6, 2), "转往西宁市城中区")
    tab = RosterTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()
    model = tab.model
    titles = {model.headerData(c, Qt.Orientation.Horizontal): c for c in range(model.columnCount())}
    assert tab.table.isColumnHidden(titles["变更日期"]) and tab.table.isColumnHidden(titles["去向/说明"])
    tab.status.setCurrentText("转出")
    assert not tab.table.isColumnHidden(titles["变更日期"]) and not tab.table.isColumnHidden(titles["去向/说明"])
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row[titles["姓名"]] == "马福祥" and row[titles["变更日期"]] == "2026-06-02"
    assert row[titles["去向/说明"]] == "转往西宁市城中区"
    tab.status.setCurrentText(HISTORY)
    assert model.rowCount() == 5


def test_demo_is_offered_only_on_an_empty_file(db, qtbot, qapp_fonts, tmp_path):
    window = MainWindow(tmp_path / "test.sqlite3")
    qtbot.addWidget(window)
    assert window.demo_action.isEnabled()
    small_roster()
    assert not window.demo_action.isEnabled()
    assert "已有党员" in window.demo_action.toolTip()
