"""A listener that fails is logged by its error's type and traceback, never its message.

Bolt's default handler logs "Failed to run listener function (error: {error})", and an error's
message can carry what the practitioner typed."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


async def listener_failed(error: Exception) -> None:
    # The privacy log filter keeps the traceback and replaces the exception's message.
    log.error("a listener failed (%s)", type(error).__name__, exc_info=error)
