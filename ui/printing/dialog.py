"""The one print dialog: choose, preview, save as PDF, print. A printout subclasses it
with its options and three calls into its core job; the life cycle lives here once:

- every change of an option renders again off the GUI thread (serial numbers: a stale
  render never replaces a newer one; a newer request stops the older at its next page);
- one render writes the PDF into a private temporary folder and records its pages; the
  preview paints those pages, "保存为PDF" copies exactly that PDF (written beside the
  target and renamed into place), "打印" paints the same pages on the printer as vectors;
- only a save or a print is logged (`log`), never a preview.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.errors import CancelledError, UserError, error_lines
from dahe_desktop.printing.document import PrintResult
from dahe_desktop.safety.outputs import safe_output
from db.errors import store_problem
from ui.background import BackgroundTask, Progress, wait_for_background
from ui.common import pc_settings
from ui.printing.pages_view import PagesView
from ui.printing.painter import print_pages

# What a render gets: the PDF to write, a progress callback and a cancellation test.
Render = Callable[[Path, Progress, Callable[[], bool]], PrintResult]
ERROR_STYLE = "color: #b00020;"


def save_error_text(path: str | Path, error: OSError) -> str:
    """Why a PDF could not be saved and what to do, for the status line."""
    why = "文件正被其他程序占用或没有写入权限" if isinstance(error, PermissionError) else (error.strerror or str(error))
    return f"无法保存：{path}（{why}）。请关闭正在打开此文件的程序后重试，或换一个文件名保存。"


def copy_into_place(source: Path, target: str | Path) -> None:
    """Copy `source` to `target` the core's safe way: never onto the data file, its WAL or
    a backup, and through a temporary file beside it renamed into place."""
    with safe_output(target) as temp:
        shutil.copyfile(source, temp)


class PrintDialog(QDialog):
    """Subclasses give `window_title`, `what`, `file_name()`, `options()` (a layout, built
    once by `begin()`), `make_render()`, and optionally `summary()`, `log()`,
    `extra_buttons()` and `setup_printer()`. Their constructor calls `begin()` (which
    builds the options and renders the first preview), then `watch(signal, ...)` for the
    options that change the output."""

    rendered = Signal()  # a preview finished, failed or was cancelled
    window_title = "打印"
    what = "页"  # what the status line counts, e.g. "张名片"
    doing = "生成预览"  # what failed, in an unexpected error's line

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.render_result: PrintResult | None = None
        self.busy = False
        self._dir = Path(tempfile.mkdtemp(prefix="dahe-print-"))
        self._pdf: Path | None = None
        self._serial = 0
        self._task: BackgroundTask | None = None
        self._stop: threading.Event | None = None
        self.setWindowTitle(self.window_title)

        self.status = QLabel(wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(maximum=100, textVisible=True)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("取消生成")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_render)
        self.save_button = QPushButton("保存为PDF…")
        self.print_button = QPushButton("打印…")
        close = QPushButton("关闭")
        self.save_button.clicked.connect(self.save_as)
        self.print_button.clicked.connect(lambda: self.print_document())
        close.clicked.connect(self.reject)
        self.save_button.setDefault(True)
        self.preview = PagesView(self)
        self.preview.set_zoom(pc_settings.preview_zoom())
        self.preview.zoom_changed.connect(pc_settings.set_preview_zoom)

        buttons = QHBoxLayout()
        for button in self.extra_buttons():
            buttons.addWidget(button)
        buttons.addStretch()
        for button in (self.save_button, self.print_button, close):
            buttons.addWidget(button)
        state = QHBoxLayout()
        state.addWidget(self.status, 1)
        state.addWidget(self.progress)
        state.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(state)
        layout.addLayout(buttons)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.render_preview)
        self._fit_to_screen()

    # ---- what a subclass gives ----------------------------------------------------
    def options(self) -> QLayout:
        raise NotImplementedError

    def make_render(self) -> Render:
        """Read the options (GUI thread) and return the work for the worker thread."""
        raise NotImplementedError

    def file_name(self) -> str:
        return f"{self.window_title}.pdf"

    def summary(self, result: PrintResult) -> list[str]:
        lines = [f"共{result.documents}{self.what}，{result.pages}页"]
        notes = result.notes()
        lines += [n if n.startswith("注意") else f"注意：{n}" for n in notes[:3]]
        if len(notes) > 3:
            lines.append(f"……另有{len(notes) - 3}条提示")
        return lines

    def log(self, result: PrintResult) -> str:
        """Record a saved or printed result; returns words for the status line."""
        return ""

    def extra_buttons(self) -> list[QPushButton]:
        return []

    def setup_printer(self, printer) -> None:
        """Printer options before Qt's printer dialog (e.g. duplex)."""

    # ---- wiring -------------------------------------------------------------------
    def watch(self, *signals) -> None:
        for signal in signals:
            signal.connect(self.changed)

    def changed(self, *_args) -> None:
        self.sync_controls()
        self._timer.start()

    def sync_controls(self) -> None:
        """Enable or disable options that depend on others."""

    def begin(self) -> None:
        """Build the subclass's options above the preview and render the first preview."""
        self.layout().insertLayout(0, self.options())
        self.sync_controls()
        self.render_preview()

    def _fit_to_screen(self) -> None:
        screen = (self.parentWidget().screen() if self.parentWidget() else None) or QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = 1000, 720
        if room is not None:
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(width, height)

    # ---- rendering ----------------------------------------------------------------
    def render_preview(self) -> None:
        """Render as chosen, off the GUI thread; a newer request stops the older."""
        self._stop_task()
        self._serial += 1
        self.busy = True
        self.render_result = None
        self._set_buttons()
        self.status.setStyleSheet("")
        self.status.setText("正在生成预览……")
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        serial, render = self._serial, self.make_render()
        out = self._dir / f"preview-{serial}.pdf"
        stop = self._stop = threading.Event()
        self._task = task = BackgroundTask(lambda progress: render(out, progress, stop.is_set), self)
        task.progressed.connect(lambda done, total: self._on_progress(serial, done, total))
        task.succeeded.connect(lambda result: self._on_rendered(serial, out, result))
        task.failed.connect(lambda error: self._on_error(serial, error))
        task.cancelled_done.connect(lambda: self._on_cancelled(serial))
        task.start()

    def _stop_task(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._stop.set()
        self._task = self._stop = None

    def cancel_render(self) -> None:
        """Stop the render now: whatever it still reports is ignored."""
        if self._task is not None:
            self._stop_task()
            self._on_cancelled(self._serial)
            self._serial += 1

    def _on_progress(self, serial: int, done: int, total: int) -> None:
        if serial == self._serial and total:
            self.progress.setValue(round(100 * done / total))

    def _finish(self) -> None:
        self.busy = False
        self._task = self._stop = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._set_buttons()
        self.rendered.emit()

    def _on_rendered(self, serial: int, out: Path, result: PrintResult) -> None:
        if serial != self._serial:
            return
        self.render_result, self._pdf = result, out
        self.progress.setValue(100)
        self.preview.set_pages(result.recorded)
        self.status.setText("\n".join(self.summary(result)))
        self._finish()

    def _on_error(self, serial: int, error: BaseException) -> None:
        if serial != self._serial:
            return
        if isinstance(error, CancelledError):
            self._on_cancelled(serial)
            return
        self.preview.clear()
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText("\n".join(error_lines(error, self.doing)))
        self._finish()

    def _on_cancelled(self, serial: int) -> None:
        if serial != self._serial:
            return
        self.preview.clear()  # the pages shown were of the choices before
        self._pdf = None
        self.status.setText("已取消生成；更改选项可重新生成")
        self._finish()

    def _set_buttons(self) -> None:
        for button in (self.save_button, self.print_button):
            button.setEnabled(self.render_result is not None)

    # ---- actions ------------------------------------------------------------------
    def save_to(self, path: str | Path) -> None:
        """Save exactly the previewed PDF, then log it."""
        if self.render_result is None or self._pdf is None:
            return
        try:
            copy_into_place(self._pdf, path)
        except UserError as error:  # the data file, a folder, a folder that is not there
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText("\n".join(error.lines))
            return
        except OSError as error:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(save_error_text(path, error))
            return
        said = self.logged(self.render_result)
        self.status.setStyleSheet("")
        self.status.setText(f"已保存：{path}" + (f"（{said}）" if said else ""))

    def logged(self, result: PrintResult) -> str:
        """`log` once the PDF is saved or the pages printed: a log that cannot be written
        (the data file gone, the disk full) is said beside what was done, not as if
        nothing had been."""
        try:
            return self.log(result)
        except UserError as error:
            lines = error.lines
        except Exception as error:
            if store_problem(error) is None:
                raise
            lines = error_lines(error, "记录打印")
        return "但这次打印未能记入打印记录：" + "；".join(lines)

    def save_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "保存为PDF", pc_settings.in_last_folder(self.file_name()),
                                              "PDF 文件 (*.pdf)")  # fmt: skip
        if path:
            pc_settings.remember_file(path)
            self.save_to(path)

    def print_document(self, *, printer=None) -> bool:
        """Print the previewed pages as vectors; tests pass a `printer` to skip Qt's
        printer dialog. True when every page went to the printer (then it is logged)."""
        result = self.render_result
        if result is None or result.recorded is None:
            return False
        if printer is None:  # pragma: no cover - needs a printer
            from PySide6.QtPrintSupport import QPrintDialog, QPrinter

            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(Path(self.file_name()).stem)
            self.setup_printer(printer)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return False
        total = len(result.recorded.pages)
        progress = QProgressDialog("正在发送到打印机……", "取消", 0, total, self)
        progress.setWindowTitle(self.window_title)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def step(done: int) -> bool:
            progress.setLabelText(f"正在发送第{done}/{total}页……")
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        for button in (self.save_button, self.print_button):
            button.setEnabled(False)
        try:
            sent = print_pages(result.recorded, printer, on_page=step,
                               scale=pc_settings.printer_scale(printer.printerName()))  # fmt: skip
        finally:
            progress.close()
            self._set_buttons()
        if not sent:
            self.status.setText("已取消打印")
            return False
        said = self.logged(result)
        self.status.setStyleSheet("")
        self.status.setText(f"已送打印机：{self.sent_text(result)}" + (f"（{said}）" if said else ""))
        return True

    def sent_text(self, result: PrintResult) -> str:
        return f"{result.documents}{self.what}"

    def done(self, result: int) -> None:
        self._serial += 1  # a render still running is ignored when it ends
        self._stop_task()
        # Its worker still holds the task: let it stop (at its next page) before the
        # dialog and its tasks can be deleted (a Qt object must not die under a worker).
        wait_for_background()
        self.preview.clear()
        shutil.rmtree(self._dir, ignore_errors=True)
        super().done(result)
