"""Requests refused before any listener runs: another workspace, and a user going too fast."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.settings import RateLimit
from tests.e2e.conftest import Bot, BotFactory, Practitioner
from tests.fakeslack import TEAM_ID, FakeSlack
from tests.slack_requests import block_action, message_im, slash_command

OTHER_TEAM = "T0ELSEWHR"
BURST = RateLimit().burst


@pytest.fixture
async def bot(start_bot: BotFactory) -> AsyncIterator[Bot]:
    """The bot with the production burst (the other e2e tests lift the limit). The bucket does
    not refill within a test: on a loaded machine a hundred requests can take seconds to arrive,
    and a refill then would let a few more through. Refilling is tested in
    tests/bot/slack/test_rate_limit.py against a clock of the test's own."""
    async with start_bot(rate_limit=RateLimit(burst=BURST, per_second=1e-9)) as running:
        yield running


async def _open_dialogs(bot: Bot, user: str) -> list[object]:
    found: list[object] = []
    async with bot.running.services.db.transaction() as tx:
        for team in (TEAM_ID, OTHER_TEAM):
            dialog = await tx.dialogs.open_for(team, user)
            if dialog is not None:
                found.append(dialog)
    return found


async def test_a_command_from_another_workspace_is_refused_and_changes_nothing(
    bot: Bot, slack: FakeSlack
) -> None:
    reply = await bot.sender.post(slash_command(team_id=OTHER_TEAM, user_id="U0OUTSIDER"))
    assert reply.status == 200
    assert reply.json()["response_type"] == "ephemeral"
    assert "another Slack workspace" in reply.json()["text"]
    assert await _open_dialogs(bot, "U0OUTSIDER") == []
    assert slack.calls_to("chat.postMessage") == []


async def test_clicks_and_messages_from_another_workspace_are_refused(
    bot: Bot, slack: FakeSlack, practitioner: Practitioner
) -> None:
    await practitioner.start()
    posted = len(slack.calls_to("chat.postMessage"))
    value = practitioner.buttons()["answer_yes"]
    click = block_action("answer_yes", value, user_id=practitioner.user, team_id=OTHER_TEAM)
    typed = message_im("yes", user_id=practitioner.user, team_id=OTHER_TEAM)
    assert (await bot.sender.post(click)).status == 403
    assert (await bot.sender.post(typed)).status == 403
    async with bot.running.services.db.transaction() as tx:
        dialog = await tx.dialogs.open_for(TEAM_ID, practitioner.user)
    assert dialog is not None and dialog.state["answers"] == []
    assert len(slack.calls_to("chat.postMessage")) == posted


async def test_a_hundred_commands_at_once_get_one_slow_down_note_and_no_flood(
    bot: Bot, slack: FakeSlack, practitioner: Practitioner
) -> None:
    requests = [
        slash_command(user_id=practitioner.user, channel_id=practitioner.dm) for _ in range(100)
    ]
    replies = await asyncio.gather(*(bot.sender.post(request) for request in requests))
    assert all(reply.status == 200 for reply in replies)
    told = [reply for reply in replies if "faster than anyone" in reply.text]
    assert len(told) == 1
    assert told[0].json()["response_type"] == "ephemeral"
    # The requests within the burst were served, each showing the (one) dialog's step.
    await practitioner.wait_for_dm_posts(BURST)
    # Someone else is not slowed down by it; their step arrives after the burst's work.
    other = Practitioner(slack, bot, user="U0SOMEONE2")
    await other.start()
    assert len(practitioner.dm_posts()) == BURST
    assert len(await _open_dialogs(bot, practitioner.user)) == 1
