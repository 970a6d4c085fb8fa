"""Branch names in the county's store, where several townships have a 乡机关党支部: a bare
name two townships share is refused naming both, `乡镇/支部` picks one."""

from __future__ import annotations

import pytest

from dahe_desktop.errors import UserError
from dahe_desktop.roster.service import branch_id_by_name, save_branch
from db.models import Branch, Township


def test_a_shared_branch_name_needs_its_township(db):
    big, small = Township.create(code="632523101", name="大河乡"), Township.create(code="632523102", name="小河乡")
    ours = Branch.create(name="乡机关党支部", kind="机关", township=big)
    theirs = Branch.create(name="乡机关党支部", kind="机关", township=small)
    with pytest.raises(UserError) as refused:
        branch_id_by_name("乡机关党支部")
    assert "大河乡" in refused.value.lines[0] and "小河乡" in refused.value.lines[0]
    assert branch_id_by_name("大河乡/乡机关党支部") == ours.id
    assert branch_id_by_name(" 小河乡 / 乡机关党支部 ") == theirs.id
    assert branch_id_by_name("中河乡/乡机关党支部") is None


def test_a_township_file_finds_its_branches_by_name_alone(db):
    branch = save_branch("扎西村党支部", "农牧村", "扎西村")
    assert branch_id_by_name("扎西村党支部") == branch
    assert branch_id_by_name("没有的支部") is None
