"""Showing a dialog in the practitioner's DM: post each step, update the one acted on."""

from __future__ import annotations

import asyncio
import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import advice
from bot.core.conversation import DialogView, Stepped, begin, needs_choice, shown_at
from bot.core.services import Services
from bot.slack import advice_blocks, blocks, metrics
from bot.text.rendering import render
from bot.text.step_text import most_questions, question_number
from bot.text.uk_time import uk_time
from dialogs.model import Outcome, Question

log = logging.getLogger(__name__)


async def post_step(
    client: AsyncWebClient, services: Services, user: str, dialog: DialogView
) -> str | None:
    """Post the dialog's current step to the user's DM with the bot and remember where it is.

    Returns the DM's channel id."""
    text, step_blocks = blocks.step_message(
        dialog.flow, dialog.id, dialog.state, ask_lead=services.settings.asks_leads
    )
    if services.settings.asks_leads and (request := await advice.waiting_on(services, dialog)):
        text, step_blocks = advice_blocks.waiting_message(dialog.id, dialog.state, request)
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
    # Independent calls: the practitioner waits for the next question, not for the old one,
    # so the post is sent first and the old message is built and updated after it.
    await asyncio.gather(
        post_step(client, services, user, stepped.after),
        _show_answered(client, where, stepped),
    )


async def _show_answered(client: AsyncWebClient, where: tuple[str, str], stepped: Stepped) -> None:
    before = stepped.before
    text, answered = blocks.answered_message(before.flow, before.state, stepped.move)
    await _update(client, where, text, answered)


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
    channel, _ = await asyncio.gather(
        post_step(client, services, user, dialog),  # first: it is what the practitioner waits for
        _close_continued(client, dialog),
    )
    return channel


async def _close_continued(client: AsyncWebClient, dialog: DialogView) -> None:
    await close_step(client, dialog.shown, dialog, render("continued_below.j2"))


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
    """A note in the DM, as an ordinary message: the DM is already private, and an ephemeral
    note would vanish on reload or on another device. `words` is rendered mrkdwn."""
    text, note = blocks.notice(words)
    try:
        await client.chat_postMessage(channel=channel, text=text, blocks=note)
    except SlackApiError as error:
        log.warning("could not post a note: %s", error.response.get("error"))


async def show_paused(
    client: AsyncWebClient, user: str, where: tuple[str, str] | None, paused: DialogView
) -> None:
    """Pause, by button or typed: the step's message keeps its words and loses its buttons,
    and a note below says how to carry on, with the button to do it."""
    await close_step(client, where or paused.shown, paused, render("paused_note.j2"))
    text, note = blocks.paused_message(paused.id, paused.state, render("paused.j2"))
    await client.chat_postMessage(channel=user, text=text, blocks=note)


async def begin_in_dm(
    client: AsyncWebClient, services: Services, team: str, user: str
) -> str | None:
    """Start a decision in the user's DM, or meet the unfinished one: `/infoshare`, a typed
    start, the Home tab's button. Returns the DM's channel id."""
    dialog, resumed = await begin(services, team, user)
    if needs_choice(dialog, resumed):
        return await offer_resume(client, user, dialog)
    return await show_again(client, services, user, dialog)


async def offer_resume(client: AsyncWebClient, user: str, dialog: DialogView) -> str | None:
    """An unfinished dialog met again by a start: say when it began and how far it got, and
    let the practitioner choose (its step's old message points to the choice)."""
    note = render("resume_prompt.j2", started=_started(dialog), where=_where(dialog))
    text, prompt = blocks.resume_prompt(dialog.id, dialog.state, note)
    _, posted = await asyncio.gather(
        close_step(client, dialog.shown, dialog, render("continued_below.j2")),
        client.chat_postMessage(channel=user, text=text, blocks=prompt),
    )
    channel = posted.get("channel")
    return channel if isinstance(channel, str) else None


def _started(dialog: DialogView) -> str:
    return f"on {uk_time(dialog.started_at)}" if dialog.started_at else "earlier"


def _where(dialog: DialogView) -> str:
    node = dialog.flow.nodes[dialog.state.node]
    if isinstance(node, Question):
        number = question_number(dialog.flow, dialog.state)
        most = most_questions(dialog.flow, dialog.state)
        return f"question {number} of up to {most} ({node.short})"
    if isinstance(node, Outcome):
        return f"its outcome, not yet recorded ({node.title})"
    return "the advice step, not yet recorded"


async def ask_restart(client: AsyncWebClient, user: str, dialog: DialogView) -> None:
    """"Start again" clears every answer: ask first, in a message of its own."""
    note = render("restart_prompt.j2", answers=len(dialog.state.answers))
    text, prompt = blocks.restart_prompt(dialog.id, dialog.state, note)
    await client.chat_postMessage(channel=user, text=text, blocks=prompt)
