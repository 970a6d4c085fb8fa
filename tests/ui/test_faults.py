"""Faults as the clerk meets them in the window: the data folder gone from under a
member's edit dialog (a USB stick pulled, the folder moved) is one Chinese line, the
dialog stays open with what was typed, nothing is written."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from dahe_desktop.safety.session import open_data
from db.models import Member
from tests.helpers.roster import small_roster
from ui import errors as ui_errors
from ui.roster.member_dialog import MemberDialog

pytestmark = pytest.mark.sqlite_only("a data file that vanishes from its folder")


@pytest.mark.qt_no_exception_capture
def test_saving_a_member_after_the_stick_was_pulled_says_so_and_keeps_the_dialog(qtbot, qapp_fonts, tmp_path,
                                                                                  monkeypatch):  # fmt: skip
    folder = tmp_path / "usb"
    session = open_data(folder / "dahe.sqlite3")
    try:
        ids = small_roster()
        shown = []
        monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
        monkeypatch.setattr("sys.excepthook", ui_errors.excepthook)
        dialog = MemberDialog(ids["卓玛才让"])
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.phone.setText("13800000000")
        folder.rename(tmp_path / "pulled")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        (line,) = shown
        assert "不在原处" in line and "未保存" in line
        assert dialog.isVisible() and dialog.phone.text() == "13800000000"  # nothing typed is lost
        (tmp_path / "pulled").rename(folder)  # put back
        assert Member.get_by_id(ids["卓玛才让"]).phone == "13912345670"  # and nothing was written
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        assert Member.get_by_id(ids["卓玛才让"]).phone == "13800000000"
    finally:
        session.close()


def test_a_full_disk_in_a_librarys_words_is_said_as_a_full_disk_in_the_window():
    from lxml.etree import SerialisationError

    message = ui_errors.error_message(SerialisationError("IO_ENOSPC"))  # openpyxl writing a sheet
    assert "磁盘已满" in message and "意外错误" not in message


def test_a_pdf_saved_after_the_stick_was_pulled_is_said_saved_and_its_print_log_unwritten(qtbot, qapp_fonts,
                                                                                         tmp_path):  # fmt: skip
    from db.models import CardPrint
    from ui.namecards.print_dialog import NameCardPrintDialog

    folder = tmp_path / "usb"
    session = open_data(folder / "dahe.sqlite3")
    try:
        ids = small_roster()
        dialog = NameCardPrintDialog([ids["卓玛才让"]])
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
        folder.rename(tmp_path / "pulled")
        out = tmp_path / "cards.pdf"
        dialog.save_to(out)
        text = dialog.status.text()
        assert out.exists() and text.startswith(f"已保存：{out}")
        assert "未能记入打印记录" in text and "不在原处" in text
        (tmp_path / "pulled").rename(folder)
        assert CardPrint.select().count() == 0
    finally:
        session.close()
