"""This PC's settings: kept in the test's own ini file, the window comes back where it
was but always within the screen, offsets are per printer."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from ui.common import pc_settings
from ui.main_window import MainWindow


def make_window(qtbot, tmp_path) -> MainWindow:
    window = MainWindow(tmp_path / "test.sqlite3")
    qtbot.addWidget(window)
    return window


def test_the_window_comes_back_as_it_was_left(db, qtbot, tmp_path, pc_settings_folder):
    first = make_window(qtbot, tmp_path)
    area = QGuiApplication.primaryScreen().availableGeometry()
    first.setGeometry(QRect(area.left() + 20, area.top() + 30, area.width() // 2, area.height() // 2))
    first.close()
    assert list(pc_settings_folder.rglob("*.ini"))  # written to the test's folder
    second = make_window(qtbot, tmp_path)
    assert second.geometry().size() == first.geometry().size()
    assert second.geometry().topLeft() == first.geometry().topLeft()


def test_a_window_left_off_the_screen_is_restored_within_it(db, qtbot, tmp_path):
    first = make_window(qtbot, tmp_path)
    area = QGuiApplication.primaryScreen().availableGeometry()
    first.setGeometry(QRect(area.right() + 500, area.bottom() + 400, area.width() * 2, area.height() * 2))
    first.close()
    second = make_window(qtbot, tmp_path)
    assert area.contains(second.frameGeometry())
    assert second.width() <= area.width() and second.height() <= area.height()


def test_without_a_saved_geometry_the_window_gets_its_default_size_within_the_screen(db, qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    area = QGuiApplication.primaryScreen().availableGeometry()  # the tests' 1366×768 laptop
    assert window.width() == 1280
    assert window.height() == min(800, area.height() - 40)
    assert area.contains(window.frameGeometry())


def test_back_offsets_are_kept_per_printer(qapp):
    assert pc_settings.printer_offsets("HP LaserJet") == (0.0, 0.0)
    pc_settings.set_printer_offsets("HP LaserJet", 1.5, -0.75)
    pc_settings.set_printer_offsets(r"\\office\Brother/2", 0.25, 2)
    assert pc_settings.printer_offsets("HP LaserJet") == (1.5, -0.75)
    assert pc_settings.printer_offsets(r"\\office\Brother/2") == (0.25, 2.0)
    assert pc_settings.printer_offsets("Canon") == (0.0, 0.0)


def test_file_dialogs_start_in_the_last_folder_and_zoom_is_kept(qapp, tmp_path):
    assert pc_settings.last_folder() == "" and pc_settings.in_last_folder("花名册.xlsx") == "花名册.xlsx"
    pc_settings.remember_file(str(tmp_path / "二村.xlsx"))
    assert pc_settings.last_folder() == str(tmp_path)
    assert pc_settings.in_last_folder("花名册.xlsx") == str(tmp_path / "花名册.xlsx")
    assert pc_settings.preview_zoom() == "page"
    pc_settings.set_preview_zoom(1.75)
    assert pc_settings.preview_zoom() == 1.75
