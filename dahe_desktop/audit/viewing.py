"""Who saw the sensitive fields (个人信息保护): a member's 人员类别 when it is 老病残党员, a
household's hardship kind (困难户, 低保户, 监测户, ...) and its notes. Opening a dialog
that shows them, or an export that includes them, writes one "查看" entry per record
through `db.audit.viewed`: who, when, which record, which fields; never the values."""

from __future__ import annotations

from collections.abc import Sequence

from dahe_desktop.pairing.rules import is_sensitive
from db import audit
from db.errors import READ_ONLY, StoreError
from db.models import Household, Member, Team, TeamHousehold

FRAIL = "老病残党员"  # the member category that tells of age, illness or disability
_CHUNK = 900
# Fields whose old and new values in the audit log tell of health or hardship: the log
# viewer and its export hide them unless the clerk ticks 显示敏感信息 (and that is logged).
# Every value of such a field is hidden, not only the sensitive ones: a blank among shown
# values would point at them.
LOGGED_SENSITIVE = {
    "member": ("category",),
    "household": ("kind", "notes"),
    "appraisal_subject": ("category", "excuse_reason", "grade_reason"),
    "team": ("households",),  # the households in difficulty a team helps, by name
}


def member_fields(category: str) -> list[str]:
    """The sensitive fields a member's record holds."""
    return ["category"] if category == FRAIL else []


def household_fields(kind: str, notes: str) -> list[str]:
    """The sensitive fields a household's record holds (notes tell of illness, debts)."""
    return (["kind"] if is_sensitive(kind) else []) + (["notes"] if (notes or "").strip() else [])


def _log(table: str, records: list[tuple[int, list[str]]]) -> int:
    try:
        return audit.viewed_many(table, records)
    except StoreError as error:
        if error.kind == READ_ONLY:  # a copy on a read-only medium records nothing
            return 0
        raise


def member_viewed(member_id: int) -> int:
    """The member dialog opened on this member: logged if it shows a sensitive field."""
    category = Member.select(Member.category).where(Member.id == member_id).scalar()
    return _log("member", [(member_id, member_fields(category or ""))])


def household_viewed(household_id: int) -> int:
    """The household dialog opened on this household."""
    row = Household.select(Household.kind, Household.notes).where(Household.id == household_id).tuples().first()
    return _log("household", [(household_id, household_fields(*row))] if row else [])


def appraisal_subject_viewed(subject_id: int) -> int:
    """The grade dialog opened on a member appraised: its 评定理由, when there is one, may
    tell of illness (e.g. 患病期间仍坚持...). Named as the log names the member's grades."""
    from dahe_desktop.appraisal.runs import run_label
    from db.models import AppraisalRun, AppraisalSubject

    row = (AppraisalSubject.select(AppraisalSubject.run, AppraisalSubject.grade_reason, Member.name)
           .join(Member).where(AppraisalSubject.id == subject_id).tuples().first())  # fmt: skip
    if row is None or not (row[1] or "").strip():
        return 0
    return _log("appraisal_subject", [(f"{run_label(AppraisalRun.get_by_id(row[0]))}·{row[2]}", ["grade_reason"])])


def teams_viewed(team_ids: Sequence[int]) -> int:
    """A team's 帮带困难户 shown (its dialog): every household it helps is one in difficulty."""
    with_homes = TeamHousehold.select(TeamHousehold.team).where(TeamHousehold.team.in_(list(team_ids))).distinct()
    return _log("team", [(i, ["households"]) for (i,) in with_homes.tuples()])


def helped_households_viewed(year: int, branch_id: int | None = None) -> int:
    """The dashboard's list of the households in difficulty the year's teams help."""
    from dahe_desktop.service.teams import _active_in  # the teams' own rule of a year's teams

    query = Team.select(Team.id).where(_active_in(year))
    if branch_id is not None:
        query = query.where(Team.branch == branch_id)
    return teams_viewed([i for (i,) in query.tuples()])


def members_exported(member_ids: Sequence[int]) -> int:
    """An export with the sensitive fields: one entry per member whose record holds one."""
    ids, found = list(member_ids), []
    for start in range(0, len(ids), _CHUNK):
        query = Member.select(Member.id, Member.category).where(Member.id.in_(ids[start:start + _CHUNK]))
        found += [(i, member_fields(c)) for i, c in query.tuples()]
    return _log("member", found)


def frail_appraised_exported(member_ids: Sequence[int]) -> int:
    """A score template that lists these members on its 老病残党员 worksheet (the
    appraisal's category, which may differ from the roster's)."""
    return _log("member", [(i, ["category"]) for i in member_ids])


def households_exported(rows: Sequence[tuple[int, str, str]]) -> int:
    """(household id, kind, notes) of the households an export wrote."""
    return _log("household", [(i, household_fields(kind, notes)) for i, kind, notes in rows])


def audit_values_shown(entries: Sequence[tuple[str, str, str]]) -> int:
    """(table, record, field) of audit entries shown or exported with their sensitive
    values: one "查看" entry per record, naming its fields."""
    fields: dict[tuple[str, str], list[str]] = {}
    for table, record, field in entries:
        if field in LOGGED_SENSITIVE.get(table, ()) and field not in fields.setdefault((table, record), []):
            fields[(table, record)].append(field)
    by_table: dict[str, list[tuple[str, list[str]]]] = {}
    for (table, record), names in fields.items():
        by_table.setdefault(table, []).append((record, sorted(names, key=LOGGED_SENSITIVE[table].index)))
    return sum(_log(table, records) for table, records in by_table.items())


def conflicts_viewed(conflicts: Sequence) -> int:
    """A county package's conflicts shown (window or terminal): both values of a
    sensitive field (人员类别, 户类别, 备注) are on screen, so the county's record is logged."""
    records: dict[tuple[str, int], list[str]] = {}
    for c in conflicts:
        table, _origin, field = c.key.split("/", 2)
        if c.record is not None and field in LOGGED_SENSITIVE.get(table, ()):
            records.setdefault((table, c.record), []).append(field)
    by_table: dict[str, list[tuple[int, list[str]]]] = {}
    for (table, record), names in records.items():
        by_table.setdefault(table, []).append((record, names))
    return sum(_log(table, rows) for table, rows in by_table.items())
