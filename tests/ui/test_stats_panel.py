"""The 基本情况 panel as the clerk uses it: pick a date, read the figures, copy the text."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit

from dahe_desktop.demo import build_demo
from dahe_desktop.roster.service import save_branch, save_member
from dahe_desktop.roster.validation import MemberData
from tests.core.test_stats import SEED_PARAGRAPH
from ui.stats.panel import StatsPanel
from ui.stats.table_model import StatsTableModel


def _cell(panel: StatsPanel, label: str, column: int) -> str:
    model = panel.table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == label:
            return model.index(row, column).data()
    raise AssertionError(f"no row {label}")


def test_panel_shows_the_seed_figures_and_follows_the_date(db, qtbot):
    build_demo()
    panel = StatsPanel()
    qtbot.addWidget(panel)
    assert panel.date_edit.date() == QDate.currentDate()
    panel.date_edit.setDate(QDate(2026, 12, 31))
    assert panel.paragraph.toPlainText() == SEED_PARAGRAPH
    assert _cell(panel, "45岁以下党员", 1) == "231名"
    assert _cell(panel, "45岁以下党员", 2) == "62.94%"
    assert _cell(panel, "女党员", 2) == "19.9%"
    assert _cell(panel, "党支部", 1) == "20个"

    # Ten years later, many of the young are past 45: the figures change with the date.
    panel.date_edit.setDate(QDate(2036, 12, 31))
    later = int(_cell(panel, "45岁以下党员", 1).removesuffix("名"))
    assert later < 231
    assert f"45岁以下党员{later}名" in panel.paragraph.toPlainText()


def test_typing_a_date_recomputes(db, qtbot):
    branch = save_branch("一村党支部", "农牧村")
    save_member(MemberData(name="张三", sex="男", ethnicity="汉族", birth_date=dt.date(1980, 6, 15), branch_id=branch))
    panel = StatsPanel()
    qtbot.addWidget(panel)
    panel.date_edit.setDate(QDate(2026, 6, 14))
    assert _cell(panel, "45岁以下党员", 1) == "1名"
    panel.date_edit.setFocus()
    panel.date_edit.setCurrentSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(panel.date_edit, Qt.Key.Key_Up)  # the 15th: 46 today
    assert panel.date_edit.date() == QDate(2026, 6, 15)
    assert _cell(panel, "45岁以下党员", 1) == "0名"


def test_refresh_picks_up_new_members(db, qtbot):
    panel = StatsPanel()
    qtbot.addWidget(panel)
    assert _cell(panel, "党员", 1) == "0名"
    build_demo()
    panel.refresh()
    assert _cell(panel, "党员", 1) == "367名"


def test_copy_puts_the_paragraph_on_the_clipboard(db, qtbot):
    build_demo()
    panel = StatsPanel()
    qtbot.addWidget(panel)
    panel.date_edit.setDate(QDate(2026, 12, 31))
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == SEED_PARAGRAPH
    assert panel.copied_label.text() == "已复制"


def test_table_model_is_sound(db, qtmodeltester):
    build_demo()
    model = StatsTableModel()
    qtmodeltester.check(model)
    from dahe_desktop.stats import compute_basic_stats

    model.set_stats(compute_basic_stats(dt.date(2026, 12, 31)))
    qtmodeltester.check(model)
