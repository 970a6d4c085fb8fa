"""Importing households (农牧户) from a village's spreadsheet, with the roster import's
rules: header variants, every bad row named by its row number, all or nothing, and on
re-import the household with the same head, village and phone is updated, not doubled."""

from __future__ import annotations

from collections import defaultdict
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from dahe_desktop import labels as roster_labels
from dahe_desktop.importing.columns import header_key
from dahe_desktop.importing.roster import BadRow, ImportRefused
from dahe_desktop.importing.tables import ImportFileError, SheetRows, read_sheets
from dahe_desktop.pairing import labels
from dahe_desktop.pairing.service import MAX_PEOPLE, HouseholdData, text_problems
from dahe_desktop.safety.backups import backup_before
from dahe_desktop.textnorm import clean_name, clean_phone, clean_text, phone_error
from db import audit, changes
from db.bulk import insert_returning_ids
from db.connection import database, writing
from db.models import Branch, Household, Member, now

HEADER_VARIANTS: dict[str, tuple[str, ...]] = {
    "head": ("户主", "户主姓名", "户主名字"),
    "village": ("所在村", "村", "所属村", "村名", "村别", "所在支部", "所在党支部"),
    "settlement": ("居住点", "自然村", "社", "组", "牧业点", "所在社", "村民小组", "居住地点"),
    "people": ("家庭人口", "人口", "人口数", "家庭人数", "户人口"),
    "phone": ("联系电话", "电话", "手机号码", "手机", "手机号", "联系方式"),
    "kind": ("户类别", "户类型", "类别", "农户类别"),
    "away_member": ("外出党员", "流动党员", "外出党员姓名"),
    "notes": ("备注", "说明"),
}
KIND_ALIASES = {
    **{k: k for k in labels.HOUSEHOLD_KINDS},
    "一般": labels.GENERAL, "普通户": labels.GENERAL, "普通": labels.GENERAL, "": labels.GENERAL,
    "脱贫": "脱贫户", "脱贫不稳定户": "监测户", "边缘易致贫户": "监测户", "防返贫监测户": "监测户",
    "监测": "监测户", "困难": "困难户", "特困户": "五保户", "特困供养户": "五保户", "五保": "五保户",
    "低保": "低保户", "流动党员": labels.AWAY, "外出党员户": labels.AWAY,
}  # fmt: skip
MIN_HEADER_MATCHES = 3

_LOOKUP = {header_key(n): f for f, names in HEADER_VARIANTS.items() for n in (*names, labels.HOUSEHOLD_FIELDS[f])}


@dataclass
class GoodHousehold:
    row: int
    data: HouseholdData
    existing_id: int | None  # the household this row updates (same head, village, phone)


@dataclass
class HouseholdImportPreview:
    path: str
    sheet: str
    header_row: int
    good: list[GoodHousehold]
    bad: list[BadRow]

    @property
    def new(self) -> int:
        return sum(1 for g in self.good if g.existing_id is None)

    @property
    def updated(self) -> int:
        return len(self.good) - self.new

    @property
    def total(self) -> int:
        return len(self.good) + len(self.bad)


def preview_household_import(path: str | Path) -> HouseholdImportPreview:
    """Read and check a household file without writing anything."""
    sheet, header_row, columns = _find_table(path)
    with database.atomic():
        villages = _village_lookup()
        away = defaultdict(dict)
        for mid, name, bid in Member.select(Member.id, Member.name, Member.branch).where(
            Member.status == roster_labels.STATUS_ACTIVE
        ).tuples():  # fmt: skip
            away[bid][name] = mid
        existing = {
            (h, b, p): i
            for i, h, b, p in Household.select(Household.id, Household.head, Household.branch, Household.phone).tuples()
        }
    good: list[GoodHousehold] = []
    bad: list[BadRow] = []
    seen: dict[tuple, list[int]] = defaultdict(list)
    checked = []
    for number, cells in sheet.rows:
        if number <= header_row:
            continue
        values = {f: cells[i] if i < len(cells) else None for f, i in columns.items()}
        if not any(clean_text(v) for v in values.values()):
            continue
        row = _check(number, values, villages, away)
        checked.append(row)
        if isinstance(row, GoodHousehold):
            seen[(row.data.head, row.data.branch_id, row.data.phone)].append(number)
    for row in checked:
        if isinstance(row, GoodHousehold):
            key = (row.data.head, row.data.branch_id, row.data.phone)
            twins = [n for n in seen[key] if n != row.row]
            if twins:
                others = "、".join(f"第{n}行" for n in twins)
                bad.append(BadRow(row.row, row.data.head, [f"与{others}是同一户（户主、村、电话相同）"]))
                continue
            row.existing_id = existing.get(key)
            good.append(row)
        else:
            bad.append(row)
    return HouseholdImportPreview(str(path), sheet.name, header_row, good, sorted(bad, key=lambda b: b.row))


