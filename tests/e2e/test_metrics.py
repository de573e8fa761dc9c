"""`GET /metrics`: what an operator watches, in Prometheus' text format; and a start-up log
with no library warning an operator would have to learn to ignore."""

from __future__ import annotations

import logging

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.e2e.conftest import (
    AUDIT_CHANNEL,
    BOT_TOKEN,
    SHARE_WITHOUT_CONSENT,
    Bot,
    BotFactory,
    Practitioner,
    ScriptedSlack,
    eventually,
)


async def _scrape(bot: Bot) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    async with aiohttp.ClientSession() as session, session.get(f"{bot.url}/metrics") as reply:
        assert reply.status == 200
        assert reply.headers["Content-Type"].startswith("text/plain")
        text = await reply.text()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_metrics_count_requests_by_kind_and_time_acks_and_steps(
    practitioner: Practitioner, bot: Bot
) -> None:
    before = await _scrape(bot)
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT[:2])
    after = await _scrape(bot)

    def grew(name: str, labels: tuple[tuple[str, str], ...] = ()) -> float:
        return after.get((name, labels), 0.0) - before.get((name, labels), 0.0)

    assert grew("infoshare_requests_total", (("kind", "command"),)) == 1
    assert grew("infoshare_requests_total", (("kind", "block_actions"),)) == 2
    assert grew("infoshare_ack_seconds_count") == 3
    assert grew("infoshare_step_seconds_count") == 3  # each request posted the next step
    assert after[("infoshare_outbox_backlog", ())] == 0


async def test_metrics_show_the_outbox_backlog_and_poster_errors_by_code(
    practitioner: Practitioner, slack: ScriptedSlack, bot: Bot
) -> None:
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    slack.fail_next_post_to(AUDIT_CHANNEL, status=429, retry_after=1)
    before = await _scrape(bot)
    await practitioner.record()
    await slack.wait_for(
        "chat.postMessage", where=lambda c: c.params.get("channel") == AUDIT_CHANNEL
    )
    failed = await _scrape(bot)  # the refused post is being held for its Retry-After
    assert failed[("infoshare_outbox_backlog", ())] == 1
    assert failed[("infoshare_outbox_oldest_unposted_seconds", ())] >= 0
    errors = {k: v for k, v in failed.items() if k[0] == "infoshare_audit_post_errors_total"}
    assert sum(errors.values()) - sum(
        v for k, v in before.items() if k[0] == "infoshare_audit_post_errors_total"
    ) == 1
    assert ("infoshare_audit_post_errors_total", (("error", "ratelimited"),)) in errors

    await slack.wait_for(
        "chat.postMessage", where=lambda c: c.ok and c.params.get("channel") == AUDIT_CHANNEL
    )

    async def drained() -> bool:
        return (await _scrape(bot))[("infoshare_outbox_backlog", ())] == 0

    await eventually(drained)


async def test_start_up_logs_no_library_warning(
    start_bot: BotFactory, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)  # as an operator sets it; Bolt reads it too
    caplog.set_level(logging.WARNING)
    async with start_bot():
        pass
    warnings = [r for r in caplog.records if r.name.startswith(("slack_bolt", "slack_sdk"))]
    assert warnings == []
