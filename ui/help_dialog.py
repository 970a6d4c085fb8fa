"""使用说明: the short Chinese manual shipped with the program (resources/manual/),
shown in a window of its own; no browser or network needed."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from dahe_desktop.paths import resources_dir


def manual_path():
    return resources_dir() / "manual" / "index.html"


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        path = manual_path()
        if path.exists():
            self.browser.setSource(QUrl.fromLocalFile(str(path)))
        else:
            self.browser.setPlainText(f"找不到使用说明文件：{path}\n请重新安装程序。")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 680)  # kept within the screen on a small laptop

    def show_section(self, anchor: str) -> None:
        self.browser.scrollToAnchor(anchor)
