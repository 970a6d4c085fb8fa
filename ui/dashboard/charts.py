"""Charts drawn with QPainter (no chart library): bars per branch and a coverage gauge.
Both take plain values; a bar (or the gauge) clicked says which, so the tab can open
the list behind it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = QColor("#c0392b")  # party red
BAR_SOFT = QColor("#e6a19a")
LATE = QColor("#7f1d1d")
GRID = QColor("#dddddd")
TEXT = QColor("#333333")
MUTED = QColor("#888888")


@dataclass
class Bar:
    key: int  # branch id
    label: str
    value: int
    part: int = 0  # drawn darker inside the bar (e.g. the overdue among the open)


class BranchBars(QWidget):
    """Horizontal bars, one per branch, longest scale at the largest value. Clicking a bar
    emits `bar_clicked(branch_id)`."""

    bar_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.part_label = ""
        self.empty_text = "没有数据"  # what an empty chart says ("计算中…" before the first figures)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120)

    def set_bars(self, bars: list[Bar], part_label: str = "") -> None:
        self.bars, self.part_label = list(bars), part_label
        self.setToolTip("点击条形查看该支部的名单")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 20 * max(len(self.bars), 8) + 24)

    def _geometry(self) -> tuple[float, float, float, float]:
        label_w = min(110.0, self.width() * 0.3)
        row = max(12.0, min(24.0, (self.height() - 20) / max(len(self.bars), 1)))
        return label_w, 4.0, row, self.width() - label_w - 48

    def bar_at(self, point: QPointF) -> Bar | None:
        _, top, row, _ = self._geometry()
        index = int((point.y() - top) // row)
        return self.bars[index] if 0 <= index < len(self.bars) and point.y() >= top else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.setCursor(Qt.CursorShape.PointingHandCursor if self.bar_at(event.position()) else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        bar = self.bar_at(event.position())
        if bar is not None and event.button() == Qt.MouseButton.LeftButton:
            self.bar_clicked.emit(bar.key)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_w, top, row, room = self._geometry()
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, min(9.5, row * 0.45)))
        p.setFont(font)
        if not self.bars:
            p.setPen(MUTED)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        top_value = max((b.value for b in self.bars), default=0) or 1
        for i, b in enumerate(self.bars):
            y = top + i * row
            p.setPen(TEXT)
            p.drawText(QRectF(0, y, label_w - 6, row), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, b.label)
            w = room * b.value / top_value
            box = QRectF(label_w, y + row * 0.18, max(w, 1.0 if b.value else 0.0), row * 0.64)
            p.fillRect(box, BAR if not b.part else BAR_SOFT)
            if b.part:
                p.fillRect(QRectF(label_w, box.y(), room * b.part / top_value, box.height()), LATE)
            p.setPen(TEXT)
            p.drawText(QRectF(label_w + w + 4, y, 44, row), Qt.AlignmentFlag.AlignVCenter, str(b.value))
        p.setPen(QPen(GRID, 1))
        p.drawLine(QPointF(label_w, top), QPointF(label_w, top + row * len(self.bars)))
        if self.part_label:
            p.setPen(MUTED)
            p.fillRect(QRectF(self.width() - 120, self.height() - 14, 10, 10), LATE)
            p.drawText(QRectF(self.width() - 106, self.height() - 16, 106, 14), Qt.AlignmentFlag.AlignVCenter,
                       self.part_label)  # fmt: skip


class CoverageGauge(QWidget):
    """A half-circle gauge of a share (0..1); None shows "—" and why."""

    clicked = Signal()

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.share: float | None = None
        self.caption = ""
        self.placeholder = "—"  # shown for no share ("…" before the first figures)
        self.setMinimumSize(150, 110)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_share(self, share: float | None, caption: str, placeholder: str = "—") -> None:
        self.share, self.caption, self.placeholder = share, caption, placeholder
        self.setToolTip(caption)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = min(self.width() - 20, (self.height() - 44) * 2)
        thick = max(8.0, size * 0.12)
        arc = QRectF((self.width() - size) / 2 + thick / 2, 22 + thick / 2, size - thick, size - thick)
        p.setPen(QPen(GRID, thick, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        p.drawArc(arc, 180 * 16, -180 * 16)
        if self.share is not None:
            p.setPen(QPen(BAR, thick, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            p.drawArc(arc, 180 * 16, int(-180 * 16 * max(0.0, min(1.0, self.share))))
        font = QFont(self.font())
        p.setPen(TEXT)
        font.setBold(True)
        p.setFont(font)
        p.drawText(QRectF(0, 0, self.width(), 20), Qt.AlignmentFlag.AlignCenter, self.title)
        font.setPointSizeF(max(10.0, size * 0.09))
        p.setFont(font)
        value = self.placeholder if self.share is None else f"{self.share * 100:.1f}%"
        p.drawText(QRectF(0, arc.center().y() - size * 0.22, self.width(), size * 0.2), Qt.AlignmentFlag.AlignCenter, value)
        font.setBold(False)
        font.setPointSizeF(8.5)
        p.setFont(font)
        p.setPen(MUTED)
        p.drawText(QRectF(4, self.height() - 20, self.width() - 8, 18), Qt.AlignmentFlag.AlignCenter, self.caption)
