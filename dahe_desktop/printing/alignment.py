"""The outline-only test sheet: print it duplex on plain paper, hold it to the light, and
see whether the printer puts backs exactly behind fronts (and where the cuts fall)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from dahe_desktop.printing import fonts
from dahe_desktop.printing.cards import draw_crop_marks
from dahe_desktop.printing.sheets import BACK, FRONT, SheetLayout
from dahe_desktop.printing.text import Box, TextStyle, draw_text

NUMBER = TextStyle(size=28, min_size=10, align="center", valign="middle", color=(0.6, 0.6, 0.6))
NOTE = TextStyle(size=8, min_size=6, align="center", valign="middle", color=(0.4, 0.4, 0.4))


def render_alignment_sheet(out: str | Path | BinaryIO, layout: SheetLayout) -> int:
    """Two pages: card outlines with their position numbers on the front, and the same
    outlines mirrored on the back with a centre cross in each. Returns the page count."""
    chain = fonts.font_chain()
    target = str(out) if isinstance(out, Path) else out
    canvas = Canvas(target, pagesize=layout.page, pageCompression=1)
    canvas.setTitle("名片对齐测试页")
    for side in (FRONT, BACK):
        draw_crop_marks(canvas, layout, side)
        canvas.setLineWidth(0.3)
        canvas.setStrokeColorRGB(0.5, 0.5, 0.5)
        for index in range(layout.per_sheet):
            box = layout.slot(index, side)
            canvas.rect(box.x, box.y, box.width, box.height, stroke=1, fill=0)
            cx, cy = box.x + box.width / 2, box.y + box.height / 2
            canvas.line(cx - 3 * mm, cy, cx + 3 * mm, cy)
            canvas.line(cx, cy - 3 * mm, cx, cy + 3 * mm)
            label = f"{index + 1}"
            draw_text(canvas, label, Box(box.x, cy + 3 * mm, box.width, 12 * mm), NUMBER, chain)
            words = "正面" if side == FRONT else "背面：透光看十字是否与正面重合"
            draw_text(canvas, words, Box(box.x, cy - 9 * mm, box.width, 5 * mm), NOTE, chain)
        canvas.showPage()
    canvas.save()
    return 2
