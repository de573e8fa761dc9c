"""Purging old decisions: the one way a decision row can be deleted, always logged."""

from __future__ import annotations

import logging
import os
import re
import socket
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import col, select

from storage.columns import utc
from storage.record_chain import RecordChain
from storage.repository import Link, Repository
from storage.tables import (
    AuditOutbox,
    ChainGap,
    Decision,
    DecisionPurge,
    OutboxStatus,
    Review,
)

log = logging.getLogger(__name__)

# A short operator's reason such as "retention: 6 years"; one line, no free prose.
_REASON = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._:/()+-]{0,99}")


def this_process() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}"


def removed_runs(links: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    """Consecutive runs of removed sequence numbers: (first, last, hash of the last)."""
    runs: list[tuple[int, int, str]] = []
    for seq, row_hash in links:
        if runs and runs[-1][1] == seq - 1:
            runs[-1] = (runs[-1][0], seq, row_hash)
        else:
            runs.append((seq, seq, row_hash))
    return runs


class DecisionPurges(Repository):
    def __init__(self, link: Link, dialect: str, chain: RecordChain) -> None:
        super().__init__(link, dialect)
        self._chain = chain

    async def purge(
        self, before: datetime, reason: str, now: datetime | None = None
    ) -> DecisionPurge:
        """Delete every decision created before ``before``, its reviews and its audit outbox
        row (sent or not), leave a chain_gap row for each run of chain links removed, and log
        the purge (when, cutoff, counts, reason, process; on PostgreSQL also the database
        role and transaction) in the same transaction. The database refuses any other
        DELETE of a decision, and a log row whose count does not match what it covers."""
        moment = self._moment(now)
        cutoff = utc(before)
        if cutoff > moment:
            raise ValueError("a purge cutoff must not be in the future")
        if not _REASON.fullmatch(reason):
            raise ValueError(
                "a purge reason is one short line (letters, digits, ' ._:/()+-'), "
                "e.g. 'retention: 6 years'"
            )
        await self._chain.lock()  # no append interleaves with the links this purge removes
        covered = select(Decision.id).where(col(Decision.created_at) < cutoff)
        count = (
            await self._session.exec(select(func.count()).select_from(covered.subquery()))
        ).one()
        removed_links = await self._links_of(covered)
        pending = (
            await self._session.exec(
                select(func.count()).where(
                    col(AuditOutbox.decision_id).in_(covered),
                    col(AuditOutbox.status) == OutboxStatus.PENDING,
                )
            )
        ).one()
        # A post still pending for a decision past retention would arrive years late and
        # name a record that no longer exists: it goes with its decision, counted.
        outbox = await self._session.exec(
            delete(AuditOutbox).where(col(AuditOutbox.decision_id).in_(covered))
        )
        entry = DecisionPurge(
            purged_at=moment,
            cutoff=cutoff,
            decision_count=count,
            outbox_count=outbox.rowcount,
            reason=reason,
            process=this_process(),
            remaining=count if self._dialect == "sqlite" else None,
        )
        self._session.add(entry)
        await self._session.flush()
        assert entry.id is not None
        await self._session.exec(delete(Review).where(col(Review.decision_id).in_(covered)))
        deleted = await self._session.exec(
            delete(Decision).where(col(Decision.created_at) < cutoff)
        )
        if deleted.rowcount != count:
            raise RuntimeError("decisions changed during the purge; nothing was purged")
        for first, last, last_hash in removed_runs(removed_links):
            self._session.add(
                ChainGap(first_seq=first, last_seq=last, last_hash=last_hash, purge_id=entry.id)
            )
        await self._session.flush()
        await self._session.refresh(entry)  # what the database stamped and counted down
        log.info(
            "purge %s: deleted %d decisions recorded before %s and %d audit outbox rows "
            "(%d never posted)",
            entry.id,
            count,
            cutoff.isoformat(),
            outbox.rowcount,
            pending,
        )
        return self._detach(entry)

    async def _links_of(self, covered: Any) -> list[tuple[int, str]]:
        """(chain_seq, row_hash) of the covered decisions and their reviews, in chain order."""
        decisions = await self._session.exec(
            select(col(Decision.chain_seq), col(Decision.row_hash)).where(
                col(Decision.id).in_(covered)
            )
        )
        reviews = await self._session.exec(
            select(col(Review.chain_seq), col(Review.row_hash)).where(
                col(Review.decision_id).in_(covered)
            )
        )
        return sorted([*decisions.all(), *reviews.all()])

    async def due(self, before: datetime) -> int:
        """How many decisions were recorded before ``before`` (what a purge would delete)."""
        query = select(func.count()).where(col(Decision.created_at) < utc(before))
        return (await self._session.exec(query)).one()

    async def all(self) -> list[DecisionPurge]:
        """The purge log, oldest first."""
        found = await self._session.exec(select(DecisionPurge).order_by(col(DecisionPurge.id)))
        return [self._detach(entry) for entry in found.all()]
