"""Townships send their records up in packages; the county imports each once, in order,
all or nothing, with conflicts decided by a person."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest

from dahe_desktop import settings
from dahe_desktop.county import labels
from dahe_desktop.county.export import export_package
from dahe_desktop.county.importer import apply_package, preview_package
from dahe_desktop.county.package import BROKEN, PackageError, read_package, write_package
from dahe_desktop.roster.idcard import make_id_number, mask_id_number, mask_id_number_strict
from dahe_desktop.roster.service import member_data, save_member
from db.models import (
    AuditEntry,
    Branch,
    Commitment,
    Household,
    Member,
    PackageImport,
    Pairing,
    Township,
)
from tests.helpers.county import make_township, opened, roster_facts


def change_member(name: str, **values) -> None:
    member = Member.get(Member.name == name)
    save_member(dataclasses.replace(member_data(member.id), **values), member.id)


@pytest.fixture
def files(tmp_path: Path):
    """A township with the small roster (code 632523101) and an empty county file."""
    township, county = tmp_path / "township.sqlite3", tmp_path / "county.sqlite3"
    make_township(township, demo=False)
    with opened(county):
        pass
    out = tmp_path / "usb"
    out.mkdir()
    return township, county, out


def export(township: Path, out: Path) -> Path:
    with opened(township):
        return export_package(out).path


def test_the_demo_township_arrives_whole_in_a_fresh_county_file(tmp_path):
    township, county = tmp_path / "t.sqlite3", tmp_path / "c.sqlite3"
    make_township(township)
    with opened(township):
        result = export_package(tmp_path)
        facts = roster_facts()
        households, pairings = Household.select().count(), Pairing.select().count()
    assert result.path.name == "大河乡-第1号-" + result.period_to.strftime("%Y%m%d") + ".dahepkg"
    assert result.first and result.counts["党员"] == 374
    assert any("完整身份证号" in line for line in result.lines)
    with opened(county):
        preview = preview_package(result.path)
        assert preview.totals().new == sum(result.counts.values()) and not preview.conflicts
        apply_package(result.path)
        assert roster_facts() == facts
        assert (Household.select().count(), Pairing.select().count()) == (households, pairings)
        (dahe,) = Township.select()
        assert (dahe.code, dahe.name) == ("632523101", "大河乡")
        assert {b.township_id for b in Branch.select()} == {dahe.id}
        secretaries = set(Branch.select(Branch.name, Member.id_number).join(Member, on=Branch.secretary).tuples())
    with opened(township):
        assert secretaries == set(Branch.select(Branch.name, Member.id_number).join(Member, on=Branch.secretary).tuples())


def test_a_package_applied_twice_changes_nothing_and_says_so(files):
    township, county, out = files
    path = export(township, out)
    with opened(county):
        apply_package(path)
        entries, members = AuditEntry.select().count(), Member.select().count()
        again = apply_package(path)
        assert again.changed_nothing and "导入过" in again.lines[0]
        assert "导入过" in preview_package(path).lines()[0]
        assert (AuditEntry.select().count(), Member.select().count()) == (entries, members)
        assert PackageImport.select().count() == 1


def test_the_next_package_carries_only_what_changed(files):
    township, county, out = files
    first = export(township, out)
    with opened(township):
        change_member("马福祥", phone="13800000001")
        second = export_package(out)
    assert second.counts == {"党员": 1} and second.number == 2
    with opened(county):
        with pytest.raises(PackageError) as refused:
            apply_package(first, previewed=read_package(second.path).sha256)
        assert "预览之后被换过" in refused.value.lines[0]
        apply_package(first)
        preview = preview_package(second.path)
        assert (preview.totals().changed, preview.totals().new) == (1, 0)
        assert "电话" in preview.changed[0]
        apply_package(second.path)
        assert Member.get(Member.name == "马福祥").phone == "13800000001"


def test_a_broken_or_edited_package_is_refused_with_one_line(files, tmp_path):
    township, county, out = files
    path = export(township, out)
    with zipfile.ZipFile(path) as archive:
        manifest, payload = archive.read("manifest.json"), archive.read("payload.json")
    for name, edited in [
        ("payload.zip", (manifest, payload.replace("卓玛才让".encode(), "卓玛才旦".encode()))),
        ("number.zip", (manifest.replace(b'"number": 1', b'"number": 2'), payload)),
    ]:
        bad = tmp_path / name
        with zipfile.ZipFile(bad, "w") as archive:
            archive.writestr("manifest.json", edited[0])
            archive.writestr("payload.json", edited[1])
        with opened(county):
            with pytest.raises(PackageError) as refused:
                preview_package(bad)
            assert refused.value.lines == [BROKEN]
            assert Member.select().count() == 0


def test_packages_out_of_order_are_refused_naming_the_missing_one(files):
    township, county, out = files
    first = export(township, out)
    with opened(township):
        change_member("马福祥", phone="13800000001")
        export_package(out)
        change_member("马福祥", phone="13800000002")
        third = export_package(out).path
    with opened(county):
        apply_package(first)
        with pytest.raises(PackageError) as refused:
            apply_package(third)
        assert refused.value.lines == ["缺少大河乡第2号数据包：请先导入第2号，再导入这个第3号"]
        assert Member.get(Member.name == "马福祥").phone == "13912345672"


def test_a_township_file_made_anew_is_told_to_restore_its_backup(files, tmp_path):
    """Reinstalled without restoring: its numbers restart at 1, with different contents."""
    township, county, out = files
    first = export(township, out)
    with opened(township):
        change_member("马福祥", phone="13800000001")
        second = export_package(out).path
    anew = tmp_path / "anew.sqlite3"
    make_township(anew, demo=False)
    with opened(anew):
        change_member("马福祥", phone="13800000009")
    again = export(anew, tmp_path)
    with opened(county):
        apply_package(first)
        apply_package(second)
        with pytest.raises(PackageError) as refused:
            apply_package(again)
        (line,) = refused.value.lines
        assert "已导入过该乡镇第1号至第2号数据包" in line and "恢复原来的数据文件" in line
        assert Member.get(Member.name == "马福祥").phone == "13800000001"


def conflicting(files):
    """The county and the township both changed 马福祥's phone after package 1."""
    township, county, out = files
    first = export(township, out)
    with opened(county):
        apply_package(first)
        change_member("马福祥", phone="13800000009", position="村委委员")  # the county's corrections
    with opened(township):
        change_member("马福祥", phone="13800000001")
        second = export_package(out).path
    return second


