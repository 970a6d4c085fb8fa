"""Hostile and broken packages at the county's door: zip bombs, wrong JSON, wrong shapes
and values, foreign files; every one refused with a line saying why, nothing written."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dahe_desktop.county import package as pkg
from dahe_desktop.county.export import export_package
from dahe_desktop.county.importer import preview_package
from dahe_desktop.county.package import PackageError, read_package
from db.models import Member
from tests.helpers.county import make_township, opened


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    """One real package of the small roster (made once for the module)."""
    folder = tmp_path_factory.mktemp("township")
    make_township(folder / "t.sqlite3", demo=False)
    with opened(folder / "t.sqlite3"):
        return export_package(folder).path


def parts(path: Path) -> tuple[dict, bytes]:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(pkg.MANIFEST)), archive.read(pkg.PAYLOAD)


def signed(path: Path, header: dict, payload: bytes, extra: dict[str, bytes] | None = None) -> Path:
    """A package whose checksums match whatever payload it carries: only its content is wrong."""
    facts = {k: v for k, v in header.items() if k not in ("sha256", "payload_sha256")}
    header = {**facts, "sha256": pkg.checksum(facts, payload), "payload_sha256": hashlib.sha256(payload).hexdigest()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(pkg.MANIFEST, json.dumps(header, ensure_ascii=False))
        archive.writestr(pkg.PAYLOAD, payload)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def refused(path: Path) -> list[str]:
    with pytest.raises(PackageError) as error:
        read_package(path)
    return error.value.lines


def test_a_zip_bomb_is_refused_before_it_is_expanded(db, good, tmp_path):
    header, _ = parts(good)
    bomb = signed(tmp_path / "bomb.dahepkg", header, b" " * (40 << 20))
    assert bomb.stat().st_size < 200_000
    assert "压缩比" in refused(bomb)[0]


def test_a_payload_past_the_limit_is_refused(db, good, tmp_path, monkeypatch):
    monkeypatch.setattr(pkg, "MAX_PAYLOAD_BYTES", 1000)
    assert "过大" in refused(good)[0]


@pytest.mark.parametrize("payload, says", [
    (b"{not json", "JSON"),
    (b"\xff\xfe\x00garbage", "JSON"),
    (b"[" * 100_000 + b"]" * 100_000, "JSON"),
    (b'{"records": []}', "格式不对"),
    (b'{"records": {"member": [{"origin": 1, "values": {"name": 5}}]}}', "字段"),
    (b'{"records": {"payroll": []}}', "不认识"),
    (b'{"records": {}, "removed": {"member": ["1; DROP TABLE member"]}}', "删除记录"),
])  # fmt: skip
def test_wrong_json_is_refused_with_what_is_wrong(db, good, tmp_path, payload, says):
    header, _ = parts(good)
    lines = refused(signed(tmp_path / "p.dahepkg", header, payload))
    assert says in " ".join(lines) and len(lines) <= 11
    assert Member.select().count() == 0


def test_foreign_files_and_non_zips_are_refused(db, good, tmp_path):
    header, payload = parts(good)
    assert "里面的文件不对" in refused(signed(tmp_path / "x.dahepkg", header, payload, {"run.exe": b"MZ"}))[0]
    junk = tmp_path / "junk.dahepkg"
    junk.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert "无法解压" in refused(junk)[0]
    assert "找不到" in refused(tmp_path / "missing.dahepkg")[0]


def test_a_package_from_a_newer_program_asks_for_an_upgrade(db, good, tmp_path):
    header, payload = parts(good)
    lines = refused(signed(tmp_path / "new.dahepkg", {**header, "schema_version": 999}, payload))
    assert "升级" in lines[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_flipped_byte_is_refused_or_harmless(db, good, tmp_path, data):
    raw = bytearray(good.read_bytes())
    at = data.draw(st.integers(0, len(raw) - 1))
    raw[at] ^= data.draw(st.integers(1, 255))
    path = tmp_path / "flipped.dahepkg"
    path.write_bytes(bytes(raw))
    try:
        preview_package(path)  # a flip in zip padding may leave the content intact
    except PackageError as error:
        assert error.lines and all(isinstance(line, str) and line for line in error.lines)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["name", "birth_date", "branch", "status", "id_number", "nonsense"]), value=json_values)
def test_any_value_in_a_member_is_refused_or_fits_the_column(db, good, tmp_path, field, value):
    header, payload = parts(good)
    records = json.loads(payload)
    records["records"]["member"][0]["values"][field] = value
    path = signed(tmp_path / "v.dahepkg", header, json.dumps(records, ensure_ascii=False).encode())
    try:
        preview_package(path)
    except PackageError as error:
        assert any("字段" in line for line in error.lines)


@pytest.mark.parametrize("value", ["卓玛\x1b]0;x\x07", "大河\u200b村党支部", "扎西\x00"])
def test_control_and_invisible_characters_in_a_package_are_refused(db, good, tmp_path, value):
    """The township's program cleans every text at the door; a package whose names carry
    ESC, BEL or a zero-width space was made by hand, and would bring a terminal-driving
    name or a look-alike branch into the county's data."""
    header, payload = parts(good)
    records = json.loads(payload)
    records["records"]["member"][0]["values"]["name"] = value
    path = signed(tmp_path / "v.dahepkg", header, json.dumps(records, ensure_ascii=False).encode())
    with pytest.raises(PackageError) as refused:
        preview_package(path)
    assert any("字段“name”含有控制字符或不可见字符" in line for line in refused.value.lines)
