"""A Slack retry, a double click or a double submit never applies anything twice."""

from __future__ import annotations

import asyncio

from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import AuditOutbox, Decision
from tests.e2e.conftest import (
    AUDIT_CHANNEL,
    SHARE_WITHOUT_CONSENT,
    Bot,
    Practitioner,
)
from tests.fakeslack import TEAM_ID, FakeSlack
from tests.slack_requests import Delivery, message_im

ALREADY_ANSWERED = "already been answered"


async def _answers(bot: Bot, user: str) -> list[list[str]]:
    async with bot.running.services.db.transaction() as tx:
        dialog = await tx.dialogs.open_for(TEAM_ID, user)
    assert dialog is not None
    answers: list[list[str]] = dialog.state["answers"]
    return answers


async def test_a_retried_event_is_applied_once(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot
) -> None:
    await practitioner.start()
    posted = len(practitioner.dm_posts())
    first = message_im("yes", channel_id=practitioner.dm, event_id="Ev0RETRY01", ts="1.000001")
    retry = message_im(
        "yes",
        channel_id=practitioner.dm,
        event_id="Ev0RETRY01",
        ts="1.000001",
        delivery=Delivery(retry_num=1),
    )
    assert (await bot.sender.post(first)).status == 200
    await practitioner.wait_for_step(posted + 1)
    assert (await bot.sender.post(retry)).status == 200
    # A later answer: had the retry been applied too, the path would hold two answers to it.
    await practitioner.say("no")
    await practitioner.wait_for_step(posted + 2)

    assert [tuple(pair) for pair in await _answers(bot, practitioner.user)] == [
        ("purpose", "yes"),
        ("identifiable", "no"),
    ]
    assert "You can share, but consider how" in str(practitioner.message()["blocks"])
    assert len(practitioner.dm_posts()) == posted + 2
    assert len(slack.calls_to("chat.update")) == 2


async def test_a_concurrent_double_click_is_applied_once(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot
) -> None:
    await practitioner.start()
    posted = len(practitioner.dm_posts())
    one, two = practitioner.response_name(), practitioner.response_name()
    clicks = [
        practitioner.click_request("answer_yes", response_name=one),
        practitioner.click_request("answer_yes", response_name=two),
    ]
    replies = await asyncio.gather(*(bot.sender.post(click) for click in clicks))
    assert [reply.status for reply in replies] == [200, 200]
    await practitioner.wait_for_step(posted + 1)
    refused = await _one_refusal(slack, one, two)
    assert ALREADY_ANSWERED in refused

    await practitioner.answer("answer_yes")  # the dialog carries on from question 2
    assert "Question 3 of up to" in str(practitioner.message()["blocks"])
    assert len(practitioner.dm_posts()) == posted + 2
    assert len(slack.calls_to("chat.update")) == 2


async def _one_refusal(slack: FakeSlack, one: str, two: str) -> str:
    """Exactly one of two response_urls got a refusal; its text."""

    def refusals() -> list[str]:
        return [post.body["text"] for name in (one, two) for post in slack.posts_to(name)]

    waited = [
        asyncio.create_task(slack.wait_for_post(one)),
        asyncio.create_task(slack.wait_for_post(two)),
    ]
    done, pending = await asyncio.wait(waited, timeout=5, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    assert done, "neither click was refused"
    assert len(refusals()) == 1, refusals()
    return refusals()[0]


async def test_a_sequential_double_click_is_refused_the_second_time(
    practitioner: Practitioner, slack: FakeSlack
) -> None:
    await practitioner.start()
    question = practitioner.latest_ts()
    await practitioner.answer("answer_no")
    posted, updated = len(practitioner.dm_posts()), len(slack.calls_to("chat.update"))

    name = practitioner.response_name()
    await practitioner.send(
        practitioner.click_request("answer_no", ts=question, response_name=name, as_posted=True)
    )
    refused = await slack.wait_for_post(name)
    assert refused[0].body["response_type"] == "ephemeral"
    assert ALREADY_ANSWERED in refused[0].body["text"]
    assert len(practitioner.dm_posts()) == posted
    assert len(slack.calls_to("chat.update")) == updated


async def test_a_double_submitted_preview_records_one_decision_and_one_audit_post(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot
) -> None:
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    preview = await practitioner.preview()
    confirm = practitioner.confirmation(preview)
    replies = await asyncio.gather(bot.sender.post(confirm), bot.sender.post(confirm))
    actions = sorted(reply.json()["response_action"] for reply in replies)
    assert actions == ["clear", "update"]
    # And once more, after the fact.
    late = await bot.sender.post(practitioner.confirmation(preview))
    assert late.json()["response_action"] == "update"
    assert "Nothing changed" in str(late.json()["view"])

    await slack.wait_for(
        "chat.postMessage", where=lambda c: c.ok and c.params.get("channel") == AUDIT_CHANNEL
    )
    async with AsyncSession(bot.running.services.db.engine) as session:
        decisions = (await session.exec(select(func.count()).select_from(Decision))).one()
        outbox = (await session.exec(select(func.count()).select_from(AuditOutbox))).one()
    assert (decisions, outbox) == (1, 1)
    audit = [c for c in slack.calls_to("chat.postMessage") if c.params["channel"] == AUDIT_CHANNEL]
    assert len(audit) == 1


async def test_a_click_straight_after_a_step_is_posted_is_applied(
    practitioner: Practitioner, slack: FakeSlack
) -> None:
    """The bot saves the posted message's ts just after posting; a click racing that save
    (a revision conflict on PostgreSQL) must still be applied, not refused as stale."""
    await practitioner.command()
    for posted, action in enumerate(SHARE_WITHOUT_CONSENT, start=1):
        await practitioner.wait_for_dm_posts(posted)  # not wait_for_step: click at once
        await practitioner.click(action)
    await practitioner.wait_for_dm_posts(len(SHARE_WITHOUT_CONSENT) + 1)
    assert "Share without consent" in str(practitioner.message()["blocks"])
    assert slack.response_posts == []  # nothing was refused
