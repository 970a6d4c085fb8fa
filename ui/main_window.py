"""The main window: one tab per mechanism of the seed, a menu and a status bar."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QWidget,
)

from dahe_desktop import APP_TITLE, __version__, changes
from dahe_desktop.errors import UserError, error_lines
from dahe_desktop.posts import labels as post_labels
from dahe_desktop.roster import members
from ui.common import events, pc_settings
from ui.common.lazy_tabs import LazyTabs
from ui.common.tab import shows
from ui.common.widgets import available_room, fit_on_screen
from ui.help_dialog import HelpDialog

# Every tab in order: (key, title, module, class). Imported by name when first shown (the
# bundle collects the ui package whole).
TABS = (
    ("dashboard", "工作概况", "ui.dashboard.tab", "DashboardTab"),
    ("roster", "花名册", "ui.roster.tab", "RosterTab"),
    ("pairing", "结对帮扶", "ui.pairing.tab", "PairingTab"),
    ("posts", post_labels.TAB_TITLE, "ui.posts.tab", "PostsTab"),
    ("commitments", "公开承诺", "ui.commitments.tab", "CommitmentsTab"),
    ("appraisal", "考核评议", "ui.appraisal.tab", "AppraisalTab"),
    ("service", "服务工作", "ui.service.tab", "ServiceTab"),
    ("stats", "基本情况", "ui.stats.panel", "StatsPanel"),
)
ROSTER_FILES = "花名册 (*.xlsx *.xls *.csv);;Excel 工作簿 (*.xlsx);;Excel 97-2003 (*.xls);;CSV (*.csv)"

UNDO_SECONDS = 10  # how long 撤销 stays offered after a status change
_PREFERRED_SIZE = (1280, 800)
_FRAME_ALLOWANCE = (16, 40)  # the window frame and title bar around the client area


class MainWindow(QMainWindow):
    include_sensitive_choice = False  # the export question's 人员类别 box, last answer

    def __init__(self, database_path: Path | None, parent: QWidget | None = None, *, store_title: str = ""):
        super().__init__(parent)
        self.database_path = database_path
        self.store_title = store_title  # the county's server that is open, if it is one
        self.setWindowTitle(f"{APP_TITLE} — {store_title or '本机数据文件'}")
        self.help_dialog: HelpDialog | None = None

        # Each tab is imported and built when first shown (or asked for): the window
        # shows the first one without the others' modules (print engine, planner…).
        self.tabs = LazyTabs()
        for key, title, module_name, class_name in TABS:
            self.tabs.add_lazy(key, title, lambda k=key, m=module_name, c=class_name: self._build_tab(k, m, c))
        self.setCentralWidget(self.tabs)

        self.path_label = QLabel()
        self.count_label = QLabel()
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.count_label)
        self.undo_button = QPushButton("撤销")
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo_last)
        self.statusBar().addPermanentWidget(self.undo_button)
        self._undo: Callable[[], object] | None = None
        self._undo_timer = QTimer(self, singleShot=True, interval=UNDO_SECONDS * 1000)
        self._undo_timer.timeout.connect(self._drop_undo)
        self._build_menu()

        events.bridge().changed.connect(self._on_changed)
        if not pc_settings.restore_window(self):
            self.place_on_screen(available_room(self))
        else:
            fit_on_screen(self)  # saved on a larger monitor
        self.refresh_status()

    # ---- tabs ---------------------------------------------------------------------
    dashboard = property(lambda self: self.tabs.tab("dashboard"))
    roster = property(lambda self: self.tabs.tab("roster"))
    pairing = property(lambda self: self.tabs.tab("pairing"))
    posts = property(lambda self: self.tabs.tab("posts"))
    commitments = property(lambda self: self.tabs.tab("commitments"))
    appraisal = property(lambda self: self.tabs.tab("appraisal"))
    service = property(lambda self: self.tabs.tab("service"))
    stats = property(lambda self: self.tabs.tab("stats"))

    def _build_tab(self, key: str, module_name: str, class_name: str) -> QWidget:
        """The tab `key`, imported and built now (its first show or first use)."""
        tab = getattr(importlib.import_module(module_name), class_name)()
        if key == "roster":  # the one tab that loads when told to, not when built
            tab.status_changed.connect(self.offer_undo)
            tab.refresh()
        return tab

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.import_action = QAction("导入花名册…", self, shortcut="Ctrl+I", triggered=self.import_roster)
        self.export_action = QAction("导出当前名单…", self, shortcut="Ctrl+E", triggered=self.export_roster)
        self.demo_action = QAction("载入演示数据", self, triggered=self.load_demo)
        self.template_action = QAction("保存空白花名册模板…", self, triggered=self.save_template)
        self.template_action.setToolTip("发给各村填写的Excel模板：列名与导入时识别的一致，附一行示例")
        for action in (self.import_action, self.template_action, self.export_action, self.demo_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(QAction("乡镇设置…", self, triggered=self.edit_settings))
        file_menu.addAction(QAction("上报数据包…", self, triggered=lambda: self._county("export_for_county")))
        file_menu.addAction(QAction("导入乡镇数据包…", self, triggered=lambda: self._county("import_from_township")))
        self.backup_action = QAction("备份与恢复…", self, triggered=self.show_backups)
        self.audit_action = QAction("修改记录…", self, triggered=self.show_audit)
        self.password_action = QAction("启动密码…", self, triggered=self.set_password)
        self.data_location_action = QAction("数据位置…", self, triggered=self.show_data_location)
        self.store_action = QAction("数据存储…", self, triggered=self.choose_store)
        for action in (self.backup_action, self.audit_action, self.password_action, self.data_location_action,
                       self.store_action):
            file_menu.addAction(action)
        if self.store_title:  # the server's administrator backs it up; its logins guard it
            for action in (self.backup_action, self.password_action, self.data_location_action):
                action.setEnabled(False)
                action.setToolTip("县级服务器上的数据由服务器管理员备份和保护")
        file_menu.addSeparator()
        file_menu.addAction(QAction("退出", self, shortcut=QKeySequence.StandardKey.Quit, triggered=self.close))
        help_menu = self.menuBar().addMenu("帮助(&H)")
        self.help_action = QAction("使用说明", self, shortcut=QKeySequence.StandardKey.HelpContents,
                                   triggered=self.show_help)  # fmt: skip
        help_menu.addAction(self.help_action)
        help_menu.addAction(QAction("关于", self, triggered=self.show_about))

    def place_on_screen(self, room: QRect | None) -> None:
        """First start on this PC: as large as suits the work, within the available room
        (a 1366×768 laptop keeps its buttons and status bar on screen), centred."""
        if room is None:
            self.resize(*_PREFERRED_SIZE)
            return
        width = min(_PREFERRED_SIZE[0], room.width() - _FRAME_ALLOWANCE[0])
        height = min(_PREFERRED_SIZE[1], room.height() - _FRAME_ALLOWANCE[1])
        self.resize(width, height)
        self.move(room.left() + (room.width() - width) // 2, room.top() + max(0, (room.height() - height) // 2 - 10))
        fit_on_screen(self, room)

    # ---- undo -----------------------------------------------------------------------
    def offer_undo(self, text: str, undo: Callable[[], object]) -> None:
        """Say what was done in the status bar, with 撤销 for a few seconds."""
        self._undo = undo
        self.statusBar().showMessage(text, UNDO_SECONDS * 1000)
        self.undo_button.show()
        self._undo_timer.start()

    def undo_last(self) -> None:
        undo, self._undo = self._undo, None
        self._drop_undo()
        if undo is not None:
            undo()
            self.statusBar().showMessage("已撤销", 5000)

    def _drop_undo(self) -> None:
        self._undo = None
        self._undo_timer.stop()
        self.undo_button.hide()

    # ---- status ----------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        pc_settings.save_window(self)  # this PC's window size and place, for the next start
        super().closeEvent(event)

    def _on_changed(self, changed: frozenset[str]) -> None:
        """The tabs refresh themselves; the window only keeps its status bar count."""
        if shows({changes.MEMBERS}, changed):
            self.refresh_status()

    def refresh_status(self) -> None:
        active = members.count_active()
        if self.store_title:  # the county's real records: no made-up people, even when empty
            self.demo_action.setEnabled(False)
            self.demo_action.setToolTip("县级服务器上不能载入演示数据")
        else:
            self.demo_action.setEnabled(not members.has_members())
            self.demo_action.setToolTip("" if self.demo_action.isEnabled() else "只能载入空的数据文件：本文件已有党员")
        self.path_label.setText(self.store_title or f"数据文件：{self.database_path}")
        self.count_label.setText(f"在册党员 {active} 名")

    # ---- menu actions ------------------------------------------------------------
    def show_data_location(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("数据位置")
        box.setText(
            f"数据保存在本机文件：\n{self.database_path}\n\n"
            "启动时可用 --data-dir 指定其他文件夹；程序旁有 data 文件夹时（如U盘），数据保存在该文件夹。\n\n"
            "程序运行时请不要直接复制这个文件：请用“文件 › 备份与恢复 › 备份到U盘”，"
            "它写出一个完整的备份文件。自动备份在同一文件夹的 backups 里。"
        )
        open_button = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.database_path.parent)))

    def choose_store(self) -> None:
        from ui.safety.store_dialog import choose_store

        choose_store(self)

    def show_backups(self) -> None:
        from ui.safety.backup_dialog import BackupDialog

        BackupDialog(self).exec()

    def show_audit(self) -> None:
        from ui.safety.audit_dialog import AuditDialog

        AuditDialog(self).exec()

    def set_password(self) -> None:
        from ui.safety.password_dialog import SetPasswordDialog

        SetPasswordDialog(self).exec()

    # Dialogs and the jobs behind menu actions are imported when first used: the window
    # shows sooner (the demo township, the importers, the exporter, the print engine).
    def _county(self, name: str) -> None:
        """The township's package for the county, or the county importing one."""
        from ui.county import packages

        getattr(packages, name)(self)

    def edit_settings(self) -> None:
        from ui.settings_dialog import TownshipSettingsDialog

        TownshipSettingsDialog(self).exec()

    def show_help(self) -> None:
        """F1: the manual shipped with the program, in a window beside the work."""
        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self)
        self.help_dialog.show()
        self.help_dialog.raise_()
        self.help_dialog.activateWindow()

    def working_features(self) -> list[str]:
        """The tabs that work in this version (placeholders left out)."""
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def about_text(self) -> str:
        return (
            f"{APP_TITLE}（Dahe Desk）{__version__}\n\n"
            f"为乡镇党委党建办设计的单机软件。本版本可用：{'、'.join(self.working_features())}；"
            "打印党员名片、便民服务联系卡、结链责任状、承诺卡与公示、选票与设岗公示、评分表与评议结果、"
            "社情民意手册与督办单、工作报告。数据只保存在本机，不联网。\n\n"
            "按 F1 查看使用说明。\n\n"
            "字体：文泉驿微米黑、Droid Sans Fallback（Apache 2.0 许可），思源宋体（Noto Serif CJK，"
            "SIL OFL 1.1），Fandol 仿宋（GPL 3，含字体例外）。"
        )

    def show_about(self) -> None:
        QMessageBox.about(self, "关于", self.about_text())

    def offer_first_start(self) -> None:
        """On an empty data file, offer to import a roster or load the demo township."""
        if members.has_members():
            return
        box = QMessageBox(self)
        box.setWindowTitle("欢迎使用")
        box.setText("数据文件中还没有党员。\n可以导入各村报来的花名册（Excel 或 CSV），或先载入演示数据（大河乡）熟悉软件。")
        import_button = box.addButton("导入花名册…", QMessageBox.ButtonRole.AcceptRole)
        demo_button = box.addButton("载入演示数据", QMessageBox.ButtonRole.ActionRole)
        box.addButton("稍后", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is import_button:
            self.import_roster()
        elif box.clickedButton() is demo_button:
            self.load_demo()

    def import_roster(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择花名册文件", pc_settings.last_folder(), ROSTER_FILES)
        if not path:
            return
        pc_settings.remember_file(path)
        from ui.roster.import_dialog import ImportRosterDialog

        dialog = ImportRosterDialog(path, self)
        accepted = dialog.exec()
        result = dialog.import_result
        dialog.deleteLater()  # it has waited for its worker when it closed
        if accepted and result is not None:
            done = f"新增 {result.imported} 名党员" + (f"，更新 {result.updated} 名" if result.updated else "")
            self.statusBar().showMessage(f"已导入：{done}", 8000)
            self.tabs.setCurrentWidget(self.roster)
            self.roster.show_only(result.member_ids, "刚导入的新增和有变动的党员")

    def save_template(self) -> None:
        """A blank roster for the villages to fill in: the headers the import reads."""
        suggested = pc_settings.in_last_folder("党员花名册模板.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, "保存花名册模板", suggested, "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        pc_settings.remember_file(path)
        from dahe_desktop.importing.sendback import write_template

        try:
            write_template(path)
        except UserError as error:  # the data file or a backup chosen
            QMessageBox.warning(self, "保存失败", "\n".join(error.lines))
            return
        except OSError as error:  # a full or pulled stick, a file open in Excel: in Chinese
            QMessageBox.warning(self, "保存失败", "\n".join(error_lines(error, "保存模板")))
            return
        self.statusBar().showMessage(f"已保存花名册模板：{path}", 8000)

    def export_roster(self) -> None:
        """Export what the roster tab shows now (its filters and order) to .xlsx."""
        self.roster.ensure_fresh()  # a hidden roster may not have heard of the last write yet
        member_ids = self.roster.shown_member_ids()
        if not member_ids:
            QMessageBox.information(self, "导出", "当前名单为空，请先调整筛选条件。")
            return
        suggested = pc_settings.in_last_folder("花名册.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, "导出花名册", suggested, "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        pc_settings.remember_file(path)
        include_ids = self.ask_include_id_numbers()
        if include_ids is None:
            return
        from dahe_desktop.exporting.roster import export_roster

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count = export_roster(path, member_ids, include_id_numbers=include_ids,
                                  include_sensitive=self.include_sensitive_choice)  # fmt: skip
        except (OSError, UserError) as error:  # a folder gone, Excel holding the file, the data file chosen
            QMessageBox.warning(self, "导出失败", "\n".join(error_lines(error, "导出")))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.statusBar().showMessage(f"已导出 {count} 名党员到 {path}", 8000)

    def ask_include_id_numbers(self) -> bool | None:
        """Whether the export holds whole ID numbers (None: the clerk cancelled). The
        buttons say what each choice does, so no text has to name a button."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("身份证号")
        box.setText("导出文件中是否包含完整身份证号？")
        box.setInformativeText("身份证号属于个人信息。只导出遮盖后的号码时显示为 632522********123*，"
                               "出生日期只写年月，无法推算出完整号码。")
        sensitive = QCheckBox("同时导出人员类别（其中“老病残党员”属敏感信息）")
        box.setCheckBox(sensitive)
        masked = box.addButton("只导出遮盖后的号码", QMessageBox.ButtonRole.NoRole)
        whole = box.addButton("包含完整身份证号", QMessageBox.ButtonRole.YesRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(masked)
        box.exec()
        self.include_sensitive_choice = sensitive.isChecked()
        clicked = box.clickedButton()
        return True if clicked is whole else False if clicked is masked else None

    def load_demo(self) -> None:
        """The demo township goes only into an empty data file."""
        confirm = QMessageBox.question(
            self, "载入演示数据", "将载入演示数据：大河乡20个支部、367名党员（虚构人员）。\n只能载入空的数据文件。是否继续？"
        )
        if confirm != QMessageBox.StandardButton.Yes:
            return
        from dahe_desktop.demo import DemoError, build_demo

        try:
            result = build_demo()
        except DemoError as error:
            QMessageBox.warning(self, "载入演示数据", str(error))
            return
        self.statusBar().showMessage(f"已载入演示数据：{result.branches}个支部、{result.active_members}名党员", 8000)
