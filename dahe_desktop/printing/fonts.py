"""Fonts for every printout: the shipped faces, Windows faces where present, and a
per-character fallback chain so that every character of a name prints or the job is
refused before a page is written.

Usage (any printout)::

    from dahe_desktop.printing import fonts
    chain = fonts.font_chain("simhei")        # preferred face key, or None for the shipped one
    fonts.check_printable([(member.name, text), ...], chain)   # raises MissingGlyphsError
    chain.runs("卓玛㐀")                       # [(reportlab_font_name, "卓玛"), ("Dahe-droid-fallback", "㐀")]
    title = fonts.role_chain(fonts.TITLE)      # official papers: TITLE, BODY, SONG, SANS

`available_faces()` lists what the settings dialog may offer. Face keys are stable
strings stored in settings ("wqy-microhei", "simhei", ...). ReportLab embeds only
TrueType outlines, so Windows files are checked for a `glyf` table before being offered
(the shipped Song and FangSong were converted to TrueType for that reason).
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from dahe_desktop.errors import UserError
from dahe_desktop.paths import resources_dir

# Characters that need no glyph of their own: they are drawn with the first font.
_NO_GLYPH_NEEDED = frozenset(" \t\n\r\u00a0\u200b")


@dataclass(frozen=True)
class FontFace:
    """One font file (and sub-font of a .ttc) the printouts may use."""

    key: str
    label: str
    path: Path
    subfont_index: int = 0
    shipped: bool = False
    bold: bool = False  # heavy by design (a bold cut, 小标宋): never given a faux bold

    @property
    def pdf_name(self) -> str:
        """The name it is registered under with ReportLab."""
        return f"Dahe-{self.key}"


SHIPPED_FACES = (
    FontFace("wqy-microhei", "文泉驿微米黑（随程序）", Path("wqy-microhei.ttc"), 0, True),
    FontFace(
        "droid-fallback",
        "Droid Sans Fallback（随程序，补字）",
        Path("DroidSansFallbackFull.ttf"),
        0,
        True,
    ),
    # Official papers without Windows fonts (see resources/fonts/README.md): Song, its bold
    # cut and FangSong, each with GB2312 + 通用规范汉字表 (the sans below prints the rest).
    FontFace("shipped-song", "宋体（随程序）", Path("DaheSong-Regular.ttf"), 0, True),
    FontFace("shipped-song-bold", "粗宋体（随程序，标题用）", Path("DaheSong-Bold.ttf"), 0, True, True),
    FontFace("shipped-fangsong", "仿宋（随程序）", Path("DaheFangSong-Regular.ttf"), 0, True),
)
DEFAULT_FACE = SHIPPED_FACES[0].key
# Last in every chain, so every character still prints: the shipped sans (Latin, digits,
# 20,932 CJK) and the Extension A fallback.
FALLBACK_FACES = ("wqy-microhei", "droid-fallback")

# Windows faces the clerk knows by name: (key, label, file, sub-font index, bold).
WINDOWS_FACES = (
    ("simhei", "黑体", "simhei.ttf", 0, False),
    ("simsun", "宋体", "simsun.ttc", 0, False),
    ("fangsong", "仿宋", "simfang.ttf", 0, False),
    ("kaiti", "楷体", "simkai.ttf", 0, False),
    ("msyh", "微软雅黑", "msyh.ttc", 0, False),
    ("fzxbs", "方正小标宋", "fzxbsjw.ttf", 0, True),
)
# Windows faces used only to fill gaps, last in every chain: SimSun-ExtB has the rare
# Extension B characters some names use.
WINDOWS_FALLBACKS = (("simsun-extb", "宋体-ExtB（补字）", "simsunb.ttf", 0, False),)
# ReportLab names of the faces that are heavy by design (text.py draws no faux bold in them).
_BOLD_NAMES = frozenset(
    [f.pdf_name for f in SHIPPED_FACES if f.bold]
    + [f"Dahe-{key}" for key, *_, bold in WINDOWS_FACES + WINDOWS_FALLBACKS if bold]
)


class MissingGlyphsError(UserError):
    """Some text has characters no font of the chain can draw; nothing was printed.

    `problems` holds (who, characters) pairs; `lines` has one Chinese line each."""

    def __init__(self, problems: list[tuple[str, list[str]]]):
        self.problems = problems
        out = []
        for who, chars in problems:
            shown = "、".join(f"“{c}”(U+{ord(c):04X})" for c in chars)
            out.append(f"{who}：字库中没有字符 {shown}，无法打印；请安装含该字的字体或更正此字")
        super().__init__(out)


def shipped_faces() -> list[FontFace]:
    base = resources_dir() / "fonts"
    return [replace(f, path=base / f.path, shipped=True) for f in SHIPPED_FACES]


def windows_fonts_dir() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def windows_faces(fonts_dir: str | Path | None = None, fallbacks: bool = False) -> list[FontFace]:
    """The Windows faces present in `fonts_dir` (default %WINDIR%\\Fonts) with TrueType
    outlines: the design faces, or with `fallbacks` the gap-filling ones."""
    folder = Path(fonts_dir) if fonts_dir is not None else windows_fonts_dir()
    if not folder.is_dir():
        return []
    by_lower = {p.name.lower(): p for p in folder.iterdir()}
    found = []
    for key, label, filename, index, bold in WINDOWS_FALLBACKS if fallbacks else WINDOWS_FACES:
        path = by_lower.get(filename)
        if path is not None and has_truetype_outlines(path, index):
            found.append(FontFace(key, label, path, index, bold=bold))
    return found


def available_faces(fonts_dir: str | Path | None = None) -> list[FontFace]:
    """Faces to offer in settings: Windows faces found first, then the shipped ones."""
    return windows_faces(fonts_dir) + shipped_faces()


def has_truetype_outlines(path: str | Path, subfont_index: int = 0) -> bool:
    """True when the (sub-)font has a `glyf` table; CFF-flavoured OpenType can't be embedded."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            offset = 0
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if subfont_index >= count:
                    return False
                f.seek(12 + 4 * subfont_index)
                offset = struct.unpack(">I", f.read(4))[0]
                f.seek(offset)
                head = f.read(12)
            if head[:4] not in (b"\x00\x01\x00\x00", b"true"):
                return False
            num_tables = struct.unpack(">H", head[4:6])[0]
            directory = f.read(16 * num_tables)
    except (OSError, struct.error):
        return False
    tags = {directory[i : i + 4] for i in range(0, len(directory), 16)}
    return b"glyf" in tags and b"cmap" in tags


