"""便民服务联系卡 (seed §3.8): one card per household naming its member, in the township's
one card design (the name card's colours, font and slogan), 90 x 54 mm, 10 up on A4 with
the name cards' cut layouts and duplex backs (the engine's `run_cards`).

Front: the household served and its member (name, 职务, phone). Back: the member's
services and promise, the branch secretary's phone and the slogan. No household kind is
ever printed: the card hangs on a wall at home."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm

from dahe_desktop.namecards.design import CardDesign, colour
from dahe_desktop.namecards.layout import format_phone, services_line
from dahe_desktop.pairing.printouts.data import BranchHead, PartnerPairs
from dahe_desktop.printing import fonts
from dahe_desktop.printing.cards import CardJob, run_cards
from dahe_desktop.printing.document import PrintResult
from dahe_desktop.printing.text import Box, TextLayout, TextStyle, layout_text
from dahe_desktop.printing.text_pdf import draw_layout

CARD_W, CARD_H = 90 * mm, 54 * mm
NO_CARDS = "所选年度和支部没有结对的农户，没有联系卡可打印"


@dataclass(frozen=True)
class ContactCard:
    household: str  # 户主 name
    settlement: str
    branch: str
    member: str
    role: str
    phone: str
    services: str
    promise: str
    secretary: str
    secretary_phone: str
    serial: int  # for the print log: the card's place in the run

    @property
    def who(self) -> str:
        return f"{self.household}户（{self.member}）"

    @property
    def record_id(self) -> int:
        return self.serial

    def texts(self) -> str:
        return "".join((self.household, self.settlement, self.branch, self.member, self.role, self.phone,
                        self.services, self.promise, self.secretary, self.secretary_phone))  # fmt: skip


def contact_cards(partners: list[PartnerPairs], heads: dict[int, BranchHead]) -> list[ContactCard]:
    """One card per household, in the order of the partners and their households."""
    cards = []
    for p in partners:
        head = heads.get(p.branch_id)
        for h in p.households:
            cards.append(ContactCard(h.head, h.settlement, p.branch, p.name, p.role, p.phone, p.services, p.promise,
                                     head.secretary if head else "", head.secretary_phone if head else "",
                                     len(cards) + 1))  # fmt: skip
    return cards


class ContactCardPainter:
    """Front and back of one card in card coordinates."""

    def __init__(self, design: CardDesign, township: str, chain: fonts.FontChain):
        self.design, self.township, self.chain = design, township, chain
        process = design.cmyk  # the name cards' print-shop option: the same colours here
        self.primary, self.accent, ink = (colour(design.primary_color, process), colour(design.accent_color, process),
                                          colour(design.text_color, process))  # fmt: skip
        white, grey = ((0.0, 0.0, 0.0, 0.0), (0.0, 0.0, 0.0, 0.65)) if process else ((1.0, 1.0, 1.0), (0.35, 0.35, 0.35))
        self.dark = (0.0, 0.0, 0.0, 0.8) if process else (0.2, 0.2, 0.2)
        self.fill = (lambda c, v: c.setFillColorCMYK(*v)) if process else (lambda c, v: c.setFillColorRGB(*v))
        self.stroke = (lambda c, v: c.setStrokeColorCMYK(*v)) if process else (lambda c, v: c.setStrokeColorRGB(*v))
        self.band = TextStyle(size=12, min_size=8, align="center", valign="middle", color=white, bold=True)
        self.served = TextStyle(size=9, min_size=6.5, valign="middle", color=grey)
        self.label = TextStyle(size=8.5, min_size=7, valign="bottom", color=self.primary, bold=True)
        self.name = TextStyle(size=20, min_size=11, valign="bottom", color=ink, bold=True)
        self.role = TextStyle(size=9, min_size=6.5, valign="bottom", color=grey)
        self.phone = TextStyle(size=15, min_size=10, valign="middle", color=ink, bold=True)
        self.slogan = TextStyle(size=13, min_size=9, align="center", valign="middle", color=self.accent, bold=True)
        # Reversed (light on red) text never below 7 pt, as on the name cards.
        self.small = TextStyle(size=8, min_size=7, leading=1.4, valign="top", color=white, shrink_first=False)
        self.small_label = TextStyle(size=8, min_size=7, valign="top", color=self.accent, bold=True)
        self.foot = TextStyle(size=8, min_size=7, valign="middle", color=self.accent)
        self.warnings: list[str] = []

    def _draw(self, canvas, card: ContactCard, text: str, box: Box, style: TextStyle) -> TextLayout:
        layout = layout_text(text, box, style, self.chain)
        draw_layout(canvas, layout)
        if layout.clipped:
            self.warnings.append(f"{card.who}：“{text[:12]}…”太长，联系卡上印不下，已截断")
        return layout

    def front(self, canvas, card: ContactCard) -> None:
        b = 1 * mm
        self.fill(canvas, self.primary)
        canvas.rect(-b, 43 * mm, CARD_W + 2 * b, 11 * mm + b, stroke=0, fill=1)
        self._draw(canvas, card, "便民服务联系卡", Box(5 * mm, 43 * mm, CARD_W - 10 * mm, 11 * mm), self.band)
        where = "　".join(x for x in (self.township + card.branch.removesuffix("党支部"), card.settlement) if x)
        self._draw(canvas, card, f"服务对象：{card.household}户　{where}", Box(6 * mm, 36 * mm, CARD_W - 12 * mm, 6 * mm), self.served)
        self.stroke(canvas, self.primary)
        canvas.setLineWidth(0.5)
        canvas.line(6 * mm, 35 * mm, CARD_W - 6 * mm, 35 * mm)
        self._draw(canvas, card, "联 系 人", Box(6 * mm, 24.5 * mm, 16 * mm, 10 * mm), self.label)
        name = self._draw(canvas, card, card.member, Box(22 * mm, 24.5 * mm, 34 * mm, 10 * mm), self.name)
        x = name.lines[0].x + name.lines[0].width + 2.5 * mm if name.lines else 58 * mm
        self._draw(canvas, card, card.role, Box(x, 25 * mm, max(CARD_W - 6 * mm - x, 10 * mm), 6 * mm), self.role)
        self._draw(canvas, card, "联系电话", Box(6 * mm, 14 * mm, 16 * mm, 9 * mm), replace(self.label, valign="middle"))
        self._draw(canvas, card, format_phone(card.phone) or "＿＿＿＿＿＿", Box(22 * mm, 14 * mm, CARD_W - 28 * mm, 9 * mm), self.phone)
        secretary = f"党支部书记{card.secretary}：{format_phone(card.secretary_phone)}" if card.secretary else ""
        self._draw(canvas, card, secretary, Box(6 * mm, 4 * mm, CARD_W - 12 * mm, 7 * mm),
                   TextStyle(size=8.5, min_size=6.5, valign="middle", color=self.dark))  # fmt: skip

    def back(self, canvas, card: ContactCard) -> None:
        b = 1 * mm
        self.fill(canvas, self.primary)
        canvas.rect(-b, -b, CARD_W + 2 * b, CARD_H + 2 * b, stroke=0, fill=1)
        self._draw(canvas, card, self.design.slogan, Box(5 * mm, 42 * mm, CARD_W - 10 * mm, 9 * mm), self.slogan)
        self.stroke(canvas, self.accent)
        canvas.setLineWidth(0.5)
        canvas.line(8 * mm, 40.5 * mm, CARD_W - 8 * mm, 40.5 * mm)
        y = 38.5 * mm
        for label, text, height in (("服务事项：", services_line(card.services), 12 * mm),
                                    ("服务承诺：", card.promise.strip(), 17 * mm)):  # fmt: skip
            text = text or "＿" * 16  # nothing recorded (a helper): a line to write on
            w = (self.chain.text_width(label) + 0.2) * self.small_label.size
            self._draw(canvas, card, label, Box(6 * mm, y - height, w, height), self.small_label)
            self._draw(canvas, card, text, Box(6 * mm + w, y - height, CARD_W - 12 * mm - w, height), self.small)
            y -= height + 1 * mm
        self._draw(canvas, card, "惑时有人解　平时有人访　难时有人帮", Box(6 * mm, 2.5 * mm, CARD_W - 12 * mm, 5 * mm), self.foot)


def render_contact_cards(cards: Iterable[ContactCard], out: str | Path | BinaryIO, *, design: CardDesign,
                         township: str, job: CardJob | None = None, record: bool = False,
                         progress: Callable[[int, int], None] | None = None,
                         cancelled: Callable[[], bool] | None = None) -> PrintResult:  # fmt: skip
    chain = fonts.font_chain(design.font)
    painter = ContactCardPainter(design, township, chain)
    fixed = ("便民服务联系卡服务对象联 系 人联系电话党支部书记服务事项：服务承诺：惑时有人解平时有人访难时有人帮",
             design.slogan, township)  # fmt: skip
    return run_cards(cards, out, painter, chain, job=job or CardJob(), title="便民服务联系卡", author=township,
                     fixed_texts=fixed, empty=NO_CARDS, cmyk=design.cmyk, record=record, progress=progress, cancelled=cancelled)  # fmt: skip
