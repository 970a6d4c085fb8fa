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


def test_every_tab_is_a_working_feature_and_about_lists_them(db, qtbot, qapp_fonts, tmp_path):
    window = make_window(qtbot, tmp_path)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["工作概况", "花名册", "结对帮扶", "设岗定责", "公开承诺", "考核评议", "服务工作", "基本情况"]
    for i in range(window.tabs.count()):
        labels = [label.text() for label in window.tabs.widget(i).findChildren(QLabel)]
        assert not any("后续版本" in text for text in labels), titles[i]  # no placeholder page left
    text = window.about_text()
    assert all(title in text for title in titles)
