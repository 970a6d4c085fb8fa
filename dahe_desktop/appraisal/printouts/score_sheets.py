"""Blank score sheets for the 考评大会: per rater group and category, numbered, member
names down and rated items across with their maxima, a signature line. Landscape A4 or
A3: A3 holds 40 members and 12 items on one page; on A4 a long list runs on with its
header repeated, and the signature goes on the last page of the sheet."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm

from dahe_desktop.appraisal.printouts.common import SHEET_FACE, SheetPlan, cell, chains
from dahe_desktop.appraisal.records import AppraisalError
from dahe_desktop.printing.document import (
    Drawer,
    PrintResult,
    finish_document,
    needed_height,
    open_document,
)
from dahe_desktop.printing.posting import cn_date
from dahe_desktop.printing.text import Box, TextStyle


class _Geometry:
    def __init__(self, a3: bool) -> None:
        self.page = landscape(A3 if a3 else A4)
        k = self.k = 1.25 if a3 else 1.0
        self.margin = 12 * mm
        self.width = self.page[0] - 2 * self.margin
        self.title = TextStyle(size=17 * k, min_size=13, align="center", valign="middle", bold=True)
        self.title_h = 10 * mm * k
        self.info = TextStyle(size=10.5 * k, min_size=9, valign="middle")
        self.info_h = 7 * mm
        self.head = TextStyle(size=9 * k, min_size=7, leading=1.15, align="center", valign="middle", bold=True,
                              shrink_first=False)  # fmt: skip
        self.name = TextStyle(size=11 * k, min_size=8, align="left", valign="middle", wrap=False)
        self.number = TextStyle(size=10 * k, min_size=8, align="center", valign="middle")
        self.note = TextStyle(size=9 * k, min_size=7.5, leading=1.3, valign="top")
        self.sign = TextStyle(size=11 * k, min_size=9, align="right", valign="middle")
        self.folio = TextStyle(size=9, min_size=8, align="center", valign="middle")
        self.footer_h = 16 * mm
        self.min_row = 5.2 * mm if a3 else 6.5 * mm  # room to write 12.5 by hand
        self.max_row = 9 * mm
        self.pad = 1.2 * mm
        self.seq_w, self.name_w = 11 * mm * k, 26 * mm * k


def title_of(plan: SheetPlan) -> str:
    return f"{plan.branch}{plan.year}年度党员考核评议评分表（{plan.category}）"


def render_score_sheets(plans: list[SheetPlan], out: str | Path, *, a3: bool = False,
                        record: bool = False) -> PrintResult:  # fmt: skip
    """Write the sheets; `documents` counts sheets (a sheet may take two A4 pages)."""
    if not plans:
        raise AppraisalError("没有可打印的评分表")
    geo = _Geometry(a3)
    texts = [(f"{p.category}评分表", "".join(p.members) + "".join(n for n, _ in p.items) + title_of(p)) for p in plans]
    title_chain, body_chain = chains(texts, SHEET_FACE)
    result = PrintResult(str(out), geo.page)
    canvas = open_document(out, geo.page, title=f"{plans[0].year}年度党员考核评议评分表", record=record)
    d = Drawer(canvas, result, title_chain, body_chain)
    for n, plan in enumerate(plans):
        if n:
            d.next_page()
        _draw_sheet(d, geo, plan)
        result.documents += 1
    d.refuse_if_clipped(AppraisalError)
    result.pages = d.page + 1
    return finish_document(canvas, result)


def _header_height(geo: _Geometry, plan: SheetPlan, item_w: float, chain) -> float:
    tallest = max(needed_height(f"{name}\n（{top}分）", item_w - 2 * geo.pad, geo.head, chain) for name, top in plan.items)
    return max(12 * mm, tallest + 2 * geo.pad)


def _draw_sheet(d: Drawer, geo: _Geometry, plan: SheetPlan) -> None:
    x, top = geo.margin, geo.page[1] - geo.margin
    item_w = (geo.width - geo.seq_w - geo.name_w) / max(1, len(plan.items))
    header_h = _header_height(geo, plan, item_w, d.body_chain)
    room = top - geo.title_h - geo.info_h - header_h - geo.footer_h - geo.margin
    per_page = max(1, int(room // geo.min_row))
    chunks = [plan.members[i : i + per_page] for i in range(0, len(plan.members), per_page)] or [[]]
    row_h = min(geo.max_row, room / len(chunks[0])) if chunks[0] else geo.max_row
    # The engine fits one-line text to the width; sizes here follow the row height too.
    fit = (row_h - 1.2 * geo.pad) / (d.body_chain.ascent + d.body_chain.descent)
    name_style = replace(geo.name, size=min(geo.name.size, fit), min_size=min(geo.name.floor, fit))
    number_style = replace(geo.number, size=min(geo.number.size, fit), min_size=min(geo.number.floor, fit))
    for page_no, chunk in enumerate(chunks):
        if page_no:
            d.next_page()
        y = top
        d.text(title_of(plan) + ("（续）" if page_no else ""), Box(x, y - geo.title_h, geo.width, geo.title_h), geo.title, title=True)
        y -= geo.title_h
        meeting = cn_date(plan.meeting_date) if plan.meeting_date else "　　年　　月　　日"
        info = f"评议人类别：{plan.group}　　评分表编号：第{plan.number}号　　考评大会日期：{meeting}"
        d.text(info, Box(x, y - geo.info_h, geo.width, geo.info_h), geo.info)
        y -= geo.info_h
        cell(d, "序号", Box(x, y - header_h, geo.seq_w, header_h), geo.head, geo.pad, title=True)
        cell(d, "姓名", Box(x + geo.seq_w, y - header_h, geo.name_w, header_h), geo.head, geo.pad, title=True)
        for k, (name, top_points) in enumerate(plan.items):
            box = Box(x + geo.seq_w + geo.name_w + k * item_w, y - header_h, item_w, header_h)
            cell(d, f"{name}\n（{top_points}分）", box, geo.head, geo.pad, title=True)
        y -= header_h
        first = page_no * per_page
        for i, name in enumerate(chunk):
            cell(d, str(first + i + 1), Box(x, y - row_h, geo.seq_w, row_h), number_style, geo.pad)
            cell(d, name, Box(x + geo.seq_w, y - row_h, geo.name_w, row_h), name_style, geo.pad, who=name)
            for k in range(len(plan.items)):
                d.rect(Box(x + geo.seq_w + geo.name_w + k * item_w, y - row_h, item_w, row_h))
            y -= row_h
        if page_no == len(chunks) - 1:
            _footer(d, geo, plan, y)
        if len(chunks) > 1:
            d.text(f"第{page_no + 1}页　共{len(chunks)}页", Box(x, geo.margin - 8 * mm, geo.width, 6 * mm), geo.folio)


def _footer(d: Drawer, geo: _Geometry, plan: SheetPlan, y: float) -> None:
    x = geo.margin
    note = "说明：每格填写不超过该项满分的分数，可保留一位小数；不了解的可空格不填。"
    if plan.clause_items:
        note += "“" + "”“".join(plan.clause_items) + "”由支部按记录核定，不在此表打分。"
    d.text(note, Box(x, y - 9 * mm, geo.width, 8 * mm), replace(geo.note))
    d.text("评议人签名：＿＿＿＿＿＿＿＿＿＿　　　　　　年　　月　　日", Box(x, y - geo.footer_h, geo.width, 8 * mm), geo.sign)
