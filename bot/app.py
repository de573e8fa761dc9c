"""Building the Bolt app and the services its listeners share."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot import listeners
from bot.conversation import Services
from bot.privacy.anonymiser import get_anonymiser
from bot.settings import Settings
from dialogs.loading import FlowLibrary
from storage import Database

log = logging.getLogger(__name__)


async def build_services(settings: Settings) -> Services:
    """Load and check the flows, connect the database (migrating it), build the anonymiser."""
    flows = FlowLibrary.shipped()
    flows.latest(settings.flow_id)  # an unknown INFOSHARE_FLOW stops the bot here
    db = await Database.connect(settings.database_url)
    return Services(settings, db, flows, get_anonymiser(settings.secret_key))


def web_client(settings: Settings) -> AsyncWebClient:
    return AsyncWebClient(token=settings.bot_token, base_url=settings.api_url)


def build_app(services: Services, client: AsyncWebClient) -> AsyncApp:
    settings = services.settings
    app = AsyncApp(
        client=client,
        signing_secret=settings.signing_secret or None,
        # bot/server.py checks the signature on the raw bytes first; Bolt's check would log the
        # whole body of a request it refuses (at the edge of the 5-minute window, say).
        request_verification_enabled=False,
        # Listeners ack first and then work, so every request is acknowledged at once.
        process_before_response=False,
        raise_error_for_unhandled_request=False,
    )

    async def inject_services(
        context: AsyncBoltContext, next: Callable[[], Awaitable[None]]
    ) -> None:
        context["services"] = services
        await next()

    app.use(inject_services)
    app.use(refuse_without_user)
    listeners.register(app)
    return app


_INTERACTIONS = ("block_actions", "view_submission")


async def refuse_without_user(
    body: dict[str, Any], next: Callable[[], Awaitable[None]]
) -> BoltResponse | None:
    """Commands and interactions must say who acted; listeners can then rely on it."""
    if "command" in body:
        user: Any = body.get("user_id")
    elif body.get("type") in _INTERACTIONS:
        user = body["user"].get("id") if isinstance(body.get("user"), dict) else None
    else:
        await next()
        return None
    if isinstance(user, str) and user:
        await next()
        return None
    log.warning("refused a Slack request that names no user")
    return BoltResponse(status=400, body="malformed request: no user")
