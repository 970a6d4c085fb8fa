"""The county's shared store: which PostgreSQL server this PC opens, and opening it.

The choice (host, port, database, user, an optional township code) is kept per PC in a
JSON file in the user's config folder; the password never is: it lives in the OS
credential store (`keyring`), or, where there is none (a headless Linux), libpq reads
PGPASSWORD or ~/.pgpass itself. SQLite stays the default: no choice file, no server.
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import peewee
import platformdirs

from db.connection import database

APP_DIR = "DaheDesk"  # the same folder name as the app's data folder (dahe_desktop.APP_NAME)
CHOICE_FILE = "store.json"
KEYRING_SERVICE = "Dahe Desk"
DEFAULT_PORT = 5432
# Every clerk's program takes this session-level advisory lock around the migrations:
# two clerks starting a new version at once: one upgrades, the other waits, then finds
# nothing to do.
MIGRATION_LOCK = zlib.crc32(b"dahe-desk-migrations")


class ServerError(Exception):
    """The server cannot be used as configured; `lines` are Chinese, one per problem."""

    def __init__(self, *lines: str):
        self.lines = list(lines)
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class ServerConfig:
    """Where the county's server is and who logs in (never the password)."""

    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    township: str | None = None  # a township account's township code (display only)

    @classmethod
    def from_dsn(cls, dsn: str) -> ServerConfig:
        """`postgresql://user@host:port/database` (a password in it is refused: it would
        end up in the shell's history and the process list)."""
        parts = urlsplit(dsn)
        if parts.scheme not in ("postgresql", "postgres"):
            raise ServerError(f"服务器地址 {dsn} 应写成 postgresql://用户名@主机:端口/数据库名")
        if parts.password:
            raise ServerError("服务器地址里不要写密码：密码请存入系统凭据，或用 PGPASSWORD 环境变量")
        try:
            port = parts.port or DEFAULT_PORT
        except ValueError:
            raise ServerError(f"服务器地址 {dsn} 的端口不是数字") from None
        name = unquote(parts.path.lstrip("/"))
        user = unquote(parts.username or "")
        missing = [what for what, value in (("主机", parts.hostname), ("用户名", user), ("数据库名", name)) if not value]
        if missing:
            raise ServerError(f"服务器地址 {dsn} 缺少{'、'.join(missing)}：应写成 postgresql://用户名@主机:端口/数据库名")
        return cls(host=parts.hostname or "", port=port, database=name, user=user)

    def dsn(self) -> str:
        return f"postgresql://{quote(self.user)}@{self.host}:{self.port}/{quote(self.database)}"

    def label(self) -> str:
        """How the window title and messages name this store."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def credential_key(self) -> str:
        return self.label()


# ---- the per-PC choice ---------------------------------------------------------------
def choice_path() -> Path:
    override = os.environ.get("DAHE_CONFIG_DIR")  # tests, and a portable copy
    folder = Path(override) if override else Path(platformdirs.user_config_dir(APP_DIR, appauthor=False))
    return folder / CHOICE_FILE


def load_choice() -> ServerConfig | None:
    """The server this PC opens, or None for the local data file (also when the choice
    file is missing or unreadable: the township's default)."""
    try:
        raw = json.loads(choice_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("store") != "server":
        return None
    try:
        return ServerConfig(host=str(raw["host"]), port=int(raw.get("port", DEFAULT_PORT)),
                            database=str(raw["database"]), user=str(raw["user"]),
                            township=raw.get("township") or None)
    except (KeyError, TypeError, ValueError):
        return None


def save_choice(config: ServerConfig | None) -> Path:
    """Remember the store for the next start: a server, or None for the local file."""
    path = choice_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"store": "local"} if config is None else {"store": "server", **asdict(config)}
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temp, path)
    return path


# ---- the password --------------------------------------------------------------------
def credential_store_available() -> bool:
    """Whether the OS has a credential store keyring can use (not on a headless Linux)."""
    try:
        import keyring
        from keyring.backends import fail

        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:  # a broken backend counts as none
        return False


NO_CREDENTIAL_STORE = ("本机没有系统凭据存储，密码不能保存；请用 PGPASSWORD 环境变量或 "
                       "pgpass 文件（libpq 的密码文件）提供服务器密码")


def save_password(config: ServerConfig, password: str) -> bool:
    """Keep the password in the OS credential store; False where there is none."""
    if not credential_store_available():
        return False
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, config.credential_key(), password)
    except Exception:
        return False
    return True


def read_password(config: ServerConfig) -> str | None:
    """The saved password, or None (then libpq looks at PGPASSWORD and .pgpass)."""
    if not credential_store_available():
        return None
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, config.credential_key())
    except Exception:
        return None


