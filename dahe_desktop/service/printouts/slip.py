"""回访 slips: one per item, for the member to take back to the household and note what
the household says of the result. A5 landscape, two to an A4 sheet with a dashed cut
line between them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from dahe_desktop.printing.document import PrintResult, finish_document
from dahe_desktop.printing.text import Box, TextStyle
from dahe_desktop.service.papers import FollowUpSlip
from dahe_desktop.service.printouts.common import TITLE, checked_drawer
from dahe_desktop.service.rules import ServiceError

LABEL = TextStyle(size=10.5, min_size=8, align="center", valign="middle", bold=True)
VALUE = TextStyle(size=10.5, min_size=8, leading=1.25, valign="middle")
SMALL = TextStyle(size=9, min_size=7, align="center", valign="middle")
MARGIN = 14 * mm


def slip_values(slip: FollowUpSlip) -> dict[str, str]:
    i = slip.item
    result = i.result or "（尚未办结）"
    if i.reason:
        result += f"（{i.reason}）"
    return {"反映人/户": i.household, "收集人": i.member_name, "收集日期": f"{i.raised_date:%Y-%m-%d}", "类别": i.category,
            "反映的问题": i.content, "承办": i.routed_to, "办理结果": result}  # fmt: skip


def render_slips(slips: list[FollowUpSlip], out: str | Path, *, record: bool = False) -> PrintResult:
    if not slips:
        raise ServiceError("没有要打印的回访单：请先选择社情民意")
    texts = [(f"“{s.item.content[:12]}”", "".join(slip_values(s).values()) + s.township + s.branch_name) for s in slips]
    d, result = checked_drawer(out, A4, slips[0].title, slips[0].township, texts, record)
    w, h = A4
    for n, slip in enumerate(slips):
        if n and n % 2 == 0:
            d.next_page()
        top = n % 2 == 0
        if top:
            d.line(8 * mm, h / 2, w - 8 * mm, h / 2, 0.4, (3, 3))
        _draw(d, slip, Box(0, h / 2 if top else 0, w, h / 2))
        result.documents += 1
    d.refuse_if_clipped(ServiceError)
    result.pages = d.page + 1
    result.printed_ids = [s.item.id for s in slips]
    return finish_document(d.canvas, result)


def _draw(d, slip: FollowUpSlip, area: Box) -> None:
    x, width = area.x + MARGIN, area.width - 2 * MARGIN
    y = area.top - 10 * mm
    d.text(slip.title, Box(x, y - 11 * mm, width, 11 * mm), replace(TITLE, size=18), title=True)
    y -= 12 * mm
    d.text(f"{slip.township}　{slip.branch_name}", Box(x, y - 6 * mm, width, 6 * mm), SMALL)
    y -= 8 * mm
    v = slip_values(slip)
    label_w = 22 * mm
    quarter = (width - 2 * label_w) / 2

    def pair(label: str, value: str, left: float, value_w: float, row_h: float, top: float) -> None:
        d.rect(Box(left, top - row_h, label_w, row_h))
        d.text(label, Box(left, top - row_h, label_w, row_h), LABEL, title=True)
        d.rect(Box(left + label_w, top - row_h, value_w, row_h))
        d.text(value, Box(left + label_w + 2 * mm, top - row_h + 1 * mm, value_w - 4 * mm, row_h - 2 * mm), VALUE)

    for a, b in (("反映人/户", "收集人"), ("收集日期", "类别")):
        pair(a, v[a], x, quarter, 8 * mm, y)
        pair(b, v[b], x + label_w + quarter, quarter, 8 * mm, y)
        y -= 8 * mm
    for label, row_h in (("反映的问题", 16 * mm), ("承办", 8 * mm), ("办理结果", 18 * mm)):
        pair(label, v[label], x, width - label_w, row_h, y)
        y -= row_h
    boxes = "　　".join(f"□{s}" for s in slip.satisfaction)
    pair("群众评价", boxes, x, width - label_w, 9 * mm, y)
    y -= 9 * mm
    pair("群众意见", "", x, width - label_w, 16 * mm, y)
    y -= 16 * mm
    sign = "回访人（签字）：＿＿＿＿　　群众（签字或按手印）：＿＿＿＿　　回访日期：　　年　　月　　日"
    d.text(sign, Box(x, y - 10 * mm, width, 9 * mm), replace(VALUE, align="left"))
