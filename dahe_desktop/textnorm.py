"""Cleaning text as it arrives from village spreadsheets and keyboards."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s\u3000\u00a0]+")


def clean_text(value: object) -> str:
    """NFKC (full-width digits and letters to ASCII), trimmed, inner runs of space folded."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return _SPACES.sub(" ", text).strip()


def clean_name(value: object) -> str:
    """Chinese names carry no spaces: `张　三` is 张三. A space between Latin-script
    parts (rare) is kept as one, and a middle dot is normalised to `·`."""
    text = clean_text(value)
    if re.search(r"[A-Za-z] [A-Za-z]", text):
        return text
    return text.replace(" ", "").replace("•", "·").replace("．", "·")


def clean_phone(value: object) -> str:
    """Phones arrive as numbers (13912345678.0), with dashes or spaces."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(value)
    if text.endswith(".0"):
        text = text[:-2]
    return re.sub(r"[\s\-()（）]", "", text)


def phone_error(phone: str) -> str | None:
    if not phone:
        return None
    if not re.fullmatch(r"\d+", phone):
        return "联系电话只能包含数字"
    if len(phone) != 11 or not phone.startswith("1"):
        return f"手机号码应为以1开头的11位数字，现为{len(phone)}位"
    return None
