"""Schema migrations: an ordered list of steps, each taking the file from version N-1 to N.

Each step is a module of this package declaring its tables as they were at that version
(`frozen.base`), so an old file always upgrades through the same path. A feature adds
its tables as a new module and appends it to `STEPS`; a step that has shipped is never
edited. Before any step runs on an existing file, the file is copied aside
(`<name>.v<N>.bak`). Steps use Peewee's schema API and queries only, so a PostgreSQL
store runs them too; what one engine needs after a step is in `engine.after_step`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from peewee import Database

from db.migrations import (
    appraisal,
    audit,
    card_prints,
    commitments,
    packages,
    pairing,
    posts,
    roster,
    service,
    townships,
    versions,
)
from db.migrations.engine import after_step
from db.migrations.frozen import schema_version_model

# Step i takes a file from version i to version i+1. Append only.
STEPS: list[Callable[[Database], None]] = [
    roster.step,
    card_prints.step,
    commitments.step,
    service.step,
    posts.step,
    audit.step,
    pairing.step,
    appraisal.step,
    townships.step,
    versions.step,
    packages.step,
]

CURRENT_VERSION = len(STEPS)


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer program; it is left untouched."""


def schema_version(db: Database) -> int:
    if "schema_version" not in db.get_tables():
        return 0
    SchemaVersion = schema_version_model(db)
    return max((row.version for row in SchemaVersion.select()), default=0)


def backup_file(db: Database, path: Path, version: int) -> Path:
    """Copy the live database aside with SQLite's online backup (safe under WAL)."""
    dest = path.with_name(f"{path.name}.v{version}.bak")
    target = sqlite3.connect(dest)
    try:
        db.connection().backup(target)
    finally:
        target.close()
    return dest


def upgrade(
    db: Database,
    path: Path | None = None,
    target: int = CURRENT_VERSION,
    backup: Callable[[int], object] | None = None,
) -> int:
    """Run the missing steps up to `target`; returns the version the file now has.
    An existing file is backed up first: by `backup(version)`, else as `.v<N>.bak`."""
    version = schema_version(db)
    if version > CURRENT_VERSION:
        raise SchemaTooNewError(
            f"数据文件的版本（{version}）比本程序（{CURRENT_VERSION}）新，请升级程序后再打开。"
        )
    if version >= target:
        return version
    if version > 0 and backup is not None:
        backup(version)
    elif version > 0 and path is not None:
        backup_file(db, path, version)
    SchemaVersion = schema_version_model(db)
    for step_no in range(version, target):
        with db.atomic():
            STEPS[step_no](db)
            after_step(db)
            if step_no == 0:
                SchemaVersion.insert(version=1).execute()
            else:
                SchemaVersion.update(version=step_no + 1).execute()
    return target
