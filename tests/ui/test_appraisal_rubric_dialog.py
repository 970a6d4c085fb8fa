"""考核细则: the township's rubric edited as a table; the 100 rule refuses a wrong total."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from dahe_desktop.appraisal.rubrics import default_rubric, township_rubrics
from ui.appraisal.rubric_dialog import RubricDialog


def test_editing_a_rubric_checks_the_total_and_clauses(qtbot, db, monkeypatch):
    dialog = RubricDialog()
    qtbot.addWidget(dialog)
    dialog.category.setCurrentText("外出党员")
    model = dialog.model
    assert model.rowCount() == 9 and dialog.total.text() == "满分合计：100分"
    model.setData(model.index(0, 2), "14.5")  # 定期向支部汇报 15 -> 14.5
    assert dialog.total.text() == "满分合计：99.5分（应为100分）"
    assert not dialog.save()
    assert "外出党员：各项满分合计为99.5分，应为100分" in dialog.error.text()
    dialog.table.setCurrentIndex(model.index(0, 0))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    for col, value in ((1, "参加流入地志愿服务"), (2, "0.5"), (3, "0"), (4, "参加志愿服务+0.5/次")):
        model.setData(model.index(1, col), value)
    assert dialog.total.text() == "满分合计：100分"
    assert dialog.save(), dialog.error.text()
    saved = township_rubrics()["外出党员"]
    added = saved.items[1]
    assert (added.group, added.name, added.max, added.base) == ("联系支部", "参加流入地志愿服务", 5, 0)
    assert added.clauses[0].points == 5 and added.clause_points([3]) == 5
    model.setData(model.index(1, 4), "乱写一通")
    assert not dialog.save() and "看不懂" in dialog.error.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert township_rubrics()["外出党员"] == default_rubric("外出党员")
