"""One print of appraisal papers as the print dialog and the CLI set it up."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from dahe_desktop.appraisal.printouts import posting, score_sheets, slip
from dahe_desktop.appraisal.printouts.common import (
    PostedResults,
    SheetPlan,
    posted_results,
    sheet_plans,
)
from dahe_desktop.printing.document import PrintResult
from dahe_desktop.printing.posting import PostingInfo

SCORE_SHEETS, RESULTS, SLIPS = "score_sheets", "results", "slips"
KINDS = {SCORE_SHEETS: "考核评议评分表", RESULTS: "民主评议结果公示", SLIPS: "民主评议结果通知单"}


@dataclass
class AppraisalPrint:
    kind: str
    run_id: int
    a3: bool = False  # score sheets on A3 landscape
    copies: int | None = None  # score sheets per rater group (default: one per rater registered)
    member_ids: list[int] | None = None  # slips for these members only

    def gather(self) -> list[SheetPlan] | PostedResults:
        """What will be printed, read from the store (on the GUI thread in the window)."""
        if self.kind == SCORE_SHEETS:
            return sheet_plans(self.run_id, self.copies)
        return posted_results(self.run_id)

    def render(self, out: str | Path, info: PostingInfo | None = None, *, record: bool = False,
               gathered: list[SheetPlan] | PostedResults | None = None) -> PrintResult:  # fmt: skip
        """Write the PDF from what `gather` read (read now when not given)."""
        data = self.gather() if gathered is None else gathered
        if self.kind == SCORE_SHEETS:
            return score_sheets.render_score_sheets(data, out, a3=self.a3, record=record)
        results = dataclasses.replace(data)
        if self.kind == SLIPS:
            if self.member_ids is not None:
                wanted = set(self.member_ids)
                results.members = [m for m in results.members if m.member_id in wanted]
            return slip.render_slips(results, out, record=record)
        if info is None:
            raise ValueError("a posting needs its PostingInfo")
        # The branch posts its own results; the township's phone is the supervision line.
        issued = dataclasses.replace(info, issuer=f"中共{results.branch}")
        result = posting.render_results_posting(results, out, issued, record=record)
        if not results.final:
            result.warnings.append("注意：本次考核评议尚未定档，公示的等次可能还会改变")
        return result
