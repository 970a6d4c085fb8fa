"""The registry of record kinds a package carries: a reference cannot travel raw, and
every kind's values come back as the column takes them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dahe_desktop.county.records import BY_NAME, KINDS, decode, encode, value_problem


def test_a_kind_with_an_unmapped_reference_is_refused_at_start():
    member = BY_NAME["member"]
    broken = dataclasses.replace(member, refs={})
    with pytest.raises(AssertionError, match="member.branch"):
        broken.check()


def test_references_point_at_kinds_applied_earlier_unless_set_late():
    order = [k.name for k in KINDS]
    for kind in KINDS:
        for field, target in kind.refs.items():
            assert target in order
            assert order.index(target) < order.index(kind.name) or field in kind.late, (kind.name, field)


def test_dates_travel_as_text_and_come_back():
    member = BY_NAME["member"]
    assert decode(member, "birth_date", encode(dt.date(1985, 3, 12))) == dt.date(1985, 3, 12)
    assert value_problem(member, "birth_date", "1985-13-45") is not None
    assert value_problem(member, "birth_date", "1985-03-12") is None
    assert value_problem(member, "name", None) is not None  # not null
    assert value_problem(member, "search_key", "x") is not None  # recomputed, never sent
