"""The one page painter: draws recorded pages (`dahe_desktop.printing.recording`) with
QPainter, for the preview and for the printer alike: vectors and real text, QR codes and
the logo as images, exactly the geometry of the PDF of the same render."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
)

from dahe_desktop.printing.qr import qr_matrix
from dahe_desktop.printing.recording import RecordedPages

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


def _color(values: tuple[float, ...]) -> QColor:
    """RGB, or CMYK (four values, a print shop's file) as the screen shows it."""
    return QColor.fromCmykF(*values) if len(values) == 4 else QColor.fromRgbF(*values)


def _qr_image(data: str) -> QImage:
    """One pixel a module, black on white (drawn scaled without smoothing)."""
    rows = qr_matrix(data)
    n = len(rows)
    stride = (n + 3) // 4 * 4
    pixels = b"".join(bytes(0 if dark else 255 for dark in row).ljust(stride, b"\xff") for row in rows)
    image = QImage(pixels, n, n, stride, QImage.Format.Format_Grayscale8)
    return image.convertToFormat(QImage.Format.Format_Mono)


def paint_page(painter: QPainter, pages: RecordedPages, page: int, target: QRectF) -> None:
    """Draw page `page` into `target` (device coordinates) on white paper."""
    width, height = pages.page_size
    painter.save()
    painter.translate(target.topLeft())
    painter.scale(target.width() / width, target.height() / height)
    painter.fillRect(QRectF(0, 0, width, height), Qt.GlobalColor.white)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    points_per_device_point = 72.0 / painter.device().logicalDpiY()
    images: dict[str, QImage] = {}
    for op in pages.pages[page] if page < len(pages.pages) else ():
        kind = op[0]
        if kind == "text":
            _, x, baseline, name, size, chunk, rgb, bold, space = op
            font = QFont(_family(name, pages.fonts))
            font.setPointSizeF(size * points_per_device_point)
            font.setBold(bold)
            if space:
                font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, space)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            painter.setFont(font)
            painter.setPen(_color(rgb))
            painter.drawText(QPointF(x, height - baseline), chunk)
        elif kind == "rect":
            _, x, y, w, h, radius, fill, stroke, line = op
            painter.setPen(QPen(_color(stroke), line) if stroke else Qt.PenStyle.NoPen)
            painter.setBrush(_color(fill) if fill else Qt.BrushStyle.NoBrush)
            box = QRectF(x, height - y - h, w, h)
            if radius:
                painter.drawRoundedRect(box, radius, radius)
            else:
                painter.drawRect(box)
        elif kind == "line":
            _, x1, y1, x2, y2, rgb, line, dash = op
            pen = QPen(_color(rgb), line)
            if dash:
                pen.setDashPattern([max(d / max(line, 0.01), 0.1) for d in dash])
            painter.setPen(pen)
            painter.drawLine(QPointF(x1, height - y1), QPointF(x2, height - y2))
        elif kind == "image":
            _, path, x, y, w, h = op
            image = images.get(path) or images.setdefault(path, QImage(path))
            if not image.isNull():
                fitted = image.size().toSizeF().scaled(QSizeF(w, h), Qt.AspectRatioMode.KeepAspectRatio)
                left = x + (w - fitted.width()) / 2
                top = height - y - h + (h - fitted.height()) / 2
                painter.drawImage(QRectF(QPointF(left, top), fitted), image)
        elif kind == "qr":
            _, data, x, y, size = op
            painter.drawImage(QRectF(x, height - y - size, size, size), _qr_image(data))
    painter.restore()


def print_pages(pages: RecordedPages, printer, *, on_page: Callable[[int], bool] | None = None,
                scale: float = 1.0) -> bool:  # fmt: skip
    """Every page on `printer` (a QPrinter or any paged device set up by the caller) at
    the recorded page size, enlarged about its centre by `scale` where the printer's
    driver shrinks pages (measured on the alignment sheet). `on_page(done)` is called
    after each page; when it returns False printing stops (the job is aborted where the
    printer can). True if all went."""
    w, h = pages.page_size
    size = QPageSize(QSizeF(min(w, h), max(w, h)), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageSize(size)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    painter = QPainter(printer)
    try:
        for page in range(len(pages.pages)):
            if page:
                printer.newPage()
            area = QRectF(painter.viewport())
            if scale != 1.0:
                centre = area.center()
                area = QRectF(0, 0, area.width() * scale, area.height() * scale)
                area.moveCenter(centre)
            paint_page(painter, pages, page, area)
            if on_page is not None and not on_page(page + 1):
                if hasattr(printer, "abort"):
                    printer.abort()
                return False
    finally:
        painter.end()
    return True
