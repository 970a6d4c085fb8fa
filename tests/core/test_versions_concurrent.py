"""Two clerks on two real connections save one record at the same moment: exactly one
save lands, the other is refused naming the first one's change, nothing is lost.

SQLite: two threads (each has its own connection to the same file). PostgreSQL: the
same, against a throwaway database, only when `DAHE_TEST_PG` names a server
(e.g. `postgresql://user@host:port/postgres`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import pytest

from dahe_desktop.roster.service import member_data, save_branch, save_member
from dahe_desktop.versions import StaleRecordError
from db import audit, database
from tests.helpers.roster import member
from tests.helpers.stores import pg_database  # noqa: F401 (a fixture)

CLERKS = {"王芳": "13512345678", "李明": "13698765432"}


def race(member_id: int) -> dict[str, object]:
    """Both clerks load the record, wait for each other, then save their phone number."""
    loaded = threading.Barrier(len(CLERKS))
    outcome: dict[str, object] = {}

    def clerk(name: str, phone: str) -> None:
        audit.set_clerk(name)
        try:
            mine = dataclasses.replace(member_data(member_id), phone=phone)
            loaded.wait(timeout=30)
            save_member(mine, member_id)
            outcome[name] = mine
        except StaleRecordError as refused:
            outcome[name] = refused
        finally:
            database.close()  # this thread's connection

    threads = [threading.Thread(target=clerk, args=item) for item in CLERKS.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcome


def check(member_id: int, outcome: dict[str, object]) -> None:
    refused = {n: o for n, o in outcome.items() if isinstance(o, StaleRecordError)}
    landed = {n: o for n, o in outcome.items() if not isinstance(o, StaleRecordError)}
    assert len(refused) == 1 and len(landed) == 1, outcome
    (winner, saved), error = next(iter(landed.items())), next(iter(refused.values()))
    text = "\n".join(error.lines)
    assert winner in text and "联系电话" in text and CLERKS[winner] in text
    after = member_data(member_id)
    assert after.phone == CLERKS[winner] and after.version == saved.version  # the winner's change intact


def a_member() -> int:
    branch = save_branch("扎西村党支部", "农牧村")
    return save_member(member("卓玛", "女", "藏族", dt.date(1985, 3, 12), branch, 1))


def test_two_connections_to_one_sqlite_file(db):
    member_id = a_member()
    check(member_id, race(member_id))


@pytest.mark.usefixtures("pg_database")
def test_two_connections_to_one_postgresql_database():
    member_id = a_member()
    check(member_id, race(member_id))
