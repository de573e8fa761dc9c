from __future__ import annotations

from tests.e2e.conftest import AUDIT_CHANNEL, Bot
from tests.fakeslack import FakeSlack
from tests.slack_requests import PRACTITIONER_ID, slash_command


async def test_slash_command_posts_first_question_in_dm(bot: Bot, slack: FakeSlack) -> None:
    reply = await bot.sender.post(slash_command(""))
    assert reply.status == 200
    posts = await slack.wait_for("chat.postMessage")
    assert posts[0].params["channel"] == PRACTITIONER_ID
    assert "legitimate purpose" in str(posts[0].params["blocks"])
    assert AUDIT_CHANNEL not in [call.params.get("channel") for call in posts]
