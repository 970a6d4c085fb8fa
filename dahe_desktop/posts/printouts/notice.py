"""设岗定责公示: a branch's post holders for public posting, on the GB/T 9704 official
paper (A4 portrait, 37/28 mm margins, 156 × 225 mm block, title 22 pt, body 16 pt on the
28 × 22 grid, issuer centred over the date, "— n —" page numbers). It names the member,
the post, the duties and the yearly targets: never a category, health or hardship."""

from __future__ import annotations

from pathlib import Path

from dahe_desktop.posts.printouts.ballot import split_title
from dahe_desktop.posts.printouts.sheets import HolderSheet
from dahe_desktop.posts.rules import PostsError
from dahe_desktop.printing import official
from dahe_desktop.printing.document import (
    Column,
    PrintResult,
    finish_document,
    open_document,
)
from dahe_desktop.printing.posting import PostingInfo

COLUMNS = (Column("序号", 0.68, "center"), Column("岗位", 1.3, "center"), Column("上岗党员", 1.05, "center"),
           Column("职责任务", 2.35), Column("年度目标", 1.9))  # fmt: skip


def intro_of(sheet: HolderSheet, info: PostingInfo) -> str:
    """The opening paragraph: the principle and the procedure (seed §3.4), the period,
    whom to tell."""
    return (
        "根据“按需设岗、因事设岗、自主择岗、有岗有责、有责有为、注重实效、逐步推进”的原则，"
        "经党员自己申报、群众提名推荐、支部差额确定候选人、党员和群众代表投票决定，"
        f"本支部确定了{sheet.year}年度党员岗位及职责任务、年度目标。现予公示，公示期为{info.period_text}。"
        f"如有意见和建议，请向村党支部或{info.issuer}反映，监督电话：{info.phone_text}。"
    )


def holder_rows(sheet: HolderSheet) -> list[tuple[str, str, str, str, str]]:
    """One row per post: its holders one a line; duties and targets numbered."""
    by_post: dict[str, list] = {}
    for h in sheet.holders:
        by_post.setdefault(h.post_name, []).append(h)
    rows = []
    for n, (post, holders) in enumerate(by_post.items(), start=1):
        first = holders[0]
        rows.append((str(n), post, "\n".join(h.name for h in holders), _numbered(first.duties), _numbered(first.targets)))
    return rows


def _numbered(items: list[str]) -> str:
    return "\n".join(f"{i}．{t}" for i, t in enumerate(items, start=1)) if len(items) > 1 else "".join(items)


def render_notice(sheet: HolderSheet, out: str | Path, info: PostingInfo, *, record: bool = False) -> PrintResult:
    """The posting; refused when the branch has no post holder for the year."""
    if not sheet.holders:
        raise PostsError(f"{sheet.branch_name}{sheet.year}年还没有确定岗位，没有可公示的上岗党员")
    chains = official.Chains.default()
    chains.check([*((f"{h.name}（{h.branch_name}）", h.texts()) for h in sheet.holders), ("公示说明", intro_of(sheet, info))])
    result = PrintResult(str(out), official.PAGE)
    canvas = open_document(out, official.PAGE, title=f"{sheet.branch_name}{sheet.year}年度党员设岗定责公示", record=record)
    paper = official.OfficialPaper(canvas, result, chains)
    paper.title(split_title(sheet.branch_name, sheet.year, "党员设岗定责公示"))
    paper.paragraph(intro_of(sheet, info))
    rows = holder_rows(sheet)
    paper.table(COLUMNS, rows, who=[r[1] for r in rows])
    paper.signature(f"中共{sheet.branch_name}", info.issued_on)
    paper.finish()
    paper.drawer.refuse_if_clipped(PostsError)
    result.documents = 1
    result.printed_ids = [h.member_id for h in sheet.holders]
    return finish_document(canvas, result)
