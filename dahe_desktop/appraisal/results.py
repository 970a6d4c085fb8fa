"""A run's results and the committee's grades. Totals and suggested grades come from the
scores; the branch committee proposes each grade from the scores and the member's conduct
(不能简单以票取人) and writes its reason wherever it differs from the suggestion; the
member may be heard (申辩); 基本合格/不合格 members get improvement measures (改进措施)."""

from __future__ import annotations

import json

from dahe_desktop.appraisal import labels
from dahe_desktop.appraisal.entry import agreed_rows, all_scores, compare_passes
from dahe_desktop.appraisal.points import format_total
from dahe_desktop.appraisal.records import AppraisalError, ItemResult, MemberResult, RunResults
from dahe_desktop.appraisal.runs import (
    editable_run,
    log_change,
    run_info,
    run_label,
    subject_for_edit,
    update_subject,
)
from dahe_desktop.appraisal.scoring import SubjectScores, compute_results
from dahe_desktop.safety.backups import backup_before
from dahe_desktop.textnorm import clean_prose  # prose: punctuation kept as typed
from db import audit
from db.changes import APPRAISAL
from db.connection import writing
from db.models import AppraisalEvent, AppraisalRun, AppraisalSubject, Member, now


def run_results(run_id: int) -> RunResults:
    """Every member's items, total, rank and grades; totals only once both passes of every
    sheet agree (`blocked` says what is still to settle)."""
    run = run_info(run_id)
    scores = all_scores(run_id)
    differences, pending = compare_passes(run_id, scores)
    blocked = pending + [f"{len(differences)}处两遍录入不一致，请逐格核对"] * bool(differences)
    subjects = list(
        AppraisalSubject.select(AppraisalSubject, Member.name.alias("member_name"), Member.position.alias("position"))
        .join(Member).where(AppraisalSubject.run == run_id)
        .order_by(AppraisalSubject.seq, AppraisalSubject.id).dicts()
    )  # fmt: skip
    rows = agreed_rows(run_id, scores) if not blocked else {}
    inputs, members = [], []
    for s in subjects:
        rubric = run.rubrics[s["category"]]
        counts = json.loads(s["clause_counts"] or "{}")
        clause_points = [i.clause_points(counts.get(i.key, [0] * len(i.clauses))) for i in rubric.clause_items]
        m = MemberResult(
            subject_id=s["id"], member_id=s["member"], seq=s["seq"], name=s["member_name"], position=s["position"],
            category=s["category"], excused=bool(s["excused"]), excuse_reason=s["excuse_reason"],
            grade=s["grade"], grade_recorded=bool(s["grade"]), grade_reason=s["grade_reason"],
            appeal=s["appeal"], measures=s["measures"],
        )  # fmt: skip
        members.append(m)
        if not m.excused and not blocked:
            inputs.append(SubjectScores(s["id"], len(rubric.rated_items), dict(rows.get(s["id"], {})), clause_points))
        m.items = [ItemResult(i.name, i.max, None) for i in rubric.rated_items] + [
            ItemResult(i.name, i.max, float(p), True, _clause_detail(i, counts.get(i.key)))
            for i, p in zip(rubric.clause_items, clause_points, strict=True)
        ]
    computed = {r.subject_id: r for r in compute_results(inputs, run.config)}
    warnings = []
    for m in members:
        r = computed.get(m.subject_id)
        if r is None:
            continue
        for item, value in zip(m.items, r.rated, strict=False):
            item.points = value
        m.total, m.rank, m.suggested, m.capped = r.total, r.rank, r.suggested, r.capped
        if m.total is None:
            missing = [i.name for i, v in zip(m.items, r.rated, strict=False) if v is None]
            warnings.append(f"{m.name}的“{'、'.join(missing)}”没有任何评议人打分")
        if not m.grade_recorded:
            m.grade = m.suggested
    return RunResults(run, members, blocked, warnings)


def _clause_detail(item, counts) -> str:
    counts = counts or [0] * len(item.clauses)
    parts = [f"{c.label}{n}{c.unit}" for c, n in zip(item.clauses, counts, strict=True) if n]
    return "，".join(parts) or "无"


