"""新建或修改队伍: a 三队三强 team or a 党群共富组, its Party members (ticked from the
roster), its other villagers and the households in difficulty it helps, by name."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.audit.viewing import teams_viewed
from dahe_desktop.service import labels as L
from dahe_desktop.service.records import TeamDetail, TeamInput
from dahe_desktop.service.rules import ServiceError
from dahe_desktop.service.teams import save_team
from ui.common.widgets import dialog_buttons, error_label
from ui.service.pickers import branch_combo, checked_ids, fill_checklist, fill_members

VILLAGER_LEADER = "（群众，填在右侧）"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class TeamDialog(QDialog):
    def __init__(self, branch_id: int | None = None, detail: TeamDetail | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.detail = detail
        self.setWindowTitle("修改队伍" if detail else "新建队伍")
        row = detail.row if detail else None
        self.branch = branch_combo(row.branch_id if row else branch_id)
        self.kind = QComboBox()
        self.kind.addItems(list(L.TEAM_KINDS))
        self.name = QLineEdit(placeholderText="如 大河村牦牛养殖党群共富组")
        self.leader = QComboBox(minimumContentsLength=12)
        self.leader_name = QLineEdit(placeholderText="群众负责人姓名（典型户户主等）")
        self.trade = QComboBox(editable=True)
        self.trade.addItems(["", *L.TRADES])
        self.formed = QSpinBox(minimum=1990, maximum=2100, value=dt.date.today().year)
        self.members = QListWidget()
        self.members.setMaximumHeight(130)
        self.villagers = QPlainTextEdit(placeholderText="其他群众成员，每行一人")
        self.households = QPlainTextEdit(placeholderText="帮带的困难户，每行一户：户主姓名 所在社（如 才让东智 三社）")
        for box in (self.villagers, self.households):
            box.setFixedHeight(80)
        self.note = QLineEdit()
        form = QFormLayout()
        for title, w in (("支部", self.branch), ("类别", self.kind), ("名称", self.name), ("负责人（党员）", self.leader),
                         ("负责人（群众）", self.leader_name), ("产业", self.trade), ("组建年份", self.formed),
                         ("党员成员", self.members), ("群众成员", self.villagers), ("帮带困难户", self.households),
                         ("备注", self.note)):  # fmt: skip
            form.addRow(title, w)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        self.branch.currentIndexChanged.connect(self._branch_changed)
        fill_members(self.leader, self.branch.currentData(), detail.leader_id if detail else None, nobody=VILLAGER_LEADER)
        fill_checklist(self.members, self.branch.currentData(), detail.member_ids if detail else [])
        if detail:
            self.kind.setCurrentText(row.kind)
            self.name.setText(row.name)
            if detail.leader_id is None:
                self.leader_name.setText(row.leader)
            self.trade.setCurrentText(row.trade)
            self.formed.setValue(row.formed_year)
            villagers = [v for v in detail.villagers if detail.leader_id is not None or v != row.leader]
            self.villagers.setPlainText("\n".join(villagers))
            self.households.setPlainText("\n".join(f"{n} {p}".strip() for n, p in detail.households))
            if detail.households:  # households in difficulty, by name: the viewing is logged
                teams_viewed([row.id])
            self.note.setText(detail.note)
        self.resize(560, 680)

    def _branch_changed(self) -> None:
        fill_members(self.leader, self.branch.currentData(), nobody=VILLAGER_LEADER)
        fill_checklist(self.members, self.branch.currentData())

    def team(self) -> TeamInput:
        homes = [tuple((line.split(maxsplit=1) + [""])[:2]) for line in _lines(self.households.toPlainText())]
        return TeamInput(
            self.branch.currentData(), self.kind.currentText(), self.name.text(), self.formed.value(),
            self.leader.currentData(), self.leader_name.text(), self.trade.currentText(), checked_ids(self.members),
            _lines(self.villagers.toPlainText()), homes, self.note.text(), self.detail.row.id if self.detail else None,
        )  # fmt: skip

    def accept(self) -> None:
        try:
            save_team(self.team())
        except ServiceError as error:
            self.error.setText("\n".join(error.lines))
            self.error.show()
            return
        super().accept()
