"""The App Home tab: drawn each time it is opened, and its Start button."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import advice, conversation, home
from bot.core.services import Services
from bot.slack.advice_blocks import OPEN_LISTED, open_requests_blocks
from bot.slack.dm import begin_in_dm, tell
from bot.slack.home_blocks import home_view
from bot.slack.ids import Action
from bot.slack.supervisors import Supervisors
from bot.text.rendering import render


def register(app: AsyncApp) -> None:
    app.event("app_home_opened")(home_opened)
    app.action(Action.START.value)(start)


async def home_opened(
    ack: AsyncAck,
    event: dict[str, Any],
    client: AsyncWebClient,
    services: Services,
    supervisors: Supervisors,
    advisers: Supervisors,
    team: str,
) -> None:
    await ack()
    user = event.get("user")
    if not isinstance(user, str) or not user:
        return  # no one to draw it for
    if event.get("tab") == "messages":
        await welcome_once(client, services, team, user, event.get("channel"))
        return
    if event.get("tab") != "home":
        return
    shown = await home.home(
        services, team, user, supervisor=await supervisors.is_supervisor(user)
    )
    view = home_view(shown)
    if services.settings.asks_leads:  # advice requests still open: one's own, or all for leads
        mine = await advice.open_requests(services, team, user, OPEN_LISTED)
        adviser = await advisers.is_supervisor(user)
        leads = await advice.open_requests(services, team, None, OPEN_LISTED) if adviser else []
        view["blocks"] = [*view["blocks"], *open_requests_blocks(mine, leads)]
    # Publishing is idempotent: a retried event draws the same tab again.
    await client.views_publish(user_id=user, view=view)


async def start(
    ack: AsyncAck, client: AsyncWebClient, services: Services, team: str, user: str
) -> None:
    """Start (or carry on) a decision in the user's DM, as `/infoshare` does."""
    await ack()
    await begin_in_dm(client, services, team, user)


async def welcome_once(
    client: AsyncWebClient, services: Services, team: str, user: str, channel: Any
) -> None:
    """The first time the practitioner opens the DM with the bot: a short welcome. "First"
    is read from the DM itself: nothing in it yet (a retried or doubled event is claimed)."""
    if not isinstance(channel, str) or not channel:
        return
    history = await client.conversations_history(channel=channel, limit=1)
    if history.get("messages"):
        return
    if await conversation.first_delivery(services, f"welcome:{team}:{user}"):
        await tell(client, channel, user, render("first_open.j2"))
