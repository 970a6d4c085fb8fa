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


def test_the_viewer_filters_votes_and_scores_by_their_chinese_names(db, qtbot):
    from dahe_desktop.appraisal import entry, results, runs
    from tests.helpers.appraisal import fill, scoring_run

    run_id, ids = scoring_run()
    fill(run_id)
    results.finalize(run_id)
    runs.reopen(run_id, "代表甲的评分表有一格录错")
    entry.settle(run_id, ids["rater:代表甲"], ids["subject:卓玛才让"], 0, 50)
    dialog = AuditDialog()
    qtbot.addWidget(dialog)
    offered = [dialog.table.itemText(i) for i in range(dialog.table.count())]
    for name in ("党员", "农牧户", "结对", "公开承诺", "选票录入", "候选人得票", "计票结果", "设岗任职",
                 "考核评议", "考核等次", "考核评分", "设置"):  # fmt: skip
        assert name in offered
    dialog.table.setCurrentIndex(offered.index("考核评分"))
    shown = dialog.model.rows()
    assert len(shown) == 2 and {r.table for r in shown} == {"考核评分"}
    assert {(r.field, r.old, r.new) for r in shown} == {("学习党的理论和政策", "8", "5")}


def test_opening_a_dialog_that_shows_sensitive_fields_logs_the_viewing(db, qtbot):
    from dahe_desktop.audit.service import list_entries
    from tests.helpers.pairing import small_village
    from ui.pairing.household_dialog import HouseholdDialog
    from ui.roster.member_dialog import MemberDialog

    ids = small_village()
    for member in ("卓玛", "老扎西"):
        dialog = MemberDialog(ids[member])
        qtbot.addWidget(dialog)
    assert dialog.category.currentText() == "老病残党员"
    dialog = HouseholdDialog(ids["扎西村党支部"], "扎西村党支部", ids["户9"])
    qtbot.addWidget(dialog)
    assert dialog.kind.currentText() == "低保户"
    qtbot.addWidget(HouseholdDialog(ids["扎西村党支部"], "扎西村党支部"))  # a new household shows nothing
    seen = [(r.table, r.record, r.new) for r in list_entries() if r.field == "查看"]
    assert sorted(seen) == [("党员", f"老扎西（{ids['老扎西']}）", "人员类别"), ("农牧户", f"户主9（{ids['户9']}）", "户类别")]
    audit = AuditDialog()
    qtbot.addWidget(audit)
    assert sum(r.field == "查看" for r in audit.model.rows()) == 2


def test_the_viewer_shows_hardship_values_only_when_ticked_and_logs_that_once(db, qtbot, tmp_path, monkeypatch):
    from dahe_desktop.audit.service import HIDDEN
    from dahe_desktop.pairing.service import household_data, save_household
    from tests.helpers.pairing import small_village

    ids = small_village()
    data = household_data(ids["户1"])
    data.kind = "困难户"
    save_household(data, ids["户1"])
    dialog = AuditDialog()
    qtbot.addWidget(dialog)
    dialog.table.setCurrentIndex(dialog.table.findData("household"))
    (kind,) = [r for r in dialog.model.rows() if r.field == "户类别"]
    assert (kind.old, kind.new) == (HIDDEN, HIDDEN) and "未显示" in dialog.status.text()
    dialog.sensitive.setChecked(True)
    (kind,) = [r for r in dialog.model.rows() if r.field == "户类别"]
    assert (kind.old, kind.new) == ("一般户", "困难户")
    dialog.member.setText("x")
    dialog.member.setText("")  # shown again: not logged again
    target = tmp_path / "audit.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.export_button.click()  # the export is its own viewing
    dialog.sensitive.setChecked(False)
    viewed = [r for r in dialog.model.rows() if r.field == "查看"]
    assert [(r.record, r.new) for r in viewed] == [(f"户主1（{ids['户1']}）", "户类别")] * 2


def test_a_backup_on_a_stick_is_restored_from_the_dialog_and_another_file_is_refused(db, qtbot, tmp_path, monkeypatch):
    import sqlite3

    ids = small_roster()
    dialog = BackupDialog()
    qtbot.addWidget(dialog)
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    dialog.usb_button.click()
    (copy,) = stick.glob("dahe-*.sqlite3")
    Member.update(name="改了").where(Member.id == ids["马福祥"]).execute()
    other = stick / "other.sqlite3"
    with sqlite3.connect(other) as conn:  # another program's database on the stick
        conn.execute("CREATE TABLE member (id INTEGER PRIMARY KEY)")
        conn.execute("CREATE TABLE schema_version (version INTEGER)")
        conn.execute("INSERT INTO schema_version VALUES (1)")
    conn.close()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    dialog.file_button.click()
    assert "不是本程序的备份文件" in dialog.status.text()
    assert Member.get_by_id(ids["马福祥"]).name == "改了"  # untouched
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(copy), ""))
    dialog.file_button.click()
    assert "党员 5" in asked[-1] and "已恢复" in dialog.status.text()
    assert Member.get_by_id(ids["马福祥"]).name == "马福祥"


def test_the_backup_dialog_checks_the_whole_data_file(db, qtbot):
    small_roster()
    dialog = BackupDialog()
    qtbot.addWidget(dialog)
    dialog.check_button.click()
    assert dialog.status.text().startswith("数据文件完好")
