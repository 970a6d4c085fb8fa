"""文件 › 数据存储…: the choice of store is remembered per PC; the window says which is open."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from db import server
from ui.main_window import MainWindow
from ui.safety.store_dialog import StoreDialog


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DAHE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setattr(server, "credential_store_available", lambda: False)  # never this PC's real store
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]))
    return infos


def test_a_server_chosen_is_remembered_for_the_next_start(qtbot, config_dir):
    dialog = StoreDialog()
    qtbot.addWidget(dialog)
    assert dialog.local.isChecked() and not dialog.host.isEnabled()  # the default
    dialog.server.setChecked(True)
    dialog.host.setText("county.lan")
    dialog.port.setValue(6543)
    dialog.database.setText("dahe")
    dialog.user.setText("clerk")
    dialog.password.setText("secret")
    dialog.save()
    assert server.load_choice() == server.ServerConfig(host="county.lan", port=6543, database="dahe", user="clerk")
    assert "secret" not in server.choice_path().read_text(encoding="utf-8")
    assert any("PGPASSWORD" in text for text in config_dir)  # no credential store: the clerk is told how

    again = StoreDialog()
    qtbot.addWidget(again)
    assert again.server.isChecked() and again.host.text() == "county.lan" and again.port.value() == 6543
    again.local.setChecked(True)
    again.save()
    assert server.load_choice() is None


def test_a_server_needs_its_address(qtbot):
    dialog = StoreDialog()
    qtbot.addWidget(dialog)
    dialog.server.setChecked(True)
    dialog.host.setText("county.lan")
    dialog.save()
    assert dialog.result() != StoreDialog.DialogCode.Accepted
    assert dialog.message.text() == "请填写数据库、用户名"
    assert server.load_choice() is None


def test_testing_a_server_that_does_not_answer_says_so(qtbot):
    dialog = StoreDialog()
    qtbot.addWidget(dialog)
    dialog.server.setChecked(True)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(1)
    dialog.database.setText("dahe")
    dialog.user.setText("clerk")
    dialog.test()
    assert dialog.message.text().startswith("无法连接县级服务器 clerk@127.0.0.1:1/dahe")


def test_the_window_title_says_which_store_is_open(db, qtbot, qapp_fonts, tmp_path):
    local = MainWindow(tmp_path / "test.sqlite3")
    qtbot.addWidget(local)
    assert local.windowTitle().endswith("本机数据文件") and local.backup_action.isEnabled()
    title = "县级服务器 clerk@county.lan:5432/dahe（县级账户）"
    county = MainWindow(None, store_title=title)
    qtbot.addWidget(county)
    assert county.windowTitle().endswith(title) and county.path_label.text() == title
    assert not county.backup_action.isEnabled()  # the server's administrator backs it up
    assert local.demo_action.isEnabled()  # an empty file may take the demo township
    assert not county.demo_action.isEnabled()  # an empty county server may not


def test_the_start_opens_the_chosen_store_unless_told_otherwise(tmp_path):
    from ui.app import chosen_server

    assert chosen_server(None, None) is None  # nothing chosen: the data file
    config = server.ServerConfig(host="county.lan", database="dahe", user="clerk")
    server.save_choice(config)
    assert chosen_server(None, None) == config  # this PC's choice
    assert chosen_server(str(tmp_path), None) is None  # --data-dir: a file, whatever the PC chose
    assert chosen_server(None, "postgresql://other@h:1/x").user == "other"  # --server


def test_reopening_after_a_choice_drops_the_options_that_would_override_it():
    from ui.safety.store_dialog import reopen_arguments

    assert reopen_arguments(["main.py", "--data-dir", "D:/dahe", "--smoke"]) == ["main.py", "--smoke"]
    assert reopen_arguments(["DaheDesk.exe", "--server=postgresql://c@h/x"]) == ["DaheDesk.exe"]
    assert reopen_arguments(["DaheDesk.exe", "--server", "postgresql://c@h/x", "--data-dir=E:/"]) == ["DaheDesk.exe"]
    assert reopen_arguments(["main.py"]) == ["main.py"]
