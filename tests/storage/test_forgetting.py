"""An ended dialog forgets: recorded or abandoned, its name digests and draft are gone in the
same write, whoever ends it; and Slack delivery keys are pruned after a day."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from storage import Database, DialogSession, DialogStatus
from tests.storage.samples import (
    AUDIT_CHANNEL,
    FIELDS,
    NOW,
    PATH,
    dialog_at_outcome,
    migrate_to,
)

DIGESTS = ["a1" * 32, "b2" * 32]
DRAFT = {"reasons": "Concern for welfare of [NAME]"}


async def dialog_with_memory(database: Database, user: str) -> DialogSession:
    dialog = await dialog_at_outcome(database, user)
    dialog.known_identifiers, dialog.draft = list(DIGESTS), dict(DRAFT)
    async with database.transaction() as tx:
        await tx.dialogs.save(dialog, NOW)
    return dialog


async def stored_memory(database: Database, dialog_id: int | None) -> tuple[object, object]:
    async with database.transaction() as tx:
        stored = await tx.dialogs.get(dialog_id or 0)
    assert stored is not None
    return stored.known_identifiers, stored.draft


async def test_an_open_dialog_keeps_its_memory(database: Database) -> None:
    dialog = await dialog_with_memory(database, "U1")
    dialog.status = DialogStatus.PAUSED
    async with database.transaction() as tx:
        await tx.dialogs.save(dialog, NOW)
    assert await stored_memory(database, dialog.id) == (DIGESTS, DRAFT)


async def test_recording_forgets_the_names_and_the_draft(database: Database) -> None:
    dialog = await dialog_with_memory(database, "U1")
    async with database.transaction() as tx:
        await tx.decisions.record(dialog, "share", PATH, FIELDS, AUDIT_CHANNEL, NOW)
    assert await stored_memory(database, dialog.id) == ([], None)
    assert (dialog.known_identifiers, dialog.draft) == ([], None)


async def test_abandoning_forgets_the_names_and_the_draft(database: Database) -> None:
    dialog = await dialog_with_memory(database, "U1")
    dialog.status = DialogStatus.ABANDONED
    async with database.transaction() as tx:
        await tx.dialogs.save(dialog, NOW)
    assert await stored_memory(database, dialog.id) == ([], None)
    assert (dialog.known_identifiers, dialog.draft) == ([], None)


async def test_the_upgrade_forgets_dialogs_that_ended_before_it(database: Database) -> None:
    ended = await dialog_with_memory(database, "U1")
    still_open = await dialog_with_memory(database, "U2")
    async with database.engine.begin() as connection:
        await connection.run_sync(migrate_to, "0001", down=True)
        # As an older version of the bot left it: recorded, with its memory still on the row.
        await connection.execute(
            text("UPDATE dialog_session SET status = 'recorded' WHERE id = :id"),
            {"id": ended.id},
        )
        await connection.run_sync(migrate_to, "head")
    assert await stored_memory(database, ended.id) == ([], None)
    assert await stored_memory(database, still_open.id) == (DIGESTS, DRAFT)


async def test_delivery_keys_are_pruned_after_a_day(database: Database) -> None:
    async with database.transaction() as tx:
        assert await tx.deliveries.claim("old", NOW - timedelta(days=1, seconds=1))
        assert await tx.deliveries.claim("recent", NOW - timedelta(hours=23))
    async with database.transaction() as tx:
        assert await tx.deliveries.prune(NOW) == 1
    async with database.transaction() as tx:
        assert await tx.deliveries.prune(NOW) == 0
        assert not await tx.deliveries.claim("recent", NOW)
        assert await tx.deliveries.claim("old", NOW)  # forgotten, so new again
