"""Another clerk saved the member first: the dialog says who changed what, keeps every
field typed, and 重新载入 brings in the current values listing what the clerk had changed."""

from __future__ import annotations

import dataclasses
import os

import pytest
from PySide6.QtCore import Qt

from dahe_desktop.roster.service import member_data, save_member
from db import audit
from tests.helpers.roster import small_roster
from ui.roster.member_dialog import MemberDialog


@pytest.fixture
def clerks():
    yield
    audit.set_default_clerk("")


def open_dialog(qtbot, member_id: int) -> MemberDialog:
    dialog = MemberDialog(member_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_member_dialog_refused_keeps_input_and_reloads(db, qtbot, qapp_fonts, clerks):
    ids = small_roster()
    member_id = next(iter(ids.values()))
    dialog = open_dialog(qtbot, member_id)  # 李明 opens the member ...
    audit.set_default_clerk("王芳")  # ... 王芳, at another PC, saves a new phone number
    save_member(dataclasses.replace(member_data(member_id), phone="13512345678"), member_id)
    audit.set_default_clerk("李明")

    dialog.position.setText("支部委员")
    dialog.specialties.setText("畜牧养殖")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert dialog.stale.isVisible() and dialog.stale.reload_button.isVisible()
    text = dialog.stale.message.text()
    assert "王芳" in text and "联系电话" in text and "13512345678" in text and "已保留" in text
    assert (dialog.position.text(), dialog.specialties.text()) == ("支部委员", "畜牧养殖")  # input kept
    assert member_data(member_id).position == ""  # nothing of it written
    if os.environ.get("DAHE_SHOTS"):
        dialog.grab().save(os.path.join(os.environ["DAHE_SHOTS"], "member-refused.png"))

    qtbot.mouseClick(dialog.stale.reload_button, Qt.MouseButton.LeftButton)
    assert dialog.phone.text() == "13512345678" and dialog.position.text() == ""  # the current record
    listed = dialog.stale.message.text()
    assert "职务：支部委员" in listed and "个人特长：畜牧养殖" in listed and "联系电话" not in listed
    if os.environ.get("DAHE_SHOTS"):
        dialog.grab().save(os.path.join(os.environ["DAHE_SHOTS"], "member-reloaded.png"))

    dialog.position.setText("支部委员")  # re-applied by the clerk
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    after = member_data(member_id)
    assert (after.phone, after.position) == ("13512345678", "支部委员")  # both clerks' changes kept


def test_settings_dialog_refused_names_the_setting_and_reloads(db, qtbot, qapp_fonts, clerks):
    from dahe_desktop import settings
    from ui.settings_dialog import TownshipSettingsDialog

    dialog = TownshipSettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    audit.set_default_clerk("王芳")
    settings.save_township("大河乡", "中共大河乡委员会", "0974-8591234")
    audit.set_default_clerk("李明")

    dialog.committee.setText("中共大河镇委员会")
    dialog.accept()
    assert dialog.isVisible() and "王芳" in dialog.stale.message.text() and "监督电话" in dialog.stale.message.text()
    assert dialog.committee.text() == "中共大河镇委员会"  # kept
    assert settings.get(settings.COMMITTEE_NAME) == "中共大河乡委员会"

    qtbot.mouseClick(dialog.stale.reload_button, Qt.MouseButton.LeftButton)
    assert dialog.phone.text() == "0974-8591234"
    assert "党委名称：中共大河镇委员会" in dialog.stale.message.text()
    dialog.committee.setText("中共大河镇委员会")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert settings.get(settings.COMMITTEE_NAME) == "中共大河镇委员会"
    assert settings.get(settings.SUPERVISION_PHONE) == "0974-8591234"
