"""Starting the window: the QApplication, the shipped CJK fonts, the data file."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# isort: off
# The core modules the start uses, imported before Qt: once PySide6 is loaded it reads
# the source of every module imported after it (its `__feature__` check runs
# inspect.getsource on each): ~40 ms of every start from source, peewee alone 330 KB.
# A module missing here still works; it only costs that read.
from dahe_desktop import APP_NAME, APP_TITLE
from dahe_desktop.paths import database_path, resources_dir
from dahe_desktop.appraisal import dashboard as _a  # noqa: F401
from dahe_desktop.audit import service as _audit  # noqa: F401
from dahe_desktop.pairing import dashboard as _p  # noqa: F401
from dahe_desktop.posts import dashboard as _d  # noqa: F401
from dahe_desktop.roster import members as _members, spellings as _spellings  # noqa: F401
from dahe_desktop.safety import errorlog as _errorlog, password as _password, session as _session  # noqa: F401
# isort: on
from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from dahe_desktop.safety.session import DataSession
    from db.backup import CheckAhead

# Windows' own Chinese UI face first; the shipped face where it is missing.
UI_FONT_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "WenQuanYi Micro Hei", "Droid Sans Fallback"]
# The shipped faces the window itself uses (files in resources/fonts/); named here rather
# than read from the print engine so the window starts without loading ReportLab.
UI_FONT_FILES = ("wqy-microhei.ttc", "DroidSansFallbackFull.ttf")
_fonts_ready = False
# Qt's own texts (standard buttons, the file dialog, the colour picker, context menus).
QT_CATALOGS = ("qtbase", "qt")
_translators: list[QTranslator] = []
_fitters: list[QObject] = []


def setup_fonts(app: QApplication) -> None:
    """Register the shipped fonts so Chinese reads right on a PC without Chinese fonts."""
    global _fonts_ready
    if not _fonts_ready:
        # The UI's own faces only; the print faces (Song, FangSong: 19 MB) are loaded by
        # the page painter when a preview first shows them.
        for name in UI_FONT_FILES:
            QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / name))
        _fonts_ready = True
    font = QFont(app.font())
    font.setFamilies(UI_FONT_FAMILIES)
    font.setPointSize(10)
    app.setFont(font)


def install_translations(app: QApplication) -> list[QTranslator]:
    """Load Qt's Simplified Chinese catalogues so 是/否, 取消 and the file dialog speak
    the clerk's language whatever the PC's locale. Returns the translators installed."""
    if _translators:
        return _translators
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for catalog in QT_CATALOGS:
        translator = QTranslator(app)
        if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), catalog, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    _translators.extend(installed)
    return installed


class _FitDialogs(QObject):
    """Every dialog opens within the screen it appears on (a 1366×768 laptop included)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) and watched.isWindow():
            from ui.common.widgets import fit_on_screen

            fit_on_screen(watched)
        return False


def fit_dialogs(app: QApplication) -> None:
    """From now on every dialog opens within its screen. An application-wide event filter
    sees every event of every object (a Python call each), so the window's start installs
    it only after its first paint."""
    if not _fitters:
        _fitters.append(_FitDialogs(app))
        app.installEventFilter(_fitters[0])


def fit_dialogs_once_active(app: QApplication) -> None:
    """`fit_dialogs` from the moment a window of the program is active: the activation's
    own events (focus and palette changes to every widget, the style's) then pass no
    Python filter, which would wrap each object and build the style's enums (~20 ms);
    a dialog the clerk opens comes after it, and the first-start questions activate too."""
    if app.focusWindow() is not None:
        fit_dialogs(app)
        return

    def activated(_window: object) -> None:
        app.focusWindowChanged.disconnect(activated)
        QTimer.singleShot(0, lambda: fit_dialogs(app))  # after the activation's events

    app.focusWindowChanged.connect(activated)


def make_app(argv: list[str] | None = None, *, fitting: bool = True) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(APP_NAME)
    icon = resources_dir() / "icons" / "app.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    setup_fonts(app)
    install_translations(app)
    if fitting:
        fit_dialogs(app)
    return app


