from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from db.models import Member
from ui.main_window import TABS, MainWindow


@pytest.fixture
def window(db, qtbot, qapp_fonts, tmp_path):
    win = MainWindow(tmp_path / "test.sqlite3")
    qtbot.addWidget(win)
    win.show()  # hidden tabs refresh only when shown
    return win


def test_tabs_of_the_design_and_status_bar(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[:6] == ["工作概况", "花名册", "结对帮扶", "设岗定责", "公开承诺", "考核评议"]
    assert window.tabs.currentWidget() is window.dashboard  # the first thing the clerk sees
    assert "基本情况" in titles and "服务工作" in titles
    assert "test.sqlite3" in window.path_label.text()
    assert window.count_label.text() == "在册党员 0 名"


def test_load_demo_fills_every_view(window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.load_demo()
    assert window.count_label.text() == "在册党员 367 名"
    assert window.dashboard.tiles["service_teams"].text().startswith("17")  # shown: refreshed at once
    window.tabs.setCurrentWidget(window.roster)
    assert window.roster.model.rowCount() == 367
    assert not window.tabs.is_built("stats")  # hidden: built, reading the figures, when opened
    window.tabs.setCurrentIndex([window.tabs.tabText(i) for i in range(window.tabs.count())].index("基本情况"))
    assert "党员367名" in window.stats.paragraph.toPlainText()


def test_demo_refused_on_a_non_empty_file(window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    window.load_demo()
    window.load_demo()
    assert warnings and "空数据库" in warnings[0]
    assert Member.select().count() == 374  # 367 active + history, loaded once


def test_export_writes_the_filtered_view_with_masked_ids(window, monkeypatch, tmp_path: Path):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.load_demo()
    window.tabs.setCurrentWidget(window.roster)  # the clerk filters the roster they see
    window.roster.search.setText("zmcr")
    shown = window.roster.model.rowCount()
    assert shown >= 1
    out = tmp_path / "out.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(MainWindow, "ask_include_id_numbers", lambda self: False)
    window.export_roster()
    rows = [r for r in load_workbook(out).active.iter_rows(values_only=True) if any(r)]
    text = "\n".join(" ".join(str(v) for v in r if v is not None) for r in rows)
    assert "卓玛才让" in text
    assert "********" in text
    assert "人员类别" not in text and "老病残党员" not in text  # sensitive: only when ticked


def test_first_start_on_an_empty_file_offers_the_demo(window, qtbot, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    def choose_demo():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and "还没有党员" in box.text()
        next(b for b in box.buttons() if b.text() == "载入演示数据").click()

    QTimer.singleShot(0, choose_demo)
    window.offer_first_start()
    assert window.count_label.text() == "在册党员 367 名"
    window.offer_first_start()  # not empty any more: nothing is asked


def test_export_question_names_its_choices_on_its_buttons(window, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        seen.extend(b.text() for b in box.buttons())
        seen.append(box.text() + box.informativeText())
        next(b for b in box.buttons() if b.text() == "只导出遮盖后的号码").click()

    QTimer.singleShot(0, answer)
    assert window.ask_include_id_numbers() is False
    assert "包含完整身份证号" in seen and "只导出遮盖后的号码" in seen
    assert not any("选“否”" in text or "否”" in text for text in seen)  # no text names a button


def test_hidden_tabs_are_built_when_first_opened_and_show_their_data(db, qtbot, qapp_fonts, tmp_path):
    """The start builds the overview only; every other tab is built, and reads its
    records, when the clerk opens it."""
    from dahe_desktop.demo import build_demo

    build_demo()
    win = MainWindow(tmp_path / "test.sqlite3")
    qtbot.addWidget(win)
    win.show()
    assert [key for key, *_ in TABS if win.tabs.is_built(key)] == ["dashboard"]
    assert win.count_label.text() == "在册党员 367 名"  # the status bar needs no tab
    rows = {
        "roster": lambda: win.roster.model.rowCount() == 367,
        "pairing": lambda: win.pairing.households_model.rowCount() > 0,
        "posts": lambda: win.posts.coverage_model.rowCount() > 0,
        "commitments": lambda: win.commitments.model.rowCount() > 0,
        "appraisal": lambda: win.appraisal.subjects_model.rowCount() > 0,
        "service": lambda: win.service.items_model.rowCount() > 0,
        "stats": lambda: "党员367名" in win.stats.paragraph.toPlainText(),
    }
    for index, (key, title, _module, _class) in enumerate(TABS):
        win.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert win.tabs.is_built(key) and win.tabs.currentWidget().isVisible(), title
        assert not win.tabs.currentWidget().stale, title
        assert key == "dashboard" or rows[key](), title
