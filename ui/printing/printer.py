"""The PDF preview widget (QtPdf's QPdfView) and printing name cards through Qt's dialog."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QProgressDialog,
    QStackedLayout,
    QWidget,
)

from dahe_desktop.printing.jobs import record_name_card_pages
from dahe_desktop.printing.name_cards import CardJob
from dahe_desktop.printing.recording import RecordedPages
from dahe_desktop.printing.selection import CardScope
from ui.background import BackgroundTask, Progress, wait_for_background
from ui.printing.vector import print_pages

try:  # QtPdf comes in the PySide6-Pdf wheel (Qt 6.8+); keep the window working without it
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
except ImportError:  # pragma: no cover - depends on the installed Qt
    QPdfDocument = QPdfView = None


class PdfPreview(QWidget):
    """Shows the pages of a PDF file; without QtPdf, a note and a link to open it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._stack = QStackedLayout(self)
        self.path: Path | None = None
        if QPdfView is not None:
            self.document = QPdfDocument(self)
            self.view = QPdfView(self)
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.view.setDocument(self.document)
            self._stack.addWidget(self.view)
        else:
            self.document = self.view = None
            self.note = QLabel(
                "此电脑的Qt组件不含PDF预览（PySide6-Pdf）；生成的PDF可保存后用其他程序查看。"
            )
            self.note.setWordWrap(True)
            self._stack.addWidget(self.note)

    def load(self, path: Path) -> None:
        self.path = path
        if self.document is not None:
            self.document.close()
            self.document.load(str(path))

    def clear(self) -> None:
        self.path = None
        if self.document is not None:
            self.document.close()

    def page_count(self) -> int:
        return self.document.pageCount() if self.document is not None else 0


def print_name_card_pages(scope: CardScope, job: CardJob, parent: QWidget, *,
                          printer=None) -> bool:  # fmt: skip
    """Print the scope's cards as vectors (text stays text, QR codes and the logo are
    images) through Qt's printer dialog, with a progress dialog that can cancel. The
    pages are built on a worker thread, then painted here (QPainter stays on the GUI
    thread) by the same painter and plan as the PDF. False if the clerk cancelled.
    Raises what the build raised (e.g. `MissingGlyphsError`). Tests pass a `printer`
    (e.g. PDF output) to skip the printer dialog."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    if printer is None:  # pragma: no cover - needs a printer
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("党员名片")
        if job.duplex:
            printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
        if QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
            return False
    progress = QProgressDialog("正在准备名片页面……", "取消", 0, 100, parent)
    progress.setWindowTitle("打印党员名片")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    try:
        built = _build_pages(scope, job, progress)
        if built is None:
            return False
        pages = built
        total = len(pages.pages)

        def step(done: int) -> bool:
            progress.setLabelText(f"正在发送第{done}/{total}页……")
            progress.setValue(50 + done * 50 // total)
            QApplication.processEvents()
            return not progress.wasCanceled()

        return print_pages(pages, printer, on_page=step)
    finally:
        progress.close()  # kept (with its task) until `parent` goes: see _build_pages


def _build_pages(scope: CardScope, job: CardJob, progress: QProgressDialog) -> RecordedPages | None:
    """The recorded pages, built by a BackgroundTask while a local event loop keeps the
    window alive; None when the clerk cancels (the worker stops at its next page; this
    waits for that, so no worker outlives the print and the task can go with `progress`)."""
    stop = threading.Event()

    def work(report: Progress) -> RecordedPages:  # worker thread: no Qt here
        pages, _result = record_name_card_pages(scope, job, progress=report, cancelled=stop.is_set)
        return pages

    outcome: list[tuple[bool, object]] = []
    loop = QEventLoop()
    task = BackgroundTask(work, progress)

    def end(ok: bool, value: object) -> None:
        if not outcome:
            outcome.append((ok, value))
        loop.quit()

    def cancel() -> None:
        stop.set()
        task.cancel()
        end(True, None)

    task.progressed.connect(lambda done, total: progress.setValue(done * 50 // max(total, 1)))
    task.succeeded.connect(lambda pages: end(True, pages))
    task.failed.connect(lambda error: end(False, error))
    task.cancelled_done.connect(lambda: end(True, None))
    progress.canceled.connect(cancel)
    task.start()
    if not outcome:
        loop.exec()
    progress.canceled.disconnect(cancel)
    wait_for_background()  # a cancelled build stops at its next page
    ok, value = outcome[0]
    if not ok:
        raise value  # type: ignore[misc]
    return value  # type: ignore[return-value]
