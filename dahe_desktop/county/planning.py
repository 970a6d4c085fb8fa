"""Planning an import: each record of the package matched with the county's (by the
origin ids earlier packages mapped, else by natural keys) and compared three ways with
the values the last package brought (`PackageOrigin.base`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from dahe_desktop.county import labels
from dahe_desktop.county.package import Package
from dahe_desktop.county.records import KINDS, RecordKind, encode
from db.models import Branch, Member, PackageOrigin, Township

KEPT_OUT = 0  # PackageOrigin.local of a record the county decided to keep out
Resolutions = dict[str, str]  # conflict key -> labels.KEEP_COUNTY / labels.TAKE_TOWNSHIP


@dataclass
class Planned:
    """What the import does with one record of the package (read by the preview and the writes)."""

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
    removed: bool = False  # gone in the township: removed here too (a conflict if the county changed it)


class Origins:
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


def county_rows(kind: RecordKind, ids: list[int]) -> dict[int, dict]:
    model, found = kind.model, {}
    columns = [model._meta.primary_key] + [model._meta.fields[f] for f in kind.fields]
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in model.select(*columns).where(model._meta.primary_key.in_(chunk)).dicts():
            found[row["id"]] = {f: encode(row[f]) for f in kind.fields}
    return found


class Keys:
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


def plan_records(package: Package, township: Township | None) -> list[Planned]:
    origins, keys = Origins(township), Keys(township)
    township_id = township.id if township else None
    plans: list[Planned] = []
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
                plans.append(Planned(kind, origin, values, None, None, kept_out=True))
                continue
            if local is None:
                local, owner = match(kind, values, origins, keys, township_id)
            found.append((values, origin, local, owner))
        current = county_rows(kind, [f[2] for f in found if f[2] is not None])
        for values, origin, local, owner in found:
            if local is not None and local not in current:  # mapped, then removed at the county
                local = None
            plan = Planned(kind, origin, values, local, None, owner=owner, mapped=(kind.name, origin) in origins.mapped)
            if local is not None:
                plan.current = origins.to_township(kind, current[local])
                compare(plan, origins.base.get((kind.name, origin)))
            origins.local[(kind.name, origin)] = local  # children of a new record are new
            plans.append(plan)
    for kind in reversed(KINDS):  # a removed child goes before its parent
        known = [(o, origins.local[(kind.name, o)]) for o in package.removed.get(kind.name, [])
                 if origins.local.get((kind.name, o)) is not None]  # fmt: skip
        current = county_rows(kind, [local for _, local in known])
        for origin, local in known:
            if local not in current:
                continue
            base = origins.base.get((kind.name, origin), {})
            now = origins.to_township(kind, current[local])
            plan = Planned(kind, origin, base, local, now, mapped=True, removed=True)
            if any(now.get(name) != value for name, value in base.items() if name in now):
                plan.conflicts.append(labels.REMOVED)  # the county changed it since
            plans.append(plan)
    return plans


def match(kind: RecordKind, values: dict, origins: Origins, keys: Keys,
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


def compare(plan: Planned, base: dict | None) -> None:
    for name, incoming in plan.values.items():
        county = plan.current.get(name)
        if incoming == county:
            continue
        if base is None or plan.owner or county == base.get(name, county):
            plan.take.append(name)
        elif incoming != base.get(name):
            plan.conflicts.append(name)


def status_of(plan: Planned) -> str:
    if plan.kept_out:
        return "kept_out"
    if plan.removed:
        return "conflicts" if plan.conflicts else "removed"
    if plan.local is None:
        return "new"
    if plan.owner or plan.conflicts:
        return "conflicts"
    return "changed" if plan.take else "unchanged"
