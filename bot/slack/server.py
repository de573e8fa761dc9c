"""Running the bot: HTTP mode (`POST /slack/events`, `GET /healthz`, `GET /metrics`) and
Socket Mode."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError

from bot.core.housekeeping import HOUSEKEEPING_EVERY, Housekeeping
from bot.core.services import Services
from bot.privacy.log_filter import install_privacy_logging
from bot.settings import Settings, SettingsError
from bot.slack import metrics
from bot.slack.advice_poster import AdvicePoster
from bot.slack.app import build_app, build_services, web_client, web_session
from bot.slack.audit import ADVICE_CHANNEL_SETTING, check_audit_channel
from bot.slack.audit_poster import AuditPoster, PosterTimings, poster_client
from bot.slack.digest import DigestPoster
from bot.slack.idle_dialogs import IdleDialogs
from bot.slack.request_body import to_bolt_request
from bot.slack.request_signature import REFUSED_BODY, RefusalLog, SlackSignature

if TYPE_CHECKING:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
MAX_BODY = 256 * 1024  # Slack's payloads are far smaller; anything bigger is not from Slack
STOP_GRACE = 10.0  # seconds the audit poster may take to finish the post in hand
# Connections the kernel completes before the bot accepts them. At the default (128) a burst of
# clicks beyond it waits for a SYN retry (1 s, then 3 s), close to Slack's 3 s ack deadline.
LISTEN_BACKLOG = 1024


@dataclass
class Running:
    """A started bot: its services, Bolt app, the audit poster (and its task), housekeeping,
    and the idle-dialog reminders and expiry."""

    services: Services
    app: AsyncApp
    audit: AuditPoster
    poster: asyncio.Task[None]
    housekeeping: asyncio.Task[None]
    idle_dialogs: IdleDialogs
    idle: asyncio.Task[None]
    web_session: aiohttp.ClientSession
    # The daily supervisor digest, when INFOSHARE_DIGEST_TIME is set.
    digest: DigestPoster | None = None
    digest_task: asyncio.Task[None] | None = None
    # Advice requests to leads, when INFOSHARE_ADVICE_CHANNEL is set.
    advice: AdvicePoster | None = None
    advice_task: asyncio.Task[None] | None = None

    async def stop(self, grace: float = STOP_GRACE) -> None:
        self.audit.stop_soon()
        self.housekeeping.cancel()
        self.idle.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.idle
        if self.advice_task is not None:
            self.advice_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.advice_task
        if self.digest_task is not None:
            self.digest_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.digest_task
        with contextlib.suppress(TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(self.poster, grace)  # cancelled if it takes longer
        with contextlib.suppress(asyncio.CancelledError):
            await self.housekeeping
        await self.web_session.close()
        await self.services.db.close()


async def start_bot(settings: Settings, timings: PosterTimings | None = None) -> Running:
    """Everything `serve` and `socket` share; raises with a clear message if anything is wrong.
    `timings` shortens the audit poster's intervals (tests)."""
    install_privacy_logging()
    services = await build_services(settings)
    session = web_session()
    try:
        client = web_client(settings, session)
        await check_audit_channel(client, settings.audit_channel)
        if settings.asks_leads:
            await check_audit_channel(client, settings.advice_channel, ADVICE_CHANNEL_SETTING)
        app = build_app(services, client)
    except BaseException:
        await session.close()
        await services.db.close()
        raise
    timings = timings or PosterTimings()
    # No automatic retries for posts that must be made once (audit posts, follow-ups, digest).
    once_client = poster_client(settings.bot_token, settings.api_url, timings)
    audit = AuditPoster(services, once_client, timings)
    poster = asyncio.create_task(audit.run(), name="audit-poster")
    housekeeping = asyncio.create_task(
        Housekeeping(
            services.db,
            services.clock,
            HOUSEKEEPING_EVERY,
            settings.retention.retention_years,
        ).run(),
        name="housekeeping",
    )
    idle_dialogs = IdleDialogs(services, client)
    idle = asyncio.create_task(idle_dialogs.run(), name="idle-dialogs")
    running = Running(services, app, audit, poster, housekeeping, idle_dialogs, idle, session)
    if settings.digest_time is not None:
        running.digest = DigestPoster(services, once_client, settings.digest_time)
        running.digest_task = asyncio.create_task(running.digest.run(), name="digest")
    if settings.asks_leads:
        running.advice = AdvicePoster(services, once_client)
        running.advice_task = asyncio.create_task(running.advice.run(), name="advice")
    return running


