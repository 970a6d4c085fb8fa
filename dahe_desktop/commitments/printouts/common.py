"""What the commitment card and the posting sheet share: their faces and the check of
every character before a page is drawn."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from dahe_desktop.commitments.records import PostedCard, PostedItem
from dahe_desktop.printing import fonts
from dahe_desktop.printing.posting import cn_date

# GB/T 9704 habits: titles in bold Song (小标宋 where installed), tables in Song; the
# faces come by role from the engine (Windows faces where present, else the shipped ones).


def item_due(item: PostedItem) -> str:
    return _due_text(item.due_date) if item.due_date else ""


@lru_cache(maxsize=1024)
def _due_text(iso: str) -> str:
    return cn_date(dt.date.fromisoformat(iso))  # a township's dates are a few hundred


def card_text(card: PostedCard) -> str:
    parts = [card.name, card.position, card.branch_name]
    for i in card.items:
        parts += [i.area, i.content, i.quality, i.due_date]
    return "".join(parts)


def checked_chains(cards: list[PostedCard], extra: list[str]) -> tuple[fonts.FontChain, fonts.FontChain]:
    """The title and body chains, once every character is known printable (else
    `MissingGlyphsError` naming the member and the character)."""
    title, body = fonts.role_chain(fonts.TITLE), fonts.role_chain(fonts.SONG)
    items = [(f"{c.name}（{c.branch_name}）", card_text(c)) for c in cards]
    items += [("页眉页脚", t) for t in extra]
    fonts.check_printable(items, body)
    fonts.check_printable(items, title)
    return title, body
