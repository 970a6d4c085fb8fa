"""The 100-point rubrics (seed §3.6), one per category of member: items with maxima, in
groups, summing to exactly 100 points. An item is either scored 0..max by each rater, or
fixed by clauses (−2 per missed meeting, +3 per commendation) from a base, bounded by 0
and the maximum; clause items are the same for every rater and entered once per member.

Defaults ship in `resources/rubrics/`; the township's edited copies live in the store.
A run copies the rubrics when it is made, so later edits never change past results.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

from dahe_desktop.appraisal.labels import CATEGORIES
from dahe_desktop.appraisal.points import FULL_MARKS, format_points, to_tenths
from dahe_desktop.errors import UserError
from dahe_desktop.paths import resources_dir
from dahe_desktop.textnorm import clean_text
from db.changes import APPRAISAL_RUBRICS
from db.connection import writing
from db.models import AppraisalRubric, now

DEFAULT_FILES = {
    "党员干部": "cadre.json",
    "一般党员": "ordinary.json",
    "外出党员": "away.json",
    "老病残党员": "elderly.json",
}
MAX_ITEMS = 20
MAX_CLAUSE_COUNT = 99


class RubricError(UserError):
    """A rubric that breaks the rules; one line per problem, naming the item."""


@dataclass(frozen=True)
class Clause:
    label: str  # 缺席“三会一课”
    points: int  # tenths per occurrence: -20 is −2 points each time
    unit: str = "次"

    @property
    def text(self) -> str:
        sign = "+" if self.points > 0 else "−"
        return f"{self.label}每{self.unit}{sign}{format_points(abs(self.points))}分"


@dataclass(frozen=True)
class RubricItem:
    key: str
    group: str
    name: str
    max: int  # tenths
    base: int = 0  # tenths: where a clause item starts
    clauses: tuple[Clause, ...] = ()

    @property
    def by_clauses(self) -> bool:
        return bool(self.clauses)

    def clause_points(self, counts: list[int] | tuple[int, ...]) -> int:
        """The item's points for these counts (one per clause), bounded by 0 and the max."""
        total = self.base + sum(c.points * n for c, n in zip(self.clauses, counts, strict=False))
        return max(0, min(self.max, total))

    @property
    def heading(self) -> str:
        return f"{self.name}（{format_points(self.max)}分）"


@dataclass(frozen=True)
class Rubric:
    category: str
    title: str
    items: tuple[RubricItem, ...]

    @cached_property
    def rated_items(self) -> tuple[RubricItem, ...]:
        """The items raters score on the sheets, in sheet order."""
        return tuple(i for i in self.items if not i.by_clauses)

    @cached_property
    def clause_items(self) -> tuple[RubricItem, ...]:
        return tuple(i for i in self.items if i.by_clauses)

    @property
    def groups(self) -> list[tuple[str, list[RubricItem]]]:
        out: dict[str, list[RubricItem]] = {}
        for item in self.items:
            out.setdefault(item.group, []).append(item)
        return list(out.items())

    @property
    def total(self) -> int:
        return sum(i.max for i in self.items)

    def item(self, key: str) -> RubricItem:
        return next(i for i in self.items if i.key == key)


@dataclass
class _Reader:
    where: str
    problems: list[str] = field(default_factory=list)

    def points(self, value: object, what: str, *, signed: bool = False) -> int | None:
        try:
            tenths = to_tenths(value)
        except ValueError:
            self.problems.append(f"{self.where}{what}应为数字，最多一位小数（现为“{value}”）")
            return None
        if not signed and tenths < 0:
            self.problems.append(f"{self.where}{what}不能为负数")
            return None
        return tenths


def parse_rubric(data: dict, category: str | None = None) -> Rubric:
    """A rubric from its JSON form, checked: raises RubricError listing every problem."""
    category = clean_text(data.get("category") or category or "")
    where = f"{category or '考核表'}："
    read = _Reader(where)
    if category not in CATEGORIES:
        read.problems.append(f"{where}人员类别应为{'、'.join(CATEGORIES)}之一")
    items: list[RubricItem] = []
    keys: set[str] = set()
    groups = data.get("groups")
    if not isinstance(groups, list) or not groups:
        raise RubricError([f"{where}至少要有一个考核大项"])
    for g_no, group in enumerate(groups, start=1):
        g_name = clean_text(group.get("name", "")) if isinstance(group, dict) else ""
        if not g_name:
            read.problems.append(f"{where}第{g_no}个大项没有名称")
        for raw in (group.get("items") or []) if isinstance(group, dict) else []:
            n = len(items) + 1
            name = clean_text(raw.get("name", ""))
            label = f"第{n}项“{name or '（未命名）'}”"
            key = clean_text(raw.get("key", "")) or f"item{n}"
            if not name:
                read.problems.append(f"{where}第{n}项没有名称")
            if key in keys:
                read.problems.append(f"{where}{label}的编号“{key}”重复")
            keys.add(key)
            top = read.points(raw.get("max"), f"{label}的满分")
            if top is not None and top <= 0:
                read.problems.append(f"{where}{label}的满分应大于0")
            clauses = []
            for c in raw.get("clauses") or []:
                pts = read.points(c.get("points"), f"{label}的加减分", signed=True)
                c_label = clean_text(c.get("label", ""))
                if not c_label:
                    read.problems.append(f"{where}{label}有一条加减分没有说明")
                if pts == 0:
                    read.problems.append(f"{where}{label}的“{c_label}”加减分不能为0")
                clauses.append(Clause(c_label, pts or 0, clean_text(c.get("unit", "")) or "次"))
            base = 0
            if clauses:
                base = read.points(raw.get("base", raw.get("max")), f"{label}的基础分") or 0
                if top is not None and base > top:
                    read.problems.append(f"{where}{label}的基础分不能超过满分{format_points(top)}")
            items.append(RubricItem(key, g_name, name, top or 0, base, tuple(clauses)))
    if not items:
        read.problems.append(f"{where}没有考核项目")
    if len(items) > MAX_ITEMS:
        read.problems.append(f"{where}考核项目最多{MAX_ITEMS}项，现有{len(items)}项")
    if not any(not i.by_clauses for i in items) and items:
        read.problems.append(f"{where}至少要有一项由评议人打分")
    total = sum(i.max for i in items)
    if not read.problems and total != FULL_MARKS:
        read.problems.append(f"{where}各项满分合计为{format_points(total)}分，应为100分")
    if read.problems:
        raise RubricError(read.problems)
    title = clean_text(data.get("title", "")) or f"{category}考核评分表"
    return Rubric(category, title, tuple(items))


