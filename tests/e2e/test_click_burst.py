"""Many practitioners at once: every acknowledged `/infoshare` and click is applied."""

from __future__ import annotations

import asyncio
import socket
import time
from select import POLLOUT, poll
from urllib.parse import urlsplit

import pytest

import storage.database
from tests.e2e.conftest import SHARE_WITHOUT_CONSENT, Bot, BotFactory, Practitioner
from tests.fakeslack import TEAM_ID, Call, FakeSlack

# 40 at once is three times the pool's 15 connections: enough that, before transactions
# waited for their turn in order, some waited in the pool past its timeout in every run.
PRACTITIONERS = 40
# The pool's 30 s timeout scaled down with the burst (200 practitioners lost clicks after
# 30 s), so a click starved of a connection fails within the test; a transaction that waited
# for its turn finds a connection free and never waits in the pool.
POOL_TIMEOUT_SECONDS = 0.5
WAIT_SECONDS = 20.0


async def _answers(bot: Bot, users: list[str]) -> dict[str, int]:
    """How many answers each user's open dialog holds (-1: none). Read through the bot's own
    transactions: a session of the test's own could wait in the pool past its short timeout."""
    async with bot.running.services.db.transaction() as tx:
        dialogs = {user: await tx.dialogs.open_for(TEAM_ID, user) for user in users}
    return {user: -1 if d is None else len(d.state["answers"]) for user, d in dialogs.items()}


async def test_every_click_of_a_burst_is_applied(
    slack: FakeSlack, start_bot: BotFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.database, "POOL_TIMEOUT_SECONDS", POOL_TIMEOUT_SECONDS)
    async with start_bot() as bot:
        practitioners = [Practitioner(slack, bot, f"U0BURST{i:03d}") for i in range(PRACTITIONERS)]
        users = [p.user for p in practitioners]
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
                answers = await _answers(bot, users)
                behind = [
                    name
                    for p, (_, name) in zip(practitioners, sent, strict=True)
                    if answers[p.user] < answered
                ]
                refused = [name for name in behind if slack.posts_to(name)]
                raise AssertionError(
                    f"step {answered}: {len(behind)} of {PRACTITIONERS} acknowledged requests "
                    f"not applied ({len(refused)} refused, {len(behind) - len(refused)} lost)"
                ) from None
            assert set((await _answers(bot, users)).values()) == {answered}

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
