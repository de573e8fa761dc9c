"""The audit outbox: decisions waiting to be posted to the audit channel, claimed by
workers under a lease so several replicas never post the same one at once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, or_, update
from sqlalchemy import select as core_select
from sqlmodel import col, select

from storage.columns import utc
from storage.repository import Repository
from storage.tables import AuditOutbox, Decision, OutboxStatus

DEFAULT_LEASE = timedelta(seconds=60)
_ERROR_CODE = re.compile(r"[a-z0-9_.:-]{1,40}")

# The poster's statements for every decision, built once: building a statement and its cache key
# cost more than SQLite takes to run it (as for the dialogs' in storage/dialogs.py), and the
# poster claims, renews and releases a row for each decision.
_TABLE = AuditOutbox.__table__  # type: ignore[attr-defined]
_PENDING = _TABLE.c.status == OutboxStatus.PENDING
_DUE = (
    _PENDING,
    _TABLE.c.next_attempt_at <= bindparam("moment"),
    or_(_TABLE.c.claimed_until.is_(None), _TABLE.c.claimed_until <= bindparam("moment")),
)
_DUE_ORDER = (_TABLE.c.next_attempt_at, _TABLE.c.id)
_NEXT_DUE = (
    core_select(_TABLE.c.id, _TABLE.c.claimed_by)
    .where(*_DUE)
    .order_by(*_DUE_ORDER)
    .limit(1)
    .with_for_update(skip_locked=True)
)
_CLAIM_ONE = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("outbox_id"))
    .values(claimed_by=bindparam("worker_id"), claimed_until=bindparam("until"))
)
_CLAIMED_ONE = (
    select(AuditOutbox, Decision)
    .join(Decision, col(AuditOutbox.decision_id) == col(Decision.id))
    .where(col(AuditOutbox.id) == bindparam("outbox_id"))
)
_RENEW = (
    update(_TABLE)
    .where(
        _TABLE.c.id == bindparam("outbox_id"),
        _PENDING,
        _TABLE.c.claimed_by == bindparam("worker_id"),
    )
    .values(claimed_until=bindparam("until"))
)
_POSTED = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("outbox_id"), _PENDING)
    .values(
        claimed_by=None,
        claimed_until=None,
        status=OutboxStatus.POSTED,
        posted_ts=bindparam("ts"),
        posted_at=bindparam("now"),
    )
)
_UNCLAIMED_DUE = core_select(func.min(_TABLE.c.next_attempt_at)).where(
    _PENDING, _TABLE.c.claimed_until.is_(None)
)
_LAPSING = core_select(func.min(_TABLE.c.claimed_until)).where(
    _PENDING, _TABLE.c.claimed_until.is_not(None)
)


def check_error_code(error_code: str) -> str:
    """A short machine code like "ratelimited" or "http_500"; never message text."""
    if not _ERROR_CODE.fullmatch(error_code):
        raise ValueError("error_code must be a short code such as 'ratelimited' or 'http_500'")
    return error_code


@dataclass(frozen=True)
class ClaimedPost:
    """One claimed row. ``abandoned``: an earlier worker's claim had lapsed without a result
    (it stopped mid-post), so the post may already be in the channel."""

    outbox: AuditOutbox
    decision: Decision
    abandoned: bool


class AuditOutboxQueue(Repository):
    async def add(self, decision_id: int, channel_id: str, now: datetime) -> None:
        """Queue a just-written decision's audit post, due at once."""
        row = AuditOutbox(
            decision_id=decision_id,
            channel_id=channel_id,
            status=OutboxStatus.PENDING,
            attempts=0,
            next_attempt_at=now,
            claimed_by=None,
            claimed_until=None,
            posted_ts=None,
            last_error=None,
            created_at=now,
            posted_at=None,
        )
        self._session.add(row)
        await self._session.flush()
        self._detach(row)

    async def claim_next(
        self, worker_id: str, now: datetime | None = None, lease: timedelta = DEFAULT_LEASE
    ) -> ClaimedPost | None:
        """Claim the oldest due row for ``lease``, as `claim_due` does, one at a time."""
        moment = self._moment(now)
        connection = self._connection
        found = (await connection.execute(_NEXT_DUE, {"moment": moment})).first()
        if found is None:
            return None
        outbox_id, previous_worker = found
        await connection.execute(
            _CLAIM_ONE, {"outbox_id": outbox_id, "worker_id": worker_id, "until": moment + lease}
        )
        claimed = (await self._session.exec(_CLAIMED_ONE, params={"outbox_id": outbox_id})).first()
        if claimed is None:
            return None
        outbox, decision = self._detach(claimed[0]), self._detach(claimed[1])
        return ClaimedPost(outbox, decision, abandoned=previous_worker is not None)

    async def renew_claim(self, outbox_id: int, worker_id: str, until: datetime) -> bool:
        """Extend this worker's claim; False if the row is no longer this worker's to post."""
        connection = self._connection
        result = await connection.execute(
            _RENEW, {"outbox_id": outbox_id, "worker_id": worker_id, "until": utc(until)}
        )
        return bool(result.rowcount)

    def _due(self, moment: datetime) -> tuple[Any, ...]:
        return (
            col(AuditOutbox.status) == OutboxStatus.PENDING,
            col(AuditOutbox.next_attempt_at) <= moment,
            or_(
                col(AuditOutbox.claimed_until).is_(None),
                col(AuditOutbox.claimed_until) <= moment,
            ),
        )

    async def _claim(
        self, ids: list[int | None], worker_id: str, until: datetime
    ) -> list[tuple[AuditOutbox, Decision]]:
        await self._session.exec(
            update(AuditOutbox)
            .where(col(AuditOutbox.id).in_(ids))
            .values(claimed_by=worker_id, claimed_until=until)
            .execution_options(synchronize_session=False)
        )
        claimed = await self._session.exec(
            select(AuditOutbox, Decision)
            .join(Decision, col(AuditOutbox.decision_id) == col(Decision.id))
            .where(col(AuditOutbox.id).in_(ids))
            .order_by(col(AuditOutbox.next_attempt_at), col(AuditOutbox.id))
        )
        return [(self._detach(row), self._detach(decision)) for row, decision in claimed.all()]

    async def claim_due(
        self,
        worker_id: str,
        now: datetime | None = None,
        lease: timedelta = DEFAULT_LEASE,
        limit: int = 10,
    ) -> list[tuple[AuditOutbox, Decision]]:
        """Claim up to ``limit`` due rows (pending, next_attempt_at <= now, no live
        claim) for ``lease``. Oldest first. Rows another transaction is claiming right now
        are skipped (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite serialises writers)."""
        moment = self._moment(now)
        due = (
            select(AuditOutbox.id)
            .where(*self._due(moment))
            .order_by(col(AuditOutbox.next_attempt_at), col(AuditOutbox.id))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        ids = list((await self._session.exec(due)).all())
        if not ids:
            return []
        return await self._claim(ids, worker_id, moment + lease)

    async def mark_posted(self, outbox_id: int, ts: str, now: datetime | None = None) -> None:
        """Record the posted message's ts and release the claim. A row already posted
        keeps its first ts (a late duplicate report changes nothing)."""
        connection = self._connection
        await connection.execute(
            _POSTED, {"outbox_id": outbox_id, "ts": ts, "now": self._moment(now)}
        )

    async def mark_retry(self, outbox_id: int, error_code: str, retry_at: datetime) -> None:
        """Count a failed attempt, remember why (as a code), release the claim and make
        the row due again at ``retry_at``."""
        await self._release(
            outbox_id,
            attempts=col(AuditOutbox.attempts) + 1,
            last_error=check_error_code(error_code),
            next_attempt_at=utc(retry_at),
        )

    async def hold(self, outbox_id: int, error_code: str, retry_at: datetime) -> None:
        """Like `mark_retry`, but the attempt is not counted: the audit channel itself is
        unavailable, not this row."""
        await self._release(
            outbox_id, last_error=check_error_code(error_code), next_attempt_at=utc(retry_at)
        )

    async def set_aside(self, outbox_id: int, error_code: str) -> None:
        """Stop retrying a row Slack refused for good (or that could not be built); it stays
        in the table with its error code for an operator to look at."""
        await self._release(
            outbox_id,
            status=OutboxStatus.SET_ASIDE,
            attempts=col(AuditOutbox.attempts) + 1,
            last_error=check_error_code(error_code),
        )

    async def _release(self, outbox_id: int, **values: Any) -> None:
        """Release a pending row's claim, writing `values` with it; a row no longer pending
        (already posted or set aside) is left as it is."""
        await self._session.exec(
            update(AuditOutbox)
            .where(
                col(AuditOutbox.id) == outbox_id,
                col(AuditOutbox.status) == OutboxStatus.PENDING,
            )
            .values(claimed_by=None, claimed_until=None, **values)
            .execution_options(synchronize_session=False)
        )

    async def next_due(self) -> datetime | None:
        """When the next pending row becomes due (or its claim lapses), if any."""
        connection = self._connection
        unclaimed = (await connection.execute(_UNCLAIMED_DUE)).scalar_one()
        lapsing = (await connection.execute(_LAPSING)).scalar_one()
        moments = [moment for moment in (unclaimed, lapsing) if moment is not None]
        return min(moments) if moments else None

    async def set_aside_count(self) -> int:
        found = await self._session.exec(
            select(func.count())
            .select_from(AuditOutbox)
            .where(col(AuditOutbox.status) == OutboxStatus.SET_ASIDE)
        )
        return int(found.one())

    async def pending_count(self) -> int:
        found = await self._session.exec(
            select(func.count())
            .select_from(AuditOutbox)
            .where(col(AuditOutbox.status) == OutboxStatus.PENDING)
        )
        return int(found.one())

    async def backlog(self) -> tuple[int, datetime | None]:
        """How many posts are waiting, and when the oldest of them was recorded."""
        found = await self._session.exec(
            select(func.count(), func.min(AuditOutbox.created_at)).where(
                col(AuditOutbox.status) == OutboxStatus.PENDING
            )
        )
        count, oldest = found.one()
        return int(count), oldest
