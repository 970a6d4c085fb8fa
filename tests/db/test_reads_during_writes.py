"""A long write (an import, a plan accepted) does not hold up another clerk's reads, on
either store: the reader sees the data as last committed, at once, and the new rows only
after the commit. The reader is set never to wait, so a read that a writer blocked would
fail here instead of merely being slow."""

from __future__ import annotations

import peewee

from db import changes, writing
from tests.helpers.roster import PEOPLE, member, small_roster


def _reader(db: peewee.Database) -> peewee.Database:
    """A second clerk's connection that refuses to wait for any lock."""
    if isinstance(db, peewee.PostgresqlDatabase):
        other = peewee.PostgresqlDatabase(db.database, prefer_psycopg3=True, **db.connect_params)
        other.connect()
        other.execute_sql("SET lock_timeout = '1ms'")
        return other
    other = peewee.SqliteDatabase(db.database, pragmas={"busy_timeout": 0})
    other.connect()
    return other


def _members(reader: peewee.Database) -> int:
    return reader.execute_sql("SELECT COUNT(*) FROM member").fetchone()[0]


def test_a_clerk_reads_while_another_writes(db):
    from dahe_desktop.roster.service import save_member

    ids = small_roster()
    reader = _reader(db)
    try:
        with writing(changes.MEMBERS):
            for serial in range(50):  # one transaction, as an import is
                name, sex, eth, birth, _edu, _phone = PEOPLE[serial % len(PEOPLE)]
                save_member(member(f"{name}{serial}", sex, eth, birth, ids["扎西村党支部"], 100 + serial))
            during = _members(reader)  # the writer still holds its transaction open
        after = _members(reader)
    finally:
        reader.close()
    assert during == len(PEOPLE)  # the last committed state, not the half-done write
    assert after == len(PEOPLE) + 50
