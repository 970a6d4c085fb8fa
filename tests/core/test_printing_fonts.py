"""The fallback chain: every character is drawn by the first font that has it, and a
character no font has refuses the job with the member named."""

from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from dahe_desktop.printing import fonts, text

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
    text.draw_text(canvas, f"刘{EXT_A}", text.Box(50, 700, 200, 40), text.TextStyle(size=20), chain)
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
    keys = [f.key for f in fonts.available_faces(tmp_path / "nope")]
    assert keys == ["wqy-microhei", "droid-fallback"]
    # A preferred face that is not on this PC falls back to the shipped chain.
    assert fonts.font_chain("msyh", fonts_dir=tmp_path / "nope").primary == "Dahe-wqy-microhei"


def test_simsun_extb_fills_gaps_last_where_windows_has_it(tmp_path):
    droid = fonts.shipped_faces()[1].path
    shutil.copy(droid, tmp_path / "simsunb.ttf")  # stands in for SimSun-ExtB
    chain = fonts.font_chain(fonts_dir=tmp_path)
    assert chain.names == ["Dahe-wqy-microhei", "Dahe-droid-fallback", "Dahe-simsun-extb"]
    assert "simsun-extb" not in [f.key for f in fonts.available_faces(tmp_path)]
