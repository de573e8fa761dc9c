"""Housekeeping in the running bot: forget what is no longer needed, periodically."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from storage import Database

log = logging.getLogger(__name__)

HOUSEKEEPING_EVERY = 3600.0  # seconds between rounds
OUTAGE_RETRY = 60.0  # seconds before trying again after the database failed


class Housekeeping:
    """Prunes Slack delivery keys older than a day: once at start-up, then every ``every``
    seconds. Several replicas may run it at once (the prune is one idempotent DELETE)."""

    def __init__(
        self, db: Database, clock: Callable[[], datetime], every: float = HOUSEKEEPING_EVERY
    ) -> None:
        self._db = db
        self._clock = clock
        self._every = every

    async def run(self) -> None:
        while True:
            try:
                await self.tidy()
                wait = self._every
            except Exception as error:  # the database is unreachable: keep housekeeping alive
                wait = min(self._every, OUTAGE_RETRY)
                log.warning(
                    "housekeeping could not reach the database (%s); trying again in %ss",
                    type(error).__name__,
                    int(wait),
                )
            await asyncio.sleep(wait)

    async def tidy(self) -> int:
        """One round; how many delivery keys were pruned."""
        async with self._db.transaction() as tx:
            pruned = await tx.deliveries.prune(self._clock())
        if pruned:
            log.info("housekeeping pruned %d Slack delivery keys older than a day", pruned)
        return pruned
