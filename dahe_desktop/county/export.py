"""A township's package for the county: the records whose values differ from what the
county last received, numbered without gaps, written through `safe_output`.

What changed is found by comparing a digest of each record's values with the digest
kept when it was last sent (`PackageSent`), not from the audit log or `updated_at`:
branches, pairings and posts have no `updated_at`, and bulk writes (the demo, imports)
do not all pass the audit log; a digest catches every change, whoever wrote it, for one
pass over the township's rows. A record sent before and gone since travels as its id in
`removed`. The first package holds everything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from dahe_desktop import settings
from dahe_desktop.county.package import SUFFIX as PACKAGE_SUFFIX
from dahe_desktop.county.package import Manifest, PackageError, canonical, write_package
from dahe_desktop.county.records import KINDS, RecordKind, encode
from dahe_desktop.county.townships import own_township
from dahe_desktop.safety.outputs import safe_output
from db import audit, bulk_insert, changes, data_folder, writing
from db.migrations import CURRENT_VERSION
from db.models import PackageExport, PackageSent

ID_NUMBERS_TRAVEL = ("数据包含党员的完整身份证号（县里靠它比对党员）和困难户、老病残等敏感信息，"
                     "请用专用U盘送交县委组织部，送达后删除U盘上的文件")
KEPT_FOLDER = "packages"
NO_CODE = "请先在“文件 › 乡镇设置”中填写乡镇代码（行政区划代码或县里给的代码），再导出数据包"


@dataclass
class ExportResult:
    path: Path
    number: int
    counts: dict[str, int]  # kind label -> records in the package
    first: bool  # the first package: everything
    period_from: dt.datetime | None
    period_to: dt.datetime
    lines: list[str] = field(default_factory=list)  # the confirmation, for the window or the terminal


def package_file_name(name: str, number: int, day: dt.date) -> str:
    return f"{name}-第{number}号-{day:%Y%m%d}{PACKAGE_SUFFIX}"


def next_number() -> int:
    return (PackageExport.select(PackageExport.number).order_by(PackageExport.number.desc()).scalar() or 0) + 1


def current_records(kind: RecordKind) -> dict[int, dict]:
    """origin id -> values as they travel (references as origin ids), in one query."""
    model = kind.model
    columns = [model._meta.primary_key] + [model._meta.fields[f] for f in kind.fields]
    return {
        row["id"]: {f: encode(row[f]) for f in kind.fields}
        for row in model.select(*columns).order_by(model._meta.primary_key).dicts()
    }


def kept_folder() -> Path:
    """Where every package made is kept beside the data file: made on first use, readable
    by the clerk only like the data and backups (every package holds whole ID numbers)."""
    folder = data_folder() / KEPT_FOLDER
    folder.mkdir(exist_ok=True)
    if os.name == "posix":
        try:
            os.chmod(folder, 0o700)
        except OSError:
            pass  # a data folder on a stick formatted FAT has no permissions
    return folder


def _keep_copy(path: Path) -> Path | None:
    """A copy in `kept_folder()`, so a package lost on the way can be sent again."""
    folder = kept_folder()
    if path.parent.resolve() == folder.resolve():
        return None
    with safe_output(folder / path.name) as temp:
        shutil.copyfile(path, temp)
    return folder / path.name


def digest(values: dict) -> str:
    return hashlib.sha256(canonical(values)).hexdigest()[:32]


def export_package(folder: str | Path, now: dt.datetime | None = None) -> ExportResult:
    """Make the next package in `folder`; the log and the digests commit with the file
    (a failed write leaves neither)."""
    code, name = settings.get(settings.TOWNSHIP_CODE), settings.get(settings.TOWNSHIP_NAME)
    if not code:
        raise PackageError(NO_CODE)
    now = (now or dt.datetime.now()).replace(microsecond=0)
    with writing(changes.PACKAGES):
        own_township(code, name)  # branches added since get their township
        number = next_number()
        last = PackageExport.select().order_by(PackageExport.number.desc()).first()
        sent = {(r.kind, r.origin): r.digest for r in PackageSent.select()}
        records: dict[str, list[dict]] = {}
        removed: dict[str, list[int]] = {}
        new_digests: list[dict] = []
        for kind in KINDS:
            rows = []
            current = current_records(kind)
            gone = sorted(o for k, o in sent if k == kind.name and o not in current)
            if gone:
                removed[kind.name] = gone
            for origin, values in current.items():
                d = digest(values)
                if sent.get((kind.name, origin)) != d:
                    rows.append({"origin": origin, "values": values})
                    new_digests.append(dict(kind=kind.name, origin=origin, digest=d))
            if rows:
                records[kind.name] = rows
        counts = {k: len(v) for k, v in records.items()}
        manifest = Manifest(code, name, number, encode(last.period_to) if last else None, encode(now), encode(now),
                            CURRENT_VERSION, counts, audit.clerk())  # fmt: skip
        path = Path(folder) / package_file_name(name, number, now.date())
        with safe_output(path) as temp:
            sha = write_package(temp, manifest, records, removed)
        kept = _keep_copy(path)
        resent = [d for d in new_digests if (d["kind"], d["origin"]) in sent]  # their old digests go
        resent += [dict(kind=k, origin=o) for k, origins in removed.items() for o in origins]
        for start in range(0, len(resent), 500):
            chunk = resent[start:start + 500]
            for kind_name in {d["kind"] for d in chunk}:
                origins = [d["origin"] for d in chunk if d["kind"] == kind_name]
                PackageSent.delete().where((PackageSent.kind == kind_name) & PackageSent.origin.in_(origins)).execute()
        bulk_insert(PackageSent, new_digests, prepared=True)  # text and ints: stored as they are
        PackageExport.create(number=number, period_from=last.period_to if last else None, period_to=now,
                             file_name=path.name, sha256=sha, counts=json.dumps(counts), clerk=audit.clerk(),
                             made_at=now)  # fmt: skip
    labels = {k.name: k.label for k in KINDS}
    shown = {labels[k]: n for k, n in counts.items()}
    summary = "、".join(f"{label}{n}条" for label, n in shown.items()) or "本期没有变化的记录"
    if removed:
        summary += "；删除" + "、".join(f"{labels[k]}{len(v)}条" for k, v in removed.items())
    since = "全部记录（第一个数据包）" if last is None else f"自{last.period_to:%Y-%m-%d %H:%M}（第{last.number}号）以来的变化"
    lines = [f"已导出{name}第{number}号数据包：{path}", f"内容：{since}；{summary}", ID_NUMBERS_TRAVEL]
    if kept is not None:
        lines.append(f"本机也留了一份（县里缺这一号时可再送）：{kept}")
    return ExportResult(path, number, shown, last is None, last.period_to if last else None, now, lines)
