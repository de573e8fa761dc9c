"""A request acknowledged and then not applied is answered, never left to vanish.

The HTTP status is not asserted: when a listener fails within Bolt's 10 ms ack poll, Bolt
(1.30, process_before_response=False) overwrites the ack with None and answers 404."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Bot, Practitioner
from tests.fakeslack import FakeSlack


async def test_a_click_that_fails_after_its_ack_is_visibly_refused(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    await practitioner.start()
    posted = len(practitioner.dm_posts())
    await bot.running.services.db.close()  # every transaction now fails

    name = practitioner.response_name()
    await practitioner.send(practitioner.click_request("answer_yes", response_name=name))

    reply = (await slack.wait_for_post(name))[0].body
    assert reply["response_type"] == "ephemeral"
    assert reply.get("replace_original") is False
    assert "did not go through" in reply["text"]
    assert "/infoshare resume" in reply["text"]
    assert len(practitioner.dm_posts()) == posted  # nothing applied
    assert "a listener failed (RuntimeError)" in caplog.text


async def test_a_command_that_fails_after_its_ack_is_visibly_refused(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot
) -> None:
    await bot.running.services.db.close()

    _, name = await practitioner.command()

    text = (await slack.wait_for_post(name))[0].body["text"]
    assert "did not go through" in text
    assert practitioner.dm_posts() == []
