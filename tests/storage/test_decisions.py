"""The decision log: references, recording, reading back, and no way to change one."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from storage import Database, Decision, DialogClosed, DialogStatus, StaleDialog, Tx
from storage.decisions import DecisionLog
from storage.purge import DecisionPurges
from tests.storage.samples import (
    AUDIT_CHANNEL,
    FIELDS,
    NOW,
    PATH,
    TEAM,
    dialog_at_outcome,
    meet,
    race_barrier,
    recorded_decision,
)


async def test_recording_writes_decision_outbox_row_and_ends_the_dialog(
    database: Database,
) -> None:
    dialog = await dialog_at_outcome(database, "U1")
    dialog.draft = {"reasons": "[PERSON-1] at risk"}
    async with database.transaction() as tx:
        decision = await tx.decisions.record(
            dialog, "share", [("purpose", "yes")], FIELDS, AUDIT_CHANNEL, NOW
        )
    assert decision.reference == "IS-2026-0001"
    assert (decision.dialog_id, decision.team_id, decision.user_id) == (dialog.id, TEAM, "U1")
    assert (decision.flow_id, decision.flow_version, decision.outcome) == (
        "hm-gov-2018",
        1,
        "share",
    )
    assert (decision.path, decision.fields, decision.created_at) == (
        [["purpose", "yes"]],
        FIELDS,
        NOW,
    )
    assert (dialog.status, dialog.draft, dialog.revision) == (DialogStatus.RECORDED, None, 3)
    async with database.transaction() as tx:
        assert await tx.dialogs.open_for(TEAM, "U1") is None
        stored = await tx.dialogs.get(dialog.id or 0)
        assert stored == dialog
        assert await tx.decisions.by_reference("is-2026-0001") == decision
        assert await tx.outbox.pending_count() == 1
        [(row, posted)] = await tx.outbox.claim_due("w1", NOW)
    assert (row.decision_id, row.channel_id, row.attempts) == (decision.id, AUDIT_CHANNEL, 0)
    assert posted == decision


async def test_a_double_submit_records_one_decision(database: Database) -> None:
    dialog = await dialog_at_outcome(database, "U1")
    barrier = race_barrier(database, 2)

    async def submit() -> Decision:
        async with database.transaction() as tx:
            seen = await tx.dialogs.get(dialog.id or 0) if barrier else dialog.model_copy()
            assert seen is not None
            await meet(barrier)
            return await tx.decisions.record(seen, "share", PATH, FIELDS, AUDIT_CHANNEL, NOW)

    results = await asyncio.gather(submit(), submit(), return_exceptions=True)
    assert sum(isinstance(result, Decision) for result in results) == 1
    assert sum(isinstance(result, StaleDialog) for result in results) == 1
    async with database.transaction() as tx:
        assert len(await tx.decisions.for_user(TEAM, "U1")) == 1
        assert await tx.outbox.pending_count() == 1
    assert (await recorded_decision(database, "U2")).reference == "IS-2026-0002"


async def test_a_rolled_back_recording_gives_its_reference_back(database: Database) -> None:
    dialog = await dialog_at_outcome(database, "U1")
    with pytest.raises(RuntimeError):
        async with database.transaction() as tx:
            taken = await tx.decisions.record(dialog, "share", PATH, FIELDS, AUDIT_CHANNEL, NOW)
            assert taken.reference == "IS-2026-0001"
            raise RuntimeError("the confirmation could not be sent")
    assert (await recorded_decision(database, "U2")).reference == "IS-2026-0001"
    async with database.transaction() as tx:
        assert await tx.outbox.pending_count() == 1


async def test_a_recorded_dialog_cannot_record_again(database: Database) -> None:
    dialog = await dialog_at_outcome(database, "U1")
    async with database.transaction() as tx:
        await tx.decisions.record(dialog, "share", PATH, FIELDS, AUDIT_CHANNEL, NOW)
    with pytest.raises(DialogClosed):
        async with database.transaction() as tx:
            await tx.decisions.record(dialog, "share", PATH, FIELDS, AUDIT_CHANNEL, NOW)


async def test_concurrent_recordings_get_unique_consecutive_references(
    database_url: str,
) -> None:
    # Two replicas on the same database, eight practitioners submitting at once.
    replicas = [await Database.connect(database_url) for _ in range(2)]
    try:
        dialogs = [await dialog_at_outcome(replicas[0], f"U{n}") for n in range(8)]
        barrier = race_barrier(replicas[0], len(dialogs))

        async def submit(index: int) -> str:
            async with replicas[index % 2].transaction() as tx:
                dialog = await tx.dialogs.get(dialogs[index].id or 0)
                assert dialog is not None
                await meet(barrier)
                decision = await tx.decisions.record(
                    dialog, "share", PATH, FIELDS, AUDIT_CHANNEL, NOW
                )
                return decision.reference

        references = await asyncio.gather(*(submit(index) for index in range(len(dialogs))))
    finally:
        for replica in replicas:
            await replica.close()
    assert sorted(references) == [f"IS-2026-{number:04d}" for number in range(1, 9)]


async def test_references_restart_each_year(database: Database) -> None:
    late = datetime(2026, 12, 31, 23, 59, tzinfo=UTC)
    early = datetime(2027, 1, 1, 0, 1, tzinfo=UTC)
    assert (await recorded_decision(database, "U1", late)).reference == "IS-2026-0001"
    assert (await recorded_decision(database, "U2", early)).reference == "IS-2027-0001"
    assert (await recorded_decision(database, "U3", late)).reference == "IS-2026-0002"


async def test_decisions_for_user_newest_first_and_limited(database: Database) -> None:
    for day in (1, 3, 2):
        await recorded_decision(database, "U1", datetime(2026, 5, day, tzinfo=UTC))
    await recorded_decision(database, "U2")
    async with database.transaction() as tx:
        mine = await tx.decisions.for_user(TEAM, "U1")
        latest = await tx.decisions.for_user(TEAM, "U1", limit=1)
        assert await tx.decisions.for_user("T0OTHER", "U1") == []
        assert await tx.decisions.by_reference("IS-2026-9999") is None
    assert [decision.created_at.day for decision in mine] == [3, 2, 1]
    assert latest == mine[:1]


def test_the_api_has_no_way_to_change_a_decision() -> None:
    def public(repository: type) -> set[str]:
        return {name for name in dir(repository) if name[0] != "_"}

    assert public(DecisionLog) == {"record", "for_user", "by_reference"}
    # the one way to delete, logged (tests/storage/test_purge.py)
    assert public(DecisionPurges) == {"purge", "due", "all"}  # `due` only counts
    assert {"decisions", "purges"} <= set(vars(Tx(None, "sqlite")))  # type: ignore[arg-type]


async def test_the_database_refuses_to_update_a_decision(database: Database) -> None:
    decision = await recorded_decision(database, "U1")
    with pytest.raises(DBAPIError):
        async with database.engine.begin() as connection:
            await connection.execute(
                text("UPDATE decision SET outcome = 'do_not_share' WHERE id = :id"),
                {"id": decision.id},
            )
    async with database.transaction() as tx:
        assert await tx.decisions.by_reference(decision.reference) == decision


async def test_a_malformed_path_is_refused(database: Database) -> None:
    dialog = await dialog_at_outcome(database, "U1")
    with pytest.raises(ValueError, match="pairs"):
        async with database.transaction() as tx:
            await tx.decisions.record(dialog, "share", [["purpose"]], FIELDS, AUDIT_CHANNEL, NOW)
    assert dialog.status == DialogStatus.OUTCOME
