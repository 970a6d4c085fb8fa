"""A run per branch and year: its members (each under a confirmed category, or excused),
its raters, its configuration, and its life: draft -> scoring -> finalized. A finalized
run is read-only; reopening needs a reason, and every change made while it is open again
is logged."""

from __future__ import annotations

import datetime as dt
import json

from peewee import IntegrityError, fn

from dahe_desktop import labels as roster_labels
from dahe_desktop import settings
from dahe_desktop.appraisal import labels
from dahe_desktop.appraisal.records import AppraisalError, EventRow, RaterRow, RunInfo, SubjectRow
from dahe_desktop.appraisal.rubrics import rubrics_from_text, rubrics_to_text, township_rubrics
from dahe_desktop.appraisal.scoring import RunConfig, config_from_json, config_problems
from dahe_desktop.dates import age_on
from dahe_desktop.roster.validation import BRANCH_MAX, NAME_MAX
from dahe_desktop.textnorm import (
    clean_name,
    clean_prose,  # prose: punctuation kept as typed
    clean_text,
    formula_error,
)
from db import audit, bulk_insert, changes
from db.changes import APPRAISAL
from db.connection import writing
from db.models import (
    AppraisalEvent,
    AppraisalRater,
    AppraisalRun,
    AppraisalSheet,
    AppraisalSubject,
    Branch,
    Member,
    now,
)

DEFAULTS = settings.register(settings.Option("appraisal.defaults", "考核评议默认设置", RunConfig().to_json()))


def township_config() -> RunConfig:
    """Weights, trimming, grade bands and cap a new run starts from."""
    return config_from_json(settings.get(DEFAULTS))


def save_township_config(config: RunConfig) -> None:
    if lines := config_problems(config):
        raise AppraisalError(lines)
    with writing(changes.SETTINGS):
        settings.put(DEFAULTS, config.to_json())


# ---- reading --------------------------------------------------------------------


def run_info(run_id: int) -> RunInfo:
    r = (
        AppraisalRun.select(AppraisalRun, Branch.name.alias("branch_name")).join(Branch)
        .where(AppraisalRun.id == run_id).dicts().get_or_none()
    )  # fmt: skip
    if r is None:
        raise AppraisalError("所选考核评议不存在，可能已被删除，请刷新")
    subjects = AppraisalSubject.select().where(AppraisalSubject.run == run_id).count()
    raters = AppraisalRater.select().where(AppraisalRater.run == run_id).count()
    return RunInfo(
        id=r["id"], branch_id=r["branch"], branch_name=r["branch_name"], year=r["year"], state=r["state"],
        meeting_date=r["meeting_date"], rubrics=rubrics_from_text(r["rubrics"]),
        config=config_from_json(json.loads(r["config"])), reopened=bool(r["reopened"]),
        finalized_at=r["finalized_at"], subjects=subjects, raters=raters,
    )  # fmt: skip


def list_runs(year: int | None = None) -> list[tuple[int, str, int, str]]:
    """(run id, branch name, year, state label) for the run picker, in branch order."""
    query = (
        AppraisalRun.select(AppraisalRun.id, Branch.name, AppraisalRun.year, AppraisalRun.state)
        .join(Branch).order_by(AppraisalRun.year.desc(), Branch.sort_order, Branch.id)
    )  # fmt: skip
    if year is not None:
        query = query.where(AppraisalRun.year == year)
    return [(i, name, y, labels.STATE_LABELS[s]) for i, name, y, s in query.tuples()]


def run_for(branch_id: int, year: int) -> int:
    """The id of a branch's run for a year; AppraisalError when there is none."""
    run = AppraisalRun.get_or_none((AppraisalRun.branch == branch_id) & (AppraisalRun.year == year))
    if run is None:
        name = Branch.get_by_id(branch_id).name
        raise AppraisalError(f"{name}还没有{year}年的考核评议")
    return run.id


