"""Starting the window: a second window on the same data folder is refused naming the
folder; a new file is announced; the clerk's name is asked; the lock is given back."""

from __future__ import annotations

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
