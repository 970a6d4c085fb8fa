"""The rules for commitments, as plain functions over plain data (no database).

The 1-5 rule (seed §3.5: 每年每名党员 ... 公开承诺办1-5件实事) counts a member's
confirmed commitments of the year that are not withdrawn: a withdrawn promise is no
longer made, so the member may replace it; a draft carried over from last year is not
yet made either, and counts once the clerk confirms it.
"""

from __future__ import annotations

import datetime as dt

from dahe_desktop import labels
from dahe_desktop.commitments.records import (
    CONTENT_MAX,
    DONE,
    MAX_PER_YEAR,
    MIN_PER_YEAR,
    OVERDUE,
    PROMISED,
    QUALITY_MAX,
    WITHDRAWN,
    CommitmentInput,
    StatusChange,
)
from dahe_desktop.errors import UserError
from dahe_desktop.textnorm import clean_prose, clean_text


class CommitmentError(UserError):
    """A write or print was refused; `lines` says what to fix, one problem per line."""


def counts_toward_limit(status: str, is_draft: bool) -> bool:
    """Whether a commitment is one of the member's 1 to 5 for the year."""
    return status != WITHDRAWN and not is_draft


def days_overdue(status: str, due_date: dt.date | None, today: dt.date, is_draft: bool = False) -> int:
    """How many days a late commitment is past its completion date (0 when not late)."""
    if due_date is None or not is_overdue(status, due_date, today, is_draft):
        return 0
    return (today - due_date).days


def is_overdue(status: str, due_date: dt.date | None, today: dt.date, is_draft: bool = False) -> bool:
    """Past its completion date and not done: still promised, or already marked 逾期未完成."""
    if is_draft:
        return False
    if status == OVERDUE:
        return True
    return status == PROMISED and due_date is not None and due_date < today


def count_message(name: str, year: int, count: int) -> str | None:
    """The 1-5 rule for one member-year, or None when it holds."""
    if count > MAX_PER_YEAR:
        return f"{name}{year}年的承诺有{count}项，每名党员每年承诺{MIN_PER_YEAR}至{MAX_PER_YEAR}项，请删去{count - MAX_PER_YEAR}项"
    if count < MIN_PER_YEAR:
        return f"{name}{year}年还没有承诺，每名党员每年承诺{MIN_PER_YEAR}至{MAX_PER_YEAR}项，请至少填写一项"
    return None


def clean_input(item: CommitmentInput) -> CommitmentInput:
    """Trimmed text (full-width digits folded), so stray spaces never reach a card."""
    return CommitmentInput(
        area=clean_text(item.area),
        content=clean_prose(item.content),
        due_date=item.due_date,
        quality=clean_prose(item.quality),
        id=item.id,
        version=item.version,
    )


def input_problems(item: CommitmentInput, year: int) -> list[str]:
    """What is wrong with one typed commitment (a cleaned one), as short phrases."""
    problems = []
    if item.area not in labels.COMMITMENT_AREAS:
        problems.append(f"承诺领域应为：{'、'.join(labels.COMMITMENT_AREAS)}" if item.area else "请选择承诺领域")
    if not item.content:
        problems.append("请填写承诺内容")
    elif len(item.content) > CONTENT_MAX:
        problems.append(f"承诺内容过长（{len(item.content)}字，最多{CONTENT_MAX}字）")
    if item.due_date is None:
        problems.append("请填写完成时间")
    elif item.due_date.year != year:
        problems.append(f"完成时间应在{year}年内")
    if not item.quality:
        problems.append("请填写达到的质量要求")
    elif len(item.quality) > QUALITY_MAX:
        problems.append(f"质量要求过长（{len(item.quality)}字，最多{QUALITY_MAX}字）")
    return problems


def check_member_year(name: str, year: int, items: list[CommitmentInput], others: int = 0) -> tuple[list[CommitmentInput], list[str]]:
    """Clean and check a member's typed commitments for a year (blank rows dropped).

    `others` is how many of the member's commitments of that year count toward the
    limit but are not in `items` (e.g. done ones kept as they are). Returns the
    cleaned items and the problems, each line naming the member and the row."""
    cleaned = [clean_input(i) for i in items if not i.is_blank()]
    lines = []
    for number, item in enumerate(cleaned, start=1):
        problems = input_problems(item, year)
        if problems:
            lines.append(f"{name}的第{number}项承诺：" + "；".join(problems))
    if message := count_message(name, year, len(cleaned) + others):
        lines.insert(0, message)
    return cleaned, lines


def change_problems(change: StatusChange, today: dt.date) -> list[str]:
    """What a status change needs before it can be applied to any commitment."""
    if change.status not in labels.COMMITMENT_STATUSES:
        return [f"状态应为：{'、'.join(labels.COMMITMENT_STATUSES)}"]
    lines = []
    if change.status == DONE:
        if change.done_date is None:
            lines.append("标记已完成须填写完成日期")
        elif change.done_date > today:
            lines.append("完成日期晚于今天")
    if change.status == WITHDRAWN and not clean_prose(change.reason):
        lines.append("撤回承诺须填写撤回原因")
    return lines


def change_problem_for(change: StatusChange, name: str, content: str, due_date: dt.date | None,
                       is_draft: bool, year: int, today: dt.date) -> str | None:
    """Why a status change does not fit one commitment, naming the member and the item."""
    what = f"{name}的承诺“{content[:16]}”"
    if is_draft:
        return f"{what}是从上年结转的草稿，请先在录入承诺中确认"
    if change.status == OVERDUE and (due_date is None or due_date >= today):
        return f"{what}的完成时间（{due_date or '未填'}）还没到，不能标记逾期未完成"
    if change.status == DONE and change.done_date is not None and change.done_date.year < year:
        return f"{what}是{year}年的承诺，完成日期不能早于{year}年"
    return None
