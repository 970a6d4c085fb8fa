"""工作概况: the first tab. The year's figures at a glance: tiles to read, bars per
branch and gauges to look at, and every figure opens its list. Exports the summary as a
Word file to edit and prints it as an official paper.

It is the tab the window opens on, so it paints first with every figure saying 计算中…
and computes them right after that first paint (the window shows without waiting for the
year's queries)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QHideEvent, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop import changes
from dahe_desktop.dashboard.providers import watched_kinds
from dahe_desktop.dashboard.titles import FIGURE_TITLES, TABLE_COLUMNS, cell
from dahe_desktop.errors import UserError, error_lines
from ui.common import pc_settings
from ui.common.rows_model import RowsModel, rows_view
from ui.common.tab import Tab
from ui.dashboard.charts import Bar, BranchBars, CoverageGauge
from ui.dashboard.list_dialog import FigureListDialog

if TYPE_CHECKING:
    from dahe_desktop.dashboard.figures import Dashboard

# The tiles, in groups as the seed's sections run.
TILE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("三队三强", ("service_teams", "assistance_teams", "demonstration_teams", "typical_households",
                       "co_prosperity_groups", "co_prosperity_people", "poor_households_helped")),
    ("进村入户访民情", ("visits", "items", "items_open", "items_overdue")),
    ("视察调研", ("inspections", "inspections_remote", "opinions", "opinions_adopted")),
    ("公开承诺", ("commitments", "commitments_done", "commitments_overdue")),
    ("结对帮扶 · 设岗定责 · 考核评议", ("households", "households_uncovered", "posts", "posts_filled",
                                "appraisal_excellent")),
)  # fmt: skip
# The bar chart's choices: (title, figure, the darker part inside the bar).
BAR_CHOICES: tuple[tuple[str, str, str | None], ...] = (
    ("走访次数", "visits", None),
    ("社情民意未反馈（深色：逾期）", "items_open", "items_overdue"),
    ("共富组成员", "co_prosperity_people", None),
    ("帮带困难户", "poor_households_helped", None),
    ("公开承诺（深色：逾期）", "commitments", "commitments_overdue"),
    ("视察调研", "inspections", None),
)
LATE_KEYS = {"items_overdue", "commitments_overdue", "households_uncovered"}
MISSING_TIP = "该模块尚未启用，暂无数据"
COMPUTING = "计算中…"


# The widest "as of" line: its width is kept for the label before the figures arrive.
AS_OF = "基本情况统计至{day}；逾期按{day}计"

class BranchRowsModel(RowsModel):
    columns = [("党支部", lambda b: b.branch_name)] + [
        (title, lambda b, keys=keys: _number(cell(b.values, keys))) for title, keys in TABLE_COLUMNS
    ]


def _number(text: str) -> int | str:
    return int(text) if text.isdigit() else text


class DashboardTab(Tab):
    OWN_KINDS = frozenset({changes.MEMBERS, changes.BRANCHES, changes.SETTINGS, changes.COMMITMENTS, changes.VISITS,
                           changes.OPINION_ITEMS, changes.INSPECTIONS, changes.TEAMS})  # fmt: skip

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        # Pairing, posts and appraisal, where installed, say which of their records move their figures.
        self.kinds = self.OWN_KINDS | watched_kinds()
        self._today = today
        self.dashboard: Dashboard | None = None
        self.year = QComboBox()
        this = self.today().year
        for y in range(this + 1, this - 6, -1):
            self.year.addItem(f"{y}年", y)
        self.year.setCurrentIndex(1)
        self.word_button = QPushButton("导出Word…")
        self.word_button.setToolTip("生成可编辑的 .docx：基本情况、“三队三强”等段落和各支部情况表")
        self.print_button = QPushButton("打印报告…")
        self.print_button.setToolTip("A4 公文格式（GB/T 9704）：预览、保存为PDF或打印")
        top = QHBoxLayout()
        label = QLabel("年度(&Y)")
        label.setBuddy(self.year)
        top.addWidget(label)
        top.addWidget(self.year)
        self.as_of = QLabel()
        self.as_of.setStyleSheet("color: #666;")
        # Wide enough for the dates from the start: nothing moves (or is cut off for a
        # moment) when the figures arrive after the first paint.
        self.as_of.setMinimumWidth(self.as_of.fontMetrics().horizontalAdvance(AS_OF.format(day="2026-12-01") + "　"))
        top.addWidget(self.as_of)
        top.addStretch()
        top.addWidget(self.word_button)
        top.addWidget(self.print_button)

        self.tiles: dict[str, QToolButton] = {}
        tiles = QVBoxLayout()
        for title, keys in TILE_GROUPS:
            box = QGroupBox(title)
            grid = QGridLayout(box)
            grid.setContentsMargins(6, 4, 6, 6)
            grid.setSpacing(4)
            for n, key in enumerate(keys):
                tile = QToolButton()
                tile.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                tile.setMinimumSize(88, 40)
                tile.setAutoRaise(False)
                tile.clicked.connect(lambda _=False, k=key: self.open_figure(k))
                self.tiles[key] = tile
                grid.addWidget(tile, n // 4, n % 4)
            tiles.addWidget(box)
        tiles.addStretch()
        inner = QWidget()
        inner.setLayout(tiles)
        tile_panel = QScrollArea()  # a small screen scrolls the tiles, never the window
        tile_panel.setWidget(inner)
        tile_panel.setWidgetResizable(True)
        tile_panel.setFrameShape(QScrollArea.Shape.NoFrame)

        self.bar_choice = QComboBox()
        for title, _, _ in BAR_CHOICES:
            self.bar_choice.addItem(title)
        self.bars = BranchBars()
        self.bars.bar_clicked.connect(self.open_bar)
        self.coverage_gauge = CoverageGauge("结对帮扶覆盖率")
        self.coverage_gauge.clicked.connect(lambda: self.open_figure("households_uncovered"))
        self.feedback_gauge = CoverageGauge("社情民意反馈率")
        self.feedback_gauge.clicked.connect(lambda: self.open_figure("items_closed"))
        self.done_gauge = CoverageGauge("承诺完成率")
        self.done_gauge.clicked.connect(lambda: self.open_figure("commitments_done"))
        gauges = QHBoxLayout()
        for gauge in (self.coverage_gauge, self.feedback_gauge, self.done_gauge):
            gauges.addWidget(gauge)
        charts = QVBoxLayout()
        pick = QHBoxLayout()
        pick.addWidget(QLabel("各支部"))
        pick.addWidget(self.bar_choice, 1)
        charts.addLayout(gauges)
        charts.addLayout(pick)
        charts.addWidget(self.bars, 1)
        chart_panel = QWidget()
        chart_panel.setLayout(charts)

        self.branch_model = BranchRowsModel(self)
        self.branch_table, self.branch_proxy = rows_view(self.branch_model, (130,) + (64,) * len(TABLE_COLUMNS))
        self.branch_table.setToolTip("双击一个数字，查看该支部的名单")
        self.branch_table.doubleClicked.connect(self.open_cell)
        self.text = QPlainTextEdit(readOnly=True)
        self.copy_button = QPushButton("复制文字")
        self.copy_button.clicked.connect(self.copy_text)
        text_page = QWidget()
        text_layout = QVBoxLayout(text_page)
        text_layout.addWidget(self.text, 1)
        text_layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignRight)
        self.lower = QTabWidget()
        self.lower.addTab(self.branch_table, "各支部情况")
        self.lower.addTab(text_page, "报告文字")

        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(tile_panel)
        upper.addWidget(chart_panel)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(self.lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self.year.currentIndexChanged.connect(self.refresh)
        self.bar_choice.currentIndexChanged.connect(self.show_bars)
        self.word_button.clicked.connect(self.export_word)
        self.print_button.clicked.connect(self.print_report)
        # The first figures: right after the tab's first paint (or at once when asked).
        self._first_fill = QTimer(self, singleShot=True, interval=0)
        self._first_fill.timeout.connect(self.refresh)
        self.show_computing()

    @property
    def computing(self) -> bool:
        """True until the first figures are shown (the tiles say 计算中…)."""
        return self.dashboard is None

    def show_computing(self) -> None:
        """Every figure says 计算中… (none reads as a blank or a zero) until `refresh`."""
        self.as_of.setText("正在计算本年度各项数字…")
        for key, tile in self.tiles.items():
            tile.setText(f"{COMPUTING}\n{FIGURE_TITLES[key]}")
            tile.setEnabled(False)
            tile.setToolTip(COMPUTING)
        for gauge in (self.coverage_gauge, self.feedback_gauge, self.done_gauge):
            gauge.set_share(None, COMPUTING, placeholder="…")
        self.bars.empty_text = COMPUTING
        self.text.setPlainText(COMPUTING)
        for button in (self.word_button, self.print_button, self.copy_button):
            button.setEnabled(False)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.computing and not self._first_fill.isActive():
            self._first_fill.start()  # the figures follow the first paint at once

    def hideEvent(self, event: QHideEvent) -> None:
        self._first_fill.stop()  # a closed window computes nothing; shown again, it paints again
        super().hideEvent(event)

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    @property
    def chosen_year(self) -> int:
        return self.year.currentData()

    def refresh(self) -> None:
        # The queries' modules load with the first figures, after the first paint.
        from dahe_desktop.dashboard.figures import compute_dashboard, coverage
        from dahe_desktop.dashboard.report import build_report

        self._first_fill.stop()
        d = self.dashboard = compute_dashboard(self.chosen_year, self.today())
        self.bars.empty_text = "没有数据"
        for button in (self.word_button, self.print_button, self.copy_button):
            button.setEnabled(True)
        self.as_of.setText(f"基本情况统计至{d.basic.as_of:%Y-%m-%d}；逾期按{d.today:%Y-%m-%d}计")  # AS_OF's width
        for key, tile in self.tiles.items():
            value = d.values.get(key)
            tile.setText(f"{'—' if value is None else value}\n{FIGURE_TITLES[key]}")
            tile.setEnabled(value is not None)
            tile.setToolTip(MISSING_TIP if value is None else "点击查看名单")
            late = key in LATE_KEYS and value
            tile.setStyleSheet("QToolButton { font-size: 10pt; %s }" % ("color: #b00020; font-weight: bold;" if late else ""))
        v = d.values
        share = coverage(v)
        self.coverage_gauge.set_share(share, MISSING_TIP if share is None else f"未联系{v['households_uncovered']}户")
        self.feedback_gauge.set_share(v["items_closed"] / v["items"] if v["items"] else None,
                                      f"已反馈{v['items_closed']}条，共{v['items']}条")  # fmt: skip
        self.done_gauge.set_share(v["commitments_done"] / v["commitments"] if v["commitments"] else None,
                                  f"已完成{v['commitments_done']}件，共{v['commitments']}件")  # fmt: skip
        self.branch_model.set_rows(d.branches)
        content = build_report(d)
        self.text.setPlainText("\n\n".join(f"{h}\n{p}" for h, p in content.sections))
        self.show_bars()

    def show_bars(self) -> None:
        if self.dashboard is None:
            return
        _, key, part = BAR_CHOICES[self.bar_choice.currentIndex()]
        bars = [Bar(b.branch_id, b.branch_name.removesuffix("党支部"), b.values.get(key) or 0,
                    (b.values.get(part) or 0) if part else 0) for b in self.dashboard.branches]  # fmt: skip
        self.bars.set_bars(bars, "逾期" if part else "")

    # ---- click-through ----------------------------------------------------------
    def open_figure(self, key: str, branch_id: int | None = None) -> FigureListDialog | None:
        from dahe_desktop.dashboard.drill import figure_list  # the lists' queries: on first click

        found = figure_list(key, self.chosen_year, branch_id, self.today())
        if found is None:
            QMessageBox.information(self, FIGURE_TITLES.get(key, key), "这一项的名单在相应的模块中查看。")
            return None
        if branch_id is not None and self.dashboard is not None:
            name = next((b.branch_name for b in self.dashboard.branches if b.branch_id == branch_id), "")
            found.title = f"{name}{found.title}"
        dialog = FigureListDialog(found, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_bar(self, branch_id: int) -> None:
        self.open_figure(BAR_CHOICES[self.bar_choice.currentIndex()][1], branch_id)

    def open_cell(self, index: QModelIndex) -> None:
        source = self.branch_proxy.mapToSource(index)
        branch = self.branch_model.row_at(source.row())
        keys = TABLE_COLUMNS[source.column() - 1][1] if source.column() else ("members",)
        self.open_figure(keys[0] if len(keys) == 1 else "teams", branch.branch_id)

    # ---- the report -------------------------------------------------------------
    def copy_text(self) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.clipboard().setText(self.text.toPlainText())

    def export_word(self) -> None:
        if self.dashboard is None:
            return
        from dahe_desktop.dashboard.report import build_report

        content = build_report(self.dashboard)
        path, _ = QFileDialog.getSaveFileName(self, "导出Word", pc_settings.in_last_folder(f"{content.title}.docx"),
                                              "Word 文档 (*.docx)")  # fmt: skip
        if not path:
            return
        pc_settings.remember_file(path)
        from dahe_desktop.dashboard.word import write_docx  # on first use, not at start

        try:
            write_docx(content, path)
        except (OSError, UserError) as error:  # the data file or a backup chosen: one line
            QMessageBox.warning(self, "导出失败", "\n".join(error_lines(error, "导出Word")))

    def print_report(self) -> None:
        if self.dashboard is None:
            return
        from dahe_desktop.dashboard.report import build_report
        from ui.dashboard.print_dialog import ReportPrintDialog  # on first use (print engine)

        dialog = ReportPrintDialog(build_report(self.dashboard), self)
        dialog.exec()
        dialog.deleteLater()
