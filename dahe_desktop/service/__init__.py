"""Service work (seed §3.1-§3.3): 进村入户访民情 visits and the 社情民意 items they raise,
视察调研, and the 三队三强 teams with the 党群共富组."""

from __future__ import annotations

from typing import Any

__all__ = ["ServiceError"]


def __getattr__(name: str) -> Any:
    """`ServiceError` when asked for: the labels (`service.labels`, read by the overview's
    tiles at start) come without the rules and records modules."""
    if name == "ServiceError":
        from dahe_desktop.service.rules import ServiceError

        return ServiceError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
