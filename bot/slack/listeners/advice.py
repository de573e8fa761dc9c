"""Asking a lead, the practitioner's side: "Ask a lead now" (modal, preview, send), withdraw,
and applying the lead's answer or answering themselves. The leads' side is advice_leads.py;
the helpers both use are here."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import advice
from bot.core.advice import AdviceRefusal, Urgency
from bot.core.conversation import DialogView, Refusal
from bot.core.services import Services
from bot.slack import advice_blocks, blocks, pending
from bot.slack.clicks import clicked_message, clicked_value
from bot.slack.dm import post_step
from bot.slack.ids import Action, AdviceRef, Callback, StepRef
from bot.slack.listeners.actions import refuse

log = logging.getLogger(__name__)


def register(app: AsyncApp) -> None:
    app.action(Action.ASK_LEAD.value)(open_ask)
    app.view(Callback.ASK_LEAD.value)(submit_ask)
    app.view(Callback.SEND_ADVICE.value)(send)
    app.action(Action.WITHDRAW_ADVICE.value)(withdraw)
    app.action(Action.APPLY_ADVICE.value)(choose)
    app.action(Action.KEEP_ADVICE.value)(choose)


def refusal_words(reason: str) -> str:
    return advice_blocks.advice_words("refused", reason=reason)


async def tell(respond: AsyncRespond, reason: str) -> None:
    await respond(refusal_words(reason), response_type="ephemeral", replace_original=False)


def closed_view(reason: str) -> dict[str, Any]:
    return blocks.view_dict(blocks.message_view("Nothing changed", refusal_words(reason)))


async def _refuse(respond: AsyncRespond, refusal: AdviceRefusal | Refusal) -> None:
    if isinstance(refusal, Refusal):
        await refuse(respond, refusal)
    else:
        await tell(respond, refusal.value)


def typed(view: dict[str, Any], block: str) -> str:
    values = ((view.get("state") or {}).get("values") or {}).get(block) or {}
    entry = values.get(block) or {}
    value = entry.get("value")
    if value is None:
        value = (entry.get("selected_option") or {}).get("value")
    return value if isinstance(value, str) else ""


async def update_message(client: AsyncWebClient, where: tuple[str, str] | None, text: str,
                  new_blocks: blocks.Blocks) -> None:  # fmt: skip
    if where is None:
        return
    try:
        await client.chat_update(channel=where[0], ts=where[1], text=text, blocks=new_blocks)
    except SlackApiError as error:  # the request is stored either way
        log.warning("could not update an advice message: %s", error.response.get("error"))


async def redraw_post(client: AsyncWebClient, services: Services, request_id: int) -> None:
    """The request's latest post in the advice channel, as the database has it now."""
    request = await advice.current(services, request_id)
    if request is None or request.channel_id is None or request.post_ts is None:
        return  # not posted yet: the first post will show it as it stands
    text, post = advice_blocks.request_post(request, again=request.announcements > 1)
    await update_message(client, (request.channel_id, request.post_ts), text, post)


# --- the practitioner ---------------------------------------------------------------------


