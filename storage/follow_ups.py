"""Follow-up DMs waiting to be sent to practitioners, claimed under a lease like the audit
outbox, so several replicas never send the same one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, or_, update
from sqlmodel import col, select

from storage.columns import utc
from storage.outbox import check_error_code
from storage.repository import Repository
from storage.tables import Decision, FollowUpNotice, Review

# Looked for at every pass of the audit poster, and as a rule there is none: built once.
_NEXT_DUE = (
    select(FollowUpNotice)
    .where(
        col(FollowUpNotice.sent_ts).is_(None),
        col(FollowUpNotice.next_attempt_at) <= bindparam("moment"),
        or_(
            col(FollowUpNotice.claimed_until).is_(None),
            col(FollowUpNotice.claimed_until) <= bindparam("moment"),
        ),
    )
    .order_by(col(FollowUpNotice.next_attempt_at), col(FollowUpNotice.review_id))
    .limit(1)
    .with_for_update(skip_locked=True)
)


@dataclass(frozen=True)
class ClaimedNotice:
    """``abandoned``: an earlier worker's claim lapsed without a result (it stopped mid-send),
    so the DM may already be there; ``notice.last_error`` says how the last attempt ended."""

    notice: FollowUpNotice
    review: Review
    decision: Decision
    abandoned: bool


class FollowUpNotices(Repository):
    async def add(self, review_id: int, user_id: str, now: datetime) -> None:
        self._session.add(
            FollowUpNotice(
                review_id=review_id, user_id=user_id, attempts=0, next_attempt_at=utc(now),
                claimed_by=None, claimed_until=None, last_error=None, sent_ts=None,
            )
        )
        await self._session.flush()

    async def claim_next(
        self, worker_id: str, now: datetime, lease: timedelta
    ) -> ClaimedNotice | None:
        moment = utc(now)
        notice = (await self._session.exec(_NEXT_DUE, params={"moment": moment})).first()
        if notice is None:
            return None
        notice = self._detach(notice)
        taken = await self._session.exec(
            update(FollowUpNotice)
            .where(
                col(FollowUpNotice.review_id) == notice.review_id,
                col(FollowUpNotice.sent_ts).is_(None),
                or_(
                    col(FollowUpNotice.claimed_until).is_(None),
                    col(FollowUpNotice.claimed_until) <= moment,
                ),
            )
            .values(claimed_by=worker_id, claimed_until=moment + lease)
            .execution_options(synchronize_session=False)
        )
        if not taken.rowcount:
            return None
        found = (
            await self._session.exec(
                select(Review, Decision)
                .join(Decision, col(Review.decision_id) == col(Decision.id))
                .where(col(Review.id) == notice.review_id)
            )
        ).one()
        review, decision = self._detach(found[0]), self._detach(found[1])
        abandoned = notice.claimed_by is not None and notice.last_error is None
        return ClaimedNotice(notice, review, decision, abandoned)

    async def mark_sent(self, review_id: int, worker_id: str, ts: str) -> bool:
        done = await self._session.exec(
            update(FollowUpNotice)
            .where(
                col(FollowUpNotice.review_id) == review_id,
                col(FollowUpNotice.claimed_by) == worker_id,
            )
            .values(sent_ts=ts, claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        return bool(done.rowcount)

    async def mark_retry(
        self, review_id: int, worker_id: str, error_code: str, at: datetime
    ) -> None:
        await self._session.exec(
            update(FollowUpNotice)
            .where(
                col(FollowUpNotice.review_id) == review_id,
                col(FollowUpNotice.claimed_by) == worker_id,
            )
            .values(
                attempts=FollowUpNotice.attempts + 1,
                last_error=check_error_code(error_code),
                next_attempt_at=utc(at),
                claimed_until=None,
            )
            .execution_options(synchronize_session=False)
        )

    async def get(self, review_id: int) -> FollowUpNotice | None:
        found = await self._session.get(FollowUpNotice, review_id)
        return None if found is None else self._detach(found)
