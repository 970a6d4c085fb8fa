"""The day's first backup, made after the window shows: on a worker thread, of the file
as it was opened (the core pinned that state before the window showed, so nothing the
clerk writes meanwhile gets into it), with a note in the status bar while it runs if it
takes more than a moment, and a clear line if it fails."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QProgressBar

from dahe_desktop.errors import error_lines
from dahe_desktop.safety.backups import DueBackup
from ui.background import BackgroundTask

SHOW_AFTER_MS = 700  # a quick backup says nothing while it runs


class DailyBackup(QObject):
    """`start()` makes the backup on a worker thread (`task`), saying so in the window's
    status bar if it takes long, and what came of it."""

    def __init__(self, due: DueBackup, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.task = BackgroundTask(lambda _progress: due.make(), self)
        self.task.succeeded.connect(lambda path: self._done(path))
        self.task.failed.connect(lambda error: self._failed(error))
        self.note = QLabel("正在备份今天的数据…")
        self.bar = QProgressBar(maximum=0, textVisible=False)  # busy: SQLite copies in one step
        self.bar.setMaximumWidth(120)
        self._reveal = QTimer(self, singleShot=True, interval=SHOW_AFTER_MS)
        self._reveal.timeout.connect(lambda: self._show_note())

    @property
    def running(self) -> bool:
        return self.task.running

    def start(self) -> None:
        self.task.start()
        self._reveal.start()

    def _show_note(self) -> None:
        if self.running:
            bar = self.window.statusBar()
            bar.addPermanentWidget(self.note)
            bar.addPermanentWidget(self.bar)
            self.note.show()
            self.bar.show()

    def _hide_note(self) -> None:
        self._reveal.stop()
        for widget in (self.note, self.bar):
            self.window.statusBar().removeWidget(widget)
            widget.hide()

    def _done(self, path: object) -> None:
        self._hide_note()
        if path is not None:
            self.window.statusBar().showMessage(f"已完成今天的自动备份：{path}", 8000)

    def _failed(self, error: object) -> None:
        self._hide_note()
        lines = error_lines(error, "自动备份") if isinstance(error, BaseException) else [str(error)]
        QMessageBox.warning(self.window, "自动备份", "今天的自动备份没有完成：\n" + "\n".join(lines)
                            + "\n\n数据没有受影响。请用“文件 › 备份与恢复”再备份一次。")  # fmt: skip


def start_daily_backup(due: DueBackup, window: QMainWindow) -> DailyBackup:
    task = DailyBackup(due, window)
    task.start()
    return task