def run_gui(data_dir: str | None = None, smoke: bool = False, server: str | None = None,
            checked: CheckAhead | None = None) -> int:  # fmt: skip
    """Open the data file (creating or upgrading it, holding the folder's one-writer
    lock) and show the main window.

    `smoke`: show the window, let Qt process its events, close and exit 0 without asking
    anything: proves a build starts (its Qt plugins, fonts, data file) with no one there.
    `server` (a DSN), or this PC's choice (文件 › 数据存储) without `data_dir`: the county's
    server instead of the file (no file lock, backups or start-up password there).
    `checked`: the data file's check, begun before Qt was loaded (`check_ahead`).
    """
    from dahe_desktop.errors import error_lines
    from dahe_desktop.roster.spellings import refresh_spellings
    from dahe_desktop.safety.errorlog import setup_error_log
    from dahe_desktop.safety.session import DamagedDataFile, open_data
    from ui.background import wait_for_background
    from ui.common import events
    from ui.errors import install_excepthook
    from ui.main_window import MainWindow
    from ui.safety.clerk import ask_clerk_name
    from ui.safety.password_dialog import ask_start_password

    app = make_app(fitting=False)  # dialogs are fitted from the first paint on (below)
    try:
        config = chosen_server(data_dir, server)
    except Exception as error:  # a --server address that is not one
        return _cannot_start(error_lines(error, "连接服务器"), smoke)
    if config is not None:
        return _run_on_server(app, config, smoke)
    path = database_path(data_dir)
    try:
        try:
            session = open_data(path, backup_later=True, checked=checked)  # checked; today's backup once shown
        except DamagedDataFile as damaged:
            if smoke or damaged.backup is None or not offer_restore(damaged):
                raise
            session = open_data(path, backup_later=True)  # the backup put in its place
    except Exception as error:  # in use, damaged, from a newer version, no access
        return _cannot_start(error_lines(error, "打开数据文件"), smoke)
    setup_error_log(path.parent)
    install_excepthook(smoke)  # an unexpected error: a Chinese dialog and the log, not a crash
    after_paint = QTimer(singleShot=True, interval=0)  # stopped below: nothing runs after the return
    try:
        if not smoke and not ask_start_password():
            return 0
        if not session.read_only:
            refresh_spellings()  # a file from an older version: names keyed by today's rules
        window = MainWindow(Path(path))
        window.show()
        _freeze_start_heap()
        after_paint.timeout.connect(lambda: _after_first_paint(app, window, session))
        after_paint.start()
        if smoke:
            # After the first paint. exit(), not quit(): Qt 6's quit() closes the windows,
            # and a closing window saves its place into this PC's settings.
            QTimer.singleShot(0, lambda: app.exit(0))
        else:
            if session.notes:
                QMessageBox.information(window, APP_TITLE, "\n\n".join(session.notes))
            window.offer_first_start()
            if not session.read_only:
                ask_clerk_name(window)  # whose changes the audit log records
        code = app.exec()
        wait_for_background()  # no worker may outlive the database
        events.shutdown()
    finally:
        after_paint.stop()
        session.close()  # checkpoints the WAL: the file alone is complete
    return code


