"""The versions of members' commitments printed for posting (建卡存档, 公示).

Each print stores, per member, what the card or the notice showed, unless it is the same
as the last version of that kind: the clerk can reprint exactly the posted version and
see what changed since it was posted.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

from dahe_desktop.commitments.records import (
    CommitmentRow,
    PostedCard,
    PostedItem,
    PostingDiff,
)
from dahe_desktop.commitments.service import member_brief, printable_items
from dahe_desktop.roster.members import MemberBrief
from db import changes, writing
from db.models import Branch, CommitmentPosting, Member, now

CARD, NOTICE = "card", "notice"
KINDS = {CARD: "承诺卡", NOTICE: "承诺公示"}


@dataclass
class PostingVersion:
    """One stored version: when and as what it was printed, and what it showed."""

    id: int
    kind: str
    printed_at: dt.datetime
    card: PostedCard


def _item(row: CommitmentRow) -> PostedItem:
    due = row.due_date.isoformat() if row.due_date else ""
    return PostedItem(row.id, row.seq, row.area, row.content, due, row.quality)


def _card(member: MemberBrief, year: int, rows: list[CommitmentRow]) -> PostedCard:
    return PostedCard(member.id, member.name, member.position, member.branch_name, year, [_item(r) for r in rows])


def current_cards(year: int, branch_id: int | None = None, member_ids: list[int] | None = None) -> list[PostedCard]:
    """Today's printable commitments grouped per member (members with none are left out),
    in branch and member order."""
    cards: dict[int, PostedCard] = {}
    # Branch names, positions, areas, dates and many contents repeat across a township:
    # one string each, not one per row read (the cards live until the print is saved).
    one = {}.setdefault
    for member_id, name, position, branch, item_id, seq, area, content, due, quality in printable_items(
        year, branch_id, member_ids
    ):
        card = cards.get(member_id)
        if card is None:
            card = cards[member_id] = PostedCard(member_id, name, one(position, position), one(branch, branch), year, [])
        due_text = (due if isinstance(due, str) else due.isoformat()) if due else ""
        card.items.append(PostedItem(item_id, seq, one(area, area), one(content, content), one(due_text, due_text),
                                     one(quality, quality)))  # fmt: skip
    return list(cards.values())


def _dump(card: PostedCard) -> str:
    data = asdict(card)
    data.pop("member_id")
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _load(member_id: int, text: str) -> PostedCard:
    data = json.loads(text)
    items = [PostedItem(**i) for i in data.pop("items")]
    return PostedCard(member_id=member_id, items=items, **data)


def record_postings(cards: list[PostedCard], kind: str, printed_at: dt.datetime | None = None) -> int:
    """Store what was just printed, one version per member whose content changed since
    the last version of this kind; one transaction. Returns how many were stored."""
    if kind not in KINDS:
        raise ValueError(f"unknown posting kind {kind!r}")
    stamp = printed_at or now()
    stored = 0
    with writing(changes.POSTINGS):
        for card in cards:
            last = _latest(card.member_id, card.year, kind)
            text = _dump(card)
            if last is not None and last.snapshot == text:
                continue
            CommitmentPosting.create(member=card.member_id, year=card.year, kind=kind, printed_at=stamp, snapshot=text)
            stored += 1
    return stored


def _latest(member_id: int, year: int, kind: str | None) -> CommitmentPosting | None:
    query = CommitmentPosting.select().where((CommitmentPosting.member == member_id) & (CommitmentPosting.year == year))
    if kind:
        query = query.where(CommitmentPosting.kind == kind)
    return query.order_by(CommitmentPosting.printed_at.desc(), CommitmentPosting.id.desc()).first()


def _version(p: CommitmentPosting) -> PostingVersion:
    return PostingVersion(p.id, p.kind, p.printed_at, _load(p.member_id, p.snapshot))


def last_posting(member_id: int, year: int, kind: str | None = None) -> PostingVersion | None:
    """The latest posted version of a member's commitments (of either kind by default)."""
    p = _latest(member_id, year, kind)
    return None if p is None else _version(p)


