"""Showing a dialog in the practitioner's DM: post each step, update the one acted on."""

from __future__ import annotations

import asyncio
import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.conversation import DialogView, Stepped, shown_at
from bot.core.services import Services
from bot.slack import blocks, metrics
from bot.text.rendering import render

log = logging.getLogger(__name__)


async def post_step(
    client: AsyncWebClient, services: Services, user: str, dialog: DialogView
) -> str | None:
    """Post the dialog's current step to the user's DM with the bot and remember where it is.

    Returns the DM's channel id."""
    text, step_blocks = blocks.step_message(
        dialog.flow, dialog.id, dialog.state, ask_lead=services.settings.asks_leads
    )
    # Posting to the user's ID lands in their DM with the bot, with no im:write scope.
    response = await client.chat_postMessage(channel=user, text=text, blocks=step_blocks)
    metrics.step_posted()
    channel, ts = response.get("channel"), response.get("ts")
    if isinstance(channel, str) and isinstance(ts, str):
        await shown_at(services, dialog, channel, ts)
        return channel
    return None


async def show_move(
    client: AsyncWebClient,
    services: Services,
    user: str,
    stepped: Stepped,
    acted_on: tuple[str, str] | None,
) -> None:
    """After a move: the acted-on message keeps its words, not its buttons; then the next step."""
    where = acted_on or stepped.before.shown
    if where is None:
        await post_step(client, services, user, stepped.after)
        return
    before = stepped.before
    text, answered = blocks.answered_message(before.flow, before.state, stepped.move)
    # Independent calls: the practitioner waits for the next question, not for the old one.
    await asyncio.gather(
        _update(client, where, text, answered),
        post_step(client, services, user, stepped.after),
    )


async def close_step(
    client: AsyncWebClient, where: tuple[str, str] | None, dialog: DialogView, note: str
) -> None:
    if where is not None:
        text, closed = blocks.closed_message(dialog.flow, dialog.state, note)
        await _update(client, where, text, closed)


async def show_again(
    client: AsyncWebClient, services: Services, user: str, dialog: DialogView
) -> str | None:
    """Start or resume: the step's old message points below, and the step is posted afresh.

    Returns the DM's channel id."""
    _, channel = await asyncio.gather(
        close_step(client, dialog.shown, dialog, render("continued_below.j2")),
        post_step(client, services, user, dialog),
    )
    return channel


async def _update(
    client: AsyncWebClient, where: tuple[str, str], text: str, new_blocks: blocks.Blocks
) -> None:
    try:
        await client.chat_update(channel=where[0], ts=where[1], text=text, blocks=new_blocks)
    except SlackApiError as error:
        # The dialog has moved on either way; an old message keeping its buttons is harmless
        # because a click on it is refused as stale.
        log.warning("could not update a dialog message: %s", error.response.get("error"))


async def tell(client: AsyncWebClient, channel: str, user: str, words: str) -> None:
    """An ephemeral note in the DM (only the practitioner sees it); `words` is rendered mrkdwn."""
    text, note = blocks.notice(words)
    try:
        await client.chat_postEphemeral(channel=channel, user=user, text=text, blocks=note)
    except SlackApiError as error:
        log.warning("could not post an ephemeral note: %s", error.response.get("error"))
