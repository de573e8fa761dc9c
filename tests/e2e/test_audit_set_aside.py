"""A post Slack refuses for good is set aside with an alert, and the next decision still posts."""

from __future__ import annotations

import logging

import pytest

from storage import OutboxStatus
from tests.e2e.audit_helpers import health, outbox_rows, record_as, reference_of, to_audit
from tests.e2e.conftest import AUDIT_CHANNEL, Bot, ScriptedSlack, eventually
from tests.fakeslack import Call


async def test_a_refused_post_is_set_aside_and_the_next_decision_still_posts(
    slack: ScriptedSlack, bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    slack.error_next_post_to(AUDIT_CHANNEL, "invalid_blocks")
    poisoned = await record_as(slack, bot, "U0PRACT01")

    def note(call: Call) -> bool:
        return to_audit(call) and call.ok and poisoned in call.params.get("text", "")

    (alert,) = await slack.wait_for("chat.postMessage", where=note)
    assert "invalid_blocks" in alert.params["text"]
    assert "blocks" not in alert.params  # a plain note, not a second try at the summary

    fine = await record_as(slack, bot, "U0PRACT02")
    posted = await slack.wait_for(
        "chat.postMessage", where=lambda c: to_audit(c) and c.ok and reference_of(c.params) == fine
    )
    assert len(posted) == 1

    rows = {decision.reference: row for row, decision in await outbox_rows(bot)}
    assert rows[poisoned].status == OutboxStatus.SET_ASIDE
    assert rows[poisoned].last_error == "invalid_blocks"
    assert rows[poisoned].claimed_by is None
    await eventually(lambda: _status(bot, fine, OutboxStatus.POSTED))

    # Looking at the outbox again does not try the set-aside post again.
    await bot.running.audit.deliver_due()
    tries = [c for c in slack.calls_to("chat.postMessage") if reference_of(c.params) == poisoned]
    assert len(tries) == 1

    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and poisoned in errors[0].getMessage()
    assert "outbox" not in caplog.text  # not reported as a database outage
    assert await health(bot.url) == (
        200, {"ok": True, "degraded": {"audit_posts_set_aside": 1}}
    )


async def _status(bot: Bot, reference: str, status: OutboxStatus) -> bool:
    rows = {decision.reference: row for row, decision in await outbox_rows(bot)}
    return rows[reference].status == status
