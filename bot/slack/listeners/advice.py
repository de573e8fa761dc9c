"""Asking a lead: the practitioner's "Ask a lead now" (modal, preview, send, withdraw), the
leads' "Take this" and "Answer" in the advice channel (anyone not in INFOSHARE_ADVISERS is
refused, ephemerally), and the practitioner applying the answer or answering themselves."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import advice
from bot.core.advice import AdviceRefusal, Suggestion, Urgency
from bot.core.conversation import DialogView, Refusal
from bot.core.services import Services
from bot.slack import advice_blocks, blocks
from bot.slack.dm import post_step
from bot.slack.ids import Action, AdviceAnswerRef, AdviceRef, Callback, StepRef
from bot.slack.listeners.actions import refuse
from bot.slack.supervisors import Supervisors, Verdict

log = logging.getLogger(__name__)


def register(app: AsyncApp) -> None:
    app.action(Action.ASK_LEAD.value)(open_ask)
    app.view(Callback.ASK_LEAD.value)(submit_ask)
    app.view(Callback.SEND_ADVICE.value)(send)
    app.action(Action.WITHDRAW_ADVICE.value)(withdraw)
    app.action(Action.TAKE_ADVICE.value)(take)
    app.action(Action.ANSWER_ADVICE.value)(open_answer)
    app.view(Callback.ANSWER_ADVICE.value)(submit_answer)
    app.action(Action.APPLY_ADVICE.value)(choose)
    app.action(Action.KEEP_ADVICE.value)(choose)


def _value(body: dict[str, Any]) -> Any:
    return ((body.get("actions") or [{}])[0]).get("value")


def _where(body: dict[str, Any]) -> tuple[str, str] | None:
    container = body.get("container") or {}
    channel, ts = container.get("channel_id"), container.get("message_ts")
    return (channel, ts) if isinstance(channel, str) and isinstance(ts, str) else None


def _words(reason: str) -> str:
    return advice_blocks.advice_words("refused", reason=reason)


async def _tell(respond: AsyncRespond, reason: str) -> None:
    await respond(_words(reason), response_type="ephemeral", replace_original=False)


def _closed(reason: str) -> dict[str, Any]:
    return blocks.view_dict(blocks.message_view("Nothing changed", _words(reason)))


async def _refuse(respond: AsyncRespond, refusal: AdviceRefusal | Refusal) -> None:
    if isinstance(refusal, Refusal):
        await refuse(respond, refusal)
    else:
        await _tell(respond, refusal.value)


def _typed(view: dict[str, Any], block: str) -> str:
    values = ((view.get("state") or {}).get("values") or {}).get(block) or {}
    entry = values.get(block) or {}
    value = entry.get("value")
    if value is None:
        value = (entry.get("selected_option") or {}).get("value")
    return value if isinstance(value, str) else ""


async def _update(client: AsyncWebClient, where: tuple[str, str] | None, text: str,
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
    await _update(client, (request.channel_id, request.post_ts), text, post)


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
    ref = StepRef.decode(_value(body))
    if ref is None or not services.settings.asks_leads:
        await _tell(respond, AdviceRefusal.NOT_AT_ADVICE.value)
        return
    dialog = await advice.at_advice(services, team, user, ref.dialog_id, ref.node, ref.answered)
    if not isinstance(dialog, DialogView):
        await _refuse(respond, dialog)
        return
    _, question = advice.question_of(dialog.flow, dialog.state)
    modal = advice_blocks.ask_modal(question, ref)
    await client.views_open(trigger_id=body["trigger_id"], view=blocks.view_dict(modal))


async def submit_ask(
    ack: AsyncAck, view: dict[str, Any], services: Services, team: str, user: str
) -> None:
    ref = StepRef.decode(view.get("private_metadata"))
    urgency = _typed(view, advice_blocks.URGENCY_BLOCK)
    if ref is None or urgency not in {u.value for u in Urgency}:
        await ack(response_action="update", view=_closed(AdviceRefusal.NOT_AT_ADVICE.value))
        return
    drafted = await advice.draft_request(
        services,
        team,
        user,
        f"ask:{view.get('id') or ref.encode()}",
        (ref.dialog_id, ref.node, ref.answered),
        _typed(view, advice_blocks.QUESTION_BLOCK),
        _typed(view, advice_blocks.DESCRIPTION_BLOCK),
        Urgency(urgency),
    )
    if drafted in (AdviceRefusal.EMPTY, AdviceRefusal.NOT_ANONYMISED):
        errors = {advice_blocks.DESCRIPTION_BLOCK: _words(str(drafted))}
        await ack(response_action="errors", errors=errors)
        return
    if not isinstance(drafted, advice.Drafted):
        reason = drafted.value if isinstance(drafted, AdviceRefusal) else "moved_on"
        await ack(response_action="update", view=_closed(reason))
        return
    preview = advice_blocks.preview_view(drafted.request, drafted.removed)
    await ack(response_action="push", view=blocks.view_dict(preview))


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
        await ack(response_action="update", view=_closed(AdviceRefusal.NO_REQUEST.value))
        return
    sent = await advice.send_request(services, team, user, ref.request_id)
    if not isinstance(sent, advice.Sent):
        reason = sent.value if isinstance(sent, AdviceRefusal) else "moved_on"
        await ack(response_action="update", view=_closed(reason))
        return
    await ack(response_action="clear")
    if sent.created:
        dialog = sent.dialog
        text, waiting = advice_blocks.waiting_message(dialog.id, dialog.state, sent.request)
        await _update(client, dialog.shown, text, waiting)


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
    ref = AdviceRef.decode(_value(body))
    result = (
        await advice.withdraw(services, team, user, ref.request_id)
        if ref is not None
        else AdviceRefusal.NO_REQUEST
    )
    if isinstance(result, AdviceRefusal):
        await _tell(respond, result.value)
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
        await _update(client, _where(body), text, step)
    else:
        text, note = blocks.notice(advice_blocks.advice_words("withdrawn"))
        await _update(client, _where(body), text, note)
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
    ref = AdviceRef.decode(_value(body))
    if ref is None:
        await _tell(respond, AdviceRefusal.NO_REQUEST.value)
        return
    apply = body["actions"][0].get("action_id") == Action.APPLY_ADVICE.value
    result = await advice.choose(services, team, user, ref.request_id, apply=apply)
    if not isinstance(result, advice.Chosen):
        await _refuse(respond, result)
        return
    text, chosen = advice_blocks.chosen_message(result.request)
    await _update(client, _where(body), text, chosen)
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
    await _update(client, before.shown, text, closed)
    await post_step(client, services, user, result.stepped.after)


async def _show_again(
    client: AsyncWebClient, services: Services, user: str, dialog: DialogView
) -> None:
    note = advice_blocks.advice_words("chosen", choice="applied")
    text, closed = blocks.closed_message(dialog.flow, dialog.state, note)
    await _update(client, dialog.shown, text, closed)
    await post_step(client, services, user, dialog)


# --- the leads ------------------------------------------------------------------------------


async def _advisers_click(
    body: dict[str, Any],
    respond: AsyncRespond,
    services: Services,
    advisers: Supervisors,
    user: str,
) -> AdviceRef | None:
    """The request of an adviser's click in the advice channel; None (and the clicker told
    why) for anyone else, or for a button that is not there."""
    verdict = await advisers.check(user)
    if verdict is not Verdict.SUPERVISOR:
        await _tell(respond, "unknown" if verdict is Verdict.UNKNOWN else "not_adviser")
        return None
    ref = AdviceRef.decode(_value(body))
    where = _where(body)
    if ref is None or where is None or where[0] != services.settings.advice_channel:
        await _tell(respond, AdviceRefusal.NO_REQUEST.value)
        return None
    return ref


async def take(
    ack: AsyncAck,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    advisers: Supervisors,
    team: str,
    user: str,
) -> None:
    await ack()
    ref = await _advisers_click(body, respond, services, advisers, user)
    if ref is None:
        return
    result = await advice.take(services, team, user, ref.request_id)
    if isinstance(result, AdviceRefusal):
        await _refused_on_post(respond, client, services, body, ref, result)
        return
    if result.created:
        await redraw_post(client, services, ref.request_id)
        if _where(body) != (result.request.channel_id, result.request.post_ts):
            text, post = advice_blocks.request_post(result.request)
            await _update(client, _where(body), text, post)  # an earlier announcement too


async def _refused_on_post(
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    body: dict[str, Any],
    ref: AdviceRef,
    refusal: AdviceRefusal,
) -> None:
    """Tell the lead why, and draw the clicked post as the request stands (an older
    announcement, or one drawn before the request was answered or withdrawn)."""
    await _tell(respond, refusal.value)
    request = await advice.current(services, ref.request_id)
    if request is not None:
        text, post = advice_blocks.request_post(request)
        await _update(client, _where(body), text, post)


async def open_answer(
    ack: AsyncAck,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    advisers: Supervisors,
    team: str,
    user: str,
) -> None:
    await ack()
    ref = await _advisers_click(body, respond, services, advisers, user)
    if ref is None:
        return
    request = await advice.may_answer(services, team, user, ref.request_id)
    if isinstance(request, AdviceRefusal):
        await _refused_on_post(respond, client, services, body, ref, request)
        return
    where = _where(body)
    assert where is not None
    metadata = AdviceAnswerRef(ref, where[0], where[1]).encode()
    modal = advice_blocks.answer_modal(request, metadata)
    await client.views_open(trigger_id=body["trigger_id"], view=blocks.view_dict(modal))


async def submit_answer(
    ack: AsyncAck,
    view: dict[str, Any],
    client: AsyncWebClient,
    services: Services,
    advisers: Supervisors,
    team: str,
    user: str,
) -> None:
    verdict = await advisers.check(user)
    meta = AdviceAnswerRef.decode(view.get("private_metadata"))
    if verdict is not Verdict.SUPERVISOR or meta is None:
        reason = "no_request" if meta is None else (
            "unknown" if verdict is Verdict.UNKNOWN else "not_adviser"
        )
        await ack(response_action="update", view=_closed(reason))
        return
    suggestion = _typed(view, advice_blocks.SUGGESTION_BLOCK)
    if suggestion not in {s.value for s in Suggestion}:
        await ack(response_action="errors", errors={advice_blocks.SUGGESTION_BLOCK: "Choose one"})
        return
    result = await advice.answer(
        services, team, user, meta.advice.request_id,
        _typed(view, advice_blocks.ADVICE_BLOCK), Suggestion(suggestion),
    )  # fmt: skip
    if result in (AdviceRefusal.EMPTY, AdviceRefusal.NOT_ANONYMISED):
        errors = {advice_blocks.ADVICE_BLOCK: _words(str(result))}
        await ack(response_action="errors", errors=errors)
        return
    if isinstance(result, AdviceRefusal):
        await ack(response_action="update", view=_closed(result.value))
        return
    saved = advice_blocks.answer_saved_view(result.request.advice or "", result.removed or {})
    await ack(response_action="update", view=blocks.view_dict(saved))
    await redraw_post(client, services, meta.advice.request_id)
    if (meta.channel, meta.ts) != (result.request.channel_id, result.request.post_ts):
        text, post = advice_blocks.request_post(result.request)
        await _update(client, (meta.channel, meta.ts), text, post)
