"""备份与恢复 and 修改记录 as the clerk uses them."""

from __future__ import annotations

from dataclasses import replace

from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dahe_desktop.roster.service import member_data, save_member
from db.models import Member
from tests.helpers.roster import small_roster
from ui.safety.audit_dialog import AuditDialog
from ui.safety.backup_dialog import BackupDialog


def test_back_up_now_to_a_stick_and_restore_the_chosen_backup(db, qtbot, qtmodeltester, tmp_path, monkeypatch):
    ids = small_roster()
    dialog = BackupDialog()
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and not dialog.restore_button.isEnabled()
    dialog.backup_button.click()
    assert dialog.model.rowCount() == 1 and "已备份到" in dialog.status.text()
    assert "党员 5" in dialog.model.row_at(0).contents
    qtmodeltester.check(dialog.model)
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    dialog.usb_button.click()
    assert len(list(stick.glob("dahe-*.sqlite3"))) == 1
    Member.update(name="改了").where(Member.id == ids["马福祥"]).execute()
    dialog.view.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.restore_button.click()
    assert "已恢复" in dialog.status.text()
    assert Member.get_by_id(ids["马福祥"]).name == "马福祥"
    assert dialog.model.rowCount() == 2  # the data before the restore is kept too


def test_the_audit_dialog_filters_by_member_and_exports(db, qtbot, qtmodeltester, tmp_path, monkeypatch):
    ids = small_roster()
    for name, phone in (("马福祥", "13800000001"), ("张晓梅", "13800000002")):
        save_member(replace(member_data(ids[name]), phone=phone), ids[name])
    dialog = AuditDialog()
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    phones = [r for r in dialog.model.rows() if r.field == "联系电话"]
    assert len(phones) == 2
    dialog.member.setText("晓梅")
    assert {r.record for r in dialog.model.rows()} == {f"张晓梅（{ids['张晓梅']}）"}
    target = tmp_path / "audit.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.export_button.click()
    assert "已导出" in dialog.status.text()
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][0] == "时间" and len(rows) == dialog.model.rowCount() + 1
