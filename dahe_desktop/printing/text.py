"""Text in a box: fallback-font runs, shrink to fit, then CJK line breaking. Never overflows.

Usage (any printout; units are PDF points, y grows upwards, the box is its lower-left
corner plus size)::

    from dahe_desktop.printing import fonts, text, text_pdf
    chain = fonts.font_chain()
    style = text.TextStyle(size=20, min_size=12, align="center", bold=True)
    layout = text.layout_text("卓玛才让", text.Box(x, y, w, h), style, chain)  # geometry only
    text_pdf.draw_layout(canvas, layout)                                        # draw it
    # or in one go: text_pdf.draw_text(canvas, "卓玛才让", box, style, chain)

Fitting: (1) keep each paragraph on one line and shrink from `size` down to `min_size`
(skipped when `shrink_first=False`, for paragraphs that should wrap at an even size);
(2) if that fails, wrap, again from `size` down; (3) at the floor, drop what does not
fit and end the last line with "…" (`layout.clipped` is then True so callers can warn).
Layouts are cached, so drawing the same slogan on 10,000 cards costs one layout.
Drawing is `text_pdf`'s: real PDF text (extractable), one run per font of the chain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import lru_cache

from dahe_desktop.printing.fonts import FontChain

# Kinsoku: no line starts with closing marks, none ends with opening marks.
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉’”…—·,.;:?!)]}%‰℃、～")
NO_LINE_END = frozenset("（《「『【〔〈‘“([{")
# A run of these is one unbreakable unit (words, numbers, phone numbers).
_WORD = re.compile(r"[A-Za-z0-9@#&+\-_./:%']+")
SIZE_STEP = 0.5


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass(frozen=True)
class TextStyle:
    """How a text is set: preferred size and floor (pt), line spacing as a factor of size."""

    size: float
    min_size: float | None = None
    leading: float = 1.25
    align: str = "left"  # left / center / right
    valign: str = "top"  # top / middle / bottom
    color: tuple[float, ...] = (0, 0, 0)  # RGB, or CMYK (four values) for a print shop
    bold: bool = False  # fill+stroke where the face drawing a run has no bold of its own
    shrink_first: bool = True  # False for paragraphs: wrap at the preferred size first
    break_after: str = ""  # if set, lines break only after these (keeps list items whole)
    wrap: bool = True  # False: one line per paragraph, shrunk to the floor, then cut (names)
    char_space: float = 0.0  # points added after every character (a grid's pitch, GB/T 9704)

    def __hash__(self) -> int:
        # Styles key every layout cache: hashed once, not once per look-up (a frozen
        # dataclass hashes all its fields each time, tens of thousands of times a print).
        try:
            return self._hash
        except AttributeError:
            cached = hash(tuple(getattr(self, f.name) for f in fields(self)))
            object.__setattr__(self, "_hash", cached)
            return cached

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}  # hashes differ per process

    @property
    def floor(self) -> float:
        return self.min_size if self.min_size is not None else self.size


@dataclass(frozen=True)
class Line:
    runs: tuple[tuple[str, str], ...]  # (font name, text)
    x: float
    baseline: float
    width: float

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.runs)


@dataclass(frozen=True)
class TextLayout:
    lines: tuple[Line, ...]
    size: float
    style: TextStyle
    box: Box
    ascent: float  # at this size
    descent: float
    clipped: bool = False  # True when text had to be cut at the floor size
    # The same text laid out in a box of this size at (0, 0), and the offset from it: the
    # PDF operators are made once per shape and moved (`draw_layout`).
    origin: TextLayout | None = field(default=None, compare=False, repr=False)
    offset: tuple[float, float] = field(default=(0.0, 0.0), compare=False, repr=False)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def ink_boxes(self) -> list[Box]:
        """Each line's extent (advance width, ascent to descent), for geometry checks."""
        return [
            Box(ln.x, ln.baseline - self.descent, ln.width, self.ascent + self.descent)
            for ln in self.lines
        ]


def _units(paragraph: str) -> list[str]:
    """Unbreakable pieces: a CJK character, a Latin word/number, or a space; closing
    marks stick to what precedes them and opening marks to what follows."""
    pieces: list[str] = []
    pos = 0
    while pos < len(paragraph):
        m = _WORD.match(paragraph, pos)
        if m:
            pieces.append(m.group())
            pos = m.end()
        else:
            pieces.append(paragraph[pos])
            pos += 1
    units: list[str] = []
    carry = ""
    for piece in pieces:
        if units and piece[0] in NO_LINE_START and not carry:
            units[-1] += piece
        elif piece[-1] in NO_LINE_END and piece != " ":
            carry += piece
        else:
            units.append(carry + piece)
            carry = ""
    if carry:
        units.append(carry)
    return units


