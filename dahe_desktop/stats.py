"""基本情况 (the seed's section 2): the township's figures for a reference date, and the
paragraph that reports them the way the seed writes it.

Who counts: a member counts when their status is 在册 and they had joined the Party by
the reference date (a member with no joining date counts). 转出/去世 members never
count, whatever the date: the store keeps the change date but the figures describe the
roster as it stands, so a past reference date only moves ages and joining dates.
预备党员 count as members, as in the official statistics.
Branches: every branch counts (branches are never deleted); 农牧村党支部 are those of kind
`labels.BRANCH_RURAL`.
Ages are whole years at the reference date; "45岁以下" includes 45.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from peewee import Case, fn

from dahe_desktop import labels, settings
from db.models import Branch, Member

YOUNG_AGE_LIMIT = 45  # 45岁以下 (45 included)

# Shares are rounded half up (四舍五入) to one decimal, as the seed writes most of them;
# the seed gives the 45-or-under share to two decimals (231/367 = 62.94%), so that
# figure keeps two. Change here if the township's reports want one rule for all.
SHARE_DECIMALS = {"rural_members": 1, "women": 1, "minority": 1, "aged_45_or_under": 2, "high_school_or_above": 1}

MINORITY_GROUPS = tuple(g for g in labels.ETHNIC_GROUPS if g != labels.HAN)


@dataclass(frozen=True)
class BasicStats:
    """The 基本情况 counts for one reference date. Shares are of `members`."""

    as_of: dt.date
    branches: int
    members: int
    rural_branches: int
    rural_members: int
    women: int
    minority: int
    aged_45_or_under: int
    high_school_or_above: int

    def counts(self) -> dict[str, int]:
        """The integer figures, in the order of `main.py stats --json`."""
        values = asdict(self)
        del values["as_of"]
        return values

    def share(self, figure: str) -> Decimal:
        """Percentage of all members, rounded as the seed does (see SHARE_DECIMALS)."""
        return percent(getattr(self, figure), self.members, SHARE_DECIMALS.get(figure, 1))


def percent(part: int, whole: int, decimals: int = 1) -> Decimal:
    """part/whole in percent, rounded half up; 0 when there is no whole."""
    if whole == 0:
        return Decimal(0).quantize(Decimal(1).scaleb(-decimals))
    value = Decimal(part) * 100 / Decimal(whole)
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def latest_birth_date_for_age(age: int, on: dt.date) -> dt.date:
    """The last birth date at which someone is `age` or older on `on` (29 Feb aware)."""
    year = on.year - age
    try:
        return on.replace(year=year)
    except ValueError:  # on is 29 Feb and that year has none: the 28th still qualifies
        return dt.date(year, 2, 28)


def compute_basic_stats(as_of: dt.date) -> BasicStats:
    """The figures at `as_of`, in two aggregate queries (branches, members)."""
    branches, rural_branches = (
        Branch.select(
            fn.COUNT(Branch.id),
            fn.COALESCE(fn.SUM(Case(None, [(Branch.kind == labels.BRANCH_RURAL, 1)], 0)), 0),
        )
        .tuples()
        .get()
    )
    # Born after this date -> not yet 46 on as_of -> aged 45 or under.
    old_cutoff = latest_birth_date_for_age(YOUNG_AGE_LIMIT + 1, as_of)

    def count_if(condition) -> fn:
        return fn.COALESCE(fn.SUM(Case(None, [(condition, 1)], 0)), 0)

    row = (
        Member.select(
            fn.COUNT(Member.id),
            count_if(Branch.kind == labels.BRANCH_RURAL),
            count_if(Member.sex == "女"),
            count_if(Member.ethnicity.in_(MINORITY_GROUPS)),
            count_if(Member.birth_date > old_cutoff),
            count_if(Member.education.in_(sorted(labels.HIGH_SCHOOL_OR_ABOVE))),
        )
        .join(Branch, on=(Member.branch == Branch.id))
        .where(
            (Member.status == labels.STATUS_ACTIVE)
            & (Member.joined_party.is_null() | (Member.joined_party <= as_of))
        )
        .tuples()
        .get()
    )
    members, rural_members, women, minority, young, educated = (int(v) for v in row)
    return BasicStats(
        as_of=as_of,
        branches=int(branches),
        members=members,
        rural_branches=int(rural_branches),
        rural_members=rural_members,
        women=women,
        minority=minority,
        aged_45_or_under=young,
        high_school_or_above=educated,
    )


def basic_paragraph(stats: BasicStats, township: str | None = None) -> str:
    """The seed's paragraph with these figures (township name from the settings)."""
    township = township or settings.get(settings.TOWNSHIP_NAME)
    s = stats
    return (
        f"{township}党委下设党支部{s.branches}个，党员{s.members}名。"
        f"其中农牧村党支部{s.rural_branches}个、党员{s.rural_members}人，占党员总数的{s.share('rural_members')}%；"
        f"女党员{s.women}名，占党员总数的{s.share('women')}%；"
        f"少数民族党员{s.minority}名，占党员总数的{s.share('minority')}%；"
        f"{YOUNG_AGE_LIMIT}岁以下党员{s.aged_45_or_under}名，占党员总数的{s.share('aged_45_or_under')}%；"
        f"高中以上文化程度党员{s.high_school_or_above}名，占党员总数的{s.share('high_school_or_above')}%。"
    )


# Row titles for a table of the figures (the statistics panel), in display order.
FIGURE_LABELS = {
    "branches": "党支部",
    "members": "党员",
    "rural_branches": "农牧村党支部",
    "rural_members": "农牧村党员",
    "women": "女党员",
    "minority": "少数民族党员",
    "aged_45_or_under": f"{YOUNG_AGE_LIMIT}岁以下党员",
    "high_school_or_above": "高中以上文化程度党员",
}
SHARED_FIGURES = tuple(SHARE_DECIMALS)  # the figures reported with a share of all members
