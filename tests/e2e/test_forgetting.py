"""The running bot forgets what it no longer needs: a recorded dialog keeps no name digests
and no draft, and Slack delivery keys are pruned after a day, at start-up and periodically,
also after a database outage."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.core.housekeeping import Housekeeping
from storage import Database, DialogSession
from storage.columns import utc_now
from tests.e2e.conftest import (
    SHARE_FIELDS,
    SHARE_WITHOUT_CONSENT,
    BotFactory,
    Practitioner,
    eventually,
)
from tests.e2e.test_health import DatabaseLink
from tests.fakeslack import TEAM_ID, FakeSlack
from tests.slack_requests import PRACTITIONER_ID

NAMED_FIELDS = {**SHARE_FIELDS, "reasons": "Kayleigh Whitfield told her teacher about bruising."}


async def open_dialog(database: Database) -> DialogSession:
    async with database.transaction() as tx:
        dialog = await tx.dialogs.open_for(TEAM_ID, PRACTITIONER_ID)
    assert dialog is not None
    return dialog


async def test_a_recorded_dialog_keeps_no_names_and_no_draft(
    slack: FakeSlack, start_bot: BotFactory
) -> None:
    async with start_bot() as bot:
        practitioner = Practitioner(slack, bot)
        database = bot.running.services.db
        await practitioner.start()
        await practitioner.walk(SHARE_WITHOUT_CONSENT)
        preview = await practitioner.preview(NAMED_FIELDS)
        previewed = await open_dialog(database)
        # The memory and the draft exist while they are needed: this test could fail.
        assert len(previewed.known_identifiers) >= 2 and previewed.draft is not None
        posted = len(practitioner.dm_posts())
        reply = await practitioner.send(practitioner.confirmation(preview))
        assert reply.status == 200, reply.text
        await practitioner.wait_for_dm_posts(posted + 1)
        async with database.transaction() as tx:
            recorded = await tx.dialogs.get(previewed.id or 0)
            [decision] = await tx.decisions.for_user(TEAM_ID, PRACTITIONER_ID)
    assert recorded is not None and recorded.status == "recorded"
    assert (recorded.known_identifiers, recorded.draft) == ([], None)
    assert "[NAME]" in decision.fields["reasons"]


async def delivery_keys(database: Database) -> set[str]:
    async with database.engine.connect() as connection:
        found = await connection.execute(text("SELECT key FROM slack_delivery"))
        return {str(key) for (key,) in found}


async def add_delivery_keys(database: Database, **ages: timedelta) -> None:
    async with database.transaction() as tx:
        for key, age in ages.items():
            assert await tx.deliveries.claim(key, utc_now() - age)


async def test_the_running_bot_prunes_delivery_keys_older_than_a_day(
    start_bot: BotFactory, database_url: str
) -> None:
    database = await Database.connect(database_url)
    try:
        await add_delivery_keys(database, old=timedelta(days=2), recent=timedelta(hours=1))
        async with start_bot():

            async def pruned() -> bool:
                return await delivery_keys(database) == {"recent"}

            await eventually(pruned)
    finally:
        await database.close()


@contextlib.asynccontextmanager
async def housekeeping_running(
    database: Database, every: float
) -> AsyncIterator[asyncio.Task[None]]:
    task = asyncio.create_task(Housekeeping(database, utc_now, every).run())
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def test_housekeeping_prunes_again_every_interval(database: Database) -> None:
    async with housekeeping_running(database, every=0.05):
        for key in ("first", "second"):
            await add_delivery_keys(database, **{key: timedelta(days=2)})

            async def pruned() -> bool:
                return not await delivery_keys(database)

            await eventually(pruned)


async def test_housekeeping_survives_a_database_outage(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("a SQLite file cannot be cut off and brought back")
    url = make_url(database_url)
    link = DatabaseLink(url.host or "127.0.0.1", url.port or 5432)
    relayed = url.set(port=await link.start()).render_as_string(hide_password=False)
    direct, behind_link = await Database.connect(database_url), await Database.connect(relayed)
    caplog.set_level(logging.WARNING, logger="bot.core.housekeeping")
    try:
        link.cut()
        async with housekeeping_running(behind_link, every=0.05) as task:

            async def failed_or_died() -> bool:
                return task.done() or any(r.name == "bot.core.housekeeping" for r in caplog.records)

            await eventually(failed_or_died)
            assert not task.done(), "housekeeping died with the database"
            link.restore()
            await add_delivery_keys(direct, old=timedelta(days=2))

            async def pruned() -> bool:
                return not await delivery_keys(direct)

            await eventually(pruned)
    finally:
        await behind_link.close()
        await direct.close()
        await link.stop()
