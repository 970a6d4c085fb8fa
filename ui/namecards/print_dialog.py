"""打印党员名片: whom and how, on the one print dialog (preview, save, print)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.namecards.job import log_name_card_print, print_name_cards
from dahe_desktop.namecards.layout import NAME_CARD_SHEET
from dahe_desktop.namecards.selection import ALL, BRANCH, CHANGED, SCOPE_LABELS, SELECTED, CardScope
from dahe_desktop.printing.alignment import render_alignment_sheet
from dahe_desktop.printing.cards import CardJob
from dahe_desktop.printing.document import PrintResult
from dahe_desktop.printing.sheets import GUILLOTINE, PERFORATED
from dahe_desktop.roster.service import list_branches
from dahe_desktop.safety.outputs import OutputPathError, check_output_path
from ui.common import pc_settings
from ui.printing.dialog import ERROR_STYLE, PrintDialog, Render, save_error_text

# (label, (per page, cut, CR-80)): how the cards come off the printer.
LAYOUTS = (
    ("微孔名片纸：A4每页10张（2×5，免裁）", (10, PERFORATED, False)),
    ("切纸刀裁切：A4每页8张（留出血和裁切线）", (10, GUILLOTINE, False)),
    ("名片打印机：每页1张（90×54毫米）", (1, PERFORATED, False)),
    ("证卡打印机：每页1张（CR-80，85.6×54毫米）", (1, PERFORATED, True)),
)


class NameCardPrintDialog(PrintDialog):
    """打印党员名片. `selected_member_ids` are the rows selected in the roster table."""

    window_title = "打印党员名片"
    what = "张名片"
    doing = "生成名片"

    def __init__(self, selected_member_ids: list[int], parent: QWidget | None = None):
        super().__init__(parent)
        self.selected_ids = list(dict.fromkeys(selected_member_ids or []))  # the roster's order
        self.begin()
        self.watch(*(b.toggled for b in self.scope_buttons.buttons()), self.branch.currentIndexChanged,
                   self.per_page.currentIndexChanged, self.duplex.toggled, self.front_only.toggled,
                   self.start.valueChanged, self.reprint.toggled, self.first_sheet.valueChanged,
                   self.last_sheet.valueChanged, self.offset_x.valueChanged, self.offset_y.valueChanged)  # fmt: skip
        self.offset_x.valueChanged.connect(self._offsets_changed)
        self.ruler.valueChanged.connect(lambda mm: pc_settings.set_ruler_mm(self.printer_name, mm))
        self.offset_y.valueChanged.connect(self._offsets_changed)

    def options(self) -> QLayout:
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

        self.per_page = QComboBox()
        for label, value in LAYOUTS:
            self.per_page.addItem(label, value)
        self.per_page.setToolTip("微孔名片纸：红色离裁切处留白，印歪一点也不会印到相邻名片上；\n"
                                 "切纸刀：名片之间留6毫米，颜色出血2毫米，按裁切线裁")  # fmt: skip
        self.duplex = QCheckBox("双面打印机：正面页与背面页交替排列")
        self.duplex.setToolTip("不勾选时先排全部正面，再排全部背面（手动翻面：长边翻转）")
        self.front_only = QCheckBox("只印正面")
        self.start = QSpinBox(minimum=1, maximum=10, value=1, prefix="第 ", suffix=" 个位置")
        self.start.setToolTip("用过一部分的名片纸：前面的位置已裁掉时，从这里开始排")
        self.reprint = QCheckBox("只重印第")
        self.reprint.setToolTip("卡纸后：看纸边的页脚（第n/N张），只把这几张重新印一遍")
        self.first_sheet = QSpinBox(minimum=1, maximum=9999, value=1)
        self.last_sheet = QSpinBox(minimum=1, maximum=9999, value=1, suffix=" 张纸")
        sheets = QHBoxLayout()
        for widget in (self.reprint, self.first_sheet, QLabel("至"), self.last_sheet):
            sheets.addWidget(widget)
        sheets.addStretch()
        self.printer_name = QPrinterInfo.defaultPrinterName()
        dx, dy = pc_settings.printer_offsets(self.printer_name)
        self.offset_x = QDoubleSpinBox(minimum=-10, maximum=10, singleStep=0.1, decimals=1, value=dx, suffix=" mm")
        self.offset_y = QDoubleSpinBox(minimum=-10, maximum=10, singleStep=0.1, decimals=1, value=dy, suffix=" mm")
        for box in (self.offset_x, self.offset_y):
            box.setToolTip("打印“对齐测试页”，从背面的毫米刻度读出偏差填在这里；每台打印机记一次")
        self.ruler = QDoubleSpinBox(minimum=50, maximum=150, singleStep=0.5, decimals=1,
                                    value=pc_settings.ruler_mm(self.printer_name), suffix=" mm")  # fmt: skip
        self.ruler.setToolTip("对齐测试页左边的100毫米尺子，印出来量得多长就填多少；打印时按此放大校正")
        offsets = QHBoxLayout()
        offsets.addWidget(QLabel("左右"))
        offsets.addWidget(self.offset_x)
        offsets.addWidget(QLabel("上下"))
        offsets.addWidget(self.offset_y)
        offsets.addWidget(QLabel("尺子实测"))
        offsets.addWidget(self.ruler)
        offsets.addStretch()
        how = QFormLayout()
        how.addRow("版式", self.per_page)
        how.addRow("", self.duplex)
        how.addRow("", self.front_only)
        how.addRow("第一张从", self.start)
        how.addRow("卡纸重印", sheets)
        how.addRow("背面偏移", offsets)
        options = QHBoxLayout()
        options.addLayout(whom, 1)
        options.addLayout(how, 1)
        return options

    def extra_buttons(self) -> list[QPushButton]:
        self.design_button = QPushButton("名片样式…")
        self.test_button = QPushButton("对齐测试页…")
        self.design_button.clicked.connect(self.edit_design)
        self.test_button.clicked.connect(self.save_test_sheet)
        return [self.design_button, self.test_button]

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
        per_page, cut, cr80 = self.per_page.currentData()
        sheets = (self.first_sheet.value(), max(self.first_sheet.value(), self.last_sheet.value()))
        return CardJob(per_page=per_page, duplex=self.duplex.isChecked(), front_only=self.front_only.isChecked(),
                       start=self.start.value() if per_page == 10 else 1, cut=cut, cr80=cr80,
                       sheets=sheets if self.reprint.isChecked() and per_page == 10 else None,
                       back_shift_mm=(self.offset_x.value(), self.offset_y.value()))  # fmt: skip

    def sync_controls(self) -> None:
        sheets = self.per_page.currentData()[0] == 10
        self.branch.setEnabled(self.scope_branch.isChecked())
        self.start.setEnabled(sheets)
        self.start.setMaximum(self.job().layout().per_sheet if sheets else 1)
        self.duplex.setEnabled(not self.front_only.isChecked())
        self.reprint.setEnabled(sheets)
        for widget in (self.first_sheet, self.last_sheet):
            widget.setEnabled(sheets and self.reprint.isChecked())
        for widget in (self.offset_x, self.offset_y):
            widget.setEnabled(sheets and not self.front_only.isChecked())

    def _offsets_changed(self) -> None:
        pc_settings.set_printer_offsets(self.printer_name, self.offset_x.value(), self.offset_y.value())

    def summary(self, result: PrintResult) -> list[str]:
        """The count, then the cards that need a look (named), before anything is printed."""
        lines = [f"共{result.documents}张名片，{result.pages}页"]
        needing = {w.split("：", 1)[0] for w in result.warnings if "：" in w}
        if needing:
            lines.append(f"{len(needing)}张名片需要看一下：" + "；".join(result.warnings[:3])
                         + ("……" if len(result.warnings) > 3 else ""))  # fmt: skip
        lines += [w for w in result.warnings if "：" not in w]
        return lines

    def make_render(self) -> Render:
        scope, job = self.scope(), self.job()

        def render(out: Path, progress, cancelled) -> PrintResult:  # worker thread; nothing logged
            return print_name_cards(scope, out, job, log=False, record=True, progress=progress, cancelled=cancelled)

        return render

    def file_name(self) -> str:
        return "党员名片.pdf"

    def log(self, result: PrintResult) -> str:
        log_name_card_print(result)
        return ""

    def setup_printer(self, printer) -> None:  # pragma: no cover - needs a printer
        from PySide6.QtPrintSupport import QPrinter

        if self.duplex.isChecked():
            printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)

    # ---- the other buttons ----------------------------------------------------------
    def print_cards(self, *, printer=None) -> bool:
        return self.print_document(printer=printer)

    def save_test_sheet(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "保存对齐测试页", "名片对齐测试页.pdf", "PDF 文件 (*.pdf)")
        if path:
            try:
                render_alignment_sheet(check_output_path(path), NAME_CARD_SHEET)
            except OutputPathError as error:
                self.status.setStyleSheet(ERROR_STYLE)
                self.status.setText("\n".join(error.lines))
                return
            except OSError as error:
                self.status.setStyleSheet(ERROR_STYLE)
                self.status.setText(save_error_text(path, error))
                return
            self.status.setText(f"已保存对齐测试页：{path}（请双面打印，透光检查十字是否重合）")

    def edit_design(self) -> None:
        from ui.namecards.design_dialog import CardDesignDialog

        if CardDesignDialog(self).exec() == QDialog.DialogCode.Accepted:
            self.render_preview()
