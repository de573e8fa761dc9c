"""Supervision through the fake Slack: review buttons on the audit post (a supervisor's click and
anyone else's), the follow-up reaching the practitioner, App Home for both, and the daily
digest posted once by two replicas."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.slack import pending
from storage.tables import Review, ReviewKind
from tests.e2e.audit_helpers import record_as, to_audit
from tests.e2e.conftest import (
    AUDIT_CHANNEL,
    Bot,
    BotFactory,
    Practitioner,
    ScriptedSlack,
    eventually,
)
from tests.e2e.held import SLOW, HeldAnonymiser
from tests.fakeslack import Call
from tests.slack_requests import (
    PRACTITIONER_ID,
    app_home_opened,
    block_action,
    text_value,
    view_submission,
)

Json = dict[str, Any]
SUPERVISOR = "U0SUPER01"
OTHER = "U0OTHER01"
GROUP = "S0LEADS01"


def _updates_to_audit(call: Call) -> bool:
    return call.method == "chat.update" and call.params.get("channel") == AUDIT_CHANNEL


async def _audit_post(slack: ScriptedSlack) -> tuple[str, Json]:
    """The decision's audit post (waiting for the poster), as it stands now."""
    (posted,) = await slack.wait_for("chat.postMessage", where=lambda c: to_audit(c) and c.ok)
    ts = str(posted.response["ts"])
    return ts, slack.message(AUDIT_CHANNEL, ts)


def _buttons(message: Json) -> dict[str, str]:
    return {
        element["action_id"]: element.get("value", "")
        for block in message.get("blocks", [])
        if block.get("type") == "actions"
        for element in block.get("elements", [])
    }


def _click(slack: ScriptedSlack, action: str, ts: str, user: str, name: str) -> Any:
    message = slack.message(AUDIT_CHANNEL, ts)
    return block_action(
        action, _buttons(message)[action], user_id=user, channel_id=AUDIT_CHANNEL,
        message_ts=ts, message=message, response_url=slack.response_url(name),
    )


async def _reviews(bot: Bot) -> list[Review]:
    async with AsyncSession(bot.running.services.db.engine) as session:
        return list((await session.exec(select(Review).order_by(Review.id))).all())  # type: ignore[arg-type]


def _text_of(message: Json) -> str:
    sections = [b["text"]["text"] for b in message.get("blocks", []) if b.get("type") == "section"]
    return "\n".join([message.get("text", ""), *sections])


@pytest.mark.parametrize("configured", [SUPERVISOR, GROUP], ids=["user-ids", "user-group"])
async def test_a_supervisors_click_reviews_the_post_and_anyone_elses_changes_nothing(
    slack: ScriptedSlack, start_bot: BotFactory, configured: str
) -> None:
    slack.add_usergroup(GROUP, [SUPERVISOR])
    async with start_bot(INFOSHARE_SUPERVISORS=configured) as bot:
        reference = await record_as(slack, bot, PRACTITIONER_ID)
        ts, post = await _audit_post(slack)
        assert set(_buttons(post)) == {
            "review_mark_reviewed", "review_add_comment", "review_needs_follow_up"
        }
        assert post["text"] == f"Decision {reference}: awaiting review"
        as_first_shown = dict(post)  # the fake updates its stored message in place

        refused = await bot.sender.post(_click(slack, "review_mark_reviewed", ts, OTHER, "other"))
        assert refused.status == 200
        (told,) = await slack.wait_for_post("other")
        assert told.body["response_type"] == "ephemeral"
        assert "Only supervisors can review" in told.body["text"]
        assert await _reviews(bot) == []
        assert [c for c in slack.calls if _updates_to_audit(c)] == []

        # A double click: the same button on the same post, twice at once.
        first = _click(slack, "review_mark_reviewed", ts, SUPERVISOR, "super-1")
        second = _click(slack, "review_mark_reviewed", ts, SUPERVISOR, "super-2")
        await asyncio.gather(bot.sender.post(first), bot.sender.post(second))
        await slack.wait_for("chat.update", 2, where=_updates_to_audit)
        (review,) = await _reviews(bot)
        assert (review.kind, review.supervisor_id) == (ReviewKind.REVIEWED, SUPERVISOR)
        updated = slack.message(AUDIT_CHANNEL, ts)
        assert updated["text"] == f"Decision {reference}: reviewed"
        shown = _text_of(updated)
        assert re.search(
            rf"\*Review:\* Reviewed by <@{SUPERVISOR}> on \d{{1,2}} \w{{3}} \d{{4}} "
            r"\d\d:\d\d (GMT|BST)$",
            shown, re.MULTILINE,
        )
        assert "review_mark_reviewed" not in _buttons(updated)

        # A copy of the post as first shown (a tab not yet refreshed): the same click again,
        # so it adds nothing, and the post is drawn as it stands.
        stale = block_action(
            "review_mark_reviewed", _buttons(as_first_shown)["review_mark_reviewed"],
            user_id=SUPERVISOR, channel_id=AUDIT_CHANNEL, message_ts=ts, message=as_first_shown,
            response_url=slack.response_url("super-3"),
        )
        await bot.sender.post(stale)
        await slack.wait_for("chat.update", 3, where=_updates_to_audit)
        assert len(await _reviews(bot)) == 1
        assert slack.message(AUDIT_CHANNEL, ts)["text"] == f"Decision {reference}: reviewed"
        assert slack.posts_to("super-3") == []


