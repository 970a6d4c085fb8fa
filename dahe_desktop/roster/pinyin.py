"""Pinyin keys for search and sorting: typing `zmcr` finds 卓玛才让, `zhuoma` finds it too.

Names are read character by character (cached, so a 100,000-member import costs
milliseconds), except the surname: many common surnames read differently from the
character's everyday reading (曾 zēng, 单 shàn, 仇 qiú, 解 xiè), and compound surnames
(尉迟, 欧阳) are read as a pair. A character with several readings (长 cháng/zhǎng,
乐 lè/yuè) is read as the name is said for sorting (pypinyin's phrase data), and in
every reading for search.
"""

from __future__ import annotations

from functools import cache, lru_cache
from itertools import islice, product

# Surnames whose reading differs from pypinyin's per-character default, and compound
# surnames. Values are the pinyin of each character, space-separated.
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "仇": "qiu", "解": "xie", "朴": "piao", "区": "ou",
    "查": "zha", "盖": "ge", "乐": "yue", "覃": "qin", "翟": "zhai", "缪": "miao",
    "繁": "po", "员": "yun", "召": "shao", "种": "chong", "秘": "bi", "过": "guo",
    "宿": "su", "柏": "bai", "隗": "wei", "折": "she", "莘": "shen", "冼": "xian",
    "祭": "zhai", "能": "nai", "朝": "chao", "长": "chang", "重": "chong", "贾": "jia",
    "尉迟": "yu chi", "万俟": "mo qi", "长孙": "zhang sun", "单于": "chan yu",
    "欧阳": "ou yang", "司马": "si ma", "诸葛": "zhu ge", "上官": "shang guan",
    "东方": "dong fang", "皇甫": "huang fu", "令狐": "ling hu", "澹台": "tan tai",
}  # fmt: skip


@cache
def _pypinyin():
    """pypinyin, imported on first use rather than at start-up: its tables (the phrase
    data included) take a tenth of a second or more to load."""
    import pypinyin

    return pypinyin


_MAX_SPELLINGS = 16  # a name with many polyphonic characters keeps its first spellings (search strings stay short)


def _non_han(chars: str) -> list[str]:
    """Letters and digits as they are (lower case); punctuation such as · reads as ''."""
    return [c.lower() if c.isalnum() else "" for c in chars]


@lru_cache(maxsize=20000)
def _char_readings(char: str) -> tuple[str, ...]:
    """Every reading of one character, its everyday reading first."""
    p = _pypinyin()
    first = p.lazy_pinyin(char, style=p.Style.NORMAL, errors=_non_han)
    if not first or not first[0] or not ("\u3400" <= char <= "\u9fff"):
        return tuple(first[:1]) or ("",)
    every = p.pinyin(char, style=p.Style.NORMAL, heteronym=True, errors=_non_han)[0]
    return tuple(dict.fromkeys([first[0], *every]))


@lru_cache(maxsize=50000)
def _phrase_readings(name: str) -> tuple[str, ...]:
    """A name read as words (pypinyin's phrase data: 长青 chang qing, 长乐 chang le),
    one reading per character; only asked for names with a polyphonic character."""
    p = _pypinyin()
    readings = p.lazy_pinyin(name, style=p.Style.NORMAL, errors=_non_han)
    if len(readings) != len(name):  # an unexpected split: fall back to characters
        return tuple(_char_readings(c)[0] for c in name)
    return tuple(readings)


def _surname(name: str) -> tuple[int, list[str]]:
    for length in (2, 1):
        surname = name[:length]
        if len(surname) == length and surname in SURNAME_READINGS:
            return length, SURNAME_READINGS[surname].split()
    return 0, []


def name_readings(name: str) -> list[str]:
    """The reading of each character as a name is said ('' for punctuation such as ·):
    the surname from the surname table, the rest as words where a character has more
    than one reading. This is the order names sort in."""
    return list(_said(name))


@lru_cache(maxsize=50000)
def _said(name: str) -> tuple[str, ...]:
    """`name_readings`, once per name: a saved member's sort keys and search spellings
    both start from it."""
    per_char = [_char_readings(c) for c in name]
    if any(len(r) > 1 for r in per_char):
        readings = list(_phrase_readings(name))
    else:
        readings = [r[0] for r in per_char]
    length, head = _surname(name)
    readings[:length] = head
    return tuple(readings)


def pinyin_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) of a name as it is said, lower case, without tones or
    spaces: the keys names sort by."""
    readings = name_readings(name)
    return "".join(r[:1] for r in readings), "".join(readings)


def search_spellings(name: str) -> tuple[list[str], list[str]]:
    """Every way a clerk may spell a name (initials, full pinyin): each polyphonic
    character in each of its readings, so both jcq and jzq find 江长青. The reading as
    said comes first."""
    said = name_readings(name)
    choices = [list(dict.fromkeys([s, *_char_readings(c)])) for s, c in zip(said, name, strict=True)]
    initials: dict[str, None] = {}
    fulls: dict[str, None] = {}
    for spelling in islice(product(*choices), _MAX_SPELLINGS):
        initials["".join(r[:1] for r in spelling)] = None
        fulls["".join(spelling)] = None
    return list(initials), list(fulls)
