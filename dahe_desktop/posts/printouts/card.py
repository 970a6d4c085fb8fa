"""岗位卡: a post holder's card with the duties and yearly targets agreed, A5 landscape
two to an A4 sheet (cut along the dashed line). Name, branch, post and date only: no
category, health or hardship."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from dahe_desktop.posts.printouts.sheets import HolderLine, checked_chains
from dahe_desktop.posts.rules import PostsError
from dahe_desktop.printing.document import Drawer, PrintResult, finish_document, open_document
from dahe_desktop.printing.posting import PostingInfo, cn_date
from dahe_desktop.printing.text import Box, TextStyle

TITLE = TextStyle(size=20, min_size=14, align="center", valign="middle", bold=True)
SUB = TextStyle(size=11, min_size=9, align="center", valign="middle")
LABEL = TextStyle(size=11, min_size=8, align="center", valign="middle", bold=True)
VALUE = TextStyle(size=11, min_size=7, align="center", valign="middle")
TEXT = TextStyle(size=11, min_size=8.5, leading=1.45, valign="middle")
FOOT = TextStyle(size=9, min_size=7, align="center", valign="middle")
SLOGAN = "有职党员有实责、无职党员有实职"


def render_post_cards(holders: list[HolderLine], out: str | Path, info: PostingInfo, *, record: bool = False) -> PrintResult:
    """One card per post holder, two to a sheet."""
    if not holders:
        raise PostsError("所选范围内没有上岗党员，没有可打印的岗位卡")
    title_chain, body_chain = checked_chains([(f"{h.name}（{h.branch_name}）", h.texts()) for h in holders])
    result = PrintResult(str(out), A4)
    canvas = open_document(out, A4, title=f"{holders[0].year}年度党员岗位卡", author=info.issuer, record=record)
    d = Drawer(canvas, result, title_chain, body_chain)
    slots = [Box(0, A4[1] / 2, A4[0], A4[1] / 2), Box(0, 0, A4[0], A4[1] / 2)]
    for index, holder in enumerate(holders):
        if index and index % 2 == 0:
            d.next_page()
        if index % 2 == 0 and index + 1 < len(holders):
            d.line(5 * mm, A4[1] / 2, A4[0] - 5 * mm, A4[1] / 2, 0.4, dash=(3, 3))
        draw_card(d, holder, info, slots[index % 2])
        result.documents += 1
        result.printed_ids.append(holder.appointment_id)
    d.refuse_if_clipped(PostsError)
    result.pages = d.page + 1
    return finish_document(canvas, result)


def draw_card(d: Drawer, h: HolderLine, info: PostingInfo, slot: Box) -> None:
    frame = Box(slot.x + 14 * mm, slot.y + 11 * mm, slot.width - 28 * mm, slot.height - 22 * mm)
    d.rect(Box(frame.x - 3 * mm, frame.y - 3 * mm, frame.width + 6 * mm, frame.height + 6 * mm), 1.2)
    x, w, top = frame.x, frame.width, frame.top
    d.text("党员设岗定责岗位卡", Box(x, top - 10 * mm, w, 10 * mm), TITLE, title=True)
    top -= 10 * mm
    d.text(f"（{h.year}年度）", Box(x, top - 6 * mm, w, 6 * mm), SUB)
    top -= 8 * mm
    who = f"{h.name}（{h.branch_name}）"
    info_h = 9 * mm
    pairs = (("姓名", h.name, 0.8, 1.2), ("所在支部", h.branch_name, 1.0, 2.0), ("岗位", h.post_name, 0.7, 1.5),
             ("上岗时间", cn_date(h.appointed_on), 1.0, 1.6))  # fmt: skip
    total = sum(a + b for _, _, a, b in pairs)
    left = x
    for label, value, a, b in pairs:
        lw, vw = w * a / total, w * b / total
        _cell(d, label, Box(left, top - info_h, lw, info_h), LABEL, who, title=True)
        _cell(d, value, Box(left + lw, top - info_h, vw, info_h), VALUE, who)
        left += lw + vw
    top -= info_h
    foot_h = 6 * mm
    room = top - frame.y - foot_h - 1 * mm
    label_w = 18 * mm
    duties, targets = _numbered(h.duties), _numbered(h.targets)
    weight = max(len(h.duties), 1) + 0.5, max(len(h.targets), 1) + 0.5
    for label, text, share in (("职责任务", duties, weight[0]), ("年度目标", targets, weight[1])):
        hh = room * share / sum(weight)
        _cell(d, label, Box(x, top - hh, label_w, hh), LABEL, who, title=True)
        _cell(d, text or "（未填写）", Box(x + label_w, top - hh, w - label_w, hh), TEXT, who)
        top -= hh
    d.text(f"{SLOGAN}　　监督电话：{info.phone_text}　　{info.issuer}制", Box(x, frame.y, w, foot_h), FOOT)


def _numbered(items: list[str]) -> str:
    return "\n".join(f"{i}．{t}" for i, t in enumerate(items, start=1))


def _cell(d: Drawer, value: str, box: Box, style: TextStyle, who: str, *, title: bool = False) -> None:
    d.rect(box)
    pad = 1.8 * mm
    d.text(value, Box(box.x + pad, box.y + pad * 0.6, box.width - 2 * pad, box.height - 1.2 * pad),
           replace(style), title=title, who=who)  # fmt: skip
