"""A click on an earlier question's button, or on an ended dialog, changes nothing."""

from __future__ import annotations

from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import Decision
from tests.e2e.conftest import SHARE_WITHOUT_CONSENT, Bot, Practitioner
from tests.fakeslack import TEAM_ID, FakeSlack


async def _state(bot: Bot, user: str) -> tuple[object, ...] | None:
    async with bot.running.services.db.transaction() as tx:
        dialog = await tx.dialogs.open_for(TEAM_ID, user)
    if dialog is None:
        return None
    return (dialog.state, dialog.status, dialog.revision, dialog.message_ts)


async def _refused(practitioner: Practitioner, slack: FakeSlack, action: str, ts: str) -> str:
    name = practitioner.response_name()
    request = practitioner.click_request(action, ts=ts, response_name=name, as_posted=True)
    assert (await practitioner.send(request)).status == 200
    posts = await slack.wait_for_post(name)
    assert posts[0].body["response_type"] == "ephemeral"
    assert posts[0].body.get("replace_original") is False
    text: str = posts[0].body["text"]
    return text


async def test_a_button_of_an_earlier_question_changes_nothing(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot
) -> None:
    await practitioner.start()
    first = practitioner.latest_ts()
    await practitioner.walk(("answer_yes", "answer_yes"))
    second = practitioner.dm_posts()[-2].response["ts"]
    before = await _state(bot, practitioner.user)
    calls = len(slack.calls)

    for action, ts in (("answer_no", first), ("answer_not_sure", second), ("help", first)):
        text = await _refused(practitioner, slack, action, ts)
        assert "already been answered" in text

    assert await _state(bot, practitioner.user) == before
    assert len(slack.calls) == calls  # no message posted or updated
    assert "Question 3 of up to" in str(practitioner.message()["blocks"])


async def test_a_button_of_a_recorded_dialog_changes_nothing(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot
) -> None:
    await practitioner.start()
    first = practitioner.latest_ts()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    outcome = practitioner.latest_ts()
    await practitioner.record()
    await slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"].startswith("G"))
    calls = len(slack.calls)
    opened = len(slack.calls_to("views.open"))

    for action, ts in (("back", outcome), ("record_decision", outcome), ("restart_ask", outcome)):
        text = await _refused(practitioner, slack, action, ts)
        assert "has ended" in text, (action, text)
    text = await _refused(practitioner, slack, "answer_yes", first)
    assert "already been answered" in text or "has ended" in text

    assert await _state(bot, practitioner.user) is None  # nothing reopened
    assert len(slack.calls) == calls
    assert len(slack.calls_to("views.open")) == opened
    async with AsyncSession(bot.running.services.db.engine) as session:
        assert (await session.exec(select(func.count()).select_from(Decision))).one() == 1
