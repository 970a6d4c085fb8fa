"""The fallback chain: every character is drawn by the first font that has it, and a
character no font has refuses the job with the member named. Official papers get their
faces by role (小标宋 or a real bold Song, 仿宋, Song) from Windows or from the shipped
ones, embedded as TrueType, with no faux bold over a bold face."""

from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from dahe_desktop.printing import fonts, text, text_pdf

EXT_A = "䶮"  # U+4DAE, CJK Extension A (as in the name 刘䶮): only the fallback face has it
NOWHERE = "𪚥"  # U+2A6A5, Extension B: in no shipped face


def test_shipped_chain_prefers_the_sans_and_falls_back_for_extension_a():
    chain = fonts.font_chain()
    assert chain.runs(f"刘{EXT_A} 13800138000") == [
        ("Dahe-wqy-microhei", "刘"),
        ("Dahe-droid-fallback", EXT_A),
        ("Dahe-wqy-microhei", " 13800138000"),
    ]
    assert fonts.missing_characters(f"刘{EXT_A}", chain) == []


def test_missing_character_is_named_with_the_member():
    chain = fonts.font_chain()
    assert fonts.missing_characters(f"王{NOWHERE}{NOWHERE}明", chain) == [NOWHERE]
    with pytest.raises(fonts.MissingGlyphsError) as err:
        fonts.check_printable([("张三", "张三"), ("王𪚥明", f"王{NOWHERE}明")], chain)
    (line,) = err.value.lines
    assert "王𪚥明" in line and "U+2A6A5" in line


def test_extension_a_character_is_embedded_from_the_fallback_font_and_extractable():
    chain = fonts.font_chain()
    out = io.BytesIO()
    canvas = Canvas(out)
    text_pdf.draw_text(canvas, f"刘{EXT_A}", text.Box(50, 700, 200, 40), text.TextStyle(size=20), chain)
    canvas.save()
    page = PdfReader(io.BytesIO(out.getvalue())).pages[0]
    font_names = {f["/BaseFont"] for f in page["/Resources"]["/Font"].values()}
    assert any("DroidSansFallback" in name for name in font_names)
    assert f"刘{EXT_A}" in page.extract_text()


def test_windows_faces_need_truetype_outlines(tmp_path):
    droid = fonts.shipped_faces()[1].path
    shutil.copy(droid, tmp_path / "SimHei.ttf")
    # A CFF-flavoured OpenType file ("OTTO") has no glyf table: ReportLab can't embed it.
    (tmp_path / "simkai.ttf").write_bytes(b"OTTO\x00\x01" + b"\x00" * 6 + b"CFF " + b"\x00" * 12)
    found = fonts.windows_faces(tmp_path)
    assert [f.key for f in found] == ["simhei"]
    chain = fonts.font_chain("simhei", fonts_dir=tmp_path)
    assert chain.names[0] == "Dahe-simhei"
    # Latin the Windows face lacks comes from the shipped sans.
    assert chain.runs("A")[0][0] == "Dahe-wqy-microhei"


def test_no_windows_folder_offers_only_shipped_faces(tmp_path):
    faces = fonts.available_faces(tmp_path / "nope")
    assert [f.key for f in faces] == [
        "wqy-microhei", "droid-fallback", "shipped-song", "shipped-song-bold", "shipped-fangsong",
    ]  # fmt: skip
    assert all("随程序" in f.label and f.path.is_file() for f in faces)
    assert fonts.DEFAULT_FACE == "wqy-microhei"  # name cards keep the shipped sans
    # A preferred face that is not on this PC falls back to the shipped chain.
    assert fonts.font_chain("msyh", fonts_dir=tmp_path / "nope").primary == "Dahe-wqy-microhei"


def test_simsun_extb_fills_gaps_last_where_windows_has_it(tmp_path):
    droid = fonts.shipped_faces()[1].path
    shutil.copy(droid, tmp_path / "simsunb.ttf")  # stands in for SimSun-ExtB
    chain = fonts.font_chain(fonts_dir=tmp_path)
    assert chain.names == ["Dahe-wqy-microhei", "Dahe-droid-fallback", "Dahe-simsun-extb"]
    assert "simsun-extb" not in [f.key for f in fonts.available_faces(tmp_path)]


RARE = "龘"  # U+9F98: GBK, in neither GB2312 nor 通用规范汉字表: the shipped Song lacks it
PAST_GBK = "\u9fc4"  # 鿄: added to CJK Unified after GBK; of the shipped faces only the regular Song has it
ROLES = (fonts.TITLE, fonts.BODY, fonts.SONG, fonts.SANS)


