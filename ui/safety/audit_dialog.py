"""修改记录: who changed which field, when, from what to what; filtered by member, table
and dates, and exported to .xlsx. Values that tell of health or hardship stay hidden until
the clerk ticks 显示敏感信息; each record whose values are then shown is logged once."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.audit.service import export_entries, list_entries, sensitive_entries
from dahe_desktop.audit.viewing import audit_values_shown
from dahe_desktop.errors import error_lines
from dahe_desktop.safety.labels import AUDIT_TABLES, AUDITED
from ui.common.rows_model import RowsModel, rows_view


class AuditModel(RowsModel):
    columns = (
        ("时间", lambda r: f"{r.at:%Y-%m-%d %H:%M:%S}"),
        ("经办人", lambda r: r.clerk),
        ("类别", lambda r: r.table),
        ("记录", lambda r: r.record),
        ("项目", lambda r: r.field),
        ("原值", lambda r: r.old),
        ("新值", lambda r: r.new),
    )


class AuditDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("修改记录")
        self.resize(980, 560)
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.member = QLineEdit(placeholderText="党员姓名")
        self.table = QComboBox()
        self.table.addItem("全部", None)
        for key in AUDITED:
            self.table.addItem(AUDIT_TABLES[key], key)
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-30), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.until = QDateEdit(today, calendarPopup=True, displayFormat="yyyy-MM-dd")
        for label, widget in (("党员", self.member), ("类别", self.table), ("从", self.since), ("到", self.until)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch(1)
        self.sensitive = QCheckBox("显示敏感信息")
        self.sensitive.setToolTip("人员类别、户类别、备注和考核评议的理由（涉及健康、困难情况）默认不显示；\n"
                                  "勾选后显示并导出，修改记录里会记下这次查看")  # fmt: skip
        filters.addWidget(self.sensitive)
        self._seen: set[tuple[str, str, str]] = set()  # shown with their values: logged already
        layout.addLayout(filters)
        self.model = AuditModel(self)
        self.view, _ = rows_view(self.model, (150, 70, 70, 230, 100, 200))  # a record reads 一村党支部2026年设岗定责·…
        layout.addWidget(self.view, 1)
        self.status = QLabel()
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.export_button = QPushButton("导出…")
        close = QPushButton("关闭")
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.member.textChanged.connect(self.refresh)
        self.table.currentIndexChanged.connect(self.refresh)
        self.since.dateChanged.connect(self.refresh)
        self.until.dateChanged.connect(self.refresh)
        self.sensitive.toggled.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        close.clicked.connect(self.accept)
        self.refresh()

    def refresh(self) -> None:
        rows = list_entries(member_name=self.member.text(), table=self.table.currentData(),
                            since=self.since.date().toPython(), until=self.until.date().toPython(),
                            include_sensitive=self.sensitive.isChecked())  # fmt: skip
        shown = [e for e in sensitive_entries(rows) if e not in self._seen]
        if shown:
            audit_values_shown(shown)
            self._seen.update(shown)
        self.model.set_rows(rows)
        hidden = sum(r.hidden for r in rows)
        self.status.setText(f"共 {len(rows)} 条" + (f"，其中 {hidden} 条的原值和新值属敏感信息，未显示" if hidden else ""))

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "导出修改记录", "修改记录.xlsx", "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        try:
            count = export_entries(path, self.model.rows())
        except Exception as error:
            self.status.setText("\n".join(error_lines(error, "导出")))
            return
        self.status.setText(f"已导出 {count} 条到 {path}")