@pytest.mark.parametrize("choice, phone", [(labels.KEEP_COUNTY, "13800000009"), (labels.TAKE_TOWNSHIP, "13800000001")])
def test_a_conflict_is_listed_and_decided_either_way(files, choice, phone):
    second = conflicting(files)
    county = files[1]
    with opened(county):
        preview = preview_package(second)
        (conflict,) = preview.conflicts
        assert (conflict.field_label, conflict.county, conflict.township) == ("电话", "13800000009", "13800000001")
        with pytest.raises(PackageError) as refused:
            apply_package(second)
        assert "未决定" in refused.value.lines[0] and "马福祥" in refused.value.lines[1]
        apply_package(second, {conflict.key: choice})
        member = Member.get(Member.name == "马福祥")
        assert member.phone == phone
        assert member.position == "村委委员"  # changed by the county only: kept, no conflict


def test_a_member_claimed_by_another_township_is_a_conflict(files, tmp_path):
    township, county, out = files
    other = tmp_path / "other.sqlite3"
    make_township(other, code="632523102", name="小河乡", demo=False)  # the same five ID numbers
    with opened(other):
        Branch.update(name="小河村党支部").where(Branch.name == "扎西村党支部").execute()
    dahe, xiaohe = export(township, out), export(other, out)
    with opened(county):
        apply_package(dahe)
        preview = preview_package(xiaohe)
        owners = [c for c in preview.conflicts if c.field_label == "所属乡镇"]
        assert len(owners) == 5 and {c.county for c in owners} == {"大河乡"}
        assert all("*" in c.title for c in owners)  # the ID number masked
        choices = {c.key: labels.KEEP_COUNTY for c in preview.conflicts}
        choices[next(c.key for c in owners if c.title.startswith("马福祥"))] = labels.TAKE_TOWNSHIP
        apply_package(xiaohe, choices)
        moved = Member.get(Member.name == "马福祥")
        assert Branch.get_by_id(moved.branch_id).township.name == "小河乡"
        assert Member.get(Member.name == "卓玛才让").branch.township.name == "大河乡"
        assert Member.select().count() == 5
    with opened(other):  # 小河乡 goes on recording the member the county kept with 大河乡
        Commitment.create(member=Member.get(Member.name == "卓玛才让"), year=2026, area="带领创业", content="办合作社")
        later = export_package(out).path
    with opened(county):
        preview = preview_package(later)
        assert preview.totals().kept_out == 1 and "不导入" in preview.lines()[1]
        apply_package(later)
        assert Commitment.select().count() == 0


