"""The county's store on a PostgreSQL server imports packages as the SQLite file does:
same records, conflicts, all or nothing. Skipped unless `DAHE_TEST_PG` names a server."""

from __future__ import annotations

import dataclasses

import pytest

from dahe_desktop.county import labels
from dahe_desktop.county.export import export_package
from dahe_desktop.county.importer import apply_package, preview_package
from dahe_desktop.county.package import PackageError, read_package, write_package
from dahe_desktop.roster.service import member_data, save_member
from db.models import Member, PackageImport, Township
from tests.helpers.county import county_on_server, make_township, opened, roster_facts

pytestmark = pytest.mark.uses_server  # its own database on the DAHE_TEST_PG server (a file backup is skipped there)


def set_phone(phone: str) -> None:
    member = Member.get(Member.name == "马福祥")
    save_member(dataclasses.replace(member_data(member.id), phone=phone), member.id)


def test_a_round_trip_and_a_conflict_on_the_server(tmp_path):
    township = tmp_path / "t.sqlite3"
    make_township(township, demo=False)
    with opened(township):
        first = export_package(tmp_path).path
        facts = roster_facts()
        set_phone("13800000001")
        second = export_package(tmp_path).path
    with county_on_server():
        apply_package(first)
        assert roster_facts() == facts
        assert apply_package(first).changed_nothing
        set_phone("13800000009")
        (conflict,) = preview_package(second).conflicts
        apply_package(second, {conflict.key: labels.TAKE_TOWNSHIP})
        assert Member.get(Member.name == "马福祥").phone == "13800000001"


def test_one_refused_record_leaves_the_server_as_it_was(tmp_path):
    township = tmp_path / "t.sqlite3"
    make_township(township, demo=False)
    with opened(township):
        good = read_package(export_package(tmp_path).path)
    members = good.records["member"]
    records = {**good.records, "member": [*members, {"origin": 999, "values": {**members[0]["values"], "name": "重复"}}]}
    bad = tmp_path / "twin.dahepkg"
    write_package(bad, dataclasses.replace(good.manifest, counts={**good.manifest.counts, "member": len(members) + 1}),
                  records)  # fmt: skip
    with county_on_server():
        with pytest.raises(PackageError):
            apply_package(bad)
        assert [m.select().count() for m in (Member, Township, PackageImport)] == [0, 0, 0]
