"""Purging old decisions: the one way a decision row can be deleted, always logged."""

from __future__ import annotations

import logging
import os
import re
import socket
from datetime import datetime

from sqlalchemy import delete, func
from sqlmodel import col, select

from storage.columns import utc
from storage.repository import Repository
from storage.tables import AuditOutbox, Decision, DecisionPurge

log = logging.getLogger(__name__)

# A short operator's reason such as "retention: 6 years"; one line, no free prose.
_REASON = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._:/()+-]{0,99}")


def this_process() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}"


class DecisionPurges(Repository):
    async def purge(
        self, before: datetime, reason: str, now: datetime | None = None
    ) -> DecisionPurge:
        """Delete every decision created before ``before`` and its audit outbox row, and log
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
        covered = select(Decision.id).where(col(Decision.created_at) < cutoff)
        count = (
            await self._session.exec(select(func.count()).select_from(covered.subquery()))
        ).one()
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
        deleted = await self._session.exec(
            delete(Decision).where(col(Decision.created_at) < cutoff)
        )
        if deleted.rowcount != count:
            raise RuntimeError("decisions changed during the purge; nothing was purged")
        await self._session.refresh(entry)  # what the database stamped and counted down
        log.info(
            "purge %s: deleted %d decisions recorded before %s and %d audit outbox rows",
            entry.id,
            count,
            cutoff.isoformat(),
            outbox.rowcount,
        )
        return self._detach(entry)

    async def all(self) -> list[DecisionPurge]:
        """The purge log, oldest first."""
        found = await self._session.exec(select(DecisionPurge).order_by(col(DecisionPurge.id)))
        return [self._detach(entry) for entry in found.all()]
