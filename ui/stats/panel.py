"""The 基本情况 panel: pick a reference date, see the figures and the seed-style paragraph,
copy the paragraph into a report. Thin: the figures come from `compute_basic_stats`."""

from __future__ import annotations

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop import changes
from dahe_desktop.stats import YOUNG_AGE_LIMIT, BasicStats, basic_paragraph, compute_basic_stats
from ui.common.tab import Tab
from ui.stats.table_model import StatsTableModel

DEFINITIONS = (
    f"只统计状态为“在册”且截至统计日期已入党的党员（含预备党员）；年龄按统计日期计算周岁，"
    f"“{YOUNG_AGE_LIMIT}岁以下”含{YOUNG_AGE_LIMIT}岁；少数民族指汉族以外的各民族；"
    "高中以上含高中、中专/职高/技校、大专、本科、研究生。"
)


class StatsPanel(Tab):
    """基本情况 for a reference date (default today); the township's name heads the paragraph."""

    kinds = frozenset({changes.MEMBERS, changes.BRANCHES, changes.SETTINGS})

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.stats: BasicStats | None = None

        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        date_label = QLabel("统计日期(&D)：")
        date_label.setBuddy(self.date_edit)
        top = QHBoxLayout()
        top.addWidget(date_label)
        top.addWidget(self.date_edit)
        top.addStretch(1)

        self.model = StatsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, 120)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 9 + 4)

        self.paragraph = QPlainTextEdit()
        self.paragraph.setReadOnly(True)
        self.paragraph.setMaximumHeight(110)
        self.copy_button = QPushButton("复制(&C)")
        self.copy_button.setToolTip("把这段文字复制到剪贴板，粘贴到材料中")
        self.copied_label = QLabel("")
        paragraph_row = QHBoxLayout()
        paragraph_row.addWidget(QLabel("基本情况："))
        paragraph_row.addStretch(1)
        paragraph_row.addWidget(self.copied_label)
        paragraph_row.addWidget(self.copy_button)

        definitions = QLabel(DEFINITIONS)
        definitions.setWordWrap(True)
        definitions.setStyleSheet("color: #555;")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(paragraph_row)
        layout.addWidget(self.paragraph)
        layout.addWidget(definitions)
        layout.addStretch(1)

        self.date_edit.dateChanged.connect(self.refresh)
        self.copy_button.clicked.connect(self.copy_paragraph)
        self.first_refresh()

    @Slot()
    def refresh(self) -> None:
        """Recompute the figures for the chosen date (after an import, an edit, a date change)."""
        self.stats = compute_basic_stats(self.date_edit.date().toPython())
        self.model.set_stats(self.stats)
        self.paragraph.setPlainText(basic_paragraph(self.stats))
        self.copied_label.setText("")

    @Slot()
    def copy_paragraph(self) -> None:
        QApplication.clipboard().setText(self.paragraph.toPlainText())
        self.copied_label.setText("已复制")

