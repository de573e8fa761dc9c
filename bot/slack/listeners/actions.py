"""Button clicks in the dialog's messages."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import conversation
from bot.core.conversation import Refusal
from bot.core.services import Services
from bot.slack import blocks
from bot.slack.clicks import clicked_message, clicked_value
from bot.slack.dm import begin_in_dm, show_again, show_move, show_paused, tell
from bot.slack.ids import MOVES, Action, StepRef
from bot.text.rendering import render
from bot.text.step_text import emergency_text, help_text

log = logging.getLogger(__name__)


def register(app: AsyncApp) -> None:
    moves = "|".join(re.escape(action.value) for action in MOVES)
    app.action(re.compile(f"^({moves})$"))(move)
    app.action(Action.HELP.value)(explain)
    app.action(Action.EMERGENCY.value)(emergency)
    app.action(Action.PAUSE.value)(pause)
    app.action(Action.RESUME.value)(resume)
    app.action(Action.RECORD.value)(open_record_modal)
    app.action(Action.START_NEW.value)(start_new)


def clicked(body: dict[str, Any]) -> tuple[StepRef | None, tuple[str, str] | None]:
    """The step the button belongs to, and the message it is on."""
    return StepRef.decode(clicked_value(body)), clicked_message(body)


async def refuse(respond: AsyncRespond, refusal: Refusal) -> None:
    if refusal is Refusal.EXPIRED:
        # The expired dialog's buttons go: the message says why and offers a fresh start.
        text, expired = blocks.expired_message(render("expired_click.j2"))
        await respond(text=text, blocks=expired, replace_original=True)
        return
    await respond(
        render("refusal.j2", refusal=refusal.value),
        response_type="ephemeral",
        replace_original=False,
    )


async def refuse_stale(
    respond: AsyncRespond,
    services: Services,
    team: str,
    user: str,
    ref: StepRef | None,
    otherwise: Refusal,
) -> None:
    """A button that can no longer act: if its dialog expired, say so and offer a fresh
    start; otherwise refuse for the reason given."""
    if ref is not None:
        why = await conversation.why_closed(services, team, user, ref.dialog_id)
        if why is Refusal.EXPIRED:
            otherwise = why
    await refuse(respond, otherwise)


async def move(
    ack: AsyncAck,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    await ack()
    ref, where = clicked(body)
    if ref is None:
        log.warning("a dialog button arrived without a valid step reference")
        await refuse(respond, Refusal.ALREADY_ANSWERED)
        return
    action = Action(body["actions"][0]["action_id"])
    result = await conversation.make_move(
        services,
        team,
        user,
        MOVES[action],
        dialog_id=ref.dialog_id,
        at=ref.node,
        answered=ref.answered,
        delivery=f"action:{user}:{body['actions'][0].get('action_ts', '')}",
    )
    if isinstance(result, Refusal):
        await refuse(respond, result)
        return
    if action is Action.RESTART:
        # Confirmed on its own message: that one says so; the step's message is closed below.
        if where is not None:
            text, note = blocks.notice(render("restarted_below.j2"))
            await client.chat_update(channel=where[0], ts=where[1], text=text, blocks=note)
        where = None
    await show_move(client, services, user, result, where)


async def explain(
    ack: AsyncAck,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    await ack()
    ref, _ = clicked(body)
    dialog = await conversation.current(services, team, user)
    if dialog is None or ref is None:
        await refuse_stale(respond, services, team, user, ref, Refusal.ENDED)
    elif not ref.is_current(dialog.id, dialog.state):
        await refuse_stale(respond, services, team, user, ref, Refusal.ALREADY_ANSWERED)
    else:
        # An ordinary message: the DM is private, and it stays on reload and other devices.
        await tell(client, user, user, help_text(dialog.flow, dialog.state))


async def emergency(
    ack: AsyncAck, client: AsyncWebClient, services: Services, team: str, user: str
) -> None:
    await ack()
    flow = await conversation.flow_in_use(services, team, user)
    await tell(client, user, user, emergency_text(flow))


async def pause(
    ack: AsyncAck,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    await ack()
    ref, where = clicked(body)
    if ref is None:
        await refuse(respond, Refusal.ALREADY_ANSWERED)
        return
    result = await conversation.pause(services, team, user, ref.dialog_id)
    if isinstance(result, Refusal):
        await refuse_stale(respond, services, team, user, ref, result)
        return
    await show_paused(client, user, where, result)


async def resume(
    ack: AsyncAck,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    await ack()
    ref, where = clicked(body)
    dialog = await conversation.resume(services, team, user)
    if dialog is None:
        await refuse_stale(respond, services, team, user, ref, Refusal.ENDED)
        return
    if where is not None and where != dialog.shown:
        text, note = blocks.notice(render("continued_below.j2"))
        await client.chat_update(channel=where[0], ts=where[1], text=text, blocks=note)
    await show_again(client, services, user, dialog)


async def open_record_modal(
    ack: AsyncAck,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    await ack()
    ref, _ = clicked(body)
    dialog = await conversation.current(services, team, user)
    if dialog is None or ref is None or not ref.is_current(dialog.id, dialog.state):
        await refuse_stale(respond, services, team, user, ref, Refusal.ENDED)
        return
    modal = blocks.record_modal(dialog.flow, dialog.state, dialog.id, dialog.draft)
    # trigger_id expires 3 s after the click: open the modal before anything else.
    await client.views_open(trigger_id=body["trigger_id"], view=blocks.view_dict(modal))


async def start_new(
    ack: AsyncAck,
    body: dict[str, Any],
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    """The fresh start offered on an expired dialog's message (an open dialog is resumed)."""
    await ack()
    _, where = clicked(body)
    if where is not None:
        text, note = blocks.notice(render("continued_below.j2"))
        await client.chat_update(channel=where[0], ts=where[1], text=text, blocks=note)
    await begin_in_dm(client, services, team, user)
