"""What the appraisal papers print, gathered from a run as plain values, and what they
share: faces, table cells, the check of every character before a page is drawn."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dahe_desktop.appraisal.entry import appraised_subjects
from dahe_desktop.appraisal.labels import RATER_GROUPS
from dahe_desktop.appraisal.points import format_points
from dahe_desktop.appraisal.records import AppraisalError, MemberResult
from dahe_desktop.appraisal.results import run_results
from dahe_desktop.appraisal.runs import list_raters, run_info
from dahe_desktop.printing import fonts
from dahe_desktop.printing.document import Drawer
from dahe_desktop.printing.text import Box, TextStyle

# GB/T 9704 roles (fonts.role_chain): titles 小标宋 or bold Song, body 仿宋, tables Song;
# the shipped Song and FangSong stand in where Windows has none.
BODY_FACE = fonts.BODY
SHEET_FACE = fonts.SONG  # score sheets and slips: Song reads best small


@dataclass
class SheetPlan:
    """One blank score sheet: a rater group's numbered copy for one category."""

    branch: str
    year: int
    meeting_date: dt.date | None
    category: str
    group: str
    number: int
    items: list[tuple[str, str]]  # (name, maximum as printed)
    members: list[str]
    clause_items: list[str] = field(default_factory=list)  # fixed by the branch, not scored


def sheet_plans(run_id: int, copies: int | None = None) -> list[SheetPlan]:
    """Every sheet for the meeting, collated by rater (group, number, then category):
    one copy per rater registered in a group, or `copies` for each group."""
    run = run_info(run_id)
    raters = list_raters(run_id)
    by_category = {c: [s["name"] for s in appraised_subjects(run_id, c)] for c in run.rubrics}
    plans = []
    for group in RATER_GROUPS:
        count = copies if copies is not None else sum(r.group == group for r in raters)
        for number in range(1, count + 1):
            for category, rubric in run.rubrics.items():
                if not by_category[category]:
                    continue
                plans.append(SheetPlan(
                    run.branch_name, run.year, run.meeting_date, category, group, number,
                    [(i.name, format_points(i.max)) for i in rubric.rated_items], by_category[category],
                    [i.name for i in rubric.clause_items],
                ))  # fmt: skip
    if not plans:
        raise AppraisalError("没有可打印的评分表：请先登记参加评议的党员和评议人")
    return plans


@dataclass
class PostedResults:
    """A branch's results as posted or handed out."""

    branch: str
    year: int
    meeting_date: dt.date | None
    members: list[MemberResult]  # those appraised, in rank order
    excused: int
    final: bool


def posted_results(run_id: int) -> PostedResults:
    """Results that count (both passes agree); refused while they do not."""
    res = run_results(run_id)
    if res.blocked:
        raise AppraisalError(["评议结果尚未确定，不能打印：", *res.blocked])
    graded = [m for m in res.members if not m.excused and m.total is not None]
    if not graded:
        raise AppraisalError("还没有评议结果可打印")
    graded.sort(key=lambda m: (m.rank or 0, m.seq))
    excused = sum(m.excused for m in res.members)
    return PostedResults(res.run.branch_name, res.run.year, res.run.meeting_date, graded, excused,
                         res.run.state == "finalized")  # fmt: skip


def chains(items: list[tuple[str, str]], body: str = BODY_FACE) -> tuple[fonts.FontChain, fonts.FontChain]:
    """Title and body chains, once every character is known printable (else
    MissingGlyphsError naming the member and the character)."""
    out = fonts.role_chain(fonts.TITLE), fonts.role_chain(body)
    for chain in out:
        fonts.check_printable(items, chain)
    return out


def cell(d: Drawer, value: str, box: Box, style: TextStyle | tuple[TextStyle, ...], pad: float, *,
         title: bool = False, who: str = "", border: bool = True) -> None:  # fmt: skip
    """A ruled table cell with its text inset by `pad`."""
    if border:
        d.rect(box)
    if value:
        inner = Box(box.x + pad, box.y + pad * 0.6, box.width - 2 * pad, box.height - 1.2 * pad)
        d.text(value, inner, style, title=title, who=who)