def list_subjects(run_id: int) -> list[SubjectRow]:
    query = (
        AppraisalSubject.select(AppraisalSubject, Member.name, Member.position).join(Member)
        .where(AppraisalSubject.run == run_id).order_by(AppraisalSubject.seq, AppraisalSubject.id).dicts()
    )  # fmt: skip
    return [
        SubjectRow(r["id"], r["member"], r["seq"], r["name"], r["position"], r["category"], r["suggested_category"],
                   r["suggestion_note"], bool(r["confirmed"]), bool(r["excused"]), r["excuse_reason"])  # fmt: skip
        for r in query
    ]


def list_raters(run_id: int) -> list[RaterRow]:
    query = AppraisalRater.select().where(AppraisalRater.run == run_id)
    order = {g: i for i, g in enumerate(labels.RATER_GROUPS)}
    rows = [RaterRow(r.id, r.group, r.seq, r.name, r.village, r.member_id) for r in query]
    return sorted(rows, key=lambda r: (order.get(r.group, 9), r.seq, r.id))


def run_events(run_id: int) -> list[EventRow]:
    query = AppraisalEvent.select().where(AppraisalEvent.run == run_id).order_by(AppraisalEvent.id)
    return [EventRow(e.at, labels.EVENT_LABELS.get(e.kind, e.kind), e.text) for e in query]


# ---- guarding and logging ---------------------------------------------------------


def editable_run(run_id: int, *states: str) -> AppraisalRun:
    """The run, refused when finalized (read-only) or not in one of `states`."""
    run = AppraisalRun.get_or_none(AppraisalRun.id == run_id)
    if run is None:
        raise AppraisalError("所选考核评议不存在，请刷新")
    if run.state == labels.FINALIZED:
        raise AppraisalError(f"{run.year}年考核评议已定档，只能查看；如需修改，请先“重新打开”并说明原因")
    if states and run.state not in states:
        wanted = "、".join(labels.STATE_LABELS[s] for s in states)
        raise AppraisalError(f"考核评议现为“{labels.STATE_LABELS[run.state]}”，此操作只能在“{wanted}”时进行")
    return run


def log_change(run: AppraisalRun, text: str) -> None:
    """Inside a write: a run finalized before logs every change made while open again."""
    if run.reopened:
        AppraisalEvent.insert(run=run.id, kind=labels.EVENT_CHANGE, text=text).execute()


def run_label(run: AppraisalRun) -> str:
    """What the audit log calls a run: e.g. 一村党支部2026年考核评议."""
    return f"{Branch.get_by_id(run.branch_id).name}{run.year}年考核评议"


# Fields of a run and of a member appraised, as the audit viewer names them.
FIELDS = {
    "state": "状态", "reopen_reason": "重新打开原因", "meeting_date": "考评大会日期", "config": "计分设置",
    "finalized_at": "定档时间", "category": "考核类别", "confirmed": "类别已确认", "excused": "不参加", "excuse_reason": "不参加原因", "self_assessment": "个人自评",
    "clause_counts": "加减分次数", "grade": "等次", "grade_reason": "等次理由", "appeal": "申辩意见",
    "measures": "改进措施",
}  # fmt: skip


def update_subject(run: AppraisalRun, subject_id: int, name: str, **values: object) -> None:
    """Inside a write: change a member appraised; once the run was finalized (and is open
    again) every field that changes goes to the audit log."""
    fields = [getattr(AppraisalSubject, f) for f in values]
    old = AppraisalSubject.select(*fields).where(AppraisalSubject.id == subject_id).dicts().get() if run.reopened else None
    AppraisalSubject.update(**values).where(AppraisalSubject.id == subject_id).execute()
    if old is not None:
        audit.changed("appraisal_subject", f"{run_label(run)}·{name}", old, values)


def subject_for_edit(subject_id: int, *states: str) -> tuple[AppraisalSubject, AppraisalRun, str]:
    s = (
        AppraisalSubject.select(AppraisalSubject, Member.name.alias("member_name")).join(Member)
        .where(AppraisalSubject.id == subject_id).objects().get_or_none()
    )  # fmt: skip
    if s is None:
        raise AppraisalError("所选党员不在本次考核评议中，请刷新")
    return s, editable_run(s.run_id, *states), s.member_name


# ---- making a run -----------------------------------------------------------------


