"""Help: F1 and 帮助 › 使用说明 open the manual shipped with the program; placeholder tabs
speak to the clerk; 关于 lists only what works."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel

from ui.help_dialog import HelpDialog, manual_path
from ui.main_window import MainWindow


def make_window(qtbot, tmp_path) -> MainWindow:
    window = MainWindow(tmp_path / "test.sqlite3")
    qtbot.addWidget(window)
    window.show()
    return window


def test_f1_opens_the_shipped_manual(db, qtbot, qapp_fonts, tmp_path):
    assert manual_path().exists()
    window = make_window(qtbot, tmp_path)
    assert window.help_action.shortcut().matches(QKeySequence(Qt.Key.Key_F1)) == QKeySequence.SequenceMatch.ExactMatch
    window.help_action.trigger()  # F1 (offscreen windows are never active for key shortcuts)
    dialog = window.findChild(HelpDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    for section in ("首次使用", "导入花名册", "打印党员名片", "双面打印对齐", "承诺卡和公示", "备份数据"):
        assert section in text
    assert window.help_action.text() == "使用说明"
    assert window.help_action in window.menuBar().actions()[-1].menu().actions()


def test_placeholder_tabs_say_what_will_come_without_developer_references(db, qtbot, qapp_fonts, tmp_path):
    window = make_window(qtbot, tmp_path)
    placeholders = [window.tabs.widget(i) for i in range(window.tabs.count()) if window.tabs.widget(i).property("coming")]
    for page in placeholders:
        text = page.findChild(QLabel).text()
        assert "后续版本" in text
        assert "种子" not in text and "3." not in text


def test_about_lists_only_what_works(db, qtbot, qapp_fonts, tmp_path):
    window = make_window(qtbot, tmp_path)
    text = window.about_text()
    assert "花名册" in text and "公开承诺" in text and "基本情况" in text
    coming = [window.tabs.tabText(i) for i in range(window.tabs.count()) if window.tabs.widget(i).property("coming")]
    assert coming  # this version still has placeholders
    for title in coming:
        assert title not in text
