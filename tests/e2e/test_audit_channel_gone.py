"""An audit channel that goes away holds the posts (503 on /healthz, one ERROR line), is tried
again on a timer, and the posts resume by themselves, to the channel configured now."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from bot.slack.audit import AuditChannelError
from bot.slack.audit_poster import PosterTimings
from bot.slack.server import serving
from storage import OutboxStatus
from tests.e2e.audit_helpers import health, outbox_rows, record_as, reference_of
from tests.e2e.conftest import AUDIT_CHANNEL, BotFactory, ScriptedSlack, eventually, settings_for
from tests.fakeslack import Call

Json = dict[str, Any]
RECHECK = PosterTimings(channel_recheck=0.2)


def _archived_post(call: Call) -> bool:
    return call.method == "chat.postMessage" and call.response.get("error") == "is_archived"


async def test_an_archived_audit_channel_holds_posts_until_it_is_unarchived(
    slack: ScriptedSlack, start_bot: BotFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    async with start_bot(timings=RECHECK) as bot:
        slack.archive(AUDIT_CHANNEL)
        first = await record_as(slack, bot, "U0PRACT01")
        await slack.wait_for("chat.postMessage", where=_archived_post)
        assert await eventually(_health_is(bot.url, 503)) == {
            "ok": False, "error": "audit channel unavailable: is_archived"
        }
        second = await record_as(slack, bot, "U0PRACT02")
        await slack.wait_for("chat.postMessage", count=4, where=_archived_post)  # re-checked

        rows = await outbox_rows(bot)
        assert [row.status for row, _ in rows] == [OutboxStatus.PENDING] * 2
        assert all(row.attempts == 0 for row, _ in rows)  # held, not counted as failures
        assert {row.last_error for row, _ in rows if row.last_error} == {"is_archived"}
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert len(errors) == 1 and "is_archived" in errors[0].getMessage()

        slack.archive(AUDIT_CHANNEL, archived=False)
        posted = await slack.wait_for(
            "chat.postMessage", count=2, where=lambda c: c.ok and reference_of(c.params) is not None
        )
        assert sorted(reference_of(c.params) or "" for c in posted) == sorted([first, second])
        assert await eventually(_health_is(bot.url, 200)) == {"ok": True}
        assert len(slack.messages_in(AUDIT_CHANNEL)) == 2
        assert len([r for r in caplog.records if r.levelno >= logging.ERROR]) == 1


def _health_is(url: str, status: int) -> Callable[[], Awaitable[Json | None]]:
    """For `eventually`: /healthz's body once it answers with `status`."""

    async def check() -> Json | None:
        answered, body = await health(url)
        return body if answered == status else None

    return check


async def test_held_posts_go_to_the_audit_channel_configured_now(
    slack: ScriptedSlack, start_bot: BotFactory
) -> None:
    async with start_bot(timings=RECHECK) as bot:
        slack.archive(AUDIT_CHANNEL)
        held = await record_as(slack, bot, "U0PRACT01")
        await slack.wait_for("chat.postMessage", where=_archived_post)

    new_channel = "G0AUDIT002"
    slack.add_channel(new_channel, "infoshare-audit-2", is_private=True, is_member=True)
    async with start_bot(timings=RECHECK, INFOSHARE_AUDIT_CHANNEL=new_channel) as bot:
        (posted,) = await slack.wait_for(
            "chat.postMessage", where=lambda c: c.ok and c.params.get("channel") == new_channel
        )
        assert reference_of(posted.params) == held
        ((row, _),) = await outbox_rows(bot)
        assert row.channel_id == AUDIT_CHANNEL  # where it was meant to go when recorded
        await eventually(_health_is(bot.url, 200))


async def test_an_archived_audit_channel_stops_the_bot_at_start_up(
    slack: ScriptedSlack, database_url: str
) -> None:
    slack.archive(AUDIT_CHANNEL)
    with pytest.raises(AuditChannelError) as raised:
        async with serving(settings_for(slack, database_url), "127.0.0.1", 0):
            pytest.fail("the bot started")
    assert "archived" in str(raised.value)
    assert "unarchive it" in str(raised.value)
    assert AUDIT_CHANNEL in str(raised.value)
