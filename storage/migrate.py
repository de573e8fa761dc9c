"""Applying the Alembic migrations shipped in storage/migrations, configured in code.

``python -m storage.migrate`` upgrades the database at $DATABASE_URL and exits: the way to
upgrade with the migration role when the bot runs as a role that may not change the schema.

Alembic is imported only when there is something to do: importing it brings in Mako and
Pygments, about 9 MB a server would keep for nothing once the schema is at the head. A start
on a database already at the head reads the recorded revision with one query and the head
from the migration files' ``revision`` and ``down_revision`` (``shipped_head``; a test checks
it is Alembic's head).
"""

from __future__ import annotations

import ast
import asyncio
import os
import weakref
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.errors import SchemaNotMigrated

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"  # Alembic's default, which env.py keeps

# Any fixed number: replicas starting at once queue on it instead of racing the DDL.
MIGRATION_LOCK_KEY = 0x1F05_4A3E
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for "permission denied"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _upgrade(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        # Held until this transaction ends; a second replica waits, then finds the
        # schema at head and has nothing to do. (SQLite: BEGIN IMMEDIATE serialises.)
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    if _recorded_revision(connection) == shipped_head() is not None:
        return  # at the head: nothing to do, and no need to import Alembic
    found, needed = current_revision(connection), head_revision()
    if found == needed:
        return  # nothing to do, so a runtime role that may not run DDL starts too
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    try:
        command.upgrade(config, "head")
    except DBAPIError as error:
        if _sqlstate(error) == INSUFFICIENT_PRIVILEGE:
            raise SchemaNotMigrated(found, needed) from error
        raise


def _recorded_revision(connection: Connection) -> str | None:
    """The revision the database records, when it records exactly one."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
    return str(rows[0][0]) if len(rows) == 1 else None


@cache
def shipped_head() -> str | None:
    """The one revision of storage/migrations/versions no other revision follows, read from the
    files' ``revision`` and ``down_revision`` assignments; None when any file says more than
    that (several parents, branch labels, dependencies) or there is not exactly one head:
    then Alembic decides."""
    follows: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        values = _module_constants(path)
        revision, parent = values.get("revision"), values.get("down_revision")
        if not isinstance(revision, str) or not (parent is None or isinstance(parent, str)):
            return None
        if any(values.get(name) is not None for name in ("branch_labels", "depends_on")):
            return None
        follows[revision] = parent
    heads = set(follows) - set(follows.values())
    return heads.pop() if len(heads) == 1 else None


def _module_constants(path: Path) -> dict[str, object]:
    """The module-level names of a migration file assigned a literal (``x = "0001"``,
    ``x: str | None = None``)."""
    constants: dict[str, object] = {}
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name):
            try:
                constants[target.id] = ast.literal_eval(value)
            except ValueError:
                constants[target.id] = value  # not a literal: not a revision either
    return constants


def _sqlstate(error: DBAPIError) -> str | None:
    code = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    return code if isinstance(code, str) else None


# Alembic keeps its migration context in module globals, so two upgrades interleaving
# in one event loop (two Database.connect calls gathered, as tests do) would trample each
# other before the database lock is reached. One at a time per loop; the database lock
# still orders separate processes.
_upgrades_in_this_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


async def upgrade_to_head(engine: AsyncEngine) -> None:
    loop = asyncio.get_running_loop()
    async with (
        _upgrades_in_this_loop.setdefault(loop, asyncio.Lock()),
        engine.begin() as connection,
    ):
        await connection.run_sync(_upgrade)


async def _upgrade_database_in_environment() -> None:
    from storage.database import Database

    database = await Database.connect(os.environ.get("DATABASE_URL") or None)
    await database.close()
    print(f"database schema at revision {head_revision()}")


if __name__ == "__main__":
    asyncio.run(_upgrade_database_in_environment())