async def _submit_note(
    bot: Bot, slack: ScriptedSlack, ts: str, user: str, action: str, text: str,
    view_id: str = "V0NOTE0001",
) -> Json:
    opened = len(slack.calls_to("views.open"))
    await bot.sender.post(_click(slack, action, ts, user, f"{user}-{view_id}"))
    (*_, call) = await slack.wait_for("views.open", opened + 1)
    modal = call.params["view"]
    submission = view_submission(
        modal["callback_id"], modal["private_metadata"], {"note": {"note": text_value(text)}},
        user_id=user, view_id=view_id, blocks=modal["blocks"],
    )
    reply = await bot.sender.post(submission)
    assert reply.status == 200, reply.text
    body: Json = reply.json()
    return body


async def test_a_follow_up_reaches_the_practitioner_anonymised_and_only_once(
    slack: ScriptedSlack, start_bot: BotFactory
) -> None:
    async with start_bot(INFOSHARE_SUPERVISORS=SUPERVISOR) as bot:
        practitioner = Practitioner(slack, bot)
        reference = await record_as(slack, bot, PRACTITIONER_ID)
        ts, _ = await _audit_post(slack)
        dm_before = len(practitioner.dm_posts())
        asked = "Please ring Jane Whitfield on 07700 900123 and add the plan to the record."
        body = await _submit_note(bot, slack, ts, SUPERVISOR, "review_needs_follow_up", asked)

        assert body["response_action"] == "update"
        saved = "\n".join(b["text"]["text"] for b in body["view"]["blocks"])
        assert "Whitfield" not in saved and "07700" not in saved
        # What was removed, by kind as in the practitioner's preview, above the kept text.
        removed = "Removed before saving: 1 name, 1 phone number."
        assert removed in saved
        assert saved.index(removed) < saved.index("This is what was kept:") < saved.index(
            "Please ring "
        )

        (dm,) = (await practitioner.wait_for_dm_posts(dm_before + 1))[dm_before:]
        words = dm.params["text"]
        assert words.startswith(f"Your decision {reference} needs follow-up: Please ring ")
        assert "Whitfield" not in words and "07700" not in words
        await slack.wait_for("chat.update", where=_updates_to_audit)
        post = slack.message(AUDIT_CHANNEL, ts)
        assert post["text"] == f"Decision {reference}: follow-up open"
        assert "*Follow-up* by " in _text_of(post) and "Whitfield" not in _text_of(post)

        # The same modal submitted again (a double submit): nothing more is kept or sent.
        modal = slack.calls_to("views.open")[-1].params["view"]
        again = view_submission(
            modal["callback_id"], modal["private_metadata"],
            {"note": {"note": text_value(asked)}}, user_id=SUPERVISOR, view_id="V0NOTE0001",
        )
        assert (await bot.sender.post(again)).status == 200
        await slack.wait_for("chat.update", 2, where=_updates_to_audit)
        assert [r.kind for r in await _reviews(bot)] == [ReviewKind.FOLLOW_UP]
        assert len(practitioner.dm_posts()) == dm_before + 1

        # Someone else submitting a copy of the modal is refused, and nothing is kept.
        forged = view_submission(
            modal["callback_id"], modal["private_metadata"],
            {"note": {"note": text_value("looks fine")}}, user_id=OTHER, view_id="V0FORGED1",
        )
        reply = (await bot.sender.post(forged)).json()
        assert reply["view"]["title"]["text"] == "Nothing changed"
        assert len(await _reviews(bot)) == 1


