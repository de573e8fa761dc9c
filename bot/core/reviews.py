"""A supervisor's review of a recorded decision: mark it reviewed, comment, or ask the
practitioner to follow it up. Each is one storage transaction, idempotent by its key.

Slack-free: who may review is the adapter's check (it knows the user group); this module
anonymises the text, stores the review and returns what the adapter shows.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from enum import StrEnum

from bot.core.services import Services
from storage import Decision
from storage.tables import Review, ReviewKind, ReviewStatus

log = logging.getLogger(__name__)

# The comment form is answered without waiting for this (bot/slack/pending.py): the same
# limit as the record form's (recording.DRAFT_SECONDS), then nothing is kept.
ANONYMISE_SECONDS = 10.0
NOTE_LIMIT = 1000  # characters a comment or follow-up may have, as typed


class ReviewRefusal(StrEnum):
    NO_DECISION = "no_decision"
    ALREADY_REVIEWED = "already_reviewed"
    NOT_ANONYMISED = "not_anonymised"
    EMPTY = "empty"


@dataclass(frozen=True)
class Reviewed:
    """The decision and all its reviews after this one (oldest first)."""

    decision: Decision
    reviews: tuple[Review, ...]
    status: ReviewStatus
    review: Review  # the one this action names (already there if `created` is False)
    created: bool
    removed: dict[str, int]


@dataclass(frozen=True)
class ReviewState:
    """A decision and its reviews (oldest first) as the database holds them now."""

    decision: Decision
    reviews: tuple[Review, ...]
    status: ReviewStatus


async def current(services: Services, reference: str) -> ReviewState | None:
    async with services.db.transaction() as tx:
        decision = await tx.decisions.by_reference(reference)
        if decision is None or decision.id is None:
            return None
        reviews = tuple(await tx.reviews.for_decision(decision.id))
        status = (await tx.reviews.status_of([decision.id]))[decision.id]
    return ReviewState(decision, reviews, status)


async def review(
    services: Services,
    team: str,
    supervisor: str,
    reference: str,
    kind: ReviewKind,
    key: str,
    text: str = "",
) -> Reviewed | ReviewRefusal:
    """Add one review (`key` names the click or the modal, so a repeat adds nothing).

    Marking a decision reviewed also closes an open follow-up; marking one that is already
    reviewed changes nothing."""
    clean, removed = "", {}
    if kind in (ReviewKind.COMMENT, ReviewKind.FOLLOW_UP):
        if not text.strip():
            return ReviewRefusal.EMPTY
        work = asyncio.to_thread(services.anonymiser.anonymise, text.strip()[:NOTE_LIMIT])
        try:
            anonymised = await asyncio.wait_for(work, ANONYMISE_SECONDS)
        except TimeoutError:
            log.warning("anonymising a review took over %s s; nothing was kept", ANONYMISE_SECONDS)
            return ReviewRefusal.NOT_ANONYMISED
        clean, removed = anonymised.text, anonymised.removed_summary()
    now = services.clock()
    async with services.db.transaction() as tx:
        decision = await tx.decisions.by_reference(reference)
        if decision is None or decision.team_id != team or decision.id is None:
            return ReviewRefusal.NO_DECISION
        if kind is ReviewKind.REVIEWED:
            status = (await tx.reviews.status_of([decision.id]))[decision.id]
            if status is ReviewStatus.REVIEWED and await tx.reviews.by_key(key) is None:
                return ReviewRefusal.ALREADY_REVIEWED
        added, created = await tx.reviews.add(
            decision.id, kind, supervisor, key, text=clean or None, now=now
        )
        if kind is ReviewKind.FOLLOW_UP and created and added.id is not None:
            # Queued with the review: the audit poster tells the practitioner, once.
            await tx.follow_ups.add(added.id, decision.user_id, now)
        reviews = tuple(await tx.reviews.for_decision(decision.id))
        status = (await tx.reviews.status_of([decision.id]))[decision.id]
    if kind is ReviewKind.FOLLOW_UP and created:
        services.audit_due.set()
    return Reviewed(decision, reviews, status, added, created, removed)
