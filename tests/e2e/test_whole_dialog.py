"""A whole decision, from `/infoshare` to the audit post, as Slack would drive it."""

from __future__ import annotations

import re

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import AuditOutbox, Decision, OutboxStatus
from tests.e2e.conftest import (
    AUDIT_CHANNEL,
    SHARE_FIELDS,
    SHARE_WITHOUT_CONSENT,
    Bot,
    Practitioner,
    eventually,
    payload_of,
)
from tests.fakeslack import Call, FakeSlack

REFERENCE = re.compile(r"IS-\d{4}-\d{4}")


def _audit_posts(slack: FakeSlack) -> list[Call]:
    return [
        c for c in slack.calls_to("chat.postMessage") if c.params.get("channel") == AUDIT_CHANNEL
    ]


def _has_buttons(message: dict[str, object]) -> bool:
    blocks = message.get("blocks")
    return isinstance(blocks, list) and any(b.get("type") == "actions" for b in blocks)


async def test_whole_dialog_from_command_to_audit_post(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot
) -> None:
    await practitioner.start()
    first = practitioner.message()
    assert "Question 1 of up to" in str(first["blocks"])
    assert set(practitioner.buttons()) >= {"answer_yes", "answer_no", "answer_not_sure", "help"}

    asked: list[str] = []
    for action in SHARE_WITHOUT_CONSENT:
        asked.append(practitioner.latest_ts())
        await practitioner.answer(action)
    # Each answered question keeps its words and shows the answer, with its buttons gone.
    for ts in asked:
        answered = practitioner.message(ts)
        assert not _has_buttons(answered), ts
        assert "You answered" in str(answered["blocks"])
    updated = {c.params["ts"] for c in slack.calls_to("chat.update")}
    assert set(asked) <= updated
    outcome_ts = practitioner.latest_ts()
    assert "Share without consent" in str(practitioner.message()["blocks"])

    clicked = practitioner.click_request("record_decision")
    reply = await bot.sender.post(clicked)
    assert reply.status == 200
    opened = await slack.wait_for("views.open")
    assert opened[0].params["trigger_id"] == payload_of(clicked)["trigger_id"]
    modal = opened[0].params["view"]
    assert modal["callback_id"] == "record_decision"
    assert {b["block_id"] for b in modal["blocks"] if b["type"] == "input"} == set(SHARE_FIELDS)

    submitted = await bot.sender.post(practitioner.submission(modal, SHARE_FIELDS))
    preview = await practitioner.previewed(submitted)
    assert preview["callback_id"] == "preview_decision"
    assert "Children's Social Care" in str(preview["blocks"]).replace("&#x27;", "'")

    dm_posts = len(practitioner.dm_posts())
    confirmed = await bot.sender.post(practitioner.confirmation(preview))
    assert confirmed.json() == {"response_action": "clear"}
    posts = await practitioner.wait_for_dm_posts(dm_posts + 1)
    found = REFERENCE.search(posts[-1].params["text"] + str(posts[-1].params["blocks"]))
    assert found is not None
    reference = found.group(0)
    # The outcome message is closed with the reference, its Record button gone.
    assert not _has_buttons(practitioner.message(outcome_ts))
    assert reference in str(practitioner.message(outcome_ts)["blocks"])

    audit = await slack.wait_for(
        "chat.postMessage", where=lambda c: c.ok and c.params.get("channel") == AUDIT_CHANNEL
    )
    assert len(audit) == 1
    summary = str(audit[0].params["blocks"])
    assert reference in summary
    assert "Share without consent" in summary
    assert (
        "• Clear and legitimate purpose? Yes\n• Identifies someone? Yes\n• Confidential? Yes\n"
        "• Consent? No\n• Another reason to share? Yes"
    ) in audit[0].params["blocks"][0]["text"]["text"]
    for shown in ("Attendance record", "Public task", "Not sought: asking would increase"):
        assert shown in summary, shown
    assert f"<@{practitioner.user}>" in summary

    async with AsyncSession(bot.running.services.db.engine) as session:
        decisions = (await session.exec(select(Decision))).all()
        outbox = (await session.exec(select(AuditOutbox))).all()
    assert [d.reference for d in decisions] == [reference]
    assert decisions[0].outcome == "share_without_consent"
    assert len(outbox) == 1
    # The outbox row is marked posted, with the message's ts, just after the post returns.
    row = await eventually(lambda: _posted(bot, outbox[0].id))
    assert row.posted_ts == audit[0].response["ts"]


async def _posted(bot: Bot, outbox_id: int | None) -> AuditOutbox | None:
    async with AsyncSession(bot.running.services.db.engine) as session:
        row = await session.get(AuditOutbox, outbox_id)
    return row if row is not None and row.status == OutboxStatus.POSTED else None


async def test_command_in_a_channel_answers_ephemerally_and_continues_in_the_dm(
    practitioner: Practitioner, slack: FakeSlack
) -> None:
    slack.add_channel("C0GENERAL1", "general", is_private=False, is_member=True)
    reply, name = await practitioner.command(channel="C0GENERAL1")
    assert reply.status == 200
    posts = await slack.wait_for_post(name)
    assert posts[0].body["response_type"] == "ephemeral"
    assert "sent you a direct message" in posts[0].body["text"]
    dm = await practitioner.wait_for_dm_posts(1)
    assert "Question 1 of up to" in str(dm[0].params["blocks"])
    to_channel = [
        call
        for call in slack.calls
        if call.params.get("channel") == "C0GENERAL1"
        or call.response.get("channel") == "C0GENERAL1"
    ]
    assert to_channel == []
    assert "Question 1 of up to" not in str(posts[0].body)
