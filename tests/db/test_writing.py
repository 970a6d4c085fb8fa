"""Writes report what they changed once they commit; bulk inserts respect the engine's limits."""

import pytest

from db import audit, bulk_insert, changes, writing
from db.models import Branch


@pytest.fixture(autouse=True)
def _rows_by_hand(monkeypatch):
    """These tests write rows by hand to test the transaction itself, not a path of the
    program: the audit's coverage check (tests/db/test_audit_coverage.py) is not theirs."""
    monkeypatch.setattr(audit, "_strict", False)


@pytest.fixture
def heard():
    seen: list[frozenset[str]] = []
    changes.subscribe(seen.append)
    yield seen
    changes.unsubscribe(seen.append)


def test_a_committed_write_reports_its_kinds_once_nested_writes_included(db, heard):
    with writing(changes.BRANCHES):
        Branch.create(name="一村党支部", kind="农牧村")
        with writing(changes.MEMBERS):
            pass
        assert heard == []  # nothing is reported before the outer commit
    assert heard == [frozenset({changes.BRANCHES, changes.MEMBERS})]


def test_a_rolled_back_write_reports_nothing_and_keeps_nothing(db, heard):
    with pytest.raises(ValueError), writing(changes.BRANCHES):
        Branch.create(name="一村党支部", kind="农牧村")
        raise ValueError("refused")
    assert heard == [] and Branch.select().count() == 0
    with writing(changes.BRANCHES):  # the next write is reported as usual
        Branch.create(name="二村党支部", kind="农牧村")
    assert heard == [frozenset({changes.BRANCHES})]


def test_bulk_insert_writes_more_rows_than_one_statement_may_bind(db):
    rows = [{"name": f"第{i}党支部", "kind": "农牧村", "sort_order": i} for i in range(12_345)]
    assert bulk_insert(Branch, rows) == 12_345
    assert Branch.select().count() == 12_345
    assert bulk_insert(Branch, []) == 0


def test_rows_inserted_with_their_own_ids_are_followed_by_the_next_id(db):
    bulk_insert(Branch, [{"id": 7, "name": "七村党支部", "kind": "农牧村"}, {"id": 3, "name": "三村党支部", "kind": "农牧村"}])
    from db import continue_ids

    continue_ids(Branch)
    with writing(changes.BRANCHES):
        assert Branch.create(name="新党支部", kind="农牧村").id == 8


def test_text_compares_by_code_point_and_folds_ascii_case_only(db):
    names = ["b村党支部", "B村党支部", "阿村党支部", "Ä村党支部", "a 村党支部", "a村党支部"]
    bulk_insert(Branch, [{"name": n, "kind": "农牧村"} for n in names])
    ordered = [b.name for b in Branch.select().order_by(Branch.name)]
    assert ordered == sorted(names)  # Python's order is code point order, as SQLite's BINARY
    assert {b.name for b in Branch.select().where(Branch.name.contains("B村"))} == {"b村党支部", "B村党支部"}
    assert [b.name for b in Branch.select().where(Branch.name.contains("ä"))] == []  # SQLite folds ASCII only
    assert Branch.select().where(Branch.name == "B村党支部").count() == 1


def test_long_text_is_kept_whole_on_every_engine(db):
    long = "长" * 1000
    with writing(changes.BRANCHES):
        branch = Branch.create(name="一村党支部", kind="农牧村", village=long)
    assert Branch.get_by_id(branch.id).village == long
