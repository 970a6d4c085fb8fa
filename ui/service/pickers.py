"""Choosing a branch and its members, the same way in every 服务工作 dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem

from dahe_desktop.commitments.service import active_members
from dahe_desktop.roster.service import list_branches


def branch_combo(current: int | None = None, *, everyone: str = "") -> QComboBox:
    box = QComboBox(minimumContentsLength=12)
    if everyone:
        box.addItem(everyone, None)
    for b in list_branches():
        box.addItem(b.name, b.id)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def fill_members(box: QComboBox, branch_id: int | None, current: int | None = None, *, nobody: str = "") -> None:
    box.clear()
    if nobody:
        box.addItem(nobody, None)
    for m in active_members(branch_id) if branch_id is not None else []:
        box.addItem(f"{m.name}　{m.position}".strip(), m.id)
    box.setCurrentIndex(max(0, box.findData(current)))


def fill_checklist(widget: QListWidget, branch_id: int | None, checked: list[int] = ()) -> None:
    """Members of the branch to tick (participants, team members)."""
    widget.clear()
    for m in active_members(branch_id) if branch_id is not None else []:
        item = QListWidgetItem(f"{m.name}　{m.position}".strip())
        item.setData(Qt.ItemDataRole.UserRole, m.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if m.id in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)


def checked_ids(widget: QListWidget) -> list[int]:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip
