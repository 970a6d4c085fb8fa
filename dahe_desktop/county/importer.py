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

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from peewee import DataError, IntegrityError

from dahe_desktop import settings
from dahe_desktop.county import labels
from dahe_desktop.county.package import Package, PackageError, read_package
from dahe_desktop.county.records import BY_NAME, KINDS, RecordKind, decode, encode
from dahe_desktop.roster.idcard import mask_id_number
from dahe_desktop.safety.backups import backup_before
from db import audit, bulk_insert, changes, writing
from db.bulk import insert_returning_ids
from db.models import Branch, Member, PackageExport, PackageImport, PackageOrigin, Township

KEPT_OUT = 0  # PackageOrigin.local of a record the county decided to keep out
Resolutions = dict[str, str]  # conflict key -> labels.KEEP_COUNTY / labels.TAKE_TOWNSHIP


@dataclass(frozen=True)
class Conflict:
    """One field (or a member's township) both sides changed; `key` names it for the choice."""

    key: str
    kind_label: str
    title: str
    field_label: str
    county: str
    township: str

    def line(self) -> str:
        return f"{self.kind_label}“{self.title}”的{self.field_label}：县里为“{self.county}”，乡镇为“{self.township}”"


@dataclass
class Counts:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    conflicts: int = 0  # records with at least one conflict
    kept_out: int = 0  # records of a member the county decided to keep with another township


@dataclass
class _Planned:
    kind: RecordKind
    origin: int
    values: dict  # from the package, the township's ids
    local: int | None  # the county's record, None: new
    current: dict | None  # the county's values, in the township's ids
    take: list[str] = field(default_factory=list)  # fields the township changed
    conflicts: list[str] = field(default_factory=list)
    owner: str | None = None  # another township holding this member's ID number
    mapped: bool = False  # an earlier package brought it (its origin row is updated, not added)
    kept_out: bool = False  # hangs on a member the county kept with another township


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
        return out

    def lines(self) -> list[str]:
        m = self.package.manifest
        if self.already:
            return [f"{m.township_name}第{m.number}号数据包已于{self.already}导入过，这次不作任何修改"]
        t = self.totals()
        who = m.township_name + ("" if self.township_known else "（新乡镇）")
        lines = [f"{who}第{m.number}号数据包：新增{t.new}条，修改{t.changed}条，未变{t.unchanged}条，冲突{len(self.conflicts)}处"]
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
    plans = _plan(package, township)
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
        plans = _plan(package, township)
        preview = _preview(Path(path), package, township, plans)
        missing = [c for c in preview.conflicts if resolutions.get(c.key) not in labels.CHOICES]
        if missing:
            raise PackageError([f"还有{len(missing)}处冲突未决定（保留县里的或采用乡镇的）：",
                                *(c.line() for c in missing[:10])])  # fmt: skip
        if township is None:
            township = Township.create(code=m.township_code, name=m.township_name)
        elif township.name != m.township_name:
            audit.update(Township, {"name": m.township_name}, [township.id])
        _apply(plans, township, resolutions)
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


# ---- planning ------------------------------------------------------------------------


class _Origins:
    """The township's records the county already maps: origin <-> local, and the base."""

    def __init__(self, township: Township | None):
        self.local: dict[tuple[str, int], int | None] = {}
        self.origin: dict[tuple[str, int], int] = {}
        self.base: dict[tuple[str, int], dict] = {}
        self.mapped: set[tuple[str, int]] = set()
        self.kept: set[tuple[str, int]] = set()  # kept out: their records stay out too
        if township is not None:
            for kind, origin, local, base in (
                PackageOrigin.select(PackageOrigin.kind, PackageOrigin.origin, PackageOrigin.local, PackageOrigin.base)
                .where(PackageOrigin.township == township).tuples()
            ):
                self.base[(kind, origin)] = json.loads(base)
                self.mapped.add((kind, origin))
                if local == KEPT_OUT:
                    self.kept.add((kind, origin))
                    continue
                self.local[(kind, origin)] = local
                self.origin[(kind, local)] = origin

    def to_township(self, kind: RecordKind, values: dict) -> dict:
        """County values with references turned into the township's ids ("县里:<id>" when
        the county's record is not one of this township's)."""
        out = dict(values)
        for name, target in kind.refs.items():
            local = out.get(name)
            if local is not None:
                out[name] = self.origin.get((target, local), f"county:{local}")
        return out


def _county_rows(kind: RecordKind, ids: list[int]) -> dict[int, dict]:
    model, found = kind.model, {}
    columns = [model._meta.primary_key] + [model._meta.fields[f] for f in kind.fields]
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in model.select(*columns).where(model._meta.primary_key.in_(chunk)).dicts():
            found[row["id"]] = {f: encode(row[f]) for f in kind.fields}
    return found


class _Keys:
    """Natural-key indexes of the county's records, built once per kind and key."""

    def __init__(self, township: Township | None):
        self.township = township
        self._index: dict[tuple[str, tuple[str, ...]], dict[tuple, int]] = {}
        self._owner: dict[str, tuple[int, int | None]] | None = None  # ID number -> (member, township)

    def index(self, kind: RecordKind, key: tuple[str, ...]) -> dict[tuple, int]:
        if (kind.name, key) not in self._index:
            model = kind.model
            query = model.select(model._meta.primary_key, *(model._meta.fields[f] for f in key))
            if kind.model is Branch:  # branch names are unique within a township only
                query = query.where(Branch.township == (self.township.id if self.township else -1))
            self._index[(kind.name, key)] = {tuple(encode(v) for v in row[1:]): row[0] for row in query.tuples()}
        return self._index[(kind.name, key)]

    def id_owner(self, id_number: str) -> tuple[int, int | None] | None:
        if self._owner is None:
            self._owner = {n: (m, t) for m, n, t in Member.select(Member.id, Member.id_number, Branch.township)
                           .join(Branch).where(Member.id_number.is_null(False)).tuples()}  # fmt: skip
        return self._owner.get(id_number)


def _plan(package: Package, township: Township | None) -> list[_Planned]:
    origins, keys = _Origins(township), _Keys(township)
    township_id = township.id if township else None
    plans: list[_Planned] = []
    for kind in KINDS:
        rows = package.records.get(kind.name, [])
        found: list[tuple[dict, int, int | None, str | None]] = []
        for row in rows:
            origin, values = row["origin"], row["values"]
            origins.kept.discard((kind.name, origin))  # sent again: decided again
            local, owner = origins.local.get((kind.name, origin)), None
            parents = [(t, values.get(n)) for n, t in kind.refs.items() if n not in kind.late]
            if any(p in origins.kept for p in parents):
                origins.kept.add((kind.name, origin))
                plans.append(_Planned(kind, origin, values, None, None, kept_out=True))
                continue
            if local is None:
                local, owner = _match(kind, values, origins, keys, township_id)
            found.append((values, origin, local, owner))
        current = _county_rows(kind, [f[2] for f in found if f[2] is not None])
        for values, origin, local, owner in found:
            if local is not None and local not in current:  # mapped, then removed at the county
                local = None
            plan = _Planned(kind, origin, values, local, None, owner=owner, mapped=(kind.name, origin) in origins.mapped)
            if local is not None:
                plan.current = origins.to_township(kind, current[local])
                _compare(plan, origins.base.get((kind.name, origin)))
            origins.local[(kind.name, origin)] = local  # children of a new record are new
            plans.append(plan)
    return plans


def _match(kind: RecordKind, values: dict, origins: _Origins, keys: _Keys,
           township_id: int | None) -> tuple[int | None, str | None]:  # fmt: skip
    """A county record for a record never seen, by its natural keys; for a member whose
    ID number is another township's, that township's name too."""
    for key in kind.keys:
        probe = []
        for name in key:
            value = values.get(name)
            if name in kind.refs and value is not None:
                value = origins.local.get((kind.refs[name], value))
            if value is None or value == "":
                break
            probe.append(value)
        else:
            if key in kind.global_keys:
                owner = keys.id_owner(probe[0])
                if owner is None:
                    continue
                local, other = owner
                if other is not None and other != township_id:
                    return local, Township.get_by_id(other).name
                return local, None
            local = keys.index(kind, key).get(tuple(probe))
            if local is not None:
                return local, None
    return None, None


def _compare(plan: _Planned, base: dict | None) -> None:
    for name, incoming in plan.values.items():
        county = plan.current.get(name)
        if incoming == county:
            continue
        if base is None or plan.owner or county == base.get(name, county):
            plan.take.append(name)
        elif incoming != base.get(name):
            plan.conflicts.append(name)


def _status(plan: _Planned) -> str:
    if plan.kept_out:
        return "kept_out"
    if plan.local is None:
        return "new"
    if plan.owner or plan.conflicts:
        return "conflicts"
    return "changed" if plan.take else "unchanged"


def _preview(path: Path, package: Package, township: Township | None, plans: list[_Planned]) -> ImportPreview:
    counts: dict[str, Counts] = {}
    new, changed, conflicts = [], [], []
    titles = _Titles(package)
    for plan in plans:
        kind = plan.kind
        c = counts.setdefault(kind.label, Counts())
        status = _status(plan)
        setattr(c, status, getattr(c, status) + 1)
        title = kind.title(plan.values)
        if status == "kept_out":
            continue
        if status == "new":
            new.append(f"{kind.label} {title}")
        if plan.take and not plan.owner:
            shown = "、".join(labels.field_label(f) for f in plan.take[:4])
            changed.append(f"{kind.label} {title}：{shown}")
        if plan.owner:
            here = package.manifest.township_name
            conflicts.append(Conflict(f"{kind.name}/{plan.origin}/{labels.OWNER}", kind.label,
                                      _masked_title(kind, plan.values), labels.field_label(labels.OWNER),
                                      plan.owner, here))  # fmt: skip
        for name in plan.conflicts:
            conflicts.append(Conflict(
                f"{kind.name}/{plan.origin}/{name}", kind.label, title, labels.field_label(name),
                titles.show(kind, name, plan.current.get(name)), titles.show(kind, name, plan.values.get(name)),
            ))  # fmt: skip
    return ImportPreview(path, package, package.manifest.township_name, township is not None, None,
                         counts, new, changed, conflicts)  # fmt: skip


def _masked_title(kind: RecordKind, values: dict) -> str:
    number = values.get("id_number") or ""
    return f"{kind.title(values)} {mask_id_number(number)}" if number else kind.title(values)


class _Titles:
    """Values as a person reads them: a reference by the record's title, an ID masked."""

    def __init__(self, package: Package):
        self.package = {(k, r["origin"]): r["values"] for k, rows in package.records.items() for r in rows}

    def show(self, kind: RecordKind, name: str, value: object) -> str:
        if value is None or value == "":
            return "（空）"
        if name == "id_number":
            return mask_id_number(str(value))
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


# ---- applying ------------------------------------------------------------------------


def _apply(plans: list[_Planned], township: Township, resolutions: Resolutions) -> None:
    local: dict[tuple[str, int], int] = {
        (k, o): v for k, o, v in PackageOrigin.select(PackageOrigin.kind, PackageOrigin.origin, PackageOrigin.local)
        .where(PackageOrigin.township == township).tuples()
    }  # fmt: skip
    skipped: set[tuple[str, int]] = set()
    new_origins: list[dict] = []
    now = dt.datetime.now().replace(microsecond=0)
    by_kind: dict[str, list[_Planned]] = {}
    for plan in plans:
        by_kind.setdefault(plan.kind.name, []).append(plan)
    for kind in KINDS:
        fresh: list[tuple[_Planned, dict]] = []
        for plan in by_kind.get(kind.name, []):
            if plan.kept_out:
                skipped.add((kind.name, plan.origin))
                continue
            if plan.owner and resolutions[f"{kind.name}/{plan.origin}/{labels.OWNER}"] == labels.KEEP_COUNTY:
                skipped.add((kind.name, plan.origin))  # remembered: what hangs on it stays out later too
                _remember(township, kind, dataclasses.replace(plan, local=KEPT_OUT), new_origins)
                continue
            parents = [(t, plan.values.get(n)) for n, t in kind.refs.items() if n not in kind.late]
            if any(p in skipped for p in parents):  # hangs on a member the county kept elsewhere
                skipped.add((kind.name, plan.origin))
                continue
            if plan.local is None:
                values = {n: _local_value(kind, plan, n, plan.values[n], local)
                          for n in kind.fields if n not in kind.late and n in plan.values}  # fmt: skip
                if kind.model is Branch:
                    values["township"] = township.id
                if kind.derived:
                    values.update(kind.derived(values))
                fresh.append((plan, values))
                continue
            take = [n for n in _taken(plan, resolutions) if n not in kind.late]
            values = {n: _local_value(kind, plan, n, plan.values[n], local) for n in take}
            if values:
                if kind.derived:
                    values.update(kind.derived({**plan.current, **values}))
                if "updated_at" in kind.model._meta.fields:
                    values["updated_at"] = now
                _guarded(kind, plan, lambda m=kind.model, v=values, p=plan: audit.update(m, v, [p.local]))
            _remember(township, kind, plan, new_origins)
            local[(kind.name, plan.origin)] = plan.local
        _insert(kind, fresh, township, new_origins, local)
    bulk_insert(PackageOrigin, new_origins, prepared=True)  # ints and text: stored as they are
    for plan in plans:  # references that may point forward: a branch's secretary
        kind = plan.kind
        if (kind.name, plan.origin) in skipped:
            continue
        for name in kind.late & set(_taken(plan, resolutions) if plan.current is not None else plan.values):
            value = plan.values[name]
            if (value is None and plan.current is None) or (kind.refs[name], value) in skipped:
                continue
            values = {name: _local_value(kind, plan, name, value, local)}
            if plan.current is None:  # made by this import: its creation is the log entry
                kind.model.update(values).where(kind.model._meta.primary_key == plan.local).execute()
            else:
                audit.update(kind.model, values, [plan.local])


def _taken(plan: _Planned, resolutions: Resolutions) -> list[str]:
    """The fields of a known record the import writes: the township's changes, and the
    conflicts decided for the township."""
    return plan.take + [n for n in plan.conflicts
                        if resolutions[f"{plan.kind.name}/{plan.origin}/{n}"] == labels.TAKE_TOWNSHIP]  # fmt: skip


def _insert(kind: RecordKind, fresh: list[tuple[_Planned, dict]], township: Township, new_origins: list[dict],
            local: dict[tuple[str, int], int]) -> None:  # fmt: skip
    """The kind's new records in few statements, logged in one insert."""
    groups: dict[tuple[str, ...], list[tuple[_Planned, dict]]] = {}
    for plan, values in fresh:
        groups.setdefault(tuple(values), []).append((plan, values))
    for group in groups.values():
        ids = _guarded(kind, group[0][0], lambda m=kind.model, g=group: insert_returning_ids(m, [v for _, v in g]))
        for (plan, _), record in zip(group, ids, strict=True):
            plan.local = record
            local[(kind.name, plan.origin)] = record
            _remember(township, kind, plan, new_origins)
        audit.changed_many(kind.model._meta.table_name, [(p.local, None, v) for p, v in group])


def _guarded(kind: RecordKind, plan: _Planned, write):
    """Run a write; a record the store refuses stops the whole import, naming the record."""
    try:
        return write()
    except (IntegrityError, DataError) as error:  # a key taken, a value the column cannot hold
        raise PackageError([f"{kind.label}“{kind.title(plan.values)}”无法写入，整个数据包未导入；请告诉乡镇核对这一条：",
                            str(error).splitlines()[0][:200]]) from error  # fmt: skip


def _remember(township: Township, kind: RecordKind, plan: _Planned, new_origins: list[dict]) -> None:
    """The package's values become the base the next package is compared with."""
    base = json.dumps(plan.values, ensure_ascii=False)
    if plan.mapped:
        (PackageOrigin.update(local=plan.local, base=base)
         .where((PackageOrigin.township == township) & (PackageOrigin.kind == kind.name)
                & (PackageOrigin.origin == plan.origin)).execute())  # fmt: skip
    else:
        new_origins.append(dict(township=township.id, kind=kind.name, origin=plan.origin, local=plan.local, base=base))


def _local_value(kind: RecordKind, plan: _Planned, name: str, value: object,
                 local: dict[tuple[str, int], int]) -> object:  # fmt: skip
    if name in kind.refs and value is not None:
        found = local.get((kind.refs[name], value))
        if found is None:
            raise PackageError(f"{kind.label}“{kind.title(plan.values)}”引用的{labels.field_label(name)}不在县里也不在数据包中，"
                               "数据包不完整，未导入；请让乡镇重新导出")  # fmt: skip
        return found
    return decode(kind, name, value)
