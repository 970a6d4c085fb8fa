"""党员名片: the member name card (90 x 54 mm), front and back, drawn on the engine's
card run (`printing.cards.run_cards`: checks, streaming, progress, cancel).

`render_name_cards()` is a plain function (no Qt, no database): the GUI runs it on a
worker thread, the CLI and the benchmark call it directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from dahe_desktop.namecards.design import CardDesign, rgb
from dahe_desktop.printing import fonts, qr
from dahe_desktop.printing.cards import CardJob, run_cards
from dahe_desktop.printing.document import PrintResult
from dahe_desktop.printing.sheets import SheetLayout
from dahe_desktop.printing.text import (
    Box,
    TextLayout,
    TextStyle,
    draw_layout,
    draw_text,
    layout_text,
)

CARD_W, CARD_H = 90 * mm, 54 * mm
NAME_CARD_SHEET = SheetLayout()
NO_CARDS = "没有需要打印名片的党员"


@dataclass(frozen=True)
class NameCard:
    """What one card shows: plain values read from the roster."""

    member_id: int
    name: str
    branch: str
    position: str = ""
    phone: str = ""
    services: str = ""  # one per line
    promise: str = ""

    @property
    def who(self) -> str:
        return self.name

    @property
    def record_id(self) -> int:
        return self.member_id

    def texts(self) -> str:
        return "".join(
            (self.name, self.branch, self.position, self.phone, self.services, self.promise)
        )


@dataclass(frozen=True)
class CardContext:
    """Township-wide values printed on every card."""

    township: str = "大河乡"
    supervision_phone: str = ""


def format_phone(phone: str) -> str:
    """Mobile numbers in 3-4-4 groups, as printed on business cards; others unchanged."""
    if re.fullmatch(r"1\d{10}", phone):
        return f"{phone[:3]} {phone[3:7]} {phone[7:]}"
    return phone


def services_line(services: str) -> str:
    items = [s.strip(" 、，,;；") for s in re.split(r"[\n；;]", services)]
    return "、".join(s for s in items if s)


class CardPainter:
    """Draws fronts and backs of one design; static parts are PDF forms drawn once."""

    BLEED = 1 * mm  # colour runs past the cut so a slightly-off cut shows no white edge

    def __init__(self, design: CardDesign, context: CardContext, chain: fonts.FontChain,
                 keep_layouts: bool = False):  # fmt: skip
        """With `keep_layouts`, every text layout drawn is kept in `layouts` (card
        coordinates), so tests can check that nothing leaves the card."""
        self.design, self.context, self.chain = design, context, chain
        self.layouts: list[TextLayout] | None = [] if keep_layouts else None
        primary, accent, ink = (rgb(design.primary_color), rgb(design.accent_color),
                                rgb(design.text_color))  # fmt: skip
        self.primary, self.accent = primary, accent
        white, grey = (1.0, 1.0, 1.0), (0.35, 0.35, 0.35)
        self.heading = TextStyle(size=10.5, min_size=7, valign="middle", color=white, bold=True)
        self.name = TextStyle(size=24, min_size=12, valign="bottom", color=ink, bold=True)
        self.position = TextStyle(size=10, min_size=7, valign="bottom", color=grey)
        self.label = TextStyle(size=8.5, min_size=8.5, color=primary, bold=True)
        self.phone = TextStyle(size=12, min_size=8, color=ink)
        self.services = TextStyle(size=8.5, min_size=6, leading=1.4, valign="middle",
                                  color=ink, shrink_first=False, break_after="、")  # fmt: skip
        self.tint = tuple(1 - 0.07 * (1 - c) for c in primary)
        self.slogan = TextStyle(size=14.5, min_size=9, align="center", valign="middle",
                                color=accent, bold=True)  # fmt: skip
        self.promise_label = TextStyle(size=8.5, min_size=8.5, color=accent, bold=True)
        self.promise = TextStyle(size=9, min_size=6, leading=1.45, valign="middle",
                                 color=white, shrink_first=False)  # fmt: skip
        self.supervision = TextStyle(size=7.5, min_size=6, valign="middle", color=accent)
        self.caption = TextStyle(size=6, min_size=5, align="center", valign="middle", color=white)
        self.warnings: list[str] = []
        self._forms: set[str] = set()
        self._logo = self._check_logo(design.logo_path)

    def _check_logo(self, path: str) -> str:
        if not path:
            return ""
        if not Path(path).is_file():
            self.warnings.append(f"找不到标志图片：{path}，名片上不印标志")
            return ""
        try:
            ImageReader(path).getSize()
        except Exception:  # noqa: BLE001 - PIL raises many kinds for a file that is no picture
            self.warnings.append(f"名片标志图片无法读取，已不印标志：{path}")
            return ""
        return path

    # ---- static parts, one PDF form each ---------------------------------------
    def _form(self, canvas: Canvas, name: str, draw: Callable[[Canvas], None]) -> None:
        if name not in self._forms:
            b = self.BLEED
            canvas.beginForm(name, lowerx=-b, lowery=-b, upperx=CARD_W + b, uppery=CARD_H + b)
            draw(canvas)
            canvas.endForm()
            self._forms.add(name)
        canvas.doForm(name)

    def _front_static(self, canvas: Canvas) -> None:
        b = self.BLEED
        canvas.setFillColorRGB(*self.primary)
        canvas.rect(-b, 42 * mm, CARD_W + 2 * b, 12 * mm + b, stroke=0, fill=1)
        canvas.setStrokeColorRGB(*self.primary)
        canvas.setLineWidth(0.5)
        canvas.line(6 * mm, 27 * mm, CARD_W - 6 * mm, 27 * mm)
        if self._logo:
            canvas.drawImage(self._logo, 4 * mm, 43.5 * mm, 9 * mm, 9 * mm,
                             preserveAspectRatio=True, mask="auto")  # fmt: skip

    def _panel(self, canvas: Canvas) -> None:
        canvas.setFillColorRGB(*self.tint)
        canvas.roundRect(4 * mm, 4 * mm, CARD_W - 8 * mm, 13.5 * mm, 1.5 * mm, stroke=0, fill=1)

    def _back_static(self, canvas: Canvas) -> None:
        b = self.BLEED
        canvas.setFillColorRGB(*self.primary)
        canvas.rect(-b, -b, CARD_W + 2 * b, CARD_H + 2 * b, stroke=0, fill=1)
        slogan_box = Box(5 * mm, 41.5 * mm, 80 * mm, 9 * mm)
        draw_text(canvas, self.design.slogan, slogan_box, self.slogan, self.chain)
        canvas.setStrokeColorRGB(*self.accent)
        canvas.setLineWidth(0.5)
        canvas.line(8 * mm, 39.5 * mm, CARD_W - 8 * mm, 39.5 * mm)
        if self.context.supervision_phone:
            line = f"监督电话：{self.context.supervision_phone}"
            box = Box(6 * mm, 3.5 * mm, self._text_width(), 5 * mm)
            draw_text(canvas, line, box, self.supervision, self.chain)
        if self.design.show_qr:
            canvas.setFillColorRGB(1, 1, 1)
            canvas.roundRect(64 * mm, 12 * mm, 22 * mm, 22 * mm, 1.2 * mm, stroke=0, fill=1)
            box = Box(64 * mm, 7.5 * mm, 22 * mm, 4 * mm)
            draw_text(canvas, "扫码存号", box, self.caption, self.chain)

    def _text_width(self) -> float:
        return (55 if self.design.show_qr else 78) * mm

    # ---- per card ---------------------------------------------------------------
    def front(self, canvas: Canvas, card: NameCard) -> None:
        self._form(canvas, "NameCardFront", self._front_static)
        left = (15 if self._logo else 6) * mm
        township = self.design.heading or self.context.township
        heading = (
            f"{township} · {card.branch}" if township and card.branch else township or card.branch
        )
        self._draw(
            card, canvas, heading, Box(left, 42 * mm, CARD_W - 5 * mm - left, 12 * mm), self.heading
        )
        name = self._draw(
            card, canvas, card.name, Box(6 * mm, 29.5 * mm, 56 * mm, 11 * mm), self.name
        )
        if card.position:
            # Beside the name on its baseline; below it when a long name leaves no room.
            line = name.lines[0]
            x = line.x + line.width + 3 * mm
            if CARD_W - 6 * mm - x >= 16 * mm:
                descent = self.chain.descent * self.position.size
                box = Box(x, line.baseline - descent, CARD_W - 6 * mm - x, 6 * mm)
            else:
                box = Box(62 * mm, 29 * mm, 22 * mm, 6 * mm)
            self._draw(card, canvas, card.position, box, self.position)
        if card.phone:
            self._labelled(canvas, card, "电  话", format_phone(card.phone),
                           Box(6 * mm, 19 * mm, CARD_W - 12 * mm, 6 * mm), self.label, self.phone)  # fmt: skip
        services = services_line(card.services)
        if services:
            self._form(canvas, "NameCardPanel", self._panel)
            self._labelled(canvas, card, self.design.services_title, services,
                           Box(7 * mm, 5 * mm, CARD_W - 14 * mm, 11.5 * mm), self.label, self.services)  # fmt: skip

    def back(self, canvas: Canvas, card: NameCard) -> None:
        self._form(canvas, "NameCardBack", self._back_static)
        if card.promise:
            self._labelled(canvas, card, self.design.promise_title, card.promise.strip(),
                           Box(6 * mm, 10 * mm, self._text_width(), 27 * mm),
                           self.promise_label, self.promise)  # fmt: skip
        if self.design.show_qr:
            data = qr.vcard(card.name, card.phone, f"{self.context.township}{card.branch}")
            qr.draw_qr(canvas, data, 65.5 * mm, 13.5 * mm, 19 * mm)

    def _labelled(self, canvas: Canvas, card: NameCard, label: str, text: str, box: Box,
                  label_style: TextStyle, style: TextStyle) -> None:  # fmt: skip
        """A coloured label on the left and the text beside it with a hanging indent,
        both on the first line's baseline."""
        label_width = (self.chain.text_width(label) + 0.6) * label_style.size
        body = Box(box.x + label_width, box.y, box.width - label_width, box.height)
        layout = self._draw(card, canvas, text, body, style)
        baseline = layout.lines[0].baseline
        label_box = Box(box.x, baseline - self.chain.descent * label_style.size, label_width,
                        (self.chain.ascent + self.chain.descent) * label_style.size)  # fmt: skip
        label_layout = layout_text(label, label_box, label_style, self.chain)
        draw_layout(canvas, label_layout)
        if self.layouts is not None:
            self.layouts.append(label_layout)

    def _draw(
        self, card: NameCard, canvas: Canvas, text: str, box: Box, style: TextStyle
    ) -> TextLayout:
        layout = layout_text(text, box, style, self.chain)
        draw_layout(canvas, layout)
        if self.layouts is not None:
            self.layouts.append(layout)
        if layout.clipped:
            self.warnings.append(f"{card.name}：“{text[:12]}…”太长，名片上印不下，已截断")
        return layout


def render_name_cards(
    cards: Iterable[NameCard],
    out: str | Path | BinaryIO,
    *,
    job: CardJob | None = None,
    design: CardDesign | None = None,
    context: CardContext = CardContext(),
    record: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PrintResult:
    """Write the cards as a PDF (recording its operations for the window when `record`).
    Raises `fonts.MissingGlyphsError` before any page if a character has no font,
    `NothingToPrint` for no card and `CancelledError` (nothing usable written) if
    `cancelled()` turns True."""
    design = design or CardDesign()
    chain = fonts.font_chain(design.font)
    fixed = (design.heading, design.slogan, design.services_title, design.promise_title,
             context.township, context.supervision_phone)  # fmt: skip
    return run_cards(cards, out, CardPainter(design, context, chain), chain, job=job or CardJob(),
                     title="党员名片", author=context.township, fixed_texts=fixed,
                     empty=NO_CARDS, record=record, progress=progress, cancelled=cancelled)  # fmt: skip