def web_application(running: Running) -> web.Application:
    secret = running.services.settings.signing_secret
    if not secret:
        raise SettingsError(["SLACK_SIGNING_SECRET is needed to serve HTTP requests."])
    signature = SlackSignature(secret)
    refusals = RefusalLog()

    async def slack_events(request: web.Request) -> web.Response:
        # Checked on the raw bytes: an unsigned body is never parsed, logged or seen by Bolt.
        if not signature.is_valid(await request.read(), request.headers):
            refusals.refused()
            return web.Response(status=401, text=REFUSED_BODY, content_type="application/json")
        try:
            bolt_request = await to_bolt_request(request)
            started = metrics.request_arrived(metrics.request_kind(bolt_request.body))
            bolt_response = await running.app.async_dispatch(bolt_request)
        except Exception as error:  # a malformed body must not take the bot down
            log.warning("rejected a malformed Slack request (%s)", type(error).__name__)
            return web.json_response({"ok": False, "error": "malformed request"}, status=400)
        metrics.acked(started)
        return await to_aiohttp_response(bolt_response)

    async def prometheus(_: web.Request) -> web.Response:
        body, content_type = await metrics.exposition(running.services.db)
        return web.Response(body=body, headers={"Content-Type": content_type})

    async def healthz(_: web.Request) -> web.Response:
        if not await running.services.db.ping():
            metrics.DATABASE_ERRORS.labels(where="health").inc()
            return web.json_response({"ok": False, "error": "database unavailable"}, status=503)
        problem = running.audit.channel_problem
        if problem is not None:
            error = f"audit channel unavailable: {problem}"
            return web.json_response({"ok": False, "error": error}, status=503)
        return web.json_response({"ok": True, **await _degraded(running)})

    application = web.Application(client_max_size=MAX_BODY)
    application.router.add_post(EVENTS_PATH, slack_events)
    application.router.add_get("/healthz", healthz)
    application.router.add_get("/metrics", prometheus)
    return application


async def _degraded(running: Running) -> dict[str, object]:
    """Still serving, but an operator should look: audit posts Slack refused for good."""
    try:
        async with running.services.db.transaction() as tx:
            set_aside = await tx.outbox.set_aside_count()
    except Exception:  # the ping just answered; a failure here is not worth a 500
        return {}
    return {"degraded": {"audit_posts_set_aside": set_aside}} if set_aside else {}


@contextlib.asynccontextmanager
async def serving(
    settings: Settings, host: str, port: int, timings: PosterTimings | None = None
) -> AsyncIterator[tuple[Running, int]]:
    """Run HTTP mode until the context exits; yields the bot and the port it listens on."""
    running = await start_bot(settings, timings)
    runner = web.AppRunner(web_application(running), access_log=None)
    try:
        await runner.setup()
        site = web.TCPSite(runner, host, port, backlog=LISTEN_BACKLOG)
        await site.start()
        bound = runner.addresses[0][1] if runner.addresses else port
        yield running, bound
    finally:
        await runner.cleanup()
        await running.stop()


async def serve_forever(settings: Settings, host: str, port: int) -> None:
    async with serving(settings, host, port) as (_, bound):
        log.info(
            "infoshare listening on %s:%s (POST %s, GET /healthz, GET /metrics)",
            host, bound, EVENTS_PATH,
        )  # fmt: skip
        await asyncio.Event().wait()


async def socket_forever(settings: Settings) -> None:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    running = await start_bot(settings)
    handler: AsyncSocketModeHandler | None = None
    try:
        handler = AsyncSocketModeHandler(running.app, settings.app_token)
        await _connect(handler)
        log.info("infoshare connected in Socket Mode")
        await asyncio.Event().wait()
    finally:
        if handler is not None:
            await handler.close_async()  # the websocket, its client session and its tasks
        await running.stop()


async def _connect(handler: AsyncSocketModeHandler) -> None:
    """Open the Socket Mode link. slack_sdk's client retries a refused app token forever, so the
    first link URL is fetched here, where a refusal can stop the bot with a clear message."""
    try:
        handler.client.wss_uri = await handler.client.issue_new_wss_url()
    except SlackApiError as error:
        code = error.response.get("error") or "no reason given"
        raise SettingsError(
            [
                f"SLACK_APP_TOKEN was refused by Slack ({code}). It should be an App-Level Token "
                "(xapp-...) with connections:write, made on your Slack app's 'Basic Information' "
                "page once Socket Mode is enabled."
            ]
        ) from None
    await handler.connect_async()
