"""The follow-up DM is queued with the review and sent by the audit poster: a failed or
timed-out send is retried, and the practitioner gets it exactly once."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.slack.audit_poster import PosterTimings
from storage.tables import FollowUpNotice
from tests.e2e.audit_helpers import record_as
from tests.e2e.conftest import Bot, BotFactory, ScriptedSlack, eventually
from tests.e2e.test_supervision import SUPERVISOR, _audit_post, _submit_note
from tests.fakeslack import Call, Json
from tests.slack_requests import PRACTITIONER_ID

ASKED = "Please add the safety plan to the record."


def _to_practitioner(call: Call) -> bool:
    metadata = call.params.get("metadata")
    return call.params.get("channel") == PRACTITIONER_ID and isinstance(metadata, dict) and (
        metadata.get("event_type") == "infoshare_follow_up"
    )


def _follow_ups_in_dm(slack: ScriptedSlack) -> list[Json]:
    return [
        m for m in slack.messages_in(slack.dm_channel(PRACTITIONER_ID))
        if (m.get("metadata") or {}).get("event_type") == "infoshare_follow_up"
    ]


async def _notice(bot: Bot) -> FollowUpNotice:
    async with AsyncSession(bot.running.services.db.engine) as session:
        (notice,) = (await session.exec(select(FollowUpNotice))).all()
        return notice


async def _sent(bot: Bot) -> bool:
    return (await _notice(bot)).sent_ts is not None


async def test_a_follow_up_dm_slack_refused_is_sent_on_the_next_attempt(
    slack: ScriptedSlack, start_bot: BotFactory
) -> None:
    timings = PosterTimings(first_backoff=0.05)
    async with start_bot(INFOSHARE_SUPERVISORS=SUPERVISOR, timings=timings) as bot:
        await record_as(slack, bot, PRACTITIONER_ID)
        ts, _ = await _audit_post(slack)
        slack.error_next("chat.postMessage", "fatal_error")  # Slack says no: nothing posted
        await _submit_note(bot, slack, ts, SUPERVISOR, "review_needs_follow_up", ASKED)

        await eventually(lambda: _sent(bot))
        attempts = [c for c in slack.calls_to("chat.postMessage") if _to_practitioner(c)]
        assert [c.ok for c in attempts] == [False, True]
        (dm,) = _follow_ups_in_dm(slack)
        assert f"needs follow-up: {ASKED}\n" in dm["text"]
        notice = await _notice(bot)
        assert notice.sent_ts == dm["ts"] and notice.attempts == 1


async def test_a_follow_up_dm_answered_after_the_timeout_is_found_not_sent_again(
    slack: ScriptedSlack, start_bot: BotFactory
) -> None:
    timings = PosterTimings(client_timeout=0.5, first_backoff=0.05)
    async with start_bot(INFOSHARE_SUPERVISORS=SUPERVISOR, timings=timings) as bot:
        await record_as(slack, bot, PRACTITIONER_ID)
        ts, _ = await _audit_post(slack)
        late = slack.delay_next(
            "chat.postMessage", where=lambda p: "metadata" in p
        )
        await _submit_note(bot, slack, ts, SUPERVISOR, "review_needs_follow_up", ASKED)

        await eventually(lambda: _sent(bot))
        late.set()
        (dm,) = _follow_ups_in_dm(slack)
        assert len([c for c in slack.calls_to("chat.postMessage") if _to_practitioner(c)]) == 1
        (lookup,) = slack.calls_to("conversations.history")
        assert lookup.params["channel"] == slack.dm_channel(PRACTITIONER_ID)
        notice = await _notice(bot)
        assert notice.sent_ts == dm["ts"] and notice.last_error == "timeout"
