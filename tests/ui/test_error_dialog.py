"""An unexpected error in the window: a Chinese dialog, the details in the data
folder's rotating log, the program keeps running."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest
from PySide6.QtWidgets import QMessageBox

from dahe_desktop.safety.errorlog import setup_error_log
from ui import errors


def raise_and_catch(error: BaseException):
    try:
        raise error
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


def test_an_unexpected_error_shows_a_chinese_dialog_and_is_logged(qapp, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    log = setup_error_log(tmp_path)
    errors.excepthook(*raise_and_catch(ZeroDivisionError("division by zero")))
    (text,) = shown
    assert "意外错误" in text and str(log) in text and "Traceback" not in text
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_a_full_disk_is_said_in_its_own_words(qapp, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    setup_error_log(tmp_path)
    errors.excepthook(*raise_and_catch(sqlite3.OperationalError("database or disk is full")))
    assert shown == ["磁盘已满，未保存任何修改；请删除不用的文件或换一个有空间的位置后重试。"]


def test_without_a_log_file_the_dialog_does_not_point_at_one(qapp, monkeypatch):
    monkeypatch.setattr(errors, "log_path", lambda: None)  # no data folder open yet
    text = errors.error_message(KeyError("x"))
    assert "KeyError" in text and "记录文件" not in text and "告诉技术人员" in text


@pytest.mark.skipif(os.name != "posix", reason="Windows keeps the data in the user's own folder")
def test_the_error_log_is_readable_by_the_clerk_only(tmp_path):
    log = setup_error_log(tmp_path)
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700 and stat.S_IMODE(log.stat().st_mode) == 0o600
