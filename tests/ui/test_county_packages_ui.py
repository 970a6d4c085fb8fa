"""上报数据包 and the county's preview dialog: conflicts decided row by row before 导入."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from dahe_desktop.county import labels
from dahe_desktop.county.importer import apply_package, preview_package
from dahe_desktop.roster.service import member_data, save_member
from db.models import Member
from tests.helpers.county import make_township, opened
from ui.county import packages
from ui.county.packages import PackagePreviewDialog


def set_phone(phone: str) -> None:
    member = Member.get(Member.name == "马福祥")
    save_member(dataclasses.replace(member_data(member.id), phone=phone), member.id)


def test_export_warns_of_id_numbers_and_the_preview_asks_for_every_conflict(qtbot, qapp_fonts, tmp_path, monkeypatch):
    township, county, usb = tmp_path / "t.sqlite3", tmp_path / "c.sqlite3", tmp_path / "usb"
    usb.mkdir()
    make_township(township, demo=False)
    asked, told = [], []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    with opened(township):
        first = packages.export_for_county(None)
    assert "完整身份证号" in asked[0] and "第1号" in told[0]
    with opened(county):
        apply_package(first)
        set_phone("13800000009")
    with opened(township):
        set_phone("13800000001")
        second = packages.export_for_county(None)
    with opened(county):
        dialog = PackagePreviewDialog(preview_package(second))
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.conflicts.rowCount() == 1 and dialog.conflicts.item(0, 2).text() == "13800000009"
        dialog.accept()
        assert dialog.error.isVisible() and "未选择" in dialog.error.text()
        assert Member.get(Member.name == "马福祥").phone == "13800000009"
        take_all = next(b for b in dialog.findChildren(QPushButton) if b.text() == "全部采用乡镇的")
        take_all.click()
        assert dialog.resolutions() == {dialog.preview.conflicts[0].key: labels.TAKE_TOWNSHIP}
        dialog.accept()  # on a worker thread
        qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=20_000)
        assert "已导入" in dialog.result_lines[-1]
        assert Member.get(Member.name == "马福祥").phone == "13800000001"


def test_the_township_code_is_edited_in_the_settings_dialog(db, qtbot, qapp_fonts):
    from dahe_desktop import settings
    from db.models import Township
    from ui.settings_dialog import TownshipSettingsDialog

    dialog = TownshipSettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.committee.setText("中共大河乡委员会")
    dialog.code.setText("632-523/101")
    dialog.accept()
    assert dialog.error.isVisible() and "乡镇代码" in dialog.error.text()
    dialog.code.setText("63252310１")  # a full-width digit, as a Chinese input method types it
    dialog.accept()
    assert settings.get(settings.TOWNSHIP_CODE) == "632523101"
    assert [(t.code, t.name) for t in Township.select()] == [("632523101", "大河乡")]
