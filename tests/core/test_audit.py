"""The audit log: each changed field with time, clerk, old and new value, written in the
change's own transaction; filters and an export."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from openpyxl import load_workbook

import main
from dahe_desktop import settings
from dahe_desktop.audit.service import export_entries, list_entries, save_clerk
from dahe_desktop.roster.service import change_status, member_data, save_member
from db import audit, changes, writing
from db.models import AuditEntry, Member
from tests.helpers.roster import small_roster


def test_a_member_edit_logs_each_changed_field_with_the_clerk(db):
    ids = small_roster()
    save_clerk("王文书")
    member_id = ids["卓玛才让"]
    data = member_data(member_id)
    save_member(replace(data, phone="13800000000", position="妇联主席"), member_id)
    rows = [r for r in list_entries(member_id=member_id) if r.field != "新建"]
    assert list_entries(member_id=member_id)[-1].field == "新建"  # the record's creation
    assert {(r.field, r.old, r.new) for r in rows} == {
        ("联系电话", "13912345670", "13800000000"), ("职务", "", "妇联主席")}
    assert {r.clerk for r in rows} == {"王文书"} and {r.table for r in rows} == {"党员"}


def test_status_changes_and_settings_are_logged_and_id_numbers_masked(db):
    ids = small_roster()
    change_status([ids["扎西多杰"], ids["马福祥"]], "转出", dt.date(2026, 11, 1))
    assert len(list_entries(table="member", since=dt.date.today())) >= 4
    settings.put(settings.SUPERVISION_PHONE, "0974-8591234")
    (entry,) = list_entries(table="setting")[-1:]
    assert "0974-8591234" in entry.new
    member_id = ids["张晓梅"]
    data = member_data(member_id)
    save_member(replace(data, id_number=""), member_id)
    (gone,) = [r for r in list_entries(member_id=member_id) if r.field == "身份证号"]
    assert "*" in gone.old and len(gone.old) == 18
    (stored,) = AuditEntry.select(AuditEntry.old).where(AuditEntry.field == "id_number").tuples()
    assert stored[0].endswith("*") and stored[0][6:14] == "*" * 8  # kept without the birth date and check digit
    save_member(replace(member_data(member_id), birth_date=dt.date(1978, 11, 25)), member_id)
    (born,) = [r for r in list_entries(member_id=member_id) if r.field == "出生日期"]
    assert (born.old, born.new) == ("1978-11", "1978-11")  # the day would rebuild the masked ID


def test_a_rolled_back_change_leaves_no_entry(db):
    ids = small_roster()
    before = AuditEntry.select().count()
    with pytest.raises(ValueError), writing(changes.MEMBERS):
        audit.update(Member, {"phone": "13700000000"}, [ids["马福祥"]])
        raise ValueError("refused")
    assert AuditEntry.select().count() == before
    with pytest.raises(RuntimeError):  # outside a write there is no transaction to join
        audit.changed("member", 1, {"a": 1}, {"a": 2})


def test_the_export_is_text_only(db, tmp_path):
    ids = small_roster()
    with writing(changes.MEMBERS):
        audit.update(Member, {"specialties": "=HYPERLINK(\"x\")"}, [ids["马福祥"]])
    count = export_entries(tmp_path / "audit.xlsx", list_entries())
    rows = list(load_workbook(tmp_path / "audit.xlsx").active.iter_rows())
    assert len(rows) == count + 1
    assert all(c.data_type == "s" for row in rows[1:] for c in row if c.value)


def test_the_cli_lists_and_exports(data_dir, tmp_path, capsys):
    assert main.main(["--data-dir", str(data_dir), "demo"]) == 0
    assert main.main(["--data-dir", str(data_dir), "audit", "--export", str(tmp_path / "a.xlsx")]) == 0
    assert "exported" in capsys.readouterr().out
    assert main.main(["--data-dir", str(data_dir), "audit", "--table", "members"]) == 1  # not a table: no silent empty list
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "members" in line and "member" in line.split("可用：")[1]


def test_commitment_edits_and_status_changes_are_logged(db):
    from dahe_desktop import labels
    from dahe_desktop.commitments.records import DONE, CommitmentInput, StatusChange
    from dahe_desktop.commitments.service import save_member_commitments, set_status

    ids = small_roster()
    area = labels.COMMITMENT_AREAS[0]
    (cid,) = save_member_commitments(ids["马福祥"], 2026, [CommitmentInput(area, "修通村道", dt.date(2026, 10, 1), "按期完成")])
    save_member_commitments(ids["马福祥"], 2026, [CommitmentInput(area, "修通村道两公里", dt.date(2026, 10, 1), "按期完成", id=cid)])
    set_status([cid], StatusChange(DONE, done_date=dt.date(2026, 9, 30), verified_how="实地查看", verified_by="支部"),
               today=dt.date(2026, 11, 1))  # fmt: skip
    fields = {(r.field, r.new) for r in list_entries(table="commitment")}
    assert ("承诺内容", "修通村道两公里") in fields and ("状态", DONE) in fields and ("新建", "修通村道") in fields


def test_households_and_pairings_are_in_the_audit_log(db):
    from dahe_desktop.pairing import service as pairing
    from db.models import AuditEntry
    from tests.helpers.pairing import small_village

    ids = small_village()
    def log():
        query = AuditEntry.select().where(AuditEntry.table.in_(["household", "pairing"])).order_by(AuditEntry.id)
        return [(e.table, e.record, e.field, e.new) for e in query]

    assert ("household", str(ids["户1"]), "*", "户主1") in log()  # created
    start = len(log())
    pair_id = pairing.pair(2026, ids["户1"], ("m", ids["卓玛"]), today=dt.date(2026, 3, 1))
    pairing.set_locked(2026, [ids["户1"]], True)
    pairing.set_household_status([ids["户12"]], "迁出")
    added = log()[start:]
    assert ("pairing", str(pair_id), "*", "户主1户—卓玛") in added
    assert ("pairing", str(pair_id), "locked", "True") in added
    assert ("household", str(ids["户12"]), "status", "迁出") in added
