"""`/infoshare` with its sub-words: help, resume, history."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import advice, conversation, recording
from bot.core.services import Services
from bot.slack.advice_blocks import open_requests_text
from bot.slack.dm import begin_in_dm, show_again
from bot.text.rendering import Mrkdwn, render

COMMAND = "/infoshare"
MAX_COMMAND_TEXT = 200


def register(app: AsyncApp) -> None:
    app.command(COMMAND)(infoshare)


async def infoshare(
    ack: AsyncAck,
    command: dict[str, str],
    respond: AsyncRespond,
    client: AsyncWebClient,
    services: Services,
    team: str,
    user: str,
) -> None:
    await ack()
    channel = command["channel_id"]
    # A replayed request (same trigger_id, inside Bolt's 5-minute window) changes nothing.
    trigger = command.get("trigger_id")
    if trigger and not await conversation.first_delivery(services, f"command:{trigger}"):
        return
    text = (command.get("text") or "").strip()
    if len(text) > MAX_COMMAND_TEXT:
        await respond(render("command_too_long.j2"), response_type="ephemeral")
        return
    word = text.lower().split()[0] if text else ""
    if word == "help":
        await respond(render("command_help.j2"), response_type="ephemeral")
    elif word in ("", "start", "resume"):
        dm = await _start_or_resume(client, services, team, user, resume_only=word == "resume")
        if dm is None:
            await respond(render("nothing_to_resume.j2"), response_type="ephemeral")
        elif dm != channel:
            link = dm_link(team, dm, command.get("api_app_id"))
            await respond(render("continue_in_dm.j2", link=link), response_type="ephemeral")
    elif word == "history":
        decisions = await recording.history(services, team, user)
        waiting = await advice.open_requests(services, team, user)
        words = "\n\n".join(
            part
            for part in (render("history.j2", decisions=decisions), open_requests_text(waiting, []))
            if part
        )
        await respond(words, response_type="ephemeral")
    else:
        await respond(render("command_unknown.j2"), response_type="ephemeral")


async def _start_or_resume(
    client: AsyncWebClient, services: Services, team: str, user: str, *, resume_only: bool
) -> str | None:
    """Show the current step in the user's DM; the DM's channel id, or None if nothing to resume."""
    if not resume_only:
        return await begin_in_dm(client, services, team, user)
    dialog = await conversation.resume(services, team, user)  # asked for by name: carry on
    if dialog is None:
        return None
    return await show_again(client, services, user, dialog)


_SLACK_ID = re.compile(r"^[A-Z0-9]{2,32}$")


def dm_link(team: str, dm: str, app_id: str | None) -> Mrkdwn:
    """A link that opens the practitioner's DM with the bot (Slack's app_redirect: the app's
    Messages tab, or the DM channel itself when the app id is not known)."""
    target = f"app={app_id}" if app_id and _SLACK_ID.match(app_id) else f"channel={dm}"
    team_part = f"&team={team}" if _SLACK_ID.match(team) else ""
    return Mrkdwn(f"https://slack.com/app_redirect?{target}{team_part}")
