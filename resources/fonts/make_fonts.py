"""Rebuild the shipped Song and FangSong faces from their open-licensed sources: subset
them to the characters official papers need and convert the CFF outlines to TrueType
(ReportLab embeds only `glyf` outlines). Run by hand when a source font changes; the
program only reads the resulting .ttf files.

    python make_fonts.py NotoSerifCJK-Regular.ttc NotoSerifCJK-Bold.ttc \\
        FandolFang-Regular.otf OUT_DIR [CHARS_FILE ...]
    python make_fonts.py --fallback DroidSansFallbackFull.ttf wqy-microhei.ttc OUT_DIR

Every CJK character of each CHARS_FILE (any UTF-8 text: the 8,105 characters of
通用规范汉字表, the demo roster) is kept besides GB2312 and the punctuation ranges. The
regular Song also keeps the end of the CJK Unified Ideographs block past GBK (U+9FA6 to
U+9FFF), the one part of it the shipped WenQuanYi sans lacks: every ideograph the shipped
faces drew before is still drawn by one of them (a rare name outside this subset prints in
the sans, the next face of the chain, instead of Song).
With --fallback it cuts Droid Sans Fallback (Debian `fonts-droid-fallback`, the full file)
down to what it is in the chain for: the characters the WenQuanYi sans before it lacks
(Extension A and a few symbols), plus its Latin and punctuation; the WenQuanYi sans is
drawn from Droid's own designs, so a character of the sans is the same letterform.
Needs fontTools (a development tool here, not a runtime dependency).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

NOTO_SC_INDEX = 2  # sub-fonts of the Noto Serif CJK .ttc: JP, KR, SC, TC, HK
CJK_PAST_GBK = (0x9FA6, 0x9FFF)  # GBK ends at U+9FA5; the WenQuanYi sans has GBK's ideographs
RANGES = (
    (0x20, 0x7E), (0xA0, 0xFF),  # Latin
    (0x2000, 0x206F), (0x2100, 0x21FF),  # punctuation, ℃ №, Ⅰ Ⅱ, arrows
    (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x26FF),  # ① ⑴, box drawing, shapes
    (0x3000, 0x303F), (0x3200, 0x32FF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),  # 、。「」 ㈠ fullwidth
)  # fmt: skip
KEEP_TABLES = {"cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "CFF ", "GlyphOrder"}
KEEP_NAMES = {0, 7, 8, 9, 11, 12, 13, 14}  # copyright, trademark, vendor, licence


def gb2312() -> set[int]:
    """Every character of GB2312 (6,763 hanzi and the symbol rows)."""
    out = set()
    for b1 in range(0xA1, 0xF8):
        for b2 in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes([b1, b2]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


def wanted(extra_files: list[str]) -> set[int]:
    codes = gb2312()
    for lo, hi in RANGES:
        codes.update(range(lo, hi + 1))
    for name in extra_files:
        text = Path(name).read_text(encoding="utf-8")
        codes.update(ord(c) for c in text if 0x3400 <= ord(c) <= 0x9FFF or ord(c) >= 0x20000)
    return codes


def to_truetype(font: TTFont, max_err: float = 1.0) -> None:
    """Replace the CFF outlines by quadratic `glyf` ones (fontTools' otf2ttf recipe);
    `max_err` is in font units (1/1000 em)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        hmtx[name] = (hmtx[name][0], getattr(glyph, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):  # fmt: skip
        setattr(maxp, attr, 0)
    font["post"].formatType = 3.0  # no glyph names: CID-keyed sources have none worth keeping
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, family: str, bold: bool, ps_name: str, origin: str) -> None:
    """A family name of our own (the source's names stay the source's), one family per
    weight so the preview never synthesises a bold over the bold face."""
    style = "Bold" if bold else "Regular"
    table = font["name"]
    table.names = [r for r in table.names if r.nameID in KEEP_NAMES and r.platformID == 3]
    version = font["head"].fontRevision
    for name_id, value in (
        (1, family),
        (2, style),
        (3, f"{version:.3f};{ps_name}"),
        (4, f"{family} {style}" if bold else family),
        (5, f"Version {version:.3f}; {origin}"),
        (6, ps_name),
        (10, origin),
    ):
        table.setName(value, name_id, 3, 1, 0x409)
    os2 = font["OS/2"]
    os2.fsSelection = (os2.fsSelection & ~0b1100001) | (0b100000 if bold else 0b1000000)
    os2.usWeightClass = 700 if bold else 400
    font["head"].macStyle = 1 if bold else 0


def build(src: str, index: int, codes: set[int], out: Path, family: str, bold: bool,
          ps_name: str, origin: str) -> None:  # fmt: skip
    font = TTFont(src, fontNumber=index) if src.endswith(".ttc") else TTFont(src)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables += [t for t in font.keys() if t not in KEEP_TABLES]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    for tag in [t for t in font.keys() if t not in KEEP_TABLES]:
        del font[tag]
    to_truetype(font)
    rename(font, family, bold, ps_name, origin)
    font.save(out)
    print(f"{out.name}: {len(font.getBestCmap())} characters, {out.stat().st_size:,} bytes")


def build_fallback(droid: str, sans: str, out: Path) -> None:
    """The fallback face: the characters of `droid` that `sans` lacks, with its Latin and
    punctuation; glyphs, hinting and names untouched but for a note of the change (Apache
    2.0 asks modified files to say so)."""
    font = TTFont(droid)
    own = set(font.getBestCmap())
    codes = own - set(TTFont(sans, fontNumber=0).getBestCmap())
    for lo, hi in RANGES:
        codes |= own & set(range(lo, hi + 1))
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    note = ("Droid Sans Fallback Full, subset by Dahe Desk to the characters WenQuanYi Micro Hei "
            "lacks (Extension A and symbols), Latin and punctuation. Apache License 2.0.")  # fmt: skip
    font["name"].setName(note, 10, 3, 1, 0x409)
    font.save(out / "DroidSansFallbackFull.ttf")
    print(f"DroidSansFallbackFull.ttf: {len(font.getBestCmap())} characters, {(out / 'DroidSansFallbackFull.ttf').stat().st_size:,} bytes")


def main(argv: list[str]) -> None:
    if argv[0] == "--fallback":
        droid, sans, out_dir = argv[1:]
        build_fallback(droid, sans, Path(out_dir))
        return
    regular, bold, fang, out_dir, *extra = argv
    out = Path(out_dir)
    codes = wanted(extra)
    noto = "Subset of Noto Serif CJK SC 2.001 (SIL OFL 1.1) with TrueType outlines"
    build(regular, NOTO_SC_INDEX, codes | set(range(CJK_PAST_GBK[0], CJK_PAST_GBK[1] + 1)),
          out / "DaheSong-Regular.ttf", "Dahe Song", False, "DaheSong-Regular", noto)  # fmt: skip
    build(bold, NOTO_SC_INDEX, codes, out / "DaheSong-Bold.ttf", "Dahe Song Bold", True,
          "DaheSongBold-Bold", noto)  # fmt: skip
    build(fang, 0, codes, out / "DaheFangSong-Regular.ttf", "Dahe FangSong", False,
          "DaheFangSong-Regular",
          "Subset of FandolFang 1.300 (GPL-3 with font exception) with TrueType outlines")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
