"""The hash chain over decisions and reviews: verified untouched, after concurrent appends,
after a purge and after an upgrade; broken, and named, when someone with database access
drops the guard triggers and edits or deletes a row."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from storage import Database, Decision, ReviewKind
from storage.chain import GENESIS
from storage.verify import verify_chain
from tests.storage.samples import NOW, migrate_to, recorded_decision

SUPERVISOR = "U0SUPER"
LATER = NOW + timedelta(days=1)


async def run_sql(database: Database, *statements: str, **params: Any) -> None:
    """Raw statements in one transaction, as an operator with a SQL shell would."""
    async with database.engine.begin() as connection:
        for statement in statements:
            await connection.execute(text(statement), params)


def drop_trigger(database: Database, name: str, table: str) -> str:
    if database.dialect == "postgresql":
        return f"DROP TRIGGER {name} ON {table}"
    return f"DROP TRIGGER {name}"


async def some_records(database: Database, count: int = 4) -> list[Decision]:
    decisions = []
    for number in range(count):
        decision = await recorded_decision(database, f"U{number}", NOW + timedelta(minutes=number))
        assert decision.id is not None
        async with database.transaction() as tx:
            await tx.reviews.add(
                decision.id, ReviewKind.COMMENT, SUPERVISOR, f"c{number}", "Seen", NOW
            )
        decisions.append(decision)
    return decisions


async def test_an_empty_and_an_untouched_chain_verify(database: Database) -> None:
    empty = await verify_chain(database)
    assert empty.intact and empty.checked == 0 and empty.head_hash == GENESIS
    await some_records(database)
    verdict = await verify_chain(database)
    assert verdict.problem is None
    assert verdict.checked == verdict.head_seq == 8
    async with database.transaction() as tx:
        assert (await tx.chain_head()).hash == verdict.head_hash != GENESIS


async def test_an_edited_decision_is_named(database: Database) -> None:
    decisions = await some_records(database)
    target = decisions[1]
    await run_sql(
        database,
        drop_trigger(database, "decision_append_only", "decision"),
        "UPDATE decision SET outcome = 'do_not_share' WHERE id = :id",
        id=target.id,
    )
    verdict = await verify_chain(database)
    assert verdict.problem is not None
    assert f"decision {target.reference}" in verdict.problem
    assert "contents do not match" in verdict.problem


async def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(database: Database) -> None:
    decisions = await some_records(database)
    target = decisions[1]
    await run_sql(
        database,
        drop_trigger(database, "decision_append_only", "decision"),
        "UPDATE decision SET row_hash = :forged WHERE id = :id",
        id=target.id,
        forged="f" * 64,
    )
    verdict = await verify_chain(database)
    assert verdict.problem is not None
    assert f"decision {target.reference}" in verdict.problem


async def test_a_deleted_decision_is_named(database: Database) -> None:
    decisions = await some_records(database)
    target = decisions[2]
    await run_sql(
        database,
        drop_trigger(database, "decision_delete_only_by_purge", "decision"),
        drop_trigger(database, "review_delete_only_by_purge", "review"),
        "DELETE FROM audit_outbox WHERE decision_id = :id",
        "DELETE FROM review WHERE decision_id = :id",
        "DELETE FROM decision WHERE id = :id",
        id=target.id,
    )
    verdict = await verify_chain(database)
    assert verdict.problem is not None
    assert "seq 5 to 6 are missing" in verdict.problem  # the decision and its comment
    assert f"decision {decisions[3].reference}" in verdict.problem  # the next one present


async def test_deleting_the_newest_record_is_noticed(database: Database) -> None:
    await some_records(database, 2)
    await run_sql(
        database,
        drop_trigger(database, "review_delete_only_by_purge", "review"),
        "DELETE FROM review WHERE chain_seq = 4",
    )
    verdict = await verify_chain(database)
    assert verdict.problem is not None and "seq 4 is missing" in verdict.problem


async def test_the_chain_verifies_after_purges_and_later_appends(database: Database) -> None:
    decisions = await some_records(database)
    old = decisions[0]
    assert old.id is not None
    async with database.transaction() as tx:  # a late review of an old decision
        await tx.reviews.add(old.id, ReviewKind.REVIEWED, SUPERVISOR, "late", None, NOW)
    async with database.transaction() as tx:
        entry = await tx.purges.purge(NOW + timedelta(seconds=30), "retention: test", LATER)
    assert entry.decision_count == 1
    assert (await verify_chain(database)).problem is None
    async with database.transaction() as tx:
        await tx.purges.purge(NOW + timedelta(minutes=1, seconds=30), "retention: test", LATER)
    await some_records(database, 1)
    verdict = await verify_chain(database)
    assert verdict.problem is None
    assert verdict.checked == 2 * 2 + 2  # two decisions left from the first batch, one new


async def test_purging_everything_keeps_the_head_verifiable(database: Database) -> None:
    await some_records(database, 2)
    async with database.transaction() as tx:
        await tx.purges.purge(NOW + timedelta(days=1), "retention: test", NOW + timedelta(days=2))
    verdict = await verify_chain(database)
    assert verdict.problem is None and verdict.checked == 0 and verdict.head_seq == 4


async def test_concurrent_appends_never_fork_the_chain(database: Database) -> None:
    decisions = await some_records(database, 2)

    async def review(number: int) -> None:
        decision = decisions[number % 2]
        assert decision.id is not None
        async with database.transaction() as tx:
            await tx.reviews.add(
                decision.id, ReviewKind.COMMENT, SUPERVISOR, f"r{number}", "Seen", NOW
            )

    async def record(number: int) -> None:
        await recorded_decision(database, f"UX{number}", NOW)

    await asyncio.gather(*(review(n) for n in range(8)), *(record(n) for n in range(4)))
    verdict = await verify_chain(database)
    assert verdict.problem is None and verdict.checked == verdict.head_seq == 4 + 8 + 4


async def test_decisions_from_before_the_upgrade_are_chained(database: Database) -> None:
    later = await recorded_decision(database, "U9", NOW + timedelta(days=1))
    earlier = await recorded_decision(database, "U8", NOW)
    async with database.engine.begin() as connection:
        await connection.run_sync(migrate_to, "0002", down=True)
    async with database.engine.begin() as connection:
        await connection.run_sync(migrate_to, "head")
    verdict = await verify_chain(database)
    assert verdict.problem is None and verdict.checked == 2
    async with database.transaction() as tx:
        first = await tx.decisions.by_reference(earlier.reference)
        second = await tx.decisions.by_reference(later.reference)
    assert first is not None and second is not None
    assert (first.chain_seq, second.chain_seq) == (1, 2)  # oldest first, by created_at
    assert first.prev_hash == GENESIS and second.prev_hash == first.row_hash
    await some_records(database, 1)
    assert (await verify_chain(database)).problem is None


@pytest.mark.parametrize("table", ["decision", "review"])
async def test_rows_inserted_outside_the_chain_are_named(database: Database, table: str) -> None:
    decisions = await some_records(database, 1)
    copy = (
        "INSERT INTO review (decision_id, kind, supervisor_id, text, idempotency_key, "
        "created_at, chain_seq, prev_hash, row_hash) SELECT decision_id, kind, supervisor_id, "
        "text, 'forged', created_at, 0, prev_hash, row_hash FROM review"
        if table == "review"
        else "INSERT INTO decision (reference, dialog_id, team_id, user_id, flow_id, "
        "flow_version, outcome, path, fields, created_at, chain_seq, prev_hash, row_hash) "
        "SELECT 'IS-1999-0001', dialog_id + 100, team_id, user_id, flow_id, flow_version, "
        "outcome, path, fields, created_at, 0, prev_hash, row_hash FROM decision"
    )
    await run_sql(database, copy)
    verdict = await verify_chain(database)
    assert verdict.problem is not None and "seq 0" in verdict.problem
    assert decisions
