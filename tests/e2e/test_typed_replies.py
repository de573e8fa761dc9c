"""Typed replies in the DM work like the buttons; the bot's own messages are not answers."""

from __future__ import annotations

from tests.e2e.conftest import Practitioner
from tests.fakeslack import BOT_ID, FakeSlack


def _text(practitioner: Practitioner) -> str:
    return str(practitioner.message()["blocks"])


async def _say_and_wait(practitioner: Practitioner, text: str) -> None:
    posted = len(practitioner.dm_posts())
    await practitioner.say(text)
    await practitioner.wait_for_step(posted + 1)


async def test_typed_answers_walk_the_dialog_like_buttons(
    practitioner: Practitioner, slack: FakeSlack
) -> None:
    await _say_and_wait(practitioner, "hi")
    first = practitioner.latest_ts()
    assert "Question 1 of up to" in _text(practitioner)

    await _say_and_wait(practitioner, "yes")
    assert "Question 2 of up to" in _text(practitioner)
    # The typed answer closed the question's message as a click would.
    answered = practitioner.message(first)
    assert "You answered *Yes*" in str(answered["blocks"])
    assert all(block["type"] != "actions" for block in answered["blocks"])

    await _say_and_wait(practitioner, "not sure")
    assert "Seek advice." in _text(practitioner)
    await _say_and_wait(practitioner, "back")
    assert "Question 2 of up to" in _text(practitioner)
    await _say_and_wait(practitioner, "n")
    assert "You can share, but consider how" in _text(practitioner)

    await practitioner.say("banana")
    await practitioner.wait_for_dm_posts(6)
    # A note in the DM is an ordinary message: it stays on reload and on another device.
    assert "I did not understand that" in practitioner.notes()[-1]
    assert slack.calls_to("chat.postEphemeral") == []


async def test_the_bots_own_messages_are_not_answers(
    practitioner: Practitioner, slack: FakeSlack
) -> None:
    await practitioner.start()
    before = len(slack.calls)
    await practitioner.say("yes", bot_id=BOT_ID)
    # A real answer after it: once it is handled, the bot message would have been too.
    await _say_and_wait(practitioner, "no")
    assert "Do not share" in _text(practitioner)
    made = [call.method for call in slack.calls[before:]]
    assert made.count("chat.postMessage") == 1
    assert made.count("chat.update") == 1
