"""Plain records passed between the commitments core, the tab, the CLI and the printouts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dahe_desktop import labels

PROMISED, DONE, OVERDUE, WITHDRAWN = labels.COMMITMENT_STATUSES
MIN_PER_YEAR = 1
MAX_PER_YEAR = 5
# Characters: five rows this long still fit an A5 card at the 7 pt floor.
CONTENT_MAX = 100
QUALITY_MAX = 60
DRAFT_LABEL = "草稿"  # a commitment carried over from last year, not yet confirmed


@dataclass
class CommitmentInput:
    """One commitment as typed in the quick-entry dialog; `id` is None for a new one."""

    area: str = ""
    content: str = ""
    due_date: dt.date | None = None
    quality: str = ""
    id: int | None = None
    version: int | None = None  # the version it was loaded at: a save over another clerk's is refused

    def is_blank(self) -> bool:
        return not (self.content.strip() or self.quality.strip() or self.due_date)


@dataclass
class CommitmentRow:
    """One commitment with its member and branch, as the tab and the printouts show it."""

    id: int
    member_id: int
    member_name: str
    position: str
    branch_id: int
    branch_name: str
    year: int
    seq: int
    area: str
    content: str
    due_date: dt.date | None
    quality: str
    status: str
    status_reason: str
    done_date: dt.date | None
    verified_how: str
    verified_by: str
    is_draft: bool
    carried_from: int | None
    overdue: bool = False
    overdue_days: int = 0  # days past the completion date, while late
    version: int | None = None  # as loaded (an edit hands it back with the input)

    @property
    def status_text(self) -> str:
        """The status as the clerk reads it: drafts and promises past due say so."""
        if self.is_draft:
            return f"{DRAFT_LABEL}（{self.status}）"
        if self.overdue and self.status == PROMISED:
            return OVERDUE  # one word for late work, whether or not it was marked so
        return self.status


@dataclass
class CommitmentFilter:
    """What the tab (or a printout) asks for; None means "any"."""

    year: int
    branch_id: int | None = None
    area: str | None = None
    status: str | None = None  # one of COMMITMENT_STATUSES, or DRAFT_LABEL
    name: str = ""  # part of a name, or its pinyin initials / full pinyin
    overdue_only: bool = False
    member_ids: list[int] | None = None
    include_drafts: bool = True
    include_withdrawn: bool = True


@dataclass
class BranchProgress:
    """How far one branch has got with its commitments this year."""

    branch_id: int
    branch_name: str
    active_members: int
    members_with: int
    members_without: int
    committed: int  # confirmed, not withdrawn
    done: int
    overdue: int
    drafts: int

    @property
    def done_share(self) -> float:
        return self.done / self.committed if self.committed else 0.0


@dataclass
class StatusChange:
    """A status set on many commitments at once, with what the status needs."""

    status: str
    done_date: dt.date | None = None
    verified_how: str = ""
    verified_by: str = ""
    reason: str = ""


@dataclass
class RolloverResult:
    copied: int = 0
    already: int = 0  # carried before: never copied twice
    members: int = 0


@dataclass
class PostedItem:
    """A commitment as it was printed (a snapshot item), comparable with today's record."""

    id: int | None
    seq: int
    area: str
    content: str
    due_date: str  # ISO date or ""
    quality: str

    def key_fields(self) -> tuple[str, str, str, str]:
        return (self.area, self.content, self.due_date, self.quality)


@dataclass
class PostedCard:
    """One member's commitments as printed: what a card or a notice row group shows."""

    member_id: int
    name: str
    position: str
    branch_name: str
    year: int
    items: list[PostedItem] = field(default_factory=list)


@dataclass
class PostingDiff:
    """What changed since the last posted version, matched by commitment id."""

    posted_at: dt.datetime | None
    added: list[PostedItem] = field(default_factory=list)
    removed: list[PostedItem] = field(default_factory=list)
    changed: list[tuple[PostedItem, PostedItem]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def lines(self) -> list[str]:
        """The changes in plain Chinese, one per line, for the tab."""
        out = [f"新增：{i.area}｜{i.content}" for i in self.added]
        out += [f"删除：{i.area}｜{i.content}" for i in self.removed]
        for old, new in self.changed:
            parts = []
            for label, a, b in zip(("领域", "内容", "完成时间", "质量要求"), old.key_fields(), new.key_fields(), strict=True):
                if a != b:
                    parts.append(f"{label}“{a or '—'}”→“{b or '—'}”")
            out.append(f"修改：{old.content[:12]}：" + "；".join(parts))
        return out
