"""The outline-only test sheet: print it duplex on plain paper, hold it to the light, and
read off the paper how far the printer puts backs from fronts. Each card slot has a
millimetre scale on the front and a pointer on the back: where the pointer falls on the
scale is the offset to type in once per printer (left-right and up-down, already in the
sign the print dialog expects). A 100 mm ruler in the margin shows whether the printer
driver scales the page ("fit to page"), which must be switched off."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm

from dahe_desktop.printing import fonts
from dahe_desktop.printing.cards import draw_crop_marks
from dahe_desktop.printing.document import PrintResult, finish_document, open_document
from dahe_desktop.printing.sheets import BACK, FRONT, SheetLayout
from dahe_desktop.printing.text import Box, TextStyle
from dahe_desktop.printing.text_pdf import draw_text

NUMBER = TextStyle(size=28, min_size=10, align="center", valign="middle", color=(0.6, 0.6, 0.6))
NOTE = TextStyle(size=8, min_size=6, align="center", valign="middle", color=(0.3, 0.3, 0.3))
TICK_LABEL = TextStyle(size=5, min_size=4, align="center", valign="middle", color=(0, 0, 0))
SCALE_MM = 5  # the scale reads offsets from -5 to +5 mm, in half millimetres


def _scales_front(canvas, chain, cx: float, cy: float) -> None:
    """A horizontal scale below the centre and a vertical one left of it, 0.5 mm ticks."""
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.2)
    base_y, base_x = cy - 12 * mm, cx - 30 * mm
    for half in range(-2 * SCALE_MM, 2 * SCALE_MM + 1):
        t = half * 0.5 * mm
        long = half % 2 == 0
        length = (2.5 if long else 1.5) * mm
        canvas.line(cx + t, base_y, cx + t, base_y + length)
        canvas.line(base_x, cy + t, base_x + length, cy + t)
        if long and half % 4 == 0:
            value = half // 2
            draw_text(canvas, f"{value:+d}" if value else "0", Box(cx + t - 2 * mm, base_y - 2.6 * mm, 4 * mm, 2.2 * mm),
                      TICK_LABEL, chain)  # fmt: skip
            # Up on the paper is a negative back offset (the back moves down to meet it).
            draw_text(canvas, f"{-value:+d}" if value else "0", Box(base_x - 5 * mm, cy + t - 1.1 * mm, 4.5 * mm, 2.2 * mm),
                      TICK_LABEL, chain)  # fmt: skip


def _pointers_back(canvas, cx: float, cy: float) -> None:
    """Where the zero of each scale must fall: seen through the paper from the front."""
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.4)
    canvas.line(cx, cy - 14 * mm, cx, cy - 9 * mm)
    canvas.line(cx + 30 * mm, cy, cx + 25 * mm, cy)  # mirrored: left of centre from the front


def _ruler(canvas, chain, x: float, y: float) -> None:
    """A 100 mm ruler, upwards from (x, y), ticks every millimetre."""
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.25)
    canvas.line(x, y, x, y + 100 * mm)
    for m in range(101):
        length = 3 if m % 10 == 0 else 2 if m % 5 == 0 else 1
        canvas.line(x, y + m * mm, x + length * mm, y + m * mm)
    draw_text(canvas, "100毫米", Box(x - 4 * mm, y + 101 * mm, 8 * mm, 3 * mm), TICK_LABEL, chain)


def render_alignment_sheet(out: str | Path | BinaryIO, layout: SheetLayout) -> int:
    """Two pages: card outlines with their position numbers and scales on the front, the
    same outlines mirrored on the back with pointers. Returns the page count."""
    chain = fonts.font_chain()
    canvas = open_document(out, layout.page, title="名片对齐测试页")
    for side in (FRONT, BACK):
        draw_crop_marks(canvas, layout, side)
        for index in range(layout.per_sheet):
            box = layout.slot(index, side)
            canvas.setLineWidth(0.3)
            canvas.setStrokeColorRGB(0.5, 0.5, 0.5)
            canvas.rect(box.x, box.y, box.width, box.height, stroke=1, fill=0)
            cx, cy = box.x + box.width / 2, box.y + box.height / 2
            canvas.line(cx - 3 * mm, cy, cx + 3 * mm, cy)
            canvas.line(cx, cy - 3 * mm, cx, cy + 3 * mm)
            draw_text(canvas, f"{index + 1}", Box(box.x, cy + 3 * mm, box.width, 12 * mm), NUMBER, chain)
            if side == FRONT:
                _scales_front(canvas, chain, cx, cy)
                words = "正面：透光看背面的短线落在刻度的哪里"
            else:
                _pointers_back(canvas, cx, cy)
                words = "背面"
            draw_text(canvas, words, Box(box.x, box.top - 7 * mm, box.width, 4 * mm), NOTE, chain)
        if side == FRONT:
            block = layout.block
            ruler_x = max(block.x - 8 * mm, 6 * mm)
            _ruler(canvas, chain, ruler_x, block.y + 20 * mm)
            note = ("横刻度读数填“背面偏移·左右”，竖刻度读数填“上下”（单位毫米，每台打印机填一次）。"
                    "左边的尺子量得多长，填在“尺子实测”里（最好先在打印机设置里关闭“适合页面/缩放”）。")  # fmt: skip
            draw_text(canvas, note, Box(10 * mm, 5.2 * mm, layout.page[0] - 20 * mm, 2.2 * mm), TICK_LABEL, chain)
        canvas.showPage()
    finish_document(canvas, PrintResult())
    return 2
