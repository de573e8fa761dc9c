"""Reviews: append-only, idempotent by key, and the review status derived from them."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from storage import Database, ReviewKind, ReviewStatus, UnknownDecision
from tests.storage.samples import NOW, TEAM, recorded_decision

SUPERVISOR = "U0SUPER"


async def test_a_decision_without_reviews_awaits_review(database: Database) -> None:
    decision = await recorded_decision(database, "U1")
    assert decision.id is not None
    async with database.transaction() as tx:
        assert await tx.reviews.status_of([decision.id]) == {
            decision.id: ReviewStatus.AWAITING_REVIEW
        }


async def test_the_latest_status_bearing_review_decides_and_comments_do_not(
    database: Database,
) -> None:
    decision = await recorded_decision(database, "U1")
    assert decision.id is not None
    steps = [
        (ReviewKind.COMMENT, "Spoke to [NAME]", ReviewStatus.AWAITING_REVIEW),
        (ReviewKind.FOLLOW_UP, "Check the plan", ReviewStatus.FOLLOW_UP_OPEN),
        (ReviewKind.COMMENT, "Noted", ReviewStatus.FOLLOW_UP_OPEN),
        (ReviewKind.FOLLOW_UP_CLOSED, None, ReviewStatus.REVIEWED),
        (ReviewKind.FOLLOW_UP, "Again", ReviewStatus.FOLLOW_UP_OPEN),
        (ReviewKind.REVIEWED, None, ReviewStatus.REVIEWED),
    ]
    for number, (kind, words, expected) in enumerate(steps):
        async with database.transaction() as tx:
            _, created = await tx.reviews.add(
                decision.id, kind, SUPERVISOR, f"key-{number}", words, NOW
            )
            assert created
            assert (await tx.reviews.status_of([decision.id]))[decision.id] == expected
    async with database.transaction() as tx:
        kinds = [review.kind for review in await tx.reviews.for_decision(decision.id)]
    assert kinds == [kind for kind, _, _ in steps]


async def test_the_same_key_adds_nothing_even_when_racing(database: Database) -> None:
    decision = await recorded_decision(database, "U1")
    assert decision.id is not None
    decision_id = decision.id

    async def click() -> bool:
        async with database.transaction() as tx:
            _, created = await tx.reviews.add(
                decision_id, ReviewKind.REVIEWED, SUPERVISOR, "action-1", None, NOW
            )
            return created

    results = await asyncio.gather(*(click() for _ in range(4)))
    assert sorted(results) == [False, False, False, True]
    async with database.transaction() as tx:
        assert len(await tx.reviews.for_decision(decision_id)) == 1


async def test_bad_review_arguments_change_nothing(database: Database) -> None:
    decision = await recorded_decision(database, "U1")
    assert decision.id is not None
    for kind, words, who in (
        (ReviewKind.COMMENT, None, SUPERVISOR),
        (ReviewKind.REVIEWED, "text", SUPERVISOR),
        (ReviewKind.REVIEWED, None, "not-a-user"),
    ):
        with pytest.raises(ValueError):
            async with database.transaction() as tx:
                await tx.reviews.add(decision.id, kind, who, "k", words, NOW)
    with pytest.raises(UnknownDecision):
        async with database.transaction() as tx:
            await tx.reviews.add(decision.id + 99, ReviewKind.REVIEWED, SUPERVISOR, "k", None)
    async with database.transaction() as tx:
        assert await tx.reviews.for_decision(decision.id) == []
        assert (await tx.chain_head()).seq == 1


async def test_reviews_cannot_be_edited_or_deleted(database: Database) -> None:
    decision = await recorded_decision(database, "U1")
    assert decision.id is not None
    async with database.transaction() as tx:
        await tx.reviews.add(decision.id, ReviewKind.REVIEWED, SUPERVISOR, "k", None, NOW)
    for statement in ("UPDATE review SET supervisor_id = 'U0OTHER'", "DELETE FROM review"):
        with pytest.raises(DBAPIError, match="review rows"):
            async with database.engine.begin() as connection:
                await connection.execute(text(statement))


async def test_app_home_queries(database: Database) -> None:
    first = await recorded_decision(database, "U1", NOW - timedelta(days=40))
    second = await recorded_decision(database, "U2", NOW - timedelta(days=2))
    third = await recorded_decision(database, "U1", NOW - timedelta(days=1))
    assert first.id and second.id and third.id
    async with database.transaction() as tx:
        await tx.reviews.add(first.id, ReviewKind.FOLLOW_UP, SUPERVISOR, "a", "Ring back", NOW)
        await tx.reviews.add(third.id, ReviewKind.REVIEWED, SUPERVISOR, "b", None, NOW)
    async with database.transaction() as tx:
        mine = await tx.reviews.recent_for_practitioner(TEAM, "U1")
        overview = await tx.reviews.supervisor_overview(NOW - timedelta(days=10))
    assert [(item.decision.reference, item.status) for item in mine] == [
        (third.reference, ReviewStatus.REVIEWED),
        (first.reference, ReviewStatus.FOLLOW_UP_OPEN),
    ]
    assert overview.awaiting_review == 1
    assert overview.oldest_awaiting == second
    assert overview.follow_ups_open == 1
    assert overview.follow_up_decisions == [first]
    assert overview.outcomes_this_month == {"share": 2}


async def test_one_replica_claims_the_days_digest(database: Database) -> None:
    day = NOW.date()
    async with database.transaction() as tx:
        assert await tx.digests.claim(day, "a", NOW)
    async with database.transaction() as tx:
        assert not await tx.digests.claim(day, "b", NOW)
    # A claim that lapsed without a post is taken over; a posted day never is.
    async with database.transaction() as tx:
        assert await tx.digests.claim(day, "b", NOW + timedelta(hours=1))
        assert await tx.digests.mark_posted(day, "b", "1700000000.000100", NOW)
    async with database.transaction() as tx:
        assert not await tx.digests.claim(day, "c", NOW + timedelta(days=1))
