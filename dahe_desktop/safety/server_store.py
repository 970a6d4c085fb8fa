"""Opening the county's server the way both front ends open the data file
(`session.open_data`), minus what only a file needs: no folder lock (the server serves
many clerks), no WAL checkpoint, no quick_check, no file backups (a server's backups are
its administrator's job: pg_dump)."""

from __future__ import annotations

from dataclasses import dataclass, field

from dahe_desktop.errors import UserError
from db.migrations import SchemaTooNewError
from db.pg.security import SecurityError
from db.server import ServerConfig, ServerError, ServerSession, open_server

SERVER_BACKUPS = "县级服务器上的数据由服务器管理员备份（pg_dump），本程序不在服务器上备份或恢复"


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
        server = open_server(config, password)
    except (ServerError, SecurityError) as error:
        raise ServerStoreError(error.lines) from None
    except SchemaTooNewError as error:
        raise ServerStoreError(str(error)) from None
    session = ServerDataSession(server=server, notes=list(server.notes))
    try:
        from dahe_desktop.audit.service import start as start_audit

        start_audit()  # changes carry the clerk's name (setting 经办人)
    except BaseException:
        session.close()
        raise
    return session
