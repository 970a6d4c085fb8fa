"""Who sees which township on the county's server, enforced by PostgreSQL itself.

An account row maps a login role to a township (NULL: a county clerk, who sees every
township). Every township-owned table gets one row-level security policy (ENABLE and
FORCE, so the tables' owner is bound too), derived from the models rather than listed:

- a table with a `township_id` column compares it with the role's township;
- any other table with foreign keys to township-owned tables keeps a row only when every
  such key points at a row the role may see (`fk IN (SELECT id FROM parent)`: the
  parent's own policy filters the sub-select), so a table added later is covered.

Tables outside every township (the schema version, settings, the catalogues, the audit
log) are named in `SHARED` with why; `classify` refuses a table that is neither.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import peewee

from db.server import ServerError

ACCOUNTS = "dahe_account"
STATE = "dahe_security_state"
POLICY = "dahe_township"
TOWNSHIP_COLUMN = "township_id"
TOWNSHIP_TABLE = "township"

# Not owned by one township, and what a township account may do with them.
SHARED: dict[str, tuple[str, str]] = {
    "schema_version": ("SELECT", "the server's schema version"),
    "setting": ("SELECT", "county-wide settings; a township's own settings stay on its PC"),
    "post_type": ("SELECT", "the post catalogue every township picks from"),
    "appraisal_rubric": ("SELECT", "the rubric catalogue; a run copies the rubric it uses"),
    TOWNSHIP_TABLE: ("SELECT", "the list of townships"),
    # The log names records of every township in free text: a township account writes its
    # own lines (and gets their ids back) but cannot read the county's log.
    "audit_entry": ("INSERT, SELECT (id)", "the audit log"),
    # A township PC's log of the packages it sent the county: empty on the county's server.
    "package_export": ("SELECT", "a township file's own package log"),
    "package_sent": ("SELECT", "a township file's own package digests"),
}
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class SecurityError(ServerError):
    """A table that cannot be given a policy, or a bad role name; Chinese `lines`."""


@dataclass(frozen=True)
class TablePolicy:
    table: str
    expression: str  # the USING and WITH CHECK expression
    owned: bool = False  # it has the township column: a new row is the account's township's


def _table(model: type[peewee.Model]) -> str:
    return model._meta.table_name


def _has_township(model: type[peewee.Model]) -> bool:
    return any(f.column_name == TOWNSHIP_COLUMN for f in model._meta.sorted_fields)


def _owned_keys(model, owned: set[str]) -> list[peewee.ForeignKeyField]:
    return [f for f in model._meta.sorted_fields
            if isinstance(f, peewee.ForeignKeyField) and f.rel_model is not model and _table(f.rel_model) in owned]


def derive(models: Sequence[type[peewee.Model]]) -> list[TablePolicy]:
    """The policy of every township-owned table among `models`, parents before children."""
    owned = {_table(m) for m in models if _has_township(m)}
    children: dict[str, type[peewee.Model]] = {}
    grew = True
    while grew:  # a table is owned when one of its keys points at an owned table
        grew = False
        for model in models:
            name = _table(model)
            if name not in owned and _owned_keys(model, owned | {name}):
                owned.add(name)
                children[name] = model
                grew = True
    sees_all = "(SELECT dahe_sees_all(current_user))"
    policies = [TablePolicy(_table(m), f"{sees_all} OR {TOWNSHIP_COLUMN} = (SELECT dahe_township(current_user))", owned=True)
                for m in models if _has_township(m)]
    done = {p.table for p in policies}
    pending = dict(children)
    while pending:
        ready = [name for name, m in pending.items() if all(_table(f.rel_model) in done for f in _owned_keys(m, owned))]
        if not ready:
            raise SecurityError(f"数据表 {'、'.join(sorted(pending))} 的外键互相引用，无法推导乡镇权限：请给其中一张表加 township_id")
        for name in ready:
            terms = []
            for key in _owned_keys(pending.pop(name), owned):
                parent = key.rel_model
                test = f"{key.column_name} IN (SELECT {key.rel_field.column_name} FROM {_table(parent)})"
                terms.append(f"({key.column_name} IS NULL OR {test})" if key.null else test)
            policies.append(TablePolicy(name, f"{sees_all} OR ({' AND '.join(terms)})"))
            done.add(name)
    return policies


def classify(models: Iterable[type[peewee.Model]]) -> list[str]:
    """Lines naming the tables that are neither township-owned nor declared shared."""
    models = list(models)
    owned = {p.table for p in derive(models)}
    return [f"数据表 {_table(m)} 既不属于某个乡镇（没有 township_id，也没有指向乡镇数据的外键），也没有登记为共用表"
            for m in models if _table(m) not in owned and _table(m) not in SHARED]


def _setup_sql() -> list[str]:
    return [
        f"CREATE TABLE IF NOT EXISTS {ACCOUNTS} (role name PRIMARY KEY, "
        f"township_id integer REFERENCES {TOWNSHIP_TABLE} (id) ON DELETE RESTRICT)",
        f"CREATE TABLE IF NOT EXISTS {STATE} (fingerprint text NOT NULL)",
        f"REVOKE ALL ON {ACCOUNTS}, {STATE} FROM PUBLIC",
        # SECURITY DEFINER: a township account reads its own row without reading the table.
        f"""CREATE OR REPLACE FUNCTION dahe_township(who name) RETURNS integer
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
            AS $$ SELECT township_id FROM {ACCOUNTS} WHERE role = who $$""",
        f"""CREATE OR REPLACE FUNCTION dahe_sees_all(who name) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
            AS $$ SELECT EXISTS (SELECT 1 FROM {ACCOUNTS} WHERE role = who AND township_id IS NULL) $$""",
        # Whether an ID number is on file in any township: a township account that cannot
        # see the member must still learn why its save is refused (the number is unique
        # county-wide), and nothing more. PL/pgSQL: the member table may come later.
        """CREATE OR REPLACE FUNCTION dahe_id_number_taken(wanted text) RETURNS boolean
            LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
            AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM member WHERE id_number = wanted); END $$""",
        # Whoever installs the policies (the tables' owner, who runs the migrations) is bound
        # by them too (FORCE): it is a county account.
        f"INSERT INTO {ACCOUNTS} (role, township_id) VALUES (current_user, NULL) ON CONFLICT (role) DO NOTHING",
    ]


def _policy_sql(policy: TablePolicy) -> list[str]:
    # A row a township account adds (a branch the window or an import makes, which names
    # no township) is its own township's; a county clerk's names none (NULL) unless given.
    owned = [f"ALTER TABLE {policy.table} ALTER COLUMN {TOWNSHIP_COLUMN} SET DEFAULT dahe_township(current_user)"]
    return [
        *(owned if policy.owned else []),
        f"ALTER TABLE {policy.table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {policy.table} FORCE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS {POLICY} ON {policy.table}",
        f"CREATE POLICY {POLICY} ON {policy.table} FOR ALL USING ({policy.expression}) WITH CHECK ({policy.expression})",
    ]


def id_number_taken(db: peewee.Database, id_number: str) -> bool:
    """Whether any township's member has this ID number, seen or not by this login."""
    if db.execute_sql("SELECT to_regprocedure('dahe_id_number_taken(text)')").fetchone()[0] is None:
        return False
    return bool(db.execute_sql("SELECT dahe_id_number_taken(%s)", (id_number,)).fetchone()[0])


