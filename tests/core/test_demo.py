"""The demo township: valid, plausible, deterministic, and only for an empty database."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from dahe_desktop import labels
from dahe_desktop.demo import DEMO_REFERENCE_DATE, DemoError, build_demo, build_synthetic
from dahe_desktop.roster.idcard import birth_date_from_id, id_number_error, sex_from_id
from dahe_desktop.roster.service import list_branches, save_branch
from dahe_desktop.stats import compute_basic_stats
from db import close_database, open_database
from db.models import Branch, Member
from main import main


def _members() -> list[dict]:
    return list(Member.select().order_by(Member.id).dicts())  # PostgreSQL has no implicit row order


def test_demo_ids_are_valid_unique_and_agree_with_birth_and_sex(db):
    build_demo()
    members = _members()
    assert len({m["id_number"] for m in members}) == len(members)
    for m in members:
        assert id_number_error(m["id_number"], DEMO_REFERENCE_DATE) is None, m["name"]
        assert birth_date_from_id(m["id_number"]) == m["birth_date"]
        assert sex_from_id(m["id_number"]) == m["sex"]
        assert m["id_number"][:4] == "6325" or m["id_number"][:4] == "6301"  # Qinghai


def test_demo_members_are_plausible(db):
    build_demo()
    members = [m for m in _members() if m["status"] == labels.STATUS_ACTIVE]
    phones = [m["phone"] for m in members if m["phone"]]
    assert len(set(phones)) == len(phones) > 350
    assert all(len(p) == 11 and p.isdigit() and p.startswith("1") for p in phones)
    for m in members:
        assert m["joined_party"] > m["birth_date"].replace(year=m["birth_date"].year + 18)
        assert m["joined_party"] <= DEMO_REFERENCE_DATE
        assert m["name_initials"]  # pinyin keys filled for search
        assert m["service_promise"]
    categories = Counter(m["category"] for m in members)
    assert set(categories) == set(labels.CATEGORIES)
    assert categories["一般党员"] > categories["外出党员"] > 0
    assert Counter(m["membership"] for m in members)["预备党员"] > 0
    assert {"藏族", "回族", "土族", "蒙古族"} <= {m["ethnicity"] for m in members}
    assert {"卓玛才让", "扎西多杰", "马福祥"} <= {m["name"] for m in members}
    elders = [m for m in members if m["birth_date"] < dt.date(1950, 1, 1)]
    assert elders and all(m["category"] in ("老病残党员", "党员干部") for m in elders)


def test_every_branch_has_its_secretary(db):
    result = build_demo()
    branches = list_branches()
    assert [b.name for b in branches] == list(result.branch_ids)
    assert sum(b.kind == labels.BRANCH_RURAL for b in branches) == 17
    for b in branches:
        secretary = Member.get_by_id(b.secretary_id)
        assert secretary.branch_id == b.id
        assert secretary.position.startswith("支部书记")
        assert result.secretary_ids[b.name] == secretary.id
    assert sum(b.active_members for b in branches) == 367


def test_history_members_are_kept_but_not_counted(db):
    result = build_demo()
    history = Member.select().where(Member.status != labels.STATUS_ACTIVE)
    assert {m.status for m in history} == {"转出", "去世"}
    assert all(m.status_date is not None for m in history)
    assert result.history_members == history.count()
    assert len(result.active_member_ids) == result.active_members == 367
    assert compute_basic_stats(DEMO_REFERENCE_DATE).members == 367


def test_demo_is_deterministic(db, tmp_path):
    build_demo()
    first = [(m["name"], m["id_number"], m["phone"]) for m in _members()]
    close_database()
    open_database(tmp_path / "again.sqlite3")
    build_demo()
    assert [(m["name"], m["id_number"], m["phone"]) for m in _members()] == first


def test_demo_refuses_a_database_with_a_branch(db):
    save_branch("一村党支部", labels.BRANCH_RURAL)
    with pytest.raises(DemoError, match="空数据库"):
        build_demo()
    assert Branch.select().count() == 1 and Member.select().count() == 0


def test_demo_cli_refuses_a_second_load_in_one_line(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    assert "367" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "demo"]) == 1
    captured = capsys.readouterr()
    assert len(captured.err.strip().splitlines()) == 1 and "空数据库" in captured.err
    assert main(["--data-dir", str(data_dir), "demo", "--members", "10"]) == 1


def test_synthetic_township_has_n_valid_members(db):
    result = build_synthetic(1000)
    assert result.active_members == 1000 == Member.select().count()
    assert compute_basic_stats(DEMO_REFERENCE_DATE).members == 1000
    ids = [m["id_number"] for m in _members()]
    assert len(set(ids)) == 1000
    assert all(id_number_error(i, DEMO_REFERENCE_DATE) is None for i in ids)
    assert all(b.secretary_id is not None for b in list_branches())


def test_synthetic_cli(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "demo", "--members", "250"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "stats", "--json"]) == 0
    assert '"members": 250' in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "demo", "--members", "0"]) == 1


def test_a_file_the_demo_filled_is_not_respelled_when_opened(db):
    """The demo keys every name by today's rules and says so: the next start or command
    has nothing to recompute (10,000 members: seconds, once per fresh copy)."""
    from dahe_desktop.demo import build_synthetic
    from dahe_desktop.roster.spellings import refresh_spellings

    build_synthetic(30)
    assert refresh_spellings() == 0
