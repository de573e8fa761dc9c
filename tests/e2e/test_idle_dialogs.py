"""Idle dialogs through the real app and the fake Slack: one reminder in the DM (exactly once
across replicas and restarts), then expiry; an expired dialog's buttons say so and offer a
fresh start."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import update

from storage import DialogSession, DialogStatus
from storage.columns import utc_now
from tests.e2e.conftest import Bot, BotFactory, Practitioner, ScriptedSlack
from tests.fakeslack import TEAM_ID

REMINDER = "still in progress"


async def idle_for(bot: Bot, user: str, idle: timedelta) -> None:
    """The practitioner's dialog was last touched `idle` ago (as if they walked away)."""
    async with bot.running.services.db.engine.begin() as connection:
        await connection.execute(
            update(DialogSession)
            .where(DialogSession.user_id == user)  # type: ignore[arg-type]
            .values(updated_at=utc_now() - idle)
        )


def reminders(practitioner: Practitioner) -> list[str]:
    return [
        call.params["text"]
        for call in practitioner.dm_posts()
        if REMINDER in call.params.get("text", "")
    ]


async def test_an_idle_dialog_is_reminded_once_across_replicas_and_restarts(
    start_bot: BotFactory, slack: ScriptedSlack
) -> None:
    async with start_bot() as first, start_bot() as second:
        practitioner = Practitioner(slack, first)
        await practitioner.start()
        await practitioner.answer("answer_yes")
        await idle_for(first, practitioner.user, timedelta(hours=25))

        rounds = await asyncio.gather(
            first.running.idle_dialogs.round(), second.running.idle_dialogs.round()
        )
        assert sorted(sent for sent, _ in rounds) == [0, 1]
        assert await second.running.idle_dialogs.round() == (0, 0)
    async with start_bot() as restarted:  # a restart does not send it again
        assert await restarted.running.idle_dialogs.round() == (0, 0)
        [text] = reminders(practitioner)
        assert "Your decision is still in progress" in text
        assert set(practitioner.buttons()) == {"resume"}

        # Carry on from the reminder: the step is shown again and the idle spell ends.
        practitioner.bot = restarted
        reminder_ts = practitioner.latest_ts()
        posted = len(practitioner.dm_posts())
        await practitioner.click("resume", reminder_ts)
        await practitioner.wait_for_step(posted + 1)
        assert "Continued in a newer message" in str(practitioner.message(reminder_ts)["blocks"])
        async with restarted.running.services.db.transaction() as tx:
            dialog = await tx.dialogs.open_for(TEAM_ID, practitioner.user)
        assert dialog is not None and dialog.nudged_at is None

        # A new idle spell earns a new reminder.
        await idle_for(restarted, practitioner.user, timedelta(hours=25))
        assert await restarted.running.idle_dialogs.round() == (1, 0)
        assert len(reminders(practitioner)) == 2


async def test_a_reminder_slack_refused_is_sent_on_the_next_round(
    bot: Bot, practitioner: Practitioner, slack: ScriptedSlack
) -> None:
    await practitioner.start()
    await idle_for(bot, practitioner.user, timedelta(hours=30))
    slack.error_next_post_to(practitioner.user, "fatal_error")  # the bot posts to the user ID
    assert await bot.running.idle_dialogs.round() == (0, 0)
    assert reminders(practitioner) == []
    assert await bot.running.idle_dialogs.round() == (1, 0)
    assert len(reminders(practitioner)) == 1


async def test_an_expired_dialogs_buttons_say_so_and_offer_a_fresh_start(
    bot: Bot, practitioner: Practitioner, slack: ScriptedSlack
) -> None:
    await practitioner.start()
    await practitioner.answer("answer_yes")
    step_ts = practitioner.latest_ts()
    async with bot.running.services.db.transaction() as tx:
        before = await tx.dialogs.open_for(TEAM_ID, practitioner.user)
    assert before is not None

    await idle_for(bot, practitioner.user, timedelta(days=15))
    assert await bot.running.idle_dialogs.round() == (0, 1)  # expired, not reminded
    async with bot.running.services.db.transaction() as tx:
        expired = await tx.dialogs.get(before.id or 0)
        assert await tx.dialogs.open_for(TEAM_ID, practitioner.user) is None
    assert expired is not None and expired.status == DialogStatus.ABANDONED
    assert expired.expired_at is not None and reminders(practitioner) == []
    # The message that showed the step now says it expired, with a fresh start.
    shown = practitioner.message(step_ts)
    assert "has expired" in shown["text"] and "nothing was recorded" in str(shown["blocks"])
    assert set(practitioner.buttons(step_ts)) == {"start_new"}

    # A click on the step as first posted (a client that has not refreshed) changes nothing
    # and replaces that message with the same notice.
    name = practitioner.response_name()
    reply = await practitioner.send(
        practitioner.click_request("answer_no", step_ts, name, as_posted=True)
    )
    assert reply.status == 200
    [answer] = await slack.wait_for_post(name)
    assert answer.body["replace_original"] is True
    assert "has expired" in answer.body["text"]
    assert "start_new" in str(answer.body["blocks"])
    async with bot.running.services.db.transaction() as tx:
        assert (await tx.dialogs.get(before.id or 0)) == expired

    # The fresh start.
    posted = len(practitioner.dm_posts())
    await practitioner.click("start_new", step_ts)
    await practitioner.wait_for_step(posted + 1)
    async with bot.running.services.db.transaction() as tx:
        fresh = await tx.dialogs.open_for(TEAM_ID, practitioner.user)
    assert fresh is not None and fresh.id != before.id and fresh.state["answers"] == []
