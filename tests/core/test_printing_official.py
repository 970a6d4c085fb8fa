"""GB/T 9704 papers: margins, the 22 x 28 grid, page numbers, the issuer over the date,
tables that repeat their header, measured from what was drawn and from the PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from dahe_desktop.printing.document import Column, PrintResult, finish_document, open_document
from dahe_desktop.printing.official import BLOCK, CHARS, LINES, PAGE, PITCH, OfficialPaper

LONG = "按照党员公开承诺制度，本支部党员围绕基础设施建设、带领创业、兴办实事、解决就业等方面向群众公开承诺。" * 12


def paper(build) -> tuple[PrintResult, bytes]:
    out = io.BytesIO()
    canvas = open_document(out, PAGE, title="测试", record=True)
    result = PrintResult("", PAGE)
    doc = OfficialPaper(canvas, result)
    build(doc)
    doc.finish()
    finish_document(canvas, result)
    return result, out.getvalue()


def texts(result: PrintResult, page: int) -> list[tuple[float, float, str]]:
    """(x, baseline, text) of every run drawn on a page."""
    return [(op[1], op[2], op[5]) for op in result.recorded.pages[page] if op[0] == "text"]


def test_the_text_block_sits_at_the_standard_margins():
    assert BLOCK.x == pytest.approx(28 * mm) and PAGE[1] - BLOCK.top == pytest.approx(37 * mm)
    assert (BLOCK.width, BLOCK.height) == (pytest.approx(156 * mm), pytest.approx(225 * mm))
    result, _ = paper(lambda d: (d.title("关于公示2026年度党员设岗定责情况的通知"), d.paragraph(LONG)))
    for _page, box in result.boxes:
        above_folio = box.y > BLOCK.y - 1
        if above_folio:
            assert BLOCK.x - 0.5 <= box.x and box.right <= BLOCK.right + 0.5, box
            assert box.top <= BLOCK.top + 0.5, box
    assert min(x for x, _, _ in texts(result, 0)) == pytest.approx(BLOCK.x, abs=0.5)


def test_body_lines_hold_28_characters_and_pages_22_lines():
    result, data = paper(lambda d: d.paragraph("党" * 1000))
    runs = [r for r in texts(result, 0) if r[2].startswith("党")]
    lines = [t for _, _, t in runs]
    assert lines[0] == "党" * (CHARS - 2) and lines[1] == "党" * CHARS  # indent of two characters
    assert len(lines) == LINES
    assert runs[0][0] == pytest.approx(BLOCK.x + 2 * PITCH) and all(x == pytest.approx(BLOCK.x) for x, _, _ in runs[1:])
    pitches = {round(a[1] - b[1], 2) for a, b in zip(runs, runs[1:], strict=False)}
    assert pitches == {round(225 * mm / LINES, 2)}  # one line of the grid each
    page_text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "党党党" in page_text  # real, extractable text


def test_pages_are_numbered_odd_right_even_left():
    result, data = paper(lambda d: d.paragraph("党" * 1000))
    assert result.pages == 2
    pages = PdfReader(io.BytesIO(data)).pages
    assert "— 1 —" in pages[0].extract_text() and "— 2 —" in pages[1].extract_text()
    first = [x for x, _, t in texts(result, 0) if "—" in t]
    second = [x for x, _, t in texts(result, 1) if "—" in t]
    assert first[0] > BLOCK.x + BLOCK.width / 2 > second[0]


def test_the_issuer_is_centred_over_the_date_four_characters_in():
    from dahe_desktop.printing import fonts

    result, _ = paper(lambda d: (d.paragraph("特此公示。"), d.signature("中共大河乡委员会", dt.date(2026, 12, 1))))
    runs = texts(result, 0)
    issuer = next(r for r in runs if r[2] == "中共大河乡委员会")
    date = next(r for r in runs if r[2] == "2026年12月1日")
    body = fonts.role_chain(fonts.BODY)
    issuer_w = body.text_width(issuer[2]) * 16
    date_w = body.text_width(date[2]) * 16
    assert date[0] + date_w == pytest.approx(BLOCK.right - 4 * PITCH, abs=0.5)
    assert issuer[0] + issuer_w / 2 == pytest.approx(date[0] + date_w / 2, abs=0.5)
    assert issuer[1] > date[1]


def test_a_long_table_repeats_its_header_on_every_page():
    columns = (Column("序号", 0.6, "center"), Column("姓名", 1.0, "center"), Column("岗位", 2.0))
    rows = [(str(i), f"党员{i}", "环境卫生监督岗：负责村内环境卫生的督促和检查") for i in range(1, 61)]
    result, data = paper(lambda d: (d.title("设岗定责公示"), d.table(columns, rows)))
    assert result.pages >= 2
    for page in PdfReader(io.BytesIO(data)).pages:
        assert "序号" in page.extract_text()
    assert not result.outside_page() and not result.clipped


def test_a_row_taller_than_a_page_shrinks_onto_one_page_whole():
    columns = (Column("序号", 0.5, "center"), Column("情况说明", 3.0))
    rows = [("1", "短"), ("2", LONG * 3), ("3", "短")]  # ~1,700 characters: 55 lines at the even size
    result, data = paper(lambda d: (d.title("情况说明"), d.table(columns, rows)))
    assert not result.outside_page() and not result.clipped  # every character inside its cell
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).replace("\n", "")
    assert LONG[:40] in text and result.pages == 3  # the long row alone on the middle page
