"""The one list of members: 在册 only, in roster order, with counts that agree."""

import datetime as dt

from dahe_desktop.roster import members
from dahe_desktop.roster.service import change_status
from tests.helpers.roster import small_roster


def test_active_members_in_roster_order_counts_and_briefs(db):
    ids = small_roster()
    change_status([ids["李国强"]], "去世", dt.date(2026, 1, 5))
    names = [m.name for m in members.active_members()]
    # 扎西村党支部 was created first; entry order inside it; 张晓梅 is in 乡机关党支部.
    assert names == ["卓玛才让", "扎西多杰", "马福祥", "张晓梅"]
    village = ids["扎西村党支部"]
    assert [m.name for m in members.active_members(village)] == ["卓玛才让", "扎西多杰", "马福祥"]
    assert members.count_active() == 4 and members.count_active(village) == 3
    assert members.active_counts() == {village: 3, ids["乡机关党支部"]: 1}
    assert [m.name for m in members.by_pinyin(village)] == ["马福祥", "扎西多杰", "卓玛才让"]
    brief = members.member_brief(ids["李国强"])  # any status
    assert (brief.name, brief.branch_name) == ("李国强", "扎西村党支部")
    assert members.has_members()


def test_an_empty_file_has_no_members(db):
    assert not members.has_members() and members.active_members() == [] and members.count_active() == 0
