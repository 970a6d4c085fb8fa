"""What every table offers: Ctrl+C copies the selected rows as tab-separated text (it
pastes into Excel or WPS as cells), and a right-click menu of the tab's actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QTableView


def selected_rows_text(view: QTableView, header: bool = True) -> str:
    """The selected rows, shown columns only, in the order shown, as tab-separated text."""
    model = view.model()
    columns = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    columns.sort(key=view.horizontalHeader().visualIndex)
    rows = sorted({index.row() for index in view.selectionModel().selectedIndexes()})
    lines = []
    if header and rows:
        lines.append("\t".join(str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns))
    for row in rows:
        cells = (model.index(row, c).data(Qt.ItemDataRole.DisplayRole) for c in columns)
        lines.append("\t".join(_cell(value) for value in cells))
    return "\n".join(lines)


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def copy_rows(view: QTableView) -> int:
    """Put the selected rows on the clipboard; returns how many were copied."""
    text = selected_rows_text(view)
    if text:
        QGuiApplication.clipboard().setText(text)
    return max(0, text.count("\n"))


def install_table_actions(view: QTableView, menu_actions: Callable[[], list[QAction | None]]) -> QAction:
    """Ctrl+C on the table and a right-click menu: `menu_actions()` gives the tab's
    actions for the current selection (None: a separator); 复制 comes last. Returns the
    copy action."""
    copy = QAction("复制选中行", view)
    copy.setShortcut(QKeySequence.StandardKey.Copy)
    copy.triggered.connect(lambda: copy_rows(view))
    view.installEventFilter(_CopyKey(view))  # the view's own Ctrl+C copies one cell only
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def popup(point: QPoint) -> None:
        index = view.indexAt(point)
        if index.isValid() and not view.selectionModel().isRowSelected(index.row(), index.parent()):
            view.selectRow(index.row())
        menu = build_menu(view, menu_actions(), copy)
        menu.exec(view.viewport().mapToGlobal(point))

    view.customContextMenuRequested.connect(popup)
    return copy


class _CopyKey(QObject):
    def __init__(self, view: QTableView):
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and event.matches(
            QKeySequence.StandardKey.Copy
        ):
            if event.type() == QEvent.Type.KeyPress:
                copy_rows(self._view)
            event.accept()
            return True
        return False


def build_menu(view: QTableView, actions: list[QAction | None], copy: QAction) -> QMenu:
    """The right-click menu (kept apart so tests can read it without opening it)."""
    menu = QMenu(view)
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
    if actions:
        menu.addSeparator()
    copy.setEnabled(view.selectionModel().hasSelection())
    menu.addAction(copy)
    return menu
