"""A stand-in for ReportLab's Canvas that records what the card painter draws, page by
page, as plain operations in page coordinates (points, y up). The window paints them
with QPainter onto the printer: vector shapes and text, QR codes and the logo as images,
exactly the geometry of the PDF. No Qt here.

Only the canvas calls the name-card painter makes are supported. Operations:
    ("rect", x, y, w, h, radius, fill_rgb | None, stroke_rgb | None, line_width)
    ("line", x1, y1, x2, y2, rgb, line_width)
    ("text", x, baseline, font_name, size, chunk, rgb, bold)   # one run of one font
    ("image", path, x, y, w, h)           # a picture file fitted into the box
    ("qr", rows, x, y, size)              # rows of booleans (True = dark)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics

from dahe_desktop.printing.text import TextLayout

RGB = tuple[float, float, float]


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
    if kind == "image":
        return (kind, op[1], op[2] + dx, op[3] + dy, *op[4:])
    return (kind, op[1], op[2] + dx, op[3] + dy, op[4])  # qr


class RecordingCanvas:
    """Records instead of writing PDF; translations only (all the card painter uses)."""

    def __init__(self, pagesize: tuple[float, float]):
        self.recorded = RecordedPages(pagesize, [[]])
        self._fill: RGB = (0.0, 0.0, 0.0)
        self._stroke: RGB = (0.0, 0.0, 0.0)
        self._width = 1.0
        self._dx = self._dy = 0.0
        self._stack: list[tuple] = []
        self._forms: dict[str, list[tuple]] = {}
        self._form: list[tuple] | None = None

    # ---- state ----------------------------------------------------------------------
    def setFillColorRGB(self, r: float, g: float, b: float) -> None:  # noqa: N802 - ReportLab's name
        self._fill = (r, g, b)

    def setStrokeColorRGB(self, r: float, g: float, b: float) -> None:  # noqa: N802
        self._stroke = (r, g, b)

    def setLineWidth(self, width: float) -> None:  # noqa: N802
        self._width = width

    def saveState(self) -> None:  # noqa: N802
        self._stack.append((self._fill, self._stroke, self._width, self._dx, self._dy))

    def restoreState(self) -> None:  # noqa: N802
        self._fill, self._stroke, self._width, self._dx, self._dy = self._stack.pop()

    def translate(self, dx: float, dy: float) -> None:
        self._dx += dx
        self._dy += dy

    # ---- drawing ----------------------------------------------------------------------
    def _add(self, op: tuple) -> None:
        if self._form is not None:
            self._form.append(op)
        else:
            self.recorded.pages[-1].append(_shift(op, self._dx, self._dy))

    def rect(self, x: float, y: float, w: float, h: float, stroke: int = 1, fill: int = 0) -> None:
        self.roundRect(x, y, w, h, 0.0, stroke, fill)

    def roundRect(self, x: float, y: float, w: float, h: float, radius: float,  # noqa: N802
                  stroke: int = 1, fill: int = 0) -> None:  # fmt: skip
        self._add(("rect", x, y, w, h, radius, self._fill if fill else None,
                   self._stroke if stroke else None, self._width))  # fmt: skip

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self._add(("line", x1, y1, x2, y2, self._stroke, self._width))

    def lines(self, lines) -> None:
        for x1, y1, x2, y2 in lines:
            self.line(x1, y1, x2, y2)

    def drawImage(self, path: str, x: float, y: float, width: float, height: float,  # noqa: N802
                  **_options) -> None:  # fmt: skip
        """Recorded as a file to fit into the box keeping its proportions, centred
        (the painter's only use: `preserveAspectRatio=True`)."""
        self._add(("image", str(path), x, y, width, height))

    def draw_layout(self, layout: TextLayout) -> None:
        """Each run where ReportLab's text operators put it (runs follow one another)."""
        size, style = layout.size, layout.style
        for line in layout.lines:
            x = line.x
            for font_name, chunk in line.runs:
                self._add(
                    ("text", x, line.baseline, font_name, size, chunk, style.color, style.bold)
                )
                x += pdfmetrics.stringWidth(chunk, font_name, size)

    def draw_qr(self, rows: list[list[bool]], x: float, y: float, size: float) -> None:
        self._add(("qr", rows, x, y, size))

    # ---- forms and pages ------------------------------------------------------------------
    def beginForm(self, name: str, **_bbox) -> None:  # noqa: N802
        self._form = self._forms[name] = []

    def endForm(self) -> None:  # noqa: N802
        self._form = None

    def doForm(self, name: str) -> None:  # noqa: N802
        for op in self._forms[name]:
            self._add(op)

    def showPage(self) -> None:  # noqa: N802
        self.recorded.pages.append([])

    def setTitle(self, _title: str) -> None:  # noqa: N802
        pass

    def setCreator(self, _creator: str) -> None:  # noqa: N802
        pass

    def save(self) -> None:
        if not self.recorded.pages[-1]:
            self.recorded.pages.pop()
