"""The preview: one recorded page at a time, painted by the same painter as the printer,
with page navigation and zoom (fit page, fit width, or a percentage of real size)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.printing.recording import RecordedPages
from ui.printing.painter import paint_page

FIT_PAGE, FIT_WIDTH = "page", "width"
ZOOMS = [("适合页面", FIT_PAGE), ("适合宽度", FIT_WIDTH), ("50%", 0.5), ("75%", 0.75), ("100%", 1.0),
         ("150%", 1.5), ("200%", 2.0)]  # fmt: skip


class _Sheet(QWidget):
    """The page itself at the size the zoom gives it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pages: RecordedPages | None = None
        self.index = 0

    def paintEvent(self, event) -> None:
        if self.pages is None or not self.pages.pages:
            return
        painter = QPainter(self)
        paint_page(painter, self.pages, self.index, QRectF(self.rect()))
        painter.setPen(QColor("#999999"))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()


class PagesView(QWidget):
    """Recorded pages, one at a time. PageUp/PageDown turn pages; the zoom is the
    caller's to remember (`zoom_changed`)."""

    zoom_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pages: RecordedPages | None = None
        self.sheet = _Sheet()
        self.area = QScrollArea()
        self.area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.area.setStyleSheet("QScrollArea { background: #808080; }")
        self.area.setWidget(self.sheet)
        self.previous = QToolButton(text="◀ 上一页")
        self.next = QToolButton(text="下一页 ▶")
        self.number = QSpinBox(minimum=1, maximum=1, prefix="第 ", suffix=" 页")
        self.count = QLabel()
        self.zoom = QComboBox()
        for label, value in ZOOMS:
            self.zoom.addItem(label, value)
        self.zoom.setCurrentIndex(0)
        bar = QHBoxLayout()
        for widget in (self.previous, self.number, self.count, self.next):
            bar.addWidget(widget)
        bar.addStretch()
        bar.addWidget(QLabel("缩放"))
        bar.addWidget(self.zoom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.area, 1)
        self.previous.clicked.connect(lambda: self.show_page(self.number.value() - 1))
        self.next.clicked.connect(lambda: self.show_page(self.number.value() + 1))
        self.number.valueChanged.connect(self.show_page)
        self.zoom.currentIndexChanged.connect(self._zoomed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.MoveToPreviousPage), self,
                  lambda: self.show_page(self.number.value() - 1))  # fmt: skip
        QShortcut(QKeySequence(QKeySequence.StandardKey.MoveToNextPage), self,
                  lambda: self.show_page(self.number.value() + 1))  # fmt: skip
        self.set_pages(None)

    # ---- content ------------------------------------------------------------------
    def set_pages(self, pages: RecordedPages | None) -> None:
        self.pages = self.sheet.pages = pages
        total = self.page_count()
        self.number.blockSignals(True)
        self.number.setMaximum(max(total, 1))
        self.number.setValue(1)
        self.number.blockSignals(False)
        self.count.setText(f"共 {total} 页")
        for widget in (self.previous, self.next, self.number, self.zoom):
            widget.setEnabled(total > 0)
        self.sheet.setVisible(total > 0)
        self.show_page(1)

    def clear(self) -> None:
        self.set_pages(None)

    def page_count(self) -> int:
        return len(self.pages.pages) if self.pages is not None else 0

    def current_page(self) -> int:
        return self.number.value()

    def show_page(self, number: int) -> None:
        total = self.page_count()
        number = min(max(number, 1), max(total, 1))
        if self.number.value() != number:
            self.number.setValue(number)  # comes back here through valueChanged
            return
        self.sheet.index = number - 1
        self.previous.setEnabled(number > 1)
        self.next.setEnabled(number < total)
        self._fit()

    # ---- zoom ---------------------------------------------------------------------
    def set_zoom(self, value) -> None:
        index = self.zoom.findData(value)
        if index >= 0:
            self.zoom.setCurrentIndex(index)

    def zoom_value(self):
        return self.zoom.currentData()

    def _zoomed(self) -> None:
        self._fit()
        self.zoom_changed.emit(self.zoom_value())

    def _fit(self) -> None:
        if self.pages is None:
            return
        w, h = self.pages.page_size
        value = self.zoom_value()
        room = self.area.viewport().size() - QSize(16, 16)
        if value == FIT_PAGE:
            scale = min(room.width() / w, room.height() / h)
        elif value == FIT_WIDTH:
            scale = room.width() / w
        else:
            scale = value * self.logicalDpiX() / 72.0
        self.sheet.setFixedSize(QSize(max(int(w * scale), 10), max(int(h * scale), 10)))
        self.sheet.update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()
