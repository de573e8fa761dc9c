"""The supervisor digest's daily claim: one row per UK calendar day, so however many
replicas run, one of them posts that day's digest."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select

from storage.repository import Repository
from storage.tables import DigestPost

DEFAULT_DIGEST_LEASE = timedelta(minutes=5)


class DigestPosts(Repository):
    async def claim(
        self,
        day: date,
        worker_id: str,
        now: datetime | None = None,
        lease: timedelta = DEFAULT_DIGEST_LEASE,
    ) -> bool:
        """True if this worker should post ``day``'s digest now: nobody claimed the day, or
        an earlier claim lapsed without a post (that worker stopped). False otherwise."""
        moment = self._moment(now)
        dialect_insert = postgresql.insert if self._dialect == "postgresql" else sqlite.insert
        inserted = await self._session.exec(
            dialect_insert(DigestPost)
            .values(day=day, claimed_by=worker_id, claimed_until=moment + lease)
            .on_conflict_do_nothing(index_elements=["day"])
            .returning(col(DigestPost.day))
        )
        if inserted.first() is not None:
            return True
        taken = await self._session.exec(
            update(DigestPost)
            .where(
                col(DigestPost.day) == day,
                col(DigestPost.posted_ts).is_(None),
                or_(
                    col(DigestPost.claimed_until) < moment,
                    col(DigestPost.claimed_by) == worker_id,
                ),
            )
            .values(claimed_by=worker_id, claimed_until=moment + lease)
            .execution_options(synchronize_session=False)
        )
        return bool(taken.rowcount)

    async def mark_posted(
        self, day: date, worker_id: str, posted_ts: str, now: datetime | None = None
    ) -> bool:
        """Record the post; False if this worker no longer holds the day's claim."""
        done = await self._session.exec(
            update(DigestPost)
            .where(col(DigestPost.day) == day, col(DigestPost.claimed_by) == worker_id)
            .values(posted_ts=posted_ts, posted_at=self._moment(now))
            .execution_options(synchronize_session=False)
        )
        return bool(done.rowcount)

    async def release(self, day: date, worker_id: str) -> None:
        """Give the claim back after a failed post, so the next round may try again."""
        await self._session.exec(
            update(DigestPost)
            .where(
                col(DigestPost.day) == day,
                col(DigestPost.claimed_by) == worker_id,
                col(DigestPost.posted_ts).is_(None),
            )
            .values(claimed_until=datetime(1970, 1, 1, tzinfo=UTC))
            .execution_options(synchronize_session=False)
        )

    async def get(self, day: date) -> DigestPost | None:
        found = (await self._session.exec(select(DigestPost).where(DigestPost.day == day))).first()
        return None if found is None else self._detach(found)
