"""Pinyin keys for search and sorting: typing `zmcr` finds 卓玛才让, `zhuoma` finds it too.

Names are read character by character (cached, so a 100,000-member import costs
milliseconds), except the surname: many common surnames read differently from the
character's everyday reading (曾 zēng, 单 shàn, 仇 qiú, 解 xiè), and compound surnames
(尉迟, 欧阳) are read as a pair.
"""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin

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


@lru_cache(maxsize=20000)
def _char_reading(char: str) -> str:
    full = lazy_pinyin(char, style=Style.NORMAL, errors="ignore")
    if not full:  # not a Han character: keep letters and digits as they are
        return char.lower() if char.isalnum() else ""
    return full[0]


def name_readings(name: str) -> list[str]:
    """The reading of each character of a name ('' for punctuation such as ·)."""
    for length in (2, 1):
        surname = name[:length]
        if len(surname) == length and surname in SURNAME_READINGS:
            head = SURNAME_READINGS[surname].split()
            return head + [_char_reading(c) for c in name[length:]]
    return [_char_reading(c) for c in name]


def pinyin_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) of a name, lower case, without tones or spaces."""
    readings = name_readings(name)
    return "".join(r[:1] for r in readings), "".join(readings)
