"""“结链”责任状 (seed §3.1, §3.7): the branch secretary signs with every member, and every
member with the households they serve. An official paper on the engine (GB/T 9704,
`printing.official`);
one PDF holds a branch's secretary letter and then each member's letter, each starting on
a new page with its own page numbers. Households are named by head and settlement only:
the kind (困难户, 低保 ...) is never printed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from dahe_desktop.errors import UserError
from dahe_desktop.pairing import labels
from dahe_desktop.pairing.printouts.data import BranchHead, PartnerPairs
from dahe_desktop.printing import official
from dahe_desktop.printing.document import PrintResult, finish_document, open_document

TITLE = "“结链”责任状"
CENTRED = replace(official.BODY, align="center", char_space=0.0)
DUTIES = "、".join(labels.DUTIES)
SIGNATURE_LINES = 5  # blank, the two signatures, blank, issuer, date


class NothingPaired(UserError):
    """No pairs in the chosen year and branch: nothing to print."""


def member_letter_text(p: PartnerPairs, year: int) -> tuple[list[str], list[str]]:
    """(paragraphs before the list, paragraphs after) of a member's letter."""
    who = "党员" if p.key[0] == "m" else p.role
    before = [
        f"按照“就近、方便、易行”的原则，将村民全部列为党员联系服务对象。经{p.branch}研究，"
        f"确定{who}{p.name}同志在{year}年度联系服务以下{len(p.households)}户农牧户：",
    ]
    after = [
        f"一、联系人定期上门走访，了解生产生活情况，宣传党的方针政策，做到{DUTIES}。",
        "二、农牧户遇到急事难事，可随时联系；联系人应及时帮助解决，不能解决的及时向党支部反映，并把办理结果告知农牧户。",
        f"三、联系人联系电话：{p.phone or '＿＿＿＿＿＿'}。本责任状一式两份，双方各执一份，有效期至{year}年12月31日。",
    ]
    return before, after


def secretary_letter_text(head: BranchHead, partners: list[PartnerPairs], year: int) -> tuple[list[str], list[str]]:
    households = sum(len(p.households) for p in partners)
    before = [
        f"为落实“结链”责任，实现联系服务群众全覆盖，{head.name}书记{head.secretary or '＿＿＿＿'}同志与本支部"
        f"联系服务农牧户的{len(partners)}名党员（含入党积极分子、后备干部）签订本责任状。{year}年度共联系农牧户{households}户，分工如下：",
    ]
    after = [
        f"一、党员按照分工联系服务农牧户，做到{DUTIES}，定期向党支部报告联系服务情况。",
        "二、党支部书记负责指导、督促和检查，帮助党员解决联系服务中遇到的困难，年底结合党员目标管理进行考评。",
        f"三、本责任状有效期至{year}年12月31日。",
    ]
    return before, after


def render_letters(branches: list[tuple[BranchHead, list[PartnerPairs]]], out: str | Path, year: int, *,
                   issued_on, record: bool = False) -> PrintResult:  # fmt: skip
    """Write the letters. Refuses before writing (MissingGlyphsError) when a character
    has no font; NothingPaired when no one is paired."""
    branches = [(h, ps) for h, ps in branches if ps]
    if not branches:
        raise NothingPaired(f"{year}年所选支部没有结对，无法打印结链责任状；请先制定结对方案")
    chains = official.Chains.default()
    items = []
    for head, partners in branches:
        items.append((head.name, head.name + head.secretary))
        for p in partners:
            items.append((p.name, p.name + p.role + p.phone + "".join(h.head + h.settlement for h in p.households)))
    chains.check(items)
    result = PrintResult(str(out), official.PAGE)
    canvas = open_document(out, official.PAGE, title=f"{year}年度“结链”责任状", author=branches[0][0].name, record=record)
    paper = official.OfficialPaper(canvas, result, chains)
    for head, partners in branches:
        before, after = secretary_letter_text(head, partners, year)
        rows = [f"{n}．{p.name}（{p.role}）　联系{len(p.households)}户" for n, p in enumerate(partners, 1)]
        _letter(paper, "（党支部书记—党员）", before, rows, after, ("党支部书记（签字）：", "党员代表（签字）："),
                head.name, issued_on)  # fmt: skip
        result.documents += 1
        for p in partners:
            before, after = member_letter_text(p, year)
            rows = [f"{n}．{h.settlement}　{h.head}户（{h.people}人）" if h.settlement else f"{n}．{h.head}户（{h.people}人）"
                    for n, h in enumerate(p.households, 1)]  # fmt: skip
            _letter(paper, "（党员—农牧户）", before, rows, after, ("联系人（签字）：", "农牧户代表（签字）："),
                    head.name, issued_on)  # fmt: skip
            result.documents += 1
            result.printed_ids.append(p.key[1])
    paper.finish()
    paper.drawer.refuse_if_clipped()
    return finish_document(canvas, result)


def _letter(paper: official.OfficialPaper, subtitle: str, before: list[str], rows: list[str], after: list[str],
            signers: tuple[str, str], issuer: str, day) -> None:  # fmt: skip
    """One letter from a new page numbered 1: title, who is linked to whom, the duties,
    both signatures on one line, the issuer centred over the date."""
    paper.new_paper()
    paper.title(TITLE)
    paper.line -= 1  # the subtitle sits right under the title
    paper.paragraph(subtitle, indent=0, style=CENTRED)
    paper.blank()
    for text in before:
        paper.paragraph(text)
    for text in rows:
        paper.paragraph(text)
    for n, text in enumerate(after):
        if n == len(after) - 1 and paper.lines_left() < len(text) // official.CHARS + 1 + SIGNATURE_LINES:
            paper.page_break()  # the last duty goes with the signatures: they never stand alone
        paper.paragraph(text)
    paper.blank()
    gap = "　" * 4
    paper.lines([f"　　{signers[0]}{gap}{signers[1]}"])
    paper.signature(issuer, day, space_before=1)
