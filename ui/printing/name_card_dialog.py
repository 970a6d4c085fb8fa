"""打印党员名片: choose whom and how, preview the real PDF, save it or print it.

The PDF previewed is the PDF saved or printed (copied, not rendered again). Saving or
printing logs the members as printed, which drives "changed since the last print".
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from dahe_desktop.printing.alignment import render_alignment_sheet
from dahe_desktop.printing.fonts import MissingGlyphsError
from dahe_desktop.printing.jobs import print_name_cards
from dahe_desktop.printing.name_cards import (
    NAME_CARD_SHEET,
    CancelledError,
    CardJob,
    NothingToPrintError,
    RenderResult,
)
from dahe_desktop.printing.selection import (
    ALL,
    BRANCH,
    CHANGED,
    SCOPE_LABELS,
    SELECTED,
    CardScope,
    record_prints,
)  # fmt: skip
from dahe_desktop.roster.service import list_branches
from ui.background import BackgroundTask, Progress, wait_for_background
from ui.printing.printer import PdfPreview, print_name_card_pages


def save_error_text(path: str | Path, error: OSError) -> str:
    """Why a PDF could not be saved and what to do, for the status line."""
    why = "文件正被其他程序占用或没有写入权限" if isinstance(error, PermissionError) else str(error)
    return f"无法保存：{path}（{why}）。请关闭正在打开此文件的程序后重试，或换一个文件名保存。"


def render_error_lines(error: BaseException) -> list[str]:
    """Why a name-card render failed, in Chinese, for the status line."""
    if isinstance(error, MissingGlyphsError):
        return error.lines
    if isinstance(error, NothingToPrintError):
        return [str(error)]
    if isinstance(error, OSError):
        return [f"无法生成PDF：{error}"]
    traceback.print_exception(error, file=sys.stderr)  # unexpected: keep it for the technician
    return [f"生成名片时出错：{type(error).__name__}: {error}",
            "请重试；如仍出错，请把此信息告诉技术人员。"]  # fmt: skip


class NameCardPrintDialog(QDialog):
    """打印党员名片. `selected_member_ids` are the rows selected in the roster table."""

    rendered = Signal()  # a preview finished, failed or was cancelled

    def __init__(self, selected_member_ids: list[int], parent: QWidget | None = None):
        super().__init__(parent)
        self.selected_ids = sorted(set(selected_member_ids or []))
        self.render_result: RenderResult | None = None
        self.busy = False
        self._dir = Path(tempfile.mkdtemp(prefix="dahe-cards-"))
        self._pdf: Path | None = None
        self._serial = 0
        self._task: BackgroundTask | None = None
        self._stop: threading.Event | None = None  # the running render's `cancelled()`
        self.setWindowTitle("打印党员名片")
        self.resize(1000, 760)

        # Whom
        self.scope_buttons = QButtonGroup(self)
        self.scope_all = QRadioButton(SCOPE_LABELS[ALL])
        self.scope_branch = QRadioButton("支部：")
        self.branch = QComboBox(minimumContentsLength=14)
        for b in list_branches():
            self.branch.addItem(f"{b.name}（{b.active_members}人）", b.id)
        self.scope_selected = QRadioButton(f"名册中选中的{len(self.selected_ids)}名党员")
        self.scope_selected.setEnabled(bool(self.selected_ids))
        self.scope_changed = QRadioButton(SCOPE_LABELS[CHANGED] + "（含从未打印的）")
        for button in (self.scope_all, self.scope_branch, self.scope_selected, self.scope_changed):
            self.scope_buttons.addButton(button)
        (self.scope_selected if self.selected_ids else self.scope_all).setChecked(True)
        whom = QVBoxLayout()
        whom.addWidget(self.scope_all)
        row = QHBoxLayout()
        row.addWidget(self.scope_branch)
        row.addWidget(self.branch, 1)
        whom.addLayout(row)
        whom.addWidget(self.scope_selected)
        whom.addWidget(self.scope_changed)

        # How
        self.per_page = QComboBox()
        self.per_page.addItem("A4纸每页10张（2×5，带裁切线）", 10)
        self.per_page.addItem("每页1张（名片打印机）", 1)
        self.duplex = QCheckBox("双面打印机：正面页与背面页交替排列")
        self.duplex.setToolTip("不勾选时先排全部正面，再排全部背面（手动翻面：长边翻转）")
        self.front_only = QCheckBox("只印正面")
        self.start = QSpinBox(minimum=1, maximum=10, value=1, prefix="第 ", suffix=" 个位置")
        self.start.setToolTip("用过一部分的名片纸：前面的位置已裁掉时，从这里开始排")
        how = QFormLayout()
        how.addRow("版式", self.per_page)
        how.addRow("", self.duplex)
        how.addRow("", self.front_only)
        how.addRow("第一张从", self.start)

        options = QHBoxLayout()
        options.addLayout(whom, 1)
        options.addLayout(how, 1)

        self.status = QLabel(wordWrap=True)
        self.progress = QProgressBar(maximum=100, textVisible=True)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("取消生成")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_render)
        self.design_button = QPushButton("名片样式…")
        self.test_button = QPushButton("对齐测试页…")
        self.save_button = QPushButton("保存为PDF…")
        self.print_button = QPushButton("打印…")
        close = QPushButton("关闭")
        self.design_button.clicked.connect(self.edit_design)
        self.test_button.clicked.connect(self.save_test_sheet)
        self.save_button.clicked.connect(self.save_as)
        self.print_button.clicked.connect(lambda: self.print_cards())
        close.clicked.connect(self.reject)
        self.save_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.design_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch()
        for b in (self.save_button, self.print_button, close):
            buttons.addWidget(b)
        state = QHBoxLayout()
        state.addWidget(self.status, 1)
        state.addWidget(self.progress)
        state.addWidget(self.cancel_button)

        self.preview = PdfPreview(self)
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(self.preview, 1)
        layout.addLayout(state)
        layout.addLayout(buttons)

        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.render_preview)
        for button in self.scope_buttons.buttons():
            button.toggled.connect(self._changed)
        for signal in (self.branch.currentIndexChanged, self.per_page.currentIndexChanged,
                       self.duplex.toggled, self.front_only.toggled, self.start.valueChanged):  # fmt: skip
            signal.connect(self._changed)
        self._sync_controls()
        self.render_preview()

    # ---- choices ------------------------------------------------------------------
    def scope(self) -> CardScope:
        if self.scope_branch.isChecked():
            return CardScope(BRANCH, branch_id=self.branch.currentData())
        if self.scope_selected.isChecked():
            return CardScope(SELECTED, member_ids=tuple(self.selected_ids))
        if self.scope_changed.isChecked():
            return CardScope(CHANGED)
        return CardScope(ALL)

    def job(self) -> CardJob:
        per_page = self.per_page.currentData()
        return CardJob(per_page=per_page, duplex=self.duplex.isChecked(),
                       front_only=self.front_only.isChecked(),
                       start=self.start.value() if per_page == 10 else 1)  # fmt: skip

    def _sync_controls(self) -> None:
        self.branch.setEnabled(self.scope_branch.isChecked())
        self.start.setEnabled(self.per_page.currentData() == 10)
        self.duplex.setEnabled(not self.front_only.isChecked())

    def _changed(self, *_args) -> None:
        self._sync_controls()
        self._timer.start()

    # ---- rendering ----------------------------------------------------------------
    def render_preview(self) -> None:
        """Render the PDF as chosen, off the GUI thread; a newer request cancels the older."""
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
        serial, scope, job = self._serial, self.scope(), self.job()
        out = self._dir / f"cards-{serial}.pdf"
        stop = self._stop = threading.Event()

        def work(progress: Progress) -> RenderResult:  # worker thread; nothing is logged
            return print_name_cards(scope, out, job, record=False,
                                    progress=progress, cancelled=stop.is_set)  # fmt: skip

        self._task = task = BackgroundTask(work, self)
        task.progressed.connect(lambda done, total: self._on_progress(serial, done, total))
        task.succeeded.connect(lambda result: self._on_rendered(serial, result))
        task.failed.connect(lambda error: self._on_error(serial, error))
        task.cancelled_done.connect(lambda: self._on_cancelled(serial))
        task.start()

    def _stop_task(self) -> None:
        """Stop the running render (if any) at its next page; what it reports is ignored."""
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

    def _on_rendered(self, serial: int, result: RenderResult) -> None:
        if serial != self._serial:
            return
        self.render_result = result
        self._pdf = self._dir / f"cards-{serial}.pdf"
        self.preview.load(self._pdf)
        lines = [f"共{result.cards}张名片，{result.pages}页"]
        lines += [f"注意：{w}" for w in result.warnings[:3]]
        if len(result.warnings) > 3:
            lines.append(f"……另有{len(result.warnings) - 3}条提示")
        self.status.setText("\n".join(lines))
        self._finish()

    def _on_error(self, serial: int, error: BaseException) -> None:
        if serial != self._serial:
            return
        if isinstance(error, CancelledError):
            self._on_cancelled(serial)
        else:
            self._on_failed(serial, render_error_lines(error))

    def _on_failed(self, serial: int, lines: list[str]) -> None:
        if serial != self._serial:
            return
        self.preview.clear()
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText("\n".join(lines))
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

    # ---- actions --------------------------------------------------------------------
    def save_to(self, path: str | Path) -> None:
        """Save exactly the previewed PDF and log the members as printed."""
        if self.render_result is None or self._pdf is None:
            return
        try:
            shutil.copyfile(self._pdf, path)
        except OSError as error:
            self._show_save_error(path, error)
            return
        record_prints(self.render_result.printed_ids)
        self.status.setText(f"已保存：{path}（{self.render_result.cards}张名片）")

    def save_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "保存为PDF", "党员名片.pdf", "PDF 文件 (*.pdf)")
        if path:
            self.save_to(path)

    def print_cards(self, *, printer=None) -> None:
        """Print the previewed cards; tests pass a `printer` to skip Qt's printer dialog."""
        if self.render_result is None or self._pdf is None:
            return
        # Exactly the members previewed (a "changed" scope is empty once they are saved).
        members = CardScope(SELECTED, member_ids=tuple(self.render_result.printed_ids))
        result = self.render_result
        for button in (self.save_button, self.print_button):
            button.setEnabled(False)  # the pages are built while the window stays live
        try:
            sent = print_name_card_pages(members, self.job(), self, printer=printer)
        except (MissingGlyphsError, NothingToPrintError, OSError) as error:
            self.status.setStyleSheet("color: #b00020;")
            lines = error.lines if isinstance(error, MissingGlyphsError) else [str(error)]
            self.status.setText("无法打印：" + "\n".join(lines))
            return
        finally:
            self._set_buttons()
        if sent:
            record_prints(result.printed_ids)
            self.status.setText(f"已送打印机：{result.cards}张名片")

    def save_test_sheet(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "保存对齐测试页", "名片对齐测试页.pdf", "PDF 文件 (*.pdf)"
        )
        if path:
            try:
                render_alignment_sheet(Path(path), NAME_CARD_SHEET)
            except OSError as error:
                self._show_save_error(path, error)
                return
            self.status.setText(f"已保存对齐测试页：{path}（请双面打印，透光检查十字是否重合）")

    def _show_save_error(self, path: str | Path, error: OSError) -> None:
        """A file that cannot be written (on Windows mostly: open in a PDF viewer)."""
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(save_error_text(path, error))

    def edit_design(self) -> None:
        from ui.printing.card_design_dialog import CardDesignDialog

        if CardDesignDialog(self).exec() == QDialog.DialogCode.Accepted:
            self.render_preview()

    def done(self, result: int) -> None:
        self._serial += 1  # a render still running is ignored when it ends
        self._stop_task()
        # Its worker still holds the task: let it stop (at its next page) before the
        # dialog and its tasks can be deleted (a Qt object must not die under a worker).
        wait_for_background()
        self.preview.clear()
        shutil.rmtree(self._dir, ignore_errors=True)
        super().done(result)
