"""The kinds of record a package carries: a registry, one entry per table, in the order
the county applies them (a record's references come before it).

Every record travels with its id in the township's file (`origin`) and its values; a
reference to another record travels as that record's origin id. The county maps origin
ids to its own ids; a record it has never seen is first looked up by its natural keys
(a member by ID number, else by name, birth date and branch), so a county that already
holds some of a township's people does not get them twice. A new table adds one entry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from peewee import BooleanField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model

from dahe_desktop.roster.pinyin import pinyin_keys
from dahe_desktop.roster.query import search_key
from db import changes
from db.models import Branch, Commitment, Household, Member, Pairing, PairingHelper, PairingProfile
from db.models.posts import BranchPost, PostAppointment, PostSelection

NOT_SENT = frozenset({"id", "created_at", "updated_at"})  # bookkeeping of each file


@dataclass(frozen=True)
class RecordKind:
    """One table of the package: how its records are named, matched and applied."""

    name: str  # in the payload, e.g. "member"
    label: str  # what the clerk reads, e.g. 党员
    model: type[Model]
    refs: dict[str, str]  # reference field -> the kind it points at
    keys: tuple[tuple[str, ...], ...]  # natural keys, tried in order for a record never seen
    change: str  # the db.changes kind a write of it reports
    title: Callable[[dict], str]  # how a person recognises the record in the preview
    late: frozenset[str] = frozenset()  # references set once every kind is in (cycles)
    skip: frozenset[str] = frozenset()  # fields that stay in the township (or the county sets)
    global_keys: frozenset[tuple[str, ...]] = field(default_factory=frozenset)  # keys unique county-wide
    # Columns computed from the others (search keys): not sent, recomputed where written.
    derived: Callable[[dict], dict] | None = None

    @cached_property
    def fields(self) -> list[str]:
        """The fields sent: every column but bookkeeping and `skip`."""
        return [name for name in self.model._meta.sorted_field_names if name not in NOT_SENT | self.skip]

    @cached_property
    def sent(self) -> frozenset[str]:
        return frozenset(self.fields)

    def check(self) -> None:
        """Every reference must be mapped or skipped: a new column cannot slip out raw."""
        for name in self.fields:
            if isinstance(self.model._meta.fields[name], ForeignKeyField) and name not in self.refs:
                raise AssertionError(f"{self.name}.{name} is a reference without a kind")


def _member_derived(v: dict) -> dict:
    initials, full = pinyin_keys(v["name"])
    key = search_key(v["name"], v.get("phone") or "", v.get("id_number") or "")
    return dict(name_initials=initials, name_pinyin=full, search_key=key)


def _member_title(v: dict) -> str:
    return f"{v.get('name', '')}（{v['birth_date'][:7]}）" if v.get("birth_date") else str(v.get("name", ""))


KINDS: list[RecordKind] = [
    RecordKind("branch", "支部", Branch, {"secretary": "member"}, (("name",),), changes.BRANCHES,
               lambda v: v.get("name", ""), late=frozenset({"secretary"}), skip=frozenset({"township"})),
    RecordKind("member", "党员", Member, {"branch": "branch"}, (("id_number",), ("name", "birth_date", "branch")),
               changes.MEMBERS, _member_title, global_keys=frozenset({("id_number",)}),
               skip=frozenset({"name_initials", "name_pinyin", "search_key"}), derived=_member_derived),
    RecordKind("commitment", "承诺", Commitment, {"member": "member", "carried_from": "commitment"},
               (("member", "year", "content"),), changes.COMMITMENTS, lambda v: str(v.get("content", ""))[:20],
               late=frozenset({"carried_from"})),
    RecordKind("household", "农牧户", Household, {"branch": "branch", "away_member": "member"},
               (("branch", "head", "settlement"),), changes.HOUSEHOLDS, lambda v: f"户主{v.get('head', '')}"),
    RecordKind("pairing_helper", "帮扶人（非党员）", PairingHelper, {"branch": "branch"}, (("branch", "name"),),
               changes.HOUSEHOLDS, lambda v: v.get("name", "")),
    RecordKind("pairing_profile", "党员结对信息", PairingProfile, {"member": "member"}, (("member",),),
               changes.PAIRINGS, lambda v: v.get("settlement", "")),
    RecordKind("pairing", "结对", Pairing, {"household": "household", "member": "member", "helper": "pairing_helper"},
               (("year", "household", "kind", "date_from"),), changes.PAIRINGS,
               lambda v: f"{v.get('year', '')}年{v.get('kind', '')}"),
    RecordKind("post_selection", "设岗定责", PostSelection, {"branch": "branch"}, (("branch", "year"),),
               changes.POST_SELECTIONS, lambda v: f"{v.get('year', '')}年"),
    RecordKind("branch_post", "岗位", BranchPost, {"selection": "post_selection"}, (("selection", "name"),),
               changes.POST_SELECTIONS, lambda v: v.get("name", ""), skip=frozenset({"post_type"})),
    RecordKind("post_appointment", "岗位党员", PostAppointment, {"post": "branch_post", "member": "member"},
               (("post", "member"),), changes.POST_SELECTIONS, lambda v: f"{v.get('appointed_on', '')}起"),
]  # fmt: skip

BY_NAME = {kind.name: kind for kind in KINDS}
for _kind in KINDS:
    _kind.check()


def encode(value: object) -> object:
    """A column value as JSON: dates as ISO text; everything else as it is."""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def decode(kind: RecordKind, name: str, value: object) -> object:
    """A JSON value back into what the column takes."""
    column = kind.model._meta.fields[name]
    if value is None:
        return None
    if isinstance(column, DateTimeField):
        return dt.datetime.fromisoformat(value)
    if isinstance(column, DateField):
        return dt.date.fromisoformat(value)
    return value


def value_problem(kind: RecordKind, name: str, value: object) -> str | None:
    """Why a value from a package cannot go into the column (a hostile or broken file)."""
    column = kind.model._meta.fields.get(name)
    if column is None or name not in kind.sent:
        return f"未知的字段“{name}”"
    if value is None:
        return None if column.null or name in kind.refs else f"字段“{name}”不能为空"
    if isinstance(column, ForeignKeyField | IntegerField):
        ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**31
    elif isinstance(column, BooleanField):
        ok = isinstance(value, bool)
    elif isinstance(column, DateField | DateTimeField):
        ok = isinstance(value, str) and len(value) <= 32 and _parses(kind, name, value)
    else:
        ok = isinstance(value, str) and len(value) <= MAX_TEXT
        if ok and _HOSTILE.search(value):
            # The township's program cleans every text at the door: these come from a made file.
            return f"字段“{name}”含有控制字符或不可见字符（不是本程序写出的内容）"
    return None if ok else f"字段“{name}”的值不对"


MAX_TEXT = 20_000  # characters in one field: far above anything the clerk types
# ESC, BEL and the other C0 controls (tab and line breaks are text), DEL, and the
# invisible characters that make look-alike names (a U+200B makes a second branch).
_HOSTILE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _parses(kind: RecordKind, name: str, value: str) -> bool:
    try:
        decode(kind, name, value)
    except ValueError:
        return False
    return True
