"""Processed Slack deliveries: a retried or doubled delivery is handled once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col

from storage.tables import SlackDelivery
from storage.tx_base import TxBase


class DeliveryLog(TxBase):
    async def claim_delivery(self, key: str, now: datetime | None = None) -> bool:
        """True if ``key`` is new (and is now taken); False if it was already processed.

        ON CONFLICT DO NOTHING leaves the transaction usable either way; on PostgreSQL a
        concurrent claim of the same key waits for the first transaction and then gets
        False (or True if that one rolled back)."""
        if not key:
            raise ValueError("a delivery key must not be empty")
        dialect_insert = postgresql.insert if self._dialect == "postgresql" else sqlite.insert
        statement = (
            dialect_insert(SlackDelivery)
            .values(key=key, received_at=self._moment(now))
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(col(SlackDelivery.key))
        )
        result = await self._session.exec(statement)
        return result.first() is not None
