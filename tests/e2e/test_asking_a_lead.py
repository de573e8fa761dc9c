"""Asking a lead through the real app and the fake Slack, on SQLite and PostgreSQL: the ask
with identifiers planted (none reaches the advice channel, the database or the logs), a
non-adviser's click refused, Take then Answer, the answer applied in the DM, the decision
recorded with the advice (audit post, export, hash chain), withdrawal, and re-announcement
once per interval across two replicas, driven by a controllable clock."""

from __future__ import annotations

import asyncio
import csv
import io
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.records.export import COLUMNS, write_export
from bot.slack import pending
from bot.slack.audit import AuditChannelError
from bot.slack.audit_poster import PosterTimings
from bot.slack.server import serving
from storage.tables import AdviceRequest, Decision
from storage.verify import verify_chain
from tests.e2e.conftest import (
    AUDIT_CHANNEL,
    SHARE_FIELDS,
    Bot,
    BotFactory,
    Practitioner,
    ScriptedSlack,
    eventually,
    settings_for,
)
from tests.e2e.held import SLOW, HeldAnonymiser
from tests.fakeslack import Call
from tests.slack_requests import (
    SlackRequest,
    app_home_opened,
    block_action,
    selected_option,
    text_value,
    view_submission,
)

Json = dict[str, Any]
ADVICE_CHANNEL = "G0LEADS01"
LEAD = "U0LEAD0001"
OTHER = "U0OTHER01"

# Identifiers planted in the practitioner's description and the lead's advice.
PLANTED = ("Whitfield", "07700 900123", "LS6 2QT", "943 476 5919", "14 Acacia Avenue")
DESCRIPTION = (
    "Jane Whitfield, who lives at 14 Acacia Avenue, Leeds LS6 2QT (mum's phone 07700 900123, "
    "NHS number 943 476 5919), told her teacher she is scared to go home."
)
ADVICE = "Share it with children's social care today; ring Jane Whitfield's school first."


@asynccontextmanager
async def leads_bot(
    start_bot: BotFactory, slack: ScriptedSlack, **extra: str
) -> AsyncIterator[Bot]:
    slack.add_channel(ADVICE_CHANNEL, "safeguarding-leads", is_private=True, is_member=True)
    async with start_bot(
        INFOSHARE_SUPERVISORS=LEAD, INFOSHARE_ADVICE_CHANNEL=ADVICE_CHANNEL, **extra
    ) as bot:
        yield bot


def _to_leads(call: Call) -> bool:
    return call.method == "chat.postMessage" and call.params.get("channel") == ADVICE_CHANNEL


def _buttons(message: Json) -> dict[str, str]:
    return {
        element["action_id"]: element.get("value", "")
        for block in message.get("blocks", [])
        if block.get("type") == "actions"
        for element in block.get("elements", [])
    }


def _text_of(message: Json) -> str:
    sections = [b["text"]["text"] for b in message.get("blocks", []) if b.get("type") == "section"]
    return "\n".join([message.get("text", ""), *sections])


def _view_text(view: Json) -> str:
    return "\n".join(
        str(block.get("text", {}).get("text", "")) for block in view.get("blocks", [])
    )


def _lead_click(slack: ScriptedSlack, action: str, ts: str, user: str, name: str) -> Any:
    message = slack.message(ADVICE_CHANNEL, ts)
    return block_action(
        action, _buttons(message)[action], user_id=user, channel_id=ADVICE_CHANNEL,
        message_ts=ts, message=message, response_url=slack.response_url(name),
    )


async def _requests(bot: Bot) -> list[AdviceRequest]:
    async with AsyncSession(bot.running.services.db.engine) as session:
        rows = await session.exec(select(AdviceRequest).order_by(AdviceRequest.id))  # type: ignore[arg-type]
        return list(rows.all())


async def ask_a_lead(practitioner: Practitioner, urgency: str = "hour") -> Json:
    """From the first question, "Not sure", then "Ask a lead now" with the planted
    description; returns the preview the bot pushed."""
    body = (await practitioner.send(await ask_submission(practitioner, urgency))).json()
    assert body["response_action"] == "push", body
    preview: Json = body["view"]
    return preview


