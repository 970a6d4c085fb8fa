"""The service papers on the one print dialog: 社情民意手册, 督办清单, 回访单. The data is
read on the GUI thread; only the painting runs on the worker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QWidget

from dahe_desktop.printing.document import PrintResult
from dahe_desktop.service.papers import follow_up_slips, member_handbook, supervision_list
from dahe_desktop.service.printouts.handbook import render_handbooks
from dahe_desktop.service.printouts.slip import render_slips
from dahe_desktop.service.printouts.supervision import render_supervision
from dahe_desktop.township import posting_info
from ui.printing.dialog import PrintDialog, Render

HANDBOOK, SUPERVISION, SLIPS = "handbook", "supervision", "slips"
TITLES = {HANDBOOK: "社情民意手册", SUPERVISION: "社情民意督办清单", SLIPS: "社情民意回访单"}
WHAT = {HANDBOOK: "本手册", SUPERVISION: "个支部的清单", SLIPS: "张回访单"}


class ServicePrintDialog(PrintDialog):
    """`ids`: members (handbook), branches (督办清单) or items (回访单)."""

    def __init__(self, kind: str, ids: list[int], year: int, parent: QWidget | None = None,
                 today: dt.date | None = None):  # fmt: skip
        super().__init__(parent)
        self.kind, self.ids, self.year, self.today = kind, ids, year, today or dt.date.today()
        self.what = WHAT[kind]
        self.window_title = f"打印{TITLES[kind]}"
        self.setWindowTitle(self.window_title)
        self.begin()

    def options(self) -> QLayout:
        form = QFormLayout()
        scope = {HANDBOOK: f"{self.year}年，{len(self.ids)}名党员", SUPERVISION: f"{len(self.ids)}个支部尚未反馈群众的社情民意",
                 SLIPS: f"{len(self.ids)}条社情民意，每张A4印2张"}[self.kind]  # fmt: skip
        form.addRow(TITLES[self.kind], QLabel(scope))
        return form

    def make_render(self) -> Render:
        kind, ids, year, today = self.kind, list(self.ids), self.year, self.today
        if kind == HANDBOOK:
            data = [member_handbook(m, year, today) for m in ids]
        elif kind == SUPERVISION:
            data = [supervision_list(b, None, today) for b in ids]
        else:
            data = follow_up_slips(ids, today)
        issuer = posting_info().issuer

        def render(out: Path, _progress, _cancelled) -> PrintResult:
            if kind == HANDBOOK:
                return render_handbooks(data, out, record=True)
            if kind == SUPERVISION:
                return render_supervision(data, out, issuer, record=True)
            return render_slips(data, out, record=True)

        return render

    def file_name(self) -> str:
        return f"{self.year}年{TITLES[self.kind]}.pdf"