def _width(chain: FontChain, s: str, extra: float = 0.0) -> float:
    """Width at 1 pt; `extra` is the character spacing at 1 pt (char_space / size)."""
    return chain.text_width(s) + extra * len(s)


def _items(paragraph: str, break_after: str) -> list[str]:
    """Units that end after one of `break_after` (e.g. list items ending in "、")."""
    units, start = [], 0
    for pos, ch in enumerate(paragraph):
        if ch in break_after:
            units.append(paragraph[start : pos + 1])
            start = pos + 1
    if start < len(paragraph):
        units.append(paragraph[start:])
    return units


def _wrap(chain: FontChain, paragraph: str, max_width: float, break_after: str = "",
          extra: float = 0.0) -> list[str]:  # fmt: skip
    """Greedy line filling over units, widths at 1 pt; `max_width` is also at 1 pt."""
    lines: list[list[str]] = []  # each line as its units
    current: list[str] = []
    current_w = 0.0
    units = _items(paragraph, break_after) if break_after else _units(paragraph)
    for unit in units:
        w = _width(chain, unit, extra)
        if current and current_w + w > max_width + 1e-9:
            lines.append(current)
            current, current_w = [], 0.0
            if unit == " ":
                continue
        if w > max_width and not current:
            # A word longer than the line: break it by characters.
            for ch in unit:
                cw = chain.char_width(ch) + extra
                if current and current_w + cw > max_width + 1e-9:
                    lines.append(current)
                    current, current_w = [], 0.0
                current.append(ch)
                current_w += cw
            continue
        current.append(unit)
        current_w += w
    if "".join(current).strip() or not lines:
        lines.append(current)
    if not break_after and len(lines) >= 2 and len(lines[-1]) == 1 and len(lines[-2]) >= 4:
        # No lone character (with its punctuation) on the last line: take one along.
        if len(lines[-1][0].strip()) <= 2 and lines[-2][-1] != " ":
            lines[-1].insert(0, lines[-2].pop())
    return ["".join(line).rstrip() for line in lines]


def _fits(n_lines: int, size: float, style: TextStyle, chain: FontChain, height: float) -> bool:
    return _block_height(n_lines, size, style, chain) <= height + 1e-6


def _block_height(n_lines: int, size: float, style: TextStyle, chain: FontChain) -> float:
    return size * (chain.ascent + chain.descent) + (n_lines - 1) * size * style.leading


def _sizes(style: TextStyle) -> list[float]:
    sizes, s = [], style.size
    while s > style.floor + 1e-6:
        sizes.append(s)
        s = round(s - SIZE_STEP, 3)
    sizes.append(style.floor)
    return sizes


def _ellipsize(chain: FontChain, line: str, max_width: float, extra: float = 0.0) -> str:
    line = line.rstrip()
    while line and _width(chain, line + "…", extra) > max_width:
        line = line[:-1]
    return line + "…"


@lru_cache(maxsize=4096)
def _fit(
    text: str, width: float, height: float, style: TextStyle, chain: FontChain
) -> tuple[float, tuple[str, ...], bool]:
    paragraphs = [p.strip() for p in text.replace("\r", "").split("\n")]
    paragraphs = [p for p in paragraphs if p] or [""]
    # (1) one line per paragraph, shrinking: the size follows from the widest paragraph.
    extra = style.char_space / style.size
    if style.shrink_first or not style.wrap:
        widest = max(_width(chain, p, extra) for p in paragraphs)
        size = style.size if widest <= 0 else min(style.size, width / widest)
        size = max(style.floor, _floor_to_step(size, style))
        if widest * size <= width + 1e-6 and _fits(len(paragraphs), size, style, chain, height):
            return size, tuple(paragraphs), False
    if not style.wrap:  # a name is never broken: cut at the floor (the caller warns)
        size = style.floor
        kept = list(paragraphs)
        while len(kept) > 1 and not _fits(len(kept), size, style, chain, height):
            kept.pop()
        extra = style.char_space / size
        kept = [ln if _width(chain, ln, extra) * size <= width + 1e-6 else _ellipsize(chain, ln, width / size, extra)
                for ln in kept]  # fmt: skip
        return size, tuple(kept), True
    # (2) wrap, from the preferred size down to the floor.
    for size in _sizes(style):
        extra = style.char_space / size
        lines = [ln for p in paragraphs for ln in _wrap(chain, p, width / size, style.break_after, extra)]
        if _fits(len(lines), size, style, chain, height):
            return size, tuple(lines), False
    # (3) at the floor: keep the lines that fit, end with an ellipsis.
    size = style.floor
    extra = style.char_space / size
    lines = [ln for p in paragraphs for ln in _wrap(chain, p, width / size, style.break_after, extra)]
    keep = 1
    while keep < len(lines) and _fits(keep + 1, size, style, chain, height):
        keep += 1
    kept = lines[:keep]
    kept[-1] = _ellipsize(chain, kept[-1], width / size, extra)
    return size, tuple(kept), True


