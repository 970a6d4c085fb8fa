"""Applying a planned import inside the caller's transaction: new records in few
statements, changes through the audit log, then the references that point forward."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from peewee import DataError, IntegrityError

from dahe_desktop.county import labels
from dahe_desktop.county.package import PackageError
from dahe_desktop.county.planning import KEPT_OUT, Planned, Resolutions
from dahe_desktop.county.records import KINDS, RecordKind, decode
from db import audit, bulk_insert
from db.bulk import insert_returning_ids
from db.models import Branch, PackageOrigin, Township


def apply_plans(plans: list[Planned], township: Township, resolutions: Resolutions) -> None:
    local: dict[tuple[str, int], int] = {
        (k, o): v for k, o, v in PackageOrigin.select(PackageOrigin.kind, PackageOrigin.origin, PackageOrigin.local)
        .where(PackageOrigin.township == township).tuples()
    }  # fmt: skip
    skipped: set[tuple[str, int]] = set()
    new_origins: list[dict] = []
    now = dt.datetime.now().replace(microsecond=0)
    by_kind: dict[str, list[Planned]] = {}
    for plan in plans:
        if not plan.removed:
            by_kind.setdefault(plan.kind.name, []).append(plan)
    for kind in KINDS:
        fresh: list[tuple[Planned, dict]] = []
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
    removals = [plan for plan in plans if plan.removed]
    plans = [plan for plan in plans if not plan.removed]
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
    _remove(removals, township, resolutions)


def _remove(removals: list[Planned], township: Township, resolutions: Resolutions) -> None:
    """Records the township no longer has: removed here too, unless the county changed
    one since and a person chose to keep it (then it is the county's own from now on)."""
    for plan in removals:  # children first
        kind = plan.kind
        where = ((PackageOrigin.township == township) & (PackageOrigin.kind == kind.name)
                 & (PackageOrigin.origin == plan.origin))  # fmt: skip
        PackageOrigin.delete().where(where).execute()
        if plan.conflicts and resolutions[f"{kind.name}/{plan.origin}/{labels.REMOVED}"] == labels.KEEP_COUNTY:
            continue
        audit.changed(kind.model._meta.table_name, plan.local, plan.values or {"-": plan.origin}, None)
        model = kind.model
        _guarded(kind, plan, lambda m=model, p=plan: m.delete().where(m._meta.primary_key == p.local).execute())


def _taken(plan: Planned, resolutions: Resolutions) -> list[str]:
    """The fields of a known record the import writes: the township's changes, and the
    conflicts decided for the township."""
    return plan.take + [n for n in plan.conflicts
                        if resolutions[f"{plan.kind.name}/{plan.origin}/{n}"] == labels.TAKE_TOWNSHIP]  # fmt: skip


def _insert(kind: RecordKind, fresh: list[tuple[Planned, dict]], township: Township, new_origins: list[dict],
            local: dict[tuple[str, int], int]) -> None:  # fmt: skip
    """The kind's new records in few statements, logged in one insert."""
    groups: dict[tuple[str, ...], list[tuple[Planned, dict]]] = {}
    for plan, values in fresh:
        groups.setdefault(tuple(values), []).append((plan, values))
    for group in groups.values():
        ids = _guarded(kind, group[0][0], lambda m=kind.model, g=group: insert_returning_ids(m, [v for _, v in g]))
        for (plan, _), record in zip(group, ids, strict=True):
            plan.local = record
            local[(kind.name, plan.origin)] = record
            _remember(township, kind, plan, new_origins)
        audit.changed_many(kind.model._meta.table_name, [(p.local, None, v) for p, v in group])


def _guarded(kind: RecordKind, plan: Planned, write):
    """Run a write; a record the store refuses stops the whole import, naming the record."""
    try:
        return write()
    except (IntegrityError, DataError) as error:  # a key taken, a value the column cannot hold
        raise PackageError([f"{kind.label}“{kind.title(plan.values)}”无法写入，整个数据包未导入；请告诉乡镇核对这一条：",
                            str(error).splitlines()[0][:200]]) from error  # fmt: skip


def _remember(township: Township, kind: RecordKind, plan: Planned, new_origins: list[dict]) -> None:
    """The package's values become the base the next package is compared with."""
    base = json.dumps(plan.values, ensure_ascii=False)
    if plan.mapped:
        (PackageOrigin.update(local=plan.local, base=base)
         .where((PackageOrigin.township == township) & (PackageOrigin.kind == kind.name)
                & (PackageOrigin.origin == plan.origin)).execute())  # fmt: skip
    else:
        new_origins.append(dict(township=township.id, kind=kind.name, origin=plan.origin, local=plan.local, base=base))


def _local_value(kind: RecordKind, plan: Planned, name: str, value: object,
                 local: dict[tuple[str, int], int]) -> object:  # fmt: skip
    if name in kind.refs and value is not None:
        found = local.get((kind.refs[name], value))
        if found is None:
            raise PackageError(f"{kind.label}“{kind.title(plan.values)}”引用的{labels.field_label(name)}不在县里也不在数据包中，"
                               "数据包不完整，未导入；请让乡镇重新导出")  # fmt: skip
        return found
    return decode(kind, name, value)