def suggest_category(roster_category: str, birth_date: dt.date | None, position: str,
                     on: dt.date) -> tuple[str, str]:  # fmt: skip
    """The category a member is suggested under, and why; the clerk confirms it."""
    if roster_category == "外出党员":
        return "外出党员", labels.SUGGEST_AWAY
    if birth_date is not None and age_on(birth_date, on) >= labels.OLD_AGE and not position.strip():
        return "老病残党员", labels.SUGGEST_OLD
    if roster_category in labels.CATEGORIES:
        return roster_category, labels.SUGGEST_ROSTER
    if position.strip():
        return "党员干部", labels.SUGGEST_CADRE
    return roster_labels.DEFAULT_CATEGORY, labels.SUGGEST_ROSTER


def create_run(branch_id: int, year: int, meeting_date: dt.date | None = None) -> int:
    """A draft run for a branch and year with the branch's active members, each under a
    suggested category; the township's rubrics and configuration are copied into it."""
    branch = Branch.get_or_none(Branch.id == branch_id)
    if branch is None:
        raise AppraisalError("所选支部不存在，请刷新")
    if AppraisalRun.get_or_none((AppraisalRun.branch == branch_id) & (AppraisalRun.year == year)):
        raise AppraisalError(f"{branch.name}已有{year}年的考核评议，请直接打开")
    rubrics = township_rubrics()
    config = township_config()
    try:
        with writing(APPRAISAL):
            run_id = AppraisalRun.insert(
                branch=branch_id, year=year, meeting_date=meeting_date, state=labels.DRAFT,
                rubrics=rubrics_to_text(rubrics), config=json.dumps(config.to_json(), ensure_ascii=False),
            ).execute()  # fmt: skip
            _add_subjects(run_id, branch_id, year, first_seq=1)
    except IntegrityError:
        raise AppraisalError(f"{branch.name}已有{year}年的考核评议，请刷新后直接打开") from None
    return run_id


def _add_subjects(run_id: int, branch_id: int, year: int, first_seq: int, skip: set[int] = frozenset()) -> int:
    members = (
        Member.select(Member.id, Member.category, Member.birth_date, Member.position)
        .where((Member.branch == branch_id) & (Member.status == roster_labels.STATUS_ACTIVE))
        .order_by(Member.id).tuples()
    )  # fmt: skip
    year_end = dt.date(year, 12, 31)
    rows = []
    for member_id, category, birth, position in members:
        if member_id in skip:
            continue
        suggested, note = suggest_category(category, birth, position or "", year_end)
        rows.append(dict(run=run_id, member=member_id, seq=first_seq + len(rows), category=suggested,
                         suggested_category=suggested, suggestion_note=note))  # fmt: skip
    return bulk_insert(AppraisalSubject, rows)


def add_new_members(run_id: int) -> int:
    """Members who joined the branch's roster since the run was made, added (draft only)."""
    with writing(APPRAISAL):
        run = editable_run(run_id, labels.DRAFT)
        have = dict(AppraisalSubject.select(AppraisalSubject.member, AppraisalSubject.seq).where(AppraisalSubject.run == run_id).tuples())
        added = _add_subjects(run_id, run.branch_id, run.year, max(have.values(), default=0) + 1, set(have))
        if added:
            log_change(run, f"补充{added}名党员")
    return added


def set_meeting_date(run_id: int, meeting_date: dt.date | None) -> None:
    with writing(APPRAISAL):
        run = editable_run(run_id)
        AppraisalRun.update(meeting_date=meeting_date).where(AppraisalRun.id == run_id).execute()
        log_change(run, f"考评大会日期改为{meeting_date or '未定'}")
        if run.reopened:
            audit.changed("appraisal_run", run_label(run), {"meeting_date": run.meeting_date}, {"meeting_date": meeting_date})


def set_config(run_id: int, config: RunConfig) -> None:
    """The run's own weights, trimming, bands and cap (results follow at once)."""
    if lines := config_problems(config):
        raise AppraisalError(lines)
    with writing(APPRAISAL):
        run = editable_run(run_id)
        text = json.dumps(config.to_json(), ensure_ascii=False)
        AppraisalRun.update(config=text).where(AppraisalRun.id == run_id).execute()
        log_change(run, f"计分设置改为：{text}")
        if run.reopened:  # weights, trimming and bands move every total
            audit.changed("appraisal_run", run_label(run), {"config": run.config}, {"config": text})


