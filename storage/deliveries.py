"""Processed Slack deliveries: a retried or doubled delivery is handled once. Slack retries
within minutes, so a key is kept a day and then pruned."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col

from storage.prepared import Prepared
from storage.repository import Repository
from storage.tables import SlackDelivery

DELIVERY_KEYS_KEPT = timedelta(days=1)

# Built once per dialect (every click makes one): ON CONFLICT DO NOTHING, returning the key if
# this claim inserted it.
_CLAIM = {
    name: Prepared(
        dialect_insert(SlackDelivery)
        .values(key=bindparam("claimed_key"), received_at=bindparam("now"))
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(col(SlackDelivery.key))
    )
    for name, dialect_insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
}


class DeliveryLog(Repository):
    async def claim(self, key: str, now: datetime | None = None) -> bool:
        """True if ``key`` is new (and is now taken); False if it was already processed.

        ON CONFLICT DO NOTHING leaves the transaction usable either way; on PostgreSQL a
        concurrent claim of the same key waits for the first transaction and then gets
        False (or True if that one rolled back)."""
        if not key:
            raise ValueError("a delivery key must not be empty")
        statement = _CLAIM["postgresql" if self._dialect == "postgresql" else "sqlite"]
        parameters = {"claimed_key": key, "now": self._moment(now)}
        return bool((await self._link.run(statement, parameters)).rows)

    async def prune(self, now: datetime | None = None) -> int:
        """Forget delivery keys received more than a day before ``now``; how many went.
        Safe to run from several replicas at once."""
        cutoff = self._moment(now) - DELIVERY_KEYS_KEPT
        result = await self._session.exec(
            delete(SlackDelivery).where(col(SlackDelivery.received_at) < cutoff)
        )
        return result.rowcount
