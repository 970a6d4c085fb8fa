import pytest

from dahe_desktop.roster.pinyin import pinyin_keys


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
