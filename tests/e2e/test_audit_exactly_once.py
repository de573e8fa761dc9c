"""Exactly once for real: an answer that comes after the client's timeout, and two replicas
posting slowly from one database, still give one audit post per decision."""

from __future__ import annotations

from bot.slack.audit_poster import PosterTimings
from storage import OutboxStatus
from tests.e2e.audit_helpers import outbox_rows, record_as, reference_of, to_audit
from tests.e2e.conftest import AUDIT_CHANNEL, Bot, BotFactory, ScriptedSlack, eventually
from tests.fakeslack import Json


async def _all_posted(bot: Bot, count: int) -> bool:
    rows = await outbox_rows(bot)
    return len(rows) == count and all(row.status == OutboxStatus.POSTED for row, _ in rows)


async def test_a_post_answered_after_the_client_timeout_is_found_not_posted_again(
    slack: ScriptedSlack, start_bot: BotFactory
) -> None:
    timings = PosterTimings(client_timeout=0.5, first_backoff=0.05)
    async with start_bot(timings=timings) as bot:
        late = slack.delay_next("chat.postMessage", where=_audit_params)  # until `late` is set
        reference = await record_as(slack, bot, "U0PRACT01")
        (lookup,) = await slack.wait_for("conversations.history", timeout=10)
        assert lookup.params["include_all_metadata"] in ("1", "true")
        await eventually(lambda: _all_posted(bot, 1))
        late.set()

        (message,) = slack.messages_in(AUDIT_CHANNEL)
        assert reference_of(message) == reference
        assert len([c for c in slack.calls_to("chat.postMessage") if to_audit(c)]) == 1
        ((row, _),) = await outbox_rows(bot)
        assert row.posted_ts == message["ts"]
        assert row.last_error == "timeout"


async def test_two_replicas_with_slow_posts_post_each_decision_once(
    slack: ScriptedSlack, start_bot: BotFactory
) -> None:
    decisions = 6
    # Each post takes 0.4 s: the backlog outlasts the lease, which only renewal keeps alive.
    timings = PosterTimings(client_timeout=1.0, lease=1.5, channel_recheck=0.2)
    async with start_bot(timings=timings) as first, start_bot(timings=timings) as second:
        slack.archive(AUDIT_CHANNEL)  # a backlog builds up while the channel is archived
        references = [
            await record_as(slack, (first, second)[n % 2], f"U0PRACT{n:02d}")
            for n in range(decisions)
        ]
        slack.delay_next("chat.postMessage", seconds=0.4, times=decisions, where=_audit_params)
        slack.archive(AUDIT_CHANNEL, archived=False)
        await eventually(lambda: _all_posted(first, decisions), timeout=30)

    posted = [reference_of(message) for message in slack.messages_in(AUDIT_CHANNEL)]
    assert sorted(posted, key=str) == sorted(references)
    accepted = [c for c in slack.calls_to("chat.postMessage") if to_audit(c) and c.ok]
    assert len(accepted) == decisions


def _audit_params(params: Json) -> bool:
    return params.get("channel") == AUDIT_CHANNEL