async def open_ask(
    ack: AsyncAck,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    await ack()
    ref = StepRef.decode(clicked_value(body))
    if ref is None or not services.settings.asks_leads:
        await tell(respond, AdviceRefusal.NOT_AT_ADVICE.value)
        return
    dialog = await advice.at_advice(services, team, user, ref.dialog_id, ref.node, ref.answered)
    if not isinstance(dialog, DialogView):
        await _refuse(respond, dialog)
        return
    _, question = advice.question_of(dialog.flow, dialog.state)
    modal = advice_blocks.ask_modal(question, ref)
    await client.views_open(trigger_id=body["trigger_id"], view=blocks.view_dict(modal))


async def submit_ask(
    ack: AsyncAck,
    view: dict[str, Any],
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    ref = StepRef.decode(view.get("private_metadata"))
    urgency = typed(view, advice_blocks.URGENCY_BLOCK)
    if ref is None or urgency not in {u.value for u in Urgency}:
        await ack(response_action="update", view=closed_view(AdviceRefusal.NOT_AT_ADVICE.value))
        return
    drafting = advice.draft_request(
        services,
        team,
        user,
        f"ask:{view.get('id') or ref.encode()}",
        (ref.dialog_id, ref.node, ref.answered),
        typed(view, advice_blocks.QUESTION_BLOCK),
        typed(view, advice_blocks.DESCRIPTION_BLOCK),
        Urgency(urgency),
    )
    # Anonymising can outlast Slack's 3 s under load: as for the record form, a view saying
    # the question is being checked is pushed over the form if it takes a while, and the
    # preview (or why there is none) replaces it (bot/slack/pending.py).
    await pending.answer_now_or_later(
        ack,
        client,
        _ask_outcome(drafting),
        now=_pushed,
        later=lambda outcome: outcome.view("Edit") if isinstance(outcome, pending.NotDone) else (
            outcome
        ),
        pending=lambda external_id: blocks.view_dict(
            blocks.working_view(external_id, "Check and send", "ask", close="Edit")
        ),
        action="push",
    )  # fmt: skip


def _pushed(outcome: dict[str, Any] | pending.NotDone) -> dict[str, Any]:
    """The answer to the ask form: the preview pushed over it, or why there is none."""
    if isinstance(outcome, pending.NotDone):
        return outcome.answer()
    return {"response_action": "push", "view": outcome}


async def _ask_outcome(
    drafting: Awaitable[advice.Drafted | AdviceRefusal | Refusal],
) -> dict[str, Any] | pending.NotDone:
    """The preview of a question to a lead, or why there is none."""
    drafted = await drafting
    if drafted in (AdviceRefusal.EMPTY, AdviceRefusal.NOT_ANONYMISED):
        return pending.NotDone(refusal_words(str(drafted)), advice_blocks.DESCRIPTION_BLOCK)
    if not isinstance(drafted, advice.Drafted):
        reason = drafted.value if isinstance(drafted, AdviceRefusal) else "moved_on"
        return pending.NotDone(refusal_words(reason))
    return blocks.view_dict(advice_blocks.preview_view(drafted.request, drafted.removed))


async def send(
    ack: AsyncAck,
    view: dict[str, Any],
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    ref = AdviceRef.decode(view.get("private_metadata"))
    if ref is None:
        await ack(response_action="update", view=closed_view(AdviceRefusal.NO_REQUEST.value))
        return
    # As for a confirmed record: answered at once if sending takes a while, with a view
    # saying so, replaced when it is sent (or with why not).
    sent = await pending.answer_now_or_later(
        ack,
        client,
        advice.send_request(services, team, user, ref.request_id),
        now=lambda sent: {"response_action": "clear"} if isinstance(sent, advice.Sent) else (
            _not_sent(sent).answer()
        ),
        later=lambda sent: _sent_view() if isinstance(sent, advice.Sent) else (
            _not_sent(sent).view()
        ),
        pending=lambda external_id: blocks.view_dict(
            blocks.working_view(external_id, "Check and send", "send")
        ),
    )  # fmt: skip
    if isinstance(sent, advice.Sent) and sent.created:
        dialog = sent.dialog
        text, waiting = advice_blocks.waiting_message(dialog.id, dialog.state, sent.request)
        await update_message(client, dialog.shown, text, waiting)


def _not_sent(refusal: AdviceRefusal | Refusal) -> pending.NotDone:
    reason = refusal.value if isinstance(refusal, AdviceRefusal) else "moved_on"
    return pending.NotDone(refusal_words(reason))


def _sent_view() -> dict[str, Any]:
    sent = blocks.message_view("Sent", advice_blocks.advice_words("sent"), done=True)
    return blocks.view_dict(sent)


async def withdraw(
    ack: AsyncAck,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    await ack()
    ref = AdviceRef.decode(clicked_value(body))
    result = (
        await advice.withdraw(services, team, user, ref.request_id)
        if ref is not None
        else AdviceRefusal.NO_REQUEST
    )
    if isinstance(result, AdviceRefusal):
        await tell(respond, result.value)
        return
    if not result.created:
        return  # a double click: the first one did it all
    dialog = await advice.at_advice(
        services, team, user, result.request.dialog_id, result.request.node,
        result.request.answered,
    )  # fmt: skip
    if isinstance(dialog, DialogView):  # still at the advice step: show it as it was
        text, step = blocks.step_message(
            dialog.flow, dialog.id, dialog.state, ask_lead=services.settings.asks_leads
        )
        await update_message(client, clicked_message(body), text, step)
    else:
        text, note = blocks.notice(advice_blocks.advice_words("withdrawn"))
        await update_message(client, clicked_message(body), text, note)
    assert result.request.id is not None
    await redraw_post(client, services, result.request.id)


async def choose(
    ack: AsyncAck,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    await ack()
    ref = AdviceRef.decode(clicked_value(body))
    if ref is None:
        await tell(respond, AdviceRefusal.NO_REQUEST.value)
        return
    apply = body["actions"][0].get("action_id") == Action.APPLY_ADVICE.value
    result = await advice.choose(services, team, user, ref.request_id, apply=apply)
    if not isinstance(result, advice.Chosen):
        await _refuse(respond, result)
        return
    text, chosen = advice_blocks.chosen_message(result.request)
    await update_message(client, clicked_message(body), text, chosen)
    await redraw_post(client, services, ref.request_id)
    if result.stepped is None:  # still unsure: the advice step again, to record it or pause
        dialog = await advice.at_advice(
            services, team, user, result.request.dialog_id, result.request.node,
            result.request.answered,
        )  # fmt: skip
        if isinstance(dialog, DialogView):
            await _show_again(client, services, user, dialog)
        return
    before = result.stepped.before
    note = advice_blocks.advice_words("chosen", choice=result.request.choice)
    text, closed = blocks.closed_message(before.flow, before.state, note)
    await update_message(client, before.shown, text, closed)
    await post_step(client, services, user, result.stepped.after)


async def _show_again(
    client: AsyncWebClient, services: Services, user: str, dialog: DialogView
) -> None:
    note = advice_blocks.advice_words("chosen", choice="applied")
    text, closed = blocks.closed_message(dialog.flow, dialog.state, note)
    await update_message(client, dialog.shown, text, closed)
    await post_step(client, services, user, dialog)
