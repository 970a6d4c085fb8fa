"""Small pieces every dialog uses, so they look and behave the same everywhere."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

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
