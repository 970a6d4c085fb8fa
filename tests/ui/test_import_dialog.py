"""The import dialog: bad rows shown by Excel row, the 导入 button only when allowed, imports."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog

from dahe_desktop.roster.service import save_branch
from db.models import Branch, Member
from tests.fixtures.rosters import KNOWN_BRANCH, NEW_BRANCH, good_rows, member_row, write_xlsx
from ui.roster.import_dialog import BadRowsModel, ImportRosterDialog


@pytest.fixture
def branch(db) -> int:
    return save_branch(KNOWN_BRANCH, "农牧村")


def open_dialog(qtbot, path) -> ImportRosterDialog:
    dialog = ImportRosterDialog(str(path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None or dialog.error_label.isVisible())
    return dialog


def table_text(dialog) -> list[list[str]]:
    model = dialog.table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_a_good_file_imports_after_the_new_branch_is_confirmed(branch, qtbot, tmp_path):
    dialog = open_dialog(qtbot, write_xlsx(tmp_path / "good.xlsx", good_rows()))

    assert "无误5行，有误0行" in dialog.counts_label.text()
    assert not dialog.table.isVisible() and not dialog.only_good.isVisible()
    assert NEW_BRANCH in dialog.branches_label.text() and "农牧村" in dialog.branches_label.text()
    assert not dialog.import_button.isEnabled()  # the new branch is not confirmed yet

    box = dialog.create_branches
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert dialog.imported_count == 5
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [b.name for b in dialog.import_result.new_branches] == [NEW_BRANCH]
    assert Member.select().count() == 5
    assert Branch.select().where(Branch.name == NEW_BRANCH).exists()


def test_bad_rows_are_listed_and_block_the_import_until_only_good_is_ticked(
    branch, qtbot, tmp_path
):
    rows = [
        member_row("好人", dt.date(1970, 1, 1), 1),
        member_row("短电话", dt.date(1983, 1, 1), 13, 联系电话="1391234"),
        member_row("", dt.date(1981, 1, 1), 11),
    ]
    dialog = open_dialog(qtbot, write_xlsx(tmp_path / "bad.xlsx", rows))

    assert "无误1行，有误2行" in dialog.counts_label.text()
    assert dialog.table.isVisible()
    assert table_text(dialog) == [
        ["第4行", "短电话", "联系电话：手机号码应为以1开头的11位数字，现为7位"],
        ["第5行", "（空）", "请填写姓名"],
    ]
    assert not dialog.create_branches.isVisible()
    assert not dialog.import_button.isEnabled()

    dialog.only_good.setChecked(True)
    assert dialog.import_button.isEnabled()
    dialog.only_good.setChecked(False)
    assert not dialog.import_button.isEnabled()

    dialog.only_good.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.imported_count == 1
    assert [m.name for m in Member.select()] == ["好人"]


def test_an_unreadable_file_is_explained(db, qtbot, tmp_path):
    dialog = open_dialog(qtbot, tmp_path / "missing.xlsx")

    assert "找不到文件" in dialog.error_label.text()
    assert not dialog.import_button.isEnabled()


def test_cancel_imports_nothing(branch, qtbot, tmp_path):
    dialog = open_dialog(qtbot, write_xlsx(tmp_path / "good.xlsx", good_rows()))
    dialog.create_branches.setChecked(True)

    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert dialog.imported_count == 0 and Member.select().count() == 0


def test_bad_rows_model(qtmodeltester, branch, tmp_path):
    from dahe_desktop.importing import BadRow

    model = BadRowsModel()
    model.set_rows(
        [BadRow(53, "张三", ["身份证号校验位不正确，请核对号码"]), BadRow(54, "", ["请填写姓名"])]
    )
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "第53行"


def test_people_without_an_id_already_in_the_roster_are_named_not_imported_again(branch, qtbot, tmp_path):
    import datetime as dt

    from dahe_desktop.importing import apply_roster_import, preview_roster_import

    rows = [member_row("甲", dt.date(1980, 1, 2), 1, **{"身份证号码": None}),
            member_row("乙", dt.date(1981, 1, 2), 2)]  # fmt: skip
    path = write_xlsx(tmp_path / "r.xlsx", rows)
    apply_roster_import(preview_roster_import(path))
    dialog = open_dialog(qtbot, write_xlsx(tmp_path / "again.xlsx", rows[:1]))
    assert "另有1人（甲）已在花名册中" in dialog.counts_label.text()


def test_an_import_onto_a_full_disk_is_said_in_chinese_and_writes_nothing(branch, qtbot, tmp_path, monkeypatch):
    from db.errors import FULL, StoreError
    from ui.roster import import_dialog

    def full(*args, **kwargs):
        raise StoreError(FULL, "database or disk is full")

    monkeypatch.setattr(import_dialog, "apply_roster_import", full)
    dialog = open_dialog(qtbot, write_xlsx(tmp_path / "good.xlsx", good_rows()))
    box = dialog.create_branches
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error_label.isVisible)
    text = dialog.error_label.text()
    assert "未写入任何数据" in text and "磁盘已满" in text and "database" not in text
    assert Member.select().count() == 0
