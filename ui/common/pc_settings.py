"""Settings of this PC, not of the township: window geometry, the last folder of the file
dialogs, the preview zoom and each printer's back-side offsets. They stay on the PC
(`QSettings`, an ini file in the user's settings folder) while the township's settings
travel with the data file (`dahe_desktop.settings`). Each option is declared once here,
with its default (as Picard's `options` do)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

from dahe_desktop import APP_NAME

FILE_NAME = "pc"  # <user settings folder>/DaheDesk/pc.ini


@dataclass(frozen=True)
class PcOption:
    key: str
    default: Any
    type: type


WINDOW_GEOMETRY = PcOption("window/geometry", QByteArray(), QByteArray)
WINDOW_STATE = PcOption("window/state", QByteArray(), QByteArray)
LAST_FOLDER = PcOption("files/last_folder", "", str)
PREVIEW_ZOOM = PcOption("preview/zoom", "page", str)  # "page", "width" or a scale (1.0: real size)
# Per printer (the key ends with the printer's name): where a duplex back lands off
# its front, in millimetres, measured on the alignment sheet.
BACK_OFFSET_X_MM = PcOption("printer_back_dx_mm", 0.0, float)
BACK_OFFSET_Y_MM = PcOption("printer_back_dy_mm", 0.0, float)
# What the alignment sheet's 100 mm ruler measured on paper from this printer: a driver
# that scales pages ("fit to page") prints it shorter; prints are enlarged to match.
RULER_MM = PcOption("printer_ruler_mm", 100.0, float)

# Per file layout (the key ends with a digest of the header row): which roster field
# each column of a village's own form holds, as the clerk mapped it (JSON).
IMPORT_MAPPING = PcOption("import_mapping", "", str)

OPTIONS = (WINDOW_GEOMETRY, WINDOW_STATE, LAST_FOLDER, PREVIEW_ZOOM, BACK_OFFSET_X_MM, BACK_OFFSET_Y_MM, RULER_MM,
           IMPORT_MAPPING)  # fmt: skip


def store() -> QSettings:
    """The ini file of this user on this PC (tests point `QSettings.setPath` elsewhere)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, FILE_NAME)


def get(option: PcOption, suffix: str = "") -> Any:
    value = store().value(_key(option, suffix), option.default, type=option.type)
    return option.default if value is None else value


def put(option: PcOption, value: Any, suffix: str = "") -> None:
    settings = store()
    settings.setValue(_key(option, suffix), value)
    settings.sync()


def _key(option: PcOption, suffix: str) -> str:
    if not suffix:
        return option.key
    safe = suffix.replace("/", "_").replace("\\", "_")  # QSettings reads "/" as a group
    return f"{option.key}/{safe}"


# ---- file dialogs ------------------------------------------------------------------


def last_folder() -> str:
    """Where the last file was opened or saved (empty: the dialog's own choice)."""
    folder = get(LAST_FOLDER)
    return folder if folder and Path(folder).is_dir() else ""


def in_last_folder(file_name: str) -> str:
    """A suggested file name inside the last folder, for a save dialog."""
    folder = last_folder()
    return str(Path(folder) / file_name) if folder else file_name


def remember_file(path: str) -> None:
    """Note the folder of a file the clerk chose, for the next file dialog."""
    if path:
        put(LAST_FOLDER, str(Path(path).parent))


# ---- the print preview ---------------------------------------------------------------


def preview_zoom() -> str | float:
    """How the print preview fits the page: "page", "width" or a scale of real size."""
    value = get(PREVIEW_ZOOM)
    try:
        return value if value in ("page", "width") else float(value)
    except (TypeError, ValueError):
        return PREVIEW_ZOOM.default


def set_preview_zoom(zoom: str | float) -> None:
    put(PREVIEW_ZOOM, str(zoom))


# ---- printers ------------------------------------------------------------------------


def printer_offsets(printer_name: str) -> tuple[float, float]:
    """(dx_mm, dy_mm) to shift the back side on this printer; (0, 0) until measured."""
    return get(BACK_OFFSET_X_MM, printer_name), get(BACK_OFFSET_Y_MM, printer_name)


def set_printer_offsets(printer_name: str, dx_mm: float, dy_mm: float) -> None:
    put(BACK_OFFSET_X_MM, float(dx_mm), printer_name)
    put(BACK_OFFSET_Y_MM, float(dy_mm), printer_name)


def printer_scale(printer_name: str) -> float:
    """How much to enlarge pages sent to this printer so that 100 mm print as 100 mm
    (1.0 until the clerk types in what the alignment sheet's ruler measured)."""
    measured = get(RULER_MM, printer_name)
    return 100.0 / measured if 50.0 <= measured <= 150.0 else 1.0


def ruler_mm(printer_name: str) -> float:
    return get(RULER_MM, printer_name)


def set_ruler_mm(printer_name: str, measured_mm: float) -> None:
    put(RULER_MM, float(measured_mm), printer_name)


# ---- the main window -----------------------------------------------------------------


def save_window(window: QMainWindow) -> None:
    settings = store()  # both, then one write of the file (each sync rewrites it)
    settings.setValue(_key(WINDOW_GEOMETRY, ""), window.saveGeometry())
    settings.setValue(_key(WINDOW_STATE, ""), window.saveState())
    settings.sync()


def restore_window(window: QMainWindow) -> bool:
    """Put the window back where it was; Qt's `restoreGeometry` keeps it within the
    available area of a screen (a laptop off its large monitor). False when nothing was
    saved yet."""
    geometry = get(WINDOW_GEOMETRY)
    if geometry.isEmpty() or not window.restoreGeometry(geometry):
        return False
    state = get(WINDOW_STATE)
    if not state.isEmpty():
        window.restoreState(state)
    return True
