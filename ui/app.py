"""Starting the window: the QApplication, the shipped CJK fonts, the data file."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from dahe_desktop import APP_NAME, APP_TITLE
from dahe_desktop.paths import database_path, resources_dir

# Windows' own Chinese UI face first; the shipped face where it is missing.
UI_FONT_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "WenQuanYi Micro Hei", "Droid Sans Fallback"]
_fonts_ready = False


def setup_fonts(app: QApplication) -> None:
    """Register the shipped fonts so Chinese reads right on a PC without Chinese fonts."""
    global _fonts_ready
    if not _fonts_ready:
        for path in sorted((resources_dir() / "fonts").glob("*.tt[fc]")):
            QFontDatabase.addApplicationFont(str(path))
        _fonts_ready = True
    font = QFont(app.font())
    font.setFamilies(UI_FONT_FAMILIES)
    font.setPointSize(10)
    app.setFont(font)


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(APP_NAME)
    icon = resources_dir() / "icons" / "app.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    setup_fonts(app)
    return app


def run_gui(data_dir: str | None = None) -> int:
    """Open the data file (creating or upgrading it) and show the main window."""
    from db import open_database
    from ui.background import wait_for_background
    from ui.common import events
    from ui.main_window import MainWindow

    app = make_app()
    path = database_path(data_dir)
    try:
        open_database(path)
    except Exception as error:  # the file is unreadable, locked, or from a newer version
        QMessageBox.critical(None, APP_TITLE, f"无法打开数据文件：\n{path}\n\n{error}")
        return 1
    window = MainWindow(Path(path))
    window.show()
    window.offer_first_start()
    code = app.exec()
    wait_for_background()  # no worker may outlive the database
    events.shutdown()
    return code
