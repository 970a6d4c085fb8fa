"""What a write changed, reported once it commits: the window refreshes every view that
shows those records (Anki's `operation_did_execute`); the command line has no listeners.

A write names the kinds of record it touched with `db.writing(kind, ...)`. Kinds are
plain strings; each feature declares its own next to its models.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

MEMBERS = "members"  # the roster, including statuses
BRANCHES = "branches"
SETTINGS = "settings"  # township settings that travel with the data file
CARD_PRINTS = "card_prints"  # the name-card print log
COMMITMENTS = "commitments"
POSTINGS = "postings"  # commitment versions recorded as posted
VISITS = "visits"  # visits and the 社情民意 items they raise
OPINION_ITEMS = "opinion_items"
INSPECTIONS = "inspections"  # 视察调研
TEAMS = "teams"  # 三队三强 teams and 党群共富组
POST_CATALOGUE = "post_catalogue"  # 设岗定责: the township's catalogue of posts
POST_SELECTIONS = "post_selections"  # posts opened, applications, candidates, votes, appointments
DUTY_LOG = "duty_log"  # 履职记录 of post holders
HOUSEHOLDS = "households"  # 农牧户 and pairing helpers
PAIRINGS = "pairings"  # pairings per year and members' pairing profiles
APPRAISAL = "appraisal"  # appraisal runs, members appraised, raters, score sheets, grades, log
APPRAISAL_RUBRICS = "appraisal_rubrics"  # the township's editable rubrics
TOWNSHIPS = "townships"  # the county's townships
PACKAGES = "packages"  # packages made for the county, or imported from townships
EVERYTHING = "*"  # a new file, a restore, a demo load: every view reloads

Listener = Callable[[frozenset[str]], None]

_listeners: list[Listener] = []
_lock = threading.Lock()


def subscribe(listener: Listener) -> None:
    with _lock:
        if listener not in _listeners:
            _listeners.append(listener)


def unsubscribe(listener: Listener) -> None:
    with _lock:
        if listener in _listeners:
            _listeners.remove(listener)


def notify(kinds: Iterable[str]) -> None:
    """Tell every listener (on the calling thread) that these kinds changed."""
    changed = frozenset(kinds)
    if not changed:
        return
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        listener(changed)
