"""Print cards or a posting sheet: choose, preview the real PDF, save it or print it.

The PDF previewed is the PDF saved or printed (copied, not rendered again). Saving or
printing records the versions posted; a reprint of the posted version records nothing.
Preview uses QtPdf where the installed Qt has it; otherwise the pages are drawn from
what the render recorded (same fonts and positions). Printing draws those pages as
vectors on the printer chosen in Qt's printer dialog.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.commitments import postings
from dahe_desktop.commitments.printdoc import (
    POSTING_DAYS,
    PrintResult,
    posting_info,
    shortened_lines,
)
from dahe_desktop.commitments.printjob import PrintJob
from dahe_desktop.commitments.records import PostedCard
from dahe_desktop.commitments.rules import CommitmentError
from dahe_desktop.printing.fonts import MissingGlyphsError
from dahe_desktop.roster.service import list_branches
from ui.background import BackgroundTask, Progress, wait_for_background
from ui.commitments.preview import PagesView, print_result
from ui.printing import printer as engine_printer
from ui.printing.name_card_dialog import save_error_text
from ui.printing.printer import PdfPreview


def render_error_lines(error: BaseException) -> list[str]:
    """Why a preview could not be made, in Chinese, for the status line."""
    if isinstance(error, MissingGlyphsError):
        return error.lines
    if isinstance(error, CommitmentError):
        return error.lines
    if isinstance(error, OSError):  # the preview folder went with a closed dialog, a full disk
        return [f"无法生成PDF：{error}"]
    traceback.print_exception(error, file=sys.stderr)  # unexpected: keep it for the technician
    return [f"生成预览时出错：{type(error).__name__}: {error}", "请重试；如仍出错，请把此信息告诉技术人员。"]


class CommitmentPrintDialog(QDialog):
    """打印承诺卡 / 打印承诺公示."""

    rendered = Signal()  # a preview finished (or failed): the buttons reflect it

    def __init__(self, kind: str, year: int, branch_id: int | None = None, member_ids: list[int] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.year = year
        self.member_ids = member_ids or []
        self.render_result: PrintResult | None = None
        self._cards: list[PostedCard] = []
        self._dir = Path(tempfile.mkdtemp(prefix="dahe-print-"))
        self._tmp = self._dir / "preview-0.pdf"
        self._serial = 0
        self.busy = False
        self._task: BackgroundTask | None = None
        self.setWindowTitle(f"打印{year}年度{postings.KINDS[kind]}")
        self.resize(1000, 720)

        self.branch = QComboBox(minimumContentsLength=14)
        if kind == postings.CARD:
            self.branch.addItem("全部支部", None)
        for b in list_branches():
            self.branch.addItem(b.name, b.id)
        self.branch.setCurrentIndex(max(0, self.branch.findData(branch_id)))
        self.scope = QComboBox()
        self.scope.addItem("全部党员", "all")
        if self.member_ids:
            self.scope.addItem(f"表中所选的{len(set(self.member_ids))}名党员", "selected")
        self.scope.addItem("尚未公示或公示后有改动的党员", "unposted")
        self.paper = QComboBox()
        self.paper.addItems(["A5（每张A4印2张）", "A4（每页1张）"] if kind == postings.CARD else ["A4横向", "A3横向"])
        self.start = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.days = QSpinBox(minimum=1, maximum=60, value=POSTING_DAYS, suffix=" 天")
        self.current = QRadioButton("当前内容（保存或打印后记为公示版本）")
        self.posted = QRadioButton("上次公示的版本（原样重印）")
        self.current.setChecked(True)
        versions = QButtonGroup(self)
        versions.addButton(self.current)
        versions.addButton(self.posted)

        form = QFormLayout()
        form.addRow("支部", self.branch)
        form.addRow("范围", self.scope)
        form.addRow("纸张", self.paper)
        period = QHBoxLayout()
        period.addWidget(self.start)
        period.addWidget(QLabel("起，公示"))
        period.addWidget(self.days)
        period.addStretch()
        form.addRow("公示期", period)
        form.addRow("版本", self.current)
        form.addRow("", self.posted)

        self.status = QLabel(wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton("保存为PDF…")
        self.print_button = QPushButton("打印…")
        self.open_button = QPushButton("用系统查看器打开")
        close = QPushButton("关闭")
        self.save_button.clicked.connect(self.save_as)
        self.print_button.clicked.connect(self.print_pdf)
        self.open_button.clicked.connect(self.open_external)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for b in (self.open_button, self.save_button, self.print_button, close):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        # The engine's QtPdf preview shows the real PDF; without QtPdf, our own pages.
        self.pdf = PdfPreview(self) if engine_printer.QPdfView is not None else None
        self.pages = None if self.pdf is not None else PagesView(self)
        layout.addWidget(self.pdf or self.pages, 1)
        layout.addLayout(buttons)

        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.render_preview)
        for signal in (self.branch.currentIndexChanged, self.paper.currentIndexChanged, self.start.dateChanged,
                       self.days.valueChanged, self.current.toggled, self.scope.currentIndexChanged):  # fmt: skip
            signal.connect(self._timer.start)
        self.render_preview()

    def job(self) -> PrintJob:
        scope = self.scope.currentData()
        members = sorted(set(self.member_ids)) if scope == "selected" else None
        return PrintJob(self.kind, self.year, self.branch.currentData(), members, posted=self.posted.isChecked(),
                        large=self.paper.currentIndex() == 1, only_unposted=scope == "unposted")  # fmt: skip

    def render_preview(self) -> None:
        """Render the PDF as chosen, off the GUI thread; a newer request wins."""
        self._serial += 1
        self.busy = True
        self.render_result = None
        self._set_buttons()
        self.status.setStyleSheet("")
        self.status.setText("正在生成预览……")
        info = posting_info(self.start.date().toPython(), self.days.value())
        serial, job = self._serial, self.job()
        out = self._dir / f"preview-{serial}.pdf"

        def work(_progress: Progress) -> tuple[PrintResult, list[PostedCard]]:  # worker thread
            cards = job.cards()
            return job.render(out, info, cards), cards

        if self._task is not None:
            self._task.cancel()  # ends nothing mid-render, but its outcome is dropped
        self._task = task = BackgroundTask(work, self)
        task.succeeded.connect(lambda value: self._on_rendered(serial, *value))
        task.failed.connect(lambda error: self._on_failed(serial, render_error_lines(error)))
        task.start()

    def _on_rendered(self, serial: int, result: PrintResult, cards: list[PostedCard]) -> None:
        if serial != self._serial:
            return
        self._task = None
        self.busy = False
        if self.pdf is not None:
            self.pdf.clear()
        self._tmp, self.render_result, self._cards = Path(result.path), result, cards
        what = "张承诺卡" if self.kind == postings.CARD else "个支部的公示"
        lines = [f"共{result.documents}{what}，{result.pages}页", *shortened_lines(result)]
        self.status.setText("\n".join(lines))
        if self.pdf is not None:
            self.pdf.load(self._tmp)
        else:
            self.pages.set_result(result)
        self._set_buttons()
        self.rendered.emit()

    def _on_failed(self, serial: int, lines: list[str]) -> None:
        if serial != self._serial:
            return
        self._task = None
        self.busy = False
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText("\n".join(lines))
        if self.pdf is not None:
            self.pdf.clear()
        else:
            self.pages.set_result(None)
        self._set_buttons()
        self.rendered.emit()

    def _set_buttons(self) -> None:
        for button in (self.save_button, self.print_button, self.open_button):
            button.setEnabled(self.render_result is not None)

    def save_to(self, path: str | Path) -> None:
        """Save exactly the previewed PDF and record it as posted."""
        if self.render_result is None:
            return
        try:
            shutil.copyfile(self._tmp, path)
        except OSError as error:  # on Windows mostly: the PDF is open in a viewer
            self.status.setStyleSheet("color: #b00020;")
            self.status.setText(save_error_text(path, error))
            return
        stored = self.job().record(self._cards)
        self.status.setText(f"已保存：{path}" + (f"（记录公示版本{stored}份）" if stored else ""))

    def save_as(self) -> None:
        default = f"{self.year}年度{postings.KINDS[self.kind]}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "保存为PDF", default, "PDF 文件 (*.pdf)")
        if path:
            self.save_to(path)

    def print_pdf(self) -> None:
        """Print through Qt's printer dialog; the pages posted are then recorded."""
        if self.render_result is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(Path(self.render_result.path).stem)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:  # pragma: no cover - needs a printer
            return
        print_result(self.render_result, printer)  # pragma: no cover
        stored = self.job().record(self._cards)  # pragma: no cover
        self.status.setText(f"已送打印机：{printer.printerName()}" + (f"（记录公示版本{stored}份）" if stored else ""))

    def open_external(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._tmp)))

    def done(self, result: int) -> None:
        self._serial += 1  # a render still running is ignored when it ends
        if self._task is not None:
            self._task.cancel()
            self._task = None
        wait_for_background()  # a render cannot stop midway; its task must outlive it
        if self.pdf is not None:
            self.pdf.clear()
        shutil.rmtree(self._dir, ignore_errors=True)
        super().done(result)