async def ask_submission(
    practitioner: Practitioner, urgency: str = "hour", description: str = DESCRIPTION
) -> SlackRequest:
    """From the first question, "Not sure", then "Ask a lead now": the form filled in."""
    slack = practitioner.slack
    await practitioner.start()
    await practitioner.answer("answer_not_sure")
    assert "advice_ask_lead" in practitioner.buttons()
    opened = len(slack.calls_to("views.open"))
    await practitioner.click("advice_ask_lead")
    (*_, call) = await slack.wait_for("views.open", opened + 1)
    modal = call.params["view"]
    question = next(b for b in modal["blocks"] if b.get("block_id") == "advice_question")
    assert question["element"]["initial_value"]  # the question asked is filled in
    state = {
        "advice_question": {"advice_question": text_value(question["element"]["initial_value"])},
        "advice_description": {"advice_description": text_value(description)},
        "advice_urgency": {"advice_urgency": selected_option(urgency)},
    }
    return view_submission(modal["callback_id"], modal["private_metadata"], state,
                           user_id=practitioner.user, view_id="V0ASK00001",
                           blocks=modal["blocks"])  # fmt: skip


async def send_preview(practitioner: Practitioner, preview: Json) -> None:
    reply = await practitioner.send(
        view_submission(preview["callback_id"], preview["private_metadata"], {},
                        user_id=practitioner.user, view_id="V0ASKPRE01")
    )  # fmt: skip
    assert reply.json() == {"response_action": "clear"}


async def first_post(slack: ScriptedSlack) -> str:
    (posted,) = await slack.wait_for("chat.postMessage", where=lambda c: _to_leads(c) and c.ok)
    return str(posted.response["ts"])


