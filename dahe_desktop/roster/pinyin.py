"""Pinyin keys for search: typing `zmcr` finds 卓玛才让, `zhuoma` finds it too."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=20000)
def _char_keys(char: str) -> tuple[str, str]:
    full = lazy_pinyin(char, style=Style.NORMAL, errors="ignore")
    if not full:  # not a Han character: keep letters and digits as they are
        key = char.lower() if char.isalnum() else ""
        return key, key
    return full[0][0], full[0]


def pinyin_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) of a name, lower case, without tones or spaces.
    Cached per character, so a 100,000-member import costs milliseconds, not seconds."""
    initials, full = [], []
    for char in name:
        i, f = _char_keys(char)
        initials.append(i)
        full.append(f)
    return "".join(initials), "".join(full)
