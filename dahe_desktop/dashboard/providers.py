"""Figures other features add to the dashboard (pairing, posts, appraisal), each optional.

A feature offers its figures as a provider: `(year, today) -> FeatureFigures`: by
`register_provider()`, or by a module `dahe_desktop.<feature>.dashboard` with a
`dashboard_figures(year, today)` function and `DASHBOARD_KINDS` (the kinds of record whose
changes move its figures, so the dashboard refreshes on them), named in `_module`. A
feature without one gives nothing, and the dashboard shows "—" for its figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class FeatureFigures:
    """Integer figures of one feature for a year: the township's and per branch id."""

    township: dict[str, int]
    per_branch: dict[int, dict[str, int]] = field(default_factory=dict)


Provider = Callable[[int, dt.date], FeatureFigures]

# The figures each optional feature is expected to give (what the dashboard shows "—" for).
OPTIONAL_FIGURES: dict[str, tuple[str, ...]] = {
    "pairing": ("households", "households_covered", "households_uncovered"),
    "posts": ("posts", "posts_filled"),
    "appraisal": ("appraised", "appraisal_excellent", "appraisal_qualified", "appraisal_basic", "appraisal_unqualified"),
}

_registered: dict[str, tuple[Provider, frozenset[str]]] = {}


def register_provider(feature: str, provider: Provider, kinds: tuple[str, ...] = ()) -> None:
    """A feature offers its figures (replacing an earlier provider of the same name);
    `kinds` are the kinds of record (`db.changes`) its figures follow."""
    _registered[feature] = (provider, frozenset(kinds))


def unregister_provider(feature: str) -> None:
    _registered.pop(feature, None)


def _module(feature: str):
    """The feature's dashboard module, imported by name in code (not by a string), so a
    frozen bundle carries it."""
    if feature == "pairing":
        from dahe_desktop.pairing import dashboard
    elif feature == "posts":
        from dahe_desktop.posts import dashboard
    elif feature == "appraisal":
        from dahe_desktop.appraisal import dashboard
    else:
        return None
    return dashboard


def provider_for(feature: str) -> Provider | None:
    if feature in _registered:
        return _registered[feature][0]
    module = _module(feature)
    return getattr(module, "dashboard_figures", None) if module is not None else None


def watched_kinds() -> frozenset[str]:
    """The kinds of record the optional features' figures follow."""
    kinds: set[str] = set()
    for feature in OPTIONAL_FIGURES.keys() | _registered.keys():
        if feature in _registered:
            kinds |= _registered[feature][1]
        elif (module := _module(feature)) is not None:
            kinds |= set(getattr(module, "DASHBOARD_KINDS", ()))
    return frozenset(kinds)


def collect(year: int, today: dt.date) -> dict[str, FeatureFigures]:
    """Every optional feature's figures that are available, by feature name."""
    out = {}
    for feature in OPTIONAL_FIGURES.keys() | _registered.keys():
        provider = provider_for(feature)
        if provider is not None:
            out[feature] = provider(year, today)
    return out
