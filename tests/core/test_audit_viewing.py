"""Viewing sensitive fields is logged: one "查看" entry per record shown, naming the
fields and never their values; an export with them logs each record it carried."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from dahe_desktop.audit import viewing
from dahe_desktop.audit.service import list_entries, save_clerk
from dahe_desktop.exporting.households import export_households
from dahe_desktop.exporting.roster import export_roster
from db import audit, changes, writing
from db.errors import READ_ONLY, StoreError
from db.models import AuditEntry, Household
from tests.helpers.pairing import small_village


def viewings() -> list:
    return [r for r in list_entries() if r.field == "查看"]


def test_a_record_viewed_logs_who_which_record_and_fields_but_no_values(db):
    ids = small_village()
    save_clerk("王文书")
    Household.update(notes="户主患慢性病").where(Household.id == ids["户9"]).execute()
    assert viewing.household_viewed(ids["户9"]) == 1  # 低保户, with notes
    assert viewing.member_viewed(ids["老扎西"]) == 1  # 老病残党员
    assert viewing.member_viewed(ids["卓玛"]) == 0  # 一般党员: nothing sensitive shown
    assert viewing.household_viewed(ids["户1"]) == 0  # 一般户, no notes
    seen = {(r.table, r.record, r.new, r.clerk) for r in viewings()}
    assert seen == {("农牧户", f"户主9（{ids['户9']}）", "户类别、备注", "王文书"),
                    ("党员", f"老扎西（{ids['老扎西']}）", "人员类别", "王文书")}  # fmt: skip
    stored = list(AuditEntry.select().where(AuditEntry.field == audit.VIEWED).dicts())
    assert all(e["old"] is None and "低保" not in e["new"] and "慢性病" not in e["new"] for e in stored)


def test_viewing_inside_a_rolled_back_write_is_gone_with_it_and_alone_is_its_own_write(db):
    ids = small_village()
    with pytest.raises(ValueError), writing(changes.MEMBERS):
        audit.viewed("member", ids["老扎西"], ["category"])
        raise ValueError("refused")
    assert viewings() == []
    audit.viewed("member", ids["老扎西"], ["category"])  # outside a write: its own
    assert len(viewings()) == 1


def test_a_read_only_copy_records_nothing_and_still_shows(db, monkeypatch):
    ids = small_village()

    def refuse(*_a, **_k):
        raise StoreError(READ_ONLY)

    monkeypatch.setattr(audit, "viewed_many", refuse)
    assert viewing.member_viewed(ids["老扎西"]) == 0


def test_exports_with_sensitive_fields_log_each_record_they_carried(db, tmp_path):
    ids = small_village()
    members = [ids[n] for n in ("才让书记", "卓玛", "多杰", "老扎西", "外出才让")]
    export_roster(tmp_path / "plain.xlsx", members)
    assert viewings() == []  # 人员类别 left out: nothing sensitive left the PC
    export_roster(tmp_path / "full.xlsx", members, include_sensitive=True)
    assert [(r.record, r.new) for r in viewings()] == [(f"老扎西（{ids['老扎西']}）", "人员类别")]
    assert export_households(tmp_path / "homes.xlsx") == 12
    logged = {r.record for r in viewings() if r.table == "农牧户"}
    assert logged == {f"户主9（{ids['户9']}）", f"户主10（{ids['户10']}）"}  # the two hardship households
    assert load_workbook(tmp_path / "homes.xlsx").active.max_row == 14


def test_the_cli_export_with_sensitive_fields_is_logged_too(data_dir, tmp_path, capsys):
    import main

    assert main.main(["--data-dir", str(data_dir), "demo"]) == 0
    args = ["--data-dir", str(data_dir), "export", "roster", str(tmp_path / "r.xlsx")]
    assert main.main(args) == 0
    capsys.readouterr()
    assert main.main(["--data-dir", str(data_dir), "audit", "--table", "member"]) == 0
    assert "查看" not in capsys.readouterr().out
    assert main.main([*args, "--include-sensitive"]) == 0
    assert main.main(["--data-dir", str(data_dir), "audit", "--table", "member"]) == 0
    viewed = [line for line in capsys.readouterr().out.splitlines() if "查看" in line]
    assert viewed and all(line.endswith("→ 人员类别") for line in viewed)


def test_the_log_hides_health_and_hardship_values_until_asked_and_logs_their_showing(db, tmp_path):
    from dahe_desktop.audit.service import HIDDEN, export_entries
    from dahe_desktop.pairing.service import household_data, save_household

    ids = small_village()
    data = household_data(ids["户1"])
    data.kind, data.notes = "低保户", "户主患慢性病"
    save_household(data, ids["户1"])
    changes = {r.field: r for r in list_entries(table="household") if r.field != "查看"}
    assert (changes["户类别"].old, changes["户类别"].new, changes["备注"].new) == (HIDDEN, HIDDEN, HIDDEN)
    assert all("低保" not in r.old + r.new and "慢性病" not in r.new for r in list_entries())
    export_entries(tmp_path / "plain.xlsx", list_entries())
    assert viewings() == []  # nothing sensitive was shown or written
    cells = {c for row in load_workbook(tmp_path / "plain.xlsx").active.iter_rows(values_only=True) for c in row}
    assert "低保户" not in cells and HIDDEN in cells
    shown = list_entries(table="household", include_sensitive=True)
    assert {(r.field, r.old, r.new) for r in shown} >= {("户类别", "一般户", "低保户"), ("备注", "", "户主患慢性病")}
    export_entries(tmp_path / "full.xlsx", shown)
    assert [(r.record, r.new) for r in viewings()] == [(f"户主1（{ids['户1']}）", "户类别、备注")]


def test_an_id_number_in_the_log_hides_its_check_digit_as_the_roster_does(db):
    import dataclasses

    from dahe_desktop.roster.idcard import make_id_number
    from dahe_desktop.roster.service import member_data, save_member

    ids = small_village()
    data = member_data(ids["卓玛"])
    number = make_id_number("632522", data.birth_date, 7, data.sex)
    save_member(dataclasses.replace(data, id_number=number), ids["卓玛"])
    (row,) = [r for r in list_entries(member_id=ids["卓玛"]) if r.field == "身份证号"]
    assert row.new == number[:6] + "*" * 8 + number[14:17] + "*"


def test_the_cli_log_hides_hardship_values_unless_asked(data_dir, capsys):
    import main
    from dahe_desktop.audit.service import HIDDEN
    from dahe_desktop.pairing.service import household_data, save_household
    from db import close_database, open_database

    open_database(data_dir / "dahe.sqlite3")
    try:
        ids = small_village()
        data = household_data(ids["户1"])
        data.kind = "监测户"
        save_household(data, ids["户1"])
    finally:
        close_database()
    args = ["--data-dir", str(data_dir), "audit", "--table", "household"]
    assert main.main(args) == 0
    out = capsys.readouterr().out
    assert HIDDEN in out and "监测户" not in out and "查看" not in out
    assert main.main([*args, "--include-sensitive"]) == 0
    assert "一般户 → 监测户" in capsys.readouterr().out
    assert main.main(args) == 0
    assert "查看:  → 户类别" in capsys.readouterr().out  # the showing was logged
