"""Layouts onto the PDF page as real text (extractable), one run per font of the chain.

A layout's operators are built once per document (subset font names are per document)
and kept on it; placing a layout again writes only each line's origin, and texts set
alike one after another share one PDF text object. `text` makes the layouts."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from dahe_desktop.printing.fonts import FontChain, draws_bold
from dahe_desktop.printing.text import Box, TextLayout, TextStyle, layout_text


def _num(value: float) -> str:
    return f"{value:.2f}"


@lru_cache(maxsize=256)
def _style_ops(style: TextStyle, size: float) -> str:
    values = " ".join(_num(c) for c in style.color)
    stroke, fill = ("K", "k") if len(style.color) == 4 else ("RG", "rg")
    if style.bold:
        # Stroke width and colour for the faux bold (fill+stroke, still text); whether a
        # run gets it depends on its face (`_render_mode`).
        return f"q {_num(size * 0.035)} w {values} {stroke} BT {values} {fill}"
    return f"q BT {values} {fill}"


def _render_mode(style: TextStyle, font_name: str) -> int:
    """PDF text render mode of a run: 2 (fill+stroke, a faux bold) for bold text in a
    face without a bold of its own, else 0 (fill)."""
    return 2 if style.bold and not draws_bold(font_name) else 0


def layout_operators(layout: TextLayout, doc) -> str:
    """The PDF operators that draw `layout` in document `doc`, wrapped in q/Q.

    Built directly with ReportLab's documented dynamic-font calls (`splitString`,
    `getSubsetInternalName`) rather than a TextObject per string: it is the hot path
    of 10,000 cards, and the text stays real, extractable text either way."""
    head, lines, _joins = _operator_parts(layout, doc)
    return f"{head}\n{_placed_lines(lines, 0.0, 0.0)}\n{_END}"


# The end of a text object (ET Q), its own item of the page's code: the next text set the
# same way (same colour, spacing, no faux bold) continues the same text object instead
# of opening another (a card's table: one text object, not twenty).
class _TextEnd(str):
    pass


_END = _TextEnd("ET Q")


def _operator_parts(layout: TextLayout, doc) -> tuple[str, tuple[tuple[float, float, str], ...], bool]:
    """`layout`'s operators in pieces: the opening (style, q, BT), per line its origin
    and what follows its Tm (fonts and strings), and whether a following text may join
    its text object (no render mode left changed); placing them only writes Tm."""
    style = layout.style
    head = [_style_ops(style, layout.size)]
    if style.char_space:
        head.append(f"{style.char_space:.3f} Tc")
    size = _num(layout.size)
    current, mode = None, 0
    lines = []
    for line in layout.lines:
        out = []
        for font_name, chunk in line.runs:
            if style.bold and _render_mode(style, font_name) != mode:
                mode = 2 - mode
                out.append(f"{mode} Tr")
            font = _font(font_name)
            for subset, data in font.splitString(chunk, doc):
                name = font.getSubsetInternalName(subset, doc)
                if name != current:
                    out.append(f"{name} {size} Tf")
                    current = name
                out.append(f"({escapePDF(data)}) Tj")
        lines.append((line.x, line.baseline, "\n".join(out)))
    return "\n".join(head), tuple(lines), not style.bold


def _placed_lines(lines: tuple[tuple[float, float, str], ...], dx: float, dy: float) -> str:
    if len(lines) == 1 and lines[0][2]:  # most texts: one line
        x, baseline, body = lines[0]
        return f"1 0 0 1 {x + dx:.2f} {baseline + dy:.2f} Tm\n{body}"
    placed = []
    for x, baseline, body in lines:
        placed.append(f"1 0 0 1 {x + dx:.2f} {baseline + dy:.2f} Tm")
        if body:
            placed.append(body)
    return "\n".join(placed)


@lru_cache(maxsize=64)
def _font(name: str):
    return pdfmetrics.getFont(name)


# Operators of layouts already drawn in a document (subset names are per document) are
# kept on the document itself, as `dahe_operators`: shape id -> (shape, operators).


def draw_layout(canvas: Canvas, layout: TextLayout) -> None:
    """Draw a layout as real text, one run per font of the chain."""
    if not layout.lines:
        return
    if not isinstance(canvas, Canvas):  # a recording canvas (printing from the window)
        canvas.draw_layout(layout)
        return
    if layout.origin is None:
        draw_shape(canvas, layout, 0.0, 0.0)
    else:
        draw_shape(canvas, layout.origin, *layout.offset)


def draw_shape(canvas: Canvas, shape: TextLayout, dx: float, dy: float) -> None:
    """Draw a layout made at (0, 0) moved by (dx, dy) on a PDF canvas: its operators are
    made once per document; placing them writes only each line's origin."""
    if not shape.lines:
        return
    doc = canvas._doc
    cache = doc.__dict__.get("dahe_operators")  # kept on the document: it goes with it
    if cache is None:
        cache = doc.dahe_operators = {}
    ops = cache.get(id(shape))
    if ops is None or ops[0] is not shape:
        ops = (shape, _operator_parts(shape, doc))
        if len(cache) < 16384:
            cache[id(shape)] = ops  # the shape is kept with its operators: its id stays its own
    head, lines, joins = ops[1]
    code = canvas._code  # the page's (or form's) operators, as ReportLab's addLiteral appends them
    if joins and code and code[-1] is _END and canvas.__dict__.get("dahe_text_head") == head:
        code[-1] = _placed_lines(lines, dx, dy)  # the previous text's object goes on
    else:
        code.append(head)
        code.append(_placed_lines(lines, dx, dy))
        canvas.dahe_text_head = head if joins else None
    code.append(_END)  # each line's Tm moved: no q/cm/Q of its own


def draw_text(
    canvas: Canvas, text: str, box: Box, style: TextStyle, chain: FontChain
) -> TextLayout:
    """Lay out and draw; returns the layout (its `clipped` flag tells if text was cut)."""
    layout = layout_text(text, box, style, chain)
    draw_layout(canvas, layout)
    return layout
