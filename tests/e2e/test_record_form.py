"""The record form of each outcome kind, through the real app and the fake Slack: the fields
that outcome asks for, choices pre-filled and limited by the path, plain-words hints, what a
cancelled form held kept for the next opening (across a restart), and the one reminder of an
outcome reached and not recorded (once, across two servers on one database)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from storage import Decision, DialogSession
from storage.verify import verify_chain
from tests.e2e.audit_helpers import outbox_rows, section_texts, to_audit
from tests.e2e.conftest import (
    SHARE_FIELDS,
    SHARE_WITHOUT_CONSENT,
    Bot,
    BotFactory,
    Practitioner,
    ScriptedSlack,
    eventually,
)
from tests.e2e.test_idle_dialogs import idle_for
from tests.fakeslack import TEAM_ID, FakeSlack

Json = dict[str, Any]

SHARE_NOT_PERSONAL = ("answer_yes", "answer_no")  # a purpose; identifies no one
NO_PURPOSE = ("answer_no",)  # -> do not share
ADVICE = ("answer_not_sure", "advice_sought")  # not sure of the purpose -> advice sought
SHARE_SELECTS = ("lawful_basis", "special_category", "consent", "informed")


def inputs(modal: Json) -> dict[str, Json]:
    """block id -> the input block, in the form's order."""
    return {block["block_id"]: block for block in modal["blocks"] if block["type"] == "input"}


def options(modal: Json, block_id: str) -> list[str]:
    return [option["value"] for option in inputs(modal)[block_id]["element"]["options"]]


def initial(modal: Json, block_id: str) -> str | None:
    element = inputs(modal)[block_id]["element"]
    chosen = element.get("initial_option")
    return chosen["value"] if chosen else element.get("initial_value")


def intro(modal: Json) -> str:
    return str(modal["blocks"][0]["text"]["text"])


async def recorded(bot: Bot, practitioner: Practitioner) -> Decision:
    [(_, decision)] = [row for row in await outbox_rows(bot) if row[1].user_id == practitioner.user]
    assert (await verify_chain(bot.running.services.db)).intact  # the new fields are chained
    return decision


async def audit_text(slack: FakeSlack) -> str:
    [post] = await slack.wait_for("chat.postMessage", 1, where=to_audit)
    return "\n".join(section_texts(post.params["blocks"]))


async def open_dialog(bot: Bot, practitioner: Practitioner) -> DialogSession:
    async with bot.running.services.db.transaction() as tx:
        dialog = await tx.dialogs.open_for(TEAM_ID, practitioner.user)
    assert dialog is not None
    return dialog


def assert_accessible(modal: Json) -> None:
    """Every input is labelled, hinted in words, and no menu says only "Choose"."""
    for block_id, block in inputs(modal).items():
        assert block["label"]["text"].strip(), block_id
        assert len(block["hint"]["text"]) > 20, block_id
        placeholder = block["element"].get("placeholder", {}).get("text")
        if block["element"]["type"] == "static_select":
            assert placeholder and placeholder != "Choose" and len(placeholder.split()) > 2


async def test_the_share_form_asks_the_purpose_and_fills_in_what_the_path_settles(
    practitioner: Practitioner, bot: Bot, slack: FakeSlack
) -> None:
    await practitioner.start()
    await practitioner.walk(SHARE_NOT_PERSONAL)
    modal = await practitioner.open_record_modal()
    assert list(inputs(modal)) == [
        "reasons", "information", "shared_with", "purpose", *SHARE_SELECTS,
    ]
    assert not inputs(modal)["purpose"].get("optional")
    assert modal["title"]["text"] == "Record decision" and modal["notify_on_close"] is True
    assert_accessible(modal)
    hint = inputs(modal)["lawful_basis"]["hint"]["text"]
    assert "Public task" in hint and "school" in hint and "health visitor" in hint
    # It identifies no one: no lawful basis or consent is needed, and no special category
    # data can be in it. The form says so already, and offers nothing else.
    settled = {"lawful_basis": "not_personal", "consent": "not_needed",
               "special_category": "none_included"}
    for name, value in settled.items():
        assert initial(modal, name) == value and options(modal, name) == [value]
    assert initial(modal, "informed") is None
    assert "already settle" in intro(modal)

    text = {"reasons": "Figures only.", "information": "Attendance totals",
            "shared_with": "Local authority", "informed": "not_applicable"}
    reply = await practitioner.send(practitioner.submission(modal, text))
    assert reply.json() == {
        "response_action": "errors",
        "errors": {"purpose": "Please fill in: purpose of sharing."},
    }
    preview = await practitioner.preview({**text, "purpose": "Council planning of places"})
    assert "Purpose of sharing" in str(preview["blocks"])
    await practitioner.send(practitioner.confirmation(preview))

    decision = await recorded(bot, practitioner)
    assert decision.fields["purpose"] == "Council planning of places"
    assert decision.fields["lawful_basis"] == "not_personal"
    assert "*Purpose of sharing:*\n> Council planning of places" in await audit_text(slack)


