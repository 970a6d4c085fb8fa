"""The pairing printouts as the CLI and the print dialogs run them: read the year's pairs
(one branch or all), hand plain records to the painters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from dahe_desktop import township
from dahe_desktop.namecards.design import load_design
from dahe_desktop.pairing.coverage import coverage
from dahe_desktop.pairing.printouts import contact_cards as cards_print
from dahe_desktop.pairing.printouts import letters as letters_print
from dahe_desktop.pairing.printouts import pairing_list as list_print
from dahe_desktop.pairing.printouts.data import branch_heads, by_branch, partner_pairs
from dahe_desktop.printing.cards import CardJob
from dahe_desktop.printing.document import PrintResult
from dahe_desktop.printing.posting import PostingInfo


def _branches(year: int, branch_id: int | None):
    heads = branch_heads(branch_id)
    grouped = by_branch(partner_pairs(year, branch_id))
    return [(heads[b], grouped[b]) for b in heads if b in grouped]


def print_letters(year: int, branch_id: int | None, out: str | Path, *, issued_on: dt.date | None = None,
                  record: bool = False) -> PrintResult:  # fmt: skip
    """结链责任状: each branch's secretary letter, then one letter per member."""
    return letters_print.render_letters(_branches(year, branch_id), out, year,
                                        issued_on=issued_on or dt.date.today(), record=record)  # fmt: skip


def print_contact_cards(year: int, branch_id: int | None, out: str | Path | BinaryIO, job: CardJob | None = None, *,
                        record: bool = False, progress: Callable[[int, int], None] | None = None,
                        cancelled: Callable[[], bool] | None = None) -> PrintResult:  # fmt: skip
    """便民服务联系卡, one per paired household, in the township's card design."""
    cards = cards_print.contact_cards(partner_pairs(year, branch_id), branch_heads(branch_id))
    return cards_print.render_contact_cards(cards, out, design=load_design(), township=township.township_name(),
                                            job=job, record=record, progress=progress, cancelled=cancelled)  # fmt: skip


def print_pairing_list(year: int, branch_id: int | None, out: str | Path, info: PostingInfo, *,
                       record: bool = False) -> PrintResult:  # fmt: skip
    """The branch's pairing list for posting; 实现全覆盖 only where it is true."""
    branches = _branches(year, branch_id)
    full = {head.id for head, _ in branches if coverage(year, head.id).full}
    return list_print.render_pairing_list(branches, out, year, info, full=full, record=record)
