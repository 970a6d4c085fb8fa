"""Peewee without the PostgreSQL driver until a PostgreSQL database is made.

Peewee imports every driver it knows when it is itself imported; psycopg takes longer
to import (~180 ms: asyncio, its C bindings, its error classes) than the rest of the
start of the window's data layer, and a SQLite file needs none of it. So peewee is
imported here with psycopg held back, and peewee is handed the driver (the same names
its own import would have set) the first time a `PostgresqlDatabase` is set up."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def psycopg_held_back() -> Iterator[None]:
    """Imports inside see no psycopg (their `import psycopg` fails, as if the driver were
    not installed), unless it is loaded already (a server is open). Used around plain
    `import` statements, so that a bundler sees which modules are imported."""
    if "psycopg" in sys.modules:
        yield
        return
    sys.modules["psycopg"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.modules.get("psycopg", 0) is None:
            del sys.modules["psycopg"]


with psycopg_held_back():
    import peewee

_original_init = peewee.PostgresqlDatabase.init


def load_postgres_driver() -> bool:
    """Give peewee the psycopg driver if it was held back; False when not installed."""
    if peewee.psycopg is not None:
        return True
    try:
        import psycopg
        from psycopg.pq import TransactionStatus
        from psycopg.types.json import Json, Jsonb
    except ImportError:
        return False  # peewee then says "psycopg postgres driver not found" itself
    peewee.TransactionStatus = TransactionStatus
    peewee.Json_pg3, peewee.Jsonb_pg3 = Json, Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
    peewee.psycopg = psycopg  # last: it is what says the driver is there
    return True


def _init_with_driver(self: peewee.PostgresqlDatabase, *args: object, **kwargs: object) -> None:
    load_postgres_driver()
    _original_init(self, *args, **kwargs)


peewee.PostgresqlDatabase.init = _init_with_driver
