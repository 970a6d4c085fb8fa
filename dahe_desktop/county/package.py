"""The package file (`大河乡-第3号-20261201.dahepkg`): a zip of `manifest.json` (who,
which number, the period, the schema version, record counts, checksums) and
`payload.json` (the records). Reading one trusts nothing: sizes, names, the checksum,
then every record's shape are checked before the county looks at a value.

The checksum covers the manifest's own facts and the payload, so an edited number or
township is refused like an edited record. It finds damage and casual edits; it is not
a signature (whoever has the program can make a package).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from dahe_desktop.county.records import BY_NAME, value_problem
from dahe_desktop.errors import UserError
from db.migrations import CURRENT_VERSION

FORMAT = "dahe-township-package"
FORMAT_VERSION = 1
SUFFIX = ".dahepkg"
MANIFEST, PAYLOAD = "manifest.json", "payload.json"

MAX_FILE_BYTES = 200 * 1024 * 1024  # a township of 30,000 members packs to a few MB
MAX_MANIFEST_BYTES = 64 * 1024
MAX_PAYLOAD_BYTES = 1024 * 1024 * 1024  # expanded
MAX_RATIO = 200  # expanded / compressed: JSON packs well, a zip bomb packs far better
MAX_RECORDS = 2_000_000


class PackageError(UserError):
    """A package refused, or a package that cannot be made; one line per problem."""


BROKEN = "数据包已损坏或被改动过（校验值不符），未导入；请让乡镇重新导出这一号数据包"


@dataclass(frozen=True)
class Manifest:
    township_code: str
    township_name: str
    number: int
    period_from: str | None  # ISO date-time; None: the first package, holding everything
    period_to: str
    made_at: str
    schema_version: int
    counts: dict[str, int]
    clerk: str = ""

    def facts(self) -> dict:
        return {
            "format": FORMAT, "format_version": FORMAT_VERSION,
            "township": {"code": self.township_code, "name": self.township_name},
            "number": self.number, "period": {"from": self.period_from, "to": self.period_to},
            "made_at": self.made_at, "schema_version": self.schema_version, "counts": self.counts,
            "clerk": self.clerk,
        }  # fmt: skip


@dataclass(frozen=True)
class Package:
    manifest: Manifest
    records: dict[str, list[dict]]  # kind -> [{"origin": id, "values": {...}}]
    sha256: str
    removed: dict[str, list[int]] = field(default_factory=dict)  # kind -> origin ids gone in the township


def canonical(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def checksum(facts: dict, payload: bytes) -> str:
    digest = hashlib.sha256(canonical(facts))
    digest.update(b"\n")
    digest.update(payload)
    return digest.hexdigest()


def write_package(path: Path, manifest: Manifest, records: dict[str, list[dict]],
                  removed: dict[str, list[int]] | None = None) -> str:  # fmt: skip
    """Write the zip to `path` (a temporary file of `safe_output`); returns the checksum."""
    payload = canonical({"records": records, "removed": removed or {}})
    facts = manifest.facts()
    sha = checksum(facts, payload)
    header = {**facts, "payload_sha256": hashlib.sha256(payload).hexdigest(), "sha256": sha}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(header, ensure_ascii=False, indent=1, sort_keys=True))
        archive.writestr(PAYLOAD, payload)
    return sha


def read_package(path: str | Path) -> Package:
    """The package at `path`, verified; a `PackageError` saying what is wrong otherwise."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except OSError:
        raise PackageError(f"找不到文件 {name}") from None
    if size > MAX_FILE_BYTES:
        raise PackageError(f"{name} 有{size >> 20}MB，不像乡镇数据包，未导入")
    try:
        with zipfile.ZipFile(path) as archive:
            parts = {info.filename: info for info in archive.infolist()}
            if set(parts) != {MANIFEST, PAYLOAD}:
                raise PackageError(f"{name} 不是乡镇数据包（里面的文件不对），未导入")
            manifest_bytes = _read_part(archive, parts[MANIFEST], MAX_MANIFEST_BYTES, name)
            payload = _read_part(archive, parts[PAYLOAD], MAX_PAYLOAD_BYTES, name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError):
        raise PackageError(f"{name} 不是乡镇数据包或已损坏（无法解压），未导入") from None
    header = _json(manifest_bytes, name)
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise PackageError(f"{name} 不是乡镇数据包（缺少数据包说明），未导入")
    if header.get("format_version") != FORMAT_VERSION:
        raise PackageError(f"{name} 是新版程序导出的数据包（格式{header.get('format_version')}），请升级程序后再导入")
    manifest = _manifest(header, name)
    if manifest.schema_version > CURRENT_VERSION:
        raise PackageError(f"{name} 由新版程序导出（数据版本{manifest.schema_version}），请升级程序后再导入")
    if header.get("sha256") != checksum(manifest.facts(), payload):
        raise PackageError(BROKEN)
    if header.get("payload_sha256") != hashlib.sha256(payload).hexdigest():
        raise PackageError(BROKEN)
    data = _json(payload, name)
    records = _records(data, manifest, name)
    return Package(manifest, records, header["sha256"], _removed(data, name))