def rubric_json(rubric: Rubric) -> dict:
    """The JSON form of a rubric (points as numbers, one decimal at most)."""

    def number(tenths: int) -> int | float:
        return tenths // 10 if tenths % 10 == 0 else tenths / 10

    groups = []
    for name, items in rubric.groups:
        out = []
        for i in items:
            row: dict = {"key": i.key, "name": i.name, "max": number(i.max)}
            if i.clauses:
                row["base"] = number(i.base)
                row["clauses"] = [{"label": c.label, "points": number(c.points), "unit": c.unit} for c in i.clauses]
            out.append(row)
        groups.append({"name": name, "items": out})
    return {"category": rubric.category, "title": rubric.title, "groups": groups}


@cache
def _default_json(category: str) -> str:
    path = resources_dir() / "rubrics" / DEFAULT_FILES[category]
    return path.read_text(encoding="utf-8")


def default_rubric(category: str) -> Rubric:
    """The rubric shipped with the program for a category."""
    return parse_rubric(json.loads(_default_json(category)), category)


def township_rubrics() -> dict[str, Rubric]:
    """The rubrics a new run copies: the township's edited ones, else the defaults."""
    edited = {r.category: r.body for r in AppraisalRubric.select()}
    out = {}
    for category in CATEGORIES:
        body = edited.get(category)
        out[category] = parse_rubric(json.loads(body), category) if body else default_rubric(category)
    return out


def save_rubric(data: dict) -> Rubric:
    """Check and keep the township's rubric for its category (runs already made keep theirs)."""
    rubric = parse_rubric(data)
    body = json.dumps(rubric_json(rubric), ensure_ascii=False)
    with writing(APPRAISAL_RUBRICS):
        updated = (
            AppraisalRubric.update(body=body, updated_at=now())
            .where(AppraisalRubric.category == rubric.category).execute()
        )  # fmt: skip
        if not updated:
            AppraisalRubric.insert(category=rubric.category, body=body).execute()
    return rubric


def reset_rubric(category: str) -> Rubric:
    """Back to the shipped default for a category."""
    with writing(APPRAISAL_RUBRICS):
        AppraisalRubric.delete().where(AppraisalRubric.category == category).execute()
    return default_rubric(category)


def rubrics_to_text(rubrics: dict[str, Rubric]) -> str:
    """How a run keeps its copy of the rubrics."""
    return json.dumps({c: rubric_json(r) for c, r in rubrics.items()}, ensure_ascii=False)


def rubrics_from_text(text: str) -> dict[str, Rubric]:
    """A run's rubrics from its stored copy (parsed once per distinct text: rubrics are
    immutable, and every sheet and result reads them)."""
    return dict(_parsed(text))


@lru_cache(maxsize=64)
def _parsed(text: str) -> tuple[tuple[str, Rubric], ...]:
    return tuple((c, parse_rubric(d, c)) for c, d in json.loads(text).items())


_CLAUSE = re.compile(r"^(?P<label>.+?)\s*(?P<points>[+\-−－＋]\s*\d+(?:\.\d)?)\s*分?\s*(?:/\s*(?P<unit>\S+))?$")


def clauses_to_text(clauses: tuple[Clause, ...]) -> str:
    """Clauses as the rubric editor shows them: 缺席“三会一课”-2；受到表彰+3."""
    return "；".join(f"{c.label}{'+' if c.points > 0 else '-'}{format_points(abs(c.points))}"
                    + (f"/{c.unit}" if c.unit != "次" else "") for c in clauses)  # fmt: skip


def clauses_from_text(text: str) -> list[dict]:
    """The editor's clause text back to JSON form; RubricError naming a clause it cannot read."""
    out, bad = [], []
    for part in re.split(r"[；;\n]", text):
        part = clean_text(part)
        if not part:
            continue
        m = _CLAUSE.match(part)
        if m is None:
            bad.append(f"“{part}”看不懂：请写成“缺席组织生活-2”或“受到表彰+3”")
            continue
        points = m["points"].replace("−", "-").replace("－", "-").replace("＋", "+").replace(" ", "")
        out.append({"label": m["label"], "points": points.lstrip("+"), "unit": m["unit"] or "次"})
    if bad:
        raise RubricError(bad)
    return out
