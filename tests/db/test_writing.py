"""Writes report what they changed once they commit; bulk inserts respect the engine's limits."""

import pytest

from db import bulk_insert, changes, writing
from db.models import Branch


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
