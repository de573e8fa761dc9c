"""Small writes that ride along with the next transaction (Database.along_with_next)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import event

from storage import Database, Tx
from storage.database import _Rider


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
