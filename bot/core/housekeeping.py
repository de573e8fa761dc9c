"""Housekeeping in the running bot: forget what is no longer needed, periodically."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.exc import DBAPIError

from bot.records.retention import purge_decisions, tidy
from bot.settings import Retention
from storage import Database
from storage.migrate import INSUFFICIENT_PRIVILEGE

log = logging.getLogger(__name__)

HOUSEKEEPING_EVERY = 3600.0  # seconds between rounds
OUTAGE_RETRY = 60.0  # seconds before trying again after the database failed


class Housekeeping:
    """Once at start-up, then every ``every`` seconds: prunes Slack delivery keys older than a
    day and abandoned dialogs that ended more than a day ago, and purges decisions past the
    retention period (where the database role may; see the README). Several replicas may
    run it at once (each step is idempotent)."""

    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime],
        every: float = HOUSEKEEPING_EVERY,
        retention_years: int = Retention.retention_years,
    ) -> None:
        self._db = db
        self._clock = clock
        self._every = every
        self._retention_years = retention_years

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
        now = self._clock()
        tidied = await tidy(self._db, now)
        if tidied.delivery_keys:
            log.info(
                "housekeeping pruned %d Slack delivery keys older than a day",
                tidied.delivery_keys,
            )
        if tidied.abandoned_dialogs:
            log.info("housekeeping removed %d abandoned dialogs", tidied.abandoned_dialogs)
        try:
            await purge_decisions(self._db, now, self._retention_years)
        except DBAPIError as error:
            code = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
            if code != INSUFFICIENT_PRIVILEGE:
                raise
            log.warning(
                "decisions older than %d years are due for purging, but this database role "
                "may not delete them: run `infoshare audit purge` as the purge role",
                self._retention_years,
            )
        return tidied.delivery_keys