def set_grade(subject_id: int, grade: str, reason: str = "") -> None:
    """The committee's proposed grade; a reason is required wherever it differs from the
    grade the points suggest (and refused while the points do not count yet)."""
    reason = clean_prose(reason)
    with writing(APPRAISAL):
        s, run, name = subject_for_edit(subject_id, labels.SCORING)
        results = run_results(run.id)
        m = next(x for x in results.members if x.subject_id == subject_id)
        if grade not in results.run.config.grades:
            raise AppraisalError(f"等次应为{'、'.join(results.run.config.grades)}之一")
        if m.excused:
            raise AppraisalError(f"{name}不参加本次考核评议，不能评定等次")
        if results.blocked or m.total is None:
            raise AppraisalError([f"{name}的得分尚未确定，不能评定等次", *results.blocked])
        if grade != m.suggested and not reason:
            raise AppraisalError(f"{name}得分{format_total(m.total)}，按分数建议为“{m.suggested}”；"
                                 f"评为“{grade}”须写明理由（支委会根据现实表现）")  # fmt: skip
        update_subject(run, subject_id, name, grade=grade, grade_reason=reason)
        log_change(run, f"{name}评定为{grade}" + (f"：{reason}" if reason else ""))


def clear_grade(subject_id: int) -> None:
    """Back to the grade the points suggest."""
    with writing(APPRAISAL):
        s, run, name = subject_for_edit(subject_id, labels.SCORING)
        update_subject(run, subject_id, name, grade="", grade_reason="")
        log_change(run, f"{name}的等次改回按分数建议")


def set_appeal(subject_id: int, text: str) -> None:
    """The member's 申辩, as heard by the committee."""
    with writing(APPRAISAL):
        s, run, name = subject_for_edit(subject_id, labels.SCORING)
        update_subject(run, subject_id, name, appeal=clean_prose(text))
        log_change(run, f"记录{name}的申辩意见")


def set_measures(subject_id: int, text: str) -> None:
    """Improvement measures (改进措施) for a member graded 基本合格 or 不合格."""
    with writing(APPRAISAL):
        s, run, name = subject_for_edit(subject_id, labels.SCORING)
        update_subject(run, subject_id, name, measures=clean_prose(text))
        log_change(run, f"修改{name}的改进措施")


def record_decision(subject_id: int, grade: str, reason: str, appeal: str, measures: str) -> None:
    """The grade dialog's save: grade (with reason), 申辩 and measures in one write."""
    with writing(APPRAISAL):
        set_grade(subject_id, grade, reason)
        set_appeal(subject_id, appeal)
        set_measures(subject_id, measures)


def finalize_problems(results: RunResults) -> list[str]:
    lines = list(results.blocked) + list(results.warnings)
    for m in results.members:
        if m.excused or m.total is None:
            continue
        if m.grade_recorded and m.grade != m.suggested and not m.grade_reason:
            lines.append(f"{m.name}评为“{m.grade}”与按分数建议的“{m.suggested}”不同，请写明理由")
        if m.grade in labels.NEEDS_MEASURES and not m.measures:
            lines.append(f"{m.name}评为“{m.grade}”，请填写改进措施")
    return lines


def finalize(run_id: int) -> None:
    """Fix the results: every grade is recorded as it stands and the run becomes read-only.
    The file is backed up first (a branch's year of appraisal is fixed at once)."""
    backup_before("finalization")
    with writing(APPRAISAL):
        run = editable_run(run_id, labels.SCORING)
        results = run_results(run_id)
        if lines := finalize_problems(results):
            raise AppraisalError(lines)
        for m in results.members:
            if not m.excused and not m.grade_recorded:
                AppraisalSubject.update(grade=m.suggested).where(AppraisalSubject.id == m.subject_id).execute()
        label = run_label(run)  # the results as fixed: each grade, and the run's state
        audit.changed_many("appraisal_subject", [
            (f"{label}·{m.name}", {"grade": None}, {"grade": m.grade}) for m in results.members if not m.excused
        ])  # fmt: skip
        audit.changed("appraisal_run", label, {"state": labels.STATE_LABELS[run.state]},
                      {"state": labels.STATE_LABELS[labels.FINALIZED]})  # fmt: skip
        stamp = now()
        AppraisalRun.update(state=labels.FINALIZED, finalized_at=stamp, updated_at=stamp).where(AppraisalRun.id == run_id).execute()
        counts: dict[str, int] = {}
        for m in results.members:
            if not m.excused:
                counts[m.grade] = counts.get(m.grade, 0) + 1
        summary = "，".join(f"{g}{counts.get(g, 0)}名" for g in results.run.config.grades)
        AppraisalEvent.insert(run=run_id, kind=labels.EVENT_FINALIZE, text=summary).execute()
