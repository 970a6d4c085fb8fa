"""The candidate list (候选人名单) and the ballots (选票) of a branch's vote.

The list is an A4 official paper to post at the meeting. Ballots follow it: one per
voter, the members' and the villager representatives' apart (the tally counts them by
group), each numbered "党员票 第7张 共40张" so the count issued is known; every post
with its seats and candidates, a box under each name, and the instructions. Two ballots
to an A4 sheet (cut along the dashed line) when they fit in half a page, else one.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from dahe_desktop.posts import labels
from dahe_desktop.posts.printouts.sheets import BallotSheet, checked_chains
from dahe_desktop.posts.rules import PostsError
from dahe_desktop.printing import official
from dahe_desktop.printing.document import (
    Column,
    Drawer,
    PrintResult,
    finish_document,
    open_document,
)
from dahe_desktop.printing.posting import cn_date
from dahe_desktop.printing.text import Box, TextStyle

GROUPS = (("党员票", "党员用"), ("群众代表票", "群众代表用"))
INSTRUCTIONS = (
    "说明：1．在同意的候选人姓名下方的方格内划“○”，不同意的不划；",
    "2．每个岗位所划人数不得多于该岗位名额，多于名额的，本张选票无效；",
    "3．未作任何标记的为空白票；字迹、符号无法辨认的候选人不计票。",
)
TITLE = TextStyle(size=17, min_size=12, align="center", valign="middle", bold=True)
SUB = TextStyle(size=11, min_size=9, align="center", valign="middle")
NUMBER = TextStyle(size=10, min_size=8, valign="middle")
LABEL = TextStyle(size=10.5, min_size=8, align="center", valign="middle", bold=True)
CELL = TextStyle(size=11, min_size=8, align="center", valign="middle")
NOTE = TextStyle(size=9, min_size=7.5, valign="middle")
ROW_H, HEAD_H, CELL_MIN_W = 15 * mm, 8 * mm, 17 * mm
POST_W, SEATS_W = 30 * mm, 13 * mm
FIXED_H = 6 * mm + 10 * mm + 6 * mm + 2 * mm + HEAD_H + 3 * mm + len(INSTRUCTIONS) * 5 * mm
LIST_COLUMNS = (Column("序号", 0.6, "center"), Column("岗位", 1.4, "center"), Column("名额", 0.7, "center"),
                Column("候选人（自己申报或群众提名）", 3.6))  # fmt: skip


def candidate_rows(sheet: BallotSheet, width: float) -> list[list[list[tuple[str, str]]]]:
    """Per post, its candidates split into rows of boxes that fit the width."""
    per_row = max(1, int((width - POST_W - SEATS_W) // CELL_MIN_W))
    return [[p.candidates[i : i + per_row] for i in range(0, len(p.candidates), per_row)] for p in sheet.posts]


def ballot_height(sheet: BallotSheet, width: float) -> float:
    return FIXED_H + sum(len(rows) for rows in candidate_rows(sheet, width)) * ROW_H


def render_ballots(sheet: BallotSheet, out: str | Path, *, with_list: bool = True, record: bool = False) -> PrintResult:
    """The candidate list (optional) and every ballot, in one PDF."""
    if not sheet.posts:
        raise PostsError(f"{sheet.branch_name}{sheet.year}年没有开设岗位")
    lacking = [p.name for p in sheet.posts if len(p.candidates) <= p.seats]
    if lacking:
        raise PostsError([f"{n}的候选人不多于名额，不能印制选票" for n in lacking])
    items = [(sheet.branch_name, sheet.texts())]
    title_chain, body_chain = checked_chains(items)
    result = PrintResult(str(out), A4)
    canvas = open_document(out, A4, title=f"{sheet.branch_name}{sheet.year}年度设岗定责选票", record=record)
    started = False
    if with_list:
        chains = official.Chains.default()
        chains.check([*items, ("计票规则", labels.TALLY_RULE)])
        paper = official.OfficialPaper(canvas, result, chains)
        _candidate_list(paper, sheet)
        d = paper.drawer
        d.title_chain, d.body_chain = title_chain, body_chain  # the ballots in Song, as the cards
        started = True
    else:
        d = Drawer(canvas, result, title_chain, body_chain)
    half = Box(0, A4[1] / 2, A4[0], A4[1] / 2)
    inner_w = A4[0] - 24 * mm
    two_up = ballot_height(sheet, inner_w) <= half.height - 16 * mm
    if not two_up and ballot_height(sheet, inner_w) > A4[1] - 30 * mm:
        raise PostsError(f"{sheet.branch_name}的岗位和候选人太多，一张A4放不下选票，请分两次投票")
    slots = [Box(0, A4[1] / 2, A4[0], A4[1] / 2), Box(0, 0, A4[0], A4[1] / 2)] if two_up else [Box(0, 0, *A4)]
    index = 0
    for (group, use), count in zip(GROUPS, (sheet.member_ballots, sheet.rep_ballots), strict=True):
        for number in range(1, count + 1):
            slot_index = index % len(slots)
            if slot_index == 0 and started:
                d.next_page()
            started = True
            if slot_index == 0 and two_up:
                d.line(5 * mm, A4[1] / 2, A4[0] - 5 * mm, A4[1] / 2, 0.4, dash=(3, 3))
            _ballot(d, sheet, slots[slot_index], f"{group}　第{number}张　共{count}张", use)
            result.documents += 1
            index += 1
    d.refuse_if_clipped(PostsError)
    result.pages = d.page + 1
    return finish_document(canvas, result)


def _ballot(d: Drawer, sheet: BallotSheet, slot: Box, number: str, use: str) -> None:
    x, w = slot.x + 12 * mm, slot.width - 24 * mm
    top = slot.top - 9 * mm
    d.text(f"编号：{number}", Box(x, top - 6 * mm, w, 6 * mm), NUMBER)
    d.text(f"投票日期：{sheet.year}年　　月　　日", Box(x, top - 6 * mm, w, 6 * mm), replace(NUMBER, align="right"))
    top -= 6 * mm
    d.text(f"{sheet.branch_name}{sheet.year}年度设岗定责选票", Box(x, top - 10 * mm, w, 10 * mm), TITLE, title=True)
    top -= 10 * mm
    d.text(f"（{use}）", Box(x, top - 6 * mm, w, 6 * mm), SUB)
    top -= 8 * mm
    rows = candidate_rows(sheet, w)
    per_row = max(len(r) for post in rows for r in post)
    cand_w = (w - POST_W - SEATS_W) / per_row
    for label, left, cw in (("岗位", x, POST_W), ("名额", x + POST_W, SEATS_W),
                            ("候选人（在同意的候选人姓名下方的方格内划“○”）", x + POST_W + SEATS_W, w - POST_W - SEATS_W)):  # fmt: skip
        _cell(d, label, Box(left, top - HEAD_H, cw, HEAD_H), LABEL, title=True)
    top -= HEAD_H
    for post, post_rows in zip(sheet.posts, rows, strict=True):
        h = ROW_H * len(post_rows)
        _cell(d, post.name, Box(x, top - h, POST_W, h), CELL, who=post.name)
        _cell(d, f"{post.seats}名", Box(x + POST_W, top - h, SEATS_W, h), CELL)
        for r, line in enumerate(post_rows):
            y = top - (r + 1) * ROW_H
            for c in range(per_row):
                box = Box(x + POST_W + SEATS_W + c * cand_w, y, cand_w, ROW_H)
                d.rect(box)
                if c < len(line):
                    name = line[c][0]
                    d.text(name, Box(box.x + 1 * mm, box.y + ROW_H / 2, box.width - 2 * mm, ROW_H / 2 - 1 * mm), CELL, who=post.name)
                    side = 5.5 * mm
                    d.rect(Box(box.x + (box.width - side) / 2, box.y + 1.8 * mm, side, side), 0.8)
        top -= h
    top -= 3 * mm
    for line in INSTRUCTIONS:
        d.text(line, Box(x, top - 5 * mm, w, 5 * mm), NOTE)
        top -= 5 * mm


def _cell(d: Drawer, value: str, box: Box, style: TextStyle, *, title: bool = False, who: str = "") -> None:
    d.rect(box)
    d.text(value, Box(box.x + 1.2 * mm, box.y + 1 * mm, box.width - 2.4 * mm, box.height - 2 * mm), style, title=title, who=who)


def split_title(branch: str, year: int, what: str) -> str:
    """An official title, on two lines where one would be too long for 22 pt."""
    whole = f"{branch}{year}年度{what}"
    return whole if len(whole) <= 20 else f"{branch}{year}年度\n{what}"


SHORT = {labels.APPLIED: "申报", labels.NOMINATED: "提名"}


def _two_a_line(candidates: list[tuple[str, str]]) -> str:
    """Two candidates a line (a name is never split), how each was proposed in short."""
    named = [f"{name}（{'、'.join(SHORT[k] for k in how.split('、') if k in SHORT)}）" if how else name for name, how in candidates]
    return "\n".join("　".join(named[i : i + 2]) for i in range(0, len(named), 2))


def _candidate_list(paper: official.OfficialPaper, sheet: BallotSheet) -> None:
    """An A4 official paper: title, how the candidates came about, the table, the rule."""
    paper.title(split_title(sheet.branch_name, sheet.year, "设岗定责岗位候选人名单"))
    seats = sum(p.seats for p in sheet.posts)
    count = sum(len(p.candidates) for p in sheet.posts)
    paper.paragraph(f"按照党员自己申报、群众提名推荐的程序，党支部于{cn_date(sheet.fixed_on)}差额确定{len(sheet.posts)}个岗位"
                    f"（{seats}个名额）的候选人{count}名，由党员和群众代表投票决定。名单如下：")  # fmt: skip
    rows = [(str(n), p.name, f"{p.seats}名", _two_a_line(p.candidates)) for n, p in enumerate(sheet.posts, start=1)]
    paper.table(LIST_COLUMNS, rows, who=[p.name for p in sheet.posts])
    paper.paragraph(labels.TALLY_RULE)
    paper.signature(f"中共{sheet.branch_name}", sheet.fixed_on)
    paper.finish()
