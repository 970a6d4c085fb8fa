"""What a print shop and a county office check before accepting a file: every font
embedded, trim and bleed boxes, codes that scan, text in reading order, names whole,
and a list of the cards that need a look."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from dahe_desktop.namecards.layout import CardContext, NameCard, render_name_cards
from dahe_desktop.printing.cards import CardJob
from dahe_desktop.printing.sheets import (
    GUILLOTINE,
    GUILLOTINE_SHEET,
    PERFORATED_SHEET,
    PRINTABLE_MARGIN,
)

CONTEXT = CardContext("大河乡", "0974-8591234")


def card(i: int, **kw) -> NameCard:
    values = dict(member_id=i, name=f"党员{i}", branch="红星村党支部", position="村委委员",
                  phone=f"139{i:08d}", services="政策宣传\n代办证照", promise="一次告知、全程代办。")  # fmt: skip
    values.update(kw)
    return NameCard(**values)


def fonts_of(data: bytes) -> list[tuple[str, bool]]:
    """(base font, embedded?) of every font every page uses."""
    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            descriptor_of = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descriptor_of.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font.get("/BaseFont")), embedded))
    return found


def test_every_font_of_a_card_sheet_is_embedded_and_none_is_helvetica():
    out = io.BytesIO()
    render_name_cards([card(1), card(2)], out, context=CONTEXT)
    used = fonts_of(out.getvalue())
    assert used and all(embedded for _, embedded in used), used
    assert not any("Helvetica" in name for name, _ in used)


def test_every_font_of_the_commitment_printouts_is_embedded(db, tmp_path):
    from dahe_desktop.commitments import postings
    from dahe_desktop.commitments.printouts.job import PrintJob
    from dahe_desktop.township import posting_info
    from tests.core.test_commitments_data import commit, make_roster

    member = next(iter(make_roster(1, 1).values()))[0]
    commit(member, ["修缮一社村道2公里"], year=2026, month=12)
    for kind in (postings.CARD, postings.NOTICE):
        path = tmp_path / f"{kind}.pdf"
        PrintJob(kind, 2026).render(path, posting_info())
        used = fonts_of(path.read_bytes())
        assert used and all(embedded for _, embedded in used), (kind, used)


def test_card_sheets_carry_trim_and_bleed_boxes():
    for cut, sheet in (("perforated", PERFORATED_SHEET), (GUILLOTINE, GUILLOTINE_SHEET)):
        out = io.BytesIO()
        render_name_cards([card(i) for i in range(3)], out, job=CardJob(cut=cut), context=CONTEXT)
        page = PdfReader(io.BytesIO(out.getvalue())).pages[0]
        trim = [float(v) for v in page.trimbox]
        block = sheet.block
        assert trim == pytest.approx([block.x, block.y, block.right, block.top], abs=0.01)
        bleed = [float(v) for v in page.bleedbox]
        assert bleed[0] == pytest.approx(block.x - sheet.bleed, abs=0.01)


def test_metadata_names_the_document_and_the_program():
    out = io.BytesIO()
    render_name_cards([card(1)], out, context=CONTEXT)
    meta = PdfReader(io.BytesIO(out.getvalue())).metadata
    assert meta.title == "党员名片" and meta.author == "大河乡" and meta.creator == "大河党员服务台"


def test_copied_text_reads_label_before_value():
    out = io.BytesIO()
    render_name_cards([card(1, phone="18942885836")], out, job=CardJob(front_only=True), context=CONTEXT)
    text = "".join(PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text().split())
    assert text.index("电话") < text.index("18942885836")
    assert text.index("服务事项") < text.index("政策宣传")


def test_the_guillotine_layout_leaves_gutters_and_marks_outside_the_colour():
    sheet = GUILLOTINE_SHEET
    slots = [sheet.slot(i) for i in range(sheet.per_sheet)]
    assert sheet.per_sheet == 8 and sheet.gap == 6 * mm and sheet.bleed == 2 * mm
    for a in slots:
        for b in slots:
            if a is not b:  # every pair of cards is at least a gutter apart, so bleeds never meet
                apart = max(b.x - a.right, a.x - b.right, b.y - a.top, a.y - b.top)
                assert apart >= 6 * mm - 0.01
    colour = sheet.bleed_block
    area = sheet.printable_area()
    for x1, y1, x2, y2 in sheet.crop_mark_lines():
        for x, y in ((x1, y1), (x2, y2)):
            inside_colour = colour.x < x < colour.right and colour.y < y < colour.top
            assert not inside_colour
            assert area.x - 0.01 <= x <= area.right + 0.01 and area.y - 0.01 <= y <= area.top + 0.01
    xs, ys = sheet.cut_lines()
    assert len(xs) == 4 and len(ys) == 8  # both edges of every gutter are cut


def test_perforated_cards_keep_their_colour_inside_the_cut():
    out = io.BytesIO()
    result = render_name_cards([card(i) for i in range(10)], out, context=CONTEXT, record=True)
    slots = [PERFORATED_SHEET.slot(i) for i in range(10)]
    for op in result.recorded.pages[0] + result.recorded.pages[1]:
        if op[0] == "rect" and op[6] is not None:  # filled colour
            x, y, w, h = op[1:5]
            assert any(s.x + 1.4 * mm <= x and x + w <= s.right - 1.4 * mm and s.y + 1.4 * mm <= y
                       and y + h <= s.top - 1.4 * mm for s in slots), op  # fmt: skip


def test_every_code_on_a_sheet_decodes_with_a_four_module_quiet_zone(qapp, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    QPdfDocument = pytest.importorskip("PySide6.QtPdf").QPdfDocument
    from PIL import Image
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage

    from dahe_desktop.namecards.design import CardDesign
    from dahe_desktop.namecards.layout import CardPainter
    from dahe_desktop.printing import fonts, qr

    cards = [card(i, name="阿卜杜热合曼买买提依明江" if i == 3 else f"党员{i}") for i in range(10)]
    path = tmp_path / "sheet.pdf"
    render_name_cards(cards, path, context=CONTEXT)
    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    size = QSize(round(210 / 25.4 * 150), round(297 / 25.4 * 150))  # 150 dpi
    image = doc.render(1, size).convertToFormat(QImage.Format.Format_Grayscale8)
    pil = Image.frombuffer("L", (image.width(), image.height()), bytes(image.constBits()),
                           "raw", "L", image.bytesPerLine(), 1)  # fmt: skip
    found = sorted(b.text for b in zxingcpp.read_barcodes(pil))
    assert found == sorted(qr.mecard(c.name, c.phone) for c in cards)
    box = CardPainter(CardDesign(), CONTEXT, fonts.font_chain()).qr_box()
    for c in cards:
        n = qr.module_count(qr.mecard(c.name, c.phone))
        module = box.width / (n + 2 * qr.QUIET_ZONE)
        assert module >= 0.5 * mm


def test_a_card_without_a_phone_has_no_code():
    out = io.BytesIO()
    result = render_name_cards([card(1, phone="")], out, job=CardJob(per_page=1), context=CONTEXT, record=True)
    back = result.recorded.pages[1]
    assert not [op for op in back if op[0] == "qr"]
    assert "扫码存号" not in "".join(op[5] for op in back if op[0] == "text")


def test_a_hostile_roster_is_listed_before_printing_member_by_member():
    from dahe_desktop.namecards.design import CardDesign
    from dahe_desktop.namecards.layout import CardPainter
    from dahe_desktop.printing import fonts

    hostile = [
        card(1, name="阿卜杜热合曼买买提依明江"),  # 12 characters
        card(2, name="王芳", position="村党支部副书记兼村委会副主任兼村务监督委员会主任、妇联主席"),
        card(3, name="李明", phone=""),
        card(4, name="张华", promise="热情服务，随叫随到，" * 15),  # 150 characters
        card(5, name="赵强", services=""),
    ]
    out = io.BytesIO()
    result = render_name_cards(hostile, out, context=CONTEXT)
    warnings = "\n".join(result.warnings)
    assert "阿卜杜热合曼买买提依明江：姓名较长" in warnings
    assert "王芳：职务" in warnings
    assert "李明：没有手机号" in warnings
    assert "张华：服务承诺太长" in warnings
    assert "赵强：没有填写服务事项" in warnings
    painter = CardPainter(CardDesign(), CONTEXT, fonts.font_chain(), keep_layouts=True)
    from reportlab.pdfgen.canvas import Canvas

    painter.front(Canvas(io.BytesIO()), hostile[0])
    name = next(layout for layout in painter.layouts if "阿卜杜" in layout.text)
    assert len(name.lines) == 1  # never broken across lines


def test_every_sheet_names_itself_in_the_margin_and_a_jammed_sheet_prints_again():
    cards = [card(i) for i in range(25)]  # three sheets
    out = io.BytesIO()
    render_name_cards(cards, out, job=CardJob(duplex=True), context=CONTEXT)
    texts = [p.extract_text().replace(" ", "") for p in PdfReader(io.BytesIO(out.getvalue())).pages]
    assert "第1/3张" in texts[0] and "正面" in texts[0] and "第1/3张" in texts[1] and "背面" in texts[1]
    again = io.BytesIO()
    result = render_name_cards(cards, again, job=CardJob(duplex=True, sheets=(2, 2)), context=CONTEXT)
    assert result.pages == 2 and result.printed_ids == [c.member_id for c in cards[10:20]]
    assert "第2/3张" in PdfReader(io.BytesIO(again.getvalue())).pages[0].extract_text().replace(" ", "")


def test_one_card_a_page_for_cr80_card_printers():
    out = io.BytesIO()
    render_name_cards([card(1)], out, job=CardJob(per_page=1, cr80=True), context=CONTEXT)
    box = PdfReader(io.BytesIO(out.getvalue())).pages[0].mediabox
    assert float(box.width) == pytest.approx(85.6 * mm, abs=0.1) and float(box.height) == pytest.approx(54 * mm, abs=0.1)


def test_crop_marks_of_the_perforated_sheet_stay_inside_the_printable_area():
    area = PERFORATED_SHEET.printable_area()
    assert PRINTABLE_MARGIN == 5 * mm
    for x1, y1, x2, y2 in PERFORATED_SHEET.crop_mark_lines():
        assert area.x - 0.01 <= min(x1, x2) and max(x1, x2) <= area.right + 0.01
        assert area.y - 0.01 <= min(y1, y2) and max(y1, y2) <= area.top + 0.01


def test_a_print_shop_file_is_in_process_colours_with_black_text_on_k_only():
    from dahe_desktop.namecards.design import CardDesign

    out = io.BytesIO()
    render_name_cards([card(1)], out, design=CardDesign(cmyk=True), context=CONTEXT)
    page = PdfReader(io.BytesIO(out.getvalue())).pages[0]
    streams = page.get_contents().get_data().decode("latin-1")
    forms = "".join(x.get_object().get_data().decode("latin-1")
                    for x in page["/Resources"].get("/XObject", {}).values())  # fmt: skip
    content = streams + forms
    assert " rg" not in content and " RG" not in content  # no RGB anywhere
    assert "0.00 0.00 0.00 1.00 k" in content  # the name and phone: black on K alone


def test_screen_colours_stay_rgb_by_default():
    out = io.BytesIO()
    render_name_cards([card(1)], out, context=CONTEXT)
    content = PdfReader(io.BytesIO(out.getvalue())).pages[0].get_contents().get_data().decode("latin-1")
    assert "0.00 0.00 0.00 rg" in content  # pure black text, not #1F1F1F


def test_a_print_is_written_beside_its_file_and_renamed_into_place(tmp_path, monkeypatch):
    from dahe_desktop.printing import document

    out = tmp_path / "cards.pdf"
    out.write_bytes(b"the previous, good file")

    def killed(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(document.os, "replace", killed)
    with pytest.raises(OSError):
        render_name_cards([card(1)], out, context=CONTEXT)
    assert out.read_bytes() == b"the previous, good file"  # untouched
    assert list(tmp_path.iterdir()) == [out]  # and no half-written file left beside it
    monkeypatch.undo()
    render_name_cards([card(1)], out, context=CONTEXT)
    assert out.read_bytes().startswith(b"%PDF")


def test_reprinting_sheets_past_the_end_says_how_many_there_are():
    from dahe_desktop.printing.cards import NothingToPrint

    with pytest.raises(NothingToPrint, match="共3张"):
        render_name_cards([card(i) for i in range(25)], io.BytesIO(), job=CardJob(sheets=(5, 6)), context=CONTEXT)
