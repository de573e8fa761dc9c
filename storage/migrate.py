"""Applying the Alembic migrations shipped in storage/migrations, configured in code.

``python -m storage.migrate`` upgrades the database at $DATABASE_URL and exits: the way to
upgrade with the migration role when the bot runs as a role that may not change the schema.
"""

from __future__ import annotations

import asyncio
import os
import weakref
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.errors import SchemaNotMigrated

MIGRATIONS = Path(__file__).parent / "migrations"

# Any fixed number: replicas starting at once queue on it instead of racing the DDL.
MIGRATION_LOCK_KEY = 0x1F05_4A3E
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for "permission denied"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _upgrade(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        # Held until this transaction ends; a second replica waits, then finds the
        # schema at head and has nothing to do. (SQLite: BEGIN IMMEDIATE serialises.)
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    found, needed = current_revision(connection), head_revision()
    if found == needed:
        return  # nothing to do, so a runtime role that may not run DDL starts too
    config = alembic_config()
    config.attributes["connection"] = connection
    try:
        command.upgrade(config, "head")
    except DBAPIError as error:
        if _sqlstate(error) == INSUFFICIENT_PRIVILEGE:
            raise SchemaNotMigrated(found, needed) from error
        raise


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