def save_run_settings(run_id: int, meeting_date: dt.date | None, config: RunConfig, as_default: bool = False) -> None:
    """The settings dialog's save: meeting date and configuration (and, if asked, the
    configuration as the township's default for new runs), in one write."""
    if lines := config_problems(config):
        raise AppraisalError(lines)
    with writing(APPRAISAL):
        run = editable_run(run_id)
        if run.meeting_date != meeting_date:
            set_meeting_date(run_id, meeting_date)
        set_config(run_id, config)
        if as_default:
            save_township_config(config)


# ---- members --------------------------------------------------------------------


def set_category(subject_id: int, category: str) -> None:
    """The clerk confirms (or changes) the category a member is appraised under."""
    if category not in labels.CATEGORIES:
        raise AppraisalError(f"人员类别应为{'、'.join(labels.CATEGORIES)}之一")
    with writing(APPRAISAL):
        s, run, name = subject_for_edit(subject_id, labels.DRAFT)
        update_subject(run, subject_id, name, category=category, confirmed=True)
        log_change(run, f"{name}按{category}考核")


def confirm_categories(run_id: int, subject_ids: list[int] | None = None) -> int:
    """Confirm the categories as they stand (all members, or those given)."""
    with writing(APPRAISAL):
        run = editable_run(run_id, labels.DRAFT)
        query = AppraisalSubject.update(confirmed=True).where(AppraisalSubject.run == run_id)
        if subject_ids is not None:
            query = query.where(AppraisalSubject.id.in_(subject_ids))
        count = query.execute()
        log_change(run, f"确认{count}名党员的考核类别")
    return count


def excuse(subject_id: int, reason: str) -> None:
    """Excuse a member from this year's appraisal (e.g. 长期卧病), with the reason."""
    reason = clean_prose(reason)
    with writing(APPRAISAL):
        s, run, name = subject_for_edit(subject_id, labels.DRAFT, labels.SCORING)
        if not reason:
            raise AppraisalError(f"请填写{name}不参加考核评议的原因")
        update_subject(run, subject_id, name, excused=True, excuse_reason=reason)
        log_change(run, f"{name}不参加考核评议：{reason}")


def include(subject_id: int) -> None:
    """Take back an excuse: the member is appraised after all."""
    with writing(APPRAISAL):
        s, run, name = subject_for_edit(subject_id, labels.DRAFT, labels.SCORING)
        update_subject(run, subject_id, name, excused=False, excuse_reason="")
        log_change(run, f"{name}恢复参加考核评议")


def set_self_assessment(subject_id: int, text: str) -> None:
    with writing(APPRAISAL):
        s, run, name = subject_for_edit(subject_id)
        update_subject(run, subject_id, name, self_assessment=clean_prose(text))
        log_change(run, f"修改{name}的个人自评")


# ---- raters -----------------------------------------------------------------------


def add_rater(run_id: int, group: str, name: str, village: str = "", member_id: int | None = None) -> int:
    """A rater at the meeting; sheets are numbered in each group in the order added."""
    name = clean_name(name)
    lines = []
    if group not in labels.RATER_GROUPS:
        lines.append(f"评议人类别应为{'、'.join(labels.RATER_GROUPS)}之一")
    if not name:
        lines.append("请填写评议人姓名")
    elif len(name) > NAME_MAX:  # printed on each numbered score sheet
        lines.append(f"评议人姓名过长（最多{NAME_MAX}个字，现为{len(name)}个字）")
    elif problem := formula_error(name):
        lines.append(f"评议人姓名{problem}")
    if group == labels.RATER_REPRESENTATIVES and not clean_text(village):
        lines.append(f"请填写群众代表{name}所在的村（社）")
    elif len(clean_text(village)) > BRANCH_MAX:
        lines.append(f"群众代表{name}所在的村（社）过长（最多{BRANCH_MAX}个字），请写村名")
    if lines:
        raise AppraisalError(lines)
    with writing(APPRAISAL):
        run = editable_run(run_id, labels.DRAFT, labels.SCORING)
        seq = (
            AppraisalRater.select(fn.MAX(AppraisalRater.seq))
            .where((AppraisalRater.run == run_id) & (AppraisalRater.group == group)).scalar() or 0
        ) + 1  # fmt: skip
        rater_id = AppraisalRater.insert(run=run_id, group=group, seq=seq, name=name,
                                         village=clean_text(village), member=member_id).execute()  # fmt: skip
        log_change(run, f"增加评议人：{group}{seq}号 {name}")
    return rater_id


