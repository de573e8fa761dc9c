"""Tx, the unit of work: everything one user action may read or write, inside one database
transaction, through one repository per kind of record."""

from __future__ import annotations

from storage.advice import AdviceRequests
from storage.decisions import DecisionLog
from storage.deliveries import DeliveryLog
from storage.dialogs import DialogStore
from storage.digests import DigestPosts
from storage.follow_ups import FollowUpNotices
from storage.outbox import AuditOutboxQueue
from storage.purge import DecisionPurges
from storage.record_chain import ChainPosition, RecordChain
from storage.repository import Link
from storage.reviews import ReviewLog


class Tx:
    """Get one from ``Database.transaction()``; it commits once, at the end. Rows its
    repositories return are detached snapshots: change a dialog, then ``tx.dialogs.save`` it;
    nothing else writes."""

    def __init__(self, link: Link, dialect: str) -> None:
        self.dialogs = DialogStore(link, dialect)
        self.outbox = AuditOutboxQueue(link, dialect)
        self.chain = RecordChain(link, dialect)
        self.decisions = DecisionLog(link, dialect, self.outbox, self.chain)
        self.reviews = ReviewLog(link, dialect, self.chain)
        self.digests = DigestPosts(link, dialect)
        self.follow_ups = FollowUpNotices(link, dialect)
        self.deliveries = DeliveryLog(link, dialect)
        self.advice = AdviceRequests(link, dialect)
        self.purges = DecisionPurges(link, dialect, self.chain)

    async def chain_head(self) -> ChainPosition:
        """The hash chain's newest link (sequence number and hash), to anchor elsewhere."""
        return await self.chain.head()
