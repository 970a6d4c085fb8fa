"""Two data files in one test: a township's and the county's, opened in turn."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dahe_desktop import settings
from db import close_database, open_database
from db.models import Branch, Commitment, Member

DAHE_CODE = "632523101"


@contextmanager
def opened(path: Path) -> Iterator[None]:
    """The proxy bound to the file at `path` for the block (the test's own file is closed)."""
    close_database()
    open_database(path)
    try:
        yield
    finally:
        close_database()


def make_township(path: Path, code: str = DAHE_CODE, name: str = "大河乡", demo: bool = True) -> None:
    from dahe_desktop.demo import build_demo
    from tests.helpers.roster import small_roster

    with opened(path):
        if demo:
            build_demo()
        else:
            small_roster()
        settings.save_township(name, f"中共{name}委员会", "", code)


def roster_facts() -> dict[str, set]:
    """What must survive the trip, independent of the ids each file gave."""
    members = set(
        Member.select(Member.name, Member.id_number, Member.birth_date, Member.status, Branch.name, Member.phone)
        .join(Branch).tuples()
    )
    branches = set(Branch.select(Branch.name, Branch.kind, Branch.village).tuples())
    commitments = set(
        Commitment.select(Member.id_number, Member.name, Commitment.year, Commitment.content, Commitment.status)
        .join(Member).tuples()
    )
    return {"members": members, "branches": branches, "commitments": commitments}


@contextmanager
def county_on_server() -> Iterator[None]:
    """The proxy bound to a throwaway PostgreSQL database (the county's server store) for
    the block; the test is skipped unless `DAHE_TEST_PG` names a server."""
    from tests.helpers.pg import scratch_bound

    close_database()
    with scratch_bound("county"):
        yield
