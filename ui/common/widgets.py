"""Small pieces every dialog uses, so they look and behave the same everywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

ERROR_COLOR = "#b00020"


def dialog_buttons(dialog: QDialog, accept_text: str = "保存") -> QDialogButtonBox:
    """An accept button (default: Enter presses it) and 取消, wired to the dialog.
    The accept button is `box.button(QDialogButtonBox.StandardButton.Ok)`."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    accept = box.button(QDialogButtonBox.StandardButton.Ok)
    accept.setText(accept_text)
    accept.setDefault(True)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def error_label() -> QLabel:
    """Where a dialog says, in red, why it was not saved; hidden until then."""
    label = QLabel(wordWrap=True)
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label