def _read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str) -> bytes:
    """The part's bytes, never more than `limit` whatever its header claims (zip bombs)."""
    if info.file_size > limit or (info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
        raise PackageError(f"{name} 解压后过大（压缩比异常），不像乡镇数据包，未导入")
    with archive.open(info) as part:
        data = part.read(limit + 1)
    if len(data) > limit:
        raise PackageError(f"{name} 解压后过大，不像乡镇数据包，未导入")
    return data


def _json(data: bytes, name: str) -> object:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PackageError(f"{name} 的内容不是有效的数据（JSON 格式错误），未导入") from None


def _manifest(header: dict, name: str) -> Manifest:
    bad = PackageError(f"{name} 的数据包说明不完整或有误，未导入")
    township, period, counts = header.get("township"), header.get("period"), header.get("counts")
    if not (isinstance(township, dict) and isinstance(period, dict) and isinstance(counts, dict)):
        raise bad
    code, tname = township.get("code"), township.get("name")
    number, version = header.get("number"), header.get("schema_version")
    texts = (code, tname, period.get("to"), header.get("made_at"), header.get("clerk", ""))
    if not all(isinstance(t, str) and len(t) <= 200 for t in texts) or not code or not tname:
        raise bad
    if not (isinstance(period.get("from"), str | type(None))):
        raise bad
    if not all(isinstance(n, int) and not isinstance(n, bool) and 0 < n < 10**9 for n in (number, version)):
        raise bad
    if not all(isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) for k, v in counts.items()):
        raise bad
    return Manifest(code, tname, number, period.get("from"), period["to"], header["made_at"], version,
                    dict(counts), header.get("clerk", ""))  # fmt: skip


def _records(payload: object, manifest: Manifest, name: str) -> dict[str, list[dict]]:
    """Every record's shape checked: known kinds and fields, values of the column's type."""
    if not isinstance(payload, dict) or not isinstance(payload.get("records"), dict):
        raise PackageError(f"{name} 的数据部分格式不对，未导入")
    records = payload["records"]
    problems: list[str] = []
    total = 0
    for kind_name, rows in records.items():
        kind = BY_NAME.get(kind_name)
        if kind is None or not isinstance(rows, list):
            problems.append(f"数据包里有本程序不认识的记录类型“{str(kind_name)[:40]}”，请升级程序后再导入")
            continue
        total += len(rows)
        if total > MAX_RECORDS:
            raise PackageError(f"{name} 的记录超过{MAX_RECORDS}条，不像一个乡镇的数据，未导入")
        if len(rows) != manifest.counts.get(kind_name, 0):
            problems.append(f"{kind.label}的条数与数据包说明不符")
        seen: set[int] = set()
        for n, row in enumerate(rows, start=1):
            origin = row.get("origin") if isinstance(row, dict) else None
            values = row.get("values") if isinstance(row, dict) else None
            if not isinstance(origin, int) or isinstance(origin, bool) or not isinstance(values, dict) or origin in seen:
                problems.append(f"{kind.label}第{n}条记录格式不对")
            else:
                seen.add(origin)
                bad = next((p for f, v in values.items() if (p := value_problem(kind, f, v))), None)
                # A package of an older program may lack a newer column: that one stays as it is.
                missing = [f for f in kind.fields if f not in values] if manifest.schema_version == CURRENT_VERSION else []
                if bad or missing:
                    problems.append(f"{kind.label}第{n}条记录：{bad or '缺少字段“' + missing[0] + '”'}")
            if len(problems) >= 10:
                break
        if len(problems) >= 10:
            break
    if problems:
        raise PackageError([f"{name} 的内容有误，未导入：", *problems[:10]])
    return records


def _removed(payload: dict, name: str) -> dict[str, list[int]]:
    """The records the township no longer has: known kinds, lists of ids."""
    removed = payload.get("removed", {})
    ok = isinstance(removed, dict) and all(
        k in BY_NAME and isinstance(v, list) and all(isinstance(i, int) and not isinstance(i, bool) for i in v)
        for k, v in removed.items()
    )
    if not ok:
        raise PackageError(f"{name} 的删除记录部分格式不对，未导入")
    return removed
