"""Supervisors' reviews of decisions: append-only, chained (storage.chain), idempotent by key.

A decision's review status is derived, never stored: the latest of its `reviewed`,
`follow_up` and `follow_up_closed` rows decides it (comments do not change it).
`follow_up` -> follow-up open; `reviewed` or `follow_up_closed` -> reviewed; none ->
awaiting review."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from storage.chain import REVIEW_FIELDS, content_of
from storage.errors import UnknownDecision
from storage.record_chain import RecordChain
from storage.repository import Repository
from storage.tables import Decision, Review, ReviewKind, ReviewStatus

MAX_TEXT = 3000
_WITH_TEXT = (ReviewKind.COMMENT, ReviewKind.FOLLOW_UP)
_STATUS_OF_KIND = {
    ReviewKind.REVIEWED: ReviewStatus.REVIEWED,
    ReviewKind.FOLLOW_UP_CLOSED: ReviewStatus.REVIEWED,
    ReviewKind.FOLLOW_UP: ReviewStatus.FOLLOW_UP_OPEN,
}
_SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,63}")


@dataclass(frozen=True)
class DecisionWithStatus:
    decision: Decision
    status: ReviewStatus


@dataclass(frozen=True)
class SupervisorOverview:
    """What a supervisor's App Home and the daily digest show."""

    awaiting_review: int
    oldest_awaiting: Decision | None
    follow_ups_open: int
    # The oldest open follow-ups first, at most the limit asked for.
    follow_up_decisions: list[Decision]
    # Decisions recorded since the month's start, by outcome id.
    outcomes_this_month: dict[str, int]


def status_kind_by_decision() -> Any:
    """(decision_id, kind) of each decision's latest status-bearing review."""
    latest = (
        select(
            col(Review.decision_id).label("decision_id"),
            func.max(col(Review.chain_seq)).label("seq"),
        )
        .where(col(Review.kind).in_(list(_STATUS_OF_KIND)))
        .group_by(col(Review.decision_id))
        .subquery()
    )
    return (
        select(latest.c.decision_id, col(Review.kind).label("kind"))
        .join(Review, col(Review.chain_seq) == latest.c.seq)
        .subquery()
    )


def status_from_kind(kind: Any) -> ReviewStatus:
    return ReviewStatus.AWAITING_REVIEW if kind is None else _STATUS_OF_KIND[ReviewKind(kind)]


