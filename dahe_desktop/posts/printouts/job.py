"""One print of the posts printouts, as the print dialog and the CLI set it up: the data
is read when the job is made (on the calling thread), the render only draws."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dahe_desktop.posts.printouts import ballot, card, notice
from dahe_desktop.posts.printouts.sheets import (
    DEFAULT_REP_BALLOTS,
    ballot_sheet,
    holder_lines,
    holder_sheet,
)
from dahe_desktop.printing.document import PrintResult
from dahe_desktop.printing.posting import PostingInfo

BALLOTS, NOTICE, CARDS = "ballots", "notice", "cards"
KINDS = {BALLOTS: "候选人名单和选票", NOTICE: "设岗定责公示", CARDS: "岗位卡"}


@dataclass
class PostsPrintJob:
    kind: str
    year: int
    branch_id: int | None = None  # cards: None for every branch
    member_ballots: int | None = None  # None: the branch's members who vote
    rep_ballots: int = DEFAULT_REP_BALLOTS
    with_list: bool = True  # the candidate list before the ballots

    def data(self):
        """What will be printed (raises PostsError when there is nothing to print)."""
        if self.kind == BALLOTS:
            return ballot_sheet(self.branch_id, self.year, self.member_ballots, self.rep_ballots)
        if self.kind == NOTICE:
            return holder_sheet(self.branch_id, self.year)
        return holder_lines(self.year, self.branch_id)

    def render(self, out: str | Path, info: PostingInfo, data=None, *, record: bool = False) -> PrintResult:
        data = self.data() if data is None else data
        if self.kind == BALLOTS:
            return ballot.render_ballots(data, out, with_list=self.with_list, record=record)
        if self.kind == NOTICE:
            return notice.render_notice(data, out, info, record=record)
        return card.render_post_cards(data, out, info, record=record)
