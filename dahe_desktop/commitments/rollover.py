"""Year rollover: unfinished commitments of a year become next year's drafts.

A carried draft keeps a link to the commitment it came from (`carried_from`); a
commitment with such a link is never carried again, so running the rollover twice
copies nothing the second time.
"""

from __future__ import annotations

import datetime as dt

from peewee import fn

from dahe_desktop import labels
from dahe_desktop.commitments.records import OVERDUE, PROMISED, RolloverResult
from dahe_desktop.safety.backups import backup_before
from db import audit, changes, writing
from db.bulk import insert_returning_ids
from db.models import Commitment, Member, now


def _next_year(day: dt.date | None) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def carry_over(year: int, *, dry_run: bool = False) -> RolloverResult:
    """Copy the unfinished (承诺中 / 逾期未完成) confirmed commitments of active members
    from `year` into `year + 1` as drafts, in one transaction. With `dry_run`, only count."""
    carried = Commitment.alias()
    already_ids = {
        c for (c,) in carried.select(carried.carried_from).where(carried.carried_from.is_null(False)).tuples()
    }
    sources = list(
        Commitment.select(Commitment).join(Member)
        .where((Commitment.year == year) & Commitment.status.in_([PROMISED, OVERDUE])
               & (Commitment.is_draft == False) & (Member.status == labels.STATUS_ACTIVE))  # noqa: E712
        .order_by(Commitment.member, Commitment.seq, Commitment.id)
    )  # fmt: skip
    todo = [c for c in sources if c.id not in already_ids]
    result = RolloverResult(copied=len(todo), already=len(sources) - len(todo), members=len({c.member_id for c in todo}))
    if dry_run or not todo:
        return result
    last_seq = dict(
        Commitment.select(Commitment.member, fn.MAX(Commitment.seq))
        .where(Commitment.year == year + 1).group_by(Commitment.member).tuples()
    )  # fmt: skip
    stamp = now()
    rows = []
    for c in todo:
        seq = last_seq.get(c.member_id, 0) + 1
        last_seq[c.member_id] = seq
        rows.append(dict(
            member=c.member_id, year=year + 1, seq=seq, area=c.area, content=c.content,
            due_date=_next_year(c.due_date), quality=c.quality, status=PROMISED, is_draft=True,
            carried_from=c.id, created_at=stamp, updated_at=stamp,
        ))  # fmt: skip
    if rows:
        backup_before("rollover")  # a year's worth of drafts at once: keep the file before it
    with writing(changes.COMMITMENTS):
        audit.created_many(Commitment, list(zip(insert_returning_ids(Commitment, rows), rows, strict=True)))
    return result
