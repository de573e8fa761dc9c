"""Asking a lead, the leads' side: "Take this" and "Answer" on a request's post in the advice
channel, and the answer modal. Anyone not in INFOSHARE_ADVISERS is refused, ephemerally."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import advice, advice_leads
from bot.core.advice import AdviceRefusal, Changed, Suggestion
from bot.core.services import Services
from bot.slack import advice_blocks, blocks, pending
from bot.slack.clicks import clicked_message, clicked_value
from bot.slack.ids import Action, AdviceAnswerRef, AdviceRef, Callback
from bot.slack.listeners.advice import (
    redraw_post,
    refusal_words,
    tell,
    typed,
    update_message,
)
from bot.slack.supervisors import Supervisors, Verdict


def register(app: AsyncApp) -> None:
    app.action(Action.TAKE_ADVICE.value)(take)
    app.action(Action.ANSWER_ADVICE.value)(open_answer)
    app.view(Callback.ANSWER_ADVICE.value)(submit_answer)


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
        await tell(respond, "unknown" if verdict is Verdict.UNKNOWN else "not_adviser")
        return None
    ref = AdviceRef.decode(clicked_value(body))
    where = clicked_message(body)
    if ref is None or where is None or where[0] != services.settings.advice_channel:
        await tell(respond, AdviceRefusal.NO_REQUEST.value)
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
    result = await advice_leads.take(services, team, user, ref.request_id)
    if isinstance(result, AdviceRefusal):
        await _refused_on_post(respond, client, services, body, ref, result)
        return
    if result.created:
        await redraw_post(client, services, ref.request_id)
        where = clicked_message(body)
        if where != (result.request.channel_id, result.request.post_ts):  # an older announcement
            text, post = advice_blocks.request_post(result.request)
            await update_message(client, where, text, post)


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
    await tell(respond, refusal.value)
    request = await advice.current(services, ref.request_id)
    if request is not None:
        text, post = advice_blocks.request_post(request)
        await update_message(client, clicked_message(body), text, post)


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
    request = await advice_leads.may_answer(services, team, user, ref.request_id)
    if isinstance(request, AdviceRefusal):
        await _refused_on_post(respond, client, services, body, ref, request)
        return
    where = clicked_message(body)
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
    # Checking the adviser (a Slack call) and anonymising the answer can outlast Slack's 3 s
    # under load: answered at once if they do, with a view saying the answer is being saved,
    # replaced when it is (or with why not; bot/slack/pending.py).
    meta = AdviceAnswerRef.decode(view.get("private_metadata"))
    result = await pending.answer_now_or_later(
        ack,
        client,
        _answer(view, meta, services, advisers, team, user),
        now=lambda result: result.answer() if isinstance(result, pending.NotDone) else (
            {"response_action": "update", "view": _saved(result)}
        ),
        later=lambda result: result.view() if isinstance(result, pending.NotDone) else (
            _saved(result)
        ),
        pending=lambda external_id: blocks.view_dict(
            blocks.working_view(external_id, "Answer", "answer")
        ),
    )  # fmt: skip
    if isinstance(result, pending.NotDone) or meta is None:
        return
    await redraw_post(client, services, meta.advice.request_id)
    if (meta.channel, meta.ts) != (result.request.channel_id, result.request.post_ts):
        text, post = advice_blocks.request_post(result.request)
        await update_message(client, (meta.channel, meta.ts), text, post)


async def _answer(
    view: dict[str, Any],
    meta: AdviceAnswerRef | None,
    services: Services,
    advisers: Supervisors,
    team: str,
    user: str,
) -> Changed | pending.NotDone:
    """The adviser's answer kept (anonymised), or why not."""
    verdict = await advisers.check(user)
    if verdict is not Verdict.SUPERVISOR or meta is None:
        reason = "no_request" if meta is None else (
            "unknown" if verdict is Verdict.UNKNOWN else "not_adviser"
        )
        return pending.NotDone(refusal_words(reason))
    suggestion = typed(view, advice_blocks.SUGGESTION_BLOCK)
    if suggestion not in {s.value for s in Suggestion}:
        return pending.NotDone("Choose one", advice_blocks.SUGGESTION_BLOCK)
    result = await advice_leads.answer(
        services, team, user, meta.advice.request_id,
        typed(view, advice_blocks.ADVICE_BLOCK), Suggestion(suggestion),
    )  # fmt: skip
    if result in (AdviceRefusal.EMPTY, AdviceRefusal.NOT_ANONYMISED):
        return pending.NotDone(refusal_words(str(result)), advice_blocks.ADVICE_BLOCK)
    if isinstance(result, AdviceRefusal):
        return pending.NotDone(refusal_words(result.value))
    return result


def _saved(result: Changed) -> dict[str, Any]:
    saved = advice_blocks.answer_saved_view(result.request.advice or "", result.removed or {})
    return blocks.view_dict(saved)
