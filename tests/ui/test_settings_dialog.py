from PySide6.QtCore import Qt

from dahe_desktop import settings
from ui.settings_dialog import TownshipSettingsDialog


def test_settings_are_saved_and_read_back(db, qtbot, qapp_fonts):
    dialog = TownshipSettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.township.text() == "大河乡"
    dialog.phone.setText("0974-8591234")
    dialog.committee.setText("中共大河乡委员会")
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)  # Enter saves
    assert dialog.result() == dialog.DialogCode.Accepted
    assert settings.get(settings.SUPERVISION_PHONE) == "0974-8591234"
    assert TownshipSettingsDialog().phone.text() == "0974-8591234"


def test_bad_phone_and_empty_name_are_refused(db, qtbot, qapp_fonts):
    dialog = TownshipSettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.township.clear()
    dialog.phone.setText("请拨打")
    dialog.accept()
    assert dialog.error.isVisible()
    assert "乡镇名称" in dialog.error.text() and "监督电话" in dialog.error.text()
    assert settings.get(settings.TOWNSHIP_NAME) == "大河乡"
    assert settings.get(settings.SUPERVISION_PHONE) == ""