def add_member_raters(run_id: int, member_ids: list[int]) -> int:
    """The members present at the meeting, as raters (one sheet each, numbered on)."""
    names = dict(Member.select(Member.id, Member.name).where(Member.id.in_(member_ids)).tuples())
    with writing(APPRAISAL):
        run = editable_run(run_id, labels.DRAFT, labels.SCORING)
        mine = AppraisalRater.select(AppraisalRater.member, AppraisalRater.seq).where(
            (AppraisalRater.run == run_id) & (AppraisalRater.group == labels.RATER_MEMBERS)
        )
        already = {m for m, _ in mine.tuples()}
        seq = max((n for _, n in mine.tuples()), default=0)
        rows = []
        for member_id in dict.fromkeys(member_ids):
            if member_id in names and member_id not in already:
                seq += 1
                rows.append(dict(run=run_id, group=labels.RATER_MEMBERS, seq=seq, name=names[member_id], member=member_id))
        bulk_insert(AppraisalRater, rows)
        if rows:
            log_change(run, f"增加到会党员评议人{len(rows)}名：" + "、".join(r["name"] for r in rows))
    return len(rows)


def remove_rater(rater_id: int) -> None:
    """A rater added by mistake; refused once scores are entered for them."""
    rater = AppraisalRater.get_or_none(AppraisalRater.id == rater_id)
    if rater is None:
        return
    with writing(APPRAISAL):
        run = editable_run(rater.run_id, labels.DRAFT, labels.SCORING)
        if AppraisalSheet.select().where(AppraisalSheet.rater == rater_id).exists():
            raise AppraisalError(f"{rater.group}{rater.seq}号 {rater.name}已录入评分，请先清空其评分表再删除")
        rater.delete_instance()
        log_change(run, f"删除评议人：{rater.group}{rater.seq}号 {rater.name}")


# ---- life -------------------------------------------------------------------------


def start_scoring(run_id: int) -> None:
    """From draft to scoring: every category confirmed, someone to appraise, raters."""
    with writing(APPRAISAL):
        run = editable_run(run_id, labels.DRAFT)
        subjects = list_subjects(run_id)
        lines = [f"{s.name}的考核类别（建议：{s.category}）尚未确认" for s in subjects if not s.confirmed and not s.excused]
        if not any(not s.excused for s in subjects):
            lines.append("没有参加考核评议的党员")
        if not AppraisalRater.select().where(AppraisalRater.run == run_id).exists():
            lines.append("请先登记评议人（到会党员和群众代表）")
        if lines:
            raise AppraisalError(lines)
        AppraisalRun.update(state=labels.SCORING, updated_at=now()).where(AppraisalRun.id == run_id).execute()
        log_change(run, "开始评分")


def reopen(run_id: int, reason: str) -> None:
    """Open a finalized run again: the reason is logged, and so is every change after."""
    reason = clean_prose(reason)
    run = AppraisalRun.get_or_none(AppraisalRun.id == run_id)
    if run is None:
        raise AppraisalError("所选考核评议不存在，请刷新")
    if run.state != labels.FINALIZED:
        raise AppraisalError("只有已定档的考核评议需要重新打开")
    if not reason:
        raise AppraisalError("请说明重新打开的原因（将记入修改记录）")
    with writing(APPRAISAL):
        AppraisalRun.update(state=labels.SCORING, reopened=True, updated_at=now()).where(AppraisalRun.id == run_id).execute()
        AppraisalEvent.insert(run=run_id, kind=labels.EVENT_REOPEN, text=reason).execute()
        audit.changed("appraisal_run", run_label(run), {"state": labels.STATE_LABELS[run.state], "reopen_reason": None},
                      {"state": labels.STATE_LABELS[labels.SCORING], "reopen_reason": reason})  # fmt: skip