@cache
def _registered(face: FontFace) -> TTFont:
    font = TTFont(face.pdf_name, str(face.path), subfontIndex=face.subfont_index)
    pdfmetrics.registerFont(font)
    return font


def draws_bold(font_name: str) -> bool:
    """True when the face registered as `font_name` is heavy by design, so bold text in
    it is drawn as it is (a faux bold over it would smear)."""
    return font_name in _BOLD_NAMES


def register(face: FontFace) -> str:
    """Register a face with ReportLab once; returns its font name for `setFont`."""
    _registered(face)
    return face.pdf_name


@dataclass(eq=False)
class FontChain:
    """Fonts in order of preference: each character is drawn by the first that has it.

    Look-ups are cached per character (a 10,000-card run asks about the same few
    thousand characters again and again)."""

    faces: tuple[FontFace, ...]
    _cmaps: list[dict] = field(default_factory=list, repr=False)
    _widths: list[dict] = field(default_factory=list, repr=False)
    _defaults: list[float] = field(default_factory=list, repr=False)
    _choice: dict[str, int] = field(default_factory=dict, repr=False)
    _width_cache: dict[str, float] = field(default_factory=dict, repr=False)
    _text_widths: dict[str, float] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for face in self.faces:
            font = _registered(face)
            self._cmaps.append(font.face.charToGlyph)
            self._widths.append(font.face.charWidths)
            self._defaults.append(font.face.defaultWidth)
        self.names = [f.pdf_name for f in self.faces]
        self.primary = self.names[0]
        primary = _registered(self.faces[0]).face
        # Vertical metrics of the primary face, per point of size.
        self.ascent = primary.ascent / 1000.0
        self.descent = -primary.descent / 1000.0

    def font_index(self, char: str) -> int:
        """Index of the face that draws `char`, or -1 if none has it."""
        index = self._choice.get(char)
        if index is None:
            index = -1
            if char in _NO_GLYPH_NEEDED:
                index = 0
            else:
                code = ord(char)
                for i, cmap in enumerate(self._cmaps):
                    if code in cmap:
                        index = i
                        break
            self._choice[char] = index
        return index

    def missing(self, text: str) -> list[str]:
        """Characters of `text` no face has, each once, in order of appearance."""
        out: list[str] = []
        for ch in text:
            if self.font_index(ch) < 0 and ch not in out:
                out.append(ch)
        return out

    def char_width(self, char: str) -> float:
        """Advance width at 1 pt (missing characters measure as one em)."""
        width = self._width_cache.get(char)
        if width is None:
            i = self.font_index(char)
            width = 1.0 if i < 0 else self._widths[i].get(ord(char), self._defaults[i]) / 1000.0
            self._width_cache[char] = width
        return width

    def text_width(self, text: str) -> float:
        """Advance width of `text` at 1 pt (remembered for the strings a run measures
        again and again: labels, dates, names, the units of wrapped lines)."""
        total = self._text_widths.get(text)
        if total is not None:
            return total
        get = self._width_cache.get
        total = 0.0
        for ch in text:
            w = get(ch)
            total += w if w is not None else self.char_width(ch)
        if len(self._text_widths) < 16384:
            self._text_widths[text] = total
        return total

    def runs(self, text: str) -> list[tuple[str, str]]:
        """Split `text` into (font name, substring) runs, each drawn by one face."""
        out: list[tuple[str, str]] = []
        start, current = 0, None
        for pos, ch in enumerate(text):
            i = max(self.font_index(ch), 0)
            if i != current:
                if current is not None:
                    out.append((self.names[current], text[start:pos]))
                start, current = pos, i
        if current is not None:
            out.append((self.names[current], text[start:]))
        return out


