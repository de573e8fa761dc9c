"""Tx, the unit of work: everything one user action may read or write, inside one database
transaction, through one repository per kind of record."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.decisions import DecisionLog
from storage.deliveries import DeliveryLog
from storage.dialogs import DialogStore
from storage.outbox import AuditOutboxQueue
from storage.purge import DecisionPurges


class Tx:
    """Get one from ``Database.transaction()``; it commits once, at the end. Rows its
    repositories return are detached snapshots: change a dialog, then ``tx.dialogs.save`` it;
    nothing else writes."""

    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self.dialogs = DialogStore(session, dialect)
        self.outbox = AuditOutboxQueue(session, dialect)
        self.decisions = DecisionLog(session, dialect, self.outbox)
        self.deliveries = DeliveryLog(session, dialect)
        self.purges = DecisionPurges(session, dialect)
