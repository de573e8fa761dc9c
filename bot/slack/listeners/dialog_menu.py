"""A step's menu (back, start again, pause), and the two choices that ask first: starting
again, and starting a new decision while one is unfinished."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import conversation
from bot.core.conversation import Refusal
from bot.core.services import Services
from bot.slack import blocks
from bot.slack.clicks import clicked_action
from bot.slack.dm import ask_restart, close_step, show_again
from bot.slack.ids import Action, MenuChoice
from bot.slack.listeners import actions
from bot.text.rendering import render


def register(app: AsyncApp) -> None:
    app.action(Action.MORE.value)(menu)
    app.action(Action.RESTART_ASK.value)(restart_ask)
    app.action(Action.KEEP_ANSWERS.value)(keep_answers)
    app.action(Action.START_FRESH.value)(start_fresh)


async def menu(
    ack: AsyncAck,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    """An option of the menu acts as the button it stands for (acknowledging again is
    harmless: Bolt answers the request with the first acknowledgement)."""
    await ack()
    action = clicked_action(body)
    choice = MenuChoice.decode((action.get("selected_option") or {}).get("value"))
    if choice is None or choice.action not in _MENU:
        await actions.refuse(respond, Refusal.ALREADY_ANSWERED)
        return
    as_button = {**action, "action_id": choice.action.value, "value": choice.step}
    clicked = {**body, "actions": [as_button]}
    if choice.action is Action.BACK:
        await actions.move(ack, clicked, respond, client, services, team, user)
    elif choice.action is Action.PAUSE:
        await actions.pause(ack, clicked, respond, client, services, team, user)
    else:
        await restart_ask(ack, clicked, respond, client, services, team, user)


_MENU = (Action.BACK, Action.RESTART_ASK, Action.PAUSE)


async def restart_ask(
    ack: AsyncAck,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    await ack()
    ref, _ = actions.clicked(body)
    dialog = await conversation.current(services, team, user)
    if dialog is None or ref is None:
        await actions.refuse_stale(respond, services, team, user, ref, Refusal.ENDED)
    elif not ref.is_current(dialog.id, dialog.state):
        await actions.refuse_stale(respond, services, team, user, ref, Refusal.ALREADY_ANSWERED)
    else:
        await ask_restart(client, user, dialog)


async def keep_answers(ack: AsyncAck, respond: AsyncRespond) -> None:
    await ack()
    text, note = blocks.notice(render("kept_answers.j2"))
    await respond(text=text, blocks=note, replace_original=True)


async def start_fresh(
    ack: AsyncAck,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    """From the choice offered when an unfinished dialog is met again: close it, start anew."""
    await ack()
    ref, where = actions.clicked(body)
    if ref is None:
        await actions.refuse(respond, Refusal.ALREADY_ANSWERED)
        return
    delivery = f"action:{user}:{body['actions'][0].get('action_ts', '')}"
    result = await conversation.start_afresh(services, team, user, ref.dialog_id, delivery)
    if result is Refusal.DUPLICATE:
        return
    if isinstance(result, Refusal):
        await actions.refuse_stale(respond, services, team, user, ref, result)
        return
    closed, fresh = result
    if where is not None:
        text, note = blocks.notice(render("started_afresh.j2"))
        await client.chat_update(channel=where[0], ts=where[1], text=text, blocks=note)
    await close_step(client, closed.shown, closed, render("closed_for_new.j2"))
    await show_again(client, services, user, fresh)