@lru_cache(maxsize=16)
def _chain(keys: tuple[str, ...], fonts_dir: str | None) -> FontChain:
    faces = {f.key: f for f in available_faces(fonts_dir)}
    fallbacks = windows_faces(fonts_dir, fallbacks=True)
    return FontChain(tuple(faces[k] for k in keys if k in faces) + tuple(fallbacks))


def font_chain(primary: str | None = None, fonts_dir: str | Path | None = None) -> FontChain:
    """The chain for a preferred face key: that face (if present on this PC), then the
    shipped sans (Latin, digits, CJK), the Extension A fallback, and SimSun-ExtB where
    Windows has it."""
    keys = [primary] if primary else []
    keys += [k for k in FALLBACK_FACES if k not in keys]
    return _chain(tuple(keys), None if fonts_dir is None else str(fonts_dir))


# Faces by role in official papers (GB/T 9704), in order of preference: each character
# is drawn by the first face present on this PC that has it, then by the fallbacks.
# Titles: 小标宋 or a real bold Song; body: 仿宋 (rare characters from Song); page
# numbers and tables: Song. The shipped faces lead where Windows has none of the role.
TITLE, BODY, SONG, SANS = "title", "body", "song", "sans"
ROLE_FACES: dict[str, tuple[str, ...]] = {
    TITLE: ("fzxbs", "shipped-song-bold", "simsun", "shipped-song"),
    BODY: ("fangsong", "shipped-fangsong", "shipped-song"),
    SONG: ("simsun", "shipped-song"),
    SANS: ("simhei", "msyh", "wqy-microhei"),
}


def role_chain(role: str, fonts_dir: str | Path | None = None) -> FontChain:
    """The chain for a role of official papers (`TITLE`, `BODY`, `SONG`, `SANS`)."""
    faces = {f.key for f in available_faces(fonts_dir)}
    keys = [k for k in ROLE_FACES[role] if k in faces]
    keys += [k for k in FALLBACK_FACES if k not in keys]
    return _chain(tuple(keys), None if fonts_dir is None else str(fonts_dir))


def missing_characters(text: str, chain: FontChain) -> list[str]:
    """Characters of `text` that no font of `chain` can draw."""
    return chain.missing(text)


def check_printable(items: Iterable[tuple[str, str]], chain: FontChain) -> None:
    """Refuse the whole job if any (who, text) pair has a character no font has."""
    items = list(items)
    if not chain.missing("".join(set("".join(text for _, text in items)))):
        return  # every character used is printable: nobody to name (10,000 cards: one pass)
    problems: dict[str, list[str]] = {}
    for who, text in items:
        for ch in chain.missing(text):
            chars = problems.setdefault(who, [])
            if ch not in chars:
                chars.append(ch)
    if problems:
        raise MissingGlyphsError(list(problems.items()))
