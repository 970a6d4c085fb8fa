"""What else is known of a member while they are scored: their self-assessment (个人自评),
this year's public commitments and how they ended, their 设岗定责 posts and duty log, and
whatever other features add (pairing households) through `register_source`. Plain data
for the tab."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from dahe_desktop.appraisal.records import AppraisalError
from dahe_desktop.commitments.service import member_commitments
from dahe_desktop.posts.labels import ON_POST
from db.models import AppraisalRun, AppraisalSubject


@dataclass
class ContextSection:
    title: str
    lines: list[str]  # one fact a line, e.g. "已完成｜修通村道500米"
    empty_text: str = "无"


@dataclass
class MemberContext:
    subject_id: int
    member_id: int
    year: int
    self_assessment: str
    sections: list[ContextSection] = field(default_factory=list)


# (member id, year) -> a section, or None when the feature has nothing for that member.
Source = Callable[[int, int], ContextSection | None]
_sources: list[Source] = []


def register_source(source: Source) -> Source:
    """Another feature (posts, pairing) adds what it knows of a member to the context."""
    if source not in _sources:
        _sources.append(source)
    return source


def commitments_section(member_id: int, year: int) -> ContextSection:
    lines = []
    for c in member_commitments(member_id, year):
        if c.is_draft:
            continue
        tail = f"（{c.status_reason}）" if c.status_reason else ""
        lines.append(f"{c.status_text}｜{c.content}{tail}")
    return ContextSection(f"{year}年公开承诺", lines, "本年没有公开承诺")


def posts_section(member_id: int, year: int) -> ContextSection:
    """The member's 设岗定责 posts of the year (ended ones too) and their duty log."""
    from dahe_desktop.posts.appointments import list_appointments, list_duty_log

    lines = []
    for a in list_appointments(year, member_ids=[member_id], include_ended=True):
        state = "" if a.status == ON_POST else f"（{a.status}）"
        lines.append(f"{a.post_name}{state}：履职记录{a.log_entries}条")
        for log in list_duty_log(year, appointment_id=a.id)[:5]:
            lines.append(f"　{log.done_on:%m-%d} {log.what}")
    return ContextSection(f"{year}年设岗定责", lines, "本年没有设岗定责岗位")


def member_context(subject_id: int) -> MemberContext:
    s = AppraisalSubject.get_or_none(AppraisalSubject.id == subject_id)
    if s is None:
        raise AppraisalError("所选党员不在本次考核评议中，请刷新")
    year = AppraisalRun.get_by_id(s.run_id).year
    sections = [commitments_section(s.member_id, year), posts_section(s.member_id, year)]
    for source in _sources:
        if (section := source(s.member_id, year)) is not None:
            sections.append(section)
    return MemberContext(subject_id, s.member_id, year, s.self_assessment, sections)
