"""Importing rosters from village spreadsheets (.xlsx, .xls, .csv): preview, then apply."""

from dahe_desktop.importing.roster import (
    BadRow,
    GoodRow,
    ImportPreview,
    ImportRefused,
    ImportResult,
    NewBranch,
    apply_roster_import,
    preview_roster_import,
)
from dahe_desktop.importing.tables import ImportFileError
from dahe_desktop.importing.updates import CellReading, FieldChange

__all__ = [
    "BadRow",
    "CellReading",
    "FieldChange",
    "GoodRow",
    "ImportFileError",
    "ImportPreview",
    "ImportRefused",
    "ImportResult",
    "NewBranch",
    "apply_roster_import",
    "preview_roster_import",
]
