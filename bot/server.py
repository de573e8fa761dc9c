"""Running the bot: HTTP mode (`POST /slack/events`, `GET /healthz`) and Socket Mode."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError

from bot.app import build_app, build_services, web_client
from bot.audit import AuditPoster, check_audit_channel
from bot.conversation import Services
from bot.privacy.log_filter import install_privacy_logging
from bot.request_signature import REFUSED_BODY, RefusalLog, SlackSignature
from bot.settings import Settings, SettingsError

if TYPE_CHECKING:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
MAX_BODY = 256 * 1024  # Slack's payloads are far smaller; anything bigger is not from Slack


@dataclass
class Running:
    """A started bot: its services, Bolt app and the audit poster task."""

    services: Services
    app: AsyncApp
    poster: asyncio.Task[None]

    async def stop(self) -> None:
        self.poster.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.poster
        await self.services.db.close()


async def start_bot(settings: Settings) -> Running:
    """Everything `serve` and `socket` share; raises with a clear message if anything is wrong."""
    install_privacy_logging()
    services = await build_services(settings)
    try:
        client = web_client(settings)
        await check_audit_channel(client, settings.audit_channel)
        app = build_app(services, client)
    except BaseException:
        await services.db.close()
        raise
    poster = asyncio.create_task(AuditPoster(services, client).run(), name="audit-poster")
    return Running(services, app, poster)


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
            bolt_response = await running.app.async_dispatch(bolt_request)
        except Exception as error:  # a malformed body must not take the bot down
            log.warning("rejected a malformed Slack request (%s)", type(error).__name__)
            return web.json_response({"ok": False, "error": "malformed request"}, status=400)
        return await to_aiohttp_response(bolt_response)

    async def healthz(_: web.Request) -> web.Response:
        if await running.services.db.ping():
            return web.json_response({"ok": True})
        return web.json_response({"ok": False, "error": "database unavailable"}, status=503)

    application = web.Application(client_max_size=MAX_BODY)
    application.router.add_post(EVENTS_PATH, slack_events)
    application.router.add_get("/healthz", healthz)
    return application


@contextlib.asynccontextmanager
async def serving(settings: Settings, host: str, port: int) -> AsyncIterator[tuple[Running, int]]:
    """Run HTTP mode until the context exits; yields the bot and the port it listens on."""
    running = await start_bot(settings)
    runner = web.AppRunner(web_application(running), access_log=None)
    try:
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound = runner.addresses[0][1] if runner.addresses else port
        yield running, bound
    finally:
        await runner.cleanup()
        await running.stop()


async def serve_forever(settings: Settings, host: str, port: int) -> None:
    async with serving(settings, host, port) as (_, bound):
        log.info("infoshare listening on %s:%s (POST %s, GET /healthz)", host, bound, EVENTS_PATH)
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
