"""The import dialog with a revised roster: what changes per member, how cells were read,
why 导入 is disabled, the summary row, bad rows sent back, column mapping, and the
members shown after the import."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from dahe_desktop.importing import apply_roster_import, preview_roster_import
from dahe_desktop.roster.service import save_branch
from db.models import Member
from tests.fixtures.rosters import HEADER, KNOWN_BRANCH, good_rows, member_row, write_xlsx
from ui.roster.import_dialog import ImportRosterDialog
from ui.roster.import_parts import ColumnMappingDialog

PHONE = HEADER.index("联系电话")


@pytest.fixture
def on_file(db, tmp_path):
    save_branch(KNOWN_BRANCH, "农牧村")
    apply_roster_import(preview_roster_import(write_xlsx(tmp_path / "first.xlsx", good_rows())), create_branches=True)


def open_dialog(qtbot, path, parent=None) -> ImportRosterDialog:
    dialog = ImportRosterDialog(str(path), parent)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None or dialog.error_label.isVisible())
    return dialog


def lines(dialog) -> list[str]:
    model = dialog.lines_model
    return [" ".join(str(model.index(r, c).data()) for c in range(model.columnCount())) for r in range(model.rowCount())]


def revised_file(tmp_path):
    rows = good_rows()
    for row in rows[:2]:
        row[PHONE] = "13800000" + str(row[0]).zfill(3)
    rows.append(member_row("李 明", dt.date(1980, 5, 6), 30, 民族="汉"))
    rows.append([None, "合计：6人"])
    return write_xlsx(tmp_path / "revised.xlsx", rows)


def test_preview_shows_changes_per_member_and_readings_before_writing(on_file, qtbot, tmp_path):
    dialog = open_dialog(qtbot, revised_file(tmp_path))
    text = dialog.counts_label.text()
    assert "新增1人" in text and "更新2人（2人联系电话有变动）" in text and "跳过合计行1行" in text
    assert "有误0行" in text
    shown = lines(dialog)
    assert any("更新" in line and "联系电话：" in line and "→13800000" in line for line in shown)
    assert any("读取" in line and "姓名：李 明→李明" in line and "民族：汉→汉族" in line for line in shown)
    assert any("跳过" in line and "合计：6人" in line for line in shown)
    assert Member.select().where(Member.phone.startswith("13800000")).count() == 0  # nothing written yet
    assert dialog.import_button.isEnabled() and not dialog.why_label.isVisible()
    with qtbot.waitSignal(dialog.accepted):
        dialog.import_button.click()
    assert (dialog.import_result.imported, dialog.import_result.updated) == (1, 2)
    assert Member.select().where(Member.phone.startswith("13800000")).count() == 2


def test_the_import_button_says_why_it_is_disabled(db, qtbot, tmp_path):
    save_branch(KNOWN_BRANCH, "农牧村")
    dialog = open_dialog(qtbot, write_xlsx(tmp_path / "good.xlsx", good_rows()))
    assert not dialog.import_button.isEnabled()
    assert dialog.why_label.text() == "不能导入：请勾选“新建以上支部”"
    assert dialog.import_button.toolTip() == "请勾选“新建以上支部”"
    dialog.create_branches.setChecked(True)
    assert dialog.import_button.isEnabled() and not dialog.why_label.isVisible()


def test_bad_rows_are_saved_to_send_back(db, qtbot, tmp_path, monkeypatch):
    save_branch(KNOWN_BRANCH, "农牧村")
    rows = [*good_rows(), member_row("短电话", dt.date(1983, 1, 1), 13, 联系电话="139")]
    dialog = open_dialog(qtbot, write_xlsx(tmp_path / "bad.xlsx", rows))
    assert "有1行有误" in dialog.why_label.text()
    out = tmp_path / "back.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert dialog.save_bad_button.isVisible()
    dialog.save_bad_button.click()
    sheet = load_workbook(out).active
    assert sheet.max_row == 2 and "短电话" in [c.value for c in sheet[2]]


def test_column_mapping_is_remembered_for_the_same_layout(db, qtbot, tmp_path, monkeypatch):
    save_branch(KNOWN_BRANCH, "农牧村")
    header = [h if h != "联系电话" else "移动电话" for h in HEADER]
    path = write_xlsx(tmp_path / "own.xlsx", good_rows(), header=header)
    dialog = open_dialog(qtbot, path)
    assert "移动电话" in dialog.file_label.text()  # shown as not recognised

    def choose(self):
        box = self.boxes["移动电话"]
        box.setCurrentIndex(box.findData("phone"))
        return 1

    monkeypatch.setattr(ColumnMappingDialog, "exec", choose)
    dialog.map_columns()
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert dialog.preview.columns["phone"] == "移动电话"
    again = open_dialog(qtbot, write_xlsx(tmp_path / "own2.xlsx", good_rows()[:2], header=header))
    qtbot.waitUntil(lambda: again.preview is not None and "phone" in again.preview.columns)


def test_after_an_import_the_window_shows_the_new_and_changed_members(on_file, qtbot, tmp_path, monkeypatch):
    from ui.main_window import MainWindow

    window = MainWindow(tmp_path / "test.sqlite3")
    qtbot.addWidget(window)
    window.show()
    path = revised_file(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))

    def run(self):
        qtbot.waitUntil(lambda: self.preview is not None)
        self.import_button.click()
        qtbot.waitUntil(lambda: self.import_result is not None)
        return 1

    monkeypatch.setattr(ImportRosterDialog, "exec", run)
    window.import_roster()
    assert window.roster.model.rowCount() == 3
    assert "刚导入" in window.roster.only_label.text()
    assert "新增 1 名党员，更新 2 名" in window.statusBar().currentMessage()
    window.roster.clear_filters()
    assert window.roster.model.rowCount() == len(good_rows()) + 1
