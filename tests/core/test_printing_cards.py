"""Name cards: what they show, that text stays inside the card, fallback fonts, the
refusal before any page, and the QR code a phone reads."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from dahe_desktop.namecards.design import CardDesign
from dahe_desktop.namecards.layout import (
    CARD_H,
    CARD_W,
    CardContext,
    CardPainter,
    NameCard,
    render_name_cards,
)  # fmt: skip
from dahe_desktop.printing import fonts
from dahe_desktop.printing.cards import CardJob
from dahe_desktop.printing.cards import NothingToPrint as NothingToPrintError
from dahe_desktop.printing.qr import mecard
from dahe_desktop.printing.text import Box

CONTEXT = CardContext("大河乡", "0974-8591234")
LONG_SERVICES = "\n".join(
    [
        "政策宣传",
        "矛盾纠纷调解",
        "农牧业技术指导",
        "代办证照",
        "就业信息服务",
        "环境卫生监督",
        "低保医疗救助代办",
        "法律咨询",
        "惠农资金查询",
        "邻里互助",
    ]  # fmt: skip
)
LONG_PROMISE = "有困难请找我，随叫随到，热情服务，办结回复。手机二十四小时畅通，能办的马上办。" * 3


def card(i: int, name: str = "", **kw) -> NameCard:
    values = dict(member_id=i, name=name or f"党员{i}", branch="红星村党支部", position="村委委员",
                  phone=f"139{i:08d}", services="政策宣传\n代办证照", promise="一次告知、全程代办。")  # fmt: skip
    values.update(kw)
    return NameCard(**values)


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def painted(c: NameCard, design: CardDesign | None = None):
    painter = CardPainter(design or CardDesign(), CONTEXT, fonts.font_chain(), keep_layouts=True)
    canvas = Canvas(io.BytesIO())
    painter.front(canvas, c)
    painter.back(canvas, c)
    return painter


@pytest.mark.parametrize(
    "c",
    [
        card(
            1,
            "阿卜杜热合曼·买买提依明",
            position="村党支部书记、村委会主任",
            services=LONG_SERVICES,
            promise=LONG_PROMISE,
        ),  # fmt: skip
        card(2, "王芳"),
        card(3, "卓玛才让", position="", phone="", services="", promise=""),
    ],
)
def test_every_text_stays_inside_its_box_and_the_card(c):
    painter = painted(c)
    card_box = Box(0, 0, CARD_W, CARD_H)
    for layout in painter.layouts:
        for ink in layout.ink_boxes():
            for area in (layout.box, card_box):
                assert ink.x >= area.x - 1e-6 and ink.right <= area.right + 1e-6
                assert ink.y >= area.y - 1e-6 and ink.top <= area.top + 1e-6
    texts = [layout.text for layout in painter.layouts]
    assert c.name in texts  # the name is on one line, whole


def test_a_twelve_character_name_shrinks_and_a_long_service_list_wraps_whole_items():
    c = card(1, "阿卜杜热合曼·买买提依明", services=LONG_SERVICES)
    painter = painted(c)
    name = next(lay for lay in painter.layouts if lay.text == c.name)
    assert 12 <= name.size < 24 and not name.clipped
    services = next(lay for lay in painter.layouts if "政策宣传" in lay.text)
    assert len(services.lines) > 1 and not services.clipped
    assert all(line.text.endswith("、") for line in services.lines[:-1])


def test_pdf_text_holds_every_name_and_phone_and_the_slogan():
    cards = [card(i) for i in range(1, 24)]
    out = io.BytesIO()
    result = render_name_cards(cards, out, job=CardJob(duplex=True), context=CONTEXT)
    assert (result.documents, result.pages) == (23, 6)
    pages = pdf_text(out.getvalue())
    text = "".join(pages).replace(" ", "")
    for c in cards:
        assert c.name in text and c.phone in text
    assert "我是共产党员，有困难请找我" in pages[1].replace(" ", "")
    assert "监督电话：0974-8591234" in pages[1].replace(" ", "")
    assert result.printed_ids == [c.member_id for c in cards]


def test_one_card_per_page_and_front_only():
    out = io.BytesIO()
    result = render_name_cards([card(1), card(2)], out, job=CardJob(per_page=1, front_only=True))
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert result.pages == 2 and len(reader.pages) == 2
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (90, 54)


def test_extension_a_name_prints_from_the_fallback_font():
    out = io.BytesIO()
    render_name_cards([card(1, "刘䶮")], out, job=CardJob(front_only=True))
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert "刘䶮" in reader.pages[0].extract_text()
    fonts_used = {f["/BaseFont"] for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("DroidSansFallback" in name for name in fonts_used)


def test_a_character_no_font_has_refuses_the_job_before_any_page(tmp_path):
    out = tmp_path / "cards.pdf"
    cards = [card(1), card(2, "王𪚥明"), card(3, services="𠀀事代办")]
    with pytest.raises(fonts.MissingGlyphsError) as err:
        render_name_cards(cards, out)
    lines = err.value.lines
    assert len(lines) == 2
    assert "王𪚥明" in lines[0] and "𪚥" in lines[0]
    assert "党员3" in lines[1] and "𠀀" in lines[1]
    assert not out.exists()


def test_nothing_to_print_and_cancel_write_nothing(tmp_path):
    out = tmp_path / "cards.pdf"
    with pytest.raises(NothingToPrintError):
        render_name_cards([], out)
    seen = []
    from dahe_desktop.errors import CancelledError

    with pytest.raises(CancelledError):
        render_name_cards([card(i) for i in range(30)], out, progress=lambda d, t: seen.append((d, t)),
                          cancelled=lambda: len(seen) >= 2)  # fmt: skip
    assert seen == [(10, 60), (20, 60)] and not out.exists()


def test_the_clerks_logo_is_printed_on_every_front(tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGBA", (64, 64), (200, 20, 30, 255)).save(logo)
    out = io.BytesIO()
    result = render_name_cards([card(1), card(2)], out, job=CardJob(front_only=True),
                               design=CardDesign(logo_path=str(logo)))  # fmt: skip
    assert result.warnings == []
    page = PdfReader(io.BytesIO(out.getvalue())).pages[0]
    assert len(page.images) >= 1  # inside the front's form, drawn for both cards


def test_missing_logo_is_a_warning_not_a_failure(tmp_path):
    result = render_name_cards(
        [card(1)], io.BytesIO(), design=CardDesign(logo_path=str(tmp_path / "no.png"))
    )
    assert any("标志" in w for w in result.warnings)


def test_qr_code_on_the_back_decodes_to_the_members_name_and_phone(qapp, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage

    QPdfDocument = pytest.importorskip("PySide6.QtPdf").QPdfDocument

    c = card(7, "卓玛才让", phone="13912345678")
    path = tmp_path / "one.pdf"
    render_name_cards([c], path, job=CardJob(per_page=1, duplex=True), context=CONTEXT)
    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    image = doc.render(1, QSize(900, 540)).convertToFormat(QImage.Format.Format_Grayscale8)
    pil = Image.frombuffer("L", (image.width(), image.height()), bytes(image.constBits()),
                           "raw", "L", image.bytesPerLine(), 1)  # fmt: skip
    found = zxingcpp.read_barcodes(pil)
    assert [b.text for b in found] == [mecard("卓玛才让", "13912345678")]


def test_design_is_one_stored_option_and_survives_odd_values(db):
    from dahe_desktop import settings
    from dahe_desktop.namecards.design import CARD_DESIGN, load_design, save_design

    assert CARD_DESIGN.key == "card.design" and settings.OPTIONS["card.design"] is CARD_DESIGN
    assert load_design() == CardDesign()
    save_design(CardDesign(heading="中共大河乡委员会", show_qr=False))
    assert load_design().heading == "中共大河乡委员会" and not load_design().show_qr
    # A value written by another version: unknown keys ignored, bad colours reset.
    settings.put(
        CARD_DESIGN, {"primary_color": "red", "future_option": 1, "slogan": "有困难请找我"}
    )
    design = load_design()
    assert design.primary_color == CardDesign().primary_color and design.slogan == "有困难请找我"


def test_a_logo_that_is_no_picture_is_a_warning_and_the_cards_print(tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_text("not a picture", encoding="utf-8")
    out = tmp_path / "cards.pdf"
    result = render_name_cards([card(1)], out, design=CardDesign(logo_path=str(logo)))
    assert result.pages == 2 and len(PdfReader(out).pages) == 2
    assert f"名片标志图片无法读取，已不印标志：{logo}" in result.warnings
