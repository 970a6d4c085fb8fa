"""The kinds of record a write reports (`db.writing`) and the subscription to those
reports, for the front ends: ui/ listens here and never imports the store itself."""

from db.changes import (
    APPRAISAL,
    APPRAISAL_RUBRICS,
    BRANCHES,
    CARD_PRINTS,
    COMMITMENTS,
    DUTY_LOG,
    EVERYTHING,
    HOUSEHOLDS,
    INSPECTIONS,
    MEMBERS,
    OPINION_ITEMS,
    PAIRINGS,
    POST_CATALOGUE,
    POST_SELECTIONS,
    POSTINGS,
    SETTINGS,
    TEAMS,
    VISITS,
    Listener,
    subscribe,
    unsubscribe,
)

__all__ = [
    "APPRAISAL", "APPRAISAL_RUBRICS", "BRANCHES", "CARD_PRINTS", "COMMITMENTS", "DUTY_LOG", "EVERYTHING",
    "HOUSEHOLDS", "INSPECTIONS", "MEMBERS", "OPINION_ITEMS", "PAIRINGS", "POST_CATALOGUE", "POST_SELECTIONS",
    "POSTINGS", "SETTINGS", "TEAMS", "VISITS", "Listener", "subscribe", "unsubscribe",
]  # fmt: skip