def offer_restore(damaged) -> bool:
    """The data file is damaged and the window cannot open it, so its 备份与恢复 menu is
    out of reach: the dialog itself offers the newest good backup. True once that backup
    is in place (the damaged file moved aside, never deleted); False to quit."""
    from dahe_desktop.errors import error_lines
    from dahe_desktop.safety.session import replace_damaged_file

    backup = damaged.backup
    box = QMessageBox(QMessageBox.Icon.Critical, APP_TITLE, "\n".join(damaged.lines))
    box.setInformativeText(
        f"点“恢复这份备份”：用 {backup.made:%Y-%m-%d %H:%M} 的备份替换损坏的文件"
        f"（损坏的文件改名为 {damaged.path.name}.damaged-时间 保留，不会删除）。"
    )
    restore = box.addButton("恢复这份备份", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    try:
        aside = replace_damaged_file(damaged.path, backup.path)
    except Exception as error:  # the backup is bad too, the folder is read-only, a lock
        QMessageBox.critical(None, APP_TITLE, "\n".join(error_lines(error, "恢复备份")))
        return False
    QMessageBox.information(None, APP_TITLE, f"已恢复 {backup.path.name}；损坏的文件保留为 {aside}。")
    return True


def _freeze_start_heap() -> None:
    """Once the window is shown: what the start made is kept out of every later cycle
    collection (`gc.freeze`), which main.py held back during the start (`gc.disable`);
    left alone when a caller (a test) did not hold it back."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _cannot_start(lines: list[str], smoke: bool) -> int:
    """A start that cannot go on: the clerk reads why in a dialog; a smoke test, with
    nobody there to close one, reads it on stderr and exits at once."""
    if smoke:
        print("\n".join(lines), file=sys.stderr)
    else:
        QMessageBox.critical(None, APP_TITLE, "\n".join(lines))
    return 1


def chosen_server(data_dir: str | None, server: str | None):
    """The server to open: `--server`, else this PC's choice unless `--data-dir` names a
    folder; None for the data file (the default). The server modules are imported only
    when a server may be chosen: `--data-dir` alone opens its file without them."""
    if not server and data_dir:
        return None
    from dahe_desktop.safety.server_store import (
        ServerConfig,
        ServerError,
        ServerStoreError,
        current_choice,
    )

    if server:
        try:
            return ServerConfig.from_dsn(server)
        except ServerError as error:
            raise ServerStoreError(error.lines) from None
    return current_choice()


def _run_on_server(app: QApplication, config, smoke: bool) -> int:
    """The window on the county's server: the same steps as on the file, minus the file's."""
    from dahe_desktop.errors import error_lines
    from dahe_desktop.paths import data_dir
    from dahe_desktop.roster.spellings import refresh_spellings
    from dahe_desktop.safety.errorlog import setup_error_log
    from dahe_desktop.safety.server_store import open_server_data
    from ui.background import wait_for_background
    from ui.common import events
    from ui.errors import install_excepthook
    from ui.main_window import MainWindow
    from ui.safety.store_dialog import choose_store

    try:
        session = open_server_data(config)
    except Exception as error:  # unreachable, refused, not registered, too new
        lines = error_lines(error, "连接服务器")
        if smoke:
            return _cannot_start(lines, smoke)
        box = QMessageBox(QMessageBox.Icon.Critical, APP_TITLE, "\n".join(lines))
        change = box.addButton("更改数据存储…", QMessageBox.ButtonRole.ActionRole)
        box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is change:
            choose_store(None)
        return 1
    setup_error_log(data_dir(None))  # this PC's log, beside where its data file would be
    install_excepthook(smoke)
    try:
        refresh_spellings()
        window = MainWindow(None, store_title=session.title)
        window.show()
        _freeze_start_heap()
        QTimer.singleShot(0, lambda: fit_dialogs_once_active(app))  # as on the file: after the first paint
        if smoke:
            QTimer.singleShot(0, lambda: app.exit(0))  # as on the file: this PC's settings untouched
        else:
            if session.notes:
                QMessageBox.information(window, APP_TITLE, "\n\n".join(session.notes))
        code = app.exec()
        wait_for_background()
        events.shutdown()
    finally:
        session.close()
    return code


def _after_first_paint(app: QApplication, window: QMainWindow, session: DataSession) -> None:
    """What the first paint need not wait for: fitting dialogs on screen (once a window
    is active), today's backup (on a worker thread; the window waits for it before it
    closes the data file)."""
    fit_dialogs_once_active(app)
    if session.due_backup is not None:  # None too when the window closed before this ran
        from ui.safety.daily_backup import start_daily_backup

        start_daily_backup(session.due_backup, window)
