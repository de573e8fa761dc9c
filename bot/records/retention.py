"""Retention: what is removed once it has served its purpose, by `infoshare audit purge` and
by the running bot's housekeeping.

- Slack delivery keys: after a day (they only need to outlive Slack's retries).
- Abandoned dialogs: a day after they ended (a retried click on one still finds it; later
  clicks are told the dialog expired all the same).
- Decisions, with their reviews and audit outbox rows: after the retention period, by a
  logged purge that keeps the hash chain verifiable (storage.purge). A post still pending
  for such a decision is deleted with it, counted in the purge log: it would arrive years
  late and name a record that no longer exists."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage import Database

log = logging.getLogger(__name__)

ABANDONED_DIALOGS_KEPT = timedelta(days=1)


def years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February, in a year that has none
        return moment.replace(year=moment.year - years, day=28)


@dataclass(frozen=True)
class Tidied:
    delivery_keys: int
    abandoned_dialogs: int


async def tidy(db: Database, now: datetime) -> Tidied:
    """Forget delivery keys and abandoned dialogs past their use. Idempotent; safe on
    several replicas at once."""
    async with db.transaction() as tx:
        keys = await tx.deliveries.prune(now)
        dialogs = await tx.dialogs.purge_abandoned(now - ABANDONED_DIALOGS_KEPT)
        # Advice requests of ended dialogs: a recorded decision keeps its own copy.
        await tx.advice.forget_ended(now - ABANDONED_DIALOGS_KEPT)
    return Tidied(keys, dialogs)


async def purge_decisions(db: Database, now: datetime, retention_years: int) -> int:
    """Purge decisions older than the retention period, if there are any; how many went.
    (No purge is logged when there is nothing to purge.)"""
    cutoff = years_before(now, retention_years)
    async with db.transaction() as tx:
        if not await tx.purges.due(cutoff):
            return 0
        entry = await tx.purges.purge(cutoff, f"retention: {retention_years} years", now)
    return entry.decision_count
