"""A request without a valid Slack signature is refused from its raw bytes: at once, with a short
401, while /healthz keeps answering, and without its body reaching Bolt or the log."""

from __future__ import annotations

import asyncio
import logging
import statistics
import time

import aiohttp
import pytest
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.slack.request_signature import REFUSED_BODY
from tests.e2e.conftest import Bot, Practitioner
from tests.slack_requests import Delivery, SlackRequest

BODY_SIZE = 16 * 1024
MARKER = "Zebedee"
# The pattern that took 52 s to redact; line breaks that would forge log lines if logged.
_UNIT = "a.a.a.a.a.a.a.a." * 8 + f"\nINFO forged: {MARKER} 07700 900123\r\n"
HOSTILE_BODY = (_UNIT * (BODY_SIZE // len(_UNIT) + 1))[:BODY_SIZE].encode()
REQUESTS_TIMED = 7


def _bad(knob: str) -> SlackRequest:
    if knob == "unsigned":
        return SlackRequest(HOSTILE_BODY, {"Content-Type": "application/x-www-form-urlencoded"})
    delivery = Delivery(forged=True) if knob == "forged" else Delivery(stale=True)
    return delivery.sign(HOSTILE_BODY, "application/x-www-form-urlencoded")


async def _timed_post(
    session: aiohttp.ClientSession, url: str, request: SlackRequest
) -> tuple[int, str, float]:
    started = time.perf_counter()
    async with session.post(f"{url}/slack/events", data=request.body, headers=request.headers) as r:
        text = await r.text()
    return r.status, text, time.perf_counter() - started


async def _timed_health(session: aiohttp.ClientSession, url: str) -> tuple[int, float]:
    started = time.perf_counter()
    async with session.get(f"{url}/healthz") as response:
        await response.read()
    return response.status, time.perf_counter() - started


@pytest.fixture
def debug_logging(caplog: pytest.LogCaptureFixture) -> None:
    """DEBUG before the bot starts, so Bolt's loggers (which take the root level when the app is
    built) log everything they would in production at INFO and more."""
    caplog.set_level(logging.DEBUG)


@pytest.mark.parametrize("knob", ["unsigned", "forged", "stale"])
async def test_a_bad_signature_is_refused_at_once_without_reading_the_body(
    debug_logging: None,
    bot: Bot,
    practitioner: Practitioner,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    knob: str,
) -> None:
    dispatched = _count_dispatches(bot, monkeypatch)
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        await _timed_health(session, bot.url)  # the connection pool warmed up
        durations: list[float] = []
        health_durations: list[float] = []
        for _ in range(REQUESTS_TIMED):
            refused, health = await asyncio.gather(
                _timed_post(session, bot.url, _bad(knob)), _timed_health(session, bot.url)
            )
            status, text, took = refused
            assert (status, text) == (401, REFUSED_BODY)
            assert health[0] == 200
            durations.append(took)
            health_durations.append(health[1])

    print(
        f"\n{knob}: 16 KB refusal median {statistics.median(durations) * 1000:.1f} ms, "
        f"max {max(durations) * 1000:.1f} ms; /healthz alongside median "
        f"{statistics.median(health_durations) * 1000:.1f} ms"
    )
    # Not a speed test (the figures above are printed for reading): a guard against the body being
    # redacted or parsed again, which took 52 s per request before the refusal moved ahead of it.
    assert max(durations + health_durations) < 2.0

    records = caplog.records
    assert dispatched == [], "Bolt never saw a refused request"
    # Nothing of the body, nor a line break from it, reached the log.
    refusals = [r for r in records if r.name == "bot.slack.request_signature"]
    assert len(refusals) == 1, "one line per minute, however many requests"
    for record in records:
        logged = caplog.handler.format(record)
        assert MARKER not in logged and "a.a.a" not in logged and "07700" not in logged
        assert "\n" not in record.getMessage() and "\r" not in record.getMessage()

    # A properly signed request is still served.
    await practitioner.start()
    assert "Question 1 of up to" in str(practitioner.message()["blocks"])
    assert dispatched, "the spy sees what Bolt is given"


def _count_dispatches(bot: Bot, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record each request the Bolt app is given (and pass it on unchanged)."""
    seen: list[object] = []
    dispatch = bot.running.app.async_dispatch

    async def spy(request: AsyncBoltRequest) -> BoltResponse:
        seen.append(request)
        return await dispatch(request)

    monkeypatch.setattr(bot.running.app, "async_dispatch", spy)
    return seen
