"""The report as a Word file the clerk edits into the township's own reports, laid out
as GB/T 9704 asks: A4, top 37 mm, left 28 mm, text block 156 × 225 mm, title 22 pt
(2号) bold Song, body 16 pt (3号) FangSong, the issuer centred over the date."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dahe_desktop.dashboard.report import ReportContent, cn_date
from dahe_desktop.safety.outputs import safe_output

TITLE_FONT, BODY_FONT, HEADING_FONT, TABLE_FONT = "宋体", "仿宋", "黑体", "宋体"
TITLE_PT, BODY_PT, TABLE_PT = 22, 16, 10.5
LINE_PT = 28.9  # 22 lines in 225 mm (637.8 pt) as GB/T 9704 asks


def _font(run, face: str, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = face
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), face)  # Word takes Chinese text's face from eastAsia


def _paragraph(doc, text: str, face: str, size: float, *, bold: bool = False, align=None, indent: bool = False):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)  # two characters, as Chinese paragraphs open
    if align is not None:
        p.alignment = align
    _font(p.add_run(text), face, size, bold)
    return p


def text_width(text: str, size: float) -> float:
    """Width in points: Chinese characters a full em, digits and Latin half."""
    return sum(size / 2 if ord(ch) < 0x2E80 else size for ch in text)


def _signature(doc, issuer: str, date: str) -> None:
    """The issuer centred over the date, the block kept two characters off the right edge."""
    widths = {issuer: text_width(issuer, BODY_PT), date: text_width(date, BODY_PT)}
    wide = max(widths.values())
    for line in (issuer, date):
        p = _paragraph(doc, line, BODY_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = Pt(BODY_PT * 2 + (wide - widths[line]) / 2)


def write_docx(content: ReportContent, path: str | Path) -> Path:
    path = Path(path)
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _paragraph(doc, content.title, TITLE_FONT, TITLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, "", BODY_FONT, BODY_PT)
    for heading, text in content.sections:
        _paragraph(doc, heading, HEADING_FONT, BODY_PT, indent=True)
        _paragraph(doc, text, BODY_FONT, BODY_PT, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _paragraph(doc, "", BODY_FONT, BODY_PT)
    _signature(doc, content.issuer, cn_date(content.date))
    doc.add_page_break()
    _paragraph(doc, content.table_title, HEADING_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    table = doc.add_table(rows=1 + len(content.rows), cols=len(content.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, values in enumerate([content.header, *content.rows]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = ""
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if c == 0 and r else WD_ALIGN_PARAGRAPH.CENTER
            _font(p.add_run(value), TABLE_FONT, TABLE_PT, bold=r == 0 or r == len(content.rows))
    widths = [Mm(32)] + [Mm((156 - 32) / (len(content.header) - 1))] * (len(content.header) - 1)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    with safe_output(path) as temp:  # never over the data file; a kill leaves the old file
        doc.save(str(temp))
    return path