async def test_ask_take_answer_apply_and_record_with_the_advice(
    slack: ScriptedSlack, start_bot: BotFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with leads_bot(start_bot, slack) as bot:
        practitioner = Practitioner(slack, bot)
        preview = await ask_a_lead(practitioner)
        shown = _view_text(preview)
        assert "This is exactly what the leads will see" in shown
        assert "Removed before saving:" in shown
        assert not [p for p in PLANTED if p in shown]
        step_ts = practitioner.latest_ts()
        await send_preview(practitioner, preview)

        # The dialog waits for a lead, with Pause and Back still there.
        async def waiting() -> bool:
            return "Waiting for a lead" in _text_of(practitioner.message(step_ts))

        await eventually(waiting)
        assert {"advice_withdraw", "pause", "back"} <= set(practitioner.buttons(step_ts))

        ts = await first_post(slack)
        post = slack.message(ADVICE_CHANNEL, ts)
        words = _text_of(post)
        assert f"<@{practitioner.user}>" in words and "within the hour" in words
        assert not [p for p in PLANTED if p in words]
        assert set(_buttons(post)) == {"advice_take", "advice_answer"}

        # Someone who is not a lead: refused, only they see it, nothing changes.
        await bot.sender.post(_lead_click(slack, "advice_take", ts, OTHER, "other"))
        (told,) = await slack.wait_for_post("other")
        assert told.body["response_type"] == "ephemeral"
        assert "Only the safeguarding leads" in told.body["text"]
        (request,) = await _requests(bot)
        assert request.taken_by is None

        # The lead takes it (a double click: once).
        await asyncio.gather(
            bot.sender.post(_lead_click(slack, "advice_take", ts, LEAD, "lead-1")),
            bot.sender.post(_lead_click(slack, "advice_take", ts, LEAD, "lead-2")),
        )

        async def marked_taken() -> bool:
            return f"Taken by <@{LEAD}>" in _text_of(slack.message(ADVICE_CHANNEL, ts))

        await eventually(marked_taken)
        (request,) = await _requests(bot)
        assert request.taken_by == LEAD and request.taken_at is not None
        assert slack.posts_to("lead-1") == [] and slack.posts_to("lead-2") == []
        assert set(_buttons(slack.message(ADVICE_CHANNEL, ts))) == {"advice_answer"}

        # ... and answers: yes, with advice that names someone.
        opened = len(slack.calls_to("views.open"))
        await bot.sender.post(_lead_click(slack, "advice_answer", ts, LEAD, "lead-3"))
        (*_, call) = await slack.wait_for("views.open", opened + 1)
        modal = call.params["view"]
        assert not [p for p in PLANTED if p in _view_text(modal)]
        dm_before = len(practitioner.dm_posts())
        state = {
            "advice_text": {"advice_text": text_value(ADVICE)},
            "advice_suggestion": {"advice_suggestion": selected_option("yes")},
        }
        answered = (await bot.sender.post(view_submission(
            modal["callback_id"], modal["private_metadata"], state, user_id=LEAD,
            view_id="V0ANSWER01",
        ))).json()  # fmt: skip
        assert answered["response_action"] == "update"
        assert "Whitfield" not in _view_text(answered["view"])
        assert "Removed before saving: 1 school" in _view_text(answered["view"])

        # The answer reaches the practitioner's DM, once, with the way to apply it.
        (*_, reply) = await practitioner.wait_for_dm_posts(dm_before + 1)
        reply_ts = str(reply.response["ts"])
        assert "A lead answered your question" in _text_of(practitioner.message(reply_ts))
        assert "Whitfield" not in _text_of(practitioner.message(reply_ts))
        assert set(practitioner.buttons(reply_ts)) == {"advice_apply", "advice_keep"}

        async def marked_answered() -> bool:
            return "suggested answer *Yes*" in _text_of(slack.message(ADVICE_CHANNEL, ts))

        await eventually(marked_answered)

        # Applied: the question is answered Yes and the dialog carries on.
        posted = len(practitioner.dm_posts())
        await practitioner.click("advice_apply", reply_ts)
        await practitioner.wait_for_step(posted + 1)
        assert "Question 2 of up to" in str(practitioner.message()["blocks"])
        (request,) = await _requests(bot)
        assert request.choice == "applied"
        assert "You applied the lead's advice" in _text_of(practitioner.message(reply_ts))
        # A second click on Apply (a copy of the message as first posted) changes nothing.
        name = practitioner.response_name()
        await practitioner.send(
            practitioner.click_request("advice_apply", reply_ts, name, as_posted=True)
        )
        (note,) = await slack.wait_for_post(name)
        assert note.body["response_type"] == "ephemeral"

        await practitioner.walk(("answer_yes", "answer_yes", "answer_no", "answer_yes"))
        await practitioner.record(SHARE_FIELDS)

        # The audit post says advice was asked, of whom, and what came back.
        (audit,) = await slack.wait_for(
            "chat.postMessage",
            where=lambda c: c.params.get("channel") == AUDIT_CHANNEL and c.ok,
        )
        audit_text = _text_of(slack.message(AUDIT_CHANNEL, str(audit.response["ts"])))
        assert "Advice asked of a safeguarding lead" in audit_text
        assert f"lead <@{LEAD}>" in audit_text and "(applied)" in audit_text
        assert not [p for p in PLANTED if p in audit_text]

        async with AsyncSession(bot.running.services.db.engine) as session:
            (decision,) = (await session.exec(select(Decision))).all()
        (kept,) = decision.fields["lead_advice"]
        assert (kept["lead"], kept["suggestion"], kept["choice"]) == (LEAD, "yes", "applied")
        assert kept["asked_at"] and kept["taken_at"] and kept["answered_at"]

        # In the hash chain and the export.
        verdict = await verify_chain(bot.running.services.db)
        assert verdict.problem is None and verdict.checked == 1
        out = io.StringIO()
        day = decision.created_at.date()
        from bot.records.export import export_window

        since, until = export_window(day - timedelta(days=1), day + timedelta(days=1))
        await write_export(bot.running.services.db, since, until, out, io.StringIO())
        (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert tuple(row) == COLUMNS
        assert "suggested yes, applied" in row["lead_advice"] and LEAD not in row["lead_advice"]

        # No planted identifier anywhere in the database or the logs.
        stored = " ".join(
            f"{r.question} {r.description} {r.advice}" for r in await _requests(bot)
        ) + str(decision.fields)
        assert not [p for p in PLANTED if p in stored]
        assert not [p for p in PLANTED if p in caplog.text]


async def test_a_request_withdrawn_is_closed_for_the_leads(
    slack: ScriptedSlack, start_bot: BotFactory
) -> None:
    async with leads_bot(start_bot, slack) as bot:
        practitioner = Practitioner(slack, bot)
        preview = await ask_a_lead(practitioner)
        step_ts = practitioner.latest_ts()
        await send_preview(practitioner, preview)
        ts = await first_post(slack)

        async def waiting() -> bool:
            return "advice_withdraw" in practitioner.buttons(step_ts)

        await eventually(waiting)
        await practitioner.click("advice_withdraw", step_ts)

        async def withdrawn() -> bool:
            return "Withdrawn by the practitioner" in _text_of(slack.message(ADVICE_CHANNEL, ts))

        await eventually(withdrawn)
        assert _buttons(slack.message(ADVICE_CHANNEL, ts)) == {}
        # The step is as it was: the practitioner can ask again or carry on.
        assert "advice_ask_lead" in practitioner.buttons(step_ts)

        # A lead's click on a copy of the old post changes nothing.
        first = next(c for c in slack.calls if _to_leads(c))
        old = {**first.response["message"], "blocks": first.params["blocks"]}
        click = block_action(
            "advice_take", _buttons(old)["advice_take"], user_id=LEAD,
            channel_id=ADVICE_CHANNEL, message_ts=ts, message=old,
            response_url=slack.response_url("late-lead"),
        )
        await bot.sender.post(click)
        (told,) = await slack.wait_for_post("late-lead")
        assert "withdrew" in told.body["text"]
        (request,) = await _requests(bot)
        assert request.taken_by is None and request.withdrawn_at is not None


async def test_an_untaken_request_is_announced_again_once_per_interval_across_replicas(
    slack: ScriptedSlack, start_bot: BotFactory
) -> None:
    async with leads_bot(start_bot, slack) as first, start_bot(
        INFOSHARE_SUPERVISORS=LEAD, INFOSHARE_ADVICE_CHANNEL=ADVICE_CHANNEL
    ) as second:
        practitioner = Practitioner(slack, first)
        await send_preview(practitioner, await ask_a_lead(practitioner, urgency="now"))
        await first_post(slack)
        (request,) = await _requests(first)
        sent_at = request.sent_at
        assert sent_at is not None
        advice_one, advice_two = first.running.advice, second.running.advice
        assert advice_one is not None and advice_two is not None
        replicas = (advice_one, advice_two)
        dm_before = len(practitioner.dm_posts())

        # Open requests: in the practitioner's history and App Home, and in a lead's App Home.
        _, name = await practitioner.command("history")
        (history,) = await slack.wait_for_post(name)
        assert "Waiting for a lead:" in history.body["text"]
        await first.sender.post(app_home_opened(practitioner.user, event_id="EvHomeP1"))
        await first.sender.post(app_home_opened(LEAD, event_id="EvHomeL1"))

        async def homes_drawn() -> bool:
            return len(slack.calls_to("views.publish")) >= 2

        await eventually(homes_drawn)
        assert "Waiting for a lead:" in _text_of(slack.home_view(practitioner.user))
        lead_home = _text_of(slack.home_view(LEAD))
        assert "Advice requests open for the leads:* 1" in lead_home
        assert "not taken yet" in lead_home

        async def both(at: timedelta) -> list[int]:
            now = sent_at + at
            rounds = await asyncio.gather(*(replica.round(now) for replica in replicas))
            return sorted(announced for announced, _ in rounds)

        assert await both(timedelta(minutes=10)) == [0, 0]  # not yet: "now" waits 15 minutes
        assert await both(timedelta(minutes=16)) == [0, 1]  # once, by one replica
        assert await both(timedelta(minutes=16)) == [0, 0]
        assert await both(timedelta(minutes=30)) == [0, 0]  # the next interval has not passed
        assert await both(timedelta(minutes=32)) == [0, 1]
        posts = [c for c in slack.calls if _to_leads(c) and c.ok]
        assert len(posts) == 3
        latest = slack.message(ADVICE_CHANNEL, str(posts[-1].response["ts"]))
        assert "asked again" in _text_of(latest)
        told = [c for c in practitioner.dm_posts()[dm_before:]
                if "No lead has taken your question yet" in c.params.get("text", "")]  # fmt: skip
        assert len(told) == 2

        # Taken: no more announcements.
        ts = str(posts[-1].response["ts"])
        await first.sender.post(_lead_click(slack, "advice_take", ts, LEAD, "lead"))

        async def taken() -> bool:
            return (await _requests(first))[0].taken_by == LEAD

        await eventually(taken)
        assert await both(timedelta(hours=3)) == [0, 0]


@pytest.mark.parametrize(
    ("private", "member", "says"),
    [(False, True, "is a public channel"), (True, False, "is not a member of the advice channel")],
)
async def test_an_unsafe_advice_channel_stops_the_bot(
    slack: ScriptedSlack, database_url: str, private: bool, member: bool, says: str
) -> None:
    slack.add_channel(ADVICE_CHANNEL, "leads", is_private=private, is_member=member)
    settings = settings_for(
        slack, database_url, INFOSHARE_SUPERVISORS=LEAD, INFOSHARE_ADVICE_CHANNEL=ADVICE_CHANNEL
    )
    with pytest.raises(AuditChannelError) as raised:
        async with serving(settings, "127.0.0.1", 0):
            pytest.fail("the bot started")
    assert says in str(raised.value) and ADVICE_CHANNEL in str(raised.value)
    if not private:
        assert "INFOSHARE_ADVICE_CHANNEL" in str(raised.value)


async def test_an_announcement_slack_may_have_posted_is_looked_for_not_posted_again(
    slack: ScriptedSlack, start_bot: BotFactory
) -> None:
    slack.add_channel(ADVICE_CHANNEL, "safeguarding-leads", is_private=True, is_member=True)
    timings = PosterTimings(client_timeout=0.5)
    async with start_bot(
        timings, INFOSHARE_SUPERVISORS=LEAD, INFOSHARE_ADVICE_CHANNEL=ADVICE_CHANNEL
    ) as bot:
        # The post goes through, but its answer comes after the client's timeout.
        late = slack.delay_next(
            "chat.postMessage", where=lambda params: params.get("channel") == ADVICE_CHANNEL
        )
        practitioner = Practitioner(slack, bot)
        await send_preview(practitioner, await ask_a_lead(practitioner))
        (lookup,) = await slack.wait_for("conversations.history", timeout=10)
        assert lookup.params["channel"] == ADVICE_CHANNEL

        async def found() -> bool:
            return (await _requests(bot))[0].post_ts is not None

        await eventually(found)
        late.set()
        (request,) = await _requests(bot)
        assert bot.running.advice is not None and request.sent_at is not None
        assert await bot.running.advice.round(request.sent_at + timedelta(minutes=1)) == (0, 0)
        (message,) = slack.messages_in(ADVICE_CHANNEL)
        assert message["ts"] == request.post_ts and request.announcements == 1


async def test_recording_closes_a_question_still_open_and_keeps_that_it_was_asked(
    slack: ScriptedSlack, start_bot: BotFactory
) -> None:
    async with leads_bot(start_bot, slack) as bot:
        practitioner = Practitioner(slack, bot)
        preview = await ask_a_lead(practitioner)
        step_ts = practitioner.latest_ts()
        await send_preview(practitioner, preview)
        ts = await first_post(slack)

        async def waiting() -> bool:
            return "advice_sought" in practitioner.buttons(step_ts)

        await eventually(waiting)
        # The practitioner got advice by phone meanwhile, and records that.
        posted = len(practitioner.dm_posts())
        await practitioner.click("advice_sought", step_ts)
        await practitioner.wait_for_step(posted + 1)
        await practitioner.record(
            {
                "advice_from": "Designated safeguarding lead",
                "advice_given": "Share the attendance pattern only.",
                "next_steps": "Work through the questions again.",
                "reasons": "Unsure of the purpose.",
            }
        )
        async with AsyncSession(bot.running.services.db.engine) as session:
            (decision,) = (await session.exec(select(Decision))).all()
        (kept,) = decision.fields["lead_advice"]
        assert kept["withdrawn_at"] and kept["answered_at"] is None and kept["lead"] is None

        # A lead's late click is refused, and the post is drawn as closed.
        await bot.sender.post(_lead_click(slack, "advice_take", ts, LEAD, "late"))
        (told,) = await slack.wait_for_post("late")
        assert "withdrew" in told.body["text"]

        async def closed() -> bool:
            return _buttons(slack.message(ADVICE_CHANNEL, ts)) == {}

        await eventually(closed)


async def test_a_dialog_paused_while_waiting_comes_back_to_the_wait(
    slack: ScriptedSlack, start_bot: BotFactory
) -> None:
    async with leads_bot(start_bot, slack) as bot:
        practitioner = Practitioner(slack, bot)
        preview = await ask_a_lead(practitioner)
        step_ts = practitioner.latest_ts()
        await send_preview(practitioner, preview)
        await first_post(slack)

        async def waiting() -> bool:
            return "advice_withdraw" in practitioner.buttons(step_ts)

        await eventually(waiting)
        await practitioner.click("pause", step_ts)

        async def paused() -> bool:
            return "resume" in practitioner.buttons()

        await eventually(paused)
        posted = len(practitioner.dm_posts())
        await practitioner.click("resume")
        await practitioner.wait_for_step(posted + 1)
        # Shown again, the step is still the wait for the lead, not a fresh advice step.
        assert "advice_withdraw" in practitioner.buttons()
        assert "advice_ask_lead" not in practitioner.buttons()
        assert "Waiting for a lead" in practitioner.message()["text"]


async def test_the_ask_send_and_answer_forms_are_answered_before_slow_work_finishes(
    slack: ScriptedSlack,
    start_bot: BotFactory,
    held: HeldAnonymiser,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each form is answered at once with a view saying what is being done, while the
    anonymiser is held (or, for Send, when no wait is allowed at all), and that view is
    replaced by its outcome afterwards (by its own external_id)."""
    async with leads_bot(start_bot, slack) as bot:
        held.texts_of(bot.running.services.anonymiser, monkeypatch)
        practitioner = Practitioner(slack, bot)
        asking = await ask_submission(practitioner, description=f"{SLOW} to say: {DESCRIPTION}")
        reply = await practitioner.send(asking)
        checking = reply.json()["view"]
        assert "Checking what will be sent" in _view_text(checking)
        assert checking["close"]["text"] == "Edit" and "submit" not in checking
        waiting = practitioner.checking(reply)  # pushed over the form
        await held.wait_started()
        assert await _requests(bot) == []
        held.release.set()
        preview = await practitioner.shown_in(waiting)
        assert preview["callback_id"] == "advice_send"
        assert "This is exactly what the leads will see" in _view_text(preview)
        assert not [p for p in PLANTED if p in _view_text(preview)]

        step_ts = practitioner.latest_ts()
        monkeypatch.setattr(pending, "CHECK_SECONDS", 0.0)  # never wait for the sending
        sent = await practitioner.send(
            view_submission(preview["callback_id"], preview["private_metadata"], {},
                            user_id=practitioner.user, view_id="V0ASKPRE01")
        )  # fmt: skip
        assert "Sending your question" in _view_text(sent.json()["view"])
        told = await practitioner.shown_in(practitioner.checking(sent, "update"))
        assert "Your question was sent to the safeguarding leads" in _view_text(told)
        assert told["clear_on_close"] is True  # closing it does not go back to the ask form

        async def waiting_for_lead() -> bool:
            return "Waiting for a lead" in _text_of(practitioner.message(step_ts))

        await eventually(waiting_for_lead)
        monkeypatch.setattr(pending, "CHECK_SECONDS", 2.5)

        held.release.clear()  # hold the anonymiser again, for the lead's answer
        ts = await first_post(slack)
        opened = len(slack.calls_to("views.open"))
        await bot.sender.post(_lead_click(slack, "advice_answer", ts, LEAD, "lead-1"))
        (*_, call) = await slack.wait_for("views.open", opened + 1)
        modal = call.params["view"]
        dm_before = len(practitioner.dm_posts())
        state = {
            "advice_text": {"advice_text": text_value(f"{SLOW} to write: {ADVICE}")},
            "advice_suggestion": {"advice_suggestion": selected_option("yes")},
        }
        answered = await bot.sender.post(view_submission(
            modal["callback_id"], modal["private_metadata"], state, user_id=LEAD,
            view_id="V0ANSWER01",
        ))  # fmt: skip
        assert "Saving your answer" in _view_text(answered.json()["view"])
        saving = practitioner.checking(answered, "update")  # in place of the form
        await held.wait_started()
        assert len(practitioner.dm_posts()) == dm_before
        (request,) = await _requests(bot)
        assert request.answered_at is None
        held.release.set()
        saved = await practitioner.shown_in(saving)
        assert "Your advice was sent to the practitioner" in _view_text(saved)
        assert "Whitfield" not in _view_text(saved)
        (*_, reply_post) = await practitioner.wait_for_dm_posts(dm_before + 1)
        assert "A lead answered your question" in _text_of(
            practitioner.message(str(reply_post.response["ts"]))
        )
