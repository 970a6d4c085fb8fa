"""A throwaway PostgreSQL database bound to the proxy, for tests that must also hold on
a server: skipped unless `DAHE_TEST_PG` names one (e.g. `postgresql://user@host:port/postgres`)."""

from __future__ import annotations

import pytest

from tests.helpers.pg import scratch_bound


@pytest.fixture
def pg_database():
    with scratch_bound("versions") as db:
        yield db
