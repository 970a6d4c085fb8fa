"""Figures other features add to the dashboard (pairing, posts, appraisal), each optional.

A feature offers its figures as a provider: `(year, today) -> FeatureFigures`. It is
found either by `register_provider()` or by a module `dahe_desktop.<feature>.dashboard`
with a `dashboard_figures(year, today)` function. A feature that is not installed (or
not built yet) gives nothing, and the dashboard shows "—" for its figures.
"""

from __future__ import annotations

import datetime as dt
import importlib
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

_registered: dict[str, Provider] = {}


def register_provider(feature: str, provider: Provider) -> None:
    """A feature offers its figures (replacing an earlier provider of the same name)."""
    _registered[feature] = provider


def unregister_provider(feature: str) -> None:
    _registered.pop(feature, None)


def _discovered(feature: str) -> Provider | None:
    name = f"dahe_desktop.{feature}.dashboard"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name and name.startswith(error.name):
            return None  # the feature (or its dashboard module) is not there
        raise  # the module is there but something it needs is missing: a real bug
    return getattr(module, "dashboard_figures", None)


def provider_for(feature: str) -> Provider | None:
    return _registered.get(feature) or _discovered(feature)


def collect(year: int, today: dt.date) -> dict[str, FeatureFigures]:
    """Every optional feature's figures that are available, by feature name."""
    out = {}
    for feature in OPTIONAL_FIGURES.keys() | _registered.keys():
        provider = provider_for(feature)
        if provider is not None:
            out[feature] = provider(year, today)
    return out
