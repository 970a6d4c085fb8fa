"""What 结对帮扶 adds to the dashboard: households on file, covered and uncovered, per
branch, counted exactly as the coverage report counts them (a pair with someone no longer
active does not cover). One grouped query: the overview is the first tab shown, and the
planner's whole data set (`scope.load_scope`) is not needed for three counts."""

from __future__ import annotations

import datetime as dt

from peewee import JOIN, Case, fn

from dahe_desktop import labels as roster_labels
from dahe_desktop.dashboard.providers import FeatureFigures
from dahe_desktop.pairing import labels
from db import changes
from db.models import Household, Member, Pairing, PairingHelper

DASHBOARD_KINDS = (changes.HOUSEHOLDS, changes.PAIRINGS, changes.MEMBERS)
KEYS = ("households", "households_covered", "households_uncovered")


def dashboard_figures(year: int, today: dt.date) -> FeatureFigures:
    # A pair covers when the one it names (the member, else the helper) is still active.
    serving = (Pairing.member.is_null(False) & (Member.status == roster_labels.STATUS_ACTIVE)) | (
        Pairing.member.is_null(True) & (PairingHelper.status == labels.HELPER_ACTIVE)
    )
    covered = (
        Pairing.select(Pairing.household)
        .join(Member, JOIN.LEFT_OUTER, on=(Pairing.member == Member.id))
        .switch(Pairing)
        .join(PairingHelper, JOIN.LEFT_OUTER, on=(Pairing.helper == PairingHelper.id))
        .where((Pairing.year == year) & (Pairing.status == labels.PAIRING_ACTIVE) & serving)
    )
    rows = (
        Household.select(Household.branch, fn.COUNT(Household.id),
                         fn.SUM(Case(None, [(Household.id.in_(covered), 1)], 0)))  # fmt: skip
        .where(Household.status == labels.HOUSEHOLD_ACTIVE)
        .group_by(Household.branch)
        .tuples()
    )
    per_branch = {
        b: {"households": n, "households_covered": int(c or 0), "households_uncovered": n - int(c or 0)}
        for b, n, c in rows
    }
    return FeatureFigures({k: sum(f[k] for f in per_branch.values()) for k in KEYS}, per_branch)
