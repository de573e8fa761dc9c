"""The practitioner's side of the dialog (issue 14): an unfinished dialog is met again safely,
answers are never guessed, "Start again" asks first, notes stay in the DM, and the channel
reply links to the DM. Through the real app and the fake Slack Web API."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import DialogSession
from tests.e2e.conftest import Bot, BotFactory, Practitioner
from tests.fakeslack import APP_ID, TEAM_ID, FakeSlack
from tests.slack_requests import app_home_opened


async def _dialogs(bot: Bot, user: str) -> list[tuple[str, dict[str, Any]]]:
    async with AsyncSession(bot.running.services.db.engine) as session:
        rows = await session.exec(
            select(DialogSession)
            .where(col(DialogSession.user_id) == user)
            .order_by(col(DialogSession.id))
        )
        return [(str(row.status), row.state) for row in rows]


def _first_section(message: dict[str, Any]) -> str:
    return str(message["blocks"][0]["text"]["text"])


def _styles(message: dict[str, Any]) -> set[str | None]:
    return {
        element.get("style")
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["type"] == "button"
    }


async def test_an_unfinished_dialog_met_again_after_a_restart_asks_before_carrying_on(
    slack: FakeSlack, start_bot: BotFactory
) -> None:
    async with start_bot() as first:
        practitioner = Practitioner(slack, first)
        await practitioner.start()
        await practitioner.walk(("answer_yes", "answer_yes"))
        step = practitioner.latest_ts()
    async with start_bot() as restarted:  # the dialog lives in the database, not the process
        practitioner.bot = restarted
        posted = len(practitioner.dm_posts())
        await practitioner.command()
        await practitioner.wait_for_dm_posts(posted + 1)
        prompt = practitioner.message()
        words = prompt["text"]
        assert "You have a decision in progress" in words
        assert "You started it on " in words and ("GMT" in words or "BST" in words)
        assert "question 3 of up to 5 (Confidential?)" in words
        assert "different child" in words
        assert set(practitioner.buttons()) == {"resume", "start_fresh"}
        assert _styles(prompt) == {None}  # neither choice pressed on the practitioner
        assert practitioner.buttons(step) == {}  # the old question cannot take an answer now

        # Carry on: the question is shown again, where it was.
        posted = len(practitioner.dm_posts())
        await practitioner.click("resume")
        await practitioner.wait_for_step(posted + 1)
        assert _first_section(practitioner.message()).startswith("*Question 3 of up to 5.*")
        assert [s for s, _ in await _dialogs(restarted, practitioner.user)] == ["active"]


async def test_start_a_new_decision_closes_the_unfinished_one_once(
    practitioner: Practitioner, bot: Bot
) -> None:
    await practitioner.start()
    await practitioner.answer("answer_yes")
    posted = len(practitioner.dm_posts())
    await practitioner.say("hi")
    await practitioner.wait_for_dm_posts(posted + 1)
    prompt = practitioner.latest_ts()
    stale = practitioner.click_request("start_fresh", prompt)

    posted = len(practitioner.dm_posts())
    await practitioner.click("start_fresh", prompt)
    await practitioner.wait_for_step(posted + 1)
    assert "started a new decision" in practitioner.message(prompt)["text"]
    fresh = practitioner.message()
    assert "Up to 5 short questions" in fresh["text"]  # the welcome, then question 1
    assert "Question 1 of up to 5." in fresh["text"]
    dialogs = await _dialogs(bot, practitioner.user)
    assert [status for status, _ in dialogs] == ["abandoned", "active"]
    assert dialogs[1][1]["answers"] == []

    # The same choice clicked again (a stale copy): refused, no third dialog.
    reply = await practitioner.send(stale)
    assert reply.status == 200
    assert [status for status, _ in await _dialogs(bot, practitioner.user)] == [
        "abandoned",
        "active",
    ]


async def test_typed_ok_is_not_an_answer_and_resume_and_carry_on_work(
    practitioner: Practitioner, bot: Bot, slack: FakeSlack
) -> None:
    await practitioner.start()
    question = practitioner.latest_ts()
    posted = len(practitioner.dm_posts())
    await practitioner.say("ok")
    await practitioner.wait_for_dm_posts(posted + 1)
    assert "I did not understand that" in practitioner.notes()[-1]
    [(_, state)] = await _dialogs(bot, practitioner.user)
    assert state["answers"] == []  # not taken as Yes
    assert practitioner.latest_ts() == question

    for word in ("resume", "carry on"):
        posted = len(practitioner.dm_posts())
        await practitioner.say("pause")  # as the Pause button does
        await practitioner.wait_for_dm_posts(posted + 1)
        assert set(practitioner.buttons()) == {"resume"}
        assert "type resume or carry on" in practitioner.message()["text"]
        assert [s for s, _ in await _dialogs(bot, practitioner.user)] == ["paused"]
        await practitioner.say(word)
        await practitioner.wait_for_step(posted + 2)
        assert "Question 1 of up to 5." in practitioner.message()["text"], word
        assert [s for s, _ in await _dialogs(bot, practitioner.user)] == ["active"]
    assert slack.calls_to("chat.postEphemeral") == []  # notes are ordinary DM messages


async def test_start_again_asks_first_by_menu_and_by_typing(
    practitioner: Practitioner, bot: Bot
) -> None:
    await practitioner.start()
    await practitioner.walk(("answer_yes", "answer_yes"))
    question = practitioner.latest_ts()

    # From the step's menu: a question first; keeping the answers changes nothing.
    posted = len(practitioner.dm_posts())
    await practitioner.click("restart_ask")
    await practitioner.wait_for_dm_posts(posted + 1)
    ask = practitioner.message()
    assert "Start again?" in ask["text"] and "your 2 answers" in ask["text"]
    assert _styles(ask) == {"danger", None}  # only the destructive choice is marked
    _, name = await practitioner.click("keep_answers")
    await practitioner.slack.wait_for_post(name)
    [(_, state)] = await _dialogs(bot, practitioner.user)
    assert len(state["answers"]) == 2

    # Typed: the same question; confirmed, the answers go and question 1 is shown.
    posted = len(practitioner.dm_posts())
    await practitioner.say("start again")
    await practitioner.wait_for_dm_posts(posted + 1)
    ask_ts = practitioner.latest_ts()
    assert set(practitioner.buttons()) == {"restart", "keep_answers"}
    await practitioner.click("restart", ask_ts)
    await practitioner.wait_for_step(posted + 2)
    assert "Question 1 of up to 5." in practitioner.message()["text"]
    assert "started again" in practitioner.message(ask_ts)["text"]
    assert "You started again" in practitioner.message(question)["text"]
    [(_, state)] = await _dialogs(bot, practitioner.user)
    assert state["answers"] == []


async def test_the_channel_reply_links_to_the_dm_and_help_stays_in_the_dm(
    practitioner: Practitioner, slack: FakeSlack
) -> None:
    reply, name = await practitioner.command(channel="C0GENERAL1")
    assert reply.status == 200
    [told] = await slack.wait_for_post(name)
    assert told.body["response_type"] == "ephemeral"
    link = f"<https://slack.com/app_redirect?app={APP_ID}&team={TEAM_ID}|"
    assert link in told.body["text"]

    await practitioner.wait_for_step(1)
    for action, words in (("help", "Why am I asked this?"), ("emergency", "999")):
        posted = len(practitioner.dm_posts())
        await practitioner.click(action)
        await practitioner.wait_for_dm_posts(posted + 1)
        assert words in practitioner.notes()[-1]
    assert slack.calls_to("chat.postEphemeral") == []


async def test_the_first_open_of_the_dm_is_welcomed_once(
    practitioner: Practitioner, bot: Bot, slack: FakeSlack
) -> None:
    def opened(number: int) -> Any:
        return app_home_opened(
            practitioner.user, event_id=f"EvOpen{number}", tab="messages",
            channel_id=practitioner.dm,
        )

    assert (await bot.sender.post(opened(1))).status == 200
    await practitioner.wait_for_dm_posts(1)
    [welcome] = practitioner.notes()
    assert "Welcome to infoshare" in welcome and "999" in welcome
    assert "Type start here" in welcome

    # Opened again: the DM has a message now, so no second welcome (the decision comes next).
    assert (await bot.sender.post(opened(2))).status == 200
    await slack.wait_for("conversations.history", 2)
    await practitioner.start()
    assert practitioner.notes() == [welcome]
