"""Slack delivery de-duplication."""

from __future__ import annotations

import asyncio

import pytest

from storage import Database
from tests.storage.samples import NOW, TEAM, new_dialog


async def test_a_delivery_is_claimed_once(database: Database) -> None:
    async with database.transaction() as tx:
        assert await tx.deliveries.claim("Ev01", NOW)
        assert not await tx.deliveries.claim("Ev01", NOW)
        assert await tx.deliveries.claim("Ev02", NOW)
    async with database.transaction() as tx:
        assert not await tx.deliveries.claim("Ev01", NOW)


async def test_a_repeated_delivery_leaves_the_transaction_usable(database: Database) -> None:
    async with database.transaction() as tx:
        assert await tx.deliveries.claim("Ev01", NOW)
    async with database.transaction() as tx:
        assert not await tx.deliveries.claim("Ev01", NOW)
        await tx.dialogs.create(TEAM, "U1", "hm-gov-2018", 1, {}, NOW)
    async with database.transaction() as tx:
        assert await tx.dialogs.open_for(TEAM, "U1") is not None


async def test_a_rolled_back_action_does_not_consume_its_delivery(database: Database) -> None:
    with pytest.raises(RuntimeError):
        async with database.transaction() as tx:
            assert await tx.deliveries.claim("Ev01", NOW)
            raise RuntimeError("handler failed")
    async with database.transaction() as tx:
        assert await tx.deliveries.claim("Ev01", NOW)


async def test_concurrent_retries_of_one_delivery_act_once(database: Database) -> None:
    await new_dialog(database, "U1")

    async def handle() -> bool:
        async with database.transaction() as tx:
            return await tx.deliveries.claim("Ev01", NOW)

    assert sorted(await asyncio.gather(*(handle() for _ in range(4)))) == [
        False,
        False,
        False,
        True,
    ]


async def test_an_empty_key_is_refused(database: Database) -> None:
    with pytest.raises(ValueError):
        async with database.transaction() as tx:
            await tx.deliveries.claim("", NOW)
