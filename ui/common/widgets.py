"""Small pieces every dialog uses, so they look and behave the same everywhere."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

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


def available_room(widget: QWidget) -> QRect | None:
    """The part of the widget's screen not taken by the taskbar."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_on_screen(window: QWidget, room: QRect | None = None) -> None:
    """Shrink a window to the available room and move it inside, so its buttons and
    status bar never fall off a small screen (1366×768 with a taskbar)."""
    room = room or available_room(window)
    if room is None or room.isEmpty():
        return
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    width = min(window.width(), room.width() - extra_w)
    height = min(window.height(), room.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), room.left()), room.right() + 1 - frame.width())
    y = min(max(frame.y(), room.top()), room.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, room.left()), max(y, room.top()))


def text_width(widget: QWidget, sample: str, padding: int = 16) -> int:
    """Pixels a field needs to show `sample` whole in the widget's font."""
    return widget.fontMetrics().horizontalAdvance(sample) + padding


def grow_to_fit(dialog: QWidget) -> None:
    """After showing messages inside a dialog, make it large enough to show them whole
    (within the screen)."""
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    hint = dialog.sizeHint()
    dialog.resize(max(dialog.width(), hint.width()), max(dialog.height(), hint.height()))
    fit_on_screen(dialog)


# ---- not losing the clerk's work ------------------------------------------------------


def form_state(root: QWidget) -> tuple:
    """The values of every input under `root`, to tell whether the clerk changed any."""
    values = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and not isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            values.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            values.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            values.append(widget.currentText())
        elif isinstance(widget, QDateEdit):
            values.append(widget.date().toString(Qt.DateFormat.ISODate))
        elif isinstance(widget, QAbstractSpinBox):
            values.append(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
    return tuple(values)


def ask_discard(parent: QWidget) -> bool:
    """放弃修改？ True when the clerk chooses to throw the changes away."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("放弃修改？")
    box.setText("本窗口中的修改尚未保存。放弃修改并关闭？")
    discard = box.addButton("放弃修改", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("继续编辑", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


confirm_discard = ask_discard  # what EditDialog asks (tests close dialogs without asking)


class EditDialog(QDialog):
    """A dialog that edits something: Esc, 取消 or closing it after a change asks
    放弃修改？ first. Subclasses call `mark_clean()` once their fields are loaded."""

    _clean_state: tuple | None = None

    def mark_clean(self) -> None:
        self._clean_state = form_state(self)

    def is_edited(self) -> bool:
        return self._clean_state is not None and form_state(self) != self._clean_state

    def reject(self) -> None:
        if self.is_edited() and not confirm_discard(self):
            return
        super().reject()
