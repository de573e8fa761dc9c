"""Sample data and small scenario steps shared by the storage tests."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from alembic import command
from sqlalchemy.engine import Connection

from storage import Database, Decision, DialogSession, DialogStatus
from storage.migrate import alembic_config

NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
TEAM = "T0TEAM"
AUDIT_CHANNEL = "G0AUDIT"
PATH = [["purpose", "yes"], ["identifiable", "yes"], ["confidential", "no"]]
FIELDS = {"reasons": "Concern for welfare of [PERSON-1]", "shared_with": "school nurse"}


def state_at(node: str) -> dict[str, Any]:
    return {"flow": "hm-gov-2018", "version": 1, "node": node, "answers": []}


async def new_dialog(database: Database, user_id: str, now: datetime = NOW) -> DialogSession:
    async with database.transaction() as tx:
        return await tx.dialogs.create(TEAM, user_id, "hm-gov-2018", 1, state_at("purpose"), now)


async def dialog_at_outcome(database: Database, user_id: str) -> DialogSession:
    dialog = await new_dialog(database, user_id)
    async with database.transaction() as tx:
        dialog.status = DialogStatus.OUTCOME
        dialog.state = state_at("share")
        await tx.dialogs.save(dialog, NOW)
    return dialog


async def recorded_decision(database: Database, user_id: str, now: datetime = NOW) -> Decision:
    dialog = await dialog_at_outcome(database, user_id)
    async with database.transaction() as tx:
        return await tx.decisions.record(dialog, "share", PATH, FIELDS, AUDIT_CHANNEL, now)


def race_barrier(database: Database, parties: int) -> asyncio.Barrier | None:
    """On PostgreSQL, racing transactions can all be mid-flight at one point; on SQLite,
    BEGIN IMMEDIATE serialises them, so waiting for each other there would deadlock."""
    return asyncio.Barrier(parties) if database.dialect == "postgresql" else None


async def meet(barrier: asyncio.Barrier | None) -> None:
    if barrier is not None:
        await barrier.wait()


def migrate_to(connection: Connection, target: str, *, down: bool = False) -> None:
    """Run the migrations up (or down) to ``target`` on an open connection."""
    config = alembic_config()
    config.attributes["connection"] = connection
    (command.downgrade if down else command.upgrade)(config, target)
