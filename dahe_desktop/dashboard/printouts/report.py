"""The year's summary as an official paper (GB/T 9704, `printing.official`): the title,
the seed-style sections as headings and paragraphs on the 22 × 28 grid, the issuer
centred over the date, then the per-branch table on its own page, its header repeated
on every page."""

from __future__ import annotations

from pathlib import Path

from dahe_desktop.dashboard.report import ReportContent
from dahe_desktop.printing import official
from dahe_desktop.printing.document import Column, PrintResult, finish_document, open_document


def table_columns(header: list[str], rows: list[tuple[str, ...]] | None = None,
                  chain=None) -> tuple[Column, ...]:  # fmt: skip
    """The branch column as wide as its longest name on one line (at least 2.3 shares),
    the figures sharing the rest."""
    share = 2.3
    if rows and chain is not None:
        need = max(chain.text_width(str(r[0])) for r in rows) * official.TABLE_SIZE + 2 * official.CELL_PAD + 2
        others = len(header) - 1
        share = max(share, others * need / max(official.BLOCK.width - need, 1.0))
    return (Column(header[0], share), *(Column(h, 1.0, "center", one_line=True) for h in header[1:]))


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
    rows = [tuple(r) for r in content.rows]
    paper.table(table_columns(content.header, rows, chains.body), rows)
    paper.finish()
    paper.drawer.refuse_if_clipped()
    result.documents = 1
    return finish_document(canvas, result)