def test_a_conflict_over_birth_date_and_id_number_cannot_rebuild_the_number(files):
    """The preview names the member with a birth year-month: the values it shows must not
    give the day back (a whole date, or the last digits with the check digit)."""
    township, county, out = files
    first = export(township, out)
    county_date, township_date = dt.date(1990, 1, 21), dt.date(1990, 1, 22)
    county_id, township_id = (make_id_number("632522", d, 2, "男") for d in (county_date, township_date))
    with opened(county):
        apply_package(first)
        change_member("马福祥", birth_date=county_date, id_number=county_id)
    with opened(township):
        change_member("马福祥", birth_date=township_date, id_number=township_id)
        second = export_package(out).path
    with opened(county):
        preview = preview_package(second)
        assert {c.field_label for c in preview.conflicts} == {"出生日期", "身份证号"}
        shown = "\n".join(c.line() for c in preview.conflicts) + "\n".join(preview.lines())
        assert "1990-01" in shown and all(c.county.endswith(labels.MASKED_DIFFER) for c in preview.conflicts)
        for number, day in ((county_id, county_date), (township_id, township_date)):
            assert number not in shown and mask_id_number(number) not in shown  # the tail holds the check digit
            assert mask_id_number_strict(number) in shown and day.isoformat() not in shown


def test_one_record_the_store_refuses_leaves_nothing_applied(files, tmp_path):
    township, county, out = files
    good = read_package(export(township, out))
    members = good.records["member"]
    twin = {"origin": 999, "values": {**members[0]["values"], "name": "重复"}}  # the same ID number again
    records = {**good.records, "member": [*members, twin]}
    manifest = dataclasses.replace(good.manifest, counts={**good.manifest.counts, "member": len(members) + 1})
    bad = tmp_path / "twin.dahepkg"
    write_package(bad, manifest, records)
    with opened(county):
        with pytest.raises(PackageError) as refused:
            apply_package(bad)
        assert "整个数据包未导入" in refused.value.lines[0]
        counts = [m.select().count() for m in (Member, Branch, Township, PackageImport, AuditEntry)]
        assert counts == [0, 0, 0, 0, 0]


def test_the_township_cannot_import_its_own_package_or_export_without_a_code(files, tmp_path):
    township, county, out = files
    path = export(township, out)
    with opened(township):
        with pytest.raises(PackageError) as refused:
            preview_package(path)
        assert "本乡镇自己导出" in refused.value.lines[0]
    shutil.copy(county, tmp_path / "blank.sqlite3")
    with opened(tmp_path / "blank.sqlite3"):
        assert settings.get(settings.TOWNSHIP_CODE) == ""
        with pytest.raises(PackageError) as refused:
            export_package(out)
        assert "乡镇代码" in refused.value.lines[0]


def remove_commitment(content: str) -> None:
    Commitment.delete().where(Commitment.content == content).execute()  # as the commitments tab does


@pytest.mark.parametrize("county_edits, choice, kept", [(False, None, False), (True, labels.KEEP_COUNTY, True),
                                                        (True, labels.TAKE_TOWNSHIP, False)])  # fmt: skip
def test_a_record_removed_in_the_township_is_removed_at_the_county(files, county_edits, choice, kept):
    township, county, out = files
    with opened(township):
        member = Member.get(Member.name == "马福祥")
        for content in ("修村道", "办夜校"):
            Commitment.create(member=member, year=2026, area="兴办实事", content=content)
    first = export(township, out)
    with opened(county):
        apply_package(first)
        if county_edits:
            Commitment.update(quality="县里核实过").where(Commitment.content == "修村道").execute()
    with opened(township):
        remove_commitment("修村道")
        second = export_package(out)
    assert "删除承诺1条" in second.lines[1]
    with opened(county):
        preview = preview_package(second.path)
        if county_edits:
            (conflict,) = preview.conflicts
            assert (conflict.field_label, conflict.township) == ("整条记录", "乡镇已删除")
            apply_package(second.path, {conflict.key: choice})
        else:
            assert preview.totals().removed == 1 and "县里也将删除" in preview.lines()[1]
            apply_package(second.path)
        assert sorted(c.content for c in Commitment.select()) == (sorted(["办夜校", "修村道"]) if kept else ["办夜校"])
    with opened(township):
        third = export_package(out)
    assert third.counts == {} and "删除" not in third.lines[1]


def test_a_conflict_showing_a_sensitive_field_both_ways_logs_its_viewing(files):
    from dahe_desktop.audit.service import list_entries
    from dahe_desktop.audit.viewing import conflicts_viewed

    township, county, out = files
    first = export(township, out)
    with opened(county):
        apply_package(first)
        change_member("马福祥", category="老病残党员", phone="13800000009")
    with opened(township):
        change_member("马福祥", category="党员干部", phone="13800000001")
        second = export_package(out).path
    with opened(county):
        preview = preview_package(second)
        assert {c.field_label for c in preview.conflicts} == {"人员类别", "电话"}
        assert conflicts_viewed(preview.conflicts) == 1  # the category; a phone is not sensitive
        local = Member.get(Member.name == "马福祥").id
        assert [(r.record, r.new) for r in list_entries() if r.field == "查看"] == [(f"马福祥（{local}）", "人员类别")]
