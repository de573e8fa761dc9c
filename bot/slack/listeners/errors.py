"""A listener that fails is logged by its error's type and traceback, never its message, and
the practitioner is told: an acknowledged request must never just vanish.

Bolt's default handler logs "Failed to run listener function (error: {error})", and an error's
message can carry what the practitioner typed."""

from __future__ import annotations

import logging

import aiohttp
from slack_bolt.async_app import AsyncRespond
from sqlalchemy.exc import SQLAlchemyError

from bot.slack import metrics
from bot.text.rendering import render

log = logging.getLogger(__name__)


async def listener_failed(error: Exception, respond: AsyncRespond | None) -> None:
    # The privacy log filter keeps the traceback and replaces the exception's message.
    log.error("a listener failed (%s)", type(error).__name__, exc_info=error)
    if isinstance(error, SQLAlchemyError):
        metrics.DATABASE_ERRORS.labels(where="listener").inc()
    if respond is None or respond.response_url is None:
        return  # an event or a modal: there is no reply to send
    try:
        await respond(render("not_applied.j2"), response_type="ephemeral", replace_original=False)
    except (aiohttp.ClientError, TimeoutError) as failure:
        log.warning("could not tell the practitioner (%s)", type(failure).__name__)