async def test_the_share_without_consent_form_offers_only_what_no_consent_allows(
    practitioner: Practitioner, bot: Bot
) -> None:
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    modal = await practitioner.open_record_modal()
    assert list(inputs(modal)) == [
        "reasons", "information", "shared_with", "purpose", *SHARE_SELECTS,
    ]
    assert_accessible(modal)
    assert "given" not in options(modal, "consent")
    assert "consent" not in options(modal, "lawful_basis")
    assert "not_personal" not in options(modal, "lawful_basis")
    # Nothing on this path settles a choice: none is made for the practitioner.
    assert all(initial(modal, name) is None for name in SHARE_SELECTS)
    assert "already settle" not in intro(modal)

    await practitioner.record(SHARE_FIELDS)
    decision = await recorded(bot, practitioner)
    assert decision.fields["purpose"] == SHARE_FIELDS["purpose"]
    assert decision.outcome == "share_without_consent"


async def test_the_do_not_share_form_asks_who_requested_it(
    practitioner: Practitioner, bot: Bot, slack: FakeSlack
) -> None:
    await practitioner.start()
    await practitioner.walk(NO_PURPOSE)
    modal = await practitioner.open_record_modal()
    assert list(inputs(modal)) == ["reasons", "requested_by", "information"]
    assert inputs(modal)["requested_by"]["label"]["text"] == "Requested by (agency or role)"
    assert inputs(modal)["requested_by"].get("optional") is True
    assert_accessible(modal)

    await practitioner.record(
        {"reasons": "No purpose was given for the request.", "requested_by": "A youth club"}
    )
    decision = await recorded(bot, practitioner)
    assert decision.fields == {
        "reasons": "No purpose was given for the request.",
        "requested_by": "A youth club",
    }
    assert "*Requested by (agency or role):*\n> A youth club" in await audit_text(slack)


async def test_the_advice_form_asks_who_was_asked_what_they_said_and_what_next(
    practitioner: Practitioner, bot: Bot, slack: FakeSlack
) -> None:
    await practitioner.start()
    await practitioner.walk(ADVICE)
    modal = await practitioner.open_record_modal()
    assert modal["title"]["text"] == "Record advice sought"
    assert "Record the decision" not in intro(modal)
    assert "who you asked, what they advised and what happens next" in intro(modal)
    assert list(inputs(modal)) == ["advice_from", "advice_given", "next_steps", "reasons"]
    assert [name for name, block in inputs(modal).items() if block.get("optional")] == [
        "reasons"
    ]
    assert_accessible(modal)

    reply = await practitioner.send(
        practitioner.submission(modal, {"advice_from": "Designated safeguarding lead"})
    )
    assert set(reply.json()["errors"]) == {"advice_given", "next_steps"}
    advice = {
        "advice_from": "Designated safeguarding lead",
        "advice_given": "Ask the requester what the information is for.",
        "next_steps": "Email the requester today, then decide again.",
    }
    await practitioner.record(advice)
    decision = await recorded(bot, practitioner)
    assert decision.fields == advice
    # The last post is the confirmation; its `text` has every word, for screen readers.
    confirmation = str(practitioner.dm_posts()[-1].params["text"])
    assert confirmation.startswith(f"*Advice sought recorded: `{decision.reference}`*")
    assert "come back and work through the questions again" in confirmation
    posted = await audit_text(slack)
    assert "*What they advised:*\n> Ask the requester" in posted
    assert "*What happens next:*\n> Email the requester" in posted


async def _cancelled(bot: Bot, practitioner: Practitioner, values: Mapping[str, str]) -> Json:
    """Open the form, type `values`, press Cancel; wait until the bot has kept it."""
    modal = await practitioner.open_record_modal()
    before = (await open_dialog(bot, practitioner)).revision
    reply = await practitioner.send(practitioner.cancellation(modal, values))
    assert reply.status == 200

    async def kept() -> bool:
        return (await open_dialog(bot, practitioner)).revision > before

    await eventually(kept)
    return modal