def gb2312_hanzi() -> str:
    """The 6,763 hanzi of GB2312 (rows 16-87), decoded with Python's codec."""
    out = []
    for b1 in range(0xB0, 0xF8):
        for b2 in range(0xA1, 0xFF):
            try:
                out.append(bytes([b1, b2]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(out)


def names(role, fonts_dir):
    return fonts.role_chain(role, fonts_dir=fonts_dir).names


def test_without_windows_fonts_the_shipped_faces_lead_each_role(tmp_path):
    nowhere = tmp_path / "nope"
    tail = ["Dahe-wqy-microhei", "Dahe-droid-fallback"]
    assert names(fonts.TITLE, nowhere) == ["Dahe-shipped-song-bold", "Dahe-shipped-song", *tail]
    assert names(fonts.BODY, nowhere) == ["Dahe-shipped-fangsong", "Dahe-shipped-song", *tail]
    assert names(fonts.SONG, nowhere) == ["Dahe-shipped-song", *tail]
    assert names(fonts.SANS, nowhere) == tail
    # Name cards load none of the new faces.
    assert fonts.font_chain(fonts_dir=nowhere).names == tail


def test_windows_faces_of_the_role_lead_and_the_shipped_ones_follow(tmp_path):
    shipped = {f.key: f.path for f in fonts.shipped_faces()}
    # Stand-ins with Windows file names (any case): 小标宋, SimSun, FangSong.
    shutil.copy(shipped["shipped-song-bold"], tmp_path / "FZXBSJW.TTF")
    shutil.copy(shipped["shipped-song"], tmp_path / "simsun.ttc")
    shutil.copy(shipped["shipped-fangsong"], tmp_path / "SIMFANG.TTF")
    tail = ["Dahe-wqy-microhei", "Dahe-droid-fallback"]
    assert names(fonts.TITLE, tmp_path) == [
        "Dahe-fzxbs", "Dahe-shipped-song-bold", "Dahe-simsun", "Dahe-shipped-song", *tail,
    ]  # fmt: skip
    assert names(fonts.BODY, tmp_path) == [
        "Dahe-fangsong", "Dahe-shipped-fangsong", "Dahe-shipped-song", *tail,
    ]  # fmt: skip
    assert names(fonts.SONG, tmp_path) == ["Dahe-simsun", "Dahe-shipped-song", *tail]
    assert "方正小标宋" in [f.label for f in fonts.available_faces(tmp_path)]
    assert fonts.draws_bold("Dahe-fzxbs") and not fonts.draws_bold("Dahe-simsun")


@pytest.mark.parametrize("role", ROLES)
def test_every_gb2312_hanzi_is_drawn_by_the_leading_face_of_each_role(role, tmp_path):
    chain = fonts.role_chain(role, fonts_dir=tmp_path / "nope")
    hanzi = gb2312_hanzi()
    assert len(hanzi) == 6763
    not_by_first = [c for c in hanzi if chain.font_index(c) != 0]
    assert not_by_first == []


def test_body_takes_characters_fangsong_lacks_from_song_not_from_the_sans(tmp_path):
    body = fonts.role_chain(fonts.BODY, fonts_dir=tmp_path / "nope")
    assert body.runs("王喆同志") == [
        ("Dahe-shipped-fangsong", "王"),
        ("Dahe-shipped-song", "喆"),  # 通用规范汉字表, not GB2312
        ("Dahe-shipped-fangsong", "同志"),
    ]
    assert body.runs(RARE) == [("Dahe-wqy-microhei", RARE)]
    assert body.runs(PAST_GBK) == [("Dahe-shipped-song", PAST_GBK)]


@pytest.mark.parametrize("role", ROLES)
def test_every_ideograph_of_gb18030s_two_byte_set_and_extension_a_prints_in_each_role(role, tmp_path):
    """The Song is subset (see resources/fonts/README.md); the chain still draws every
    ideograph of GBK (U+4E00 to U+9FA5) and of Extension A (U+3400 to U+4DB5)."""
    chain = fonts.role_chain(role, fonts_dir=tmp_path / "nope")
    ideographs = [chr(c) for c in (*range(0x4E00, 0x9FA6), *range(0x3400, 0x4DB6))]
    assert len(ideographs) == 20902 + 6582
    assert [c for c in ideographs if chain.font_index(c) == -1] == []


def draw_page(chains_and_styles) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, initialFontName="Dahe-wqy-microhei")
    y = 700
    for line, style, chain in chains_and_styles:
        text_pdf.draw_text(canvas, line, text.Box(50, y, 500, 40), style, chain)
        y -= 60
    canvas.save()
    return out.getvalue()


def content(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")


def test_a_bold_title_in_the_bold_song_has_no_faux_bold(tmp_path):
    title = fonts.role_chain(fonts.TITLE, fonts_dir=tmp_path / "nope")
    bold = text.TextStyle(size=22, align="center", bold=True)
    stream = content(draw_page([("中共大河乡委员会关于党员承诺践诺的公示", bold, title)]))
    assert "Tj" in stream and "2 Tr" not in stream
    # Decided per run: a character the bold cut lacks comes from the next face, faux bold.
    stream = content(draw_page([(f"公示{RARE}公示", bold, title)]))
    assert stream.count("2 Tr") == 1 and stream.count("0 Tr") == 1
    assert stream.index("2 Tr") < stream.index("0 Tr")
    # Bold text in a face with no bold of its own still gets the fill+stroke bold.
    song = fonts.role_chain(fonts.SONG, fonts_dir=tmp_path / "nope")
    assert "2 Tr" in content(draw_page([("第一页", bold, song)]))


def test_each_role_embeds_only_truetype_fonts(tmp_path):
    nowhere = tmp_path / "nope"
    style = text.TextStyle(size=16)
    pdf = draw_page(
        [(f"关于{RARE}喆{PAST_GBK}{EXT_A} 2026年", style, fonts.role_chain(role, fonts_dir=nowhere))
         for role in ROLES]  # fmt: skip
    )
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    found = {}
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        found[str(font["/BaseFont"]).split("+")[-1]] = sorted(k for k in descriptor if k.startswith("/FontFile"))
    assert {"DaheSongBold-Bold", "DaheSong-Regular", "DaheFangSong-Regular"} <= set(found)
    assert all(files == ["/FontFile2"] for files in found.values()), found
