"""Over-long text gets a friendly message, and none of it is kept."""

from __future__ import annotations

import logging

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import AuditOutbox, Decision, DialogSession, SlackDelivery
from tests.e2e.conftest import SHARE_FIELDS, SHARE_WITHOUT_CONSENT, Bot, Practitioner
from tests.fakeslack import FakeSlack

MARKER = "Zebedee"  # a word that appears nowhere else


async def _stored(bot: Bot) -> str:
    """Every row of every table, as text."""
    rows: list[object] = []
    async with AsyncSession(bot.running.services.db.engine) as session:
        for table in (DialogSession, SlackDelivery, Decision, AuditOutbox):
            rows += list((await session.exec(select(table))).all())
    return "\n".join(repr(row) for row in rows)


async def test_a_long_typed_message_gets_a_friendly_note_and_is_not_kept(
    practitioner: Practitioner, slack: FakeSlack, bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot")
    await practitioner.start()
    before = await _stored(bot)
    text = (f"{MARKER} said yes to everything. " * 200)[:5000]
    await practitioner.say(text)
    await practitioner.wait_for_dm_posts(2)  # a note, as an ordinary message in the DM
    [note] = practitioner.notes()
    assert "long message" in note
    assert MARKER not in slack.all_text().replace(text, "")  # not echoed back anywhere

    stored = await _stored(bot)
    assert MARKER not in stored
    assert stored.count("state=") == before.count("state=")
    assert "Question 1 of up to" in str(practitioner.message()["blocks"])  # not taken as "yes"
    assert len(practitioner.dm_posts()) == 2
    assert MARKER not in caplog.text


async def test_a_long_command_is_refused_politely(
    practitioner: Practitioner, slack: FakeSlack
) -> None:
    reply, name = await practitioner.command(f"{MARKER} " * 60)
    assert reply.status == 200
    posts = await slack.wait_for_post(name)
    assert posts[0].body["response_type"] == "ephemeral"
    assert "more than `/infoshare` needs" in posts[0].body["text"]
    assert practitioner.dm_posts() == []


async def test_over_long_modal_fields_are_shown_inline(
    practitioner: Practitioner, bot: Bot
) -> None:
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    modal = await practitioner.open_record_modal()
    too_long = {**SHARE_FIELDS, "reasons": MARKER * 300, "information": "x" * 201}
    reply = await bot.sender.post(practitioner.submission(modal, too_long))
    body = reply.json()
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {"reasons", "information"}
    assert "under 1500" in body["errors"]["reasons"]
    assert MARKER not in await _stored(bot)

    # Fixed, it goes through to the preview.
    fixed = await bot.sender.post(practitioner.submission(modal, SHARE_FIELDS))
    assert (await practitioner.previewed(fixed))["callback_id"] == "preview_decision"
