"""Starting the window: a second window on the same data folder is refused naming the
folder; a new file is announced; the clerk's name is asked; the lock is given back."""

from __future__ import annotations

import os
import time

from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from dahe_desktop import settings
from dahe_desktop.safety.lock import DataLock
from dahe_desktop.safety.session import open_data
from db import close_database
from ui import app as app_module


def test_a_second_window_on_the_same_folder_is_refused_naming_it(qapp, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    session = open_data(tmp_path / "dahe.sqlite3")  # the first window
    try:
        assert app_module.run_gui(str(tmp_path)) == 1
    finally:
        session.close()
    assert str(tmp_path) in shown[0] and "另一个" in shown[0]


def test_the_window_starts_announces_a_new_file_asks_the_clerk_and_gives_the_lock_back(qapp, tmp_path, monkeypatch):
    notes = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: notes.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("王文书", True))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    from ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "offer_first_start", lambda self: None)
    assert app_module.run_gui(str(tmp_path / "new")) == 0
    assert "新建" in notes[0] and str(tmp_path / "new") in notes[0]
    for widget in QApplication.topLevelWidgets():
        widget.close()
    with DataLock(tmp_path / "new" / "dahe.sqlite3") as lock:
        assert lock.held
    session = open_data(tmp_path / "new" / "dahe.sqlite3")
    try:
        assert settings.get(settings.CLERK_NAME) == "王文书"
    finally:
        session.close()
        close_database()


def test_a_failed_daily_backup_is_said_and_the_window_goes_on(db, qtbot, monkeypatch):
    import errno

    from PySide6.QtWidgets import QMainWindow

    from dahe_desktop.safety import backups
    from tests.helpers.roster import small_roster
    from ui.safety.daily_backup import start_daily_backup

    small_roster()
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))

    def full_disk(self):
        self.close()
        raise OSError(errno.ENOSPC, "No space left on device", "backups")

    monkeypatch.setattr(backups.DueBackup, "make", full_disk)
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    start_daily_backup(backups.due_daily_backup(), window)
    qtbot.waitUntil(lambda: bool(said))
    assert "自动备份没有完成" in said[0] and "磁盘已满" in said[0] and "备份与恢复" in said[0]


# What the first shown tab (工作概况) does not need, and the window must not import before
# it shows: the print engine, the planner, the spreadsheet and Word libraries, pinyin's
# phrase tables, the PostgreSQL driver. (They load when a tab or dialog needing them opens.)
NOT_AT_START = ("reportlab", "networkx", "openpyxl", "xlrd", "docx", "lxml", "pypinyin", "psycopg", "PIL",
                "ui.printing", "ui.roster.tab", "ui.pairing.tab", "dahe_desktop.printing", "dahe_desktop.demo")


