"""打印工作情况报告: the year's summary as a GB/T 9704 paper on the one print dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QWidget

from dahe_desktop.dashboard.printouts.report import render_report
from dahe_desktop.dashboard.report import ReportContent
from dahe_desktop.printing.document import PrintResult
from ui.printing.dialog import PrintDialog, Render


class ReportPrintDialog(PrintDialog):
    what = "份报告"

    def __init__(self, content: ReportContent, parent: QWidget | None = None):
        super().__init__(parent)
        self.content = content
        self.window_title = f"打印{content.title}"
        self.setWindowTitle(self.window_title)
        self.begin()

    def options(self) -> QLayout:
        form = QFormLayout()
        form.addRow("报告", QLabel(f"{self.content.title}（A4，公文格式；落款：{self.content.issuer}）"))
        return form

    def make_render(self) -> Render:
        content = self.content

        def render(out: Path, _progress, _cancelled) -> PrintResult:  # worker thread: painting only
            return render_report(content, out, record=True)

        return render

    def file_name(self) -> str:
        return f"{self.content.title}.pdf"