def apply_household_import(preview: HouseholdImportPreview) -> tuple[int, int]:
    """Write every row in one transaction, or nothing while any row is bad.
    Returns (new, updated)."""
    if preview.bad:
        raise ImportRefused(f"有{len(preview.bad)}行有误，未导入任何数据；请改正后重新导入")
    if not preview.good:
        raise ImportRefused("没有可导入的行")
    backup_before("households")
    stamp = now()
    new_rows, updates = [], []
    for g in preview.good:
        d = g.data
        values = dict(head=d.head, branch=d.branch_id, settlement=d.settlement, people=d.people, phone=d.phone,
                      kind=d.kind, away_member=d.away_member_id, notes=d.notes, updated_at=stamp)  # fmt: skip
        if g.existing_id is None:
            new_rows.append({**values, "status": labels.HOUSEHOLD_ACTIVE, "created_at": stamp})
        else:
            updates.append((g.existing_id, values))
    with writing(changes.HOUSEHOLDS):
        audit.update_each(Household, updates)
        audit.created_many(Household, list(zip(insert_returning_ids(Household, new_rows), new_rows, strict=True)))
    return len(new_rows), len(updates)


def _find_table(path: str | Path) -> tuple[SheetRows, int, dict[str, int]]:
    seen_any = False
    with closing(read_sheets(path)) as sheets:
        for sheet in sheets:
            seen_any = seen_any or bool(sheet.rows)
            for number, cells in sheet.rows[:30]:
                columns: dict[str, int] = {}
                for index, cell in enumerate(cells):
                    field = _LOOKUP.get(header_key(cell))
                    if field and field not in columns:
                        columns[field] = index
                if "head" in columns and len(columns) >= MIN_HEADER_MATCHES:
                    return sheet, number, columns
    if not seen_any:
        raise ImportFileError("文件中没有数据")
    raise ImportFileError("找不到表头行：表格前几行中应有“户主”“所在村”“居住点”“家庭人口”等列名")


def _village_lookup() -> dict[str, int]:
    """Branch by its village (大河村), its name (大河村党支部) or the name without 党支部."""
    out: dict[str, int] = {}
    for bid, name, village in Branch.select(Branch.id, Branch.name, Branch.village).tuples():
        for key in (name, name.removesuffix("党支部"), name.removeprefix("中共"), village):
            if key:
                out.setdefault(clean_name(key), bid)
    return out


def _check(number: int, values: dict, villages: dict[str, int], away: dict[int, dict[str, int]]):
    head = clean_name(values.get("head"))
    reasons = text_problems(head, clean_text(values.get("settlement")), clean_text(values.get("notes")))
    if not head:
        reasons.append("请填写户主姓名")
    village = clean_name(values.get("village"))
    branch_id = villages.get(village)
    if not village:
        reasons.append("请填写所在村")
    elif branch_id is None:
        reasons.append(f"所在村“{village}”不是已有的党支部或村，请核对村名或先在花名册中新建支部")
    people = _people(values.get("people"))
    if people is None and not clean_text(values.get("people")):
        reasons.append("请填写家庭人口")
    elif people is None:
        reasons.append(f"家庭人口应为1到{MAX_PEOPLE}之间的整数，现为“{clean_text(values.get('people'))}”")
    phone = clean_phone(values.get("phone"))
    if phone_error(phone):
        reasons.append(phone_error(phone))
    kind_text = clean_text(values.get("kind")).replace(" ", "")
    kind = KIND_ALIASES.get(kind_text)
    if kind is None:
        reasons.append(f"户类别“{kind_text}”无法识别，应为：{'、'.join(labels.HOUSEHOLD_KINDS)}")
    away_name = clean_name(values.get("away_member"))
    away_id = None
    if kind == labels.AWAY:
        if not away_name:
            reasons.append("流动党员户请在“外出党员”列填写外出党员的姓名")
        elif branch_id is not None:
            away_id = away.get(branch_id, {}).get(away_name)
            if away_id is None:
                reasons.append(f"外出党员“{away_name}”不是{village}在册的党员")
    if reasons:
        return BadRow(number, head, reasons)
    data = HouseholdData(head, branch_id, clean_text(values.get("settlement")), people, phone, kind, away_id,
                         clean_text(values.get("notes")))  # fmt: skip
    return GoodHousehold(number, data, None)


def _people(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return value if 1 <= value <= MAX_PEOPLE else None
    text = clean_text(value).removesuffix("人").removesuffix("口").removesuffix(".0")
    if text.isdecimal() and 1 <= int(text) <= MAX_PEOPLE:  # isdigit() holds for ፩, which int() refuses
        return int(text)
    return None
