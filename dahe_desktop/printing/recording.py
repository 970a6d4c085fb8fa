"""The one recorded drawing format of every printout: what a painter drew, page by page,
as plain operations in page coordinates (points, y up). The window paints them with
QPainter for the preview and the printer; the PDF of the same render comes from the same
calls (`RecordingCanvas(target=canvas)` draws on the PDF canvas as it records). No Qt.

Operations:
    ("rect", x, y, w, h, radius, fill_rgb | None, stroke_rgb | None, line_width)
    ("line", x1, y1, x2, y2, rgb, line_width, dash | None)
    ("text", x, baseline, font_name, size, chunk, rgb, bold, char_space)   # one run of one font
    ("image", path, x, y, w, h)           # a picture file fitted into the box
    ("qr", data, x, y, size)              # a QR code of `data` (modules from printing.qr)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from dahe_desktop.printing import fonts, qr, text_pdf
from dahe_desktop.printing.text import TextLayout

RGB = tuple[float, ...]  # RGB, or CMYK when four values


@dataclass
class RecordedPages:
    """Pages of one render: size in points, operations per page, font name -> file."""

    page_size: tuple[float, float]
    pages: list[list[tuple]] = field(default_factory=list)
    fonts: dict[str, tuple[str, int]] = field(default_factory=dict)


def _shift(op: tuple, dx: float, dy: float) -> tuple:
    kind = op[0]
    if kind in ("rect", "text"):
        return (kind, op[1] + dx, op[2] + dy, *op[3:])
    if kind == "line":
        return (kind, op[1] + dx, op[2] + dy, op[3] + dx, op[4] + dy, *op[5:])
    return (kind, op[1], op[2] + dx, op[3] + dy, *op[4:])  # image, qr


class RecordingCanvas:
    """Records the canvas calls painters make (translations only, no rotation or scale)
    and, given a `target` ReportLab canvas, draws each on it too: one pass gives the PDF
    and the operations the window previews and prints."""

    def __init__(self, pagesize: tuple[float, float], target: Canvas | None = None):
        self.recorded = RecordedPages(pagesize, [[]])
        self.target = target
        self._fill: RGB = (0.0, 0.0, 0.0)
        self._stroke: RGB = (0.0, 0.0, 0.0)
        self._width = 1.0
        self._dash: tuple | None = None
        self._dx = self._dy = 0.0
        self._stack: list[tuple] = []
        self._forms: dict[str, list[tuple]] = {}
        self._form: list[tuple] | None = None

    def add_fonts(self, faces) -> None:
        """Name the font files of `faces` (a chain's), so the window can register them."""
        for face in faces:
            self.recorded.fonts[face.pdf_name] = (str(face.path), face.subfont_index)

    def _forward(self, name: str, *args, **kwargs) -> None:
        if self.target is not None:
            getattr(self.target, name)(*args, **kwargs)

    # ---- state ----------------------------------------------------------------------
    def setFillColorRGB(self, r: float, g: float, b: float) -> None:  # noqa: N802 - ReportLab's name
        self._fill = (r, g, b)
        self._forward("setFillColorRGB", r, g, b)

    def setStrokeColorRGB(self, r: float, g: float, b: float) -> None:  # noqa: N802
        self._stroke = (r, g, b)
        self._forward("setStrokeColorRGB", r, g, b)

    def setFillColorCMYK(self, c: float, m: float, y: float, k: float) -> None:  # noqa: N802
        self._fill = (c, m, y, k)
        self._forward("setFillColorCMYK", c, m, y, k)

    def setStrokeColorCMYK(self, c: float, m: float, y: float, k: float) -> None:  # noqa: N802
        self._stroke = (c, m, y, k)
        self._forward("setStrokeColorCMYK", c, m, y, k)

    def setLineWidth(self, width: float) -> None:  # noqa: N802
        self._width = width
        self._forward("setLineWidth", width)

    def setDash(self, *pattern) -> None:  # noqa: N802
        self._dash = tuple(pattern) if pattern and pattern[0] else None
        self._forward("setDash", *pattern)

    def saveState(self) -> None:  # noqa: N802
        self._stack.append((self._fill, self._stroke, self._width, self._dash, self._dx, self._dy))
        self._forward("saveState")

    def restoreState(self) -> None:  # noqa: N802
        self._fill, self._stroke, self._width, self._dash, self._dx, self._dy = self._stack.pop()
        self._forward("restoreState")

    def translate(self, dx: float, dy: float) -> None:
        self._dx += dx
        self._dy += dy
        self._forward("translate", dx, dy)

    # ---- drawing ----------------------------------------------------------------------
    def _add(self, op: tuple) -> None:
        if self._form is not None:
            self._form.append(op)
        else:
            self.recorded.pages[-1].append(_shift(op, self._dx, self._dy))

    def rect(self, x: float, y: float, w: float, h: float, stroke: int = 1, fill: int = 0) -> None:
        self._record_rect(x, y, w, h, 0.0, stroke, fill)
        self._forward("rect", x, y, w, h, stroke=stroke, fill=fill)

    def roundRect(self, x: float, y: float, w: float, h: float, radius: float,  # noqa: N802
                  stroke: int = 1, fill: int = 0) -> None:  # fmt: skip
        self._record_rect(x, y, w, h, radius, stroke, fill)
        self._forward("roundRect", x, y, w, h, radius, stroke=stroke, fill=fill)

    def _record_rect(self, x, y, w, h, radius, stroke, fill) -> None:
        self._add(("rect", x, y, w, h, radius, self._fill if fill else None,
                   self._stroke if stroke else None, self._width))  # fmt: skip

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self._add(("line", x1, y1, x2, y2, self._stroke, self._width, self._dash))
        self._forward("line", x1, y1, x2, y2)

    def lines(self, lines) -> None:
        for x1, y1, x2, y2 in lines:
            self._add(("line", x1, y1, x2, y2, self._stroke, self._width, self._dash))
        self._forward("lines", lines)

    def drawImage(self, path: str, x: float, y: float, width: float, height: float,  # noqa: N802
                  **options) -> None:  # fmt: skip
        """Recorded as a file to fit into the box keeping its proportions, centred
        (the painters' only use: `preserveAspectRatio=True`)."""
        self._add(("image", str(path), x, y, width, height))
        self._forward("drawImage", path, x, y, width, height, **options)

    def draw_layout(self, layout: TextLayout) -> None:
        """Each run where ReportLab's text operators put it (runs follow one another)."""
        size, style = layout.size, layout.style
        space = style.char_space
        for line in layout.lines:
            x = line.x
            for font_name, chunk in line.runs:
                # A bold face is already bold: the preview must not embolden it again.
                bold = style.bold and not fonts.draws_bold(font_name)
                self._add(("text", x, line.baseline, font_name, size, chunk, style.color, bold, space))
                x += pdfmetrics.stringWidth(chunk, font_name, size) + space * len(chunk)
        if self.target is not None:
            text_pdf.draw_layout(self.target, layout)

    def draw_qr(self, data: str, x: float, y: float, size: float) -> None:
        self._add(("qr", data, x, y, size))
        if self.target is not None:
            qr.draw_qr(self.target, data, x, y, size)

    # ---- forms and pages ------------------------------------------------------------------
    def beginForm(self, name: str, **bbox) -> None:  # noqa: N802
        self._form = self._forms[name] = []
        self._forward("beginForm", name, **bbox)

    def endForm(self) -> None:  # noqa: N802
        self._form = None
        self._forward("endForm")

    def doForm(self, name: str) -> None:  # noqa: N802
        for op in self._forms[name]:
            self._add(op)
        self._forward("doForm", name)

    def showPage(self) -> None:  # noqa: N802
        self.recorded.pages.append([])
        self._forward("showPage")

    def save(self) -> None:
        if not self.recorded.pages[-1]:
            self.recorded.pages.pop()
        self._forward("save")

    def __getattr__(self, name: str):
        """Document-level calls (title, author, compression) go to the PDF alone."""
        if name.startswith("_") or self.target is None:
            raise AttributeError(name)
        return getattr(self.target, name)
