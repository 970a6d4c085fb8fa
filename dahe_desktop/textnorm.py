"""Cleaning text as it arrives from village spreadsheets and keyboards."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s\u3000\u00a0]+")
# Invisible characters that make look-alikes (a U+200B inside a branch name is a second
# branch): zero-width spaces and joiners, bidi controls, soft hyphen, BOM.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Control characters (ESC, BEL, ...) break exports and terminals: a space instead.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FORMULA_START = ("=", "+", "-", "@")
_SIGNED_NUMBER = re.compile(r"[+-]?\d[\d.\s]*")
_LATIN_SPACE = re.compile(r"[A-Za-z] [A-Za-z]")
_PHONE_JUNK = re.compile(r"[\s\-()（）]")
_DIGITS = re.compile(r"\d+")
# Prose keeps its punctuation: only spaces fold.
_PROSE_SPACES = re.compile(r"[ \t\r\n\u3000\u00a0]+")
# Full-width digits and Latin letters become ASCII; Chinese punctuation (，。；：（）)
# stays full width, as it must on an official paper (NFKC would turn ， into ,).
_FULL_WIDTH = {c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}


def clean_text(value: object) -> str:
    """NFKC (full-width digits and letters to ASCII), invisible and control characters
    removed, trimmed, inner runs of space (line breaks too) folded."""
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    # Most cells are already clean: printable text holds no invisible, control or
    # non-ASCII space characters (all of them are unprintable), so only runs of
    # spaces can remain to fold. The C-level checks spare the regexes for such cells.
    if text.isprintable() and unicodedata.is_normalized("NFKC", text):
        return text.strip() if "  " not in text else " ".join(text.split())
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return _SPACES.sub(" ", _CONTROLS.sub(" ", text)).strip()


def clean_multiline(value: object) -> str:
    """Like `clean_text`, but line breaks are kept (services, promises): one per line,
    no blank lines, no spaces at either end of a line."""
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    if unicodedata.is_normalized("NFKC", text) and text.replace("\n", "").isprintable():  # as in clean_text
        return "\n".join(filter(None, (" ".join(line.split()) for line in text.split("\n"))))
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    lines = (clean_text(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def formula_error(text: str) -> str | None:
    """Text that Excel would run as a formula (=, +, -, @ first) is refused at the door;
    a plain number such as -1 or +86 is not a formula."""
    if len(text) < 2 or not text.startswith(_FORMULA_START):
        return None
    if _SIGNED_NUMBER.fullmatch(text):
        return None
    return "不能以=、+、-、@开头（Excel会当作公式），请去掉开头的符号"


def clean_name(value: object) -> str:
    """Chinese names carry no spaces: `张　三` is 张三. A space between Latin-script
    parts (rare) is kept as one, and a middle dot is normalised to `·`."""
    text = clean_text(value)
    if _LATIN_SPACE.search(text):
        return text
    return text.replace(" ", "").replace("•", "·").replace("．", "·")


def clean_phone(value: object) -> str:
    """Phones arrive as numbers (13912345678.0), with dashes or spaces."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(value)
    if text.endswith(".0"):
        text = text[:-2]
    return _PHONE_JUNK.sub("", text)


def phone_error(phone: str) -> str | None:
    if not phone:
        return None
    if not _DIGITS.fullmatch(phone):
        return "联系电话只能包含数字"
    if len(phone) != 11 or not phone.startswith("1"):
        return f"手机号码应为以1开头的11位数字，现为{len(phone)}位"
    return None


def clean_prose(value: object) -> str:
    """Chinese prose as typed or pasted: runs of space folded to one, trimmed, full-width
    digits and letters made ASCII, punctuation left alone."""
    if value is None:
        return ""
    text = str(value).translate(_FULL_WIDTH)
    if not text.isprintable():  # ESC, BEL, zero-width spaces: they break exports and terminals
        text = _CONTROLS.sub(" ", _INVISIBLE.sub("", text))
    return _PROSE_SPACES.sub(" ", text).strip()
