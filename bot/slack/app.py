"""Building the Bolt app and the services its listeners share."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncRateLimitErrorRetryHandler,
    async_default_handlers,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.services import Services
from bot.privacy.anonymiser import get_anonymiser
from bot.settings import Settings
from bot.slack import listeners
from bot.slack.guards import (
    UserRateLimit,
    acting_user,
    refuse_other_workspaces,
    refuse_without_user,
)
from bot.slack.supervisors import Supervisors
from bot.text.rendering import compile_all_templates
from dialogs.loading import FlowLibrary
from storage import Database

log = logging.getLogger(__name__)


async def build_services(settings: Settings) -> Services:
    """Load and check the flows, connect the database (migrating it), build the anonymiser."""
    flows = FlowLibrary.shipped()
    flows.latest(settings.flow_id)  # an unknown INFOSHARE_FLOW stops the bot here
    compile_all_templates()
    db = await Database.connect(settings.database_url)
    return Services(settings, db, flows, get_anonymiser(settings.secret_key))


def web_client(settings: Settings, session: aiohttp.ClientSession) -> AsyncWebClient:
    """The listeners' client. `session` is shared by every call: without one, slack_sdk opens
    a new session and connection for each call, which under a burst costs more than the call.
    The caller closes it."""
    # A 429 means Slack did nothing (about one post a second per channel): waiting the
    # Retry-After and sending again is safe, and better than a failed step under a burst.
    retries = [*async_default_handlers(), AsyncRateLimitErrorRetryHandler(max_retry_count=2)]
    return AsyncWebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        session=session,
        retry_handlers=retries,
    )


def web_session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=WEB_API_TIMEOUT))


WEB_API_TIMEOUT = 30  # seconds, slack_sdk's own default


class _OurClientsToken(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and, handed a client too, warns at every start that
    the token is unused. The client carries that same token, so there is nothing to act on."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


def build_app(services: Services, client: AsyncWebClient) -> AsyncApp:
    settings = services.settings
    supervisors = Supervisors(settings.supervisors, client)
    advisers = Supervisors(settings.advisers, client)  # who may answer advice requests
    app = _bolt_app(settings, client)

    async def inject_services(
        body: dict[str, Any], context: AsyncBoltContext, next: Callable[[], Awaitable[None]]
    ) -> None:
        # Bolt passes context keys to listener parameters of the same name.
        context["services"] = services
        context["supervisors"] = supervisors
        context["advisers"] = advisers
        context["team"] = context.team_id or ""
        user = acting_user(body)
        context["user"] = user if isinstance(user, str) else ""
        await next()

    app.use(inject_services)
    app.use(refuse_without_user)
    app.use(refuse_other_workspaces)
    app.use(UserRateLimit(settings.rate_limit))
    listeners.register(app)
    return app


def _bolt_app(settings: Settings, client: AsyncWebClient) -> AsyncApp:
    bolt_log = logging.getLogger("slack_bolt.AsyncApp")
    quiet = _OurClientsToken()
    bolt_log.addFilter(quiet)
    try:
        return AsyncApp(
            client=client,
            signing_secret=settings.signing_secret or None,
            # bot/server.py checks the signature on the raw bytes first; Bolt's check would log
            # the whole body of a request it refuses (at the edge of the 5-minute window, say).
            request_verification_enabled=False,
            # Listeners ack first and then work, so every request is acknowledged at once.
            process_before_response=False,
            raise_error_for_unhandled_request=False,
        )
    finally:
        bolt_log.removeFilter(quiet)
