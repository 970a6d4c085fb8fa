"""What the audit log calls the records of a vote: names as they stood when the change
was made (ballot entries are replaced whole, so an id would say nothing later)."""

from __future__ import annotations

from db.models import Branch, Member
from db.models.posts import BranchPost, PostAppointment, PostCandidate, PostSelection

# Fields of the vote as the audit viewer names them.
FIELDS = {
    "entered_by": "录入人", "voted_on": "投票日期", "member_voters": "收回党员票", "rep_voters": "收回群众代表票",
    "invalid": "无效票", "blank": "空白票", "member_votes": "党员票", "rep_votes": "群众代表票",
    "votes": "得票", "outcome": "结果", "tallied_on": "计票日期", "appointed_on": "确定岗位日期",
    "chosen": "决定当选", "how": "决定方式", "decided_on": "决定日期", "duties": "职责任务",
    "targets": "年度目标", "status": "状态", "status_note": "离岗原因", "seats": "名额", "kind": "方式",
    "withdrawn": "已撤回", "candidates": "候选人", "candidates_fixed_on": "确定候选人日期", "done_on": "履职日期",
    "what": "履职内容", "for_whom": "服务对象",
}  # fmt: skip
ENTRY_FIELDS = ("entered_by", "voted_on", "member_voters", "rep_voters", "invalid", "blank")
COUNT_FIELDS = ("member_votes", "rep_votes")


def selection_label(selection_id: int) -> str:
    """e.g. 一村党支部2026年设岗定责."""
    name, year = (
        PostSelection.select(Branch.name, PostSelection.year).join(Branch)
        .where(PostSelection.id == selection_id).tuples().get()
    )  # fmt: skip
    return f"{name}{year}年设岗定责"


def post_label(post_id: int) -> str:
    """e.g. 一村党支部2026年设岗定责·治安维护岗."""
    selection_id, name = BranchPost.select(BranchPost.selection, BranchPost.name).where(BranchPost.id == post_id).tuples().get()
    return f"{selection_label(selection_id)}·{name}"


def entry_label(selection_id: int, round_no: int) -> str:
    return f"{selection_label(selection_id)}·第{round_no}次录入"


def candidate_labels(selection_id: int, prefix: str | None = None) -> dict[int, str]:
    """candidate id -> 一村党支部2026年设岗定责·治安维护岗·张三 (or `prefix`·post·name),
    in one query."""
    prefix = prefix or selection_label(selection_id)
    return {
        cid: f"{prefix}·{post}·{name}"
        for cid, post, name in PostCandidate.select(PostCandidate.id, BranchPost.name, Member.name)
        .join(BranchPost).switch(PostCandidate).join(Member).where(BranchPost.selection == selection_id).tuples()
    }  # fmt: skip


def appointment_label(appointment_id: int) -> str:
    selection_id, post, name = (
        PostAppointment.select(BranchPost.selection, BranchPost.name, Member.name).join(BranchPost)
        .switch(PostAppointment).join(Member).where(PostAppointment.id == appointment_id).tuples().get()
    )  # fmt: skip
    return f"{selection_label(selection_id)}·{post}·{name}"
