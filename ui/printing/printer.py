"""The PDF preview widget (QtPdf's QPdfView) and printing a PDF through Qt's dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import QDialog, QLabel, QStackedLayout, QWidget

try:  # QtPdf comes in the PySide6-Pdf wheel (Qt 6.8+); keep the window working without it
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
except ImportError:  # pragma: no cover - depends on the installed Qt
    QPdfDocument = QPdfView = None

PRINT_DPI = 300  # pages are rendered to the printer at this resolution


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


def print_pdf(preview: PdfPreview, path: Path, parent: QWidget, *, duplex: bool = False,
              card_page: bool = False) -> bool:  # fmt: skip  # pragma: no cover - needs a printer
    """Print every page through Qt's printer dialog; False if the clerk cancelled.

    Without QtPdf the PDF is handed to the system's PDF program instead."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    if preview.document is None:
        from PySide6.QtCore import QUrl

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(PRINT_DPI)
    printer.setFullPage(True)
    if card_page:
        # Page sizes are given upright; the card lies on its side.
        printer.setPageSize(QPageSize(QSizeF(54, 90), QPageSize.Unit.Millimeter, "名片 90×54"))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    else:
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    if duplex:
        printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
    if QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
        return False
    document = preview.document
    painter = QPainter(printer)
    rect = painter.viewport()
    for page in range(document.pageCount()):
        if page:
            printer.newPage()
        painter.drawImage(rect, document.render(page, rect.size()))
    painter.end()
    return True
