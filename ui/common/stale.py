"""When another clerk saved a record first: the one panel every edit dialog shows.

The save was refused (`StaleRecordError`: who changed what since the dialog loaded it).
The clerk's input stays in the fields; 重新载入 puts the record's current values in and
lists what the clerk had changed, so they re-apply it knowingly instead of writing over
the other clerk's change.

    self.stale = StaleNotice(self._reload)      # _reload(): fill the fields and the version
    layout.insertWidget(0, self.stale)
    self.stale.loaded()                          # once the fields are filled
    ...
    except StaleRecordError as error:
        self.stale.refused(error)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.errors import UserError
from ui.common.widgets import ERROR_COLOR, form_state, grow_to_fit

RELOAD = "重新载入"
RELOADED = "已载入当前内容。您刚才改过的项目（请核对后重新填上）："
NOTHING_TYPED = "已载入当前内容。您没有改过任何项目，可直接保存。"
RELOADED_ONLY = "已载入当前内容。请核对后把您的修改重新填上。"
SHORT = 30
RELOADED_COLOR = "#7a5a00"


def labelled_values(root: QWidget) -> dict[str, str]:
    """Each form row's label and the value its field shows, for every form in `root`."""
    values: dict[str, str] = {}
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None or field.widget() is None or not isinstance(label.widget(), QLabel):
                continue
            name = label.widget().text().rstrip("*：: ")
            if name:
                values[name] = _shown(field.widget())
    return values


def _shown(widget: QWidget) -> str:
    """What a field shows: an input's value, or its inputs' values (a field with its
    error line under it)."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return "是" if widget.isChecked() else "否"
    return " ".join(str(v) for v in form_state(widget) if v not in ("", None))


def _short(text: str) -> str:
    text = text.replace("\n", " / ") or "（空）"
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


class StaleNotice(QFrame):
    """Hidden until a save is refused; then the refusal's lines and 重新载入."""

    def __init__(self, reload: Callable[[], None], parent: QWidget | None = None,
                 values: Callable[[], dict[str, str]] | None = None):  # fmt: skip
        """`reload()` fills the fields and the version from the store; `values()` names
        what the fields show (default: every form row by its label)."""
        super().__init__(parent)
        self._reload = reload
        self._values = values or (lambda: labelled_values(self._dialog()))
        self._loaded: dict[str, str] = {}
        self._typed: dict[str, str] = {}
        self.setObjectName("stale_notice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.message = QLabel(wordWrap=True)
        self._tone(ERROR_COLOR, "#fff4f4")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reload_button = QPushButton(RELOAD)
        self.reload_button.setAutoDefault(False)  # Enter still saves, never reloads by accident
        self.reload_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.hide()

    def _tone(self, color: str, background: str) -> None:
        self.setStyleSheet(f"#stale_notice {{ border: 1px solid {color}; background: {background}; }}")
        self.message.setStyleSheet(f"color: {color};")

    def _dialog(self) -> QWidget:
        return self.window()

    def loaded(self) -> None:
        """The fields now show the record as stored: what the clerk changes is measured from here."""
        self._loaded = self._values()

    def refused(self, error: UserError) -> None:
        """Show why the save was refused; every field keeps what the clerk typed."""
        self._typed = self._values()
        self.message.setText("\n".join(error.lines))
        self._tone(ERROR_COLOR, "#fff4f4")
        self.reload_button.show()
        self.show()
        grow_to_fit(self._dialog())

    def reload(self) -> None:
        """The record's current values into the fields (the dialog's own loader), then
        the list of what the clerk had changed, to re-apply."""
        typed, before = self._typed, self._loaded
        self._reload()
        self.loaded()
        changed = [(name, value) for name, value in typed.items() if before.get(name) != value]
        lines = [f"{name}：{_short(value)}（现为 {_short(self._loaded.get(name, ''))}）" for name, value in changed]
        self.message.setText("\n".join([RELOADED, *lines]) if lines else NOTHING_TYPED if typed else RELOADED_ONLY)
        self._tone(RELOADED_COLOR, "#fffbe6")  # a note now, not a refusal
        self.show()
        self.reload_button.hide()
        self.adjustSize()
        grow_to_fit(self._dialog())
