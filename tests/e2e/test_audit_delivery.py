"""The audit post survives a 500 and a 429 (Retry-After) and is delivered exactly once."""

from __future__ import annotations

import time

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import AuditOutbox, OutboxStatus
from tests.e2e.conftest import (
    AUDIT_CHANNEL,
    SHARE_WITHOUT_CONSENT,
    Bot,
    Practitioner,
    ScriptedSlack,
    eventually,
)
from tests.fakeslack import Call


def _to_audit(call: Call) -> bool:
    return call.params.get("channel") == AUDIT_CHANNEL


async def test_an_audit_post_that_gets_500_then_429_is_delivered_once(
    practitioner: Practitioner, slack: ScriptedSlack, bot: Bot
) -> None:
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    slack.fail_next_post_to(AUDIT_CHANNEL, status=500)
    slack.fail_next_post_to(AUDIT_CHANNEL, status=429, retry_after=1)
    recorded_at = time.monotonic()
    await practitioner.record()

    rate_limited = await slack.wait_for("chat.postMessage", 2, where=_to_audit)
    limited_at = time.monotonic()
    posted = await slack.wait_for(
        "chat.postMessage", where=lambda c: _to_audit(c) and c.ok, timeout=10
    )
    assert time.monotonic() - limited_at >= 0.9  # Retry-After: 1 was honoured
    assert time.monotonic() - recorded_at >= 1.9  # and a backoff after the 500
    assert [c.status for c in rate_limited[:2]] == [500, 429]
    attempts = [c for c in slack.calls_to("chat.postMessage") if _to_audit(c)]
    assert len(attempts) == 3
    assert len(posted) == 1
    # The three attempts carried the same summary.
    assert len({str(c.params["blocks"]) for c in attempts}) == 1

    async def marked() -> AuditOutbox | None:
        async with AsyncSession(bot.running.services.db.engine) as session:
            row = (await session.exec(select(AuditOutbox))).one()
        return row if row.status == OutboxStatus.POSTED else None

    row = await eventually(marked)
    assert row.posted_ts == posted[0].response["ts"]
    assert row.attempts == 2
    assert row.last_error == "ratelimited"
