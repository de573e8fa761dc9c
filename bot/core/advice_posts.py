"""Announcing advice requests in the leads' channel and sending answers to practitioners:
each post claimed in the database first, so one replica makes it (bot.slack.advice_poster
posts what these claims hand it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.services import Services
from storage.tables import AdviceRequest

BATCH = 50


@dataclass(frozen=True)
class Announcement:
    request: AdviceRequest
    first: bool  # the first post; later ones re-announce and tell the practitioner
    claimed: datetime  # the new due moment this claim set (to give it back)
    was_due: datetime


async def claim_announcements(services: Services, now: datetime) -> list[Announcement]:
    """The announcements this replica should post now, each claimed for it alone by moving
    the request's next announcement one interval on."""
    async with services.db.transaction() as tx:
        due = await tx.advice.due_announcements(now, BATCH)
    claimed = []
    for request in due:
        assert request.announce_due_at is not None
        next_due = now + services.settings.advice_times.interval(request.urgency)
        async with services.db.transaction() as tx:
            if not await tx.advice.claim_announcement(request, next_due):
                continue  # another replica took it, or it was taken, answered or withdrawn
        claimed.append(
            Announcement(request, request.announcements == 0, next_due, request.announce_due_at)
        )
    return claimed


async def release_announcement(services: Services, announcement: Announcement) -> None:
    """Slack did not take the post: due again now, for the next round."""
    assert announcement.request.id is not None
    async with services.db.transaction() as tx:
        await tx.advice.release_announcement(
            announcement.request.id, announcement.claimed, announcement.was_due
        )


async def posted(services: Services, request_id: int, channel: str, ts: str) -> None:
    async with services.db.transaction() as tx:
        await tx.advice.mark_posted(request_id, channel, ts)


async def claim_replies(
    services: Services, now: datetime, lease: timedelta
) -> list[AdviceRequest]:
    """Answers whose DM to the practitioner is due, each claimed for this replica for `lease`
    (if it stops mid-send, the DM is due again when the lease ends)."""
    async with services.db.transaction() as tx:
        due = await tx.advice.due_replies(now, BATCH)
    claimed = []
    for request in due:
        async with services.db.transaction() as tx:
            if await tx.advice.claim_reply(request, now + lease):
                request.reply_due_at = now + lease  # a detached snapshot: the claim it holds
                claimed.append(request)
    return claimed


async def replied(services: Services, request_id: int, ts: str) -> None:
    async with services.db.transaction() as tx:
        await tx.advice.mark_replied(request_id, ts)


async def reply_later(services: Services, request: AdviceRequest, at: datetime) -> None:
    assert request.id is not None and request.reply_due_at is not None
    async with services.db.transaction() as tx:
        await tx.advice.retry_reply(request.id, request.reply_due_at, at)
