import pytest

from dahe_desktop.roster.pinyin import pinyin_keys, search_spellings


@pytest.mark.parametrize(
    ("name", "initials", "full"),
    [
        ("卓玛才让", "zmcr", "zhuomacairang"),
        ("曾强", "zq", "zengqiang"),  # 曾 as a surname is zēng, not céng
        ("单丽", "sl", "shanli"),
        ("仇明", "qm", "qiuming"),
        ("尉迟敬德", "ycjd", "yuchijingde"),  # compound surname read as a pair
        ("马·阿卜杜拉", "mabdl", "maabodula"),  # the middle dot is skipped
        ("Tashi", "tashi", "tashi"),
    ],
)
def test_names_read_as_names(name, initials, full):
    assert pinyin_keys(name) == (initials, full)


@pytest.mark.parametrize(
    ("name", "said", "also"),
    [
        ("江长青", "jcq", ["jzq", "jiangzhangqing", "jiangchangqing"]),
        ("曾乐", "zl", ["zy", "cl", "zengyue"]),  # 曾 zēng as a surname; 乐 lè or yuè
        ("单长乐", "scl", ["dzy", "shanzhangyue"]),
        ("朴长乐", "pcl", ["pzl", "puchangle", "piaochangle"]),  # 朴 piáo as a surname
        ("尉迟恭", "ycg", ["wcg", "weichigong"]),
        ("乐乐", "yl", ["ll", "lele"]),
    ],
)
def test_every_reading_is_searchable_and_the_said_one_sorts(name, said, also):
    initials, fulls = search_spellings(name)
    assert pinyin_keys(name)[0] == said
    assert initials[0] == said and fulls[0] == pinyin_keys(name)[1]  # the reading as said comes first
    for spelling in also:
        assert spelling in initials or spelling in fulls


def test_names_sort_by_the_reading_used_in_names():
    names = ["江长青", "曾乐", "单丽", "朴成", "张华", "蔡明"]
    assert sorted(names, key=lambda n: pinyin_keys(n)[1]) == ["蔡明", "江长青", "朴成", "单丽", "曾乐", "张华"]


def test_search_finds_both_readings(db):
    import datetime as dt

    from dahe_desktop.roster.query import RosterFilter, load_index
    from dahe_desktop.roster.service import save_branch, save_member
    from tests.helpers.roster import member

    branch = save_branch("长青村党支部", "农牧村")
    save_member(member("江长青", "男", "汉族", dt.date(1980, 1, 1), branch, 1))
    index = load_index(RosterFilter())
    for text in ("jcq", "jzq", "jiangchang", "jiangzhang", "长青"):
        assert len(index.matching(text)) == 1, text


def test_a_file_keyed_by_older_rules_is_rekeyed_once_on_open(db):
    import datetime as dt

    from dahe_desktop.roster.query import RosterFilter, load_index
    from dahe_desktop.roster.service import save_branch, save_member
    from dahe_desktop.roster.spellings import refresh_spellings
    from db.models import Member
    from tests.helpers.roster import member

    branch = save_branch("长青村党支部", "农牧村")
    mid = save_member(member("江长青", "男", "汉族", dt.date(1980, 1, 1), branch, 1))
    Member.update(search_key="江长青\tjzq\tjiangzhangqing\t\t", name_pinyin="jiangzhangqing").execute()  # as of old
    assert not load_index(RosterFilter()).matching("jcq")
    assert refresh_spellings() == 1
    assert load_index(RosterFilter()).matching("jcq")
    assert Member.get_by_id(mid).name_pinyin == "jiangchangqing"
    assert refresh_spellings() == 0  # done once
