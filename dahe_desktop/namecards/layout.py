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

from dahe_desktop.namecards.design import CardDesign, colour
from dahe_desktop.printing import fonts, qr
from dahe_desktop.printing.cards import CardJob, run_cards
from dahe_desktop.printing.document import PrintResult
from dahe_desktop.printing.sheets import SheetLayout
from dahe_desktop.printing.text import Box, TextLayout, TextStyle, layout_text
from dahe_desktop.printing.text_pdf import draw_layout, draw_text

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

    def __init__(self, design: CardDesign, context: CardContext, chain: fonts.FontChain,
                 keep_layouts: bool = False, *, width: float = CARD_W, bleed: float = 1 * mm):  # fmt: skip
        """`width`: 90 mm, or 85.6 mm for CR-80 card printers. `bleed`: how far colour runs
        past the cut (a guillotine's gutter), or, negative, how far it stays inside it
        (perforated stock, whose neighbours butt). With `keep_layouts`, every text
        layout drawn is kept in `layouts` (card coordinates), so tests can check that
        nothing leaves the card."""
        self.design, self.context, self.chain = design, context, chain
        self.w, self.bleed = width, bleed
        self.layouts: list[TextLayout] | None = [] if keep_layouts else None
        process = design.cmyk
        primary, accent, ink = (colour(design.primary_color, process), colour(design.accent_color, process),
                                colour(design.text_color, process))  # fmt: skip
        self.primary, self.accent = primary, accent
        white, grey = ((0.0, 0.0, 0.0, 0.0), (0.0, 0.0, 0.0, 0.65)) if process else ((1.0, 1.0, 1.0), (0.35, 0.35, 0.35))
        self._set_fill = (lambda canvas, c: canvas.setFillColorCMYK(*c)) if process else (lambda canvas, c: canvas.setFillColorRGB(*c))
        self._set_stroke = (lambda canvas, c: canvas.setStrokeColorCMYK(*c)) if process else (lambda canvas, c: canvas.setStrokeColorRGB(*c))
        self.white = white
        self.heading = TextStyle(size=10.5, min_size=7, valign="middle", color=white, bold=True)
        # A name is never broken across lines: shrunk, then cut with a warning.
        self.name = TextStyle(size=24, min_size=12, valign="bottom", color=ink, bold=True, wrap=False)
        self.position = TextStyle(size=10, min_size=7, valign="bottom", color=grey, break_after="、，；,;")
        self.label = TextStyle(size=8.5, min_size=8.5, color=primary, bold=True)
        self.phone = TextStyle(size=12, min_size=8, color=ink)
        self.services = TextStyle(size=8.5, min_size=6, leading=1.4, valign="middle",
                                  color=ink, shrink_first=False, break_after="、")  # fmt: skip
        self.tint = tuple(0.07 * c for c in primary) if process else tuple(1 - 0.07 * (1 - c) for c in primary)
        self.slogan = TextStyle(size=14.5, min_size=9, align="center", valign="middle",
                                color=accent, bold=True)  # fmt: skip
        self.promise_label = TextStyle(size=8.5, min_size=8.5, color=accent, bold=True)
        # Reversed (light on red) text never below 7 pt: thinner strokes fill in on toner.
        self.promise = TextStyle(size=9, min_size=7, leading=1.4, valign="middle",
                                 color=white, shrink_first=False)  # fmt: skip
        self.supervision = TextStyle(size=7.5, min_size=7, valign="middle", color=accent)
        self.caption = TextStyle(size=7, min_size=7, align="center", valign="middle", color=white)
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
            b = max(self.bleed, 0.0)
            canvas.beginForm(name, lowerx=-b, lowery=-b, upperx=self.w + b, uppery=CARD_H + b)
            draw(canvas)
            canvas.endForm()
            self._forms.add(name)
        canvas.doForm(name)

    def _front_static(self, canvas: Canvas) -> None:
        b = self.bleed
        self._set_fill(canvas, self.primary)
        self._colour_rect(canvas, -b, 42 * mm, self.w + 2 * b, 12 * mm + b)
        self._set_stroke(canvas, self.primary)
        canvas.setLineWidth(0.5)
        canvas.line(6 * mm, 27 * mm, self.w - 6 * mm, 27 * mm)
        if self._logo:
            canvas.drawImage(self._logo, 4 * mm, 43.5 * mm, 9 * mm, 9 * mm,
                             preserveAspectRatio=True, mask="auto")  # fmt: skip

    def _panel(self, canvas: Canvas) -> None:
        self._set_fill(canvas, self.tint)
        canvas.roundRect(4 * mm, 4 * mm, self.w - 8 * mm, 13.5 * mm, 1.5 * mm, stroke=0, fill=1)

    def _back_static(self, canvas: Canvas) -> None:
        b = self.bleed
        self._set_fill(canvas, self.primary)
        self._colour_rect(canvas, -b, -b, self.w + 2 * b, CARD_H + 2 * b)
        slogan_box = Box(5 * mm, 41.5 * mm, self.w - 10 * mm, 9 * mm)
        draw_text(canvas, self.design.slogan, slogan_box, self.slogan, self.chain)
        self._set_stroke(canvas, self.accent)
        canvas.setLineWidth(0.5)
        canvas.line(8 * mm, 39.5 * mm, self.w - 8 * mm, 39.5 * mm)
        if self.context.supervision_phone:
            line = f"监督电话：{self.context.supervision_phone}"
            box = Box(6 * mm, 3.5 * mm, self.w - 35 * mm, 5 * mm)
            draw_text(canvas, line, box, self.supervision, self.chain)

    def _shows_qr(self, card: NameCard) -> bool:
        """A code to save the number, only where there is a number to save."""
        return self.design.show_qr and bool(card.phone)

    def _text_width(self, card: NameCard | None = None) -> float:
        return self.w - (35 if card is not None and self._shows_qr(card) else 12) * mm

    def _colour_rect(self, canvas: Canvas, x: float, y: float, w: float, h: float) -> None:
        """A colour area: to (or past) the cut, or with rounded corners when inset."""
        if self.bleed < 0:
            canvas.roundRect(x, y, w, h, 1.5 * mm, stroke=0, fill=1)
        else:
            canvas.rect(x, y, w, h, stroke=0, fill=1)

    # ---- per card ---------------------------------------------------------------
    def front(self, canvas: Canvas, card: NameCard) -> None:
        self._form(canvas, "NameCardFront", self._front_static)
        left = (15 if self._logo else 6) * mm
        township = self.design.heading or self.context.township
        heading = (
            f"{township} · {card.branch}" if township and card.branch else township or card.branch
        )
        self._draw(
            card, canvas, heading, Box(left, 42 * mm, self.w - 5 * mm - left, 12 * mm), self.heading
        )
        name = self._draw(
            card, canvas, card.name, Box(6 * mm, 29.5 * mm, 56 * mm, 11 * mm), self.name
        )
        if name.size <= 0.75 * self.name.size:  # shrunk by a quarter or more
            self.warnings.append(f"{card.name}：姓名较长，字号缩小到{name.size:g}磅，请看一下效果")
        if card.position:
            # Beside the name on its baseline; below it when a long name leaves no room.
            line = name.lines[0]
            x = line.x + line.width + 3 * mm
            if self.w - 6 * mm - x >= 16 * mm:
                descent = self.chain.descent * self.position.size
                box = Box(x, line.baseline - descent, self.w - 6 * mm - x, 6 * mm)
            else:
                box = Box(self.w - 28 * mm, 29 * mm, 22 * mm, 6 * mm)
            post = self._draw(card, canvas, card.position, box, self.position)
            if post.size <= 0.75 * self.position.size:  # shrunk by a quarter or more
                self.warnings.append(f"{card.name}：职务“{card.position[:12]}”较长，字号缩小到{post.size:g}磅")
        if card.phone:
            self._labelled(canvas, card, "电　　话", format_phone(card.phone),
                           Box(6 * mm, 19 * mm, self.w - 12 * mm, 6 * mm), self.label, self.phone)  # fmt: skip
        else:
            self.warnings.append(f"{card.name}：没有手机号，名片不印电话和二维码")
        services = services_line(card.services)
        if services:
            self._form(canvas, "NameCardPanel", self._panel)
            self._labelled(canvas, card, self.design.services_title, services,
                           Box(6 * mm, 5 * mm, self.w - 12 * mm, 11.5 * mm), self.label, self.services)  # fmt: skip
        else:
            self.warnings.append(f"{card.name}：没有填写服务事项")

    def back(self, canvas: Canvas, card: NameCard) -> None:
        self._form(canvas, "NameCardBack", self._back_static)
        if card.promise:
            promise = self._labelled(canvas, card, self.design.promise_title, card.promise.strip(),
                                     Box(6 * mm, 10 * mm, self._text_width(card), 27 * mm),
                                     self.promise_label, self.promise)  # fmt: skip
            if promise.clipped:
                self.warnings.append(f"{card.name}：服务承诺太长，名片背面印不下，已截断")
        if self._shows_qr(card):
            self._draw_qr(canvas, qr.mecard(card.name, card.phone))

    def qr_box(self) -> Box:
        """The white square for the code, its margin exactly the 4-module quiet zone."""
        return Box(self.w - 28 * mm, 11 * mm, 24 * mm, 24 * mm)

    def _draw_qr(self, canvas: Canvas, data: str) -> None:
        box = self.qr_box()
        self._set_fill(canvas, self.white)
        canvas.roundRect(box.x, box.y, box.width, box.height, 1.2 * mm, stroke=0, fill=1)
        n = qr.module_count(data)
        module = box.width / (n + 2 * qr.QUIET_ZONE)
        inset = qr.QUIET_ZONE * module
        qr.draw_qr(canvas, data, box.x + inset, box.y + inset, n * module)
        caption = Box(box.x, box.y - 4.5 * mm, box.width, 4 * mm)
        self._draw_layout(canvas, layout_text("扫码存号", caption, self.caption, self.chain))

    LABEL_EMS = 4.6  # every label takes four characters and a gap: one value column

    def _labelled(self, canvas: Canvas, card: NameCard, label: str, text: str, box: Box,
                  label_style: TextStyle, style: TextStyle) -> TextLayout:  # fmt: skip
        """A coloured label on the left and the text beside it with a hanging indent,
        both on the first line's baseline; the label is drawn first, so copied text
        reads "电话 189 4288 5836"."""
        label_width = self.LABEL_EMS * label_style.size
        body = Box(box.x + label_width, box.y, box.width - label_width, box.height)
        layout = layout_text(text, body, style, self.chain)
        baseline = layout.lines[0].baseline
        label_box = Box(box.x, baseline - self.chain.descent * label_style.size, label_width,
                        (self.chain.ascent + self.chain.descent) * label_style.size)  # fmt: skip
        self._draw_layout(canvas, layout_text(label, label_box, label_style, self.chain))
        self._draw_layout(canvas, layout)
        if layout.clipped:
            self.warnings.append(f"{card.name}：“{text[:12]}…”太长，名片上印不下，已截断")
        return layout

    def _draw_layout(self, canvas: Canvas, layout: TextLayout) -> None:
        draw_layout(canvas, layout)
        if self.layouts is not None:
            self.layouts.append(layout)

    def _draw(
        self, card: NameCard, canvas: Canvas, text: str, box: Box, style: TextStyle
    ) -> TextLayout:
        layout = layout_text(text, box, style, self.chain)
        self._draw_layout(canvas, layout)
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
    job = job or CardJob()
    sheet = job.layout()
    painter = CardPainter(design, context, chain, width=sheet.card[0], bleed=sheet.bleed - sheet.inset)
    return run_cards(cards, out, painter, chain, job=job,
                     title="党员名片", author=context.township, fixed_texts=fixed,
                     empty=NO_CARDS, cmyk=design.cmyk, record=record, progress=progress, cancelled=cancelled)  # fmt: skip
