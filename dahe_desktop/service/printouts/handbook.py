"""A member's 社情民意手册 for a year (seed §3.2): the visits, every problem collected
and how it ended (the result, and when and how it was told back), the 视察调研 taken
part in. A4 portrait, one member per document or several in one file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from dahe_desktop.printing.document import Column, PrintResult, finish_document
from dahe_desktop.printing.table import TableFlow
from dahe_desktop.printing.text import Box
from dahe_desktop.service.papers import Handbook
from dahe_desktop.service.printouts.common import LINE, SUBTITLE, TITLE, Frame, checked_drawer
from dahe_desktop.service.rules import ServiceError

VISIT_COLUMNS = (Column("序号", 0.5, "center"), Column("日期", 1.1, "center", one_line=True), Column("方式", 0.8, "center"),
                 Column("走访户/地点", 1.6), Column("听取的意见", 3.2), Column("问题", 0.5, "center"))  # fmt: skip
ITEM_COLUMNS = (Column("序号", 0.5, "center"), Column("收集日期", 1.1, "center", one_line=True),
                Column("反映人/户", 1.0, "center"), Column("类别", 0.9, "center"), Column("反映的问题", 2.2),
                Column("上报至", 1.1, "center"), Column("办理结果及反馈", 2.6))  # fmt: skip
INSPECTION_COLUMNS = (Column("日期", 1.1, "center", one_line=True), Column("方面", 0.9, "center"),
                      Column("调研题目", 2.0), Column("提出的意见建议", 3.0), Column("采纳情况", 1.0, "center"))  # fmt: skip


def _d(day: dt.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


def handbook_text(book: Handbook) -> list[tuple[str, str]]:
    who = f"{book.member_name}（{book.branch_name}）"
    parts = [book.title, book.member_name, book.position, book.branch_name]
    parts += [f"{v.households}{v.heard}" for v in book.visits]
    parts += [f"{i.household}{i.content}{i.routed_to}{book.ending(i)}" for i in book.items]
    parts += [f"{i.topic}{i.opinions}" for i in book.inspections]
    return [(who, "".join(parts))]


def render_handbooks(books: list[Handbook], out: str | Path, *, record: bool = False) -> PrintResult:
    if not books:
        raise ServiceError("没有要打印的社情民意手册：请先选择党员")
    texts = [t for b in books for t in handbook_text(b)]
    d, result = checked_drawer(out, A4, books[0].title, books[0].township, texts, record)
    for n, book in enumerate(books):
        if n:
            d.next_page()
        frame = Frame(d, A4, f"{book.member_name}的{book.title}")
        _draw(frame, book)
        frame.folio()
        result.documents += 1
    d.refuse_if_clipped(ServiceError)
    result.pages = d.page + 1
    return finish_document(d.canvas, result)


def _draw(f: Frame, book: Handbook) -> None:
    d = f.drawer
    y = f.top
    d.text(book.title, Box(f.x, y - 14 * mm, f.width, 14 * mm), TITLE, title=True)
    y -= 14 * mm
    who = f"姓名：{book.member_name}　　所在支部：{book.branch_name}　　职务：{book.position or '党员'}"
    d.text(who, Box(f.x, y - 8 * mm, f.width, 8 * mm), SUBTITLE)
    y -= 11 * mm
    told = sum(1 for i in book.items if not i.is_open)
    summary = (f"全年走访{len(book.visits)}次，收集社情民意{len(book.items)}条，已向群众反馈{told}条，"
               f"正在办理或待反馈{len(book.items) - told}条；参加视察调研{len(book.inspections)}次。")  # fmt: skip
    d.text(summary, Box(f.x, y - 8 * mm, f.width, 8 * mm), LINE)
    y -= 10 * mm
    y = f.heading("一、走访记录", y)
    visits = [[str(n), _d(v.visit_date), v.kind, v.households, v.heard, str(v.items)] for n, v in enumerate(book.visits, 1)]
    y = TableFlow(d, VISIT_COLUMNS, f.x, f.width).flow(visits or [["", "", "", "", "（本年无走访记录）", ""]], y, f.bottom, f.new_page)
    y = f.heading("二、收集的问题及办理结果", y - 4 * mm)
    items = [[str(n), _d(i.raised_date), i.household, i.category, i.content, i.routed_to, book.ending(i)]
             for n, i in enumerate(book.items, 1)]  # fmt: skip
    y = TableFlow(d, ITEM_COLUMNS, f.x, f.width).flow(items or [["", "", "", "", "（本年未收集问题）", "", ""]], y, f.bottom, f.new_page)
    if book.inspections:
        y = f.heading("三、参加视察调研", y - 4 * mm)
        rows = [[_d(i.inspection_date), i.area, i.topic, i.opinions, i.adoption] for i in book.inspections]
        TableFlow(d, INSPECTION_COLUMNS, f.x, f.width).flow(rows, y, f.bottom, f.new_page)