def posting_history(member_id: int, year: int) -> list[PostingVersion]:
    """Every stored version of a member's commitments for a year, newest first."""
    query = (
        CommitmentPosting.select()
        .where((CommitmentPosting.member == member_id) & (CommitmentPosting.year == year))
        .order_by(CommitmentPosting.printed_at.desc(), CommitmentPosting.id.desc())
    )
    return [_version(p) for p in query]


def posting_by_id(posting_id: int) -> PostingVersion:
    """One stored version, e.g. the one the clerk picked in the history to reprint."""
    return _version(CommitmentPosting.get_by_id(posting_id))


def posted_cards(year: int, kind: str, branch_id: int | None = None, member_ids: list[int] | None = None) -> list[PostedCard]:
    """The last posted version of each member's commitments of this kind, for a reprint
    that matches the paper on the wall (members never posted are left out)."""
    query = (
        CommitmentPosting.select(CommitmentPosting).join(Member).join(Branch)
        .where((CommitmentPosting.year == year) & (CommitmentPosting.kind == kind))
        .order_by(Branch.sort_order, Branch.id, Member.id, CommitmentPosting.printed_at, CommitmentPosting.id)
    )  # fmt: skip
    if branch_id is not None:
        query = query.where(Member.branch == branch_id)
    if member_ids is not None:
        query = query.where(CommitmentPosting.member.in_(member_ids))
    latest: dict[int, CommitmentPosting] = {}
    for p in query:
        latest[p.member_id] = p  # ordered oldest first: the last one wins
    return [_load(p.member_id, p.snapshot) for p in latest.values()]


def diff_cards(old: PostedCard | None, new: PostedCard) -> PostingDiff:
    """What `new` adds, removes and changes compared with `old`, item by item (by id)."""
    diff = PostingDiff(posted_at=None)
    before = {i.id: i for i in (old.items if old else [])}
    after = {i.id: i for i in new.items}
    diff.added = [i for k, i in after.items() if k not in before]
    diff.removed = [i for k, i in before.items() if k not in after]
    diff.changed = [(before[k], i) for k, i in after.items() if k in before and before[k].key_fields() != i.key_fields()]
    return diff


def changes_since_posting(member_id: int, year: int, kind: str | None = None) -> PostingDiff:
    """Today's commitments compared with the last posted version (empty if never posted:
    then `posted_at` is None and everything is "added")."""
    last = last_posting(member_id, year, kind)
    if last is not None:
        return changes_since_version(last)
    return diff_cards(None, _current_card(member_id, year))


def changes_since_version(version: PostingVersion) -> PostingDiff:
    """Today's commitments of the version's member compared with that posted version."""
    diff = diff_cards(version.card, _current_card(version.card.member_id, version.card.year))
    diff.posted_at = version.printed_at
    return diff


def _current_card(member_id: int, year: int) -> PostedCard:
    cards = current_cards(year, member_ids=[member_id])
    return cards[0] if cards else _card(member_brief(member_id), year, [])


def members_changed_since_posting(year: int, kind: str, branch_id: int | None = None) -> list[int]:
    """Members posted before whose commitments differ from that posted version now."""
    posted = {c.member_id: c for c in posted_cards(year, kind, branch_id)}
    current = {c.member_id: c for c in current_cards(year, branch_id, list(posted))}
    changed = []
    for member_id, old in posted.items():
        new = current.get(member_id) or PostedCard(member_id, old.name, old.position, old.branch_name, year, [])
        if diff_cards(old, new):
            changed.append(member_id)
    return changed


def members_to_post(year: int, kind: str, branch_id: int | None = None) -> list[int]:
    """Members whose commitments are not on the wall as they stand: never posted (of this
    kind), or changed since. A print of just these brings the wall up to date."""
    posted = {c.member_id for c in posted_cards(year, kind, branch_id)}
    never = [c.member_id for c in current_cards(year, branch_id) if c.member_id not in posted]
    return never + members_changed_since_posting(year, kind, branch_id)
