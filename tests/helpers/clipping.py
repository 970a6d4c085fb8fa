"""Finding text a widget cannot show whole: a label, field, button or combo box whose
text is wider than the room the layout gave it (what the clerk sees as cut off)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

# Room a widget needs beside its text: a frame and padding, an arrow, a check box.
_LINE_EDIT_PADDING = 8
_COMBO_PADDING = 28
_BUTTON_PADDING = 8
_CHECK_PADDING = 22
_TITLE_BAR_PADDING = 150


def _plain(text: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


def clipped_texts(root: QWidget) -> list[str]:
    """Every visible text under `root` that does not fit its widget, as 'kind: text'."""
    found = []
    if root.isWindow() and root.windowTitle():
        # The title bar: the window icon on the left, three buttons on the right.
        if root.fontMetrics().horizontalAdvance(root.windowTitle()) + _TITLE_BAR_PADDING > root.width():
            found.append(f"title ({root.width()}px): {root.windowTitle()}")
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        metrics = widget.fontMetrics()
        if isinstance(widget, QLabel):
            text = _plain(widget.text())
            if not text or widget.pixmap() is not None and not widget.pixmap().isNull():
                continue
            room = widget.contentsRect()
            if widget.wordWrap():
                if widget.heightForWidth(room.width()) > room.height() + 1 and widget.height() > 0:
                    found.append(f"label (wrapped, {room.height()}px high): {text}")
                longest = max((metrics.horizontalAdvance(w) for w in text.split()), default=0)
                if "\n" not in text and " " not in text and longest > room.width() and not _breakable(text):
                    found.append(f"label (no break, {room.width()}px): {text}")
            else:
                for line in text.split("\n"):
                    if metrics.horizontalAdvance(line) > room.width() + 1:
                        found.append(f"label ({room.width()}px): {line}")
        elif isinstance(widget, QLineEdit) and not isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            for text in (widget.text(), widget.placeholderText() if not widget.text() else ""):
                margins = widget.textMargins()
                room = widget.width() - _LINE_EDIT_PADDING - margins.left() - margins.right()
                if text and metrics.horizontalAdvance(text) > room:
                    found.append(f"field ({widget.width()}px): {text}")
        elif isinstance(widget, QComboBox):
            text = widget.currentText()
            if text and metrics.horizontalAdvance(text) > widget.width() - _COMBO_PADDING:
                found.append(f"combo ({widget.width()}px): {text}")
        elif isinstance(widget, QAbstractButton):
            text = _plain(widget.text())
            padding = _BUTTON_PADDING if widget.metaObject().className() in ("QPushButton", "QToolButton") else _CHECK_PADDING
            widest = max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)
            if text and widest + widget.iconSize().width() * (not widget.icon().isNull()) > widget.width() - padding:
                found.append(f"button ({widget.width()}px): {text}")
    return found


def _breakable(text: str) -> bool:
    """Chinese text wraps between any two characters."""
    return any("\u4e00" <= c <= "\u9fff" for c in text)
