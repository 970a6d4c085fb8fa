"""Header names and cell words as villages write them, mapped to the roster's fields.

One table per kind of variant, so adding a new spelling is a one-line change.
"""

from __future__ import annotations

import re

from dahe_desktop import labels
from dahe_desktop.textnorm import clean_text

# field -> header spellings seen in village rosters (spaces are removed before matching).
# The exporter writes labels.FIELD_LABELS, which is always accepted too.
HEADER_VARIANTS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "党员姓名", "名字"),
    "sex": ("性别",),
    "ethnicity": ("民族",),
    "birth_date": ("出生年月", "出生日期", "出生年月日", "出生时间"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "身份证"),
    "education": ("文化程度", "学历", "文化", "最高学历", "全日制学历"),
    "joined_party": ("入党时间", "入党日期", "入党年月", "加入党组织日期", "入党年月日"),
    "membership": ("党员类型", "正式或预备", "党员类别", "党籍状态", "正式/预备", "是否预备党员"),
    "branch": ("所在支部", "所在党支部", "党支部", "支部", "支部名称", "所在党组织", "党组织"),
    "phone": ("联系电话", "手机号码", "电话", "手机", "手机号", "联系方式", "电话号码"),
    "position": ("职务", "现任职务", "党内职务", "职务职称"),
    "category": ("人员类别", "党员分类", "考核类别", "分类"),
    "specialties": ("个人特长", "特长", "专长"),
    "services": ("服务事项", "服务内容", "可提供服务"),
    "service_promise": ("服务承诺", "承诺"),
    "status": ("状态", "党员状态"),
    "status_date": ("状态变更日期", "变更日期"),
}

# Words in a cell -> the roster's word. Keys are compared after clean_text.
EDUCATION_ALIASES: dict[str, str] = {
    "大学本科": "本科", "本科": "本科", "学士": "本科", "大学": "本科",
    "大学专科": "大专", "专科": "大专", "大专": "大专", "高职": "大专",
    "中专": "中专/职高/技校", "职高": "中专/职高/技校", "技校": "中专/职高/技校",
    "中技": "中专/职高/技校", "中等专科": "中专/职高/技校", "职业高中": "中专/职高/技校",
    "中专/职高/技校": "中专/职高/技校",
    "高中": "高中", "普通高中": "高中", "高中毕业": "高中",
    "初中": "初中", "初中及以下": "初中", "初中毕业": "初中",
    "小学": "小学及以下", "小学及以下": "小学及以下", "文盲": "小学及以下",
    "半文盲": "小学及以下", "无": "小学及以下", "扫盲": "小学及以下",
    "研究生": "研究生", "硕士": "研究生", "硕士研究生": "研究生", "博士": "研究生",
    "博士研究生": "研究生", "在职研究生": "研究生",
}  # fmt: skip

SEX_ALIASES = {"男": "男", "男性": "男", "女": "女", "女性": "女"}

MEMBERSHIP_ALIASES = {
    "正式": "正式党员", "正式党员": "正式党员", "否": "正式党员",
    "预备": "预备党员", "预备党员": "预备党员", "是": "预备党员",
}  # fmt: skip

CATEGORY_ALIASES = {
    **{c: c for c in labels.CATEGORIES},
    "干部党员": "党员干部", "村干部": "党员干部", "普通党员": "一般党员",
    "流动党员": "外出党员", "外出务工党员": "外出党员", "老弱病残党员": "老病残党员",
    "老病残": "老病残党员", "年老体弱党员": "老病残党员",
}  # fmt: skip

STATUS_ALIASES = {
    **{s: s for s in labels.STATUSES},
    "正常": labels.STATUS_ACTIVE,
    "已转出": "转出",
    "死亡": "去世",
    "已故": "去世",
}

# A header row must name at least this many known columns, one of them 姓名.
MIN_HEADER_MATCHES = 3
HEADER_SEARCH_ROWS = 30

_BRACKETS = re.compile(r"[（(\[【].*?[)）\]】]")


def header_key(cell: object) -> str:
    """A header cell as compared: no spaces, no trailing colon or required-mark."""
    text = clean_text(cell).replace(" ", "")
    return text.strip("*：:")


_LOOKUP: dict[str, str] = {}
for _field, _names in HEADER_VARIANTS.items():
    for _name in (*_names, labels.FIELD_LABELS[_field]):
        _LOOKUP[header_key(_name)] = _field


def field_for_header(cell: object) -> str | None:
    """The roster field a header cell names, or None (序号, 备注, unknown columns)."""
    key = header_key(cell)
    if not key:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    # 出生年月（年.月）, 联系电话(手机) ...: try again without the bracketed hint.
    return _LOOKUP.get(_BRACKETS.sub("", key))


def map_header(cells: list[object], mapping: dict[str, str] | None = None) -> dict[str, int]:
    """field -> column index for a candidate header row; the first column of a field wins.
    `mapping` (header as written -> field, '' to ignore) overrides the known spellings."""
    columns: dict[str, int] = {}
    mapping = {header_key(k): v for k, v in (mapping or {}).items()}
    for index, cell in enumerate(cells):
        key = header_key(cell)
        field = mapping[key] or None if key in mapping else field_for_header(cell)
        if field is not None and field not in columns:
            columns[field] = index
    return columns


def looks_like_header(columns: dict[str, int]) -> bool:
    return "name" in columns and len(columns) >= MIN_HEADER_MATCHES


def normalize_word(value: str, aliases: dict[str, str]) -> str:
    """The roster's word for a cell, or the cell as it is (validation then names it)."""
    key = value.replace(" ", "")
    return aliases.get(key, value)


def guess_branch_kind(name: str) -> str:
    """A new branch's kind from its name: 村 and not 机关 is a village/pastoral branch."""
    if "机关" in name:
        return "机关"
    if "村" in name:
        return labels.BRANCH_RURAL
    return "其他"