class ReviewLog(Repository):
    def __init__(self, session: Any, dialect: str, chain: RecordChain) -> None:
        super().__init__(session, dialect)
        self._chain = chain

    async def add(
        self,
        decision_id: int,
        kind: ReviewKind,
        supervisor_id: str,
        idempotency_key: str,
        text: str | None = None,
        now: datetime | None = None,
    ) -> tuple[Review, bool]:
        """Append a review. ``text`` (comments and follow-ups only, required there) must
        already be anonymised. Returns (row, True), or (the row already stored under
        ``idempotency_key``, False) for a double click or a Slack retry. Raises
        UnknownDecision, or ValueError for a malformed argument."""
        kind = ReviewKind(kind)
        _check(kind, supervisor_id, idempotency_key, text)
        await self._chain.lock()  # first, so a concurrent add of the same key waits here
        existing = await self.by_key(idempotency_key)
        if existing is not None:
            return existing, False
        if await self._session.get(Decision, decision_id) is None:
            raise UnknownDecision(decision_id)
        content: dict[str, Any] = dict(
            decision_id=decision_id,
            kind=kind,
            supervisor_id=supervisor_id,
            text=text,
            idempotency_key=idempotency_key,
            created_at=self._moment(now),
        )
        link = await self._chain.append("review", content_of(content, REVIEW_FIELDS))
        review = Review(
            **content, chain_seq=link.seq, prev_hash=link.prev_hash, row_hash=link.row_hash
        )
        self._session.add(review)
        await self._session.flush()
        return self._detach(review), True

    async def by_key(self, idempotency_key: str) -> Review | None:
        found = await self._session.exec(
            select(Review).where(col(Review.idempotency_key) == idempotency_key)
        )
        review = found.first()
        return None if review is None else self._detach(review)

    async def for_decision(self, decision_id: int) -> list[Review]:
        """A decision's reviews, oldest first."""
        found = await self._session.exec(
            select(Review)
            .where(col(Review.decision_id) == decision_id)
            .order_by(col(Review.chain_seq))
        )
        return [self._detach(review) for review in found.all()]

    async def status_of(self, decision_ids: Iterable[int]) -> dict[int, ReviewStatus]:
        """Each given decision's review status (awaiting review when it has no reviews)."""
        wanted = list(dict.fromkeys(decision_ids))
        statuses = dict.fromkeys(wanted, ReviewStatus.AWAITING_REVIEW)
        if not wanted:
            return statuses
        kinds = status_kind_by_decision()
        found = await self._session.exec(
            select(kinds.c.decision_id, kinds.c.kind).where(kinds.c.decision_id.in_(wanted))
        )
        for decision_id, kind in found.all():
            statuses[decision_id] = status_from_kind(kind)
        return statuses

    async def recent_for_practitioner(
        self, team_id: str, user_id: str, limit: int = 10
    ) -> list[DecisionWithStatus]:
        """The practitioner's most recent decisions, newest first, each with its status."""
        found = await self._session.exec(
            select(Decision)
            .where(col(Decision.team_id) == team_id, col(Decision.user_id) == user_id)
            .order_by(col(Decision.created_at).desc(), col(Decision.id).desc())
            .limit(limit)
        )
        decisions = [self._detach(decision) for decision in found.all()]
        statuses = await self.status_of(decision.id for decision in decisions if decision.id)
        return [
            DecisionWithStatus(decision, statuses[decision.id])
            for decision in decisions
            if decision.id is not None
        ]

    async def supervisor_overview(
        self, month_start: datetime, follow_up_limit: int = 10
    ) -> SupervisorOverview:
        """Counts for App Home and the digest. ``month_start``: the start of this month in
        UK time (the caller's calendar), as an aware datetime."""
        kinds = status_kind_by_decision()
        awaiting = (
            select(Decision)
            .outerjoin(kinds, kinds.c.decision_id == col(Decision.id))
            .where(kinds.c.kind.is_(None))
        )
        awaiting_count = (
            await self._session.exec(select(func.count()).select_from(awaiting.subquery()))
        ).one()
        oldest = (
            await self._session.exec(
                awaiting.order_by(col(Decision.created_at), col(Decision.id)).limit(1)
            )
        ).first()
        oldest = None if oldest is None else self._detach(oldest)
        open_follow_ups = (
            select(Decision)
            .join(kinds, kinds.c.decision_id == col(Decision.id))
            .where(kinds.c.kind == ReviewKind.FOLLOW_UP.value)
        )
        follow_up_count = (
            await self._session.exec(select(func.count()).select_from(open_follow_ups.subquery()))
        ).one()
        follow_ups = (
            await self._session.exec(
                open_follow_ups.order_by(col(Decision.created_at), col(Decision.id)).limit(
                    follow_up_limit
                )
            )
        ).all()
        follow_up_decisions = [self._detach(decision) for decision in follow_ups]
        outcomes = await self._session.exec(
            select(col(Decision.outcome), func.count())
            .where(col(Decision.created_at) >= self._moment(month_start))
            .group_by(col(Decision.outcome))
        )
        return SupervisorOverview(
            awaiting_review=awaiting_count,
            oldest_awaiting=oldest,
            follow_ups_open=follow_up_count,
            follow_up_decisions=follow_up_decisions,
            outcomes_this_month={outcome: count for outcome, count in outcomes.all()},
        )


def _check(kind: ReviewKind, supervisor_id: str, key: str, text: str | None) -> None:
    if not _SLACK_USER.fullmatch(supervisor_id):
        raise ValueError("supervisor_id must be a Slack user ID (U... or W...)")
    if not key or len(key) > 255:
        raise ValueError("an idempotency key is 1 to 255 characters")
    if kind in _WITH_TEXT:
        if text is None or not text.strip():
            raise ValueError(f"a {kind} needs its (anonymised) text")
        if len(text) > MAX_TEXT:
            raise ValueError(f"review text is at most {MAX_TEXT} characters")
    elif text is not None:
        raise ValueError(f"a {kind} carries no text")
