"""Commitments for the demo township: every active member gets 1 to 5 realistic ones.

The wording follows what pastoral villages post (seed §3.5): roads and water pipes,
yak and sheep, highland barley, co-operatives, jobs, epidemic prevention, tree
planting and supervising village affairs. Cadres promise more, members away or old
and sick fewer. Commitments due before `as_of` are mostly done and checked.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random

from dahe_desktop import labels
from dahe_desktop.commitments.records import DONE, OVERDUE, PROMISED, WITHDRAWN, CommitmentInput
from dahe_desktop.commitments.rules import CommitmentError, check_member_year
from db import audit, bulk_insert, changes, writing
from db.models import Commitment, Member, now

DEMO_COMMITMENTS_SEED = 3505

PLACES = ("一社", "二社", "三社", "四社", "夏季牧场", "冬春草场", "村部周边", "河滩草场")
COOPS = ("牦牛养殖", "藏羊养殖", "青稞种植", "生态畜牧业", "饲草种植")

# (content, quality required) per area; {n} a number, {place} a place, {coop} a co-op.
TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "基础设施建设": (
        ("牵头修缮{place}村道{n}公里，清理塌方、平整路面", "路面平整无坑洼，雨季车辆正常通行"),
        ("组织维修{place}人畜饮水管道{n}处", "管道不渗不漏，群众饮水安全"),
        ("协调修建{place}过水涵洞{n}座", "汛期排水畅通，经村委会验收合格"),
        ("参与维护村文化活动室和健身器材", "设施完好，群众正常使用"),
        ("协助完成{place}网围栏维修{n}米", "围栏牢固，无牲畜越界"),
    ),
    "带领创业": (
        ("带动{n}户牧户加入{coop}合作社", "入社户年均增收2000元以上"),
        ("发展牦牛育肥{n}头，示范带动周边牧户", "出栏率提高10%，带动3户以上"),
        ("带领{n}户群众发展乡村旅游牧家乐", "每户旅游季收入5000元以上"),
        ("领办青稞加工作坊，收购本村青稞", "收购价不低于市场价，带动10户增收"),
        ("带头种植中藏药材{n}亩", "成活率85%以上，带动2户跟种"),
    ),
    "兴办实事": (
        ("为{place}五保户、独居老人代购生活用品，每月上门{n}次", "全年上门不少于24次，老人满意"),
        ("帮助{n}户困难群众办理医保、养老保险续缴", "按期办结，无漏缴"),
        ("为村小学争取捐赠图书{n}册", "建立图书角，学生可借阅"),
        ("入户宣传草畜平衡和禁牧减畜政策", "宣传覆盖本社全部牧户"),
        ("帮助{n}户群众维修冬季住房和畜棚", "入冬前完工，安全保暖"),
    ),
    "解决就业": (
        ("联系劳务输出，帮助{n}名富余劳动力外出务工", "稳定务工3个月以上"),
        ("推荐{n}名青年参加技能培训并实现就业", "取得培训证书，就业率80%以上"),
        ("在合作社为{n}名困难群众提供季节性务工岗位", "工资按时足额发放"),
        ("帮助{n}名返乡大学生联系就业或创业项目", "落实就业岗位或创业项目"),
    ),
    "传授技术": (
        ("传授牦牛、藏羊科学饲养和冬春补饲技术", "培训{n}次，每次参训牧户不少于15户"),
        ("传授青稞、燕麦种植和病虫害防治技术", "指导{n}户，亩产提高10%"),
        ("传授牲畜常见病防治知识，协助开展春秋两季防疫", "牲畜免疫密度达到100%"),
        ("指导{n}户牧户人工种草和饲草青贮", "每户种草不少于5亩，青贮质量合格"),
        ("教授{n}名妇女藏绣、编织手艺", "学员能独立完成作品并出售"),
    ),
    "义务出工": (
        ("参加义务植树，栽种{n}棵", "成活率90%以上"),
        ("每季度参加{place}环境卫生集中整治", "全年不少于4次，垃圾清运到位"),
        ("参与草原防火巡查{n}次", "巡查记录完整，无火情漏报"),
        ("汛期参加河道清淤和防汛值守", "服从调度，值守不脱岗"),
        ("冬季协助清扫{place}道路积雪", "雪后24小时内道路畅通"),
    ),
    "监督村务": (
        ("监督村务、财务每季度公开", "公开及时、内容完整，群众无异议"),
        ("参与监督{place}项目建设质量和资金使用", "发现问题及时向党支部报告"),
        ("监督草原生态保护补助奖励资金发放", "资金发放到户，公示无误"),
        ("收集群众对村务的意见建议{n}条，向支部反映", "件件有回音"),
    ),
    "其他": (
        ("调解邻里、草场纠纷", "调解成功率90%以上，不激化矛盾"),
        ("宣传移风易俗，劝导红白事简办", "入户宣传全社，无大操大办"),
    ),
}

# How many and which areas suit each appraisal category (seed §3.6 kinds of member).
PLAN = {
    "党员干部": ((3, 5), ("基础设施建设", "带领创业", "兴办实事", "监督村务", "解决就业")),
    "一般党员": ((2, 4), ("义务出工", "传授技术", "兴办实事", "带领创业", "监督村务", "基础设施建设")),
    "外出党员": ((1, 2), ("解决就业", "兴办实事")),
    "老病残党员": ((1, 2), ("监督村务", "其他", "传授技术")),
}
CHECKS = (("现场查看", "村党支部"), ("查阅台账", "村务监督委员会"), ("入户回访", "村党支部"),
          ("群众评议", "村务监督委员会"), ("现场验收", "乡党委包村干部"))  # fmt: skip


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def demo_inputs(rng: random.Random, category: str, year: int) -> list[CommitmentInput]:
    """1 to 5 commitments in different areas for one member."""
    (low, high), areas = PLAN.get(category, PLAN[labels.DEFAULT_CATEGORY])
    count = rng.randint(low, high)
    chosen = rng.sample(areas, min(count, len(areas)))
    chosen += rng.sample([a for a in labels.COMMITMENT_AREAS if a not in chosen], count - len(chosen))
    items = []
    for area in chosen:
        content, quality = rng.choice(TEMPLATES[area])
        values = dict(n=rng.choice((2, 3, 4, 5, 6, 8, 10, 20)), place=rng.choice(PLACES), coop=rng.choice(COOPS))
        due = _month_end(year, rng.choice((4, 5, 6, 6, 7, 8, 9, 10, 10, 11, 12)))
        items.append(CommitmentInput(area, content.format(**values), due, quality.format(**values)))
    return items


def add_demo_commitments(year: int = 2026, seed: int = DEMO_COMMITMENTS_SEED, as_of: dt.date | None = None) -> int:
    """Give every active member without commitments for `year` 1 to 5 of them, in one
    transaction; those due before `as_of` (default: today, at most 31 December of the
    year) get a status: mostly done and checked, some overdue, a few withdrawn.
    Returns how many commitments were added."""
    as_of = as_of or min(dt.date.today(), dt.date(year, 12, 31))
    rng = random.Random(seed)
    has_some = Commitment.select(Commitment.member).where(Commitment.year == year)
    members = list(
        Member.select(Member.id, Member.name, Member.category)
        .where((Member.status == labels.STATUS_ACTIVE) & Member.id.not_in(has_some))
        .order_by(Member.id).tuples()
    )  # fmt: skip
    stamp = now()
    rows = []
    for member_id, name, category in members:
        items, problems = check_member_year(name, year, demo_inputs(rng, category, year))
        if problems:  # the templates keep the rules; a broken template must not slip in
            raise CommitmentError(problems)
        for seq, item in enumerate(items, start=1):
            row = dict(member=member_id, year=year, seq=seq, area=item.area, content=item.content,
                       due_date=item.due_date, quality=item.quality, status=PROMISED, created_at=stamp,
                       updated_at=stamp, status_reason="", done_date=None, verified_how="", verified_by="")  # fmt: skip
            if item.due_date < as_of:
                _settle(rng, row, as_of)
            rows.append(row)
    with writing(changes.COMMITMENTS, unlogged=audit.DEMO):
        bulk_insert(Commitment, rows)
    return len(rows)


def _settle(rng: random.Random, row: dict, as_of: dt.date) -> None:
    """What happened to a commitment whose date has passed."""
    roll = rng.random()
    if roll < 0.82:
        how, by = rng.choice(CHECKS)
        done = min(row["due_date"] - dt.timedelta(days=rng.randint(0, 40)), as_of)
        row.update(status=DONE, done_date=done, verified_how=how, verified_by=by)
    elif roll < 0.93:
        row.update(status=OVERDUE)
    elif roll < 0.96:
        row.update(status=WITHDRAWN, status_reason=rng.choice(("外出务工，无法落实", "项目由县上统一实施", "草场调整，不再实施")))
    # else: still 承诺中, past its date (shows as overdue)
