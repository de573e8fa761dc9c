"""Small writes that ride along with the next transaction (Database.along_with_next)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError, PendingRollbackError

from storage import Database, Tx
from storage.database import _Rider
from storage.tables import SlackDelivery
from tests.storage.samples import NOW, TEAM, state_at


def claim(key: str) -> Callable[[Tx], Awaitable[bool]]:
    async def work(tx: Tx) -> bool:
        return await tx.deliveries.claim(key)

    return work


async def claimed(database: Database, key: str) -> bool:
    async with database.transaction() as tx:
        return not await tx.deliveries.claim(key)


async def test_riders_queued_together_share_one_transaction(database: Database) -> None:
    if database.dialect != "sqlite":
        pytest.skip("PostgreSQL runs transactions side by side: each rider may take its own")
    begins: list[Any] = []
    event.listen(database.engine.sync_engine, "begin", begins.append)
    async with database.transaction():  # holds the turn while the riders queue behind it
        riders = [asyncio.create_task(database.along_with_next(claim(k))) for k in "abc"]
        for _ in range(5):
            await asyncio.sleep(0)
        assert not any(r.done() for r in riders)
        before = len(begins)
    assert await asyncio.gather(*riders) == [True, True, True]
    assert len(begins) - before == 1
    assert all([await claimed(database, k) for k in "abc"])


async def test_a_rider_outlives_a_transaction_that_rolls_back(database: Database) -> None:
    loop = asyncio.get_running_loop()
    rider = _Rider(claim("kept"), loop.create_future())
    database._riders.append(rider)  # queued just before another transaction begins
    with pytest.raises(RuntimeError):
        async with database.transaction():
            raise RuntimeError("the transaction it rode in fails")
    assert not rider.done.done() and database._riders == [rider]
    async with database.transaction():
        pass
    assert rider.done.result() is True
    assert await claimed(database, "kept")


async def test_a_rider_alone_has_a_transaction_of_its_own(database: Database) -> None:
    assert await database.along_with_next(claim("alone"))
    assert not await database.along_with_next(claim("alone"))


async def test_a_rider_that_fails_fails_only_its_owner(database: Database) -> None:
    loop = asyncio.get_running_loop()

    async def broken(tx: Tx) -> bool:
        await tx.deliveries.claim("half written")  # undone with the rider's savepoint
        raise ValueError("the rider's own error")

    failing = _Rider(broken, loop.create_future())
    fine = _Rider(claim("rides on"), loop.create_future())
    database._riders += [failing, fine]
    async with database.transaction() as tx:  # someone else's click: it goes through
        assert await tx.deliveries.claim("host")
    with pytest.raises(ValueError, match="own error"):
        failing.done.result()
    assert fine.done.result() is True
    assert database._riders == []  # a failed rider is not tried again
    assert await claimed(database, "host") and await claimed(database, "rides on")
    assert not await claimed(database, "half written")


async def test_riders_put_back_after_a_rollback_go_first(database: Database) -> None:
    loop = asyncio.get_running_loop()
    older = _Rider(claim("older"), loop.create_future())
    database._riders.append(older)
    with pytest.raises(RuntimeError):
        async with database.transaction():
            database._riders.append(_Rider(claim("newer"), loop.create_future()))
            raise RuntimeError("the host fails")
    assert database._riders[0] is older


async def bad_flush(tx: Tx) -> bool:
    await tx.deliveries.claim("bad half")  # undone with the rider's savepoint
    await tx.follow_ups.add(999_999, "U9", NOW)  # no such review: the flush fails (foreign key)
    return True


async def orm_write(tx: Tx) -> bool:
    await tx.dialogs.create(TEAM, "U7", "hm-gov-2018", 1, state_at("purpose"), NOW)
    return True


@pytest.mark.parametrize("first", [None, orm_write], ids=["alone", "after_an_orm_rider"])
async def test_a_rider_whose_flush_fails_fails_only_itself(
    database: Database, first: Callable[[Tx], Awaitable[bool]] | None
) -> None:
    loop = asyncio.get_running_loop()
    before = [] if first is None else [_Rider(first, loop.create_future())]
    failing = _Rider(bad_flush, loop.create_future())
    fine = _Rider(claim("rides on"), loop.create_future())
    database._riders += [*before, failing, fine]
    async with database.transaction() as tx:  # the host uses the ORM too
        assert await tx.deliveries.claim("host")
        await tx.dialogs.create(TEAM, "U8", "hm-gov-2018", 1, state_at("purpose"), NOW)
    with pytest.raises(IntegrityError):
        failing.done.result()
    assert fine.done.result() is True
    assert all(rider.done.result() is True for rider in before)
    assert await claimed(database, "host") and await claimed(database, "rides on")
    assert not await claimed(database, "bad half")
    async with database.transaction() as tx:
        assert await tx.dialogs.open_for(TEAM, "U8") is not None
        assert (await tx.dialogs.open_for(TEAM, "U7") is not None) == (first is not None)


async def test_a_failed_riders_unflushed_rows_are_not_written_by_the_host(
    database: Database,
) -> None:
    loop = asyncio.get_running_loop()

    async def broken(tx: Tx) -> bool:
        tx.deliveries._session.add(SlackDelivery(key="pending", received_at=NOW))  # not flushed
        raise ValueError("the rider's own error")

    failing = _Rider(broken, loop.create_future())
    database._riders.append(failing)
    async with database.transaction() as tx:  # the host flushes its own session at the end
        await tx.dialogs.create(TEAM, "U8", "hm-gov-2018", 1, state_at("purpose"), NOW)
    with pytest.raises(ValueError, match="own error"):
        failing.done.result()
    assert not await claimed(database, "pending")


async def test_a_rider_that_catches_its_failed_flush_still_fails(database: Database) -> None:
    loop = asyncio.get_running_loop()

    async def hushed(tx: Tx) -> bool:
        with contextlib.suppress(IntegrityError):
            await bad_flush(tx)  # its savepoint is rolled back all the same: not "done"
        return True

    failing = _Rider(hushed, loop.create_future())
    database._riders.append(failing)
    async with database.transaction() as tx:
        assert await tx.deliveries.claim("host")
    with pytest.raises(PendingRollbackError):
        failing.done.result()
    assert await claimed(database, "host")
    assert not await claimed(database, "bad half")
