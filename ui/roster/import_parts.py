"""Pieces of the import dialog: the list of changes and readings a preview found, and
the column mapping for headers the program does not know (remembered per file layout
on this PC)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from dahe_desktop import labels
from dahe_desktop.importing import ImportPreview
from ui.common import pc_settings
from ui.common.rows_model import RowsModel
from ui.common.widgets import dialog_buttons

IGNORE = ""  # a column mapped to nothing: not imported
MAPPABLE = ("name", "sex", "ethnicity", "birth_date", "id_number", "education", "joined_party", "membership",
            "branch", "phone", "position", "category", "specialties", "services", "service_promise",
            "status", "status_date")  # fmt: skip


@dataclass(frozen=True)
class PreviewLine:
    """One line of the 变动 list: a new member, a changed one, or a cell read differently."""

    row: int
    name: str
    kind: str  # 新增 / 更新 / 读取
    text: str


def preview_lines(preview: ImportPreview) -> list[PreviewLine]:
    """What will change, member by member, then how cells were read, in file order."""
    lines = []
    for good in preview.good:
        if not good.is_update:
            lines.append(PreviewLine(good.row, good.data.name, "新增", f"新增党员，{good.branch_name}"))
        elif good.changes:
            text = "；".join(f"{c.label}：{c.old or '（空）'}→{c.new or '（空）'}" for c in good.changes)
            lines.append(PreviewLine(good.row, good.data.name, "更新", text))
        if good.readings:
            lines.append(PreviewLine(good.row, good.data.name, "读取", "；".join(r.text for r in good.readings)))
    for row, text in preview.summary_rows:
        lines.append(PreviewLine(row, "", "跳过", f"合计行，不是党员：{text}"))
    return sorted(lines, key=lambda line: line.row)


class PreviewLinesModel(RowsModel):
    columns = (
        ("行号", lambda line: f"第{line.row}行"),
        ("姓名", lambda line: line.name),
        ("", lambda line: line.kind),
        ("内容", lambda line: line.text),
    )


# ---- column mapping ---------------------------------------------------------------


def layout_key(header_cells: list[str]) -> str:
    """The same header row (a village's own form) gives the same key."""
    return hashlib.sha1("\t".join(header_cells).encode("utf-8")).hexdigest()[:16]


def remembered_mapping(header_cells: list[str]) -> dict[str, str]:
    text = pc_settings.get(pc_settings.IMPORT_MAPPING, layout_key(header_cells))
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def remember_mapping(header_cells: list[str], mapping: dict[str, str]) -> None:
    pc_settings.put(pc_settings.IMPORT_MAPPING, json.dumps(mapping, ensure_ascii=False), layout_key(header_cells))


class ColumnMappingDialog(QDialog):
    """列对应: for each column of the file, which roster field it holds."""

    def __init__(self, preview: ImportPreview, mapping: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("列对应")
        intro = QLabel("文件中的列名与本程序不同时，请指定每一列对应的项目；选“不导入”的列将被忽略。"
                       "下次导入相同格式的表格时自动使用这里的设置。", wordWrap=True)  # fmt: skip
        by_header = {h: f for f, h in preview.columns.items()}
        form = QFormLayout()
        self.boxes: dict[str, QComboBox] = {}
        for header in preview.header_cells:
            if not header:
                continue
            box = QComboBox()
            box.addItem("不导入", IGNORE)
            for field in MAPPABLE:
                box.addItem(labels.FIELD_LABELS[field], field)
            chosen = mapping.get(header, by_header.get(header, IGNORE))
            box.setCurrentIndex(max(0, box.findData(chosen)))
            form.addRow(header, box)
            self.boxes[header] = box
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(dialog_buttons(self, "按此重新读取"))

    def mapping(self) -> dict[str, str]:
        return {header: box.currentData() for header, box in self.boxes.items()}
