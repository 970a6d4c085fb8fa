"""“结链”责任状 (seed §3.1, §3.7): the branch secretary signs with every member, and every
member with the households they serve. A4 official-paper layout (GB/T 9704, see grid.py);
one PDF holds a branch's secretary letter and then each member's letter, each starting on
a new page with its own page numbers. Households are named by head and settlement only:
the kind (困难户, 低保 ...) is never printed."""

from __future__ import annotations

from pathlib import Path

from dahe_desktop.errors import UserError
from dahe_desktop.pairing import labels
from dahe_desktop.pairing.printouts.data import BranchHead, PartnerPairs
from dahe_desktop.pairing.printouts.grid import PAGE, GridWriter
from dahe_desktop.printing import fonts
from dahe_desktop.printing.document import Drawer, PrintResult, finish_document, open_document
from dahe_desktop.printing.posting import cn_date

TITLE_FACE, BODY_FACE = "simsun", "fangsong"
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
    title_chain, body_chain = fonts.font_chain(TITLE_FACE), fonts.font_chain(BODY_FACE)
    items = []
    for head, partners in branches:
        items.append((head.name, head.name + head.secretary))
        for p in partners:
            items.append((p.name, p.name + p.role + p.phone + "".join(h.head + h.settlement for h in p.households)))
    fonts.check_printable(items, body_chain)
    result = PrintResult(str(out), PAGE)
    canvas = open_document(out, PAGE, title=f"{year}年度“结链”责任状", author=branches[0][0].name, record=record)
    drawer = Drawer(canvas, result, title_chain, body_chain)
    date = cn_date(issued_on)
    first = True
    for head, partners in branches:
        before, after = secretary_letter_text(head, partners, year)
        rows = [f"{n}．{p.name}（{p.role}）　联系{len(p.households)}户" for n, p in enumerate(partners, 1)]
        first = _letter(drawer, first, "“结链”责任状", "（党支部书记—党员）", before, rows, after,
                        ("党支部书记（签字）：", "党员代表（签字）："), head.name, date)  # fmt: skip
        result.documents += 1
        for p in partners:
            before, after = member_letter_text(p, year)
            rows = [f"{n}．{h.settlement}　{h.head}户（{h.people}人）" if h.settlement else f"{n}．{h.head}户（{h.people}人）"
                    for n, h in enumerate(p.households, 1)]  # fmt: skip
            first = _letter(drawer, first, "“结链”责任状", "（党员—农牧户）", before, rows, after,
                            ("联系人（签字）：", "农牧户代表（签字）："), head.name, date)  # fmt: skip
            result.documents += 1
            result.printed_ids.append(p.key[1])
    result.pages = drawer.page + 1
    return finish_document(canvas, result)


def _letter(drawer: Drawer, first: bool, title: str, subtitle: str, before: list[str], rows: list[str],
            after: list[str], signers: tuple[str, str], issuer: str, date: str) -> bool:  # fmt: skip
    if not first:
        drawer.next_page()
    grid = GridWriter(drawer)
    grid.title(title)
    grid.paragraph(subtitle, indent=(28 - len(subtitle)) // 2)
    grid.blank()
    for text in before:
        grid.paragraph(text)
    for text in rows:
        grid.paragraph(text, indent=2, hang=4)
    for n, text in enumerate(after):
        grid.paragraph(text, with_next=SIGNATURE_LINES if n == len(after) - 1 else 0)
    grid.blank()
    grid.signatures(*signers)
    grid.blank()
    grid.centred_over(issuer, date)
    grid.folio()
    return False
