"""One print of commitment cards or a posting sheet, as the print dialog and the CLI set
it up: what to print (today's content or the version last posted), render it (the PDF,
and its recorded pages for the window), then log it as posted once it was saved or sent
to the printer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dahe_desktop.commitments import postings
from dahe_desktop.commitments.printouts import card as card_print
from dahe_desktop.commitments.printouts import notice as notice_print
from dahe_desktop.commitments.records import PostedCard
from dahe_desktop.printing.document import PrintResult
from dahe_desktop.printing.posting import PostingInfo


@dataclass
class PrintJob:
    kind: str  # postings.CARD or postings.NOTICE
    year: int
    branch_id: int | None = None  # None: every branch (a notice gets one per branch)
    member_ids: list[int] | None = None
    posted: bool = False  # reprint the version last posted instead of today's content
    large: bool = False  # cards one per A4 page; notice on A3
    only_unposted: bool = False  # only members never posted or changed since

    def cards(self) -> list[PostedCard]:
        if self.posted:
            return postings.posted_cards(self.year, self.kind, self.branch_id, self.member_ids)
        member_ids = self.member_ids
        if self.only_unposted:
            todo = postings.members_to_post(self.year, self.kind, self.branch_id)
            member_ids = todo if member_ids is None else [m for m in member_ids if m in set(todo)]
        return postings.current_cards(self.year, self.branch_id, member_ids)

    def render(self, out: str | Path, info: PostingInfo, cards: list[PostedCard] | None = None, *,
               record: bool = False) -> PrintResult:  # fmt: skip
        """Write the PDF (nothing is logged: a preview is not a posting); the cards
        printed travel in `result.payload` for `log`."""
        cards = self.cards() if cards is None else cards
        if self.kind == postings.CARD:
            result = card_print.render_cards(cards, out, info, a4=self.large, record=record)
        else:
            by_branch: dict[str, list[PostedCard]] = {}
            for card in cards:
                by_branch.setdefault(card.branch_name, []).append(card)
            branches = [notice_print.NoticeBranch(name, group) for name, group in by_branch.items()]
            result = notice_print.render_notice(branches, out, info, a3=self.large, record=record)
        result.payload = cards
        result.printed_ids = [c.member_id for c in cards]
        return result

    def log(self, result: PrintResult) -> int:
        """After saving or printing: store the versions posted (a reprint stores nothing)."""
        return 0 if self.posted else postings.record_postings(result.payload, self.kind)

    def print_to(self, out: str | Path, info: PostingInfo, *, log: bool = True) -> PrintResult:
        """Render and (unless `log` is False) record the versions posted, as the CLI does."""
        result = self.render(out, info)
        if log:
            self.log(result)
        return result
