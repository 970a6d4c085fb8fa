"""The county imports a township's package: verified, previewed, then applied in one
transaction, or not at all.

Each record is compared three ways, in the township's ids: what the package says, what
the county holds, and what the last package said (`PackageOrigin.base`). A field the
township changed and the county did not is taken; a field only the county changed is
kept; a field both changed differently is a conflict a person decides. A member whose ID
number belongs to another township's member is a conflict too (kept: the record and
what hangs on it stay out; taken: the member moves to this township).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from peewee import IntegrityError

from dahe_desktop import settings
from dahe_desktop.county import labels
from dahe_desktop.county.applying import apply_plans
from dahe_desktop.county.package import Package, PackageError, read_package
from dahe_desktop.county.planning import Planned, Resolutions, plan_records, status_of
from dahe_desktop.county.records import BY_NAME, KINDS, RecordKind, encode
from dahe_desktop.roster.idcard import mask_id_number_strict
from dahe_desktop.safety.backups import backup_before
from db import audit, changes, writing
from db.models import PackageExport, PackageImport, Township

__all__ = ["Conflict", "Counts", "ImportPreview", "ImportResult", "Resolutions", "apply_package", "preview_package"]


@dataclass(frozen=True)
class Conflict:
    """One field (or a member's township) both sides changed; `key` names it for the choice."""

    key: str
    kind_label: str
    title: str
    field_label: str
    county: str
    township: str
    record: int | None = None  # the county's record the field belongs to (None: not here yet)

    def line(self) -> str:
        return f"{self.kind_label}“{self.title}”的{self.field_label}：县里为“{self.county}”，乡镇为“{self.township}”"


@dataclass
class Counts:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    conflicts: int = 0  # records with at least one conflict
    kept_out: int = 0  # records of a member the county decided to keep with another township
    removed: int = 0  # records the township no longer has, removed here too


@dataclass
class ImportPreview:
    path: Path
    package: Package
    township_name: str
    township_known: bool
    already: str | None  # when the same package was imported before: when
    counts: dict[str, Counts]  # kind label -> counts
    new: list[str]
    changed: list[str]
    conflicts: list[Conflict]

    @property
    def number(self) -> int:
        return self.package.manifest.number

    def totals(self) -> Counts:
        out = Counts()
        for c in self.counts.values():
            out.new, out.changed = out.new + c.new, out.changed + c.changed
            out.unchanged, out.conflicts = out.unchanged + c.unchanged, out.conflicts + c.conflicts
            out.kept_out += c.kept_out
            out.removed += c.removed
        return out

    def lines(self) -> list[str]:
        m = self.package.manifest
        if self.already:
            return [f"{m.township_name}第{m.number}号数据包已于{self.already}导入过，这次不作任何修改"]
        t = self.totals()
        who = m.township_name + ("" if self.township_known else "（新乡镇）")
        lines = [f"{who}第{m.number}号数据包：新增{t.new}条，修改{t.changed}条，未变{t.unchanged}条，冲突{len(self.conflicts)}处"]
        if t.removed:
            lines.append(f"乡镇删除了{t.removed}条记录，县里也将删除")
        if t.kept_out:
            lines.append(f"另有{t.kept_out}条属于县里决定保留在其他乡镇的党员，不导入")
        return lines


@dataclass
class ImportResult:
    township_name: str
    number: int
    counts: Counts
    changed_nothing: bool
    lines: list[str]


def preview_package(path: str | Path) -> ImportPreview:
    """What importing the package would do; nothing is written."""
    package = read_package(path)
    township = Township.get_or_none(Township.code == package.manifest.township_code)
    already = _check_order(package, township)
    if already:
        return ImportPreview(Path(path), package, package.manifest.township_name, True, already, {}, [], [], [])
    plans = plan_records(package, township)
    return _preview(Path(path), package, township, plans)


def apply_package(path: str | Path, resolutions: Resolutions | None = None,
                  previewed: str | None = None) -> ImportResult:  # fmt: skip
    """Import the package in one transaction: every conflict must have a choice; any
    record that cannot be written leaves the county as it was. `previewed`: the checksum
    of the package the clerk looked at (a file swapped since is refused)."""
    resolutions = dict(resolutions or {})
    package = read_package(path)
    m = package.manifest
    if previewed is not None and package.sha256 != previewed:
        raise PackageError(f"{Path(path).name} 在预览之后被换过或改过，未导入；请重新选择文件预览")
    township = Township.get_or_none(Township.code == m.township_code)
    already = _check_order(package, township)
    if already:
        line = f"{m.township_name}第{m.number}号数据包已于{already}导入过，这次不作任何修改"
        return ImportResult(m.township_name, m.number, Counts(), True, [line])
    backup_before("package")
    kinds = {k.change for k in KINDS} | {changes.PACKAGES, changes.TOWNSHIPS}
    with writing(*kinds):
        township = Township.get_or_none(Township.code == m.township_code)
        if _check_order(package, township):  # imported by another clerk meanwhile
            raise PackageError(f"{m.township_name}第{m.number}号数据包刚由其他人导入，请刷新后查看")
        plans = plan_records(package, township)
        preview = _preview(Path(path), package, township, plans)
        missing = [c for c in preview.conflicts if resolutions.get(c.key) not in labels.CHOICES]
        if missing:
            raise PackageError([f"还有{len(missing)}处冲突未决定（保留县里的或采用乡镇的）：",
                                *(c.line() for c in missing[:10])])  # fmt: skip
        if township is None:
            township = Township.get_by_id(audit.insert(Township, dict(code=m.township_code, name=m.township_name)))
        elif township.name != m.township_name:
            audit.update(Township, {"name": m.township_name}, [township.id])
        apply_plans(plans, township, resolutions)
        counts = preview.totals()
        try:
            PackageImport.create(
                township=township, number=m.number, sha256=package.sha256,
                period_from=decode_time(m.period_from), period_to=decode_time(m.period_to),
                counts=json.dumps(counts.__dict__ | {"resolved": resolutions}, ensure_ascii=False),
                clerk=audit.clerk(),
            )  # fmt: skip
        except IntegrityError:  # another clerk's import of it committed first (a server store)
            raise PackageError(f"{m.township_name}第{m.number}号数据包刚由其他人导入，请刷新后查看") from None
    lines = [*preview.lines(), f"已导入{m.township_name}第{m.number}号数据包"]
    return ImportResult(m.township_name, m.number, counts, False, lines)


def decode_time(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


# ---- order -------------------------------------------------------------------------


# A first package (everything) again under a used number: the township's file was made
# anew (the program reinstalled, a new PC) rather than restored, so its numbers restarted.
REMADE = ("{name}这个数据包是“第一个数据包”（全部记录），县里已导入过该乡镇{received}数据包：乡镇的数据文件像是重新建立的"
          "（重装软件或换了电脑）。请乡镇用 文件 › 备份与恢复 恢复原来的数据文件（或U盘上的备份）后再导出")


def _check_order(package: Package, township: Township | None) -> str | None:
    """None when the package is the next one; when it was imported before, when that
    was; out of order or a different package under a used number: `PackageError`."""
    m = package.manifest
    if m.township_code == settings.get(settings.TOWNSHIP_CODE) and PackageExport.select().exists():
        raise PackageError(f"这是本乡镇自己导出的数据包（{m.township_name}第{m.number}号），应送交县里导入")
    done = {} if township is None else {
        r.number: r for r in PackageImport.select().where(PackageImport.township == township)
    }  # fmt: skip
    if m.number in done:
        if done[m.number].sha256 != package.sha256 and m.period_from is None:
            received = "第1号" if max(done) == 1 else f"第1号至第{max(done)}号"
            raise PackageError(REMADE.format(name=m.township_name, received=received))
        if done[m.number].sha256 != package.sha256:
            raise PackageError(f"{m.township_name}第{m.number}号数据包已导入过，这一份内容不同：请核对是哪一份，"
                               "乡镇重新导出须用新的编号")  # fmt: skip
        return f"{done[m.number].imported_at:%Y-%m-%d %H:%M}"
    expected = max(done, default=0) + 1
    if m.number > expected:
        gap = f"第{expected}号" if m.number == expected + 1 else f"第{expected}号至第{m.number - 1}号"
        raise PackageError(f"缺少{m.township_name}{gap}数据包：请先导入{gap}，再导入这个第{m.number}号")
    if m.number < expected:
        raise PackageError(f"{m.township_name}第{m.number}号数据包早于已导入的第{expected - 1}号，县里却没有它的记录，请核对")
    return None


def _preview(path: Path, package: Package, township: Township | None, plans: list[Planned]) -> ImportPreview:
    counts: dict[str, Counts] = {}
    new, changed, conflicts = [], [], []
    titles = _Titles(package)
    for plan in plans:
        kind = plan.kind
        c = counts.setdefault(kind.label, Counts())
        status = status_of(plan)
        setattr(c, status, getattr(c, status) + 1)
        title = kind.title(plan.values)
        if status == "kept_out":
            continue
        if status == "new":
            new.append(f"{kind.label} {title}")
        if status == "removed":
            changed.append(f"{kind.label} {title}：乡镇已删除")
        if plan.take and not plan.owner:
            shown = "、".join(labels.field_label(f) for f in plan.take[:4])
            changed.append(f"{kind.label} {title}：{shown}")
        if plan.owner:
            here = package.manifest.township_name
            conflicts.append(Conflict(f"{kind.name}/{plan.origin}/{labels.OWNER}", kind.label,
                                      _masked_title(kind, plan.values), labels.field_label(labels.OWNER),
                                      plan.owner, here))  # fmt: skip
        for name in plan.conflicts:
            if name == labels.REMOVED:
                conflicts.append(Conflict(f"{kind.name}/{plan.origin}/{name}", kind.label, title,
                                          labels.field_label(name), "县里改过，仍保留", "乡镇已删除"))  # fmt: skip
                continue
            county, here = titles.show(kind, name, plan.current.get(name)), titles.show(kind, name, plan.values.get(name))
            if county == here:  # differing only where masked (the day, the ID's hidden digits)
                county, here = county + labels.MASKED_DIFFER, here + labels.MASKED_DIFFER
            conflicts.append(Conflict(f"{kind.name}/{plan.origin}/{name}", kind.label, title, labels.field_label(name),
                                      county, here, plan.local))  # fmt: skip
    return ImportPreview(path, package, package.manifest.township_name, township is not None, None,
                         counts, new, changed, conflicts)  # fmt: skip


def _masked_title(kind: RecordKind, values: dict) -> str:
    number = values.get("id_number") or ""
    return f"{kind.title(values)} {mask_id_number_strict(number)}" if number else kind.title(values)


class _Titles:
    """Values as a person reads them: a reference by the record's title, an ID masked as
    the roster masks it and a birth date kept to year-month (the title already carries
    the year-month: the last digits with the whole date would rebuild the number)."""

    def __init__(self, package: Package):
        self.package = {(k, r["origin"]): r["values"] for k, rows in package.records.items() for r in rows}

    def show(self, kind: RecordKind, name: str, value: object) -> str:
        if value is None or value == "":
            return "（空）"
        if name == "id_number":
            return mask_id_number_strict(str(value))
        if name == "birth_date":
            return str(value)[:7]
        if isinstance(value, bool):
            return "是" if value else "否"
        target = kind.refs.get(name)
        if target is None:
            return str(value)[:60]
        ref_kind = BY_NAME[target]
        if isinstance(value, str) and value.startswith("county:"):
            row = ref_kind.model.select().where(ref_kind.model._meta.primary_key == int(value[7:])).dicts().first()
            return ref_kind.title({k: encode(v) for k, v in row.items()}) + "（县里）" if row else "（已不存在）"
        values = self.package.get((target, value))
        return ref_kind.title(values) if values else f"（乡镇记录{value}）"

