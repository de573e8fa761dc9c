"""Tx, the unit of work: everything one user action may read or write, inside one database
transaction, through one repository per kind of record."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.advice import AdviceRequests
from storage.decisions import DecisionLog
from storage.deliveries import DeliveryLog
from storage.dialogs import DialogStore
from storage.digests import DigestPosts
from storage.follow_ups import FollowUpNotices
from storage.outbox import AuditOutboxQueue
from storage.purge import DecisionPurges
from storage.record_chain import ChainPosition, RecordChain
from storage.reviews import ReviewLog


class Tx:
    """Get one from ``Database.transaction()``; it commits once, at the end. Rows its
    repositories return are detached snapshots: change a dialog, then ``tx.dialogs.save`` it;
    nothing else writes."""

    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self.dialogs = DialogStore(session, dialect)
        self.outbox = AuditOutboxQueue(session, dialect)
        self.chain = RecordChain(session, dialect)
        self.decisions = DecisionLog(session, dialect, self.outbox, self.chain)
        self.reviews = ReviewLog(session, dialect, self.chain)
        self.digests = DigestPosts(session, dialect)
        self.follow_ups = FollowUpNotices(session, dialect)
        self.deliveries = DeliveryLog(session, dialect)
        self.advice = AdviceRequests(session, dialect)
        self.purges = DecisionPurges(session, dialect, self.chain)

    async def chain_head(self) -> ChainPosition:
        """The hash chain's newest link (sequence number and hash), to anchor elsewhere."""
        return await self.chain.head()
