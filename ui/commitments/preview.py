"""Pages of a commitment printout drawn with QPainter from what the render recorded
(`PrintResult.page_ops`): a preview that needs no PDF renderer, and vector printing
through Qt's printer dialog with the same fonts and positions as the PDF."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from dahe_desktop.commitments.printdoc import PrintResult

_families: dict[str, str] = {}


def _family(name: str, fonts: dict[str, tuple[str, int]]) -> str:
    """The Qt family of a ReportLab font name, registering its file once."""
    family = _families.get(name)
    if family is None:
        path, index = fonts.get(name, ("", 0))
        found = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(path)) if path else []
        family = found[index] if index < len(found) else (found[0] if found else "")
        _families[name] = family
    return family


def paint_page(painter: QPainter, result: PrintResult, page: int, target: QRectF) -> None:
    """Draw one page of `result` into `target` (device coordinates), white paper first."""
    width, height = result.page_size
    painter.save()
    painter.translate(target.topLeft())
    painter.scale(target.width() / width, target.height() / height)
    painter.fillRect(QRectF(0, 0, width, height), Qt.GlobalColor.white)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    points_per_device_point = 72.0 / painter.device().logicalDpiY()
    black = QColor(Qt.GlobalColor.black)
    for op in result.page_ops[page] if page < len(result.page_ops) else []:
        if op[0] == "t":
            _, name, size, x, baseline, chunk, bold = op
            font = QFont(_family(name, result.fonts))
            font.setPointSizeF(size * points_per_device_point)
            font.setBold(bold)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            painter.setFont(font)
            painter.setPen(black)
            painter.drawText(QPointF(x, height - baseline), chunk)
        elif op[0] == "r":
            _, x, y, w, h, line = op
            painter.setPen(QPen(black, line))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(x, height - y - h, w, h))
        elif op[0] == "l":
            _, x1, y1, x2, y2, line, dash = op
            pen = QPen(black, line)
            if dash:
                pen.setDashPattern([d / line for d in dash])
            painter.setPen(pen)
            painter.drawLine(QPointF(x1, height - y1), QPointF(x2, height - y2))
    painter.restore()


class _Page(QWidget):
    def __init__(self, result: PrintResult, index: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.result, self.index = result, index
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        w, h = self.result.page_size
        return round(width * h / w)

    def sizeHint(self) -> QSize:
        return QSize(600, self.heightForWidth(600))

    def resizeEvent(self, event) -> None:
        self.setFixedHeight(self.heightForWidth(self.width()))
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        paint_page(painter, self.result, self.index, QRectF(self.rect()))
        painter.setPen(QColor("#999999"))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()


class PagesView(QScrollArea):
    """All pages one under another, fitted to the width; only visible ones are painted."""

    MAX_PAGES = 60  # a preview; the file and the print have every page

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setStyleSheet("QScrollArea { background: #808080; }")
        self.set_result(None)

    def set_result(self, result: PrintResult | None) -> None:
        holder = QWidget()
        holder.setStyleSheet("background: #808080;")
        layout = QVBoxLayout(holder)
        layout.setSpacing(12)
        if result is not None:
            for index in range(min(result.pages, self.MAX_PAGES)):
                layout.addWidget(_Page(result, index))
            if result.pages > self.MAX_PAGES:
                more = QLabel(f"（预览只显示前{self.MAX_PAGES}页，共{result.pages}页；保存或打印的是全部页面）")
                more.setStyleSheet("color: white;")
                layout.addWidget(more)
        layout.addStretch()
        self.setWidget(holder)

    def page_count(self) -> int:
        return sum(isinstance(w, _Page) for w in self.widget().children())


def print_result(result: PrintResult, printer) -> None:
    """Every page on `printer` (a QPrinter set up by the print dialog), as vectors."""
    w, h = result.page_size
    size = QPageSize(QSizeF(min(w, h), max(w, h)), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait
    printer.setPageSize(size)
    printer.setPageOrientation(orientation)
    printer.setFullPage(True)
    painter = QPainter(printer)
    for page in range(result.pages):
        if page:
            printer.newPage()
        paint_page(painter, result, page, QRectF(painter.viewport()))
    painter.end()
