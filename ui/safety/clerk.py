"""At first start: whose changes the audit log records (the township setting 经办人)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from dahe_desktop import settings
from dahe_desktop.audit.service import save_clerk
from dahe_desktop.errors import UserError


def ask_clerk_name(parent: QWidget | None = None) -> bool:
    """Ask once, while the setting is empty; the clerk may skip it (asked next start)."""
    if settings.get(settings.CLERK_NAME):
        return False
    name, ok = QInputDialog.getText(parent, "经办人", "请输入经办人姓名（记入每一项修改的记录，可在“乡镇设置”旁的“修改记录”中查看）：")
    if not ok or not name.strip():
        return False
    try:
        save_clerk(name)
    except UserError as error:
        QMessageBox.warning(parent, "经办人", "\n".join(error.lines))
        return False
    return True
