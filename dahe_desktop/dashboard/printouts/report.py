"""The year's summary as an official paper (GB/T 9704, `printing.official`): the title,
the seed-style sections as headings and paragraphs on the 22 × 28 grid, the issuer
centred over the date, then the per-branch table on its own page, its header repeated
on every page."""

from __future__ import annotations

from pathlib import Path

from dahe_desktop.dashboard.report import ReportContent
from dahe_desktop.printing import official
from dahe_desktop.printing.document import Column, PrintResult, finish_document, open_document


def table_columns(header: list[str]) -> tuple[Column, ...]:
    return (Column(header[0], 2.3), *(Column(h, 1.0, "center") for h in header[1:]))


def render_report(content: ReportContent, out: str | Path, *, record: bool = False) -> PrintResult:
    """Write the report; refuses (MissingGlyphsError) before writing when a character has
    no glyph in any font, and (TextDoesNotFit) when a text would be cut."""
    chains = official.Chains.default()
    chains.check([("报告", content.text())])
    result = PrintResult(str(out), official.PAGE)
    canvas = open_document(out, official.PAGE, title=content.title, author=content.issuer, record=record)
    paper = official.OfficialPaper(canvas, result, chains)
    paper.title(content.title)
    for heading, paragraph in content.sections:
        paper.heading(heading)
        paper.paragraph(paragraph)
    paper.signature(content.issuer, content.date, space_before=1)
    paper.page_break()
    paper.heading(content.table_title)
    paper.table(table_columns(content.header), [tuple(r) for r in content.rows])
    paper.finish()
    paper.drawer.refuse_if_clipped()
    result.documents = 1
    return finish_document(canvas, result)
