"""A branch's 督办 list: every item not yet told back to its household, per owner with
the overdue ones first (the order the branch chases them in). A4 landscape; the issuer
and the date close it. For the branch committee, never for the wall."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from dahe_desktop.printing.document import Column, PrintResult, finish_document
from dahe_desktop.printing.posting import cn_date
from dahe_desktop.printing.table import TableFlow
from dahe_desktop.printing.text import Box
from dahe_desktop.service.papers import SupervisionList
from dahe_desktop.service.printouts.common import LINE, SUBTITLE, TITLE, Frame, checked_drawer
from dahe_desktop.service.rules import ServiceError

PAGE = landscape(A4)
COLUMNS = (Column("序号", 0.5, "center"), Column("责任人", 1.2, "center"), Column("收集日期", 1.05, "center", one_line=True),
           Column("收集人", 0.9, "center"), Column("反映人/户", 1.0, "center"), Column("类别", 0.85, "center"),
           Column("反映的问题", 2.85), Column("上报至", 1.3, "center"), Column("办理时限", 1.05, "center", one_line=True),
           Column("状态", 1.0, "center"), Column("逾期天数", 0.9, "center"))  # fmt: skip


def supervision_rows(sheet: SupervisionList) -> list[list[str]]:
    return [
        [str(n), i.owner, f"{i.raised_date:%Y-%m-%d}", i.member_name, i.household, i.category, i.content, i.routed_to,
         f"{i.due_date:%Y-%m-%d}" if i.due_date else "", i.status, str(sheet.days_late(i) or "")]
        for n, i in enumerate(sheet.items, 1)
    ]  # fmt: skip


def render_supervision(sheets: list[SupervisionList], out: str | Path, issuer: str, *,
                       record: bool = False) -> PrintResult:  # fmt: skip
    sheets = [s for s in sheets if s.items]
    if not sheets:
        raise ServiceError("所选支部没有未办结的社情民意，不需要督办清单")
    texts = [(s.branch_name, "".join("".join(r) for r in supervision_rows(s)) + s.title) for s in sheets]
    texts.append(("落款", issuer))
    d, result = checked_drawer(out, PAGE, sheets[0].title, issuer, texts, record)
    for n, sheet in enumerate(sheets):
        if n:
            d.next_page()
        f = Frame(d, PAGE, sheet.title, margin_x=15 * mm, margin_top=14 * mm)
        y = f.top
        d.text(sheet.title, Box(f.x, y - 13 * mm, f.width, 13 * mm), TITLE, title=True)
        y -= 13 * mm
        late = sum(1 for i in sheet.items if i.overdue)
        d.text(f"截至{cn_date(sheet.as_of)}，未向群众反馈办理结果{len(sheet.items)}条，其中超过办理时限{late}条",
               Box(f.x, y - 8 * mm, f.width, 8 * mm), SUBTITLE)  # fmt: skip
        y -= 10 * mm
        y = TableFlow(d, COLUMNS, f.x, f.width).flow(supervision_rows(sheet), y, f.bottom, f.new_page,
                                                     lambda i, s=sheet: f"{s.branch_name}第{i + 1}条")  # fmt: skip
        if y - 22 * mm < f.bottom:
            y = f.new_page()
        box = Box(f.x + f.width * 0.6, y - 22 * mm, f.width * 0.3, 20 * mm)
        d.text(f"{issuer}\n{cn_date(sheet.as_of)}", box, replace(LINE, align="center", leading=1.8))
        f.folio()
        result.documents += 1
    d.refuse_if_clipped(ServiceError)
    result.pages = d.page + 1
    result.printed_ids = [i.id for s in sheets for i in s.items]
    return finish_document(d.canvas, result)
