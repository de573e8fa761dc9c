"""The audit outbox: claims under a lease, retries, posting exactly once."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from storage import AuditOutbox, Database, Decision, OutboxStatus
from tests.storage.samples import NOW, recorded_decision

LEASE = timedelta(seconds=30)


async def _decisions(database: Database, count: int) -> list[Decision]:
    return [await recorded_decision(database, f"U{n}") for n in range(count)]


async def _claim(
    database: Database, worker: str, limit: int = 10, at: timedelta = timedelta()
) -> list[tuple[AuditOutbox, Decision]]:
    async with database.transaction() as tx:
        return await tx.outbox.claim_due(worker, NOW + at, LEASE, limit)


async def _stored(database: Database, outbox_id: int) -> tuple[object, ...]:
    async with database.engine.connect() as connection:
        row = (
            await connection.exec_driver_sql(
                "SELECT status, posted_ts, claimed_by, attempts, last_error"
                f" FROM audit_outbox WHERE id = {int(outbox_id)}"
            )
        ).one()
    return tuple(row)


async def test_two_workers_never_claim_the_same_row(database: Database) -> None:
    await _decisions(database, 6)
    first, second = await asyncio.gather(
        _claim(database, "w1", limit=4), _claim(database, "w2", limit=4)
    )
    first_ids = {row.id for row, _ in first}
    second_ids = {row.id for row, _ in second}
    assert not first_ids & second_ids
    assert len(first_ids | second_ids) == 6
    assert {row.claimed_by for row, _ in first} == {"w1"}
    assert {row.claimed_until for row, _ in first + second} == {NOW + LEASE}
    assert await _claim(database, "w3") == []


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_a_claim_in_progress_is_skipped_not_waited_for(database: Database) -> None:
    await _decisions(database, 4)
    async with database.transaction() as tx:
        held = await tx.outbox.claim_due("w1", NOW, LEASE, limit=2)
        # w1 has not committed: w2 skips the locked rows instead of waiting for them.
        other = await asyncio.wait_for(_claim(database, "w2"), timeout=10)
    assert len(held) == 2 and len(other) == 2
    assert not {row.id for row, _ in held} & {row.id for row, _ in other}


async def test_claims_come_oldest_first_with_their_decision(database: Database) -> None:
    decisions = await _decisions(database, 3)
    claimed = await _claim(database, "w1", limit=2)
    assert [decision for _, decision in claimed] == decisions[:2]
    assert [row.decision_id for row, _ in claimed] == [d.id for d in decisions[:2]]


async def test_an_expired_lease_can_be_claimed_again(database: Database) -> None:
    await _decisions(database, 1)
    [(row, _)] = await _claim(database, "w1")
    assert await _claim(database, "w2", at=LEASE - timedelta(seconds=1)) == []
    [(again, _)] = await _claim(database, "w2", at=LEASE)
    assert (again.id, again.claimed_by) == (row.id, "w2")


async def test_mark_retry_counts_releases_and_delays(database: Database) -> None:
    await _decisions(database, 1)
    [(row, _)] = await _claim(database, "w1")
    retry_at = NOW + timedelta(seconds=20)
    async with database.transaction() as tx:
        await tx.outbox.mark_retry(row.id or 0, "ratelimited", retry_at)
    assert await _claim(database, "w2", at=timedelta(seconds=19)) == []
    [(again, _)] = await _claim(database, "w2", at=timedelta(seconds=20))
    assert (again.attempts, again.last_error, again.next_attempt_at) == (
        1,
        "ratelimited",
        retry_at,
    )
    async with database.transaction() as tx:
        await tx.outbox.mark_retry(row.id or 0, "http_500", retry_at)
    assert await _stored(database, row.id or 0) == ("pending", None, None, 2, "http_500")


async def test_mark_posted_stores_ts_once_and_stops_claims(database: Database) -> None:
    await _decisions(database, 2)
    [(row, _), (other_row, _)] = await _claim(database, "w1")
    posted_at = NOW + timedelta(seconds=2)
    async with database.transaction() as tx:
        await tx.outbox.mark_posted(row.id or 0, "1700000000.000200", posted_at)
        assert await tx.outbox.pending_count() == 1
    async with database.transaction() as tx:
        await tx.outbox.mark_posted(row.id or 0, "1700000999.000999", posted_at)
        await tx.outbox.mark_retry(row.id or 0, "http_500", NOW)
    claimable = await _claim(database, "w2", at=timedelta(days=1))
    assert [other.id for other, _ in claimable] == [other_row.id]
    assert await _stored(database, row.id or 0) == (
        OutboxStatus.POSTED,
        "1700000000.000200",
        None,
        0,
        None,
    )


@pytest.mark.parametrize("code", ["Channel #child-protection not found", "", "x" * 41])
async def test_mark_retry_takes_an_error_code_not_a_message(database: Database, code: str) -> None:
    await _decisions(database, 1)
    [(row, _)] = await _claim(database, "w1")
    with pytest.raises(ValueError) as raised:
        async with database.transaction() as tx:
            await tx.outbox.mark_retry(row.id or 0, code, NOW)
    assert "child-protection" not in str(raised.value)


async def test_not_yet_due_rows_are_not_claimed(database: Database) -> None:
    await _decisions(database, 1)
    assert await _claim(database, "w1", at=-timedelta(seconds=1)) == []


async def _claim_next(database: Database, worker: str, at: timedelta = timedelta()) -> Any:
    async with database.transaction() as tx:
        return await tx.outbox.claim_next(worker, NOW + at, LEASE)


async def test_claim_next_takes_one_row_and_notes_a_lapsed_claim(database: Database) -> None:
    decisions = await _decisions(database, 2)
    first = await _claim_next(database, "w1")
    assert first.decision == decisions[0] and not first.abandoned
    second = await _claim_next(database, "w2")
    assert second.decision == decisions[1]
    assert await _claim_next(database, "w3") is None
    # w1 never reported back: once its lease lapses the row is claimed again, marked abandoned.
    again = await _claim_next(database, "w3", at=LEASE)
    assert again.outbox.id == first.outbox.id and again.abandoned


async def test_a_claim_is_renewed_only_by_its_holder(database: Database) -> None:
    await _decisions(database, 1)
    claimed = await _claim_next(database, "w1")
    async with database.transaction() as tx:
        assert await tx.outbox.renew_claim(claimed.outbox.id, "w1", NOW + 2 * LEASE)
    assert await _claim_next(database, "w2", at=LEASE) is None  # renewed past the first lease
    taken = await _claim_next(database, "w2", at=2 * LEASE)
    assert taken is not None
    async with database.transaction() as tx:
        assert not await tx.outbox.renew_claim(claimed.outbox.id, "w1", NOW + 3 * LEASE)


async def test_hold_does_not_count_an_attempt_and_set_aside_stops_claims(
    database: Database,
) -> None:
    await _decisions(database, 2)
    held = await _claim_next(database, "w1")
    refused = await _claim_next(database, "w1")
    async with database.transaction() as tx:
        await tx.outbox.hold(held.outbox.id, "is_archived", NOW + timedelta(seconds=60))
        await tx.outbox.set_aside(refused.outbox.id, "invalid_blocks")
        assert await tx.outbox.next_due() == NOW + timedelta(seconds=60)
        assert await tx.outbox.set_aside_count() == 1
        assert await tx.outbox.pending_count() == 1
    assert await _stored(database, held.outbox.id) == ("pending", None, None, 0, "is_archived")
    assert await _stored(database, refused.outbox.id) == (
        "set_aside", None, None, 1, "invalid_blocks"
    )
    assert await _claim_next(database, "w2", at=timedelta(days=1)) is not None
    assert await _claim_next(database, "w2", at=timedelta(days=1)) is None
