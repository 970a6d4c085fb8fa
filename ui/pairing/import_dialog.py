"""导入农户: the preview of a household file (new, updated, every bad row by its number);
importing is allowed only when no row is bad (all or nothing)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QVBoxLayout, QWidget

from dahe_desktop.errors import UserError, error_lines
from dahe_desktop.importing.households import apply_household_import, preview_household_import
from ui.common.widgets import ERROR_COLOR, dialog_buttons, error_label


class ImportHouseholdsDialog(QDialog):
    def __init__(self, path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("导入农户")
        self.result_counts: tuple[int, int] = (0, 0)
        self.preview = None
        self.summary = QLabel(wordWrap=True)
        self.bad = QListWidget()
        self.error = error_label()
        self.buttons = dialog_buttons(self, "导入")
        try:
            self.preview = preview_household_import(path)
        except UserError as error:
            self.summary.setText("\n".join(error_lines(error)))
            self.summary.setStyleSheet(f"color: {ERROR_COLOR};")
        else:
            p = self.preview
            self.summary.setText(f"{p.sheet}：共{p.total}行，新增{p.new}户，更新{p.updated}户"
                                 + (f"，{len(p.bad)}行有误（改正后重新导入，不会只导入一部分）" if p.bad else ""))  # fmt: skip
            self.bad.addItems([f"第{b.row}行 {b.name}：{b.text}" for b in p.bad])
        self.bad.setVisible(bool(self.preview and self.preview.bad))
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        ok.setEnabled(bool(self.preview and self.preview.good and not self.preview.bad))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.bad, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(640, 420 if self.bad.isVisible() else 160)

    def accept(self) -> None:
        try:
            self.result_counts = apply_household_import(self.preview)
        except UserError as error:
            self.error.setText("\n".join(error_lines(error)))
            self.error.show()
            return
        super().accept()
