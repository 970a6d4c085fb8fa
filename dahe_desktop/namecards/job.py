"""A whole name-card print as the window and the CLI run it: read the design and the
township settings, stream the chosen members, render, log the print. No Qt: the window
runs `print_name_cards` on a worker thread inside its own database connection."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from dahe_desktop import township
from dahe_desktop.assets import asset_path
from dahe_desktop.namecards.design import CardDesign, load_design
from dahe_desktop.namecards.layout import CardContext, render_name_cards
from dahe_desktop.namecards.selection import CardScope, MemberCards, record_prints
from dahe_desktop.printing.cards import CardJob
from dahe_desktop.printing.document import PrintResult

NO_SUPERVISION_PHONE = "未设置监督电话，名片背面不印监督电话（在“设置”中填写）"


def stored_design() -> CardDesign:
    """The township's design with its logo found in the data folder (where `copy_logo`
    put it; older versions stored an absolute path, still honoured)."""
    design = load_design()
    found = asset_path(design.logo_path)
    return replace(design, logo_path=str(found)) if found is not None else design


def card_context() -> CardContext:
    return CardContext(township=township.township_name(), supervision_phone=township.supervision_phone())


def print_name_cards(
    scope: CardScope,
    out: str | Path | BinaryIO,
    job: CardJob | None = None,
    *,
    log: bool = True,
    record: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PrintResult:
    """Render the scope's cards to `out` (recording the pages for the window when
    `record`); log them as printed when `log` is True.

    Raises `fonts.MissingGlyphsError`, `NothingToPrint` or `CancelledError` before
    anything is logged."""
    context = card_context()
    result = render_name_cards(
        MemberCards(scope), out, job=job or CardJob(), design=stored_design(), context=context,
        record=record, progress=progress, cancelled=cancelled,
    )  # fmt: skip
    if not context.supervision_phone:
        result.warnings.insert(0, NO_SUPERVISION_PHONE)
    if log:
        log_name_card_print(result)
    return result


def log_name_card_print(result: PrintResult) -> int:
    """After the cards were saved or sent to the printer: drives "changed since"."""
    return record_prints(result.printed_ids)