def account_township(db: peewee.Database) -> int | None:
    """The township this login belongs to; None for a county clerk, an unmapped login, or
    a server without the accounts set up (a bare database: everyone sees everything)."""
    if db.execute_sql("SELECT to_regprocedure('dahe_township(name)')").fetchone()[0] is None:
        return None
    return db.execute_sql("SELECT dahe_township(current_user)").fetchone()[0]


def _models(models: Sequence[type[peewee.Model]] | None) -> Sequence[type[peewee.Model]]:
    if models is not None:
        return models
    from db.models import ALL_MODELS

    return ALL_MODELS


def fingerprint(models: Sequence[type[peewee.Model]] | None = None) -> str:
    """What the installed policies and grants were made from: a new table changes it."""
    models = _models(models)
    text = "\n".join([*_setup_sql(), *(s for p in derive(models) for s in _policy_sql(p)),
                      *sorted(_table(m) for m in models)])
    return hashlib.sha256(text.encode()).hexdigest()


def needs_install(db: peewee.Database, models: Sequence[type[peewee.Model]] | None = None) -> bool:
    """Whether the policies on the server are not (or no longer) the ones the models ask for."""
    if STATE not in db.get_tables():
        return True
    try:
        with db.atomic():
            row = db.execute_sql(f"SELECT fingerprint FROM {STATE}").fetchone()
    except peewee.ProgrammingError:  # a township account may not read it: it cannot install either
        return False
    return row is None or row[0] != fingerprint(models)


def install(db: peewee.Database, models: Sequence[type[peewee.Model]] | None = None) -> list[TablePolicy]:
    """Create the accounts table, the two functions and every derived policy, in one
    transaction (run by the tables' owner after the migrations)."""
    models = _models(models)
    policies = derive(models)
    with db.atomic():
        for statement in _setup_sql():
            db.execute_sql(statement)
        for policy in policies:
            for statement in _policy_sql(policy):
                db.execute_sql(statement)
        schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
        accounts = db.execute_sql(f"SELECT role, township_id FROM {ACCOUNTS} WHERE role <> current_user").fetchall()
        for role, township in accounts:  # tables added since: every account's grants again
            for statement in _grant_sql(role, models, township is None, schema):
                db.execute_sql(statement)
        db.execute_sql(f"DELETE FROM {STATE}")
        db.execute_sql(f"INSERT INTO {STATE} (fingerprint) VALUES (%s)", (fingerprint(models),))
    return policies


def unprotected(db: peewee.Database, models: Sequence[type[peewee.Model]] | None = None) -> list[str]:
    """The township-owned tables the server does not protect (no RLS, not forced, or no
    policy): empty after `install`."""
    rows = db.execute_sql(
        "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, "
        "EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = %s) "
        "FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = to_regnamespace(current_schema())::oid",
        (POLICY,),
    ).fetchall()
    safe = {name for name, enabled, forced, has_policy in rows if enabled and forced and has_policy}
    return sorted(p.table for p in derive(_models(models)) if p.table not in safe)


