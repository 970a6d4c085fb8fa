"""The list behind a figure, in a sortable table (opened from the dashboard)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.common.rows_model import RowsModel, rows_view

if TYPE_CHECKING:  # the lists' queries load when a figure is first opened, not at start
    from dahe_desktop.dashboard.drill import FigureList


class FigureRowsModel(RowsModel):
    def __init__(self, figure: FigureList, parent=None):
        super().__init__(parent)
        self.columns = [(title, lambda r, i=i: r[i]) for i, title in enumerate(figure.columns)]
        self.set_rows(figure.rows)


class FigureListDialog(QDialog):
    def __init__(self, figure: FigureList, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(figure.title)
        self.model = FigureRowsModel(figure, self)
        self.table, self.proxy = rows_view(self.model)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{figure.title}：共{len(figure.rows)}条"))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 520)
        if figure.viewed is not None:  # 帮扶困难户 by name: the viewing is logged
            figure.viewed()
