"""A whole name-card print as the window and the CLI run it: read the design and the
township settings, stream the chosen members, render, log the print. No Qt: the window
runs `print_name_cards` on a worker thread inside its own database connection."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from dahe_desktop import settings
from dahe_desktop.printing.design import load_design
from dahe_desktop.printing.name_cards import (
    CardContext,
    CardJob,
    RenderResult,
    record_name_cards,
    render_name_cards,
)
from dahe_desktop.printing.recording import RecordedPages
from dahe_desktop.printing.selection import CardScope, MemberCards, record_prints


def card_context() -> CardContext:
    return CardContext(
        township=settings.get(settings.TOWNSHIP_NAME),
        supervision_phone=settings.get(settings.SUPERVISION_PHONE),
    )


def print_name_cards(
    scope: CardScope,
    out: str | Path | BinaryIO,
    job: CardJob | None = None,
    *,
    record: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RenderResult:
    """Render the scope's cards to `out`; log them as printed when `record` is True.

    Raises `fonts.MissingGlyphsError`, `name_cards.NothingToPrintError` or
    `name_cards.CancelledError` before anything is written or logged."""
    result = render_name_cards(
        MemberCards(scope), out, job=job or CardJob(), design=load_design(), context=card_context(),
        progress=progress, cancelled=cancelled,
    )  # fmt: skip
    if not settings.get(settings.SUPERVISION_PHONE):
        result.warnings.insert(0, "未设置监督电话，名片背面不印监督电话（在“设置”中填写）")
    if record:
        record_prints(result.printed_ids)
    return result


def record_name_card_pages(
    scope: CardScope,
    job: CardJob | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[RecordedPages, RenderResult]:
    """The pages `print_name_cards` would write, as drawing operations for the window to
    print as vectors; nothing is logged (the caller logs once the printer has them)."""
    return record_name_cards(
        MemberCards(scope), job=job or CardJob(), design=load_design(), context=card_context(),
        progress=progress, cancelled=cancelled,
    )  # fmt: skip
