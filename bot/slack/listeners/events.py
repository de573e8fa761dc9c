"""Typed replies in the practitioner's DM with the bot (`message.im`)."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import conversation
from bot.core.conversation import Refusal
from bot.core.services import Services
from bot.slack.dm import ask_restart, begin_in_dm, show_again, show_move, show_paused, tell
from bot.text.rendering import render
from bot.text.step_text import emergency_text, help_text
from dialogs.engine import Move
from dialogs.model import Advice
from dialogs.replies import Command, parse_reply

MAX_REPLY = 300  # an answer is a word or two; anything longer is probably case detail


def register(app: AsyncApp) -> None:
    app.event("message")(typed_reply)


async def typed_reply(
    ack: AsyncAck,
    body: dict[str, Any],
    event: dict[str, Any],
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    await ack()
    if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
        return  # edits, deletions, our own posts and anything outside the DM are not answers
    channel, text = event.get("channel"), event.get("text")
    if not user or not isinstance(channel, str) or not isinstance(text, str):
        return
    delivery = f"event:{body.get('event_id', '')}"
    if len(text) > MAX_REPLY:
        if await conversation.first_delivery(services, delivery):
            await tell(client, channel, user, render("reply_too_long.j2"))
        return
    meaning = parse_reply(text)
    if meaning is Move.RESTART:
        # Typed like the menu's "Start again": it clears every answer, so it asks first.
        if await conversation.first_delivery(services, delivery):
            await _ask_restart(client, services, team, user, channel)
        return
    if isinstance(meaning, Move):
        await _typed_move(client, services, team, user, channel, meaning, delivery)
        return
    if not await conversation.first_delivery(services, delivery):
        return  # a Slack retry of a reply already handled
    if meaning is Command.START:
        await begin_in_dm(client, services, team, user)
    elif meaning is Command.RESUME:
        await _resume(client, services, team, user, channel)
    elif meaning in (Command.PAUSE, Command.QUIT):
        await _pause(client, services, team, user, channel)
    elif meaning is Command.HELP or meaning is Command.EMERGENCY:
        await tell(client, channel, user, await _explain(services, team, user, meaning))
    else:
        await tell(client, channel, user, render("reply_hint.j2"))


async def _resume(
    client: AsyncWebClient, services: Services, team: str, user: str, channel: str
) -> None:
    """Typed `resume` or `carry on`: as the Carry on button (asked for by name)."""
    dialog = await conversation.resume(services, team, user)
    if dialog is None:
        await tell(client, channel, user, render("nothing_to_resume.j2"))
        return
    await show_again(client, services, user, dialog)


async def _ask_restart(
    client: AsyncWebClient, services: Services, team: str, user: str, channel: str
) -> None:
    dialog = await conversation.current(services, team, user)
    if dialog is None or not dialog.state.answers:
        await tell(client, channel, user, render("reply_not_now.j2"))
        return
    await ask_restart(client, user, dialog)


async def _explain(services: Services, team: str, user: str, meaning: Command) -> str:
    if meaning is Command.EMERGENCY:
        return emergency_text(await conversation.flow_in_use(services, team, user))
    dialog = await conversation.current(services, team, user)
    if dialog is None:
        return render("command_help.j2")
    return help_text(dialog.flow, dialog.state)


async def _typed_move(
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
    channel: str,
    move: Move,
    delivery: str,
) -> None:
    result = await conversation.make_move(services, team, user, move, delivery=delivery)
    if result is Refusal.DUPLICATE:
        return
    if result is Refusal.NOT_ALLOWED:
        dialog = await conversation.current(services, team, user)
        at_advice = dialog is not None and isinstance(dialog.flow.nodes[dialog.state.node], Advice)
        hint = "advice_hint.j2" if at_advice else "reply_not_now.j2"
        await tell(client, channel, user, render(hint))
        return
    if isinstance(result, Refusal):
        await tell(client, channel, user, render("refusal.j2", refusal=result.value))
        return
    await show_move(client, services, user, result, None)


async def _pause(
    client: AsyncWebClient, services: Services, team: str, user: str, channel: str
) -> None:
    dialog = await conversation.current(services, team, user)
    if dialog is None:
        await tell(client, channel, user, render("refusal.j2", refusal=Refusal.NO_DIALOG.value))
        return
    paused = await conversation.pause(services, team, user, dialog.id)
    if isinstance(paused, Refusal):
        await tell(client, channel, user, render("refusal.j2", refusal=paused.value))
        return
    await show_paused(client, user, None, paused)  # as the Pause button does