async def test_a_comment_is_kept_anonymised_and_an_empty_one_is_refused(
    slack: ScriptedSlack, start_bot: BotFactory
) -> None:
    async with start_bot(INFOSHARE_SUPERVISORS=SUPERVISOR) as bot:
        await record_as(slack, bot, PRACTITIONER_ID)
        ts, _ = await _audit_post(slack)
        empty = await _submit_note(bot, slack, ts, SUPERVISOR, "review_add_comment", "   ")
        assert empty["response_action"] == "errors" and "note" in empty["errors"]
        body = await _submit_note(
            bot, slack, ts, SUPERVISOR, "review_add_comment",
            "Good reasoning; email sam.jones@example.org about <!channel> next time.",
            view_id="V0NOTE0002",
        )
        assert body["response_action"] == "update"
        saved = "\n".join(b["text"]["text"] for b in body["view"]["blocks"])
        assert "Removed before saving: 1 Slack mention, 1 email address." in saved
        assert "sam.jones" not in saved
        (review,) = await _reviews(bot)
        assert review.kind == ReviewKind.COMMENT
        assert review.text is not None and "sam.jones" not in review.text
        await slack.wait_for("chat.update", where=_updates_to_audit)
        shown = _text_of(slack.message(AUDIT_CHANNEL, ts))
        assert "*Comment* by " in shown and "<!channel>" not in shown
        assert "*Review:* Awaiting review" in shown  # a comment is not a review


