"""Opening the county's server the way both front ends open the data file
(`session.open_data`), minus what only a file needs: no folder lock (the server serves
many clerks), no WAL checkpoint, no quick_check, no file backups (a server's backups are
its administrator's job: pg_dump)."""

from __future__ import annotations

from dataclasses import dataclass, field

from dahe_desktop import paths
from dahe_desktop.errors import UserError
from dahe_desktop.safety.labels import SERVER_BACKUPS  # noqa: F401  # the CLI says it too
from db import server as store
from db.migrations import SchemaTooNewError
from db.pg.security import SecurityError
from db.server import ServerConfig, ServerError, ServerSession, open_server


class ServerStoreError(UserError):
    """The server could not be opened (unreachable, refused, not registered, too new)."""


@dataclass
class ServerDataSession:
    """An open server: the same surface as `DataSession` for the front ends."""

    server: ServerSession
    read_only: bool = False
    created: bool = False
    notes: list[str] = field(default_factory=list)
    path: None = None  # no data file

    @property
    def title(self) -> str:
        return self.server.title()

    def close(self) -> None:
        self.server.close()


def open_server_data(config: ServerConfig, password: str | None = None) -> ServerDataSession:
    """Connect, upgrade the schema (one clerk at a time), and start the audit log."""
    try:
        server = open_server(config, password, folder=paths.data_dir())
    except (ServerError, SecurityError) as error:
        raise ServerStoreError(error.lines) from None
    except SchemaTooNewError as error:
        raise ServerStoreError(str(error)) from None
    session = ServerDataSession(server=server, notes=list(server.notes))
    try:
        from dahe_desktop.audit.service import start as start_audit

        # Many clerks share the server's settings: each change carries the login instead.
        start_audit(server.role)
    except BaseException:
        session.close()
        raise
    return session


# ---- the per-PC choice, for the window's 数据存储 dialog ----------------------------------
def current_choice() -> ServerConfig | None:
    """The server this PC opens at start, or None for the local data file."""
    return store.load_choice()


def remember_choice(config: ServerConfig | None, password: str = "") -> list[str]:
    """Keep the choice for the next start (and the password in the OS credential store);
    returns what the clerk should know (no credential store on this PC)."""
    store.save_choice(config)
    if config is None or not password:
        return []
    if store.save_password(config, password):
        return []
    return [store.NO_CREDENTIAL_STORE]


def saved_password(config: ServerConfig) -> str:
    return store.read_password(config) or ""


def try_connection(config: ServerConfig, password: str | None = None) -> str:
    """One line: the server answered (its version), or `ServerStoreError`."""
    try:
        return store.check_connection(config, password or None)
    except ServerError as error:
        raise ServerStoreError(error.lines) from None
