"""The township's own row follows 乡镇设置 and takes in branches that have none."""

import pytest

from dahe_desktop import settings
from dahe_desktop.county.townships import own_township
from dahe_desktop.roster.service import save_branch
from db.models import Branch, Township


def test_saving_the_code_makes_the_own_row_and_attaches_the_branches(db):
    branch = save_branch("扎西村党支部", "农牧村", "扎西村")
    settings.save_township("小河乡", "中共小河乡委员会", "", "632523101")
    (township,) = Township.select()
    assert (township.code, township.name) == ("632523101", "小河乡")
    assert Branch.get_by_id(branch).township_id == township.id
    settings.save_township("大河乡", "中共大河乡委员会", "", "632523102")
    assert [(t.id, t.code, t.name) for t in Township.select()] == [(township.id, "632523102", "大河乡")]
    assert settings.get(settings.TOWNSHIP_CODE) == "632523102"


def test_leaving_the_code_out_keeps_it(db):
    settings.save_township("小河乡", "中共小河乡委员会", "", "632523101")
    settings.save_township("小河乡", "中共小河乡委员会", "0974-8591234")
    assert settings.get(settings.TOWNSHIP_CODE) == "632523101"
    assert Township.select().count() == 1


def test_a_code_with_other_characters_is_refused(db):
    with pytest.raises(settings.SettingsError) as refused:
        settings.save_township("小河乡", "中共小河乡委员会", "", "632-523/101")
    assert any("乡镇代码" in line for line in refused.value.lines)
    assert Township.select().count() == 0


def test_a_row_made_before_any_code_takes_the_code(db):
    settings.save_township("小河乡", "中共小河乡委员会", "")
    assert [(t.code, t.name) for t in Township.select()] == [("", "小河乡")]
    own_township("632523101", "小河乡")
    assert [(t.code, t.name) for t in Township.select()] == [("632523101", "小河乡")]