async def test_what_was_typed_survives_cancel_and_a_restart_until_the_dialog_ends(
    start_bot: BotFactory, slack: ScriptedSlack
) -> None:
    typed = {"reasons": "Kayleigh Whitfield told her teacher about bruising.",
             "purpose": "So social care can assess the risk.", "consent": "not_sought_risk"}
    async with start_bot() as first:
        practitioner = Practitioner(slack, first)
        await practitioner.start()
        await practitioner.walk(SHARE_WITHOUT_CONSENT)
        modal = await _cancelled(first, practitioner, typed)
        draft = (await open_dialog(first, practitioner)).draft
        assert draft is not None and "Whitfield" not in str(draft)  # kept anonymised only
        # Slack clearing the form itself (after a confirmation) is not a cancel: nothing kept.
        reply = await practitioner.send(practitioner.cancellation(modal, {}, is_cleared=True))
        assert reply.status == 200
    async with start_bot() as restarted:
        practitioner.bot = restarted
        assert (await open_dialog(restarted, practitioner)).draft == draft
        reopened = await practitioner.open_record_modal()
        assert initial(reopened, "purpose") == typed["purpose"]
        assert initial(reopened, "consent") == "not_sought_risk"
        reasons = initial(reopened, "reasons")
        assert reasons and "told her teacher about bruising" in reasons
        assert initial(reopened, "shared_with") is None  # never typed

        # Cancelled again with a field emptied: the form keeps exactly what it last held.
        await _cancelled(restarted, practitioner, {**typed, "purpose": ""})
        assert "purpose" not in ((await open_dialog(restarted, practitioner)).draft or {})

        await practitioner.record(SHARE_FIELDS)
        decision = await recorded(restarted, practitioner)
        assert decision.fields["purpose"] == SHARE_FIELDS["purpose"]
        async with restarted.running.services.db.transaction() as tx:
            ended = await tx.dialogs.get(decision.dialog_id)
        assert ended is not None and ended.draft is None  # the dialog ended: so did the draft


async def test_a_form_cancelled_after_the_dialog_moved_on_keeps_nothing(
    practitioner: Practitioner, bot: Bot
) -> None:
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    modal = await practitioner.open_record_modal()
    await practitioner.answer("back")
    before = await open_dialog(bot, practitioner)
    reply = await practitioner.send(practitioner.cancellation(modal, {"reasons": "late"}))
    assert reply.status == 200
    # The cancel is answered at once and kept (or not) after: a later action, once the
    # practitioner's next answer is stored, shows the dialog untouched by it.
    await practitioner.answer("answer_yes")
    after = await open_dialog(bot, practitioner)
    assert after.draft is None and after.revision == before.revision + 1


def not_recorded(practitioner: Practitioner) -> list[Json]:
    return [
        call.params
        for call in practitioner.dm_posts()
        if "not recorded yet" in call.params.get("text", "")
    ]


async def test_an_outcome_left_unrecorded_is_reminded_once_across_servers(
    start_bot: BotFactory, slack: ScriptedSlack
) -> None:
    async with start_bot() as first, start_bot() as second:
        practitioner = Practitioner(slack, first)
        await practitioner.start()
        await practitioner.walk(SHARE_WITHOUT_CONSENT)
        await idle_for(first, practitioner.user, timedelta(hours=25))

        rounds = await asyncio.gather(
            first.running.idle_dialogs.round(), second.running.idle_dialogs.round()
        )
        assert sorted(sent for sent, _ in rounds) == [0, 1]
        [reminder] = not_recorded(practitioner)
        # The whole message is in `text`, for screen readers, and says what to do.
        words = reminder["text"]
        assert "You reached *Share without consent*" in words and "only reminder" in words
        assert words == reminder["blocks"][0]["text"]["text"]
        assert set(practitioner.buttons()) == {"record_decision"}

        # The reminder's button opens the form; cancelling it is activity, yet the
        # practitioner who walks away again is not reminded a second time.
        form = await _cancelled(first, practitioner, {"reasons": "Started the record."})
        assert form["callback_id"] == "record_decision"
        await idle_for(first, practitioner.user, timedelta(hours=25))
        rounds = await asyncio.gather(
            first.running.idle_dialogs.round(), second.running.idle_dialogs.round()
        )
        assert [sent for sent, _ in rounds] == [0, 0]
    async with start_bot() as restarted:
        assert await restarted.running.idle_dialogs.round() == (0, 0)
    assert len(not_recorded(practitioner)) == 1
