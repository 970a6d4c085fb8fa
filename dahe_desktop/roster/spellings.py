"""Keeping the stored pinyin keys in step with how this program reads names.

The keys a member's name sorts and is searched by (`name_initials`, `name_pinyin`,
`search_key`) are computed when the member is saved. When the reading rules improve
(polyphonic characters read in every reading for search, as said for sorting), a file
written by an older version is brought up to date once, when it is opened."""

from __future__ import annotations

from dahe_desktop import settings
from db import changes, writing
from db.models import Member

# Raise when the reading rules change; a file with a lower number is recomputed on open.
SPELLING_RULES = 2
KEYS_VERSION = settings.register(settings.Option("roster.spelling_rules", "姓名拼音规则版本", 0))


def refresh_spellings() -> int:
    """Recompute every member's pinyin keys if the file was keyed by older rules;
    returns how many members were updated (0 when already current)."""
    if settings.get(KEYS_VERSION) >= SPELLING_RULES:
        return 0
    # Only for a file keyed by older rules: the roster's query module is not needed to
    # show the window otherwise.
    from dahe_desktop.roster.pinyin import pinyin_keys
    from dahe_desktop.roster.query import search_key

    rows = list(Member.select(Member.id, Member.name, Member.phone, Member.id_number).tuples())
    updated = []
    for member_id, name, phone, id_number in rows:
        initials, full = pinyin_keys(name)
        updated.append(
            Member(id=member_id, name_initials=initials, name_pinyin=full, search_key=search_key(name, phone, id_number))
        )
    with writing(changes.MEMBERS, changes.SETTINGS):
        if updated:
            Member.bulk_update(updated, [Member.name_initials, Member.name_pinyin, Member.search_key], batch_size=300)
        settings.put(KEYS_VERSION, SPELLING_RULES)
    return len(updated)


def mark_keys_current() -> None:
    """Say the file's keys follow today's rules (inside a write that keys every member
    with them, such as the demo: no start or command then recomputes them)."""
    settings.put(KEYS_VERSION, SPELLING_RULES)
