"""Service work (seed §3.1-§3.3): 进村入户访民情 visits and the 社情民意 items they raise,
视察调研, and the 三队三强 teams with the 党群共富组."""

from dahe_desktop.service.rules import ServiceError

__all__ = ["ServiceError"]
