"""Applying the Alembic migrations shipped in storage/migrations, configured in code."""

from __future__ import annotations

import asyncio
import weakref
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).parent / "migrations"

# Any fixed number: replicas starting at once queue on it instead of racing the DDL.
MIGRATION_LOCK_KEY = 0x1F05_4A3E


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
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


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
