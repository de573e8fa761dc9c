"""GET /healthz answers 200 only while the database answers; the audit poster outlives an
outage."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy.engine import make_url

from bot.slack.server import serving
from tests.e2e.conftest import (
    SHARE_WITHOUT_CONSENT,
    Bot,
    Practitioner,
    ScriptedSlack,
    eventually,
    settings_for,
)
from tests.slack_requests import SIGNING_SECRET, SlackSender


async def _health(url: str) -> tuple[int, dict[str, object]]:
    async with aiohttp.ClientSession() as session, session.get(f"{url}/healthz") as response:
        return response.status, await response.json()


class DatabaseLink:
    """A TCP relay between the bot and PostgreSQL that the test can cut and restore."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.up = True
        self._server: asyncio.Server | None = None
        self._open: set[asyncio.StreamWriter] = set()

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    def cut(self) -> None:
        self.up = False
        for writer in list(self._open):
            writer.close()

    def restore(self) -> None:
        self.up = True

    async def stop(self) -> None:
        self.cut()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not self.up:
            writer.close()
            return
        upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        self._open |= {writer, upstream_writer}

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            with contextlib.suppress(ConnectionError, OSError):
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            sink.close()

        try:
            await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))
        finally:
            self._open -= {writer, upstream_writer}


@contextlib.asynccontextmanager
async def _bot_behind_link(
    slack: ScriptedSlack, database_url: str
) -> AsyncIterator[tuple[Bot, DatabaseLink]]:
    url = make_url(database_url)
    link = DatabaseLink(url.host or "127.0.0.1", url.port or 5432)
    relayed = url.set(port=await link.start()).render_as_string(hide_password=False)
    settings = settings_for(slack, relayed)
    try:
        async with serving(settings, "127.0.0.1", 0) as (running, port):
            base = f"http://127.0.0.1:{port}"
            async with SlackSender(base, SIGNING_SECRET) as sender:
                yield Bot(running, sender, base), link
    finally:
        await link.stop()


async def test_healthz_is_200_while_the_database_answers(bot: Bot) -> None:
    assert await _health(bot.url) == (200, {"ok": True})


async def test_healthz_is_503_when_the_database_is_gone(
    slack: ScriptedSlack, database_url: str
) -> None:
    if database_url.startswith("sqlite"):
        async with serving(settings_for(slack, database_url), "127.0.0.1", 0) as (_, port):
            base = f"http://127.0.0.1:{port}"
            assert (await _health(base))[0] == 200
            Path(make_url(database_url).database or "").unlink()
            status, body = await _health(base)
            assert (status, body["ok"]) == (503, False)
        return
    async with _bot_behind_link(slack, database_url) as (bot, link):
        assert (await _health(bot.url))[0] == 200
        link.cut()
        status, body = await _health(bot.url)
        assert (status, body["ok"]) == (503, False)
        link.restore()
        assert (await _health(bot.url))[0] == 200


async def test_the_audit_poster_survives_a_database_outage(
    slack: ScriptedSlack, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("a SQLite file cannot be cut off and brought back")
    async with _bot_behind_link(slack, database_url) as (bot, link):
        caplog.set_level(logging.WARNING, logger="bot.slack.audit_poster")
        link.cut()
        bot.running.services.audit_due.set()  # the poster looks at the outbox now, and fails
        poster = bot.running.poster

        async def failed_or_died() -> bool:
            return poster.done() or any(r.name == "bot.slack.audit_poster" for r in caplog.records)

        await eventually(failed_or_died)
        assert not poster.done(), "the audit poster died with the database"
        link.restore()
        practitioner = Practitioner(slack, bot)
        await practitioner.start()
        await practitioner.walk(SHARE_WITHOUT_CONSENT)
        await practitioner.record()
        await slack.wait_for(
            "chat.postMessage", where=lambda c: c.ok and c.params["channel"].startswith("G")
        )