def test_the_window_shows_without_importing_what_the_first_tab_does_not_need(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    data = make_demo_folder(tmp_path)
    code = (
        f"import sys; sys.path.insert(0, {str(root)!r})\n"
        "import main\n"
        f"code = main.main(['--data-dir', {str(data)!r}, '--smoke'])\n"
        "print(sorted(sys.modules))\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    modules = set(eval(done.stdout.strip().splitlines()[-1]))
    assert "ui.dashboard.tab" in modules  # the first tab was built and shown
    loaded = sorted(m for m in modules if m.split(".")[0] in NOT_AT_START or any(
        m == name or m.startswith(name + ".") for name in NOT_AT_START))  # fmt: skip
    assert loaded == []


def make_demo_folder(tmp_path):
    from dahe_desktop.demo import build_demo
    from dahe_desktop.roster.spellings import refresh_spellings

    data = tmp_path / "data"
    session = open_data(data / "dahe.sqlite3")
    try:
        refresh_spellings()  # as a start does: the file is keyed by today's rules
        build_demo()
    finally:
        session.close()
        close_database()
    return data


def test_todays_backup_is_made_once_the_window_has_shown(qapp, tmp_path, monkeypatch):
    from dahe_desktop.safety import backups
    from ui.main_window import MainWindow

    data = make_demo_folder(tmp_path)
    shown, made = [], []
    real_show, real_make = MainWindow.show, backups.DueBackup.make
    monkeypatch.setattr(MainWindow, "show", lambda self: (shown.append(True), real_show(self))[1])
    monkeypatch.setattr(backups.DueBackup, "make", lambda self: (made.append(bool(shown)), real_make(self))[1])

    def event_loop(app):  # the window's loop, until the backup started: no real exec/quit in a test
        for _ in range(500):
            QApplication.processEvents()
            if made:
                return 0
            time.sleep(0.01)
        return 1

    monkeypatch.setattr(QApplication, "exec", event_loop)
    monkeypatch.setattr(QApplication, "quit", lambda app: None)
    assert app_module.run_gui(str(data), smoke=True) == 0
    assert made == [True]  # after the window showed, and it was waited for before closing
    assert [b.reason for b in backups.list_backups(data / "dahe.sqlite3")] == ["daily"]
    for widget in QApplication.topLevelWidgets():
        widget.close()


def test_dialogs_are_fitted_from_the_first_activation_on(qapp, monkeypatch):
    """The dialog fitter (an application-wide filter) waits for a window to become
    active, so the activation's events pass no Python; dialogs after it are fitted."""
    installed = []
    monkeypatch.setattr(app_module, "fit_dialogs", lambda app: installed.append(app))
    monkeypatch.setattr(QApplication, "focusWindow", staticmethod(lambda: None))
    app_module.fit_dialogs_once_active(qapp)
    QApplication.processEvents()
    assert installed == []  # nothing active yet: no filter
    qapp.focusWindowChanged.emit(None)  # the window (or the first-start question) activates
    assert installed == []  # not during the activation's own events…
    QApplication.processEvents()
    assert installed == [qapp]  # …right after them
    qapp.focusWindowChanged.emit(None)
    QApplication.processEvents()
    assert installed == [qapp]  # once


def test_the_start_heap_is_frozen_once_the_window_shows_only_when_main_held_the_collector_back():
    import gc

    assert gc.isenabled()
    app_module._freeze_start_heap()  # a caller that did not hold it back (a test): untouched
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()  # as main.py does for the window's start
    try:
        app_module._freeze_start_heap()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_damaged_file_is_not_opened_and_the_start_dialog_offers_the_newest_good_backup(qapp, tmp_path, monkeypatch):
    from dahe_desktop.roster.service import save_branch
    from dahe_desktop.safety import backups

    session = open_data(tmp_path / "dahe.sqlite3")
    save_branch("一村党支部", "农牧村")
    backup = backups.make_backup("manual")
    session.close()
    path = tmp_path / "dahe.sqlite3"
    path.write_bytes(b"\x00" * 4096 + path.read_bytes()[4096:])  # the header page gone
    damaged = path.read_bytes()
    shown, choices = [], iter(["退出", "恢复这份备份"])

    def answer(box):
        shown.append(box.text() + box.informativeText())
        choice = next(choices)
        monkeypatch.setattr(QMessageBox, "clickedButton",
                            lambda self: next(b for b in self.buttons() if b.text() == choice))  # fmt: skip
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    assert app_module.run_gui(str(tmp_path)) == 1  # 退出: nothing changed
    assert "已损坏" in shown[0] and str(backup) in shown[0] and "恢复这份备份" in shown[0]
    assert path.read_bytes() == damaged and not list(tmp_path.glob("*.damaged-*"))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("王文书", True))
    from ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "offer_first_start", lambda self: None)
    assert app_module.run_gui(str(tmp_path)) == 0  # 恢复这份备份: the window opens on it
    for widget in QApplication.topLevelWidgets():
        widget.close()
    (aside,) = tmp_path.glob("dahe.sqlite3.damaged-*")
    assert aside.read_bytes() == damaged and any("已恢复" in text for text in shown)
    session = open_data(path, write=False)
    try:
        from dahe_desktop.roster.service import list_branches

        assert [b.name for b in list_branches()] == ["一村党支部"]
    finally:
        session.close()
        close_database()


def test_after_a_clean_window_exit_the_data_file_alone_holds_everything(qapp, tmp_path, monkeypatch):
    import shutil
    import sqlite3

    from dahe_desktop.roster.service import save_branch

    readers = []

    def work_then_quit(self):  # the clerk adds a branch, then closes the window
        save_branch("一村党支部", "农牧村")
        # A reader stays open past the window (main.py stats, a viewer): SQLite then does
        # not checkpoint at the window's close by itself; the window must.
        readers.append(sqlite3.connect(tmp_path / "data" / "dahe.sqlite3"))
        readers[0].execute("SELECT COUNT(*) FROM branch").fetchone()
        return 0

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("王文书", True))
    monkeypatch.setattr(QApplication, "exec", work_then_quit)
    from ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "offer_first_start", lambda self: None)
    assert app_module.run_gui(str(tmp_path / "data")) == 0
    for widget in QApplication.topLevelWidgets():
        widget.close()
    alone = tmp_path / "stick" / "dahe.sqlite3"
    alone.parent.mkdir()
    shutil.copy(tmp_path / "data" / "dahe.sqlite3", alone)  # the file only, as a clerk copies it
    readers[0].close()
    with sqlite3.connect(alone) as conn:
        assert conn.execute("SELECT name FROM branch").fetchall() == [("一村党支部",)]
    conn.close()