def _floor_to_step(size: float, style: TextStyle) -> float:
    if size >= style.size:
        return style.size
    return int(size / SIZE_STEP) * SIZE_STEP


def layout_text(text: str, box: Box, style: TextStyle, chain: FontChain) -> TextLayout:
    """Where each line and run of `text` goes inside `box` (nothing is drawn). Fitting a
    text is done once per text, box size and style (a card run sets the same strings in
    boxes of the same size at many places): here it is only moved into place."""
    shape = _shape(text, box.width, box.height, style, chain)
    dx, dy = box.x, box.y
    if not dx and not dy:
        return shape
    lines = tuple(Line(ln.runs, ln.x + dx, ln.baseline + dy, ln.width) for ln in shape.lines)
    return TextLayout(lines, shape.size, style, box, shape.ascent, shape.descent, shape.clipped,
                      origin=shape, offset=(dx, dy))  # fmt: skip


@lru_cache(maxsize=8192)
def _shape(text: str, width: float, height: float, style: TextStyle, chain: FontChain) -> TextLayout:
    """`text` laid out in a box of `width` × `height` at (0, 0)."""
    box = Box(0.0, 0.0, width, height)
    size, lines, clipped = _fit(text, box.width, box.height, style, chain)
    ascent, descent = chain.ascent * size, chain.descent * size
    block = _block_height(len(lines), size, style, chain)
    if style.valign == "middle":
        top = box.top - (box.height - block) / 2
    elif style.valign == "bottom":
        top = box.y + block
    else:
        top = box.top
    placed = []
    for i, line in enumerate(lines):
        w = _width(chain, line, style.char_space / size) * size
        if style.align == "center":
            x = box.x + (box.width - w) / 2
        elif style.align == "right":
            x = box.right - w
        else:
            x = box.x
        baseline = top - ascent - i * size * style.leading
        placed.append(Line(tuple(chain.runs(line)), x, baseline, w))
    return TextLayout(tuple(placed), size, style, box, ascent, descent, clipped)


_TALL = 10_000.0  # a box no text fills: what a text needs when height is no limit


@lru_cache(maxsize=8192)
def free_shape(text: str, width: float, style: TextStyle, chain: FontChain) -> tuple[TextLayout, float]:
    """`text` fitted to `width` alone, its top at y = 0 (baselines below it), and the
    height of its block. Any box at least that tall holds this very fit (fitting tries
    the same sizes and takes the first that holds), so a text is fitted once per text,
    width and style, whatever the heights of the boxes it is placed in."""
    size, lines, clipped = _fit(text, width, _TALL, style, chain)
    ascent, descent = chain.ascent * size, chain.descent * size
    block = _block_height(len(lines), size, style, chain)
    placed = []
    for i, line in enumerate(lines):
        w = _width(chain, line, style.char_space / size) * size
        if style.align == "center":
            x = (width - w) / 2
        elif style.align == "right":
            x = width - w
        else:
            x = 0.0
        placed.append(Line(tuple(chain.runs(line)), x, -ascent - i * size * style.leading, w))
    return TextLayout(tuple(placed), size, style, Box(0.0, -block, width, block), ascent, descent, clipped), block


def shape_of(text: str, box: Box, style: TextStyle, chain: FontChain) -> tuple[TextLayout, float]:
    """The shape that draws `text` in `box` at (box.x, box.y + dy), and dy: the free
    shape of its width moved to its place in the box when the box holds it (the common
    case), else the text fitted to the box's own size (smaller, wrapped or cut)."""
    return sized_shape(text, box.width, box.height, style, chain)


def sized_shape(text: str, width: float, height: float, style: TextStyle, chain: FontChain) -> tuple[TextLayout, float]:
    """`shape_of` for a box of `width` × `height`."""
    shape, block = free_shape(text, width, style, chain)
    if shape.clipped or block > height + 1e-6:
        return _shape(text, width, height, style, chain), 0.0
    if style.valign == "middle":
        return shape, height - (height - block) / 2
    if style.valign == "bottom":
        return shape, block
    return shape, height