_REFUSALS = (re.compile(r"permission denied for (?:table|relation|sequence) (\w+)"),
             re.compile(r"row-level security policy for table \"?(\w+)\"?"))


def refused_table(error: BaseException | None) -> str | None:
    """The table the server refused this account (no grant, or another township's row),
    looking through the error's cause; None for any other error."""
    seen = 0
    while error is not None and seen < 8:
        if isinstance(error, peewee.DatabaseError) or type(error).__module__.startswith("psycopg"):
            for pattern in _REFUSALS:
                found = pattern.search(str(error))
                if found:
                    return found.group(1)
        error = error.__cause__ or error.__context__
        seen += 1
    return None


# ---- accounts -----------------------------------------------------------------------
def _role(role: str) -> str:
    if not ROLE_NAME.match(role):
        raise SecurityError(f"账户名 {role} 不合适：只用小写字母、数字和下划线，以字母开头")
    return f'"{role}"'


def _grant_sql(role: str, models: Sequence[type[peewee.Model]], county: bool, schema: str) -> list[str]:
    quoted = _role(role)
    tables = [_table(m) for m in models]
    statements = [f'REVOKE ALL ON ALL TABLES IN SCHEMA "{schema}" FROM {quoted}',
                  f'GRANT USAGE ON SCHEMA "{schema}" TO {quoted}',
                  f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO {quoted}']
    if county:
        statements.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(tables)} TO {quoted}")
        return statements
    owned = {p.table for p in derive(models)}
    mine = [t for t in tables if t in owned]
    if mine:
        statements.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(mine)} TO {quoted}")
    statements += [f"GRANT {SHARED[t][0]} ON {t} TO {quoted}" for t in tables if t in SHARED]
    return statements


def _ensure_role(db: peewee.Database, role: str) -> bool:
    """Create the login role when missing; True when it was created (it has no password yet)."""
    exists = db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    if exists:
        return False
    db.execute_sql(f"CREATE ROLE {_role(role)} LOGIN")
    return True


def _bypass(db: peewee.Database, role: str, county: bool) -> None:
    """A county clerk skips the policies altogether (BYPASSRLS: the same rows, without
    testing each one); a township account must not. Setting it takes a superuser;
    without one a clerk goes through the policies, which let it see every row anyway."""
    superuser, = db.execute_sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
    bypasses, = db.execute_sql("SELECT rolbypassrls FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    if superuser and bypasses != county:
        db.execute_sql(f"ALTER ROLE {_role(role)} {'BYPASSRLS' if county else 'NOBYPASSRLS'}")
    elif bypasses and not county:
        raise SecurityError(f"账户 {role} 不受行级安全限制（BYPASSRLS），不能作为乡镇账户：请服务器管理员先取消该属性")


def township_id(db: peewee.Database, code: str) -> int:
    if TOWNSHIP_TABLE not in db.get_tables():
        raise SecurityError("服务器上还没有乡镇表：请先升级服务器上的数据")
    row = db.execute_sql(f"SELECT id FROM {TOWNSHIP_TABLE} WHERE code = %s", (code,)).fetchone()
    if row is None:
        raise SecurityError(f"没有编码为 {code} 的乡镇：请核对乡镇编码")
    return row[0]


def add_account(db: peewee.Database, role: str, township: int | None,
                models: Sequence[type[peewee.Model]] | None = None) -> bool:
    """Map `role` to a township (None: a county clerk) and grant what that account needs.
    Creates the login role when it is missing (returns True: its password is still to set)."""
    models = _models(models)
    _role(role)
    with db.atomic():
        created = _ensure_role(db, role)
        _bypass(db, role, township is None)
        schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
        for statement in _grant_sql(role, models, township is None, schema):
            db.execute_sql(statement)
        db.execute_sql(
            f"INSERT INTO {ACCOUNTS} (role, township_id) VALUES (%s, %s) "
            "ON CONFLICT (role) DO UPDATE SET township_id = EXCLUDED.township_id",
            (role, township),
        )
    return created


def who_am_i(db: peewee.Database) -> tuple[str, str | None, str]:
    """(login role, township code or None for a county account, township name)."""
    role, superuser = db.execute_sql("SELECT current_user, usesuper FROM pg_user WHERE usename = current_user").fetchone()
    township = db.execute_sql("SELECT dahe_township(current_user), dahe_sees_all(current_user)").fetchone()
    if superuser or township[1]:
        return role, None, ""
    if township[0] is None:
        raise SecurityError(f"服务器账户 {role} 还没有登记为县级或乡镇账户：请服务器管理员用 county add-clerk 或 county add-account 登记")
    if TOWNSHIP_TABLE in db.get_tables():
        row = db.execute_sql(f"SELECT code, name FROM {TOWNSHIP_TABLE} WHERE id = %s", (township[0],)).fetchone()
        if row is not None:
            return role, row[0], row[1]
    return role, str(township[0]), ""
