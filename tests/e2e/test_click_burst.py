"""Many practitioners at once: every acknowledged `/infoshare` and click is applied."""

from __future__ import annotations

import asyncio
import socket
import time
from select import POLLOUT, poll
from urllib.parse import urlsplit

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

import storage.database
from storage import DialogSession
from tests.e2e.conftest import SHARE_WITHOUT_CONSENT, Bot, BotFactory, Practitioner
from tests.fakeslack import Call, FakeSlack

# 40 at once is three times the pool's 15 connections: enough that, before transactions
# waited for their turn in order, some waited in the pool past its timeout in every run.
PRACTITIONERS = 40
# The pool's 30 s timeout scaled down with the burst (200 practitioners lost clicks after
# 30 s): a starved click fails in seconds, while a turn taken in order never waits in the pool.
POOL_TIMEOUT_SECONDS = 0.5
WAIT_SECONDS = 20.0


async def _answers(bot: Bot) -> dict[str, int]:
    """How many answers each practitioner's dialog holds."""
    async with AsyncSession(bot.running.services.db.engine) as session:
        dialogs = (await session.exec(select(DialogSession))).all()
    return {dialog.user_id: len(dialog.state["answers"]) for dialog in dialogs}


async def test_every_click_of_a_burst_is_applied(
    slack: FakeSlack, start_bot: BotFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.database, "POOL_TIMEOUT_SECONDS", POOL_TIMEOUT_SECONDS)
    async with start_bot() as bot:
        practitioners = [Practitioner(slack, bot, f"U0BURST{i:03d}") for i in range(PRACTITIONERS)]
        dms = {p.dm for p in practitioners}

        def to_dm(call: Call) -> bool:
            return call.ok and call.response.get("channel") in dms

        async def all_at_once(action: str | None, answered: int) -> None:
            """Every practitioner sends `/infoshare` (no action) or clicks `action` at once;
            each dialog must then hold `answered` answers and show the next step."""
            sent = await asyncio.gather(
                *(p.command() if action is None else p.click(action) for p in practitioners)
            )
            assert {reply.status for reply, _ in sent} == {200}
            expected = PRACTITIONERS * (answered + 1)
            try:
                await slack.wait_for("chat.postMessage", expected, WAIT_SECONDS, where=to_dm)
            except AssertionError:
                answers = await _answers(bot)
                lost = [
                    p.user
                    for p, (_, name) in zip(practitioners, sent, strict=True)
                    if answers.get(p.user, -1) < answered and not slack.posts_to(name)
                ]
                raise AssertionError(
                    f"{len(lost)} of {PRACTITIONERS} acknowledged requests were neither "
                    f"applied nor refused (step {answered})"
                ) from None
            assert set((await _answers(bot)).values()) == {answered}

        await all_at_once(None, 0)
        for answered, action in enumerate(SHARE_WITHOUT_CONSENT, start=1):
            await all_at_once(action, answered)


CONNECTIONS = 300


def _connected_at_once(port: int) -> int:
    """Open CONNECTIONS connections to `port` without letting its server accept any (this
    test holds the event loop); how many does the kernel complete without a SYN retry (1 s)?"""
    sockets = [socket.socket() for _ in range(CONNECTIONS)]
    try:
        for sock in sockets:
            sock.setblocking(False)
            sock.connect_ex(("127.0.0.1", port))
        poller = poll()
        for sock in sockets:
            poller.register(sock, POLLOUT)
        connected: set[int] = set()
        deadline = time.monotonic() + 0.5
        while len(connected) < CONNECTIONS and (left := deadline - time.monotonic()) > 0:
            connected.update(fd for fd, _ in poller.poll(left * 1000))
            for fd in connected:
                poller.modify(fd, 0)
        return len(connected)
    finally:
        for sock in sockets:
            sock.close()


async def test_the_bot_and_fake_slack_take_a_burst_of_connections(
    bot: Bot, slack: FakeSlack
) -> None:
    for url in (bot.url, slack.api_url):
        port = urlsplit(url).port
        assert port is not None
        assert _connected_at_once(port) == CONNECTIONS, url
