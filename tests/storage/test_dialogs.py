"""Dialog sessions: one open per user, compare-and-set saves, privacy of stored names."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from storage import (
    Database,
    DialogAlreadyOpen,
    DialogClosed,
    DialogSession,
    DialogStatus,
    StaleDialog,
)
from tests.storage.samples import (
    NOW,
    TEAM,
    meet,
    new_dialog,
    race_barrier,
    recorded_decision,
    state_at,
)

LATER = NOW + timedelta(minutes=1)


async def test_a_new_dialog_is_open_and_found_again(database: Database) -> None:
    dialog = await new_dialog(database, "U1")
    async with database.transaction() as tx:
        assert await tx.dialogs.open_for(TEAM, "U1") == dialog
        assert await tx.dialogs.get(dialog.id or 0) == dialog
        assert await tx.dialogs.open_for(TEAM, "U2") is None
        assert await tx.dialogs.open_for("T0OTHER", "U1") is None
        assert await tx.dialogs.get(999) is None
    assert (dialog.status, dialog.revision, dialog.known_identifiers) == (
        DialogStatus.ACTIVE,
        1,
        [],
    )


async def test_a_user_cannot_open_a_second_dialog(database: Database) -> None:
    await new_dialog(database, "U1")
    with pytest.raises(DialogAlreadyOpen):
        await new_dialog(database, "U1")


async def test_abandoning_then_creating_in_one_transaction_starts_afresh(
    database: Database,
) -> None:
    first = await new_dialog(database, "U1")
    async with database.transaction() as tx:
        old = await tx.dialogs.open_for(TEAM, "U1")
        assert old is not None
        old.status = DialogStatus.ABANDONED
        await tx.dialogs.save(old, LATER)
        fresh = await tx.dialogs.create(TEAM, "U1", "dfes-2006", 1, state_at("purpose"), LATER)
    async with database.transaction() as tx:
        assert await tx.dialogs.open_for(TEAM, "U1") == fresh
        gone = await tx.dialogs.get(first.id or 0)
    assert gone is not None and gone.status == DialogStatus.ABANDONED
    assert fresh.id != first.id


async def test_the_database_itself_refuses_a_second_open_dialog(database: Database) -> None:
    dialog = await new_dialog(database, "U1")
    copy_row = text(
        "INSERT INTO dialog_session (team_id, user_id, flow_id, flow_version, state, status,"
        " known_identifiers, revision, created_at, updated_at)"
        " SELECT team_id, user_id, flow_id, flow_version, state, :status, known_identifiers,"
        " 1, created_at, updated_at FROM dialog_session WHERE id = :id"
    )
    async with database.engine.begin() as connection:
        await connection.execute(copy_row, {"status": "recorded", "id": dialog.id})
    with pytest.raises(IntegrityError):
        async with database.engine.begin() as connection:
            await connection.execute(copy_row, {"status": "paused", "id": dialog.id})


async def test_concurrent_starts_open_one_dialog(database: Database) -> None:
    barrier = race_barrier(database, 2)

    async def start() -> DialogSession:
        async with database.transaction() as tx:
            await tx.dialogs.open_for(TEAM, "U1")  # both under way before either creates
            await meet(barrier)
            return await tx.dialogs.create(TEAM, "U1", "hm-gov-2018", 1, state_at("a"), NOW)

    results = await asyncio.gather(start(), start(), return_exceptions=True)
    assert sorted(type(result).__name__ for result in results) == [
        "DialogAlreadyOpen",
        "DialogSession",
    ]
    if barrier is not None:
        # Both passed the check in code; the partial unique index stopped the second.
        loser = next(result for result in results if isinstance(result, DialogAlreadyOpen))
        assert isinstance(loser.__cause__, IntegrityError)


async def test_concurrent_saves_one_wins_the_other_is_stale(database: Database) -> None:
    dialog = await new_dialog(database, "U1")
    barrier = race_barrier(database, 2)

    async def click(node: str) -> str:
        # On PostgreSQL both read the same revision inside their own transactions; on
        # SQLite the reads are serialised, so each click starts from the first snapshot.
        async with database.transaction() as tx:
            seen = await tx.dialogs.get(dialog.id or 0) if barrier else dialog.model_copy()
            assert seen is not None and seen.revision == 1
            await meet(barrier)
            seen.state = state_at(node)
            await tx.dialogs.save(seen, LATER)
            return node

    results = await asyncio.gather(click("yes"), click("no"), return_exceptions=True)
    winners = [result for result in results if isinstance(result, str)]
    assert len(winners) == 1
    assert sum(isinstance(result, StaleDialog) for result in results) == 1
    async with database.transaction() as tx:
        stored = await tx.dialogs.get(dialog.id or 0)
    assert stored is not None
    assert (stored.revision, stored.state, stored.updated_at) == (2, state_at(winners[0]), LATER)


async def test_save_bumps_revision_and_stale_copy_is_refused(database: Database) -> None:
    dialog = await new_dialog(database, "U1")
    stale = dialog.model_copy()
    async with database.transaction() as tx:
        dialog.known_identifiers = ["ab" * 16]
        dialog.draft = {"reasons": "[PERSON-1] at risk"}
        await tx.dialogs.save(dialog, LATER)
    assert dialog.revision == 2
    with pytest.raises(StaleDialog):
        async with database.transaction() as tx:
            await tx.dialogs.save(stale, LATER)
    async with database.transaction() as tx:
        assert await tx.dialogs.get(dialog.id or 0) == dialog


async def test_marking_where_a_step_is_shown_keeps_the_revision_and_no_save_undoes_it(
    database: Database,
) -> None:
    dialog = await new_dialog(database, "U1")
    drafting = dialog.model_copy()  # an action in flight read the dialog before the mark
    async with database.transaction() as tx:
        assert await tx.dialogs.mark_shown(dialog, "D0DM", "1700000000.000100")
    assert dialog.revision == 1
    async with database.transaction() as tx:
        drafting.draft = {"reasons": "[PERSON-1] at risk"}
        await tx.dialogs.save(drafting, LATER)  # not refused: marking the step is no change
    async with database.transaction() as tx:
        stored = await tx.dialogs.get(dialog.id or 0)
        assert stored is not None
        assert (stored.channel_id, stored.message_ts) == ("D0DM", "1700000000.000100")
        assert stored.draft == drafting.draft
        # A copy read before the save is at an old revision: it marks nothing.
        assert not await tx.dialogs.mark_shown(dialog, "D0DM", "1700000000.000200")


async def test_a_stale_save_leaves_the_rest_of_the_transaction_undone(
    database: Database,
) -> None:
    dialog = await new_dialog(database, "U1")
    stale = dialog.model_copy()
    async with database.transaction() as tx:
        await tx.dialogs.save(dialog, LATER)
    with pytest.raises(StaleDialog):
        async with database.transaction() as tx:
            assert await tx.deliveries.claim("ev-1", NOW)
            await tx.dialogs.save(stale, LATER)
    async with database.transaction() as tx:
        assert await tx.deliveries.claim("ev-1", NOW)


async def test_an_ended_dialog_cannot_be_saved_or_reopened(database: Database) -> None:
    decision = await recorded_decision(database, "U1")
    async with database.transaction() as tx:
        dialog = await tx.dialogs.get(decision.dialog_id)
    assert dialog is not None and dialog.status == DialogStatus.RECORDED
    dialog.status = DialogStatus.ACTIVE
    with pytest.raises(StaleDialog):
        async with database.transaction() as tx:
            await tx.dialogs.save(dialog, LATER)
    dialog.status = DialogStatus.RECORDED
    with pytest.raises(DialogClosed):
        async with database.transaction() as tx:
            await tx.decisions.record(dialog, "share", [], {}, "G0AUDIT", LATER)


@pytest.mark.parametrize("name", ["Jane Smith", "AB" * 16, "ab12", 42])
async def test_known_identifiers_must_be_digests_not_names(
    database: Database, name: object
) -> None:
    dialog = await new_dialog(database, "U1")
    dialog.known_identifiers = ["cd" * 16, name]  # type: ignore[list-item]
    with pytest.raises(ValueError, match="digests") as raised:
        async with database.transaction() as tx:
            await tx.dialogs.save(dialog, LATER)
    assert "Jane" not in str(raised.value)


async def test_naive_timestamps_are_refused(database: Database) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        await new_dialog(database, "U1", now=NOW.replace(tzinfo=None))