async def test_a_comment_is_answered_before_a_slow_anonymiser_finishes(
    slack: ScriptedSlack,
    start_bot: BotFactory,
    held: HeldAnonymiser,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A view saying the note is being saved answers the form at once, replaced by its
    outcome when the anonymiser is done."""
    async with start_bot(INFOSHARE_SUPERVISORS=SUPERVISOR) as bot:
        held.texts_of(bot.running.services.anonymiser, monkeypatch)
        await record_as(slack, bot, PRACTITIONER_ID)
        ts, _ = await _audit_post(slack)
        updates = len([c for c in slack.calls if _updates_to_audit(c)])
        body = await _submit_note(
            bot, slack, ts, SUPERVISOR, "review_add_comment", f"{SLOW} to read: well reasoned."
        )
        assert body["response_action"] == "update"
        assert "Saving..." in str(body["view"]["blocks"])
        waiting = slack.show_view(body["view"])["external_id"]
        await held.wait_started()
        assert await _reviews(bot) == []
        held.release.set()
        saved = await Practitioner(slack, bot).shown_in(waiting)
        assert saved["title"]["text"] == "Kept"
        (review,) = await _reviews(bot)
        assert review.kind == ReviewKind.COMMENT
        await slack.wait_for("chat.update", updates + 1, where=_updates_to_audit)
        assert "*Comment* by " in _text_of(slack.message(AUDIT_CHANNEL, ts))

        # An empty note needs no work at all: said on the form even with no wait allowed.
        monkeypatch.setattr(pending, "CHECK_SECONDS", 0.0)
        body = await _submit_note(
            bot, slack, ts, SUPERVISOR, "review_add_comment", "   ", view_id="V0NOTE0002"
        )
        assert body["response_action"] == "errors" and "note" in body["errors"]


async def test_app_home_for_a_practitioner_and_for_a_supervisor(
    slack: ScriptedSlack, start_bot: BotFactory
) -> None:
    async with start_bot(INFOSHARE_SUPERVISORS=SUPERVISOR) as bot:
        reference = await record_as(slack, bot, PRACTITIONER_ID)

        await bot.sender.post(app_home_opened(PRACTITIONER_ID, event_id="EvHome1"))
        await slack.wait_for("views.publish")
        mine = slack.home_view(PRACTITIONER_ID)
        words = _text_of(mine)
        assert f"`{reference}`: Share without consent" in words and "awaiting review" in words
        assert "For supervisors" not in words
        assert "start_decision" in _buttons(mine)

        await bot.sender.post(app_home_opened(SUPERVISOR, event_id="EvHome2"))
        await slack.wait_for("views.publish", 2)
        theirs = _text_of(slack.home_view(SUPERVISOR))
        assert "*For supervisors*" in theirs
        assert f"*Awaiting review:* 1 (the oldest is `{reference}`" in theirs
        assert "*Follow-ups open:* 0" in theirs
        assert "*Outcomes this month:* Share without consent 1" in theirs
        assert "You have not recorded a decision yet." in theirs

        # The Start button opens a decision in the practitioner's DM.
        practitioner = Practitioner(slack, bot)
        posted = len(practitioner.dm_posts())
        click = block_action(
            "start_decision", "home", user_id=PRACTITIONER_ID,
            home_view_id=mine["id"], response_url=slack.response_url("home"),
        )
        assert (await bot.sender.post(click)).status == 200
        await practitioner.wait_for_step(posted + 1)
        assert "answer_yes" in practitioner.buttons()

        # Now paused mid-way, the Home tab offers to resume it.
        await practitioner.say("pause")
        await eventually(lambda: _paused(bot))
        await bot.sender.post(app_home_opened(PRACTITIONER_ID, event_id="EvHome3"))
        await slack.wait_for("views.publish", 3)
        again = slack.home_view(PRACTITIONER_ID)
        assert "You have a decision in progress (paused)" in _text_of(again)
        (button,) = [e for b in again["blocks"] if b["type"] == "actions" for e in b["elements"]]
        assert button["text"]["text"] == "Resume my decision"
        posted = len(practitioner.dm_posts())
        resume = block_action(
            "start_decision", "home", user_id=PRACTITIONER_ID,
            home_view_id=again["id"], response_url=slack.response_url("home-2"),
        )
        assert (await bot.sender.post(resume)).status == 200
        await practitioner.wait_for_step(posted + 1)
        assert "answer_yes" in practitioner.buttons()


async def _paused(bot: Bot) -> bool:
    from tests.fakeslack import TEAM_ID

    async with bot.running.services.db.transaction() as tx:
        dialog = await tx.dialogs.open_for(TEAM_ID, PRACTITIONER_ID)
    return dialog is not None and dialog.status == "paused"


async def test_two_replicas_post_one_digest_a_day(
    slack: ScriptedSlack, start_bot: BotFactory
) -> None:
    async with start_bot(INFOSHARE_SUPERVISORS=SUPERVISOR) as first:
        reference = await record_as(slack, first, PRACTITIONER_ID)
        await _audit_post(slack)
    # Two replicas on the same database, both past today's digest time (00:00 UK).
    async with (
        start_bot(INFOSHARE_DIGEST_TIME="00:00") as one,
        start_bot(INFOSHARE_DIGEST_TIME="00:00") as two,
    ):
        async def both_looked() -> bool:
            rounds = [bot.running.digest.rounds if bot.running.digest else 0 for bot in (one, two)]
            return all(rounds)

        await eventually(both_looked)
        async with one.running.services.db.transaction() as tx:
            head = await tx.chain_head()
    digests = [
        call for call in slack.calls_to("chat.postMessage")
        if to_audit(call) and "Supervisor digest" in call.params.get("text", "")
    ]
    assert len(digests) == 1
    text = digests[0].params["text"]
    assert "*Awaiting review:* 1" in text and reference in text
    assert "*Follow-ups open:* 0" in text
    assert f"{head.seq} entries, latest hash `{head.hash}`" in text and head.seq >= 1


async def test_post_updates_arriving_out_of_order_still_end_showing_every_review(
    slack: ScriptedSlack, start_bot: BotFactory
) -> None:
    async with start_bot(INFOSHARE_SUPERVISORS=SUPERVISOR) as bot:
        reference = await record_as(slack, bot, PRACTITIONER_ID)
        ts, _ = await _audit_post(slack)
        # The update for "reviewed" is slow to reach Slack: the comment's overtakes it.
        arrived, release = slack.hold_next("chat.update", where=lambda p: p.get("ts") == ts)
        click = asyncio.create_task(
            bot.sender.post(_click(slack, "review_mark_reviewed", ts, SUPERVISOR, "super-1"))
        )
        await asyncio.wait_for(arrived.wait(), 10)
        await _submit_note(bot, slack, ts, SUPERVISOR, "review_add_comment", "Well reasoned.")
        await slack.wait_for("chat.update", 1, where=_updates_to_audit)
        assert "*Comment* by " in _text_of(slack.message(AUDIT_CHANNEL, ts))

        release.set()  # the stale update lands last, then its sender draws the post again
        await click
        await slack.wait_for("chat.update", 3, where=_updates_to_audit)
        post = slack.message(AUDIT_CHANNEL, ts)
        assert post["text"] == f"Decision {reference}: reviewed"
        assert "*Comment* by " in _text_of(post) and "Well reasoned." in _text_of(post)