# ---- opening ------------------------------------------------------------------------
@dataclass
class ServerSession:
    """Who is logged in to which server, and what they may see."""

    config: ServerConfig
    role: str
    township_code: str | None = None  # None: a county account (sees every township)
    township_name: str = ""
    schema_version: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def sees_all(self) -> bool:
        return self.township_code is None

    def title(self) -> str:
        who = "县级账户" if self.sees_all else f"乡镇账户：{self.township_name or self.township_code}"
        return f"县级服务器 {self.config.label()}（{who}）"

    def close(self) -> None:
        if database.obj is not None and not database.is_closed():
            database.close()


def connect(config: ServerConfig, password: str | None = None) -> peewee.PostgresqlDatabase:
    """A connected database for `config` (not bound to the proxy): psycopg 3 through
    Peewee's own PostgreSQL class. Without a password libpq uses PGPASSWORD/.pgpass."""
    secret = password if password is not None else read_password(config)
    extra = {"password": secret} if secret else {}
    db = peewee.PostgresqlDatabase(
        config.database, host=config.host, port=config.port, user=config.user,
        prefer_psycopg3=True, connect_timeout=10, application_name=KEYRING_SERVICE, **extra,
    )
    try:
        db.connect()
    except peewee.OperationalError as error:
        raise ServerError(connection_problem(config, error)) from error
    return db


def connection_problem(config: ServerConfig, error: BaseException) -> str:
    """One Chinese line for a refused or failed connection."""
    text = str(error).lower()
    where = f"无法连接县级服务器 {config.label()}："
    if "password" in text or "authentication" in text:
        hint = "" if credential_store_available() else "（" + NO_CREDENTIAL_STORE + "）"
        return where + "用户名或密码不对，请在“文件 › 数据存储”重新输入密码" + hint
    if "does not exist" in text and "database" in text:
        return where + f"服务器上没有数据库 {config.database}，请核对数据库名"
    if "timeout" in text or "refused" in text or "could not translate" in text or "no route" in text:
        return where + "服务器没有响应，请核对主机和端口，并检查网络"
    return where + str(error).strip().splitlines()[0]


def check_connection(config: ServerConfig, password: str | None = None) -> str:
    """The 测试连接 button: one line saying the server answered, or `ServerError`."""
    db = connect(config, password)
    try:
        version = db.execute_sql("SHOW server_version").fetchone()[0]
    finally:
        db.close()
    return f"连接成功：{config.label()}（PostgreSQL {version}）"


def _bind(db: peewee.Database, folder: str | Path | None) -> None:
    """Bind without upgrading: `migrate` upgrades under the advisory lock (a township
    account, which may not upgrade, only waits for it)."""
    from db.connection import bind_database

    bind_database(db, folder=folder, migrate=False)


def migrate(db: peewee.Database) -> int:
    """Upgrade the server's schema under the advisory lock and refresh its row-level
    security (derived from the models, so a new table is covered). Returns the version."""
    from db.migrations import CURRENT_VERSION, SchemaTooNewError, schema_version, upgrade
    from db.pg import security

    version = schema_version(db)
    if version > CURRENT_VERSION:
        raise SchemaTooNewError(f"服务器上的数据版本（{version}）比本程序（{CURRENT_VERSION}）新，请升级程序后再连接。")
    if version == CURRENT_VERSION and not security.needs_install(db):
        return version
    db.execute_sql("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
    try:
        version = upgrade(db)  # re-reads the version: the clerk who waited finds it done
        if security.needs_install(db):
            security.install(db)
    except peewee.ProgrammingError as error:
        if "permission denied" not in str(error) and "must be owner" not in str(error):
            raise
        raise ServerError(f"服务器上的数据需要升级到本程序的版本（{CURRENT_VERSION}），本账户无权升级："
                          "请服务器管理员先用本程序以管理员账户连接一次") from error
    finally:
        db.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
    return version


def open_server(
    config: ServerConfig, password: str | None = None, *, folder: str | Path | None = None
) -> ServerSession:
    """Bind the proxy to the server, upgrade it (one clerk at a time) and say who is in.
    `folder`: this PC's folder for the files that travel with the data (logos, logs)."""
    from db.pg import security

    db = connect(config, password)
    try:
        _bind(db, folder)
        version = migrate(db)
        role, code, name = security.who_am_i(db)
    except BaseException:
        db.close()
        raise
    session = ServerSession(config=config, role=role, township_code=code, township_name=name, schema_version=version)
    if config.township and config.township != code:
        account = f"乡镇 {code}" if code else "全县"
        session.notes.append(f"本机设定的乡镇（{config.township}）与服务器账户 {role} 的范围（{account}）不同：以服务器账户为准")
    return session
